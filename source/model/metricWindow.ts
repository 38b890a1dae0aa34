// The metrics window over time: which range to ask CloudWatch for (the whole window once,
// then only what is new), how new points merge into a series, and one value per period
// for drawing. Pure, so the incremental fetch is tested without a clock.
import type {MetricQuery, MetricSeries, MetricSpec} from './types.js';

export type TimeRange = {start: number; end: number};

/**
 * Periods re-read on every refresh: the last one was still filling when it was read, and
 * CloudWatch may add late datapoints to the one before it (AWS/IoT publishes about a minute late).
 */
export const REFETCH_PERIODS = 2;

/** The alignment of one GetMetricData call for a board: the longest period, ms. */
export function boardPeriodMs(specs: readonly MetricSpec[]): number {
	return Math.max(60, ...specs.map((spec) => spec.period)) * 1000;
}

/** The window ending with the period that contains `now`, in whole periods. */
export function windowRange(now: number, windowMs: number, periodMs: number): TimeRange {
	const end = Math.ceil((now + 1) / periodMs) * periodMs;
	return {start: end - Math.ceil(windowMs / periodMs) * periodMs, end};
}

/**
 * What to fetch now: the whole window the first time; afterwards only the periods since the
 * last complete one (the last REFETCH_PERIODS of the previous fetch are read again).
 */
export function fetchRange(now: number, windowMs: number, periodMs: number, fetchedUntil: number | undefined): TimeRange {
	const window = windowRange(now, windowMs, periodMs);
	if (fetchedUntil === undefined) return window;
	return {start: Math.min(window.end - periodMs, Math.max(window.start, fetchedUntil - REFETCH_PERIODS * periodMs)), end: window.end};
}

/** Datapoints of one fetch, ascending, with its StatusCode and messages (see MetricSeries). */
export type Points = {timestamps: number[]; values: number[]; status?: string; messages?: string[]};

/**
 * The series after a fetch of `range`: points before the range are kept (those older than
 * `windowStart` dropped), the fetched ones replace everything from `range.start` on.
 */
export function mergeSeries(
	previous: MetricSeries | undefined,
	spec: MetricSpec,
	fetched: Points,
	range: TimeRange,
	windowStart: number,
	query?: MetricQuery,
): MetricSeries {
	const timestamps: number[] = [];
	const values: number[] = [];
	if (previous) {
		for (let index = 0; index < previous.timestamps.length; index++) {
			const at = previous.timestamps[index];
			if (at >= windowStart && at < range.start) {
				timestamps.push(at);
				values.push(previous.values[index]);
			}
		}
	}
	for (let index = 0; index < fetched.timestamps.length; index++) {
		const at = fetched.timestamps[index];
		if (at >= windowStart && at >= range.start) {
			timestamps.push(at);
			values.push(fetched.values[index]);
		}
	}
	return {
		spec,
		timestamps,
		values,
		hasData: (previous?.hasData ?? false) || fetched.timestamps.length > 0,
		status: fetched.status ?? previous?.status,
		...(fetched.messages && fetched.messages.length > 0 ? {messages: fetched.messages} : {}),
		...(query ? {query} : previous?.query ? {query: previous.query} : {}),
	};
}

/**
 * One value per period over the window; undefined where CloudWatch has no datapoint. A period
 * without a datapoint is drawn blank, never as 0: "no datapoint" (no events, or not reported
 * yet, or not known) and a reported 0 must not look alike.
 */
export function windowValues(series: MetricSeries, windowMs: number, now: number): Array<number | undefined> {
	const period = series.spec.period * 1000;
	const {start, end} = windowRange(now, windowMs, period);
	const count = Math.max(1, Math.round((end - start) / period));
	const values: Array<number | undefined> = new Array<number | undefined>(count).fill(undefined);
	for (let i = 0; i < series.timestamps.length; i++) {
		const bucket = Math.floor((series.timestamps[i] - start) / period);
		if (bucket >= 0 && bucket < count) values[bucket] = series.values[i];
	}
	return values;
}

export type SeriesStats = {last?: number; min?: number; max?: number};

/** The newest datapoint, and min and max over the periods that have one (a quiet period is not a 0). */
export function seriesStats(series: MetricSeries, values: ReadonlyArray<number | undefined>): SeriesStats {
	const last = series.values.at(-1);
	let min: number | undefined;
	let max: number | undefined;
	for (const value of values) {
		if (value === undefined) continue;
		if (min === undefined || value < min) min = value;
		if (max === undefined || value > max) max = value;
	}
	return {last, min, max};
}
