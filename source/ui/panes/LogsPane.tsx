// The Logs pane: the ring buffer as a table, following the newest line or held where the
// user scrolled to. The selection and the scroll position are anchored to events (their
// sequence numbers), not to indexes, so the view stays put while the buffer drops old events.
// Only the visible window is turned into lines.
import React, {useMemo, useRef, useState} from 'react';
import {LOG_LEVEL_STEPS, levelRank, logEventDetail, matchesLogFilter} from '../../model/iotLog.js';
import {logEventAt, type LogBuffer} from '../../model/logBuffer.js';
import type {LogEvent} from '../../model/types.js';
import {usePaneKeys} from '../paneInput.js';
import {moveCursor} from '../uiState.js';
import {cell, type Line} from '../widgets/line.js';
import {Panel} from '../widgets/Panel.js';
import {editText, promptLine} from '../widgets/TextPrompt.js';
import {typeCounts, typePickerLines} from './logTypePicker.js';
import type {PaneProps} from './paneProps.js';
import {paneStatusLine} from './paneStatus.js';

const LEVEL_COLORS: Record<string, string> = {ERROR: 'red', WARN: 'yellow', DEBUG: 'gray'};

export function clockTime(epochMs: number): string {
	return new Date(epochMs).toISOString().slice(11, 19);
}

export function logLine(event: LogEvent, width: number, selected: boolean): Line {
	const marker = {text: selected ? '›' : ' ', color: 'cyan', bold: true};
	const time = {text: `${clockTime(event.timestamp)} `, dim: true};
	const color = event.level ? LEVEL_COLORS[event.level] : undefined;
	if (!event.fields) return [marker, time, {text: event.message, inverse: selected, color: selected ? undefined : color}];
	const level = event.level ?? 'INFO';
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

export type LogViewFilter = {text: string; minLevel?: string; types?: ReadonlySet<string>};

/** What the view shows: every held event, or the sequence numbers of the matching ones. */
type LogView = {length: number; seqAt(index: number): number; indexOf(seq: number): number};

function lowerBound(sorted: readonly number[], value: number): number {
	let lo = 0;
	let hi = sorted.length;
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if (sorted[mid] < value) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

/** The view over the buffer; `indexOf` gives the first index at or after a sequence number. */
export function logView(buffer: LogBuffer, filter: LogViewFilter): LogView {
	const minRank = filter.minLevel === undefined ? undefined : levelRank(filter.minLevel);
	const needle = filter.text.trim();
	if (minRank === undefined && needle === '' && !filter.types) {
		return {
			length: buffer.length,
			seqAt: (index) => buffer.first + index,
			indexOf: (seq) => Math.min(buffer.length, Math.max(0, seq - buffer.first)),
		};
	}
	const seqs: number[] = [];
	for (let index = 0; index < buffer.length; index++) {
		const event = logEventAt(buffer, index)!;
		if (minRank !== undefined && levelRank(event.level) < minRank) continue;
		if (filter.types && !filter.types.has(event.eventType ?? '')) continue;
		if (needle !== '' && !matchesLogFilter(event, needle)) continue;
		seqs.push(buffer.first + index);
	}
	return {length: seqs.length, seqAt: (index) => seqs[index], indexOf: (seq) => lowerBound(seqs, seq)};
}

type Mode = 'list' | 'filter' | 'types' | 'detail';

type Position = {
	following: boolean;
	/** Sequence number of the selected event (when not following). */
	anchor: number;
};

export function LogsPane({live, width, height, focused}: PaneProps) {
	const logs = live.sources.logs;
	const {buffer} = logs;
	const inner = width - 2;
	const bodyRows = Math.max(0, height - 2);
	const [mode, setMode] = useState<Mode>('list');
	const [filter, setFilter] = useState<LogViewFilter>({text: ''});
	const [position, setPosition] = useState<Position>({following: true, anchor: 0});
	const [detail, setDetail] = useState<{lines: string[]; top: number} | undefined>();
	const [picker, setPicker] = useState<{types: Array<{type: string; count: number}>; cursor: number} | undefined>();
	const view = useMemo(() => logView(buffer, filter), [buffer, filter]);
	const topSeq = useRef(0);

	const {following} = position;
	const last = view.length - 1;
	const cursor = following ? last : Math.min(view.indexOf(position.anchor), last);
	const prompt = mode === 'filter' || filter.text !== '';
	const status = paneStatusLine(logs, buffer.length === 0, 'log events yet');
	const notice: Line | undefined = logs.notice ? [{text: `ⓘ ${logs.notice}`, color: 'yellow'}] : undefined;
	const header: Line[] = [notice, status, prompt ? promptLine('/', filter.text, inner) : undefined].filter((line): line is Line => line !== undefined);
	const rows = Math.max(1, bodyRows - header.length);

	function select(index: number, follow: boolean) {
		setPosition(follow || view.length === 0 ? {following: true, anchor: 0} : {following: false, anchor: view.seqAt(Math.max(0, index))});
	}

	usePaneKeys('logs', ({name, command}) => {
		if (mode === 'filter') {
			if (name === 'enter') setMode('list');
			else if (name === 'escape') {
				setFilter({...filter, text: ''});
				setMode('list');
			} else setFilter({...filter, text: editText(filter.text, name)});
			return true;
		}
		if (mode === 'detail') {
			if (!detail) return false;
			if (command === 'view.back' || command === 'view.open') {
				setMode('list');
				return true;
			}
			const next = moveCursor(command, detail.top, Math.max(1, detail.lines.length - rows + 1), rows - 1);
			if (next !== undefined) setDetail({...detail, top: next});
			// The detail view takes list keys; the rest (pane switches, quit) go on.
			return next !== undefined || command === 'logs.follow' || command === 'logs.level' || command === 'logs.types' || command === 'list.filter';
		}
		if (mode === 'types') {
			if (!picker) return false;
			if (command === 'view.back' || command === 'logs.types') {
				setMode('list');
				return true;
			}
			const next = moveCursor(command, picker.cursor, picker.types.length, rows - 1);
			if (next !== undefined) {
				setPicker({...picker, cursor: next});
				return true;
			}
			if (name === ' ' || command === 'view.open') {
				const type = picker.types[picker.cursor]?.type;
				if (type === undefined) return true;
				const shown = new Set(filter.types ?? picker.types.map((entry) => entry.type));
				if (shown.has(type)) shown.delete(type);
				else shown.add(type);
				setFilter({...filter, types: shown.size === picker.types.length ? undefined : shown});
				return true;
			}
			if (name === 'a') {
				setFilter({...filter, types: filter.types ? undefined : new Set()});
				return true;
			}
			return command === 'logs.follow' || command === 'logs.level' || command === 'list.filter';
		}
		switch (command) {
			case 'logs.follow': {
				select(cursor, !following);
				return true;
			}
			case 'list.bottom': {
				select(last, true);
				return true;
			}
			case 'list.filter': {
				setMode('filter');
				return true;
			}
			case 'logs.level': {
				const step = LOG_LEVEL_STEPS.indexOf(filter.minLevel as (typeof LOG_LEVEL_STEPS)[number]);
				setFilter({...filter, minLevel: LOG_LEVEL_STEPS[(step + 1) % LOG_LEVEL_STEPS.length]});
				return true;
			}
			case 'logs.types': {
				const types = typeCounts(buffer, filter.types);
				setPicker({types, cursor: 0});
				setMode('types');
				return true;
			}
			case 'view.open': {
				if (cursor < 0) return true;
				const event = logEventAt(buffer, view.seqAt(cursor) - buffer.first);
				if (!event) return true;
				if (following) select(cursor, false);
				setDetail({lines: logEventDetail(event), top: 0});
				setMode('detail');
				return true;
			}
			case 'view.back': {
				if (filter.text === '') return false;
				setFilter({...filter, text: ''});
				return true;
			}
			default: {
				if (view.length === 0) return false;
				const next = moveCursor(command, Math.max(0, cursor), view.length, Math.max(1, rows - 1));
				if (next === undefined) return false;
				// Moving down onto the newest line follows again; anything else holds the view.
				select(next, next === last && command !== 'list.up' && command !== 'list.pageUp' && command !== 'list.top');
				return true;
			}
		}
	});

	let offset: number;
	if (following) {
		offset = Math.max(0, view.length - rows);
	} else {
		offset = Math.min(view.indexOf(topSeq.current), Math.max(0, view.length - rows));
		if (cursor < offset) offset = cursor;
		if (cursor >= offset + rows) offset = cursor - rows + 1;
		offset = Math.max(0, offset);
	}
	if (view.length > 0) topSeq.current = view.seqAt(Math.min(offset, view.length - 1));

	const lines: Line[] = [...header];
	if (mode === 'detail' && detail) {
		for (const text of detail.lines.slice(detail.top, detail.top + rows)) lines.push([{text}]);
	} else if (mode === 'types' && picker) {
		lines.push(...typePickerLines({types: picker.types, cursor: picker.cursor, shown: filter.types, rows}));
	} else {
		for (let index = offset; index < view.length && lines.length < bodyRows; index++) {
			const event = logEventAt(buffer, view.seqAt(index) - buffer.first)!;
			lines.push(logLine(event, inner, focused && !following && index === cursor));
		}
		if (view.length === 0 && buffer.length > 0) lines.push([{text: 'No event matches the filters.', dim: true}]);
	}

	// Newer than the selected line: what scrolling back has not shown yet, arrivals included.
	const fresh = following ? 0 : last - cursor;
	const rate = `${logs.rate >= 10 ? Math.round(logs.rate) : logs.rate.toFixed(1)}/s`;
	const parts = [rate];
	if (logs.mode === 'live') parts.push('live tail');
	if (logs.sampled) parts.push('sampled by CloudWatch');
	if (buffer.dropped > 0) parts.push(`${buffer.dropped} dropped`);
	if (filter.minLevel) parts.push(`≥${filter.minLevel}`);
	if (filter.types) parts.push(`${filter.types.size} type${filter.types.size === 1 ? '' : 's'}`);
	parts.push(following ? 'following' : fresh > 0 ? `${fresh} new` : 'scrolled back');
	const title = mode === 'detail' ? 'Log event' : mode === 'types' ? 'Event types (space toggles, a all/none, Esc done)' : 'Logs';
	return (
		<Panel
			title={title}
			subtitle={parts.join(' · ')}
			width={width}
			height={height}
			focused={focused}
			lines={lines}
			footer={`${view.length === buffer.length ? '' : `${view.length} shown · `}${buffer.length}/${buffer.capacity}`}
		/>
	);
}
