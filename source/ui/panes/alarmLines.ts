// One alarm as a row of the Alarms pane: marks, state, name, for how long, the condition in
// words and the reason.
import {describeCondition, formatAlarmFor, stateLabel, stateSymbol} from '../../model/alarms.js';
import type {AlarmRow} from '../../model/types.js';
import {cell, type Line} from '../widgets/line.js';
import {STATE_COLORS} from './AlarmDetail.js';

const STATE_SHORT: Record<string, string> = {ALARM: 'ALARM', INSUFFICIENT_DATA: 'INSUFF', OK: 'OK'};

export const nameWidthFor = (width: number) => Math.max(16, Math.min(32, Math.floor(width * 0.4)));

export const FOR_WIDTH = 7;

/** One alarm row: marks, state, name, for how long, the condition in words, the reason; `?` (dim) where AWS said nothing. */
export function alarmLine(alarm: AlarmRow, width: number, now: number, selected: boolean, changed = false): Line {
	const nameWidth = nameWidthFor(width);
	const condition = describeCondition(alarm);
	// marks 2 + state 9 + name + space + since 8; the condition gets up to 48 of the rest.
	const conditionWidth = Math.max(0, Math.min(48, width - 2 - 9 - nameWidth - 1 - (FOR_WIDTH + 1)));
	const known = alarm.state !== undefined;
	const color = known ? (STATE_COLORS[alarm.state!] ?? 'magenta') : undefined;
	return [
		{text: selected ? '›' : ' ', color: 'cyan', bold: true},
		// Changed since an earlier refresh: a mark that reads without colour.
		{text: changed ? '•' : ' ', color: 'yellow', bold: true},
		{text: `${stateSymbol(alarm.state)} ${cell(STATE_SHORT[alarm.state ?? ''] ?? stateLabel(alarm.state), 6)} `, color, dim: !known, bold: alarm.state === 'ALARM', inverse: changed},
		{text: `${cell(alarm.name || '?', nameWidth)} `, inverse: selected, bold: changed},
		// `≥3m20s`: only StateUpdatedTimestamp came, so the state has held at least that long.
		{text: `${cell(formatAlarmFor(alarm, now), FOR_WIDTH, 'right')} `, dim: !changed, color: changed ? 'yellow' : undefined},
		{text: `${cell(condition, conditionWidth)} `},
		{text: alarm.stateReason ?? '?', dim: true},
	];
}

