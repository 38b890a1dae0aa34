// The Logs pane's top talkers view (`t`): the client ids, event types and reasons with the most
// failures, counted over the buffer at once and over a longer window by Logs Insights (the
// engine runs the query, live/talkers.ts; the view only asks for it, through dataNeeds). Enter
// shows the Logs filtered on the selected entry; leaving the view stops a running query.
import type {LiveState} from '../../live/engine.js';
import {MISSING} from '../../model/format.js';
import {
	bufferTally,
	DEFAULT_TALKER_WINDOW,
	scanCost,
	stepWindow,
	talkersRunning,
	topTalkers,
	TALKERS_LIMIT,
	type TalkerEntry,
	type TalkerKind,
	type TalkersQuery,
	type TalkerTally,
} from '../../model/talkers.js';
import type {Box} from '../layout.js';
import {moveCursor} from '../listCursor.js';
import {memoLast} from '../memoLast.js';
import {cell, type Line} from '../widgets/line.js';
import {clockTime, settingText} from './logLines.js';
import {bodyRowsOf, type Effect, type PaneContext, type PaneKey} from './paneState.js';
import {wrapped} from './paneStatus.js';

export type TalkersUi = {
	/** The Logs Insights window, ms. */
	windowMs: number;
	/** Index of the selected entry, over every section's entries in order. */
	cursor: number;
};

export const INITIAL_TALKERS_UI: TalkersUi = {windowMs: DEFAULT_TALKER_WINDOW, cursor: 0};

const SECTIONS: ReadonlyArray<{kind: TalkerKind; title: string}> = [
	{kind: 'clientId', title: 'CLIENT ID'},
	{kind: 'eventType', title: 'EVENT TYPE'},
	{kind: 'reason', title: 'REASON'},
];

/** The window's counts, when the query has found any: partial while it runs, none before (unknown, never zero). */
export function windowTally(query: TalkersQuery | undefined, windowMs: number): TalkerTally | undefined {
	if (!query || query.windowMs !== windowMs || !query.result) return undefined;
	if (query.status !== 'Running' && query.status !== 'Complete') return undefined;
	// Rows that all lack the count: the endpoint ignored `stats` (moto); nothing was counted.
	if (query.result.rows > 0 && query.result.unreadable === query.result.rows) return undefined;
	return query.result.tally;
}

const countedBuffer = memoLast(bufferTally);

export type TalkersLayout = {
	/** Status lines above the table. */
	header: Line[];
	sections: Array<{kind: TalkerKind; title: string; entries: TalkerEntry[]}>;
	/** Every entry in cursor order. */
	entries: Array<{kind: TalkerKind; entry: TalkerEntry}>;
	windowKnown: boolean;
};

const plural = (count: number, word: string) => `${count.toLocaleString('en-US')} ${word}${count === 1 ? '' : 's'}`;

/** What the Logs Insights line says of the query: its state, what it counted, what it scanned and cost. */
export function insightsStatus(query: TalkersQuery | undefined, windowMs: number, now: number): {text: string; color?: string} {
	const what = `Logs Insights, last ${settingText(windowMs)}`;
	if (!query || query.windowMs !== windowMs || query.status === 'Starting') return {text: `${what}: starting…`, color: 'cyan'};
	const {error, statistics, result} = query;
	if (error?.kind === 'unavailable')
		return {text: `Logs Insights is not available from this endpoint (${error.operation}): the buffer's counts only.`, color: 'yellow'};
	const parts: string[] = [];
	let color: string | undefined;
	switch (query.status) {
		case 'Scheduled': {
			parts.push('Scheduled…');
			color = 'cyan';
			break;
		}
		case 'Running': {
			parts.push(`Running, ${plural(statistics?.recordsMatched ?? 0, 'failure')} matched so far`);
			color = 'cyan';
			break;
		}
		case 'Complete': {
			parts.push(
				`Complete at ${clockTime(query.fetchedAt ?? now)}, ${statistics?.recordsMatched === undefined ? 'failures matched not reported' : `${plural(statistics.recordsMatched, 'failure')} matched`}`,
			);
			color = 'green';
			break;
		}
		case 'Stopping': {
			parts.push('stopping…');
			break;
		}
		case 'Cancelled': {
			parts.push(query.stoppedBy === 'left' ? 'Cancelled when the view was left (it runs again on return)' : 'Cancelled');
			color = 'yellow';
			break;
		}
		case 'Timeout': {
			parts.push('Timeout: AWS ended the query before it finished (a shorter window scans less)');
			color = 'red';
			break;
		}
		case 'Failed': {
			parts.push(`Failed${error ? `: ${error.message}` : ''}`);
			color = 'red';
			break;
		}
		default: {
			parts.push(`status ${query.status}`);
			color = 'yellow';
		}
	}
	if (statistics?.bytesScanned !== undefined && (statistics.bytesScanned > 0 || query.status === 'Complete'))
		parts.push(scanCost(statistics.bytesScanned));
	else if (query.status === 'Complete') parts.push('bytes scanned not reported');
	if (result && result.rows > 0 && result.unreadable === result.rows)
		parts.push("the endpoint answered without the counts (it ignores the query's stats), so no window counts");
	else if (result && result.rows >= TALKERS_LIMIT) parts.push(`counts of the ${TALKERS_LIMIT.toLocaleString('en-US')} largest groups only`);
	// A poll that failed while the query runs: said, and the last counts kept.
	if (error && query.status !== 'Failed') parts.push(`⚠ ${error.message}`);
	return {text: `${what}: ${parts.join(' · ')}`, color};
}

function bufferLine(tally: ReturnType<typeof bufferTally>): string {
	const span = tally.from === undefined || tally.to === undefined ? '' : ` ${clockTime(tally.from)}–${clockTime(tally.to)}`;
	return `Buffer${span}: ${plural(tally.failures, 'failure')} of ${plural(tally.events, 'event')}`;
}

/** Entries each section shows: half of the room to the client ids, the rest shared, what one leaves to the others. */
function allot(room: number, available: number[]): number[] {
	const shares = [Math.ceil(room / 2), Math.floor(room / 4), room - Math.ceil(room / 2) - Math.floor(room / 4)];
	const counts = shares.map((share, index) => Math.min(share, available[index]));
	let left = room - counts.reduce((a, b) => a + b, 0);
	for (let index = 0; index < counts.length && left > 0; index++) {
		const more = Math.min(left, available[index] - counts[index]);
		counts[index] += more;
		left -= more;
	}
	return counts;
}

export function talkersLayout(live: LiveState, ui: TalkersUi, box: Box, now: number): TalkersLayout & {rows: number; inner: number} {
	const logs = live.sources.logs;
	const inner = box.width - 2;
	const query = logs.talkers;
	const status = insightsStatus(query, ui.windowMs, now);
	const tally = countedBuffer(logs.buffer);
	const header = [...wrapped(status.text, inner, ' ', {color: status.color}), ...wrapped(bufferLine(tally), inner, ' ', {dim: true})];
	const window = windowTally(query, ui.windowMs);
	const rows = Math.max(1, bodyRowsOf(box) - header.length);
	const room = Math.max(3, rows - SECTIONS.length);
	const all = SECTIONS.map(({kind}) => topTalkers(kind, tally, window, room));
	const counts = allot(
		room,
		all.map((entries) => entries.length),
	);
	const sections = SECTIONS.map((section, index) => ({...section, entries: all[index].slice(0, counts[index])}));
	const entries = sections.flatMap(({kind, entries}) => entries.map((entry) => ({kind, entry})));
	return {header, sections, entries, windowKnown: window !== undefined, rows, inner};
}

const NUMBER = 9;
const WIDE = 90;
const NAME_WIDE = 40;

/** A bar of `count` against the section's largest, at least one cell for any count above zero. */
function bar(count: number, largest: number, width: number): string {
	if (count <= 0 || largest <= 0) return '';
	return '█'.repeat(Math.max(1, Math.round((count / largest) * width)));
}

/** The view's lines: the status, then each section's title (with the column titles) and its entries. */
export function talkersLines(live: LiveState, ui: TalkersUi, box: Box, now: number, focused: boolean): Line[] {
	const layout = talkersLayout(live, ui, box, now);
	const {inner} = layout;
	const query = live.sources.logs.talkers;
	const running = talkersRunning(query) && query?.windowMs === ui.windowMs;
	// Wide (zoomed), the names keep a readable width and the rest is a bar of each count.
	const barWidth = inner >= WIDE ? inner - 2 - NAME_WIDE - NUMBER * 2 - 2 : 0;
	const nameWidth = barWidth > 0 ? NAME_WIDE : Math.max(8, inner - 2 - NUMBER * 2);
	const windowTitle = `LAST ${settingText(ui.windowMs).toUpperCase()}`;
	const lines: Line[] = [...layout.header];
	let index = 0;
	const cursor = Math.min(ui.cursor, layout.entries.length - 1);
	for (const section of layout.sections) {
		lines.push([
			{text: `  ${cell(section.title, nameWidth)}`, bold: true},
			{text: cell('BUFFER', NUMBER, 'right'), bold: true},
			{text: cell(windowTitle, NUMBER, 'right'), bold: true},
		]);
		// Unknown over the window is not "none": only the buffer's count is said.
		if (section.entries.length === 0) lines.push([{text: layout.windowKnown ? '  no failures' : '  no failures in the buffer', dim: true}]);
		const largest = Math.max(0, ...section.entries.map((entry) => entry.window ?? entry.buffer));
		for (const entry of section.entries) {
			const selected = focused && index === cursor;
			const windowCount = entry.window !== undefined ? entry.window.toLocaleString('en-US') : running ? '…' : MISSING;
			lines.push([
				{text: selected ? '› ' : '  ', color: 'cyan', bold: true},
				{text: cell(entry.key === '' ? '(none)' : entry.key, nameWidth), inverse: selected, dim: entry.key === ''},
				{text: cell(entry.buffer.toLocaleString('en-US'), NUMBER, 'right')},
				{text: cell(windowCount, NUMBER, 'right'), color: entry.window ? 'red' : undefined},
				...(barWidth > 0 ? [{text: `  ${bar(entry.window ?? entry.buffer, largest, barWidth)}`, color: 'red'}] : []),
			]);
			index++;
		}
	}
	return lines;
}

export function reduceTalkersKey(
	ui: TalkersUi,
	key: PaneKey,
	{live, box, now}: PaneContext,
): {ui: TalkersUi | undefined; effects?: Effect[]; notice?: string; filter?: string} | undefined {
	const {command} = key;
	switch (command) {
		case 'view.back':
		case 'logs.talkers': {
			return {ui: undefined};
		}
		case 'logs.talkersWindow': {
			return {ui: {...ui, windowMs: stepWindow(ui.windowMs, key.name === ']' ? 1 : -1)}};
		}
		case 'app.refresh': {
			// `r` also runs the query again (a Complete one is not re-run by itself: it costs a scan).
			return {ui, effects: [{type: 'refresh'}, {type: 'logs.talkers', windowMs: ui.windowMs, force: true}]};
		}
		case 'logs.talkersFilter': {
			const {entries} = talkersLayout(live, ui, box, now);
			const selected = entries[Math.min(ui.cursor, entries.length - 1)];
			if (!selected) return {ui, notice: 'Enter shows the Logs filtered on the selected entry; none is listed.'};
			if (selected.entry.key === '') return {ui, notice: 'The selected entry has no value to filter on.'};
			return {ui: undefined, filter: selected.entry.key};
		}
		default: {
			const {entries, rows} = talkersLayout(live, ui, box, now);
			const next = moveCursor(command, Math.min(ui.cursor, Math.max(0, entries.length - 1)), entries.length, Math.max(1, rows - 1));
			return next === undefined ? undefined : {ui: {...ui, cursor: next}};
		}
	}
}

/**
 * What the view needs of the engine: its query while it is on screen and focused (once per
 * window; `r` runs it again), and a running query stopped when it is not (Esc, another pane).
 */
export function talkersNeeds(live: LiveState, ui: TalkersUi | undefined, focused: boolean): Effect[] {
	const query = live.sources.logs.talkers;
	if (!ui || !focused) return talkersRunning(query) && query?.stoppedBy === undefined ? [{type: 'logs.talkers.stop'}] : [];
	if (!query || query.windowMs !== ui.windowMs || (query.stoppedBy !== undefined && !talkersRunning(query)))
		return [{type: 'logs.talkers', windowMs: ui.windowMs}];
	return [];
}
