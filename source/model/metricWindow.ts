// The metrics window over time: which range to ask CloudWatch for (the whole window once,
// then only what is new), how new points merge into a series, and one value per period
// for drawing. Pure, so the incremental fetch is tested without a clock.
import type {MetricSeries, MetricSpec} from './types.js';

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

export type Points = {timestamps: number[]; values: number[]; status?: string};

/**
 * The series after a fetch of `range`: points before the range are kept (those older than
 * `windowStart` dropped), the fetched ones replace everything from `range.start` on.
 */
export function mergeSeries(previous: MetricSeries | undefined, spec: MetricSpec, fetched: Points, range: TimeRange, windowStart: number): MetricSeries {
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
	};
}

/**
 * One value per period over the window. CloudWatch leaves out periods with no events, so
 * for a metric that has reported a gap is 0; a metric that never reported has no values.
 */
export function windowValues(series: MetricSeries, windowMs: number, now: number): Array<number | undefined> {
	const period = series.spec.period * 1000;
	const {start, end} = windowRange(now, windowMs, period);
	const count = Math.max(1, Math.round((end - start) / period));
	const values: Array<number | undefined> = new Array<number | undefined>(count).fill(series.hasData ? 0 : undefined);
	for (let i = 0; i < series.timestamps.length; i++) {
		const bucket = Math.floor((series.timestamps[i] - start) / period);
		if (bucket >= 0 && bucket < count) values[bucket] = series.values[i];
	}
	// The last periods after the newest datapoint may not have reported yet (the one still
	// filling, CloudWatch's publishing delay): unknown, not zero.
	const newest = series.timestamps.at(-1) ?? Number.NEGATIVE_INFINITY;
	for (let bucket = Math.max(0, count - REFETCH_PERIODS); bucket < count; bucket++) {
		if (start + bucket * period > newest) values[bucket] = undefined;
	}
	return values;
}

export type SeriesStats = {last?: number; min?: number; max?: number};

/** The newest datapoint, and min and max of the drawn values (gaps of a reporting metric count as 0). */
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
