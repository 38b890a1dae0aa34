// What a source (and a pane's action) gets to work with: the clients, the store, the clock.
import type {AwsClients} from '../aws/clients.js';
import type {LogTailOptions} from '../aws/logs.js';
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
	/** Fastest log poll, ms (the FilterLogEvents quota is shared by the whole account). */
	logPollInterval?: number;
	now?: () => number;
};

export type SourceContext = {
	clients: AwsClients;
	store: Store<LiveState>;
	options: EngineOptions;
	now(): number;
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
	/** Called when the user pauses: close what costs money while nobody watches (a live-tail session, billed per minute); the next run after resuming opens it again. */
	pause?(): void;
};
