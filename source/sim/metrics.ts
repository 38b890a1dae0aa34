// The simulator's metric store: the AWS/IoT series, computed on demand from the scenario
// (one datapoint per minute in which the metric counted something, from `historyMinutes`
// before the start up to the last complete minute), plus whatever PutMetricData stored
// (raw datapoints, statistics computed at query time). GetMetricData's queries over it are
// evaluated in metricMath.ts.

import {SimError, type SimClock} from './contract.js';
import {MINUTE, PROTOCOLS, type Scenario} from './scenario.js';

export type Dimensions = Record<string, string>;
export type MetricKey = {namespace: string; metricName: string; dimensions: Dimensions};
export type AwsDimension = {Name: string; Value: string};

/** Ascending epoch-ms timestamps with one value each. */
export type Series = {timestamps: number[]; values: number[]};

type Aggregate = {count: number; sum: number; min: number; max: number};
type RawPoint = Aggregate & {t: number};

export type TopicRuleMetrics = {ruleName: string; actionTypes: string[]};

export const DEFAULT_RULES: TopicRuleMetrics[] = [
	{ruleName: 'telemetry_to_timestream', actionTypes: ['Timestream']},
	{ruleName: 'alerts_to_sns', actionTypes: ['SNS', 'Lambda']},
	{ruleName: 'archive_to_s3', actionTypes: ['S3']},
	{ruleName: 'shadow_to_dynamodb', actionTypes: ['DynamoDBv2']},
];

export const BROKER_METRICS = [
	'Connect.Success',
	'Connect.AuthError',
	'Connect.ClientError',
	'Connect.ServerError',
	'Connect.Throttle',
	'Connect.ClientIDThrottle',
	'PublishIn.Success',
	'PublishIn.AuthError',
	'PublishIn.ClientError',
	'PublishIn.ServerError',
	'PublishIn.Throttle',
	'PublishOut.Success',
	'PublishOut.ClientError',
	'PublishOut.Throttle',
	'Subscribe.Success',
	'Ping.Success',
];
export const RULE_METRICS = ['TopicMatch', 'ParseError', 'RuleMessageThrottled', 'RuleNotFound'];
export const RULE_ACTION_METRICS = ['Success', 'Failure'];

export type MetricDatumInput = {
	MetricName?: string;
	Dimensions?: AwsDimension[];
	Timestamp?: number | string;
	Value?: number;
	Values?: number[];
	Counts?: number[];
	StatisticValues?: {SampleCount: number; Sum: number; Minimum: number; Maximum: number};
	Unit?: string;
	StorageResolution?: number;
};

export type MetricStore = {
	/** Every series the store models, reported or not: the AWS/IoT catalog and the stored custom metrics. */
	listMetrics(): MetricKey[];
	/** The series with a datapoint timestamped at or after `sinceMs`: what ListMetrics lists. */
	listReported(sinceMs: number): MetricKey[];
	/** Where the first period of a request starting at `startMs` begins (see firstPeriodStart). */
	periodStart(startMs: number, periodSec: number): number;
	/** Statistic per period over [startMs, endMs), only periods that have datapoints; periods start at periodStart(startMs). */
	statSeries(key: MetricKey, stat: string, periodSec: number, startMs: number, endMs: number): Series;
	/** PutMetricData, AWS-shaped; validates like AWS. */
	put(namespace: string, data: MetricDatumInput[]): void;
	/** The topic rules the AWS/IoT rule metrics are reported for. */
	rules: TopicRuleMetrics[];
};

export type MetricStoreOptions = {
	scenario: Scenario;
	clock: SimClock;
	historyMinutes?: number;
	rules?: TopicRuleMetrics[];
};

export function dimensionsKey(dimensions: Dimensions): string {
	return Object.keys(dimensions)
		.sort()
		.map((name) => `${name}=${dimensions[name]}`)
		.join(',');
}

export function metricKeyString(key: MetricKey): string {
	return `${key.namespace}\u0000${key.metricName}\u0000${dimensionsKey(key.dimensions)}`;
}

export function fromAwsDimensions(dimensions: AwsDimension[] | undefined): Dimensions {
	const out: Dimensions = {};
	for (const d of dimensions ?? []) out[d.Name] = d.Value;
	return out;
}

export function toAwsDimensions(dimensions: Dimensions): AwsDimension[] {
	return Object.keys(dimensions)
		.sort()
		.map((Name) => ({Name, Value: dimensions[Name]}));
}

/** Epoch ms from a JSON-protocol timestamp (epoch seconds, or an ISO string). */
export function parseTimestamp(value: unknown, field: string): number {
	if (typeof value === 'number' && Number.isFinite(value)) return Math.round(value * 1000);
	if (typeof value === 'string') {
		const n = Number(value);
		if (value.trim() !== '' && Number.isFinite(n)) return Math.round(n * 1000);
		const t = Date.parse(value);
		if (Number.isFinite(t)) return t;
	}
	throw new SimError('InvalidParameterValueException', `The parameter ${field} must be a valid timestamp.`);
}

const DAY = 86_400_000;

/**
 * Where GetMetricData's (and GetMetricStatistics') first period begins: at StartTime, which is
 * inclusive, rounded down to the minute when it is less than 15 days before now, to 5 minutes
 * from 15 to 63 days, to the hour beyond; with a Period of 1, 5, 10, 20 or 30 s, to a multiple
 * of the period (GetMetricData API reference, StartTime). Later periods follow every Period.
 */
export function firstPeriodStart(startMs: number, periodSec: number, nowMs: number): number {
	const age = nowMs - startMs;
	const unitMs = age >= 63 * DAY ? 60 * MINUTE : age >= 15 * DAY ? 5 * MINUTE : periodSec < 60 ? Math.max(1, periodSec) * 1000 : MINUTE;
	return Math.floor(startMs / unitMs) * unitMs;
}

function statOf(agg: Aggregate, stat: string): number {
	switch (stat) {
		case 'Sum':
			return agg.sum;
		case 'Average':
			return agg.count === 0 ? 0 : agg.sum / agg.count;
		case 'Minimum':
			return agg.min;
		case 'Maximum':
			return agg.max;
		case 'SampleCount':
			return agg.count;
		default: {
			// Percentiles and the other extended statistics: the simulator keeps no
			// distributions, so p0 is the minimum, p100 the maximum, the rest the average.
			const p = /^p(\d+(\.\d+)?)$/.exec(stat);
			if (p) {
				const q = Number(p[1]);
				if (q <= 0) return agg.min;
				if (q >= 100) return agg.max;
			}
			return agg.count === 0 ? 0 : agg.sum / agg.count;
		}
	}
}

export function isKnownStat(stat: string): boolean {
	return ['Sum', 'Average', 'Minimum', 'Maximum', 'SampleCount'].includes(stat) || /^(p|tm|wm|tc|ts|pr)\d+(\.\d+)?$/.test(stat);
}

function merge(into: Aggregate | undefined, add: Aggregate): Aggregate {
	if (!into) return {...add};
	into.count += add.count;
	into.sum += add.sum;
	if (add.min < into.min) into.min = add.min;
	if (add.max > into.max) into.max = add.max;
	return into;
}

/** Index of the first point with t >= target. */
function lowerBound(points: RawPoint[], target: number): number {
	let lo = 0;
	let hi = points.length;
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if (points[mid].t < target) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

export function createMetricStore(options: MetricStoreOptions): MetricStore {
	const {scenario, clock} = options;
	const historyMinutes = options.historyMinutes ?? 60;
	const rules = options.rules ?? DEFAULT_RULES;
	const seriesStart = Math.floor(scenario.startMs / MINUTE) * MINUTE - historyMinutes * MINUTE;

	// The AWS/IoT catalog: which series exist, and how each one's minute count is derived from
	// a scenario count: the whole count for the data, the fleet's own part to find when a series
	// last reported (which never changes, so it can be remembered).
	type Count = (metricName: string, dimensions: Dimensions, minuteMs: number) => number;
	type Generated = {key: MetricKey; minuteCount: (minuteMs: number) => number; trafficCount: (minuteMs: number) => number};
	const generated = new Map<string, Generated>();
	const addGenerated = (
		metricName: string,
		dimensions: Dimensions,
		derive: (count: Count, minuteMs: number) => number = (count, m) => count(metricName, dimensions, m),
	) => {
		const key: MetricKey = {namespace: 'AWS/IoT', metricName, dimensions};
		generated.set(metricKeyString(key), {
			key,
			minuteCount: (m) => derive(scenario.count, m),
			trafficCount: (m) => derive(scenario.trafficCount, m),
		});
	};
	for (const name of BROKER_METRICS) {
		for (const protocol of PROTOCOLS) addGenerated(name, {Protocol: protocol});
	}
	addGenerated('Connection.AuthNError', {});
	addGenerated('RulesExecuted', {});
	// Rule metrics: traffic split over the rules; failures and parse errors belong to the
	// first rule (the one the script makes fail).
	const weights = rules.map((_, i) => 1 / (i + 1.5));
	const weightSum = weights.reduce((a, b) => a + b, 0);
	rules.forEach((rule, i) => {
		const share = weights[i] / weightSum;
		for (const name of RULE_METRICS) {
			const dims = {RuleName: rule.ruleName};
			if (name === 'TopicMatch' || name === 'RuleMessageThrottled') {
				addGenerated(name, dims, (count, m) => Math.round(count(name, dims, m) * share));
			} else {
				addGenerated(name, dims);
			}
		}
		for (const actionType of rule.actionTypes) {
			const dims = {RuleName: rule.ruleName, ActionType: actionType};
			addGenerated('Success', dims, (count, m) => Math.round(count('Success', dims, m) * share));
			addGenerated('Failure', dims, (count, m) =>
				i === 0 ? count('Failure', dims, m) : scenario.incidentLevel('ruleFailure', m) ? 0 : count('Failure', dims, m),
			);
		}
	});

	// Small per-series cache of minute counts (bounded; cleared when it grows).
	const cache = new Map<string, Map<number, number>>();
	function minuteValue(keyString: string, series: Generated, minuteMs: number): number {
		let perSeries = cache.get(keyString);
		if (!perSeries) {
			perSeries = new Map();
			cache.set(keyString, perSeries);
		}
		let value = perSeries.get(minuteMs);
		if (value === undefined) {
			value = series.minuteCount(minuteMs);
			if (perSeries.size > 4000) perSeries.clear();
			perSeries.set(minuteMs, value);
		}
		return value;
	}

	const custom = new Map<string, {key: MetricKey; points: RawPoint[]}>();

	function statSeries(key: MetricKey, stat: string, periodSec: number, startMs: number, endMs: number): Series {
		const periodMs = Math.max(1, periodSec) * 1000;
		const from = firstPeriodStart(startMs, periodSec, clock.now());
		const out: Series = {timestamps: [], values: []};
		if (endMs <= from) return out;
		const keyString = metricKeyString(key);
		const gen = generated.get(keyString);
		if (gen) {
			const lastMinuteEnd = Math.floor(clock.now() / MINUTE) * MINUTE; // complete minutes only
			// One datapoint a minute: below a minute each minute is its own period (minutes start periods then).
			const step = Math.max(periodMs, MINUTE);
			let bucket = periodMs >= MINUTE ? from : Math.ceil(from / MINUTE) * MINUTE;
			if (bucket + step <= seriesStart) bucket += Math.floor((seriesStart - bucket) / step) * step;
			for (; bucket < endMs; bucket += step) {
				let agg: Aggregate | undefined;
				for (let m = Math.max(bucket, seriesStart); m < bucket + step && m < lastMinuteEnd && m < endMs; m += MINUTE) {
					const c = minuteValue(keyString, gen, m);
					if (c > 0) agg = merge(agg, {count: c, sum: c, min: 1, max: 1});
				}
				if (agg) {
					out.timestamps.push(bucket);
					out.values.push(statOf(agg, stat));
				}
				if (bucket + step > lastMinuteEnd) break;
			}
			return out;
		}
		const stored = custom.get(keyString);
		if (!stored) return out;
		const points = stored.points;
		let i = lowerBound(points, from);
		while (i < points.length && points[i].t < endMs) {
			const bucket = from + Math.floor((points[i].t - from) / periodMs) * periodMs;
			let agg: Aggregate | undefined;
			while (i < points.length && points[i].t < bucket + periodMs && points[i].t < endMs) {
				agg = merge(agg, points[i]);
				i++;
			}
			if (agg) {
				out.timestamps.push(bucket);
				out.values.push(statOf(agg, stat));
			}
		}
		return out;
	}

	function listMetrics(): MetricKey[] {
		const out: MetricKey[] = [];
		for (const g of generated.values()) out.push(g.key);
		for (const c of custom.values()) out.push(c.key);
		return out;
	}

	// Per AWS/IoT series, the minutes [from, to) already searched for the fleet's own counts and
	// the latest of them that counted something: a ListMetrics call searches only the minutes
	// that passed since the last one (and, once, back to where the series last reported).
	type Searched = {from: number; to: number; latest: number};
	const searched = new Map<string, Searched>();

	function generatedReported(keyString: string, gen: Generated, sinceMs: number): boolean {
		const to = Math.floor(clock.now() / MINUTE) * MINUTE;
		const from = Math.max(seriesStart, Math.ceil(sinceMs / MINUTE) * MINUTE);
		if (to <= from) return false;
		// Recorded counts are not remembered here: a test may record into any minute up to the read.
		// (A recorded count that a rule series' share rounds to 0 still lists it.)
		if (scenario.recordedIn(gen.key.metricName, gen.key.dimensions, from, to)) return true;
		if (!scenario.traffic) return false;
		let s = searched.get(keyString);
		if (!s || to < s.to) {
			// First asked, or the (test's) clock went back: search afresh.
			s = {from: to, to, latest: Number.NEGATIVE_INFINITY};
			searched.set(keyString, s);
		}
		for (let m = to - MINUTE; m >= s.to; m -= MINUTE) {
			if (gen.trafficCount(m) > 0) {
				s.latest = m;
				break;
			}
		}
		s.to = Math.max(s.to, to);
		if (s.latest >= from) return true;
		// The latest report is older than the window: nothing newer was counted.
		if (s.latest > Number.NEGATIVE_INFINITY) return false;
		for (let m = s.from - MINUTE; m >= from; m -= MINUTE) {
			s.from = m;
			if (gen.trafficCount(m) > 0) {
				s.latest = m;
				return true;
			}
		}
		return false;
	}

	function listReported(sinceMs: number): MetricKey[] {
		const out: MetricKey[] = [];
		for (const [keyString, g] of generated) if (generatedReported(keyString, g, sinceMs)) out.push(g.key);
		// Stored datapoints are kept in time order: the last one is the newest.
		for (const c of custom.values()) if (c.points.length > 0 && c.points[c.points.length - 1].t >= sinceMs) out.push(c.key);
		return out;
	}

	function put(namespace: string, data: MetricDatumInput[]): void {
		if (typeof namespace !== 'string' || namespace === '') {
			throw new SimError('MissingRequiredParameterException', 'The parameter Namespace is required.');
		}
		if (namespace.startsWith('AWS/') || namespace.length > 255) {
			throw new SimError('InvalidParameterValueException', `The value ${namespace} for parameter Namespace is invalid.`);
		}
		if (!Array.isArray(data) || data.length === 0) {
			throw new SimError('MissingRequiredParameterException', 'The parameter MetricData is required.');
		}
		if (data.length > 1000) {
			throw new SimError('InvalidParameterValueException', 'The collection MetricData must not have a size greater than 1000.');
		}
		const now = clock.now();
		const prepared: Array<{key: MetricKey; point: RawPoint}> = [];
		data.forEach((datum, index) => {
			const where = `MetricData.member.${index + 1}`;
			if (!datum || typeof datum.MetricName !== 'string' || datum.MetricName === '') {
				throw new SimError('MissingRequiredParameterException', `The parameter ${where}.MetricName is required.`);
			}
			const dims = datum.Dimensions ?? [];
			if (dims.length > 30) {
				throw new SimError('InvalidParameterValueException', `The collection ${where}.Dimensions must not have a size greater than 30.`);
			}
			const t = datum.Timestamp === undefined ? now : parseTimestamp(datum.Timestamp, `${where}.Timestamp`);
			if (t < now - 14 * 24 * 3_600_000 || t > now + 2 * 3_600_000) {
				throw new SimError(
					'InvalidParameterValueException',
					`The parameter ${where}.Timestamp must specify a time no more than two weeks in the past or two hours in the future.`,
				);
			}
			let agg: Aggregate | undefined;
			if (datum.StatisticValues) {
				const s = datum.StatisticValues;
				agg = {count: s.SampleCount, sum: s.Sum, min: s.Minimum, max: s.Maximum};
			} else if (Array.isArray(datum.Values) && datum.Values.length > 0) {
				datum.Values.forEach((value, j) => {
					const n = datum.Counts?.[j] ?? 1;
					agg = merge(agg, {count: n, sum: value * n, min: value, max: value});
				});
			} else if (typeof datum.Value === 'number') {
				agg = {count: 1, sum: datum.Value, min: datum.Value, max: datum.Value};
			} else {
				throw new SimError('MissingRequiredParameterException', `The parameter ${where}.Value is required.`);
			}
			if (!agg || ![agg.count, agg.sum, agg.min, agg.max].every(Number.isFinite)) {
				throw new SimError('InvalidParameterValueException', `The value for parameter ${where}.Value is invalid.`);
			}
			prepared.push({key: {namespace, metricName: datum.MetricName, dimensions: fromAwsDimensions(dims)}, point: {t, ...agg}});
		});
		for (const {key, point} of prepared) {
			const keyString = metricKeyString(key);
			let stored = custom.get(keyString);
			if (!stored) {
				stored = {key, points: []};
				custom.set(keyString, stored);
			}
			const points = stored.points;
			if (points.length === 0 || points[points.length - 1].t <= point.t) points.push(point);
			else points.splice(lowerBound(points, point.t + 1), 0, point);
		}
	}

	return {
		listMetrics,
		listReported,
		statSeries,
		periodStart: (startMs, periodSec) => firstPeriodStart(startMs, periodSec, clock.now()),
		put,
		rules,
	};
}
