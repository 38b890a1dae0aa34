// The refresh engine: runs each source on its cadence, keeps the last good value, its
// error and fetchedAt, backs off on failure, and applies each result to the store as one
// update. It knows nothing of the UI; the UI calls its commands (refresh, pause, interval).
import type {AwsClients} from '../aws/clients.js';
import {fetchAlarms} from '../aws/alarms.js';
import {describeAwsError, type SourceError} from '../aws/errors.js';
import {LogTail} from '../aws/logs.js';
import {fetchMetrics} from '../aws/metrics.js';
import {fetchThingsPage} from '../aws/resources.js';
import type {AlarmRow, LogEvent, MetricSeries, MetricSpec, ThingRow} from '../model/types.js';
import {Store} from './store.js';

export type SourceStatus = {
	/** Epoch ms of the last successful fetch. */
	fetchedAt?: number;
	/** The last fetch's error; cleared by the next success. The data above is kept. */
	error?: SourceError;
	loading: boolean;
};

export type SourceName = 'alarms' | 'metrics' | 'logs' | 'things';

export type LiveState = {
	alarms: SourceStatus & {rows: AlarmRow[]};
	metrics: SourceStatus & {series: MetricSeries[]};
	logs: SourceStatus & {
		/** Oldest first, at most `capacity`. */
		events: LogEvent[];
		capacity: number;
		/** Events received since start. */
		received: number;
		/** Events pushed out of the buffer since start. */
		dropped: number;
		/** Events per second over the last polls. */
		rate: number;
	};
	things: SourceStatus & {rows: ThingRow[]; complete: boolean};
	source: SourceDescription;
	paused: boolean;
	/** Refresh interval of alarms and metrics, ms. */
	interval: number;
	calls: {perMinute: number; throttles: number; total: number};
};

export type SourceDescription = {
	demo: boolean;
	region?: string;
	profile?: string;
	account?: string;
	endpointUrl?: string;
};

export type EngineOptions = {
	interval: number;
	windowMs: number;
	metricSpecs: MetricSpec[];
	logGroups: string[];
	logFilter?: string;
	logBuffer: number;
	alarmPrefix?: string;
	resourcesInterval: number;
	source: SourceDescription;
	/** Fastest log poll, ms (the FilterLogEvents quota is shared by the whole account). */
	logPollInterval?: number;
	now?: () => number;
};

export const INTERVAL_STEPS = [1000, 2000, 5000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000];
const MAX_BACKOFF = 5 * 60_000;

export function initialState(options: Pick<EngineOptions, 'interval' | 'logBuffer' | 'source'>): LiveState {
	return {
		alarms: {rows: [], loading: true},
		metrics: {series: [], loading: true},
		logs: {events: [], capacity: options.logBuffer, received: 0, dropped: 0, rate: 0, loading: true},
		things: {rows: [], complete: false, loading: true},
		source: options.source,
		paused: false,
		interval: options.interval,
		calls: {perMinute: 0, throttles: 0, total: 0},
	};
}

type Loop = {
	name: SourceName;
	cadence: () => number;
	run: () => Promise<void>;
	timer?: NodeJS.Timeout;
	running: boolean;
	failures: number;
};

function accountFromArn(arn: string | undefined): string | undefined {
	const account = arn?.split(':')[4];
	return account && /^\d{12}$/.test(account) ? account : undefined;
}

export class Engine {
	readonly store: Store<LiveState>;
	private readonly loops: Loop[];
	private readonly logTail: LogTail;
	private readonly now: () => number;
	private stopped = true;
	private logRateSamples: Array<{at: number; count: number}> = [];

	constructor(
		private readonly clients: AwsClients,
		private readonly options: EngineOptions,
	) {
		this.now = options.now ?? Date.now;
		this.store = new Store(initialState(options));
		this.logTail = new LogTail(clients, {groups: options.logGroups, filterPattern: options.logFilter});
		const interval = () => this.store.getSnapshot().interval;
		this.loops = [
			this.loop('alarms', interval, () => this.refreshAlarms()),
			this.loop('metrics', interval, () => this.refreshMetrics()),
			this.loop('logs', () => Math.min(interval(), options.logPollInterval ?? 2000), () => this.refreshLogs()),
			this.loop('things', () => options.resourcesInterval, () => this.refreshThings()),
		];
	}

	private loop(name: SourceName, cadence: () => number, run: () => Promise<void>): Loop {
		return {name, cadence, run, running: false, failures: 0};
	}

	start(): void {
		if (!this.stopped) return;
		this.stopped = false;
		for (const loop of this.loops) void this.runLoop(loop);
	}

	stop(): void {
		this.stopped = true;
		for (const loop of this.loops) {
			clearTimeout(loop.timer);
			loop.timer = undefined;
		}
	}

	/** One round of every source, for tests and the snapshot command. */
	async refreshAll(): Promise<void> {
		await Promise.all(this.loops.map((loop) => this.runOnce(loop)));
	}

	/** `r`: run every source now, whatever its timer says. */
	refreshNow(): void {
		for (const loop of this.loops) {
			clearTimeout(loop.timer);
			loop.timer = undefined;
			loop.failures = 0;
			if (!loop.running) void this.runLoop(loop);
		}
	}

	togglePause(): void {
		const paused = !this.store.getSnapshot().paused;
		this.store.update((state) => ({...state, paused}));
		if (paused) {
			for (const loop of this.loops) {
				clearTimeout(loop.timer);
				loop.timer = undefined;
			}
		} else {
			this.refreshNow();
		}
	}

	/** `+`/`-`: step the refresh interval through INTERVAL_STEPS. */
	stepInterval(direction: 1 | -1): void {
		const current = this.store.getSnapshot().interval;
		const index = INTERVAL_STEPS.findIndex((step) => step >= current);
		const position = index === -1 ? INTERVAL_STEPS.length - 1 : index;
		const nextIndex =
			direction > 0
				? Math.min(INTERVAL_STEPS.length - 1, INTERVAL_STEPS[position] > current ? position : position + 1)
				: Math.max(0, position - 1);
		const interval = INTERVAL_STEPS[nextIndex];
		if (interval === current) return;
		this.store.update((state) => ({...state, interval}));
		this.refreshNow();
	}

	private async runLoop(loop: Loop): Promise<void> {
		if (this.stopped || this.store.getSnapshot().paused) return;
		await this.runOnce(loop);
		if (this.stopped || this.store.getSnapshot().paused) return;
		clearTimeout(loop.timer);
		loop.timer = setTimeout(() => void this.runLoop(loop), this.delay(loop));
		loop.timer.unref?.();
	}

	private delay(loop: Loop): number {
		const cadence = loop.cadence();
		if (loop.failures === 0) return cadence;
		// Exponential backoff with full jitter, capped; never faster than the cadence.
		const ceiling = Math.min(MAX_BACKOFF, cadence * 2 ** Math.min(loop.failures, 8));
		return Math.max(cadence, Math.round(ceiling / 2 + (Math.random() * ceiling) / 2));
	}

	private async runOnce(loop: Loop): Promise<void> {
		if (loop.running) return;
		loop.running = true;
		try {
			await loop.run();
			loop.failures = 0;
		} catch (error) {
			loop.failures++;
			const failure = describeAwsError(error, operationOf(loop.name), this.now());
			this.store.update((state) => ({...state, [loop.name]: {...state[loop.name], loading: false, error: failure}}));
		} finally {
			loop.running = false;
			this.updateCallStats();
		}
	}

	private updateCallStats(): void {
		const {stats} = this.clients;
		const now = this.now();
		const perMinute = stats.recent.filter((at) => at >= now - 60_000).length;
		this.store.update((state) =>
			state.calls.perMinute === perMinute && state.calls.throttles === stats.throttles && state.calls.total === stats.attempts
				? state
				: {...state, calls: {perMinute, throttles: stats.throttles, total: stats.attempts}},
		);
	}

	private async refreshAlarms(): Promise<void> {
		const rows = await fetchAlarms(this.clients, {prefix: this.options.alarmPrefix});
		const fetchedAt = this.now();
		this.store.update((state) => ({
			...state,
			alarms: {rows, fetchedAt, loading: false},
			source: state.source.account ? state.source : {...state.source, account: accountFromArn(rows[0]?.arn)},
		}));
	}

	private async refreshMetrics(): Promise<void> {
		const series = await fetchMetrics(this.clients, this.options.metricSpecs, this.options.windowMs, this.now());
		const fetchedAt = this.now();
		this.store.update((state) => ({...state, metrics: {series, fetchedAt, loading: false}}));
	}

	private async refreshLogs(): Promise<void> {
		const fresh = await this.logTail.poll(this.now());
		const fetchedAt = this.now();
		this.logRateSamples.push({at: fetchedAt, count: fresh.length});
		this.logRateSamples = this.logRateSamples.filter((sample) => sample.at >= fetchedAt - 30_000);
		const first = this.logRateSamples[0];
		const span = Math.max(1, (fetchedAt - (this.logRateSamples.length > 1 ? first.at : fetchedAt - 1000)) / 1000);
		const counted = this.logRateSamples.slice(this.logRateSamples.length > 1 ? 1 : 0).reduce((sum, sample) => sum + sample.count, 0);
		const rate = counted / span;
		this.store.update((state) => {
			const {capacity} = state.logs;
			const combined = fresh.length === 0 ? state.logs.events : state.logs.events.concat(fresh);
			const overflow = Math.max(0, combined.length - capacity);
			const events = overflow > 0 ? combined.slice(overflow) : combined;
			return {
				...state,
				logs: {
					...state.logs,
					events,
					received: state.logs.received + fresh.length,
					dropped: state.logs.dropped + overflow,
					rate,
					fetchedAt,
					loading: false,
					error: undefined,
				},
			};
		});
	}

	private async refreshThings(): Promise<void> {
		const page = await fetchThingsPage(this.clients);
		const fetchedAt = this.now();
		this.store.update((state) => ({
			...state,
			things: {rows: page.rows, complete: page.nextToken === undefined, fetchedAt, loading: false},
			source: state.source.account ? state.source : {...state.source, account: accountFromArn(page.rows[0]?.arn)},
		}));
	}
}

function operationOf(source: SourceName): string {
	switch (source) {
		case 'alarms': {
			return 'cloudwatch:DescribeAlarms';
		}
		case 'metrics': {
			return 'cloudwatch:GetMetricData';
		}
		case 'logs': {
			return 'logs:FilterLogEvents';
		}
		case 'things': {
			return 'iot:ListThings';
		}
	}
}
