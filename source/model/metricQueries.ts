// The GetMetricData queries of a board, and what their answers mean. A metric summed over a
// dimension is asked for the cheapest way the endpoint evaluates (see MetricQueryMode), and
// steps down the ladder where it does not. Pure: aws/metrics.ts sends the queries.
import {renameIds} from './dashboard.js';
import {searchExpression} from './metricBoard.js';
import type {Points} from './metricWindow.js';
import {UNKNOWN_STATUS, type Dimension, type MetricQuery, type MetricQueryMode, type MetricSpec} from './types.js';

/** CloudWatch's limit of queries per GetMetricData call. */
export const MAX_QUERIES_PER_CALL = 500;

/** A SUM([...]) and its series travel in one call: at most this many series, else 'client'. */
export const MAX_MATH_SERIES = MAX_QUERIES_PER_CALL - 1;

/** A metric as ListMetrics returned it. Dimension values are raw: they go back to AWS verbatim and are never drawn. */
export type ListedMetric = {namespace: string; metricName: string; dimensions: Dimension[]};

/** The series of each summed spec, by spec id, as of a ListMetrics read at `at` (epoch ms). */
export type MetricListing = {
	at: number;
	series: Record<string, Dimension[][]>;
	/** Series listed without a dimension name or value (they cannot be asked for), by spec id. */
	unreadable?: Record<string, number>;
};

/** One query as iot-top means it; aws/metrics.ts turns it into the SDK's MetricDataQuery. */
export type PlannedQuery = {
	id: string;
	specId: string;
	/** Seconds: the period datapoints are bucketed by. */
	period: number;
	returnData: boolean;
	expression?: string;
	metric?: {namespace: string; metricName: string; dimensions: Dimension[]; statistic: string};
};

export function isSummed(spec: MetricSpec): boolean {
	return (spec.sumOverDimensions?.length ?? 0) > 0;
}

/** The first step for a spec: a MetricStat, or SEARCH for a summed one. */
export function initialMode(spec: MetricSpec): MetricQueryMode {
	return isSummed(spec) ? 'search' : 'stat';
}

/** The next step down the ladder; 'client' and 'stat' are the last. */
export function stepDown(mode: MetricQueryMode): MetricQueryMode {
	if (mode === 'search') return 'math';
	if (mode === 'math') return 'client';
	return mode;
}

function dimensionsKey(dimensions: readonly Dimension[]): string {
	return JSON.stringify([...dimensions].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)).map((d) => [d.name, d.value]));
}

/**
 * The series a summed spec adds up, from a ListMetrics read: the spec's namespace and metric
 * name, with exactly the summed dimensions (what SEARCH's `{Namespace,Dim}` schema matches),
 * each once, in a stable order so query ids mean the same series from run to run.
 */
export function seriesOfSpec(spec: MetricSpec, listed: readonly ListedMetric[]): Dimension[][] {
	const wanted = [...(spec.sumOverDimensions ?? [])].sort();
	const byKey = new Map<string, Dimension[]>();
	for (const metric of listed) {
		if (metric.namespace !== spec.namespace || metric.metricName !== spec.metricName) continue;
		const names = metric.dimensions.map((d) => d.name).sort();
		if (names.length !== wanted.length || names.some((name, index) => name !== wanted[index])) continue;
		byKey.set(dimensionsKey(metric.dimensions), metric.dimensions);
	}
	return [...byKey.keys()].sort().map((key) => byKey.get(key)!);
}

/** True when two listings of a spec's series differ (a new protocol or rule appeared). */
export function sameSeries(a: readonly Dimension[][] | undefined, b: readonly Dimension[][] | undefined): boolean {
	const keys = (list: readonly Dimension[][] | undefined) => (list ?? []).map(dimensionsKey).join('|');
	return keys(a) === keys(b);
}

function statQuery(spec: MetricSpec, id: string, dimensions: Dimension[], returnData: boolean): PlannedQuery {
	return {
		id,
		specId: spec.id,
		period: spec.period,
		returnData,
		metric: {namespace: spec.namespace, metricName: spec.metricName, dimensions, statistic: spec.statistic},
	};
}

/** The id of a spec's n-th series query: spec ids have no underscore, so it never collides. */
export function seriesQueryId(spec: MetricSpec, index: number): string {
	return `${spec.id}_${index}`;
}

/**
 * The queries of one spec in `mode`. What each step costs (GetMetricData is billed per metric
 * requested, about $0.01 per 1,000; see Amazon CloudWatch Pricing): 'stat' 1 metric; 'search'
 * 1 query, billed for the N series it finds; 'math' N+1 queries, N metrics (the SUM itself is
 * not a metric); 'client' N queries, N metrics, N series of datapoints over the wire instead of
 * one. So the steps cost about the same metrics; the lower ones use more of the 500 queries a
 * call allows, and need a ListMetrics read (all pages) per resourcesInterval, billed like other
 * API requests (about $0.01 per 1,000). A 'math' or 'client' spec with no listed series asks
 * for nothing.
 */
export function planQueries(spec: MetricSpec, query: MetricQuery, series: readonly Dimension[][] = []): PlannedQuery[] {
	switch (query.mode) {
		case 'stat':
			return spec.math ? mathQueries(spec, spec.math) : [statQuery(spec, spec.id, spec.dimensions, true)];
		case 'search':
			return [{id: spec.id, specId: spec.id, period: spec.period, returnData: true, expression: searchExpression(spec)}];
		case 'math': {
			if (series.length === 0) return [];
			const parts = series.map((dimensions, index) => statQuery(spec, seriesQueryId(spec, index), dimensions, false));
			return [
				...parts,
				{
					id: spec.id,
					specId: spec.id,
					period: spec.period,
					returnData: true,
					expression: `SUM([${parts.map((part) => part.id).join(',')}])`,
				},
			];
		}
		case 'client':
			return series.map((dimensions, index) => statQuery(spec, seriesQueryId(spec, index), dimensions, true));
	}
}

/**
 * A dashboard's metric-math row: the metrics it names (not returned), their ids prefixed with
 * the spec's so that two widgets' `m1` do not collide in one call, and the expression renamed alike.
 */
function mathQueries(spec: MetricSpec, math: NonNullable<MetricSpec['math']>): PlannedQuery[] {
	const rename = (id: string) => `${spec.id}_${id}`;
	const inputs = math.inputs.map((input): PlannedQuery => ({
		id: rename(input.id),
		specId: spec.id,
		period: input.period,
		returnData: false,
		metric: {namespace: input.namespace, metricName: input.metricName, dimensions: input.dimensions, statistic: input.statistic},
	}));
	const expression = renameIds(math.expression, new Set(math.inputs.map((input) => input.id)), rename);
	return [...inputs, {id: spec.id, specId: spec.id, period: spec.period, returnData: true, expression}];
}

/**
 * Calls of at most `max` queries, in order. A group (a SUM and its series) stays in one call:
 * an expression can only refer to queries of its own call. A group larger than `max` is split.
 */
export function batchQueries(groups: readonly PlannedQuery[][], max = MAX_QUERIES_PER_CALL): PlannedQuery[][] {
	const calls: PlannedQuery[][] = [];
	let current: PlannedQuery[] = [];
	for (const group of groups) {
		if (group.length === 0) continue;
		if (current.length + group.length > max && current.length > 0) {
			calls.push(current);
			current = [];
		}
		for (const query of group) {
			if (current.length === max) {
				calls.push(current);
				current = [];
			}
			current.push(query);
		}
	}
	if (current.length > 0) calls.push(current);
	return calls;
}

/** What GetMetricData said about one query, over every page. */
export type QueryAnswer = Points & {
	/** False when no result carried this query's id. */
	answered: boolean;
};

/** A status that says the data is complete (anything else: PartialData, an error, Unknown, not fetched). */
export function isTrusted(status: string | undefined): boolean {
	return status === 'Complete';
}

/** Rejected: no result, or a status that says the endpoint could not answer it. */
export function isRejected(answer: QueryAnswer | undefined): boolean {
	return (
		!answer || !answer.answered || (answer.status !== 'Complete' && answer.status !== 'PartialData' && answer.status !== UNKNOWN_STATUS)
	);
}

const STATUS_RANK: Record<string, number> = {Complete: 0, PartialData: 1};

/** The worst of several statuses (an error or Unknown beats PartialData beats Complete). */
export function worstStatus(statuses: ReadonlyArray<string | undefined>): string | undefined {
	let worst: string | undefined;
	for (const status of statuses) {
		const known = status ?? UNKNOWN_STATUS;
		if (worst === undefined || (STATUS_RANK[known] ?? 2) > (STATUS_RANK[worst] ?? 2)) worst = known;
	}
	return worst;
}

/**
 * The client-side SUM of several series, as CloudWatch's SUM([...]) gives it: per period, over
 * the series that have a datapoint in that period; a period where none has one has no datapoint.
 */
export function sumByPeriod(answers: readonly Points[]): Points {
	const sums = new Map<number, number>();
	for (const answer of answers) {
		for (let index = 0; index < answer.timestamps.length; index++) {
			const at = answer.timestamps[index];
			sums.set(at, (sums.get(at) ?? 0) + answer.values[index]);
		}
	}
	const timestamps = [...sums.keys()].sort((a, b) => a - b);
	const messages = [...new Set(answers.flatMap((answer) => answer.messages ?? []))];
	return {
		timestamps,
		values: timestamps.map((at) => sums.get(at)!),
		status: answers.length === 0 ? 'Complete' : worstStatus(answers.map((answer) => answer.status)),
		...(messages.length > 0 ? {messages} : {}),
	};
}

/** How a metric is summed, in words for the chart's subtitle; undefined for a plain metric. */
export function describeQuery(query: MetricQuery | undefined): string | undefined {
	switch (query?.mode) {
		case 'search':
			return 'summed by SEARCH';
		case 'math':
			return `summed over ${query.series ?? 0} series from ListMetrics`;
		case 'client':
			return `summed here over ${query.series ?? 0} series from ListMetrics`;
		default:
			return undefined;
	}
}
