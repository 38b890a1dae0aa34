// What a source (and a pane's action) gets to work with: the clients, the store, the clock.
import type {AwsClients} from '../aws/clients.js';
import {LIMITS, LOG_DEFAULTS} from '../config/config.js';
import type {LogTailOptions} from '../aws/logTail.js';
import type {SourceError} from '../aws/errors.js';
import type {MetricSpec} from '../model/types.js';
import type {Store} from './store.js';
import type {LiveState} from './state.js';

export type EngineOptions = {
	interval: number;
	windowMs: number;
	metricSpecs: MetricSpec[];
	logGroups: string[];
	logFilter?: string;
	logBuffer: number;
	alarmPrefix?: string;
	resourcesInterval: number;
	source: LiveState['source'];
	/** Follow the log groups with StartLiveTail instead of polling FilterLogEvents. */
	liveTail?: boolean;
	/** Tuning of the FilterLogEvents tail (tests lower the page size and the request gap). */
	logTail?: Omit<LogTailOptions, 'groups' | 'filterPattern'>;
	/** The log poll's cadence, ms (`--log-interval`, default 2 s): its own, whatever `interval` is. */
	logPollInterval?: number;
	/** How far back the first log poll reads, ms (`--since`, default 10 min). */
	logSince?: number;
	/** A CloudWatch dashboard whose metric widgets are the board (`--dashboard`), loaded on the metrics' first run. */
	dashboard?: string;
	/** Where `w` writes the board (the config file the app read, or would read). */
	configFile?: string;
	now?: () => number;
	/** The Fleet view's breakdown field (`--fleet-group-by`, default attributes.firmware). */
	fleetGroupBy?: string;
};

/** Per group and poll: with one page each, several groups stay well under 5 requests/s. */
const POLL_PER_GROUP = 400;
/** How often a live-tail session's pushed events are taken into the store. */
export const LIVE_TAIL_TICK = 1000;

/**
 * How often the Logs source reads when it keeps up: a live-tail drain every second, or a poll
 * every `--log-interval`, slower with many groups (the FilterLogEvents quota is the account's).
 */
export function logCadence(options: Pick<EngineOptions, 'logPollInterval' | 'logGroups'>, live: boolean): number {
	if (live) return LIVE_TAIL_TICK;
	return Math.max(LIMITS.logInterval.min, options.logPollInterval ?? LOG_DEFAULTS.interval, options.logGroups.length * POLL_PER_GROUP);
}

export type SourceContext = {
	clients: AwsClients;
	store: Store<LiveState>;
	options: EngineOptions;
	now(): number;
	/** Epoch ms of the last `r` (refresh now): a source that skips runs until it is due runs anyway after it. */
	refreshRequestedAt?: number;
};

/** A source the engine runs on a cadence; it writes its own slice of the state. */
export type LiveSource = {
	name: keyof LiveState['sources'];
	/** The IAM action a failure is reported against. */
	operation: string;
	cadence(state: LiveState, options: EngineOptions): number;
	run(context: SourceContext): Promise<void>;
	/** Called with the error when run() fails; the default marks the slice's error. */
	onError?(context: SourceContext, error: SourceError): void;
	/** Called when the engine stops: close what the source holds open (a live-tail stream). */
	stop?(): void;
	/**
	 * Called when the user pauses: close what costs money while nobody watches (a live-tail
	 * session, billed per minute); the next run after resuming opens it again.
	 */
	pause?(context: SourceContext): void;
};
