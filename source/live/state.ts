// The store's shape: one slice per source, plus what the header shows.
import type {SourceError} from '../aws/errors.js';
import {emptyLogBuffer, type LogBuffer} from '../model/logBuffer.js';
import type {AlarmRow, MetricSeries, ThingRow} from '../model/types.js';

export type SourceStatus = {
	/** Epoch ms of the last successful fetch. */
	fetchedAt?: number;
	/** The last fetch's error; cleared by the next success. The data is kept. */
	error?: SourceError;
	loading: boolean;
};

export type AlarmsSlice = SourceStatus & {rows: AlarmRow[]};

export type MetricsSlice = SourceStatus & {series: MetricSeries[]};

export type LogsSlice = SourceStatus & {
	/** Oldest first, at most `--log-buffer` events; counts what it dropped. */
	buffer: LogBuffer;
	/** Events received since start. */
	received: number;
	/** Events per second over the last polls. */
	rate: number;
	/** How events arrive: FilterLogEvents polling or a StartLiveTail session. */
	mode: 'poll' | 'live';
	/** Live tail: CloudWatch sampled an update within the rate window (not every event was sent). */
	sampled: boolean;
	/** Something the pane must say, e.g. that live tail failed and polling took over. */
	notice?: string;
};

export type ResourcesSlice = SourceStatus & {things: {rows: ThingRow[]; complete: boolean}};

export type SourceDescription = {
	demo: boolean;
	region?: string;
	profile?: string;
	account?: string;
	endpointUrl?: string;
};

export type LiveState = {
	sources: {
		alarms: AlarmsSlice;
		metrics: MetricsSlice;
		logs: LogsSlice;
		resources: ResourcesSlice;
	};
	source: SourceDescription;
	paused: boolean;
	/** Refresh interval of alarms and metrics, ms. */
	interval: number;
	calls: {perMinute: number; throttles: number; total: number};
};

export type SourceName = keyof LiveState['sources'];

export function initialState(options: {interval: number; logBuffer: number; liveTail?: boolean; source: SourceDescription}): LiveState {
	return {
		sources: {
			alarms: {rows: [], loading: true},
			metrics: {series: [], loading: true},
			logs: {buffer: emptyLogBuffer(options.logBuffer), received: 0, rate: 0, mode: options.liveTail ? 'live' : 'poll', sampled: false, loading: true},
			resources: {things: {rows: [], complete: false}, loading: true},
		},
		source: options.source,
		paused: false,
		interval: options.interval,
		calls: {perMinute: 0, throttles: 0, total: 0},
	};
}

/** Replaces one source's slice: the one way sources write the store. */
export function withSlice<Name extends SourceName>(
	state: LiveState,
	name: Name,
	change: (slice: LiveState['sources'][Name]) => LiveState['sources'][Name],
): LiveState {
	const next = change(state.sources[name]);
	return next === state.sources[name] ? state : {...state, sources: {...state.sources, [name]: next}};
}

export function accountFromArn(arn: string | undefined): string | undefined {
	const account = arn?.split(':')[4];
	return account && /^\d{12}$/.test(account) ? account : undefined;
}

/** Fills in the account from the first ARN seen, once. */
export function withAccount(state: LiveState, arn: string | undefined): LiveState {
	if (state.source.account) return state;
	const account = accountFromArn(arn);
	return account ? {...state, source: {...state.source, account}} : state;
}
