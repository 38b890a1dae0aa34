// The alarm detail's graph as data: the range it spans (three times the alarm's evaluation
// periods, never fewer than 15 periods), one value per period (undefined where CloudWatch had no
// datapoint), which datapoints breached, and when the alarm was in ALARM, from its state history.
import type {AlarmHistoryItem} from './types.js';

/** What aws/alarms.ts fetches for the graph: plain, sanitized data. */
export type AlarmGraphData = {
	/** What is drawn, in words: `Connect.AuthError Sum`, or the expression of a metric-math alarm. */
	label: string;
	periodSec: number;
	/** Epoch ms: the first period's start, and the end of the last one. */
	start: number;
	end: number;
	/** One per period from `start`: undefined where CloudWatch had no datapoint (drawn blank, never 0). */
	values: Array<number | undefined>;
	/** Anomaly detection: the band's edges per period, instead of a threshold. */
	band?: {lower: Array<number | undefined>; upper: Array<number | undefined>};
	/** Undefined when the alarm has none (an anomaly band) or the answer left it out: never drawn as 0. */
	threshold?: number;
	comparison?: string;
	/** A result that was not Complete: CloudWatch's StatusCode and its messages. */
	status?: string;
	messages?: string[];
};

/** At least this many periods are drawn, however few the alarm evaluates. */
export const MIN_GRAPH_PERIODS = 15;

/** The periods the graph spans: 3 x EvaluationPeriods, at least {@link MIN_GRAPH_PERIODS}, ending with the last whole period. */
export function graphSpan(
	periodSec: number,
	evaluationPeriods: number | undefined,
	now: number,
): {start: number; end: number; periods: number} {
	const periods = Math.max(MIN_GRAPH_PERIODS, 3 * (evaluationPeriods ?? 0));
	const periodMs = periodSec * 1000;
	const end = Math.floor(now / periodMs) * periodMs;
	return {start: end - periods * periodMs, end, periods};
}

/** Datapoints into their periods from `start`; periods without one stay undefined. */
export function periodValues(
	timestamps: readonly number[],
	values: readonly number[],
	start: number,
	periodSec: number,
	periods: number,
): Array<number | undefined> {
	const out: Array<number | undefined> = Array.from({length: periods}, () => undefined);
	const periodMs = periodSec * 1000;
	timestamps.forEach((at, index) => {
		const slot = Math.floor((at - start) / periodMs);
		const value = values[index];
		if (slot >= 0 && slot < periods && Number.isFinite(value)) out[slot] = value;
	});
	return out;
}

/**
 * Whether a datapoint breaches: per ComparisonOperator against the threshold, or the band of an
 * anomaly-detection alarm. Undefined when that cannot be told (no value, no threshold, an
 * operator CloudWatch did not document).
 */
export function breaches(
	value: number | undefined,
	comparison: string | undefined,
	threshold: number | undefined,
	band?: {lower?: number; upper?: number},
): boolean | undefined {
	if (value === undefined) return undefined;
	const against = (limit: number | undefined, test: (limit: number) => boolean) => (limit === undefined ? undefined : test(limit));
	switch (comparison) {
		case 'GreaterThanThreshold': {
			return against(threshold, (limit) => value > limit);
		}
		case 'GreaterThanOrEqualToThreshold': {
			return against(threshold, (limit) => value >= limit);
		}
		case 'LessThanThreshold': {
			return against(threshold, (limit) => value < limit);
		}
		case 'LessThanOrEqualToThreshold': {
			return against(threshold, (limit) => value <= limit);
		}
		case 'GreaterThanUpperThreshold': {
			return against(band?.upper, (limit) => value > limit);
		}
		case 'LessThanLowerThreshold': {
			return against(band?.lower, (limit) => value < limit);
		}
		case 'LessThanLowerOrGreaterThanUpperThreshold': {
			const above = against(band?.upper, (limit) => value > limit);
			const below = against(band?.lower, (limit) => value < limit);
			if (above || below) return true;
			return above === undefined || below === undefined ? undefined : false;
		}
		default: {
			return undefined;
		}
	}
}

export type TimeSpan = {from: number; to: number};

/**
 * When the alarm was in ALARM within [start, end), from its StateUpdate history (any order) and
 * its current state: a change since the newest history item (the history is fetched when the
 * detail opens, the state on every refresh) counts from the time it was entered. Before the
 * oldest change the alarm was in that change's old state. Undefined when nothing tells.
 */
export function alarmSpans(
	items: readonly AlarmHistoryItem[],
	start: number,
	end: number,
	current?: {state?: string; since?: number},
): TimeSpan[] | undefined {
	const changes: Array<{at: number; to: string; from?: string}> = items
		.filter((item) => item.timestamp !== undefined && item.newState !== undefined)
		.map((item) => ({at: item.timestamp!, to: item.newState!, from: item.oldState}))
		.sort((a, b) => a.at - b.at);
	const newest = changes.at(-1);
	if (
		current?.state !== undefined &&
		current.since !== undefined &&
		(!newest || (current.since > newest.at && current.state !== newest.to))
	)
		changes.push({at: current.since, to: current.state, from: newest?.to});
	if (changes.length === 0) return undefined;
	const segments: Array<{state: string; from: number; to: number}> = [];
	if (changes[0].from !== undefined) segments.push({state: changes[0].from, from: -Infinity, to: changes[0].at});
	changes.forEach((change, index) => segments.push({state: change.to, from: change.at, to: changes[index + 1]?.at ?? end}));
	const spans: TimeSpan[] = [];
	for (const segment of segments) {
		if (segment.state !== 'ALARM') continue;
		const from = Math.max(start, segment.from);
		const to = Math.min(end, segment.to);
		if (from >= to) continue;
		const last = spans.at(-1);
		if (last && last.to >= from) last.to = Math.max(last.to, to);
		else spans.push({from, to});
	}
	return spans;
}

/**
 * The value range the graph's y-axis spans: from 0 (or below) to the highest value or threshold,
 * as the metric chart's; around the band and the values (a tenth of their spread either side)
 * for an anomaly band, which seldom comes near 0.
 */
export function graphRange(data: AlarmGraphData): {min: number; max: number} {
	const seen: number[] = [];
	const take = (values: ReadonlyArray<number | undefined>) => {
		for (const value of values) if (value !== undefined && Number.isFinite(value)) seen.push(value);
	};
	take(data.values);
	if (data.band) {
		take(data.band.lower);
		take(data.band.upper);
		if (seen.length === 0) return {min: 0, max: 1};
		const low = Math.min(...seen);
		const high = Math.max(...seen);
		const pad = (high - low) / 10 || Math.abs(high) / 10 || 1;
		return {min: low - pad, max: high + pad};
	}
	take([data.threshold]);
	const min = Math.min(0, ...seen);
	const max = Math.max(0, ...seen);
	return {min, max: max > min ? max : min + 1};
}

/** The row (0 = top, of `height`) whose value band holds `value`: the big metric chart's rule for its threshold. */
export function rowOf(value: number, range: {min: number; max: number}, height: number): number {
	return Math.round(((range.max - value) / (range.max - range.min)) * (height - 1));
}

/** The periods (indices) a column of `width` shows, out of `periods`: one each when there is room, else several. */
export function columnPeriods(column: number, width: number, periods: number): number[] {
	if (periods <= width) return [Math.floor((column * periods) / width)];
	const from = Math.floor((column * periods) / width);
	const to = Math.max(from + 1, Math.floor(((column + 1) * periods) / width));
	return Array.from({length: to - from}, (_, index) => from + index);
}
