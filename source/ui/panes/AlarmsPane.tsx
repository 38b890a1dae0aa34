import React from 'react';
import {alarmCountsKnown, CHANGE_MARK_MS, formatStateSummary, summarizeStates} from '../../model/alarms.js';
import {formatDuration} from '../../model/duration.js';
import {type Line} from '../widgets/line.js';
import {Panel} from '../widgets/Panel.js';
import {promptLine, withPromptLast} from '../widgets/TextPrompt.js';
import {alarmHeaderLine, alarmLine, alarmTable} from './alarmLines.js';
import {alarmsView, type AlarmsUi} from './alarmsView.js';
import type {PaneProps} from './paneProps.js';
import {alarmsTabLine} from './alarmsTabs.js';
import {AlarmsTabPane} from './AlarmsTabPane.js';

export {STATE_COLORS} from './AlarmDetail.js';

export {alarmLine};

export function AlarmsPane({live, ui, width, height, focused, now, windowMs}: PaneProps<AlarmsUi>) {
	if (ui.tabs && ui.tabs.tab !== 'alarms')
		return <AlarmsTabPane live={live} ui={ui.tabs} width={width} height={height} focused={focused} now={now} windowMs={windowMs} />;
	const alarms = live.sources.alarms;
	const view = alarmsView(live, ui, {width, height}, now);
	const {sorted, rows, inner, bodyRows, cursor, top, detail} = view;
	if (ui.detail && detail) {
		const scroll = Math.max(0, Math.min(ui.detail.scroll, detail.lines.length - bodyRows));
		return (
			<Panel
				title="Alarm"
				subtitle={`${ui.detail.name} · Esc back`}
				width={width}
				height={height}
				focused={focused}
				lines={detail.lines.slice(scroll)}
				footer={
					detail.lines.length > bodyRows
						? `${scroll + 1}-${Math.min(detail.lines.length, scroll + bodyRows)}/${detail.lines.length}`
						: undefined
				}
			/>
		);
	}
	// The last good rows stay on screen while a fetch fails; their counts are not now's.
	const counts = formatStateSummary(summarizeStates(sorted));
	const summary =
		alarmCountsKnown(alarms) || alarms.fetchedAt === undefined
			? counts
			: `? (as of ${formatDuration(now - alarms.fetchedAt)} ago: ${counts})`;
	// One layout for the rows on screen: the header and every row share it.
	const table = alarmTable(rows.slice(top, top + view.listRows), inner, now);
	const lines: Line[] = [alarmsTabLine(live, 'alarms'), alarmHeaderLine(table), ...view.status];
	if (view.status.length === 0 && rows.length === 0) lines.push([{text: `No alarm name contains "${ui.filter.text}".`, dim: true}]);
	for (let index = top; index < rows.length && index < top + view.listRows; index++) {
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
			lines={withPromptLast(lines, bodyRows, promptLine(ui.filter, inner, `${rows.length} match`))}
			footer={rows.length > 0 ? `${Math.min(cursor + 1, rows.length)}/${shown}` : undefined}
		/>
	);
}
