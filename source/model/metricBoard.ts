// The metrics board: the default AWS/IoT set of AWS.md plus the config file's custom metrics.
import type {CustomMetric} from '../config/config.js';
import {describeThreshold} from './alarms.js';
import type {AlarmRow, Dimension, MetricSpec} from './types.js';

type BoardEntry = {label: string; metricName: string; sumOver?: string[]};

const DEFAULT_BOARD: BoardEntry[] = [
	{label: 'Connect.Success', metricName: 'Connect.Success', sumOver: ['Protocol']},
	{label: 'Connect.AuthError', metricName: 'Connect.AuthError', sumOver: ['Protocol']},
	{label: 'Connect.Throttle', metricName: 'Connect.Throttle', sumOver: ['Protocol']},
	{label: 'PublishIn.Success', metricName: 'PublishIn.Success', sumOver: ['Protocol']},
	{label: 'PublishIn.Throttle', metricName: 'PublishIn.Throttle', sumOver: ['Protocol']},
	{label: 'PublishOut.Success', metricName: 'PublishOut.Success', sumOver: ['Protocol']},
	{label: 'RulesExecuted', metricName: 'RulesExecuted'},
	{label: 'Rule action Failure', metricName: 'Failure', sumOver: ['ActionType', 'RuleName']},
	{label: 'RuleMessageThrottled', metricName: 'RuleMessageThrottled', sumOver: ['RuleName']},
	{label: 'Rule ParseError', metricName: 'ParseError', sumOver: ['RuleName']},
];

export function defaultBoard(period: number): MetricSpec[] {
	return DEFAULT_BOARD.map((entry, index) => ({
		id: `iot${index}`,
		label: entry.label,
		namespace: 'AWS/IoT',
		metricName: entry.metricName,
		dimensions: [],
		statistic: 'Sum',
		period,
		unit: '',
		sumOverDimensions: entry.sumOver,
	}));
}

export function customBoard(metrics: CustomMetric[], period: number): MetricSpec[] {
	return metrics.map((metric, index) => ({
		id: `custom${index}`,
		label: metric.label,
		namespace: metric.namespace,
		metricName: metric.metricName,
		dimensions: Object.entries(metric.dimensions).map(([name, value]) => ({name, value})),
		statistic: metric.statistic,
		period: metric.period ?? period,
		unit: metric.unit,
	}));
}

/** CloudWatch SEARCH strings quote with double quotes inside a single-quoted expression. */
function searchQuote(text: string): string {
	return text.replace(/["\\]/g, '\\$&');
}

/**
 * The GetMetricData query of a spec: a MetricStat, or for a metric summed over a dimension
 * (AWS/IoT broker metrics per Protocol) one metric-math query, SUM(SEARCH(...)), so new
 * protocols or rules are summed without a config change.
 */
export function searchExpression(spec: MetricSpec): string | undefined {
	if (!spec.sumOverDimensions || spec.sumOverDimensions.length === 0) return undefined;
	const schema = [spec.namespace, ...spec.sumOverDimensions].join(',');
	return `SUM(SEARCH('{${schema}} MetricName="${searchQuote(spec.metricName)}"', '${spec.statistic}', ${spec.period}))`;
}

/**
 * The metric alarms that watch a board metric: same namespace and metric name, and the same
 * dimensions; for a metric summed over dimensions (SEARCH), any alarm on the metric whose
 * dimensions are among the summed ones (an alarm on Connect.AuthError for MQTT watches the
 * Connect.AuthError total).
 */
export function alarmsWatching(spec: MetricSpec, alarms: readonly AlarmRow[]): AlarmRow[] {
	return alarms.filter((alarm) => {
		// A metric-math alarm's threshold is its expression's, not any one metric's (and a math row has no single metric).
		if (alarm.expression !== undefined || spec.math !== undefined) return false;
		if (alarm.kind !== 'metric' || alarm.namespace !== spec.namespace || alarm.metricName !== spec.metricName) return false;
		const dimensions = alarm.dimensions ?? [];
		if (spec.sumOverDimensions && spec.sumOverDimensions.length > 0) {
			return dimensions.every((dimension) => spec.sumOverDimensions!.includes(dimension.name));
		}
		return (
			dimensions.length === spec.dimensions.length &&
			spec.dimensions.every((wanted) => dimensions.some((dimension) => dimension.name === wanted.name && dimension.value === wanted.value))
		);
	});
}

export type AlarmFlag = {
	/** An alarm watching the metric is in ALARM now (never true on stale alarm rows). */
	firing: boolean;
	/** The alarm rows are the last good ones (the alarms source failed): thresholds kept, state unknown. */
	stale: boolean;
	/** The watching alarm whose threshold is shown. */
	alarm?: AlarmRow;
	/** `⚑>10`, `✖>10` while it fires, `⚑>10?` when stale; '' without a threshold. */
	text: string;
};

/** The alarm mark of a board metric, from the alarms that watch it. */
export function alarmFlag(watching: readonly AlarmRow[], stale: boolean): AlarmFlag {
	const firing = !stale && watching.some((alarm) => alarm.state === 'ALARM');
	const alarm = watching.find((row) => row.threshold !== undefined);
	const text = alarm ? `${firing ? '✖' : '⚑'}${describeThreshold(alarm).replace(' ', '')}${stale ? '?' : ''}` : '';
	return {firing, stale, alarm, text};
}

/** A row of the default AWS/IoT board (always shown; the config file only adds to it). */
export function isDefaultSpec(spec: MetricSpec): boolean {
	return /^iot\d+$/.test(spec.id);
}

/** A series picked in the metric browser as a board row: Sum for AWS/IoT counts, Average otherwise. */
export function browsedSpec(
	metric: {namespace: string; metricName: string; dimensions: Dimension[]},
	label: string,
	id: string,
	period: number,
): MetricSpec {
	return {
		id,
		label,
		namespace: metric.namespace,
		metricName: metric.metricName,
		dimensions: metric.dimensions,
		statistic: metric.namespace === 'AWS/IoT' ? 'Sum' : 'Average',
		period,
		unit: '',
	};
}

/** The board's rows the config file can hold (`metrics`): not the default ones, not metric math. */
export function boardFileMetrics(specs: readonly MetricSpec[], period: number): CustomMetric[] {
	return specs
		.filter((spec) => !isDefaultSpec(spec) && !spec.math && !spec.sumOverDimensions)
		.map((spec) => ({
			label: spec.label,
			namespace: spec.namespace,
			metricName: spec.metricName,
			dimensions: Object.fromEntries(spec.dimensions.map((dimension) => [dimension.name, dimension.value])),
			statistic: spec.statistic,
			...(spec.period === period ? {} : {period: spec.period}),
			unit: spec.unit,
		}));
}
