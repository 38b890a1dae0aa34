// The Logs pane's UI state, what it shows for a box, and its keys. The selection and the scroll
// position are anchored to events (their sequence numbers), not to indexes, so the view stays
// put while the buffer drops old events; following sticks to the newest line.
import {LOG_LEVEL_STEPS, levelRank, logEventDetail, matchesLogFilter} from '../../model/iotLog.js';
import {typeKey} from '../../model/logFormats.js';
import {logEventAt, type LogBuffer} from '../../model/logBuffer.js';
import type {LogEvent} from '../../model/types.js';
import type {LiveState, LogsSlice} from '../../live/engine.js';
import type {Box} from '../layout.js';
import {moveCursor, scrollBy} from '../listCursor.js';
import {memoLast} from '../memoLast.js';
import type {Line} from '../widgets/line.js';
import {EMPTY_PROMPT, promptKey, promptShown, type Prompt} from '../widgets/TextPrompt.js';
import {clockTime, settingText} from './logLines.js';
import {typeCounts, type TypeCount} from './logTypePicker.js';
import {bodyRowsOf, type PaneContext, type PaneKey, type PaneStep} from './paneState.js';
import {paneStatusLines, wrapped} from './paneStatus.js';
import {INITIAL_TALKERS_UI, reduceTalkersKey, type TalkersUi} from './talkersView.js';

export type LogsUi = {
	filter: Prompt;
	minLevel?: string;
	/** The event types shown; all when undefined. */
	types?: ReadonlySet<string>;
	/** Sticks to the newest event; otherwise held on `anchor`. */
	following: boolean;
	/** Sequence number of the selected event (when not following). */
	anchor: number;
	/** Sequence number of the first event shown (when not following). */
	top: number;
	/** The event open in the detail view (a copy: the list goes on underneath), and its scroll. */
	detail?: {event: LogEvent; scroll: number};
	/** The event-type picker: the types counted when it opened, and its cursor. */
	picker?: {types: TypeCount[]; cursor: number};
	/** The top talkers view (`t`), over the list: talkersView.ts. */
	talkers?: TalkersUi;
};

export const INITIAL_LOGS_UI: LogsUi = {filter: EMPTY_PROMPT, following: true, anchor: 0, top: 0};

/** The Logs pane filtered on a text, kept (not being edited), following: `L` from a thing. */
export function logsFilteredOn(ui: LogsUi, text: string): LogsUi {
	return {
		...ui,
		filter: {text, editing: false},
		following: true,
		anchor: 0,
		top: 0,
		detail: undefined,
		picker: undefined,
		talkers: undefined,
	};
}

export type LogViewFilter = {text: string; minLevel?: string; types?: ReadonlySet<string>};

/** What the view shows: every held event, or the sequence numbers of the matching ones. */
export type LogView = {length: number; seqAt(index: number): number; indexOf(seq: number): number};

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
		if (filter.types && !filter.types.has(typeKey(event))) continue;
		if (needle !== '' && !matchesLogFilter(event, needle)) continue;
		seqs.push(buffer.first + index);
	}
	return {length: seqs.length, seqAt: (index) => seqs[index], indexOf: (seq) => lowerBound(seqs, seq)};
}

/** The view the pane drew last, for the status bar and the keys of the same moment (one pass over 10,000 events, not three). */
const filteredView = memoLast((buffer: LogBuffer, text: string, minLevel: string | undefined, types: ReadonlySet<string> | undefined) =>
	logView(buffer, {text, minLevel, types}),
);

/** The first read stopped short of `--since`: how far back it got, while any of it is held. */
export function backfillLines(logs: LogsSlice, width: number): Line[] {
	const {backfill, buffer} = logs;
	if (!backfill || buffer.first >= backfill.endSeq) return [];
	const limit =
		backfill.stoppedBy === 'buffer'
			? `the ${buffer.capacity.toLocaleString('en-US')}-event buffer`
			: `the ${backfill.pages}-page read budget`;
	return wrapped(
		`read back to ${clockTime(backfill.readBackTo)} of --since ${settingText(logs.since)} (stopped at ${limit})`,
		width,
		'ⓘ ',
		{dim: true},
	);
}

export type LogsView = {
	view: LogView;
	/** Notes, the source's status, the read-back line: above the rows. */
	header: Line[];
	inner: number;
	bodyRows: number;
	/** Rows for events (or the picker, or the detail) between the header and the prompt. */
	rows: number;
	/** Index in the view of the selected event (the newest while following; -1 when none). */
	cursor: number;
	/** Index in the view of the first event shown. */
	offset: number;
	detailLines?: string[];
};

/** Where the selection and the first row are, in the view. */
function windowOf(view: LogView, ui: LogsUi, rows: number): {cursor: number; offset: number} {
	const cursor = ui.following ? view.length - 1 : Math.min(view.indexOf(ui.anchor), view.length - 1);
	if (ui.following) return {cursor, offset: Math.max(0, view.length - rows)};
	let offset = Math.min(view.indexOf(ui.top), Math.max(0, view.length - rows));
	if (cursor < offset) offset = cursor;
	if (cursor >= offset + rows) offset = cursor - rows + 1;
	return {cursor, offset: Math.max(0, offset)};
}

export function logsView(live: LiveState, ui: LogsUi, box: Box): LogsView {
	const logs = live.sources.logs;
	const {buffer} = logs;
	const inner = box.width - 2;
	const bodyRows = bodyRowsOf(box);
	const view = filteredView(buffer, ui.filter.text, ui.minLevel, ui.types);
	const status = paneStatusLines(logs, buffer.length === 0, 'log events yet', inner, logs.cadence ?? live.interval);
	// Notes are shown whole, wrapped: a live-tail fallback's reason must not be cut at the border.
	const notice = logs.notice ? wrapped(logs.notice, inner, 'ⓘ ', {color: 'yellow'}) : [];
	const header = [...notice, ...status, ...backfillLines(logs, inner)];
	// The list has a line of column titles above its rows.
	const listing = !ui.detail && !ui.picker;
	const rows = Math.max(1, bodyRows - header.length - (promptShown(ui.filter) ? 1 : 0) - (listing ? 1 : 0));
	const {cursor, offset} = windowOf(view, ui, rows);
	return {view, header, inner, bodyRows, rows, cursor, offset, detailLines: ui.detail ? logEventDetail(ui.detail.event, inner) : undefined};
}

/** A key in the top talkers view: it closes, or shows the Logs filtered on an entry (Enter). */
function talkersStep(ui: LogsUi, talkers: TalkersUi, key: PaneKey, context: PaneContext): PaneStep<LogsUi> | undefined {
	const step = reduceTalkersKey(talkers, key, context);
	if (!step) return undefined;
	if (step.filter !== undefined) return {ui: logsFilteredOn(ui, step.filter), effects: step.effects};
	return {ui: {...ui, talkers: step.ui}, effects: step.effects, notice: step.notice};
}

/** Holds the view on the event at `index` (following when asked, or when there is none), its window moved no more than needed. */
function selectAt(ui: LogsUi, logs: LogsView, index: number, follow: boolean): LogsUi {
	const {view, rows, offset} = logs;
	if (follow || view.length === 0) return {...ui, following: true, anchor: 0};
	const at = Math.max(0, index);
	let top = offset;
	if (at < top) top = at;
	if (at >= top + rows) top = at - rows + 1;
	return {...ui, following: false, anchor: view.seqAt(at), top: view.seqAt(Math.max(0, Math.min(top, view.length - 1)))};
}

export function reduceLogsKey(ui: LogsUi, key: PaneKey, context: PaneContext): PaneStep<LogsUi> | undefined {
	const {live, box} = context;
	const {command} = key;
	const logs = logsView(live, ui, box);
	const {view, rows} = logs;
	const {buffer} = live.sources.logs;
	if (ui.talkers) return talkersStep(ui, ui.talkers, key, context);
	if (ui.detail) {
		if (command === 'view.back') return {ui: {...ui, detail: undefined}};
		const scroll = scrollBy(command, ui.detail.scroll, logs.detailLines?.length ?? 0, rows);
		return scroll === undefined ? undefined : {ui: {...ui, detail: {...ui.detail, scroll}}};
	}
	if (ui.picker) {
		const {picker} = ui;
		if (command === 'view.back' || command === 'logs.types') return {ui: {...ui, picker: undefined}};
		const next = moveCursor(command, picker.cursor, picker.types.length, rows - 1);
		if (next !== undefined) return {ui: {...ui, picker: {...picker, cursor: next}}};
		if (command === 'logs.toggleType') {
			const type = picker.types[picker.cursor]?.type;
			if (type === undefined) return {ui};
			const shown = new Set(ui.types ?? picker.types.map((entry) => entry.type));
			if (shown.has(type)) shown.delete(type);
			else shown.add(type);
			return {ui: {...ui, types: shown.size === picker.types.length ? undefined : shown}};
		}
		if (command === 'logs.allTypes') return {ui: {...ui, types: ui.types ? undefined : new Set()}};
		return undefined;
	}
	const filter = promptKey(ui.filter, key);
	if (filter) return {ui: {...ui, filter}};
	const {cursor} = logs;
	const last = view.length - 1;
	switch (command) {
		case 'logs.follow': {
			return {ui: selectAt(ui, logs, cursor, !ui.following)};
		}
		case 'list.bottom': {
			return {ui: selectAt(ui, logs, last, true)};
		}
		case 'logs.level': {
			const step = LOG_LEVEL_STEPS.indexOf(ui.minLevel as (typeof LOG_LEVEL_STEPS)[number]);
			return {ui: {...ui, minLevel: LOG_LEVEL_STEPS[(step + 1) % LOG_LEVEL_STEPS.length]}};
		}
		case 'logs.types': {
			return {ui: {...ui, picker: {types: typeCounts(buffer, ui.types), cursor: 0}}};
		}
		case 'logs.talkers': {
			return {ui: {...ui, talkers: INITIAL_TALKERS_UI}};
		}
		case 'view.open': {
			const event = cursor < 0 ? undefined : logEventAt(buffer, view.seqAt(cursor) - buffer.first);
			if (!event) return {ui, notice: 'Enter opens the selected event; none is shown.'};
			return {ui: {...ui, detail: {event, scroll: 0}}};
		}
		default: {
			if (view.length === 0) return undefined;
			const next = moveCursor(command, Math.max(0, cursor), view.length, Math.max(1, rows - 1));
			if (next === undefined) return undefined;
			// Moving down onto the newest line follows again; anything else holds the view.
			return {ui: selectAt(ui, logs, next, next === last && command !== 'list.up' && command !== 'list.pageUp' && command !== 'list.top')};
		}
	}
}
