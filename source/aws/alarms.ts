// CloudWatch alarms -> AlarmRow: every page, metric and composite, sanitized on the way in.
// A field the answer left out stays undefined (unknown), never a default that reads as a fact.
import {
	DescribeAlarmHistoryCommand,
	DescribeAlarmsCommand,
	GetMetricDataCommand,
	type CompositeAlarm,
	type MetricAlarm,
	type MetricDataQuery,
} from '@aws-sdk/client-cloudwatch';
import {graphSpan, periodValues, type AlarmGraphData} from '../model/alarmGraph.js';
import type {AlarmHistoryItem, AlarmRow} from '../model/types.js';
import {sanitizeText} from '../terminal/sanitize.js';
import type {AwsClients} from './clients.js';

const time = (date: Date | undefined) => (date ? date.getTime() : undefined);
const text = (value: string | undefined, maxLength?: number) => (value === undefined ? undefined : sanitizeText(value, maxLength));

/** What metric and composite alarms share: name, state, reason, times. */
function commonFields(alarm: MetricAlarm | CompositeAlarm, kind: AlarmRow['kind']): AlarmRow {
	return {
		name: sanitizeText(alarm.AlarmName),
		arn: alarm.AlarmArn ? sanitizeText(alarm.AlarmArn) : undefined,
		kind,
		state: text(alarm.StateValue),
		stateReason: text(alarm.StateReason),
		stateTransitionedAt: time(alarm.StateTransitionedTimestamp),
		stateUpdatedAt: time(alarm.StateUpdatedTimestamp),
		description: alarm.AlarmDescription ? sanitizeText(alarm.AlarmDescription) : undefined,
		actionsEnabled: alarm.ActionsEnabled,
	};
}

export function toAlarmRow(alarm: MetricAlarm): AlarmRow {
	// The query alarmed on (an anomaly-detection alarm also returns its band, ThresholdMetricId).
	const returning = alarm.Metrics?.find((query) => query.ReturnData !== false && query.Id !== alarm.ThresholdMetricId);
	// An expression's threshold is the expression's: such an alarm watches none of the metrics it reads.
	const stat = returning?.MetricStat;
	return {
		...commonFields(alarm, 'metric'),
		namespace: text(alarm.Namespace ?? stat?.Metric?.Namespace),
		metricName: text(alarm.MetricName ?? stat?.Metric?.MetricName),
		statistic: text(alarm.Statistic ?? stat?.Stat, 64),
		extendedStatistic: text(alarm.ExtendedStatistic, 64),
		dimensions: (alarm.Dimensions ?? stat?.Metric?.Dimensions)?.map((dimension) => ({
			name: sanitizeText(dimension.Name),
			value: sanitizeText(dimension.Value),
		})),
		period: alarm.Period ?? returning?.Period ?? stat?.Period ?? alarm.Metrics?.find((query) => query.MetricStat)?.MetricStat?.Period,
		evaluationPeriods: alarm.EvaluationPeriods,
		datapointsToAlarm: alarm.DatapointsToAlarm,
		threshold: alarm.Threshold,
		comparisonOperator: text(alarm.ComparisonOperator, 64),
		treatMissingData: text(alarm.TreatMissingData, 64),
		unit: text(alarm.Unit, 64),
		expression: returning?.Expression ? sanitizeText(returning.Expression) : undefined,
	};
}

export function toCompositeRow(alarm: CompositeAlarm): AlarmRow {
	return {...commonFields(alarm, 'composite'), alarmRule: text(alarm.AlarmRule, 2000)};
}

/** Every alarm of the account (or with the prefix): one DescribeAlarms call per 100. */
export async function fetchAlarms(clients: AwsClients, options: {prefix?: string} = {}): Promise<AlarmRow[]> {
	const rows: AlarmRow[] = [];
	let nextToken: string | undefined;
	do {
		const page = await clients.cloudwatch.send(
			new DescribeAlarmsCommand({
				AlarmTypes: ['MetricAlarm', 'CompositeAlarm'],
				AlarmNamePrefix: options.prefix || undefined,
				MaxRecords: 100,
				NextToken: nextToken,
			}),
		);
		for (const alarm of page.MetricAlarms ?? []) rows.push(toAlarmRow(alarm));
		for (const alarm of page.CompositeAlarms ?? []) rows.push(toCompositeRow(alarm));
		nextToken = page.NextToken;
	} while (nextToken);
	return rows;
}

export async function fetchAlarmHistory(clients: AwsClients, alarmName: string, limit = 50): Promise<AlarmHistoryItem[]> {
	const page = await clients.cloudwatch.send(
		new DescribeAlarmHistoryCommand({
			AlarmName: alarmName,
			AlarmTypes: ['MetricAlarm', 'CompositeAlarm'],
			HistoryItemType: 'StateUpdate',
			MaxRecords: limit,
			ScanBy: 'TimestampDescending',
		}),
	);
	return (page.AlarmHistoryItems ?? []).map((item) => {
		let oldState: string | undefined;
		let newState: string | undefined;
		try {
			const data = JSON.parse(item.HistoryData ?? '{}') as {oldState?: {stateValue?: string}; newState?: {stateValue?: string}};
			oldState = data.oldState?.stateValue;
			newState = data.newState?.stateValue;
		} catch {
			// HistoryData is documented as JSON; if it is not, the summary still says what happened.
		}
		return {
			timestamp: time(item.Timestamp),
			type: text(item.HistoryItemType),
			summary: text(item.HistorySummary),
			oldState: oldState === undefined ? undefined : sanitizeText(oldState),
			newState: newState === undefined ? undefined : sanitizeText(newState),
		};
	});
}

/** Raw (unsanitized) query parts go back to AWS as they came; only what is drawn is sanitized. */
type GraphPlan = {queries: MetricDataQuery[]; valueId: string; bandId?: string; label: string; periodSec: number};

/** The GetMetricData queries that redraw what the alarm evaluates, or why there are none. */
function graphPlan(alarm: MetricAlarm): GraphPlan | string {
	if (alarm.Metrics && alarm.Metrics.length > 0) {
		const bandId = alarm.ThresholdMetricId;
		const value = alarm.Metrics.find((query) => query.ReturnData !== false && query.Id !== bandId);
		if (!value?.Id) return 'the alarm names no query that returns data.';
		const periodSec = value.Period ?? value.MetricStat?.Period ?? alarm.Metrics.find((query) => query.MetricStat)?.MetricStat?.Period;
		if (!periodSec) return 'the alarm gives no period.';
		const stat = value.MetricStat;
		const label = value.Label ?? value.Expression ?? [stat?.Metric?.MetricName, stat?.Stat].filter(Boolean).join(' ');
		return {
			// Only the alarmed series (and its band) come back; the rest feed the expressions.
			queries: alarm.Metrics.map((query) => ({
				...query,
				ReturnData: query.Id === value.Id || (bandId !== undefined && query.Id === bandId),
			})),
			valueId: value.Id,
			bandId,
			label,
			periodSec,
		};
	}
	const stat = alarm.Statistic ?? alarm.ExtendedStatistic;
	if (!alarm.MetricName || !alarm.Namespace || !stat || !alarm.Period) return 'the alarm names no metric, statistic or period.';
	return {
		queries: [
			{
				Id: 'm1',
				MetricStat: {
					Metric: {Namespace: alarm.Namespace, MetricName: alarm.MetricName, Dimensions: alarm.Dimensions},
					Period: alarm.Period,
					Stat: stat,
					Unit: alarm.Unit,
				},
				ReturnData: true,
			},
		],
		valueId: 'm1',
		label: `${alarm.MetricName} ${stat}`,
		periodSec: alarm.Period,
	};
}

/** The alarm could not be graphed from what DescribeAlarms says of it (not an AWS failure). */
export class AlarmGraphUnavailable extends Error {}

/**
 * The alarm detail's graph: the alarm as DescribeAlarms has it now (its queries go back to AWS
 * unsanitized), then one GetMetricData over 3 x its evaluation periods (at least 15 periods):
 * the alarmed series and, for an anomaly-detection alarm, the band's two edges.
 */
export async function fetchAlarmGraph(clients: AwsClients, alarmName: string, now: number): Promise<AlarmGraphData> {
	const described = await clients.cloudwatch.send(new DescribeAlarmsCommand({AlarmNames: [alarmName], AlarmTypes: ['MetricAlarm']}));
	const alarm = described.MetricAlarms?.find((candidate) => candidate.AlarmName === alarmName) ?? described.MetricAlarms?.[0];
	if (!alarm) throw new AlarmGraphUnavailable(`DescribeAlarms no longer lists ${alarmName} as a metric alarm.`);
	const plan = graphPlan(alarm);
	if (typeof plan === 'string') throw new AlarmGraphUnavailable(`No graph: ${plan}`);
	const span = graphSpan(plan.periodSec, alarm.EvaluationPeriods, now);
	const value: {timestamps: number[]; values: number[]} = {timestamps: [], values: []};
	const bandSeries: Array<{timestamps: number[]; values: number[]}> = [];
	const statuses = new Set<string>();
	const messages = new Set<string>();
	const tokens = new Set<string>();
	let nextToken: string | undefined;
	do {
		const page = await clients.cloudwatch.send(
			new GetMetricDataCommand({
				MetricDataQueries: plan.queries,
				StartTime: new Date(span.start),
				EndTime: new Date(span.end),
				ScanBy: 'TimestampAscending',
				NextToken: nextToken,
			}),
		);
		const results = page.MetricDataResults ?? [];
		// The band comes back as two results under its id (its edges); kept apart by their order.
		let bandIndex = 0;
		for (const result of results) {
			const into =
				result.Id === plan.valueId
					? value
					: result.Id === plan.bandId
						? (bandSeries[bandIndex++] ??= {timestamps: [], values: []})
						: undefined;
			if (!into) continue;
			(result.Timestamps ?? []).forEach((at, index) => {
				const number = result.Values?.[index];
				if (number !== undefined && Number.isFinite(number)) {
					into.timestamps.push(at.getTime());
					into.values.push(number);
				}
			});
			if (result.StatusCode && result.StatusCode !== 'Complete') statuses.add(sanitizeText(result.StatusCode, 40));
			for (const message of result.Messages ?? []) if (message.Value) messages.add(sanitizeText(message.Value, 200));
		}
		for (const message of page.Messages ?? []) if (message.Value) messages.add(sanitizeText(message.Value, 200));
		nextToken = page.NextToken || undefined;
		if (nextToken !== undefined) {
			if (tokens.has(nextToken)) throw new Error('GetMetricData returned the same NextToken twice; stopped paging.');
			tokens.add(nextToken);
		}
	} while (nextToken);
	const slots = (series: {timestamps: number[]; values: number[]}) =>
		periodValues(series.timestamps, series.values, span.start, plan.periodSec, span.periods);
	let band: AlarmGraphData['band'];
	if (plan.bandId !== undefined && bandSeries.length >= 2) {
		// Whichever edge is which, per period the lower is the smaller.
		const [a, b] = [slots(bandSeries[0]), slots(bandSeries[1])];
		const pick = (choose: (x: number, y: number) => number) =>
			a.map((x, index) => (x === undefined || b[index] === undefined ? undefined : choose(x, b[index]!)));
		band = {lower: pick(Math.min), upper: pick(Math.max)};
	}
	return {
		label: sanitizeText(plan.label, 200),
		periodSec: plan.periodSec,
		start: span.start,
		end: span.end,
		values: slots(value),
		band,
		// An anomaly-detection alarm has no Threshold: the band is its threshold.
		threshold: plan.bandId === undefined && alarm.Threshold !== undefined && Number.isFinite(alarm.Threshold) ? alarm.Threshold : undefined,
		comparison: text(alarm.ComparisonOperator, 64),
		status: statuses.size > 0 ? [...statuses].join(', ') : undefined,
		messages: messages.size > 0 ? [...messages] : undefined,
	};
}
