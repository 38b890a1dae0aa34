// The alarm detail view (Enter in the Alarms pane): the whole definition, the state reason
// and the recent state history, as lines the Alarms pane scrolls inside its panel.
import {alarmSince, describeCondition, describePeriod, describeThreshold, stateLabel, stateSymbol} from '../../model/alarms.js';
import {formatDuration, formatTime} from '../../model/duration.js';
import {displayWidth, wrapText} from '../../model/format.js';
import type {AlarmRow} from '../../model/types.js';
import type {AlarmGraphView, AlarmHistoryView} from '../../live/state.js';
import {cell, wrapLine, type Line} from '../widgets/line.js';
import {alarmGraphLines} from './alarmGraphLines.js';

export const STATE_COLORS: Record<string, string> = {ALARM: 'red', INSUFFICIENT_DATA: 'yellow', OK: 'green'};

const LABEL_WIDTH = 14;

function field(label: string, value: string | undefined, width: number, style: {dim?: boolean} = {}): Line[] {
	if (value === undefined || value === '') return [];
	const wrapped = wrapText(value, Math.max(10, width - LABEL_WIDTH));
	return wrapped.map((text, index) => [
		{text: cell(index === 0 ? label : '', LABEL_WIDTH), dim: true},
		{text, ...style},
	]);
}

/** A field AWS left out: said so, dim, rather than left blank or filled with a default. */
const unknownField = (label: string, value: string | undefined, what: string, width: number) =>
	value === undefined ? field(label, what, width, {dim: true}) : field(label, value, width);

/** Since when, and from which timestamp: StateUpdatedTimestamp only bounds the time from below. */
function sinceText(alarm: AlarmRow, now: number): string | undefined {
	const since = alarmSince(alarm);
	if (!since) return undefined;
	const when = formatTime(since.at, 'date');
	const age = formatDuration(now - since.at);
	return since.exact
		? `${when} (${age} ago; StateTransitionedTimestamp)`
		: `at least ${age}: last updated ${when} (StateUpdatedTimestamp; no StateTransitionedTimestamp came, and the update time moves on every evaluation)`;
}

/** A composite alarm's child as its detail lists it: its state from the alarms slice (undefined: not listed). */
export type AlarmChildRow = {name: string; tests: string; alarm?: AlarmRow};

/** What the detail shows besides the alarm and its history: the graph (a metric alarm), the children (a composite). */
export type AlarmDetailExtras = {
	graph?: AlarmGraphView;
	/** Rows of the graph's chart; without it no graph is drawn. */
	chartHeight?: number;
	children?: AlarmChildRow[];
	/** The selected child (shown with `›`). */
	childCursor?: number;
};

export function alarmDetailLines(
	alarm: AlarmRow,
	history: AlarmHistoryView | undefined,
	width: number,
	now: number,
	extras: AlarmDetailExtras = {},
): Line[] {
	return alarmDetail(alarm, history, width, now, extras).lines;
}

function childLines(children: readonly AlarmChildRow[], cursor: number | undefined, width: number): Line[] {
	const lines: Line[] = wrapLine(
		[
			{text: 'Children', bold: true},
			{text: '  the alarms its rule names, now; Enter opens one', dim: true},
		],
		width,
		2,
	);
	if (children.length === 0) lines.push([{text: 'The rule names no alarm.', dim: true}]);
	children.forEach((child, index) => {
		const state = child.alarm?.state;
		const selected = index === cursor;
		lines.push([
			{text: selected ? '› ' : '  ', color: 'cyan', bold: true},
			{
				text: child.alarm ? `${stateSymbol(state)} ${cell(stateLabel(state), 12)} ` : `? ${cell('not listed', 12)} `,
				color: state === undefined ? undefined : (STATE_COLORS[state] ?? 'magenta'),
				dim: state === undefined,
				bold: state === 'ALARM',
			},
			{text: child.name, inverse: selected},
			{text: `  rule tests ${child.tests}`, dim: true},
		]);
	});
	return lines;
}

/** The detail's lines, and where each child of a composite alarm is among them (the cursor scrolls to it). */
export function alarmDetail(
	alarm: AlarmRow,
	history: AlarmHistoryView | undefined,
	width: number,
	now: number,
	extras: AlarmDetailExtras = {},
): {lines: Line[]; childLines: number[]} {
	const color = alarm.state === undefined ? undefined : (STATE_COLORS[alarm.state] ?? 'magenta');
	const since = sinceText(alarm, now);
	// The name whole, however long: wrapped under itself.
	const lines: Line[] = wrapLine(
		[
			{
				text: `${stateSymbol(alarm.state)} ${alarm.state === undefined ? 'state unknown (none in the answer)' : stateLabel(alarm.state)}`,
				color,
				dim: alarm.state === undefined,
				bold: true,
			},
			{text: `  ${alarm.name || '?'}`, bold: true},
		],
		width,
		2,
	);
	const childAt: number[] = [];
	if (alarm.kind === 'metric' && extras.chartHeight !== undefined) {
		lines.push(...alarmGraphLines(alarm, extras.graph, history, width, extras.chartHeight, now), []);
	} else if (alarm.kind === 'composite' && extras.children) {
		const block = childLines(extras.children, extras.childCursor, width);
		const first = lines.length + block.length - extras.children.length;
		extras.children.forEach((_, index) => childAt.push(first + index));
		lines.push(...block, []);
	}
	const metric = alarm.kind === 'metric';
	const dimensions = (alarm.dimensions ?? []).map((dimension) => `${dimension.name}=${dimension.value}`).join(' ');
	const evaluation =
		alarm.evaluationPeriods === undefined
			? undefined
			: `${alarm.datapointsToAlarm ?? alarm.evaluationPeriods} of ${alarm.evaluationPeriods} datapoints${alarm.period === undefined ? '' : ` of ${describePeriod(alarm.period)}`}`;
	lines.push(
		...unknownField('Since', since, 'unknown (no state timestamps in the answer)', width),
		...field('Condition', describeCondition(alarm), width),
		...unknownField('Reason', alarm.stateReason, 'unknown (none in the answer)', width),
		[],
	);
	lines.push(
		...wrapLine(
			[
				{text: 'History', bold: true},
				{text: '  recent state changes, newest first', dim: true},
			],
			width,
			2,
		),
	);
	if (!history || history.loading) {
		lines.push([{text: 'Loading history…', dim: true}]);
	} else if (history.error) {
		// Whole, wrapped; fetched when the view opens, so opening it again tries again.
		const lacking = history.error.kind === 'unavailable';
		const text = `⚠ ${history.error.message} ${lacking ? 'This endpoint does not implement it; the rest works.' : 'Esc and Enter try again.'}`;
		for (const part of wrapText(text, Math.max(10, width))) lines.push([{text: part, color: lacking ? 'gray' : 'yellow'}]);
	} else if (history.items.length === 0) {
		lines.push([{text: 'No state changes recorded.', dim: true}]);
	} else {
		for (const item of history.items) {
			const to = item.newState;
			const time = item.timestamp === undefined ? cell('?', 19) : formatTime(item.timestamp, 'date');
			lines.push(
				...wrapLine(
					[
						// Never 1970 for a missing time: a run of `?` as wide as a date.
						{text: `${time}  `, dim: true},
						{text: item.oldState ? `${stateLabel(item.oldState)} → ` : '', color: STATE_COLORS[item.oldState ?? '']},
						{text: `${stateLabel(to)}  `, color: STATE_COLORS[to ?? ''], dim: to === undefined, bold: to === 'ALARM'},
						{text: item.oldState && item.newState ? '' : (item.summary ?? ''), dim: true},
					],
					width,
					displayWidth(time) + 2,
				),
			);
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
			// Left out, CloudWatch treats missing data as `missing`: the default, said to be one.
			...field('Missing data', alarm.treatMissingData ?? 'missing (the default; not set on the alarm)', width),
		);
	} else {
		lines.push(...unknownField('Rule', alarm.alarmRule, 'unknown (none in the answer)', width));
	}
	return {lines, childLines: childAt};
}
