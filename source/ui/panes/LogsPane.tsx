// The Logs pane: the ring buffer as a table, following the newest line or held where the
// user scrolled to. The selection and the scroll position are anchored to events (their
// sequence numbers), not to indexes, so the view stays put while the buffer drops old events.
// Only the visible window is turned into lines.
import React, {useEffect, useMemo, useRef, useState} from 'react';
import {formatDuration} from '../../model/duration.js';
import {logFollowState, type LogsSlice} from '../../live/state.js';
import {LOG_LEVEL_STEPS, levelRank, logEventDetail, matchesLogFilter} from '../../model/iotLog.js';
import {logEventAt, type LogBuffer} from '../../model/logBuffer.js';
import {usePaneKeys, type PaneKey} from '../paneInput.js';
import {moveCursor} from '../uiState.js';
import {type Line} from '../widgets/line.js';
import {Panel} from '../widgets/Panel.js';
import {editText, textPromptLine} from '../widgets/TextPrompt.js';
import {typeCounts, typePickerLines, type TypeCount} from './logTypePicker.js';
import type {PaneProps} from './paneProps.js';
import {paneStatusLines, wrapped} from './paneStatus.js';

import {clockTime, logHeaderLine, logLine, logTable, settingText} from './logLines.js';

export {clockTime, logLine, settingText};

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

/** The first read stopped short of `--since`: how far back it got, while any of it is held. */
export function backfillLines(logs: LogsSlice, width: number): Line[] {
	const {backfill, buffer} = logs;
	if (!backfill || buffer.first >= backfill.endSeq) return [];
	const limit = backfill.stoppedBy === 'buffer' ? `the ${buffer.capacity.toLocaleString('en-US')}-event buffer` : `the ${backfill.pages}-page read budget`;
	return wrapped(`read back to ${clockTime(backfill.readBackTo)} of --since ${settingText(logs.since)} (stopped at ${limit})`, width, 'ⓘ ', {dim: true});
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

type PaneState = {
	mode: Mode;
	filter: LogViewFilter;
	position: Position;
	detail?: {lines: string[]; top: number};
	picker?: {types: TypeCount[]; cursor: number};
};

const INITIAL: PaneState = {mode: 'list', filter: {text: ''}, position: {following: true, anchor: 0}};

function cursorIn(view: LogView, position: Position): number {
	return position.following ? view.length - 1 : Math.min(view.indexOf(position.anchor), view.length - 1);
}

type KeyContext = {buffer: LogBuffer; view: LogView; rows: number; width: number};

function selectAt(state: PaneState, view: LogView, index: number, follow: boolean): PaneState {
	const position = follow || view.length === 0 ? {following: true, anchor: 0} : {following: false, anchor: view.seqAt(Math.max(0, index))};
	return {...state, position};
}

/** The pane's state after one key, and whether the pane used the key. */
function reduceKey(state: PaneState, {name, command}: PaneKey, {buffer, view, rows, width}: KeyContext): {state: PaneState; handled: boolean} {
	const {filter} = state;
	const done = (next: PaneState) => ({state: next, handled: true});
	const pass = {state, handled: false};
	if (state.mode === 'filter') {
		if (name === 'enter') return done({...state, mode: 'list'});
		if (name === 'escape') return done({...state, mode: 'list', filter: {...filter, text: ''}});
		return done({...state, filter: {...filter, text: editText(filter.text, name)}});
	}
	if (state.mode === 'detail' && state.detail) {
		const {detail} = state;
		if (command === 'view.back' || command === 'view.open') return done({...state, mode: 'list'});
		const next = moveCursor(command, detail.top, Math.max(1, detail.lines.length - rows + 1), rows - 1);
		if (next !== undefined) return done({...state, detail: {...detail, top: next}});
		// Pane keys do nothing here; the rest (pane switches, zoom, quit) go on to the App.
		return command === 'logs.follow' || command === 'logs.level' || command === 'logs.types' || command === 'list.filter' ? done(state) : pass;
	}
	if (state.mode === 'types' && state.picker) {
		const {picker} = state;
		if (command === 'view.back' || command === 'logs.types') return done({...state, mode: 'list'});
		const next = moveCursor(command, picker.cursor, picker.types.length, rows - 1);
		if (next !== undefined) return done({...state, picker: {...picker, cursor: next}});
		if (name === ' ' || command === 'view.open') {
			const type = picker.types[picker.cursor]?.type;
			if (type === undefined) return done(state);
			const shown = new Set(filter.types ?? picker.types.map((entry) => entry.type));
			if (shown.has(type)) shown.delete(type);
			else shown.add(type);
			return done({...state, filter: {...filter, types: shown.size === picker.types.length ? undefined : shown}});
		}
		if (name === 'a') return done({...state, filter: {...filter, types: filter.types ? undefined : new Set()}});
		return command === 'logs.follow' || command === 'logs.level' || command === 'list.filter' ? done(state) : pass;
	}
	const cursor = cursorIn(view, state.position);
	const last = view.length - 1;
	switch (command) {
		case 'logs.follow': {
			return done(selectAt(state, view, cursor, !state.position.following));
		}
		case 'list.bottom': {
			return done(selectAt(state, view, last, true));
		}
		case 'list.filter': {
			return done({...state, mode: 'filter'});
		}
		case 'logs.level': {
			const step = LOG_LEVEL_STEPS.indexOf(filter.minLevel as (typeof LOG_LEVEL_STEPS)[number]);
			return done({...state, filter: {...filter, minLevel: LOG_LEVEL_STEPS[(step + 1) % LOG_LEVEL_STEPS.length]}});
		}
		case 'logs.types': {
			return done({...state, mode: 'types', picker: {types: typeCounts(buffer, filter.types), cursor: 0}});
		}
		case 'view.open': {
			const event = cursor < 0 ? undefined : logEventAt(buffer, view.seqAt(cursor) - buffer.first);
			if (!event) return done(state);
			// The detail is a copy: the list goes on following (or holding) underneath.
			return done({...state, mode: 'detail', detail: {lines: logEventDetail(event, width), top: 0}});
		}
		case 'view.back': {
			return filter.text === '' ? pass : done({...state, filter: {...filter, text: ''}});
		}
		default: {
			if (view.length === 0) return pass;
			const next = moveCursor(command, Math.max(0, cursor), view.length, Math.max(1, rows - 1));
			if (next === undefined) return pass;
			// Moving down onto the newest line follows again; anything else holds the view.
			return done(selectAt(state, view, next, next === last && command !== 'list.up' && command !== 'list.pageUp' && command !== 'list.top'));
		}
	}
}

export function LogsPane({live, width, height, focused, now}: PaneProps) {
	const logs = live.sources.logs;
	const {buffer} = logs;
	const inner = width - 2;
	const bodyRows = Math.max(0, height - 2);
	const [state, setState] = useState<PaneState>(INITIAL);
	// Keys that arrive in one chunk are handled one after another before React renders again:
	// each must see the state the previous one left, so the handler reads and writes this ref.
	const latest = useRef(state);
	const {mode, filter, position, detail, picker} = state;
	// A jump from another pane (a thing's log lines): filter on its text, following.
	const jump = live.logJump;
	useEffect(() => {
		if (!jump) return;
		const next: PaneState = {...INITIAL, filter: {...latest.current.filter, text: jump.text}};
		latest.current = next;
		setState(next);
	}, [jump]);
	const view = useMemo(() => logView(buffer, filter), [buffer, filter]);
	const topSeq = useRef(0);

	const {following} = position;
	const last = view.length - 1;
	const cursor = cursorIn(view, position);
	const prompt = mode === 'filter' || filter.text !== '';
	const status = paneStatusLines(logs, buffer.length === 0, 'log events yet', inner, logs.cadence ?? live.interval);
	// Notes are shown whole, wrapped: a live-tail fallback's reason must not be cut at the border.
	const notice = logs.notice ? wrapped(logs.notice, inner, 'ⓘ ', {color: 'yellow'}) : [];
	const header: Line[] = [...notice, ...status, ...backfillLines(logs, inner), prompt ? textPromptLine('/', filter.text, inner) : undefined].filter(
		(line): line is Line => line !== undefined,
	);
	// The list has a line of column titles above its rows.
	const rows = Math.max(1, bodyRows - header.length - (mode === 'list' ? 1 : 0));

	usePaneKeys('logs', (key) => {
		const current = latest.current;
		const currentView = current.filter === filter ? view : logView(buffer, current.filter);
		const result = reduceKey(current, key, {buffer, view: currentView, rows, width: inner});
		if (result.state !== current) {
			latest.current = result.state;
			setState(result.state);
		}
		return result.handled;
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
		const shown = [];
		for (let index = offset; index < view.length && shown.length < rows; index++) shown.push(logEventAt(buffer, view.seqAt(index) - buffer.first)!);
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
	if (filter.minLevel) parts.push(`≥${filter.minLevel}`);
	if (filter.types) parts.push(`${filter.types.size} type${filter.types.size === 1 ? '' : 's'}`);
	// Where the view is, apart from where the source is: held above the newest line.
	if (!following) parts.push(fresh > 0 ? `${fresh} new` : 'scrolled back');
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
