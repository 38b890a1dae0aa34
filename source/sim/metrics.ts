// The simulator's metric store: the AWS/IoT series, computed on demand from the scenario
// (one datapoint per minute in which the metric counted something, from `historyMinutes`
// before the start up to the last complete minute), plus whatever PutMetricData stored
// (raw datapoints, statistics computed at query time). Also the GetMetricData query engine
// (MetricStat, metric math with SUM/AVG/MIN/MAX, METRICS(), SEARCH(), + - * /), shared by
// the CloudWatch handlers and the alarm model.

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

export type MetricDataQueryInput = {
	Id?: string;
	Label?: string;
	ReturnData?: boolean;
	Period?: number;
	Expression?: string;
	MetricStat?: {
		Metric?: {Namespace?: string; MetricName?: string; Dimensions?: AwsDimension[]};
		Period?: number;
		Stat?: string;
		Unit?: string;
	};
	AccountId?: string;
};

export type QueryResult = {id: string; label: string; returnData: boolean; series: Series; messages: Array<{Code: string; Value: string}>};

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
	/** GetMetricData's engine: the results of the queries in order (a SEARCH may give several). */
	runQueries(queries: MetricDataQueryInput[], startMs: number, endMs: number): QueryResult[];
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
	const addGenerated = (metricName: string, dimensions: Dimensions, derive: (count: Count, minuteMs: number) => number = (count, m) => count(metricName, dimensions, m)) => {
		const key: MetricKey = {namespace: 'AWS/IoT', metricName, dimensions};
		generated.set(metricKeyString(key), {key, minuteCount: (m) => derive(scenario.count, m), trafficCount: (m) => derive(scenario.trafficCount, m)});
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
			addGenerated('Failure', dims, (count, m) => (i === 0 ? count('Failure', dims, m) : scenario.incidentLevel('ruleFailure', m) ? 0 : count('Failure', dims, m)));
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
				throw new SimError('InvalidParameterValueException', `The parameter ${where}.Timestamp must specify a time no more than two weeks in the past or two hours in the future.`);
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

	const store: MetricStore = {
		listMetrics,
		listReported,
		statSeries,
		periodStart: (startMs, periodSec) => firstPeriodStart(startMs, periodSec, clock.now()),
		put,
		runQueries: (queries, startMs, endMs) => runQueries(store, queries, startMs, endMs),
		rules,
	};
	return store;
}

// ---------------------------------------------------------------------------------------
// Metric math

type Value = {kind: 'number'; value: number} | {kind: 'series'; label: string; series: Series} | {kind: 'array'; items: Array<{label: string; series: Series}>};

type Token = {type: 'num' | 'ident' | 'str' | 'punct'; text: string};

function validation(message: string): SimError {
	return new SimError('ValidationException', message);
}

function tokenize(expression: string): Token[] {
	const tokens: Token[] = [];
	let i = 0;
	while (i < expression.length) {
		const ch = expression[i];
		if (/\s/.test(ch)) {
			i++;
		} else if (/[0-9.]/.test(ch)) {
			const m = /^\d*\.?\d+(e[+-]?\d+)?/i.exec(expression.slice(i));
			if (!m) throw validation(`Error in expression '${expression}': unexpected '${ch}'.`);
			tokens.push({type: 'num', text: m[0]});
			i += m[0].length;
		} else if (/[A-Za-z_]/.test(ch)) {
			const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(expression.slice(i))!;
			tokens.push({type: 'ident', text: m[0]});
			i += m[0].length;
		} else if (ch === "'" || ch === '"') {
			let j = i + 1;
			let text = '';
			while (j < expression.length && expression[j] !== ch) {
				if (expression[j] === '\\' && j + 1 < expression.length) j++;
				text += expression[j];
				j++;
			}
			if (j >= expression.length) throw validation(`Error in expression '${expression}': unterminated string.`);
			tokens.push({type: 'str', text});
			i = j + 1;
		} else if ('()[],+-*/'.includes(ch)) {
			tokens.push({type: 'punct', text: ch});
			i++;
		} else {
			throw validation(`Error in expression '${expression}': unexpected character '${ch}'.`);
		}
	}
	return tokens;
}

type Node =
	| {type: 'num'; value: number}
	| {type: 'str'; value: string}
	| {type: 'ref'; id: string}
	| {type: 'list'; items: Node[]}
	| {type: 'call'; name: string; args: Node[]}
	| {type: 'neg'; arg: Node}
	| {type: 'bin'; op: string; left: Node; right: Node};

function parseExpression(expression: string): Node {
	const tokens = tokenize(expression);
	let pos = 0;
	const peek = () => tokens[pos];
	const fail = (what: string): never => {
		throw validation(`Error in expression '${expression}': ${what}.`);
	};
	const expect = (text: string) => {
		if (peek()?.text !== text) fail(`expected '${text}'`);
		pos++;
	};
	function primary(): Node {
		const token = tokens[pos++];
		if (!token) return fail('unexpected end');
		if (token.type === 'num') return {type: 'num', value: Number(token.text)};
		if (token.type === 'str') return {type: 'str', value: token.text};
		if (token.text === '(') {
			const inner = additive();
			expect(')');
			return inner;
		}
		if (token.text === '[') {
			const items: Node[] = [];
			if (peek()?.text !== ']') {
				items.push(additive());
				while (peek()?.text === ',') {
					pos++;
					items.push(additive());
				}
			}
			expect(']');
			return {type: 'list', items};
		}
		if (token.type === 'ident') {
			if (peek()?.text === '(') {
				pos++;
				const args: Node[] = [];
				if (peek()?.text !== ')') {
					args.push(additive());
					while (peek()?.text === ',') {
						pos++;
						args.push(additive());
					}
				}
				expect(')');
				return {type: 'call', name: token.text.toUpperCase(), args};
			}
			return {type: 'ref', id: token.text};
		}
		return fail(`unexpected '${token.text}'`);
	}
	function unary(): Node {
		if (peek()?.text === '-') {
			pos++;
			return {type: 'neg', arg: unary()};
		}
		return primary();
	}
	function multiplicative(): Node {
		let left = unary();
		while (peek()?.text === '*' || peek()?.text === '/') {
			const op = tokens[pos++].text;
			left = {type: 'bin', op, left, right: unary()};
		}
		return left;
	}
	function additive(): Node {
		let left = multiplicative();
		while (peek()?.text === '+' || peek()?.text === '-') {
			const op = tokens[pos++].text;
			left = {type: 'bin', op, left, right: multiplicative()};
		}
		return left;
	}
	const node = additive();
	if (pos < tokens.length) fail(`unexpected '${tokens[pos].text}'`);
	return node;
}

/** SEARCH's first argument: `{Namespace,Dim1,Dim2} term Key="Value" ...` (a subset). */
export function searchMetrics(all: MetricKey[], text: string): MetricKey[] {
	let rest = text.trim();
	let schema: {namespace: string; dims: string[]} | undefined;
	const schemaMatch = /^\{([^}]*)\}/.exec(rest);
	if (schemaMatch) {
		const parts = schemaMatch[1].split(',').map((s) => s.trim().replace(/^"|"$/g, ''));
		schema = {namespace: parts[0], dims: parts.slice(1).filter((p) => p !== '')};
		rest = rest.slice(schemaMatch[0].length);
	}
	const terms: Array<{key?: string; value: string}> = [];
	const termRegex = /\s*(?:([A-Za-z_.:/-]+)\s*=\s*)?(?:"([^"]*)"|'([^']*)'|([^\s"']+))/g;
	let m: RegExpExecArray | null;
	while ((m = termRegex.exec(rest)) !== null) {
		if (m[0].trim() === '') break;
		const value = m[2] ?? m[3] ?? m[4] ?? '';
		if (!m[1] && (value === 'AND' || value === '')) continue;
		terms.push({key: m[1], value});
	}
	return all.filter((metric) => {
		if (schema) {
			if (metric.namespace !== schema.namespace) return false;
			const names = Object.keys(metric.dimensions);
			if (names.length !== schema.dims.length || !schema.dims.every((d) => d in metric.dimensions)) return false;
		}
		return terms.every((term) => {
			if (term.key === 'MetricName') return metric.metricName === term.value;
			if (term.key === 'Namespace') return metric.namespace === term.value;
			if (term.key) return metric.dimensions[term.key] === term.value;
			const words = [metric.metricName, metric.namespace, ...Object.values(metric.dimensions)];
			return words.some((w) => w.toLowerCase().split(/[^a-z0-9]+/i).includes(term.value.toLowerCase()) || w === term.value);
		});
	});
}

function combine(a: Series, b: Series, op: (x: number, y: number) => number): Series {
	const out: Series = {timestamps: [], values: []};
	const bm = new Map<number, number>();
	b.timestamps.forEach((t, i) => bm.set(t, b.values[i]));
	a.timestamps.forEach((t, i) => {
		const y = bm.get(t);
		if (y !== undefined) {
			out.timestamps.push(t);
			out.values.push(op(a.values[i], y));
		}
	});
	return out;
}

function mapSeries(a: Series, op: (x: number) => number): Series {
	return {timestamps: [...a.timestamps], values: a.values.map(op)};
}

function reduceAcross(items: Series[], kind: string): Series {
	const byTime = new Map<number, number[]>();
	for (const s of items) {
		s.timestamps.forEach((t, i) => {
			let list = byTime.get(t);
			if (!list) {
				list = [];
				byTime.set(t, list);
			}
			list.push(s.values[i]);
		});
	}
	const times = [...byTime.keys()].sort((a, b) => a - b);
	return {
		timestamps: times,
		values: times.map((t) => reduceValues(byTime.get(t)!, kind)),
	};
}

function reduceValues(values: number[], kind: string): number {
	switch (kind) {
		case 'SUM':
			return values.reduce((a, b) => a + b, 0);
		case 'AVG':
			return values.reduce((a, b) => a + b, 0) / values.length;
		case 'MIN':
			return Math.min(...values);
		case 'MAX':
			return Math.max(...values);
		default:
			return Number.NaN;
	}
}

function safeDivide(x: number, y: number): number {
	return y === 0 ? Number.NaN : x / y;
}

export function runQueries(store: MetricStore, queries: MetricDataQueryInput[], startMs: number, endMs: number): QueryResult[] {
	const byId = new Map<string, MetricDataQueryInput>();
	for (const q of queries) if (q.Id) byId.set(q.Id, q);
	const memo = new Map<string, Value>();
	const visiting = new Set<string>();

	function metricStatValue(q: MetricDataQueryInput): Value {
		const stat = q.MetricStat!;
		const metric = stat.Metric ?? {};
		const key: MetricKey = {namespace: metric.Namespace ?? '', metricName: metric.MetricName ?? '', dimensions: fromAwsDimensions(metric.Dimensions)};
		const series = store.statSeries(key, stat.Stat ?? 'Sum', stat.Period ?? 60, startMs, endMs);
		return {kind: 'series', label: q.Label ?? key.metricName, series};
	}

	function evalQuery(id: string): Value {
		const cached = memo.get(id);
		if (cached) return cached;
		const q = byId.get(id);
		if (!q) throw validation(`Error in expression: Unrecognized metric or expression id '${id}'.`);
		if (visiting.has(id)) throw validation(`Error in expression: circular reference to '${id}'.`);
		visiting.add(id);
		let value: Value;
		if (q.MetricStat) {
			value = metricStatValue(q);
		} else {
			const node = parseExpression(q.Expression ?? '');
			value = evalNode(node, q);
			if (value.kind === 'series' && q.Label) value = {...value, label: q.Label};
		}
		visiting.delete(id);
		memo.set(id, value);
		return value;
	}

	function asSeriesList(value: Value): Array<{label: string; series: Series}> {
		if (value.kind === 'array') return value.items;
		if (value.kind === 'series') return [{label: value.label, series: value.series}];
		throw validation('Error in expression: a function expected a time series or an array of time series.');
	}

	function evalNode(node: Node, q: MetricDataQueryInput): Value {
		switch (node.type) {
			case 'num':
				return {kind: 'number', value: node.value};
			case 'str':
				throw validation(`Error in expression '${q.Expression}': unexpected string.`);
			case 'ref':
				return evalQuery(node.id);
			case 'list': {
				const items = node.items.flatMap((item) => asSeriesList(evalNode(item, q)));
				return {kind: 'array', items};
			}
			case 'neg': {
				const v = evalNode(node.arg, q);
				if (v.kind === 'number') return {kind: 'number', value: -v.value};
				if (v.kind === 'series') return {...v, series: mapSeries(v.series, (x) => -x)};
				return {kind: 'array', items: v.items.map((it) => ({...it, series: mapSeries(it.series, (x) => -x)}))};
			}
			case 'bin': {
				const ops: Record<string, (x: number, y: number) => number> = {
					'+': (x, y) => x + y,
					'-': (x, y) => x - y,
					'*': (x, y) => x * y,
					'/': safeDivide,
				};
				const op = ops[node.op];
				const l = evalNode(node.left, q);
				const r = evalNode(node.right, q);
				if (l.kind === 'number' && r.kind === 'number') return {kind: 'number', value: op(l.value, r.value)};
				if (l.kind === 'array' || r.kind === 'array') {
					throw validation(`Error in expression '${q.Expression}': arithmetic on an array of time series is not supported by this endpoint.`);
				}
				if (l.kind === 'number' && r.kind === 'series') return {kind: 'series', label: r.label, series: mapSeries(r.series, (y) => op(l.value, y))};
				if (l.kind === 'series' && r.kind === 'number') return {kind: 'series', label: l.label, series: mapSeries(l.series, (x) => op(x, r.value))};
				if (l.kind === 'series' && r.kind === 'series') return {kind: 'series', label: q.Label ?? q.Id ?? '', series: combine(l.series, r.series, op)};
				throw validation(`Error in expression '${q.Expression}'.`);
			}
			case 'call':
				return evalCall(node, q);
		}
	}

	function evalCall(node: Extract<Node, {type: 'call'}>, q: MetricDataQueryInput): Value {
		switch (node.name) {
			case 'SUM':
			case 'AVG':
			case 'MIN':
			case 'MAX': {
				if (node.args.length !== 1) throw validation(`Error in expression '${q.Expression}': ${node.name} takes one argument.`);
				const arg = evalNode(node.args[0], q);
				if (arg.kind === 'series') {
					// A single time series reduces to one number.
					return {kind: 'number', value: arg.series.values.length === 0 ? Number.NaN : reduceValues(arg.series.values, node.name)};
				}
				if (arg.kind === 'number') return arg;
				return {kind: 'series', label: q.Label ?? q.Id ?? '', series: reduceAcross(arg.items.map((it) => it.series), node.name)};
			}
			case 'METRICS': {
				const filter = node.args[0]?.type === 'str' ? node.args[0].value : undefined;
				const items = queries
					.filter((other) => other.MetricStat && other.Id !== q.Id)
					.filter((other) => !filter || (other.Label ?? other.Id ?? '').includes(filter) || (other.Id ?? '').includes(filter))
					.map((other) => {
						const v = evalQuery(other.Id!);
						return asSeriesList(v)[0];
					});
				return {kind: 'array', items};
			}
			case 'SEARCH': {
				const [exprNode, statNode, periodNode] = node.args;
				if (exprNode?.type !== 'str' || statNode?.type !== 'str') {
					throw validation(`Error in expression '${q.Expression}': SEARCH takes a search expression, a statistic and a period.`);
				}
				if (!isKnownStat(statNode.value)) throw validation(`Error in expression '${q.Expression}': invalid statistic '${statNode.value}'.`);
				const period = periodNode?.type === 'num' ? periodNode.value : (q.Period ?? 300);
				const found = searchMetrics(store.listMetrics(), exprNode.value);
				if (found.length > 500) found.length = 500;
				const items = found.map((metric) => ({
					label: [metric.metricName, ...Object.keys(metric.dimensions).sort().map((d) => metric.dimensions[d])].join(' '),
					series: store.statSeries(metric, statNode.value, period, startMs, endMs),
				}));
				return {kind: 'array', items};
			}
			default:
				throw validation(`Error in expression '${q.Expression}': Unknown function ${node.name}.`);
		}
	}

	const results: QueryResult[] = [];
	for (const q of queries) {
		const returnData = q.ReturnData !== false;
		const id = q.Id ?? '';
		const value = evalQuery(id);
		if (!returnData) continue;
		if (value.kind === 'number') {
			// A constant: one value per period of the range.
			const periodSec = q.Period ?? q.MetricStat?.Period ?? 60;
			const periodMs = periodSec * 1000;
			const series: Series = {timestamps: [], values: []};
			if (Number.isFinite(value.value)) {
				const last = Math.min(endMs, Math.floor(Number.MAX_SAFE_INTEGER));
				for (let t = store.periodStart(startMs, periodSec); t < last && series.timestamps.length < 100_800; t += periodMs) {
					series.timestamps.push(t);
					series.values.push(value.value);
				}
			}
			results.push({id, label: q.Label ?? id, returnData, series, messages: []});
		} else if (value.kind === 'series') {
			results.push({id, label: q.Label ?? value.label, returnData, series: dropNaN(value.series), messages: []});
		} else {
			for (const item of value.items) results.push({id, label: item.label, returnData, series: dropNaN(item.series), messages: []});
		}
	}
	return results;
}

function dropNaN(series: Series): Series {
	if (series.values.every(Number.isFinite)) return series;
	const out: Series = {timestamps: [], values: []};
	series.values.forEach((v, i) => {
		if (Number.isFinite(v)) {
			out.timestamps.push(series.timestamps[i]);
			out.values.push(v);
		}
	});
	return out;
}
