// The alarm detail view (Enter in the Alarms pane): the whole definition, the state reason
// and the recent state history, as lines the Alarms pane scrolls inside its panel.
import {describeCondition, describePeriod, describeThreshold, stateLabel, stateSymbol} from '../../model/alarms.js';
import {formatDuration, formatUtc} from '../../model/duration.js';
import {wrapText} from '../../model/format.js';
import type {AlarmRow} from '../../model/types.js';
import type {AlarmHistoryView} from '../../live/state.js';
import {cell, type Line} from '../widgets/line.js';

export const STATE_COLORS: Record<string, string> = {ALARM: 'red', INSUFFICIENT_DATA: 'yellow', OK: 'green'};

const LABEL_WIDTH = 14;

function field(label: string, value: string | undefined, width: number): Line[] {
	if (value === undefined || value === '') return [];
	const wrapped = wrapText(value, Math.max(10, width - LABEL_WIDTH));
	return wrapped.map((text, index) => [{text: cell(index === 0 ? label : '', LABEL_WIDTH), dim: true}, {text}]);
}

export function alarmDetailLines(alarm: AlarmRow, history: AlarmHistoryView | undefined, width: number, now: number): Line[] {
	const color = STATE_COLORS[alarm.state] ?? 'magenta';
	const since =
		alarm.stateTransitionedAt === undefined
			? undefined
			: `${formatUtc(alarm.stateTransitionedAt, 'date')} UTC (${formatDuration(now - alarm.stateTransitionedAt)} ago)`;
	const lines: Line[] = [[{text: `${stateSymbol(alarm.state)} ${stateLabel(alarm.state)}`, color, bold: true}, {text: `  ${alarm.name}`, bold: true}]];
	const metric = alarm.kind === 'metric';
	const dimensions = (alarm.dimensions ?? []).map((dimension) => `${dimension.name}=${dimension.value}`).join(' ');
	const evaluation =
		alarm.evaluationPeriods === undefined
			? undefined
			: `${alarm.datapointsToAlarm ?? alarm.evaluationPeriods} of ${alarm.evaluationPeriods} datapoints${alarm.period === undefined ? '' : ` of ${describePeriod(alarm.period)}`}`;
	lines.push(...field('Since', since, width), ...field('Condition', describeCondition(alarm), width), ...field('Reason', alarm.stateReason, width), []);
	lines.push([{text: 'History', bold: true}, {text: '  recent state changes, newest first', dim: true}]);
	if (!history || history.loading) {
		lines.push([{text: 'Loading history…', dim: true}]);
	} else if (history.error) {
		lines.push([{text: `⚠ ${history.error.message}`, color: 'yellow'}]);
	} else if (history.items.length === 0) {
		lines.push([{text: 'No state changes recorded.', dim: true}]);
	} else {
		for (const item of history.items) {
			const to = item.newState ?? '';
			lines.push([
				{text: `${formatUtc(item.timestamp, 'date')}  `, dim: true},
				{text: item.oldState ? `${stateLabel(item.oldState)} → ` : '', color: STATE_COLORS[item.oldState ?? '']},
				{text: `${stateLabel(to)}  `, color: STATE_COLORS[to], bold: to === 'ALARM'},
				{text: item.oldState && item.newState ? '' : item.summary, dim: true},
			]);
		}
	}
	lines.push([], [{text: 'Definition', bold: true}]);
	lines.push(
		...field('Type', `${metric ? 'metric alarm' : 'composite alarm'}${alarm.actionsEnabled === false ? ' · actions disabled' : ''}`, width),
		...field('Description', alarm.description, width),
	);
	if (metric) {
		lines.push(
			...field('Metric', [alarm.namespace, alarm.metricName, dimensions].filter(Boolean).join('  '), width),
			...field('Expression', alarm.expression, width),
			...field('Statistic', alarm.statistic ?? alarm.extendedStatistic, width),
			...field('Threshold', describeThreshold(alarm), width),
			...field('Evaluation', evaluation, width),
			...field('Missing data', alarm.treatMissingData ?? 'missing', width),
		);
	} else {
		lines.push(...field('Rule', alarm.alarmRule, width));
	}
	return lines;
}
