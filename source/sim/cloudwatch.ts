// CloudWatch's JSON operation table (AWS JSON 1.0, query-compatible): alarms, alarm
// history, metric data and metric listing over the simulator's metric store and alarm
// model, with AWS's limits, paging and validation errors.

import {SimError, type JsonOperations, type SimClock} from './contract.js';
import type {
	AlarmModel,
	AlarmStateValue,
	CompositeAlarm,
	CompositeAlarmInput,
	HistoryItem,
	MetricAlarm,
	MetricAlarmInput,
} from './alarms.js';
import {dashboardOperations, type DashboardStore} from './dashboards.js';
import {runQueries, type MetricDataQueryInput} from './metricMath.js';
import {ruleNames} from './compositeRule.js';
import {
	dimensionsKey,
	fromAwsDimensions,
	isKnownStat,
	parseTimestamp,
	toAwsDimensions,
	type AwsDimension,
	type MetricDatumInput,
	type MetricKey,
	type MetricStore,
} from './metrics.js';

/** Limits tests may lower to exercise paging without huge requests. */
export type CloudWatchLimits = {
	/** GetMetricData: datapoints per call before NextToken paging (AWS: 100,800). */
	maxDatapointsPerCall: number;
	/** GetMetricData: queries per call (AWS: 500). */
	maxQueries: number;
	/** ListMetrics page size (AWS: 500). */
	listMetricsPageSize: number;
	/** ListDashboards page size (AWS: 1000). */
	listDashboardsPageSize: number;
};

export const DEFAULT_CLOUDWATCH_LIMITS: CloudWatchLimits = {
	maxDatapointsPerCall: 100_800,
	maxQueries: 500,
	listMetricsPageSize: 500,
	listDashboardsPageSize: 1000,
};

/**
 * How much metric math GetMetricData evaluates, to stand in for other endpoints: 'full' (AWS);
 * 'no-search' everything but SEARCH (answered empty); 'ids-only' like moto: only an expression
 * that is another MetricStat query's Id, every other expression (SEARCH, SUM, a+b) answered
 * with an empty Complete result; 'none' like LocalStack: a call with any expression fails
 * with HTTP 500 InternalFailure.
 */
export type MetricMathSupport = 'full' | 'no-search' | 'ids-only' | 'none';

export const METRIC_MATH_SUPPORT: readonly MetricMathSupport[] = ['full', 'no-search', 'ids-only', 'none'];

export type CloudWatchDeps = {
	metrics: MetricStore;
	alarms: AlarmModel;
	clock?: SimClock;
	limits?: CloudWatchLimits;
	/** Default 'full'. */
	metricMath?: MetricMathSupport;
	/** Tests: changes an answer before it is sent, to stand in for an endpoint that leaves out or garbles fields. */
	rewriteResponse?: (operation: 'GetMetricData' | 'ListMetrics', response: Record<string, unknown>) => Record<string, unknown>;
	/** ListDashboards, GetDashboard, PutDashboard over this store (sim/dashboards.ts). */
	dashboards?: {store: DashboardStore; accountId: string};
};

/** Whether an endpoint with `support` evaluates this expression (else it answers it empty). */
function evaluates(support: MetricMathSupport, expression: string, statIds: ReadonlySet<string>): boolean {
	if (support === 'full') return true;
	if (support === 'no-search') return !/\bSEARCH\s*\(/i.test(expression);
	return statIds.has(expression);
}

/** Three hours, ListMetrics' RecentlyActive=PT3H. */
const RECENTLY_ACTIVE_MS = 3 * 3_600_000;

/** ListMetrics leaves out a metric that has not reported for two weeks (API reference, ListMetrics). */
const LISTED_FOR_MS = 14 * 24 * 3_600_000;

function validationError(message: string): SimError {
	return new SimError('ValidationException', message);
}

function constraint(value: unknown, field: string, rule: string): SimError {
	return validationError(`1 validation error detected: Value '${String(value)}' at '${field}' failed to satisfy constraint: ${rule}`);
}

function encodeToken(value: unknown): string {
	return Buffer.from(JSON.stringify(value), 'utf8').toString('base64');
}

function decodeToken<T>(token: unknown): T {
	try {
		if (typeof token !== 'string') throw new Error('not a string');
		return JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as T;
	} catch {
		throw new SimError('InvalidNextToken', 'The service returned an invalid next token.');
	}
}

function maxRecords(value: unknown, field: string, max: number, fallback: number): number {
	if (value === undefined || value === null) return fallback;
	if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max) {
		throw constraint(
			value,
			field,
			`Member must have value ${Number(value) < 1 ? 'greater than or equal to 1' : `less than or equal to ${max}`}`,
		);
	}
	return value;
}

const ID_PATTERN = /^[a-z][a-zA-Z0-9_]*$/;

function validPeriod(p: unknown): boolean {
	return (
		typeof p === 'number' && Number.isInteger(p) && (p === 1 || p === 5 || p === 10 || p === 20 || p === 30 || (p >= 60 && p % 60 === 0))
	);
}

export function cloudwatchOperations(deps: CloudWatchDeps): JsonOperations {
	const {metrics, alarms} = deps;
	const limits = deps.limits ?? {...DEFAULT_CLOUDWATCH_LIMITS};

	return {
		...(deps.dashboards ? dashboardOperations(deps.dashboards.store, {accountId: deps.dashboards.accountId, limits}) : {}),
		DescribeAlarms(input) {
			alarms.evaluate();
			const pageSize = maxRecords(input.MaxRecords, 'maxRecords', 100, 50);
			const names: string[] | undefined = input.AlarmNames;
			const prefix: string | undefined = input.AlarmNamePrefix;
			if (names && names.length > 0 && prefix) {
				throw new SimError('InvalidParameterCombinationException', 'AlarmNamePrefix and AlarmNames cannot be specified together.');
			}
			if (names && names.length > 100)
				throw constraint(`[${names.length} names]`, 'alarmNames', 'Member must have length less than or equal to 100');
			const types: string[] = input.AlarmTypes && input.AlarmTypes.length > 0 ? input.AlarmTypes : ['MetricAlarm'];
			for (const type of types) {
				if (type !== 'MetricAlarm' && type !== 'CompositeAlarm')
					throw constraint(type, 'alarmTypes', 'Member must satisfy enum value set: [CompositeAlarm, MetricAlarm]');
			}
			const state: string | undefined = input.StateValue;
			if (state !== undefined && !['OK', 'ALARM', 'INSUFFICIENT_DATA'].includes(state)) {
				throw constraint(state, 'stateValue', 'Member must satisfy enum value set: [INSUFFICIENT_DATA, ALARM, OK]');
			}
			const children: string | undefined = input.ChildrenOfAlarmName;
			const parents: string | undefined = input.ParentsOfAlarmName;
			let childNames: Set<string> | undefined;
			if (children) {
				const parent = alarms.get(children);
				childNames = new Set(parent?.type === 'CompositeAlarm' ? ruleNames(parent.rule) : []);
			}
			const nameSet = names && names.length > 0 ? new Set(names) : undefined;
			const keep = (alarm: MetricAlarm | CompositeAlarm) => {
				const name = alarm.config.AlarmName;
				if (nameSet && !nameSet.has(name)) return false;
				if (prefix && !name.startsWith(prefix)) return false;
				if (state && alarm.state !== state) return false;
				if (childNames && !childNames.has(name)) return false;
				if (parents && !(alarm.type === 'CompositeAlarm' && ruleNames(alarm.rule).includes(parents))) return false;
				return true;
			};
			const all: Array<MetricAlarm | CompositeAlarm> = [];
			if (types.includes('MetricAlarm')) for (const a of alarms.metricAlarms()) if (keep(a)) all.push(a);
			if (types.includes('CompositeAlarm')) for (const a of alarms.compositeAlarms()) if (keep(a)) all.push(a);
			let start = 0;
			if (input.NextToken !== undefined) {
				const token = decodeToken<{k: string; n: string}>(input.NextToken);
				if (typeof token?.n !== 'string') throw new SimError('InvalidNextToken', 'The service returned an invalid next token.');
				const kindRank = (k: string) => (k === 'MetricAlarm' ? 0 : 1);
				start = all.findIndex((a) => kindRank(a.type) > kindRank(token.k) || (a.type === token.k && a.config.AlarmName > token.n));
				if (start < 0) start = all.length;
			}
			const page = all.slice(start, start + pageSize);
			const out: Record<string, unknown> = {
				MetricAlarms: page.filter((a): a is MetricAlarm => a.type === 'MetricAlarm').map((a) => alarms.describeMetricAlarm(a)),
				CompositeAlarms: page.filter((a): a is CompositeAlarm => a.type === 'CompositeAlarm').map((a) => alarms.describeCompositeAlarm(a)),
			};
			if (start + pageSize < all.length) {
				const last = page[page.length - 1];
				out.NextToken = encodeToken({k: last.type, n: last.config.AlarmName});
			}
			return out;
		},

		DescribeAlarmHistory(input) {
			alarms.evaluate();
			const pageSize = maxRecords(input.MaxRecords, 'maxRecords', 100, 100);
			const types: string[] = input.AlarmTypes && input.AlarmTypes.length > 0 ? input.AlarmTypes : ['MetricAlarm'];
			const itemType: string | undefined = input.HistoryItemType;
			if (
				itemType !== undefined &&
				!['ConfigurationUpdate', 'StateUpdate', 'Action', 'AlarmContributorStateUpdate', 'AlarmContributorAction'].includes(itemType)
			) {
				throw constraint(itemType, 'historyItemType', 'Member must satisfy enum value set: [ConfigurationUpdate, StateUpdate, Action]');
			}
			const scanBy: string = input.ScanBy ?? 'TimestampDescending';
			if (scanBy !== 'TimestampDescending' && scanBy !== 'TimestampAscending') {
				throw constraint(scanBy, 'scanBy', 'Member must satisfy enum value set: [TimestampDescending, TimestampAscending]');
			}
			const startDate = input.StartDate !== undefined ? parseTimestamp(input.StartDate, 'StartDate') : undefined;
			const endDate = input.EndDate !== undefined ? parseTimestamp(input.EndDate, 'EndDate') : undefined;
			const name: string | undefined = input.AlarmName;
			const history = alarms.history();
			const indexed: Array<{item: HistoryItem; seq: number}> = [];
			history.forEach((item, seq) => {
				if (name && item.AlarmName !== name) return;
				if (!types.includes(item.AlarmType)) return;
				if (itemType && item.HistoryItemType !== itemType) return;
				if (startDate !== undefined && item.timestamp < startDate) return;
				if (endDate !== undefined && item.timestamp > endDate) return;
				indexed.push({item, seq});
			});
			// Order by (timestamp, insertion); the token names the last item returned.
			const ordered = indexed.sort((a, b) => a.item.timestamp - b.item.timestamp || a.seq - b.seq);
			if (scanBy === 'TimestampDescending') ordered.reverse();
			let start = 0;
			if (input.NextToken !== undefined) {
				const token = decodeToken<{t: number; s: number}>(input.NextToken);
				if (typeof token?.t !== 'number') throw new SimError('InvalidNextToken', 'The service returned an invalid next token.');
				const after = (x: {item: HistoryItem; seq: number}) => {
					const cmp = x.item.timestamp - token.t || x.seq - token.s;
					return scanBy === 'TimestampDescending' ? cmp < 0 : cmp > 0;
				};
				start = ordered.findIndex(after);
				if (start < 0) start = ordered.length;
			}
			const page = ordered.slice(start, start + pageSize);
			const out: Record<string, unknown> = {
				AlarmHistoryItems: page.map(({item}) => ({
					AlarmName: item.AlarmName,
					AlarmType: item.AlarmType,
					Timestamp: item.timestamp / 1000,
					HistoryItemType: item.HistoryItemType,
					HistorySummary: item.HistorySummary,
					HistoryData: item.HistoryData,
				})),
			};
			if (start + pageSize < ordered.length) {
				const last = page[page.length - 1];
				out.NextToken = encodeToken({t: last.item.timestamp, s: last.seq});
			}
			return out;
		},

		GetMetricData(input) {
			alarms.evaluate();
			const queries: MetricDataQueryInput[] = input.MetricDataQueries;
			if (!Array.isArray(queries) || queries.length === 0) {
				throw new SimError('MissingRequiredParameterException', 'The parameter MetricDataQueries is required.');
			}
			if (queries.length > limits.maxQueries) {
				throw validationError(`The collection MetricDataQueries must not have a size greater than ${limits.maxQueries}.`);
			}
			if (input.StartTime === undefined) throw new SimError('MissingRequiredParameterException', 'The parameter StartTime is required.');
			if (input.EndTime === undefined) throw new SimError('MissingRequiredParameterException', 'The parameter EndTime is required.');
			const startMs = parseTimestamp(input.StartTime, 'StartTime');
			const endMs = parseTimestamp(input.EndTime, 'EndTime');
			if (startMs >= endMs) throw validationError('The parameter StartTime must be less than the parameter EndTime.');
			const scanBy: string = input.ScanBy ?? 'TimestampDescending';
			if (scanBy !== 'TimestampDescending' && scanBy !== 'TimestampAscending') {
				throw constraint(scanBy, 'scanBy', 'Member must satisfy enum value set: [TimestampDescending, TimestampAscending]');
			}
			const ids = new Set<string>();
			for (const q of queries) {
				if (typeof q?.Id !== 'string' || !ID_PATTERN.test(q.Id) || q.Id.length > 255) {
					throw validationError(
						`Invalid metric data query id '${String(q?.Id)}': the Id must start with a lowercase letter and contain only letters, numbers and underscores.`,
					);
				}
				if (ids.has(q.Id))
					throw validationError(`The values for parameter id in MetricDataQueries are not unique (duplicate id '${q.Id}').`);
				ids.add(q.Id);
				if (!!q.MetricStat === !!q.Expression) {
					throw validationError(`The metric data query '${q.Id}' must specify exactly one of MetricStat and Expression.`);
				}
				if (q.MetricStat) {
					const stat = q.MetricStat;
					if (!stat.Metric?.MetricName || !stat.Metric?.Namespace) {
						throw new SimError(
							'MissingRequiredParameterException',
							`The parameter MetricDataQueries.member.${q.Id}.MetricStat.Metric.MetricName is required.`,
						);
					}
					if (!validPeriod(stat.Period))
						throw validationError(
							`The parameter MetricDataQueries.member.${q.Id}.MetricStat.Period must be 1, 5, 10, 20, 30 or a multiple of 60.`,
						);
					if (typeof stat.Stat !== 'string' || !isKnownStat(stat.Stat)) {
						throw validationError(
							`The parameter MetricDataQueries.member.${q.Id}.MetricStat.Stat has an invalid statistic '${String(stat.Stat)}'.`,
						);
					}
				} else if (q.Period !== undefined && !validPeriod(q.Period)) {
					throw validationError(`The parameter MetricDataQueries.member.${q.Id}.Period must be 1, 5, 10, 20, 30 or a multiple of 60.`);
				}
			}
			if (!queries.some((q) => q.ReturnData !== false))
				throw validationError('At least one metric data query must return data (ReturnData).');
			const pageSize = Math.min(
				limits.maxDatapointsPerCall,
				input.MaxDatapoints !== undefined
					? maxRecords(input.MaxDatapoints, 'maxDatapoints', Number.MAX_SAFE_INTEGER, limits.maxDatapointsPerCall)
					: limits.maxDatapointsPerCall,
			);
			let offset = 0;
			if (input.NextToken !== undefined) {
				const token = decodeToken<{o: number}>(input.NextToken);
				if (typeof token?.o !== 'number' || token.o < 0)
					throw new SimError('InvalidNextToken', 'The service returned an invalid next token.');
				offset = token.o;
			}
			const support = deps.metricMath ?? 'full';
			if (support === 'none' && queries.some((q) => q.Expression !== undefined)) {
				throw new SimError('InternalFailure', 'The server encountered an internal error: metric math is not supported.', 500);
			}
			const statIds = new Set(queries.filter((q) => q.MetricStat).map((q) => q.Id!));
			const unevaluated = new Set(
				queries.filter((q) => q.Expression !== undefined && !evaluates(support, q.Expression, statIds)).map((q) => q.Id!),
			);
			const evaluated = runQueries(
				metrics,
				queries.filter((q) => !unevaluated.has(q.Id!)),
				startMs,
				endMs,
			);
			// An expression the endpoint does not evaluate answers empty and Complete, in its place.
			const byId = new Map<string, typeof evaluated>();
			for (const result of evaluated) byId.set(result.id, [...(byId.get(result.id) ?? []), result]);
			const results =
				unevaluated.size === 0
					? evaluated
					: queries.flatMap((q) =>
							unevaluated.has(q.Id!)
								? q.ReturnData === false
									? []
									: [{id: q.Id!, label: q.Label ?? q.Id!, returnData: true, series: {timestamps: [], values: []}, messages: []}]
								: (byId.get(q.Id!) ?? []),
						);
			const pageEnd = offset + pageSize;
			let position = 0;
			const out = results.map((result) => {
				let timestamps = result.series.timestamps;
				let values = result.series.values;
				if (scanBy === 'TimestampDescending') {
					timestamps = [...timestamps].reverse();
					values = [...values].reverse();
				}
				const from = Math.max(0, offset - position);
				const to = Math.max(0, Math.min(timestamps.length, pageEnd - position));
				const partial = position + timestamps.length > pageEnd;
				position += timestamps.length;
				return {
					Id: result.id,
					Label: result.label,
					Timestamps: timestamps.slice(from, Math.max(from, to)).map((t) => t / 1000),
					Values: values.slice(from, Math.max(from, to)),
					StatusCode: partial ? 'PartialData' : 'Complete',
					Messages: result.messages,
				};
			});
			const response: Record<string, unknown> = {MetricDataResults: out, Messages: []};
			if (position > pageEnd) response.NextToken = encodeToken({o: pageEnd});
			return deps.rewriteResponse ? deps.rewriteResponse('GetMetricData', response) : response;
		},

		GetMetricStatistics(input) {
			for (const field of ['Namespace', 'MetricName', 'StartTime', 'EndTime', 'Period']) {
				if (input[field] === undefined) throw new SimError('MissingRequiredParameterException', `The parameter ${field} is required.`);
			}
			const statistics: string[] = input.Statistics ?? [];
			const extended: string[] = input.ExtendedStatistics ?? [];
			if (statistics.length + extended.length === 0) {
				throw new SimError('MissingRequiredParameterException', 'Either the parameter Statistics or ExtendedStatistics is required.');
			}
			if (!validPeriod(input.Period))
				throw new SimError('InvalidParameterValueException', `The parameter Period must be 1, 5, 10, 20, 30 or a multiple of 60.`);
			const startMs = parseTimestamp(input.StartTime, 'StartTime');
			const endMs = parseTimestamp(input.EndTime, 'EndTime');
			if (startMs >= endMs)
				throw new SimError('InvalidParameterValueException', 'The parameter StartTime must be less than the parameter EndTime.');
			const key: MetricKey = {namespace: input.Namespace, metricName: input.MetricName, dimensions: fromAwsDimensions(input.Dimensions)};
			const byTime = new Map<number, Record<string, unknown>>();
			for (const stat of [...statistics, ...extended]) {
				const series = metrics.statSeries(key, stat, input.Period, startMs, endMs);
				series.timestamps.forEach((t, i) => {
					let point = byTime.get(t);
					if (!point) {
						point = {Timestamp: t / 1000};
						if (input.Unit) point.Unit = input.Unit;
						byTime.set(t, point);
					}
					if (statistics.includes(stat)) point[stat] = series.values[i];
					else ((point.ExtendedStatistics ??= {}) as Record<string, number>)[stat] = series.values[i];
				});
			}
			if (byTime.size > 1440)
				throw new SimError(
					'InvalidParameterCombinationException',
					'You have requested up to 1,441 datapoints, which exceeds the limit of 1,440.',
				);
			return {Label: input.MetricName, Datapoints: [...byTime.values()]};
		},

		ListMetrics(input) {
			const filters: AwsDimension[] = input.Dimensions ?? [];
			const namespace: string | undefined = input.Namespace;
			const metricName: string | undefined = input.MetricName;
			if (input.RecentlyActive !== undefined && input.RecentlyActive !== 'PT3H') {
				throw constraint(input.RecentlyActive, 'recentlyActive', 'Member must satisfy enum value set: [PT3H]');
			}
			const now = (deps.clock ?? {now: Date.now}).now();
			// Only metrics with a datapoint in the last two weeks; with PT3H, in the last three hours.
			const since = now - (input.RecentlyActive === 'PT3H' ? RECENTLY_ACTIVE_MS : LISTED_FOR_MS);
			const matching = metrics
				.listReported(since)
				.filter((m) => (!namespace || m.namespace === namespace) && (!metricName || m.metricName === metricName))
				.filter((m) =>
					filters.every((f) => f.Name in m.dimensions && (f.Value === undefined || f.Value === null || m.dimensions[f.Name] === f.Value)),
				)
				.map((m) => ({m, sort: `${m.namespace}\u0000${m.metricName}\u0000${dimensionsKey(m.dimensions)}`}))
				.sort((a, b) => (a.sort < b.sort ? -1 : a.sort > b.sort ? 1 : 0));
			let start = 0;
			if (input.NextToken !== undefined) {
				const token = decodeToken<{k: string}>(input.NextToken);
				if (typeof token?.k !== 'string') throw new SimError('InvalidNextToken', 'The service returned an invalid next token.');
				start = matching.findIndex((x) => x.sort > token.k);
				if (start < 0) start = matching.length;
			}
			const page = matching.slice(start, start + limits.listMetricsPageSize);
			const out: Record<string, unknown> = {
				Metrics: page.map(({m}) => ({Namespace: m.namespace, MetricName: m.metricName, Dimensions: toAwsDimensions(m.dimensions)})),
			};
			if (start + limits.listMetricsPageSize < matching.length) out.NextToken = encodeToken({k: page[page.length - 1].sort});
			return deps.rewriteResponse ? deps.rewriteResponse('ListMetrics', out) : out;
		},

		PutMetricData(input) {
			metrics.put(input.Namespace, (input.MetricData ?? []) as MetricDatumInput[]);
			return {};
		},

		PutMetricAlarm(input) {
			alarms.evaluate();
			alarms.putMetricAlarm(input as MetricAlarmInput);
			return {};
		},

		PutCompositeAlarm(input) {
			alarms.evaluate();
			alarms.putCompositeAlarm(input as CompositeAlarmInput);
			return {};
		},

		DeleteAlarms(input) {
			const names: string[] = input.AlarmNames ?? [];
			if (names.length === 0) throw new SimError('MissingRequiredParameterException', 'The parameter AlarmNames is required.');
			if (names.length > 100)
				throw constraint(`[${names.length} names]`, 'alarmNames', 'Member must have length less than or equal to 100');
			alarms.deleteAlarms(names);
			return {};
		},

		SetAlarmState(input) {
			alarms.evaluate();
			for (const field of ['AlarmName', 'StateValue', 'StateReason']) {
				if (input[field] === undefined) throw new SimError('MissingRequiredParameterException', `The parameter ${field} is required.`);
			}
			alarms.setAlarmState(input.AlarmName, input.StateValue as AlarmStateValue, input.StateReason, input.StateReasonData);
			return {};
		},
	};
}
