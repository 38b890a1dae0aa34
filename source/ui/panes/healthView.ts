// The Alarms pane's Health sub-tab: AWS Health events of the AWS IoT services (open first),
// Enter for the event's description (DescribeEventDetails). An account without the support
// plan AWS Health needs is told so once, in gray: an answer, not an error. Pure.
import type {HealthSlice, LiveState} from '../../live/engine.js';
import {formatDuration, formatTime} from '../../model/duration.js';
import {displayWidth} from '../../model/format.js';
import {sortHealthEvents, type HealthEventRow} from '../../model/health.js';
import type {Box} from '../layout.js';
import {cursorAt, cursorOn, FIRST, moveCursor, scrollBy, scrollTop, type Cursor} from '../listCursor.js';
import {memoLast} from '../memoLast.js';
import {tableHeader, tableLayout, tableRow, type ColumnSpec, type TableLayout} from '../widgets/columns.js';
import {fieldLines, wrapLine, type Line} from '../widgets/line.js';
import {bodyRowsOf, type Effect, type PaneKey, type PaneStep} from './paneState.js';
import {paneStatusLines, wrapped} from './paneStatus.js';

export type HealthUi = {
	cursor: Cursor;
	top: number;
	/** The event open in the detail view, by ARN, and how far it is scrolled. */
	detail?: {arn: string; scroll: number};
};

export const INITIAL_HEALTH_UI: HealthUi = {cursor: FIRST, top: 0};

const sorted = memoLast((events: HealthEventRow[]) => sortHealthEvents(events));

export const STATUS_COLORS: Record<string, string> = {open: 'yellow', upcoming: 'cyan', closed: 'green'};

const COLUMNS: ColumnSpec[] = [
	{title: 'EVENT TYPE', min: 12, preferred: 'content', flex: 1},
	{title: 'SERVICE', min: 'content', preferred: 'content'},
	{title: 'REGION', min: 6, preferred: 'content', drop: 2},
	{title: 'STATUS', min: 'content', preferred: 'content'},
	{title: 'START', min: 'content', preferred: 'content', drop: 3},
	{title: 'UPDATED', min: 'content', preferred: 'content', drop: 1},
];

const when = (time: number | undefined, now: number) =>
	time === undefined ? '—' : now - time < 20 * 3_600_000 ? formatTime(time, 'minute') : formatTime(time, 'date').slice(5, 16);

export function healthTable(events: readonly HealthEventRow[], width: number, now: number): {layout: TableLayout; texts: string[][]} {
	const texts = events.map((event) => [
		event.eventTypeCode ?? '?',
		event.service ?? '?',
		event.region ?? '?',
		event.statusCode ?? '?',
		when(event.startTime, now),
		when(event.lastUpdatedTime, now),
	]);
	const content = COLUMNS.map((_, index) => Math.max(0, ...texts.map((row) => displayWidth(row[index]))));
	return {layout: tableLayout(COLUMNS, width - 1, events.length > 0 ? content : undefined), texts};
}

export function healthRowLine(layout: TableLayout, texts: string[], event: HealthEventRow, selected: boolean): Line {
	return tableRow(
		layout,
		[{text: selected ? '›' : ' ', color: 'cyan'}],
		texts.map((text, index) => ({
			text,
			inverse: selected || undefined,
			color: index === 3 ? STATUS_COLORS[event.statusCode ?? ''] : undefined,
		})),
	);
}

export const healthHeaderLine = (layout: TableLayout): Line => tableHeader(layout, ' ');

export function healthDetailLines(event: HealthEventRow, detail: HealthSlice['detail'], width: number, now: number): Line[] {
	const field = (label: string, value: string, color?: string) => fieldLines(`  ${label}`, [{text: value, color}], 14, width);
	const at = (time: number | undefined) =>
		time === undefined ? '—' : `${formatTime(time, 'date')} (${formatDuration(Math.abs(now - time))} ${time <= now ? 'ago' : 'from now'})`;
	const lines: Line[] = [
		...wrapLine([{text: event.eventTypeCode ?? '?', bold: true, color: 'cyan'}], width, 2),
		...field('Service', event.service ?? '?'),
		...field('Region', event.region ?? '?'),
		...field('Status', event.statusCode ?? '?', STATUS_COLORS[event.statusCode ?? '']),
		...field('Category', event.eventTypeCategory ?? '?'),
		...field('Scope', event.eventScopeCode ?? '?'),
		...field('Started', at(event.startTime)),
		...(event.endTime === undefined ? [] : field('Ended', at(event.endTime))),
		...field('Last update', at(event.lastUpdatedTime)),
		...wrapLine([{text: event.arn, dim: true}], width, 2),
		[{text: 'Description', bold: true, color: 'cyan'}],
	];
	if (!detail || detail.arn !== event.arn || detail.loading) lines.push([{text: '  Loading…', dim: true}]);
	else if (detail.error) lines.push(...wrapped(`${detail.error.message} Esc and Enter try again.`, width, '  ⚠ ', {color: 'yellow'}));
	else if (detail.description === undefined) lines.push([{text: '  AWS Health gave no description.', dim: true}]);
	else for (const text of detail.description.split('\n')) lines.push(...wrapLine([{text: `  ${text}`}], width, 2));
	return lines;
}

export type HealthView = {
	rows: HealthEventRow[];
	status: Line[];
	inner: number;
	bodyRows: number;
	listRows: number;
	cursor: number;
	top: number;
	detail?: {event?: HealthEventRow; lines: Line[]};
};

export function healthView(live: LiveState, ui: HealthUi, box: Box, now: number, rowsAbove = 1): HealthView {
	const slice = live.sources.health;
	const rows = sorted(slice.events);
	const inner = box.width - 2;
	const bodyRows = bodyRowsOf(box) - rowsAbove;
	const status = slice.unavailable
		? wrapped(`AWS Health ${slice.unavailable}.`, inner, '· ', {color: 'gray'})
		: paneStatusLines(
				slice,
				rows.length === 0,
				'AWS Health events for the AWS IoT services (open, upcoming, closed in 7 days)',
				inner,
				live.interval,
				now,
			);
	const listRows = Math.max(1, bodyRows - 1 - status.length);
	const cursor = cursorAt(ui.cursor, rows.length, (index) => rows[index].arn);
	const top = scrollTop(ui.top, cursor, listRows, rows.length);
	let detail: HealthView['detail'];
	if (ui.detail) {
		const {arn} = ui.detail;
		const event = slice.events.find((candidate) => candidate.arn === arn);
		detail = {
			event,
			lines: event
				? healthDetailLines(event, slice.detail, inner, now)
				: [[{text: 'This event is no longer listed. Esc goes back.', color: 'yellow'}]],
		};
	}
	return {rows, status, inner, bodyRows, listRows, cursor, top, detail};
}

export function reduceHealthKey(ui: HealthUi, key: PaneKey, view: HealthView): PaneStep<HealthUi> | undefined {
	if (ui.detail) {
		if (key.command === 'view.back') return {ui: {...ui, detail: undefined}};
		const scroll = scrollBy(key.command, ui.detail.scroll, view.detail?.lines.length ?? 0, view.bodyRows);
		return scroll === undefined ? undefined : {ui: {...ui, detail: {...ui.detail, scroll}}};
	}
	if (key.command === 'view.open') {
		const row = view.rows[view.cursor];
		if (!row) return {ui, notice: 'Enter opens the selected health event; none is listed.'};
		return {ui: {...ui, detail: {arn: row.arn, scroll: 0}}, effects: [{type: 'health.detail', arn: row.arn}]};
	}
	const next = moveCursor(key.command, view.cursor, view.rows.length, Math.max(1, view.listRows - 1));
	if (next === undefined) return undefined;
	return {
		ui: {
			...ui,
			cursor: cursorOn(next, view.rows.length, (index) => view.rows[index].arn),
			top: scrollTop(view.top, next, view.listRows, view.rows.length),
		},
	};
}

/** The description the open detail needs, when it is not loaded (or loading) yet. */
export function healthNeeds(live: LiveState, ui: HealthUi): Effect[] {
	const open = ui.detail;
	const detail = live.sources.health.detail;
	return open && detail?.arn !== open.arn ? [{type: 'health.detail', arn: open.arn}] : [];
}
