import React, {useState} from 'react';
import type {LogEvent} from '../../model/types.js';
import {cell, type Line} from '../widgets/line.js';
import {Panel} from '../widgets/Panel.js';
import {usePaneKeys} from '../paneInput.js';
import {moveCursor} from '../uiState.js';
import {useScrollOffset} from '../useScrollOffset.js';
import type {PaneProps} from './paneProps.js';
import {paneStatusLine} from './paneStatus.js';

const LEVEL_COLORS: Record<string, string> = {ERROR: 'red', WARN: 'yellow', DEBUG: 'gray'};

export function clockTime(epochMs: number): string {
	return new Date(epochMs).toISOString().slice(11, 19);
}

export function logLine(event: LogEvent, width: number, selected: boolean): Line {
	const marker = {text: selected ? '›' : ' ', color: 'cyan', bold: true};
	const time = {text: `${clockTime(event.timestamp)} `, dim: true};
	if (!event.fields) return [marker, time, {text: event.message, inverse: selected}];
	const level = event.level ?? 'INFO';
	const color = LEVEL_COLORS[level];
	const clientWidth = Math.min(20, Math.max(10, Math.floor(width * 0.15)));
	const topicWidth = Math.min(28, Math.max(10, Math.floor(width * 0.2)));
	return [
		marker,
		time,
		{text: `${cell(level, 5)} `, color, bold: level === 'ERROR'},
		{text: `${cell(event.eventType ?? '', 21)} `, inverse: selected, color: selected ? undefined : color},
		{text: `${cell(event.clientId ?? '', clientWidth)} `},
		{text: `${cell(event.topicName ?? '', topicWidth)} `, dim: true},
		{text: `${cell(event.status ?? '', 7)} `, color: event.status === 'Failure' ? 'red' : undefined},
		{text: event.reason ?? '', dim: true},
	];
}

export function LogsPane({live, width, height, focused}: PaneProps) {
	const logs = live.sources.logs;
	const inner = width - 2;
	const bodyRows = Math.max(0, height - 2);
	const {events} = logs;
	// While following, the selection is the newest line; moving up stops following.
	const [position, setPosition] = useState<{following: boolean; cursor: number}>({following: true, cursor: 0});
	const following = position.following;
	const cursor = following ? events.length - 1 : Math.min(position.cursor, Math.max(0, events.length - 1));
	usePaneKeys('logs', ({command}) => {
		const next = moveCursor(command, cursor, events.length, Math.max(1, bodyRows - 1));
		if (next === undefined) return false;
		setPosition({following: next >= events.length - 1, cursor: next});
		return true;
	});
	const status = paneStatusLine(logs, events.length === 0, 'log events yet');
	const rows = bodyRows - (status ? 1 : 0);
	const selected = following ? events.length - 1 : cursor;
	const scrolled = useScrollOffset(selected, rows, events.length);
	const offset = following ? Math.max(0, events.length - rows) : scrolled;
	const lines: Line[] = status ? [status] : [];
	for (let index = offset; index < events.length && lines.length < bodyRows; index++) {
		lines.push(logLine(events[index], inner, focused && !following && index === cursor));
	}
	const newer = following ? 0 : events.length - 1 - cursor;
	const rate = `${logs.rate >= 10 ? Math.round(logs.rate) : logs.rate.toFixed(1)}/s`;
	return (
		<Panel
			title="Logs"
			subtitle={`${rate}${logs.dropped > 0 ? ` · ${logs.dropped} dropped from buffer` : ''}${following ? ' · following' : newer > 0 ? ` · ${newer} new` : ''}`}
			width={width}
			height={height}
			focused={focused}
			lines={lines}
			footer={`${events.length}/${logs.capacity}`}
		/>
	);
}
