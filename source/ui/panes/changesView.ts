// The Alarms pane's Changes sub-tab: CloudTrail's AWS IoT management events, newest first, in
// columns (time, user or role, event, resource, source IP, error; the least needed dropped
// first when narrow), `/` over every field, Enter for the whole record (wrapped, scrollable).
// Pure: the key reducer and the renderer share the view.
import type {ChangesSlice, LiveState, ResourceChangesView} from '../../live/engine.js';
import {filterChanges, type ChangeEvent} from '../../model/changes.js';
import {formatDuration, formatTime} from '../../model/duration.js';
import {displayWidth} from '../../model/format.js';
import type {Box} from '../layout.js';
import {cursorAt, cursorOn, FIRST, moveCursor, scrollBy, scrollTop, type Cursor} from '../listCursor.js';
import {memoLast} from '../memoLast.js';
import {tableHeader, tableLayout, tableRow, type ColumnSpec, type TableLayout} from '../widgets/columns.js';
import {fieldLines, wrapLine, type Line, type Segment} from '../widgets/line.js';
import {EMPTY_PROMPT, promptKey, promptShown, type Prompt} from '../widgets/TextPrompt.js';
import {bodyRowsOf, type PaneKey, type PaneStep} from './paneState.js';
import {paneStatusLines, wrapped} from './paneStatus.js';

export type ChangesUi = {
	filter: Prompt;
	cursor: Cursor;
	top: number;
	/** The event open in the detail view, by id, and how far it is scrolled. */
	detail?: {id: string; scroll: number};
};

export const INITIAL_CHANGES_UI: ChangesUi = {filter: EMPTY_PROMPT, cursor: FIRST, top: 0};

const filtered = memoLast((events: ChangeEvent[], text: string) => filterChanges(events, text));

/** A change's time: to the second within the day, with the date beyond. */
export function changeTime(time: number | undefined, now: number): string {
	if (time === undefined) return '?';
	return now - time < 20 * 3_600_000 ? formatTime(time, 'second') : formatTime(time, 'date').slice(5, 16);
}

const COLUMNS: ColumnSpec[] = [
	{title: 'TIME', min: 'content', preferred: 'content'},
	// Who and what first: in a half-width pane a user and a resource cut to 7 letters name nobody,
	// so the error column goes before them (a failed call's row is red; Enter shows its error).
	{title: 'USER/ROLE', min: 12, preferred: 'content', max: 40, flex: 1, priority: 2},
	{title: 'EVENT', min: 10, preferred: 'content', max: 32, priority: 1},
	{title: 'RESOURCE', min: 12, preferred: 'content', max: 48, flex: 2, drop: 1},
	{title: 'SOURCE IP', min: 'content', preferred: 'content', max: 39, drop: 3},
	{title: 'ERROR', min: 'content', preferred: 'content', max: 24, drop: 2},
];

function cells(event: ChangeEvent, now: number): string[] {
	return [
		changeTime(event.time, now),
		event.user ?? '?',
		event.eventName,
		event.resources.join(', '),
		event.sourceIp ?? '',
		event.errorCode ?? '',
	];
}

/** The table for the events on screen in `width` columns (one space of lead for the cursor mark). */
export function changesTable(events: readonly ChangeEvent[], width: number, now: number): {layout: TableLayout; texts: string[][]} {
	const texts = events.map((event) => cells(event, now));
	const content = COLUMNS.map((_, index) => Math.max(0, ...texts.map((row) => displayWidth(row[index]))));
	return {layout: tableLayout(COLUMNS, width - 1, events.length > 0 ? content : undefined), texts};
}

export function changeRowLine(layout: TableLayout, texts: string[], event: ChangeEvent, selected: boolean): Line {
	const failed = event.errorCode !== undefined;
	const style = (segment: Segment): Segment => (selected ? {...segment, inverse: true} : segment);
	return tableRow(
		layout,
		[{text: selected ? '›' : ' ', color: 'cyan'}],
		texts.map((text, index) => style({text, color: failed && (index === 5 || index === 2) ? 'red' : index === 0 ? 'gray' : undefined})),
	);
}

export const changesHeaderLine = (layout: TableLayout): Line => tableHeader(layout, ' ');

/** The whole record of an event: who, when, from where, the error, then the record itself, every line whole. */
export function changeDetailLines(event: ChangeEvent, width: number, now: number): Line[] {
	const field = (label: string, value: string, color?: string) => fieldLines(`  ${label}`, [{text: value, color}], 14, width);
	const lines: Line[] = [
		...wrapLine([{text: `${event.eventName}`, bold: true, color: event.errorCode ? 'red' : 'cyan'}], width, 2),
		...field('Time', event.time === undefined ? '?' : `${formatTime(event.time, 'date')} (${formatDuration(now - event.time)} ago)`),
		...field('User/role', `${event.user ?? '?'}${event.userType ? ` (${event.userType})` : ''}`),
		...field('Resource', event.resources.join(', ') || '—'),
		...field('Source IP', event.sourceIp ?? '?'),
		...(event.region ? field('Region', event.region) : []),
	];
	if (event.errorCode) lines.push(...field('Error', `${event.errorCode}${event.errorMessage ? `: ${event.errorMessage}` : ''}`, 'red'));
	lines.push([{text: 'Record', bold: true, color: 'cyan'}]);
	for (const text of event.record.split('\n')) {
		const indent = /^\s*/.exec(text)?.[0].length ?? 0;
		lines.push(...wrapLine([{text}], width, Math.min(indent + 2, Math.floor(width / 2))));
	}
	return lines;
}

export type ChangesView = {
	rows: readonly ChangeEvent[];
	status: Line[];
	inner: number;
	bodyRows: number;
	listRows: number;
	cursor: number;
	top: number;
	detail?: {event?: ChangeEvent; lines: Line[]};
};

/** What the slice says of itself above the rows: the error (data kept beside it), how far back it read. */
function statusLines(slice: ChangesSlice, empty: boolean, inner: number, interval: number, now: number): Line[] {
	const lines = paneStatusLines(slice, empty, 'AWS IoT changes in CloudTrail', inner, interval, now);
	if (slice.readBackTo !== undefined && !slice.error) {
		lines.push(
			...wrapped(`read back to ${changeTime(slice.readBackTo, now)} (page budget); older changes not loaded`, inner, '  ', {dim: true}),
		);
	}
	return lines;
}

/** `rowsAbove`: lines the pane draws above the view (the sub-tab bar). */
export function changesView(live: LiveState, ui: ChangesUi, box: Box, now: number, rowsAbove = 1): ChangesView {
	const slice = live.sources.changes;
	const rows = filtered(slice.events, ui.filter.text);
	const inner = box.width - 2;
	const bodyRows = bodyRowsOf(box) - rowsAbove;
	const status = statusLines(slice, slice.events.length === 0, inner, live.interval, now);
	const noMatch = slice.events.length > 0 && rows.length === 0 ? 1 : 0;
	const listRows = Math.max(1, bodyRows - 1 - status.length - noMatch - (promptShown(ui.filter) ? 1 : 0));
	const cursor = cursorAt(ui.cursor, rows.length, (index) => rows[index].id);
	const top = scrollTop(ui.top, cursor, listRows, rows.length);
	let detail: ChangesView['detail'];
	if (ui.detail) {
		const {id} = ui.detail;
		const event = slice.events.find((candidate) => candidate.id === id);
		detail = {
			event,
			lines: event ? changeDetailLines(event, inner, now) : [[{text: 'This event is no longer held. Esc goes back.', color: 'yellow'}]],
		};
	}
	return {rows, status, inner, bodyRows, listRows, cursor, top, detail};
}

export function reduceChangesKey(ui: ChangesUi, key: PaneKey, view: ChangesView): PaneStep<ChangesUi> | undefined {
	if (ui.detail) {
		if (key.command === 'view.back') return {ui: {...ui, detail: undefined}};
		const scroll = scrollBy(key.command, ui.detail.scroll, view.detail?.lines.length ?? 0, view.bodyRows);
		return scroll === undefined ? undefined : {ui: {...ui, detail: {...ui.detail, scroll}}};
	}
	const filter = promptKey(ui.filter, key);
	if (filter) {
		const moved = filter.text !== ui.filter.text;
		return {ui: {...ui, filter, cursor: moved ? FIRST : ui.cursor, top: moved ? 0 : ui.top}};
	}
	if (key.command === 'view.open') {
		const row = view.rows[view.cursor];
		if (!row) return {ui, notice: 'Enter opens the selected change; none is listed.'};
		return {ui: {...ui, detail: {id: row.id, scroll: 0}}};
	}
	const next = moveCursor(key.command, view.cursor, view.rows.length, Math.max(1, view.listRows - 1));
	if (next === undefined) return undefined;
	return {
		ui: {
			...ui,
			cursor: cursorOn(next, view.rows.length, (index) => view.rows[index].id),
			top: scrollTop(view.top, next, view.listRows, view.rows.length),
		},
	};
}

/** A resource's detail: its own recent changes, newest first, one line each (errors in red). */
export function resourceChangesLines(view: ResourceChangesView | undefined, name: string, width: number, now: number): Line[] {
	const heading: Line = [{text: 'Recent changes (CloudTrail)', bold: true, color: 'cyan'}];
	if (!view || view.name !== name || (view.loading && view.events.length === 0)) return [heading, [{text: '  Loading…', dim: true}]];
	if (view.error) return [heading, ...wrapped(view.error.message, width, '  ⚠ ', {color: 'yellow'})];
	if (view.events.length === 0) return [heading, [{text: '  none in the last 90 days', dim: true}]];
	const lines: Line[] = [heading];
	for (const event of view.events) {
		lines.push(
			...wrapLine(
				[
					{text: `  ${changeTime(event.time, now)} `, color: 'gray'},
					{text: event.eventName, color: event.errorCode ? 'red' : undefined},
					{text: ` by ${event.user ?? '?'}`},
					...(event.sourceIp ? [{text: ` from ${event.sourceIp}`, dim: true}] : []),
					...(event.errorCode ? [{text: ` ${event.errorCode}`, color: 'red'}] : []),
				],
				width,
				4,
			),
		);
	}
	if (!view.complete) lines.push([{text: '  … older changes not loaded', dim: true}]);
	return lines;
}
