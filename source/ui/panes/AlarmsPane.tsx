import React, {useMemo, useState} from 'react';
import {alarmCountsKnown, CHANGE_MARK_MS, filterAlarms, formatStateSummary, sortAlarms, summarizeStates} from '../../model/alarms.js';
import {formatDuration} from '../../model/duration.js';
import {loadAlarmHistory} from '../../live/sources/alarms.js';
import {type Line} from '../widgets/line.js';
import {Panel} from '../widgets/Panel.js';
import {promptLine, useTextPrompt} from '../widgets/TextPrompt.js';
import {useListCursor, usePaneKeys} from '../paneInput.js';
import {moveCursor} from '../uiState.js';
import {useScrollOffset} from '../useScrollOffset.js';
import {alarmDetailLines} from './AlarmDetail.js';
import type {PaneProps} from './paneProps.js';
import {paneStatusLines} from './paneStatus.js';

export {STATE_COLORS} from './AlarmDetail.js';
import {alarmHeaderLine, alarmLine, alarmTable} from './alarmLines.js';

export {alarmLine};

export function AlarmsPane({engine, live, width, height, focused, now}: PaneProps) {
	const alarms = live.sources.alarms;
	const sorted = useMemo(() => sortAlarms(alarms.rows), [alarms.rows]);
	const filter = useTextPrompt();
	const rows = useMemo(() => filterAlarms(sorted, filter.text), [sorted, filter.text]);
	const [detail, setDetail] = useState<{name: string; offset: number} | undefined>();
	const inner = width - 2;
	const bodyRows = Math.max(0, height - 2);
	const prompt = promptLine(filter);
	const listRows = Math.max(1, bodyRows - 1 - (prompt ? 1 : 0));
	const list = useListCursor(rows.length, Math.max(1, listRows - 1));
	const {cursor} = list;
	const detailAlarm = detail ? alarms.rows.find((row) => row.name === detail.name) : undefined;
	const detailLines = detailAlarm ? alarmDetailLines(detailAlarm, alarms.history?.alarmName === detail?.name ? alarms.history : undefined, inner, now) : [];

	usePaneKeys('alarms', (key) => {
		if (detail) {
			if (key.command === 'view.back') {
				setDetail(undefined);
				return true;
			}
			const offset = moveCursor(key.command, detail.offset, Math.max(1, detailLines.length - bodyRows + 1), Math.max(1, bodyRows - 1));
			if (offset === undefined) return false;
			setDetail({...detail, offset});
			return true;
		}
		if (filter.handle(key)) {
			list.setCursor(0);
			return true;
		}
		if (key.command === 'view.open' && rows[cursor]) {
			const {name} = rows[cursor];
			setDetail({name, offset: 0});
			void loadAlarmHistory(engine.context, name);
			return true;
		}
		return list.handle(key.command);
	});

	// The last good rows stay on screen while a fetch fails; their counts are not now's.
	const counts = formatStateSummary(summarizeStates(sorted));
	const summary = alarmCountsKnown(alarms) || alarms.fetchedAt === undefined ? counts : `? (as of ${formatDuration(now - alarms.fetchedAt)} ago: ${counts})`;
	const offset = useScrollOffset(cursor, listRows, rows.length);
	if (detail) {
		return (
			<Panel
				title="Alarm"
				subtitle={`${detail.name} · Esc back`}
				width={width}
				height={height}
				focused={focused}
				lines={detailLines.slice(detail.offset)}
				footer={detailLines.length > bodyRows ? `${detail.offset + 1}-${Math.min(detailLines.length, detail.offset + bodyRows)}/${detailLines.length}` : undefined}
			/>
		);
	}
	const table = alarmTable(rows.slice(offset, offset + listRows), inner, now);
	const lines: Line[] = [alarmHeaderLine(table)];
	if (prompt) lines.push(prompt);
	const status = paneStatusLines(alarms, sorted.length === 0, 'alarms', inner, live.interval, now);
	lines.push(...status);
	if (status.length === 0 && rows.length === 0) lines.push([{text: `No alarm name contains "${filter.text}".`, dim: true}]);
	for (let index = offset; index < rows.length && lines.length < bodyRows; index++) {
		const row = rows[index];
		const change = alarms.changes[row.name];
		lines.push(alarmLine(row, table, now, focused && index === cursor, change !== undefined && now - change.at < CHANGE_MARK_MS));
	}
	const shown = rows.length === sorted.length ? `${rows.length}` : `${rows.length} of ${sorted.length}`;
	return (
		<Panel
			title="Alarms"
			subtitle={sorted.length > 0 ? summary : undefined}
			width={width}
			height={height}
			focused={focused}
			lines={lines}
			footer={rows.length > 0 ? `${Math.min(cursor + 1, rows.length)}/${shown}` : undefined}
		/>
	);
}
