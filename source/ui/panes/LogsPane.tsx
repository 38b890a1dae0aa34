// The Logs pane: the ring buffer as a table, following the newest line or held where the
// user scrolled to (logsView.ts). Only the visible window is turned into lines.
import React from 'react';
import {formatDuration} from '../../model/duration.js';
import {logFollowState, type LogsSlice} from '../../live/state.js';
import {logEventAt} from '../../model/logBuffer.js';
import {type Line} from '../widgets/line.js';
import {Panel} from '../widgets/Panel.js';
import {promptLine, withPromptLast} from '../widgets/TextPrompt.js';
import {typePickerLines} from './logTypePicker.js';
import {backfillLines, logsView, logView, type LogsUi, type LogView, type LogViewFilter} from './logsView.js';
import type {PaneProps} from './paneProps.js';
import {Talkers} from './Talkers.js';

import {clockTime, logHeaderLine, logLine, logTable, settingText} from './logLines.js';

export {backfillLines, clockTime, logLine, logView, settingText, type LogView, type LogViewFilter};

/** What the Logs source is doing, as the title says it, and whether it follows (only then is an events-per-second rate shown). */
export function logSourceState(logs: LogsSlice, paused: boolean, now: number): {text: string; following: boolean} {
	const state = logFollowState(logs, paused);
	const age = logs.fetchedAt === undefined ? '' : `, data ${formatDuration(now - logs.fetchedAt)} old`;
	const text = {
		following: logs.mode === 'live' ? 'following' : `following every ${settingText(logs.cadence)}`,
		paused: 'paused',
		// The status line gives the error.
		failing: `not following${age}`,
		late: `not following${age}`,
		starting: logs.mode === 'live' ? 'opening live tail…' : logs.since > 0 ? `reading back ${settingText(logs.since)}…` : 'starting…',
		behind: `behind by ${formatDuration(now - (logs.readTo ?? now))}`,
	}[state];
	return {text, following: state === 'following'};
}

export function LogsPane(props: PaneProps<LogsUi>) {
	// `t`: the top talkers view instead of the list.
	if (props.ui.talkers) return <Talkers {...props} ui={props.ui.talkers} />;
	return <LogsList {...props} />;
}

function LogsList({live, ui, width, height, focused, now}: PaneProps<LogsUi>) {
	const logs = live.sources.logs;
	const {buffer} = logs;
	const {view, header, inner, bodyRows, rows, cursor, offset, detailLines} = logsView(live, ui, {width, height});
	const {following} = ui;
	const last = view.length - 1;

	const lines: Line[] = [...header];
	if (ui.detail && detailLines) {
		const scroll = Math.max(0, Math.min(ui.detail.scroll, detailLines.length - rows));
		for (const text of detailLines.slice(scroll, scroll + rows)) lines.push([{text}]);
	} else if (ui.picker) {
		lines.push(...typePickerLines({types: ui.picker.types, cursor: ui.picker.cursor, shown: ui.types, rows}));
	} else {
		const shown = [];
		for (let index = offset; index < view.length && index < offset + rows; index++)
			shown.push(logEventAt(buffer, view.seqAt(index) - buffer.first)!);
		// One layout for the events on screen: the column titles and every row share it.
		const table = logTable(shown, inner);
		if (shown.length > 0) lines.push(logHeaderLine(table));
		for (const [index, event] of shown.entries()) lines.push(logLine(event, table, focused && !following && offset + index === cursor));
		if (view.length === 0 && buffer.length > 0) lines.push([{text: 'No event matches the filters.', dim: true}]);
	}

	// Newer than the selected line: what scrolling back has not shown yet, arrivals included.
	const fresh = following ? 0 : last - cursor;
	const source = logSourceState(logs, live.paused, now);
	// A rate is shown only while the source follows: paused, failing or catching up, it would look live.
	const parts = source.following ? [`${logs.rate >= 10 ? Math.round(logs.rate) : logs.rate.toFixed(1)}/s`, source.text] : [source.text];
	if (logs.mode === 'live') parts.push('live tail');
	if (logs.sampled) parts.push('sampled by CloudWatch');
	if (buffer.dropped > 0) parts.push(`${buffer.dropped} dropped`);
	if ((logs.unread ?? 0) >= 1000) parts.push(`${formatDuration(logs.unread!)} not read`);
	if (ui.minLevel) parts.push(`≥${ui.minLevel}`);
	if (ui.types) parts.push(`${ui.types.size} type${ui.types.size === 1 ? '' : 's'}`);
	// Where the view is, apart from where the source is: held above the newest line.
	if (!following) parts.push(fresh > 0 ? `${fresh} new` : 'scrolled back');
	const title = ui.detail ? 'Log event' : ui.picker ? 'Event types (space toggles, a all/none, Esc done)' : 'Logs';
	const prompt = ui.detail || ui.picker ? undefined : promptLine(ui.filter, inner, `${view.length} shown`);
	return (
		<Panel
			title={title}
			subtitle={parts.join(' · ')}
			width={width}
			height={height}
			focused={focused}
			lines={withPromptLast(lines, bodyRows, prompt)}
			footer={`${view.length === buffer.length ? '' : `${view.length} shown · `}${buffer.length}/${buffer.capacity}`}
		/>
	);
}
