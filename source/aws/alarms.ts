// CloudWatch alarms -> AlarmRow: every page, metric and composite, sanitized on the way in.
// A field the answer left out stays undefined (unknown), never a default that reads as a fact.
import {DescribeAlarmHistoryCommand, DescribeAlarmsCommand, type CompositeAlarm, type MetricAlarm} from '@aws-sdk/client-cloudwatch';
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
	const returning = alarm.Metrics?.find((query) => query.ReturnData !== false && query.Expression);
	const stat = alarm.Metrics?.find((query) => query.MetricStat)?.MetricStat;
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
		period: alarm.Period ?? stat?.Period,
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
