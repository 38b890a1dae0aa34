import React, {useMemo} from 'react';
import {describeCondition, formatStateSummary, sortAlarms, stateSymbol, summarizeStates} from '../../model/alarms.js';
import {formatDuration} from '../../model/duration.js';
import type {AlarmRow} from '../../model/types.js';
import {cell, type Line} from '../widgets/line.js';
import {Panel} from '../widgets/Panel.js';
import {useListCursor, usePaneKeys} from '../paneInput.js';
import {useScrollOffset} from '../useScrollOffset.js';
import type {PaneProps} from './paneProps.js';
import {paneStatusLine} from './paneStatus.js';

export const STATE_COLORS: Record<string, string> = {ALARM: 'red', INSUFFICIENT_DATA: 'yellow', OK: 'green'};

const STATE_SHORT: Record<string, string> = {ALARM: 'ALARM', INSUFFICIENT_DATA: 'INSUFF', OK: 'OK'};

export function alarmLine(alarm: AlarmRow, width: number, now: number, selected: boolean): Line {
	const nameWidth = Math.max(16, Math.min(36, Math.floor(width * 0.3)));
	const condition = describeCondition(alarm);
	// marker 1 + state 9 + name + space + since 7; the condition gets up to 48 of the rest.
	const conditionWidth = Math.max(0, Math.min(48, width - 1 - 9 - nameWidth - 1 - 7));
	const since = alarm.stateTransitionedAt === undefined ? '—' : formatDuration(now - alarm.stateTransitionedAt);
	const color = STATE_COLORS[alarm.state] ?? 'magenta';
	return [
		{text: selected ? '›' : ' ', color: 'cyan', bold: true},
		{text: `${stateSymbol(alarm.state)} ${cell(STATE_SHORT[alarm.state] ?? alarm.state, 6)} `, color, bold: alarm.state === 'ALARM'},
		{text: `${cell(alarm.name, nameWidth)} `, inverse: selected},
		{text: `${cell(since, 6, 'right')} `, dim: true},
		{text: `${cell(condition, conditionWidth)} `},
		{text: alarm.stateReason, dim: true},
	];
}

export function AlarmsPane({live, width, height, focused, now}: PaneProps) {
	const alarms = live.sources.alarms;
	const rows = useMemo(() => sortAlarms(alarms.rows), [alarms.rows]);
	const inner = width - 2;
	const bodyRows = Math.max(0, height - 3);
	const list = useListCursor(rows.length, Math.max(1, bodyRows - 1));
	const {cursor} = list;
	usePaneKeys('alarms', ({command}) => list.handle(command));
	const offset = useScrollOffset(cursor, bodyRows, rows.length);
	const summary = formatStateSummary(summarizeStates(rows));
	const lines: Line[] = [
		[{text: ` ${cell('STATE', 8)} ${cell('NAME', Math.max(16, Math.min(36, Math.floor(inner * 0.3))))} ${cell('FOR', 6, 'right')} CONDITION`, dim: true}],
	];
	const status = paneStatusLine(alarms, rows.length === 0, 'alarms');
	if (status) lines.push(status);
	for (let index = offset; index < Math.min(rows.length, offset + bodyRows - (status ? 1 : 0)); index++) {
		lines.push(alarmLine(rows[index], inner, now, focused && index === cursor));
	}
	return (
		<Panel
			title="Alarms"
			subtitle={rows.length > 0 ? summary : undefined}
			width={width}
			height={height}
			focused={focused}
			lines={lines}
			footer={rows.length > 0 ? `${Math.min(cursor + 1, rows.length)}/${rows.length}` : undefined}
		/>
	);
}
