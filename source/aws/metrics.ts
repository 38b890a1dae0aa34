// The metrics board from GetMetricData, on AWS and on endpoints that evaluate less metric math
// (moto answers SEARCH and SUM with empty results, LocalStack any expression with HTTP 500):
// each summed metric steps down from SEARCH to SUM([...]) to a sum made here, within one run,
// as far as that endpoint needs (see model/metricQueries.ts for the ladder and its costs).
import {
	GetMetricDataCommand,
	ListMetricsCommand,
	type MetricDataQuery,
	type MetricDataResult,
	type MessageData,
} from '@aws-sdk/client-cloudwatch';
import {
	batchQueries,
	initialMode,
	isRejected,
	isSummed,
	MAX_MATH_SERIES,
	planQueries,
	sameSeries,
	seriesOfSpec,
	seriesQueryId,
	stepDown,
	sumByPeriod,
	type ListedMetric,
	type MetricListing,
	type PlannedQuery,
	type QueryAnswer,
} from '../model/metricQueries.js';
import type {Points, TimeRange} from '../model/metricWindow.js';
import {UNKNOWN_STATUS, type Dimension, type MetricQuery, type MetricQueryMode, type MetricSpec} from '../model/types.js';
import {sanitizeText} from '../terminal/sanitize.js';
import type {AwsClients} from './clients.js';
import {describeAwsError} from './errors.js';

function toQuery(query: PlannedQuery): MetricDataQuery {
	if (query.expression !== undefined) {
		return {Id: query.id, Expression: query.expression, Period: query.period, ReturnData: query.returnData};
	}
	const metric = query.metric!;
	return {
		Id: query.id,
		ReturnData: query.returnData,
		MetricStat: {
			Metric: {
				Namespace: metric.namespace,
				MetricName: metric.metricName,
				Dimensions: metric.dimensions.map((dimension) => ({Name: dimension.name, Value: dimension.value})),
			},
			Period: query.period,
			Stat: metric.statistic,
		},
	};
}

function messageText(messages: MessageData[] | undefined): string[] {
	return (messages ?? []).map((message) => sanitizeText(`${message.Code ?? 'message'}: ${message.Value ?? ''}`, 200));
}

/** One query's datapoints over every page, bucketed by its period; anything untrustworthy makes it Unknown. */
class AnswerBuilder {
	private readonly points = new Map<number, number>();
	private readonly conflicts = new Set<number>();
	private readonly messages = new Set<string>();
	/** Complete or PartialData of the latest page: a later page completes an earlier one. */
	private status?: string;
	/** An error status or Unknown: kept, whatever later pages say. */
	private problem?: string;
	private answered = false;

	constructor(private readonly periodMs: number) {}

	private distrust(why: string, status = UNKNOWN_STATUS): void {
		this.problem ??= status;
		this.messages.add(why);
	}

	add(result: MetricDataResult): void {
		this.answered = true;
		const code = result.StatusCode === undefined ? undefined : sanitizeText(result.StatusCode, 40);
		if (code === undefined) this.distrust('GetMetricData gave this result no StatusCode');
		else if (code === 'Complete' || code === 'PartialData') this.status = code;
		else this.distrust(`GetMetricData answered ${code}`, code);
		for (const message of messageText(result.Messages)) this.messages.add(message);
		const timestamps = result.Timestamps ?? [];
		const values = result.Values ?? [];
		if (timestamps.length !== values.length) {
			// Which value belongs to which time is unknown: none is used.
			this.distrust(`GetMetricData gave ${timestamps.length} timestamps for ${values.length} values`);
			return;
		}
		for (let index = 0; index < values.length; index++) {
			const at = timestamps[index] instanceof Date ? timestamps[index].getTime() : Number.NaN;
			const value = values[index];
			if (!Number.isFinite(at)) {
				this.distrust('GetMetricData gave a datapoint without a valid timestamp');
				continue;
			}
			if (typeof value !== 'number' || !Number.isFinite(value)) {
				this.distrust('GetMetricData gave a datapoint that is not a finite number');
				continue;
			}
			// Bucketed by period: an endpoint may align periods to the StartTime, not to the clock.
			const bucket = Math.floor(at / this.periodMs) * this.periodMs;
			const before = this.points.get(bucket);
			if (before !== undefined && before !== value) {
				this.conflicts.add(bucket);
				this.distrust('GetMetricData gave two different datapoints for one period');
			}
			this.points.set(bucket, value);
		}
	}

	addMessages(messages: readonly string[]): void {
		for (const message of messages) this.messages.add(message);
	}

	build(): QueryAnswer {
		if (!this.answered) this.distrust('GetMetricData returned no result for this query');
		const timestamps = [...this.points.keys()].filter((at) => !this.conflicts.has(at)).sort((a, b) => a - b);
		return {
			answered: this.answered,
			timestamps,
			values: timestamps.map((at) => this.points.get(at)!),
			status: this.problem ?? this.status ?? UNKNOWN_STATUS,
			...(this.messages.size > 0 ? {messages: [...this.messages]} : {}),
		};
	}
}

/**
 * One GetMetricData call of at most 500 queries over [start, end), every NextToken page: the
 * answer of each query that returns data, by id.
 */
export async function getMetricData(
	clients: AwsClients,
	queries: readonly PlannedQuery[],
	range: TimeRange,
): Promise<Map<string, QueryAnswer>> {
	const builders = new Map<string, AnswerBuilder>();
	for (const query of queries) if (query.returnData) builders.set(query.id, new AnswerBuilder(query.period * 1000));
	const tokens = new Set<string>();
	let nextToken: string | undefined;
	do {
		const page = await clients.cloudwatch.send(
			new GetMetricDataCommand({
				MetricDataQueries: queries.map(toQuery),
				StartTime: new Date(range.start),
				EndTime: new Date(range.end),
				ScanBy: 'TimestampAscending',
				NextToken: nextToken,
			}),
		);
		// A result without an Id (or with one not asked for) cannot be attributed: its query stays unanswered.
		for (const result of page.MetricDataResults ?? []) {
			if (result.Id !== undefined) builders.get(result.Id)?.add(result);
		}
		const callMessages = messageText(page.Messages);
		if (callMessages.length > 0) for (const builder of builders.values()) builder.addMessages(callMessages);
		nextToken = page.NextToken || undefined;
		if (nextToken !== undefined) {
			if (tokens.has(nextToken)) throw new Error('GetMetricData returned the same NextToken twice; stopped paging.');
			tokens.add(nextToken);
		}
	} while (nextToken);
	return new Map([...builders].map(([id, builder]) => [id, builder.build()]));
}

/** Every metric of a namespace, all pages; raw names and values (they go back to AWS as they are). */
export async function listMetrics(
	clients: AwsClients,
	namespace: string,
	recentlyActive: boolean,
): Promise<{metrics: ListedMetric[]; unreadable: Map<string, number>}> {
	const metrics: ListedMetric[] = [];
	// Metrics listed without a dimension name or value cannot be asked for: counted per metric name.
	const unreadable = new Map<string, number>();
	const tokens = new Set<string>();
	let nextToken: string | undefined;
	do {
		const page = await clients.cloudwatch.send(
			new ListMetricsCommand({Namespace: namespace, RecentlyActive: recentlyActive ? 'PT3H' : undefined, NextToken: nextToken}),
		);
		for (const metric of page.Metrics ?? []) {
			if (typeof metric.MetricName !== 'string') continue;
			// A listed metric of another namespace is not ours (an absent Namespace is the one filtered on).
			if (metric.Namespace !== undefined && metric.Namespace !== namespace) continue;
			const dimensions: Dimension[] = [];
			let readable = true;
			for (const dimension of metric.Dimensions ?? []) {
				if (typeof dimension.Name !== 'string' || typeof dimension.Value !== 'string') readable = false;
				else dimensions.push({name: dimension.Name, value: dimension.Value});
			}
			if (readable) metrics.push({namespace, metricName: metric.MetricName, dimensions});
			else unreadable.set(metric.MetricName, (unreadable.get(metric.MetricName) ?? 0) + 1);
		}
		nextToken = page.NextToken || undefined;
		if (nextToken !== undefined) {
			if (tokens.has(nextToken)) throw new Error('ListMetrics returned the same NextToken twice; stopped paging.');
			tokens.add(nextToken);
		}
	} while (nextToken);
	return {metrics, unreadable};
}

export type BoardFetch = {
	specs: readonly MetricSpec[];
	/** How each spec was asked for last time (from the slice), by spec id. */
	queries: ReadonlyMap<string, MetricQuery>;
	listing?: MetricListing;
	/** The periods to read: new ones since the last run. */
	range: TimeRange;
	/** The whole window: read for a summed metric whose series changed. */
	window: TimeRange;
	now: number;
	/** ms a ListMetrics read stays good (resourcesInterval): new protocols and rules show up this often. */
	relistAfter: number;
	/** ListMetrics with RecentlyActive=PT3H (fewer series; right while the window is at most 3 h). */
	recentlyActive: boolean;
};

export type SpecFetch = {points: Points; range: TimeRange; query: MetricQuery};

export type BoardFetchResult = {
	bySpec: Map<string, SpecFetch>;
	listing?: MetricListing;
	/** Something the pane must say (a ListMetrics read failed). */
	notice?: string;
};

/** An answer to the whole call that says the endpoint refused the request (not throttling, access or credentials). */
function isRejectedCall(error: unknown): boolean {
	const status = (error as {$metadata?: {httpStatusCode?: number}}).$metadata?.httpStatusCode;
	if (status === undefined) return false;
	const {kind} = describeAwsError(error, 'cloudwatch:GetMetricData');
	return kind === 'transient' || kind === 'failed' || kind === 'unavailable';
}

const NO_RESULT: Points = {
	timestamps: [],
	values: [],
	status: UNKNOWN_STATUS,
	messages: ['GetMetricData returned no result for this query'],
};
const NOTHING_LISTED: Points = {timestamps: [], values: [], status: 'Complete'};
const REFUSED_MATH: Points = {
	timestamps: [],
	values: [],
	status: UNKNOWN_STATUS,
	messages: ['this endpoint refused the metric math of this dashboard row'],
};
const UNPROVEN_MATH = 'metric math answered empty and never with data: the endpoint may not evaluate it';

/**
 * The board's points for this run. Summed specs keep the step they reached; a step whose
 * query is rejected, or answered empty while ListMetrics lists the metric's series, steps
 * down and is asked again in this same run (the one-shot snapshot runs once). A whole call
 * refused (LocalStack's HTTP 500 to any expression) steps every summed spec down.
 */
export async function fetchBoard(clients: AwsClients, input: BoardFetch): Promise<BoardFetchResult> {
	const {specs, now} = input;
	const modes = new Map<string, MetricQueryMode>(specs.map((spec) => [spec.id, input.queries.get(spec.id)?.mode ?? initialMode(spec)]));
	const proven = new Set(specs.filter((spec) => input.queries.get(spec.id)?.proven).map((spec) => spec.id));
	const stepSpecDown = (spec: MetricSpec) => {
		modes.set(spec.id, stepDown(modes.get(spec.id)!));
		proven.delete(spec.id);
	};
	const summed = specs.filter(isSummed);
	let listing = input.listing;
	let listed = false;
	let listingError: unknown;
	let notice: string | undefined;
	// Summed specs whose whole window is read again this run (when the window is not read anyway).
	const fullWindow = new Set<string>();
	const readsWindow = input.range.start === input.window.start && input.range.end === input.window.end;

	async function readListing(): Promise<MetricListing> {
		const namespaces = [...new Set(summed.map((spec) => spec.namespace))];
		const all: ListedMetric[] = [];
		const unreadable = new Map<string, number>();
		for (const namespace of namespaces) {
			const read = await listMetrics(clients, namespace, input.recentlyActive);
			all.push(...read.metrics);
			for (const [name, count] of read.unreadable) unreadable.set(`${namespace}\u0000${name}`, count);
		}
		const series: Record<string, Dimension[][]> = {};
		const skipped: Record<string, number> = {};
		for (const spec of summed) {
			series[spec.id] = seriesOfSpec(spec, all);
			const count = unreadable.get(`${spec.namespace}\u0000${spec.metricName}`);
			if (count) skipped[spec.id] = count;
		}
		return {at: now, series, ...(Object.keys(skipped).length > 0 ? {unreadable: skipped} : {})};
	}

	/** The listing, read again once per resourcesInterval (at most once a run); a failed read keeps the old one. */
	async function currentListing(required: boolean): Promise<MetricListing | undefined> {
		if (listed || (listing && now - listing.at < input.relistAfter)) {
			if (required && !listing) throw listingError;
			return listing;
		}
		listed = true;
		try {
			const fresh = await readListing();
			for (const spec of summed) {
				const mode = modes.get(spec.id);
				// New series (a protocol, a rule): their older periods are read too.
				if (!readsWindow && (mode === 'math' || mode === 'client') && !sameSeries(listing?.series[spec.id], fresh.series[spec.id]))
					fullWindow.add(spec.id);
			}
			listing = fresh;
		} catch (error) {
			listingError = error;
			if (required && !listing) throw error;
			notice = `ListMetrics failed (${describeAwsError(error, 'cloudwatch:ListMetrics').code}): ${listing ? 'summing the series listed before' : 'an empty SEARCH reads as unknown'}.`;
		}
		return listing;
	}

	const seriesOf = (spec: MetricSpec) => listing?.series[spec.id] ?? [];
	const bySpec = new Map<string, SpecFetch>();
	let pending: MetricSpec[] = [...specs];
	const refusedMath = new Set<string>();
	for (let round = 0; pending.length > 0; round++) {
		// search -> math -> client, and a refused call, at most twice each.
		if (round > 6) throw new Error('The metrics fallback did not settle; this is a bug in iot-top.');
		if (pending.some((spec) => modes.get(spec.id) === 'math' || modes.get(spec.id) === 'client')) await currentListing(false);
		for (const spec of pending) {
			if (modes.get(spec.id) === 'math' && seriesOf(spec).length > MAX_MATH_SERIES) modes.set(spec.id, 'client');
		}
		const queryOf = (spec: MetricSpec): MetricQuery => {
			const mode = modes.get(spec.id)!;
			return {
				mode,
				...(mode === 'math' || mode === 'client' ? {series: seriesOf(spec).length} : {}),
				...(proven.has(spec.id) ? {proven: true} : {}),
			};
		};
		const planned = new Map(
			pending.map((spec) => [spec.id, refusedMath.has(spec.id) ? [] : planQueries(spec, queryOf(spec), seriesOf(spec))]),
		);
		const ranges = new Map(pending.map((spec) => [spec.id, fullWindow.has(spec.id) ? input.window : input.range]));
		const answers = new Map<string, QueryAnswer>();
		let refused = false;
		for (const range of new Set(ranges.values())) {
			const groups = pending.filter((spec) => ranges.get(spec.id) === range).map((spec) => planned.get(spec.id)!);
			for (const batch of batchQueries(groups)) {
				try {
					for (const [id, answer] of await getMetricData(clients, batch, range)) answers.set(id, answer);
				} catch (error) {
					// A dashboard's metric math the endpoint refuses (LocalStack: HTTP 500) is left out and said; the rest is read again.
					const math = pending.filter((spec) => spec.math && !refusedMath.has(spec.id) && batch.some((query) => query.specId === spec.id));
					if (isRejectedCall(error) && math.length > 0) {
						for (const spec of math) refusedMath.add(spec.id);
						refused = true;
						break;
					}
					const stepping = summed.filter((spec) => modes.get(spec.id) === 'search' || modes.get(spec.id) === 'math');
					if (!isRejectedCall(error) || !batch.some((query) => query.expression !== undefined) || stepping.length === 0) throw error;
					for (const spec of stepping) stepSpecDown(spec);
					await currentListing(true);
					refused = true;
					break;
				}
			}
			if (refused) break;
		}
		if (refused) {
			bySpec.clear();
			pending = [...specs];
			continue;
		}
		const next: MetricSpec[] = [];
		for (const spec of pending) {
			const mode = modes.get(spec.id)!;
			const range = ranges.get(spec.id)!;
			let points: Points | undefined;
			if (refusedMath.has(spec.id)) {
				points = REFUSED_MATH;
			} else if (mode === 'client') {
				points = sumByPeriod(seriesOf(spec).map((_, index) => answers.get(seriesQueryId(spec, index)) ?? NO_RESULT));
			} else if (planned.get(spec.id)!.length === 0) {
				points = NOTHING_LISTED;
			} else {
				const answer = answers.get(spec.id);
				const refusedQuery = isRejected(answer);
				if ((mode === 'search' || mode === 'math') && (refusedQuery || (answer!.timestamps.length === 0 && !proven.has(spec.id)))) {
					// Refused, or empty from a step never seen to answer: if ListMetrics lists series
					// of this metric, the endpoint did not evaluate the math.
					const known = await currentListing(false);
					if ((known?.series[spec.id]?.length ?? 0) > 0) {
						stepSpecDown(spec);
						next.push(spec);
						continue;
					}
					if (!known && answer) {
						// Without a listing, "no data" cannot be told from math this endpoint does not evaluate.
						points = {
							...answer,
							status: UNKNOWN_STATUS,
							messages: [
								...(answer.messages ?? []),
								'answered empty, and ListMetrics could not be read to tell whether the metric has series',
							],
						};
					}
				}
				points ??= answer ?? NO_RESULT;
			}
			if (spec.math && points.timestamps.length === 0 && !proven.has(spec.id) && points.status === 'Complete') {
				// Empty from metric math never seen to answer: moto evaluates none, so "no data" cannot be told from "not evaluated".
				points = {...points, status: UNKNOWN_STATUS, messages: [...(points.messages ?? []), UNPROVEN_MATH]};
			}
			if (points.timestamps.length > 0) proven.add(spec.id);
			const skipped = listing?.unreadable?.[spec.id];
			if (skipped && (mode === 'math' || mode === 'client')) {
				points = {
					...points,
					status: UNKNOWN_STATUS,
					messages: [
						...(points.messages ?? []),
						`ListMetrics listed ${skipped} series of this metric without a dimension name or value: not summed`,
					],
				};
			}
			bySpec.set(spec.id, {
				points: {
					timestamps: points.timestamps,
					values: points.values,
					status: points.status,
					...(points.messages ? {messages: points.messages} : {}),
				},
				range,
				query: queryOf(spec),
			});
		}
		pending = next;
	}
	return {bySpec, listing, notice};
}
