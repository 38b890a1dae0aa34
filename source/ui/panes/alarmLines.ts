// The Alarms pane's table: marks, state, name, for how long, the condition in words and the
// reason; its columns, their layout for the alarms on screen, the header and one alarm as a row.
import {describeCondition, formatAlarmFor, stateLabel, stateSymbol} from '../../model/alarms.js';
import {displayWidth} from '../../model/format.js';
import type {AlarmRow} from '../../model/types.js';
import {tableHeader, tableLayout, tableRow, type ColumnSpec, type TableLayout} from '../widgets/columns.js';
import type {Line} from '../widgets/line.js';
import {STATE_COLORS} from './AlarmDetail.js';

const STATE_SHORT: Record<string, string> = {ALARM: 'ALARM', INSUFFICIENT_DATA: 'INSUFF', OK: 'OK'};

const NAME = 1;
const FOR = 2;
const CONDITION = 3;
const REASON = 4;

/**
 * The name is whole (the reason goes before the name is cut), then the condition gets room;
 * the reason takes what is left (Enter shows every field whole).
 */
export const ALARM_COLUMNS: readonly ColumnSpec[] = [
	{title: 'STATE', min: 'content', preferred: 'content', max: 24},
	{title: 'NAME', min: 12, preferred: 'content', max: 64, whole: true},
	// `≥3m20s`: only StateUpdatedTimestamp came, so the state has held at least that long.
	{title: 'FOR', min: 'content', preferred: 'content', max: 10, align: 'right'},
	{title: 'CONDITION', min: 16, preferred: 'content', max: 120, priority: 1},
	{title: 'REASON', min: 20, preferred: 'content', flex: 1, drop: 1},
];

/** Room for the marks (selected, changed) before the columns. */
const LEAD = 2;

function stateText(alarm: AlarmRow): string {
	return `${stateSymbol(alarm.state)} ${STATE_SHORT[alarm.state ?? ''] ?? stateLabel(alarm.state)}`;
}

/** The Alarms table in `width` columns, sized for the alarms on screen. */
export function alarmTable(alarms: readonly AlarmRow[], width: number, now: number): TableLayout {
	const content = [0, 0, 0, 0, 0];
	for (const alarm of alarms) {
		content[0] = Math.max(content[0], displayWidth(stateText(alarm)));
		content[NAME] = Math.max(content[NAME], displayWidth(alarm.name || '?'));
		content[FOR] = Math.max(content[FOR], displayWidth(formatAlarmFor(alarm, now)));
		content[CONDITION] = Math.max(content[CONDITION], displayWidth(describeCondition(alarm)));
		content[REASON] = Math.max(content[REASON], displayWidth(alarm.stateReason ?? '?'));
	}
	return tableLayout(ALARM_COLUMNS, width - LEAD, alarms.length > 0 ? content : undefined);
}

export function alarmHeaderLine(table: TableLayout): Line {
	return tableHeader(table, ' '.repeat(LEAD));
}

/** One alarm row: marks, state, name, for how long, the condition in words, the reason; `?` (dim) where AWS said nothing. */
export function alarmLine(alarm: AlarmRow, table: TableLayout, now: number, selected: boolean, changed = false): Line {
	const known = alarm.state !== undefined;
	const color = known ? (STATE_COLORS[alarm.state!] ?? 'magenta') : undefined;
	return tableRow(
		table,
		[
			{text: selected ? '›' : ' ', color: 'cyan', bold: true},
			// Changed since an earlier refresh: a mark that reads without colour.
			{text: changed ? '•' : ' ', color: 'yellow', bold: true},
		],
		[
			{text: stateText(alarm), color, dim: !known, bold: alarm.state === 'ALARM', inverse: changed},
			{text: alarm.name || '?', inverse: selected, bold: changed},
			{text: formatAlarmFor(alarm, now), dim: !changed, color: changed ? 'yellow' : undefined},
			{text: describeCondition(alarm)},
			{text: alarm.stateReason ?? '?', dim: true},
		],
	);
}
