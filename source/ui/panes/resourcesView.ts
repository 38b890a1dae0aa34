// The Resources pane's UI state, what it shows for a box, and its keys: per sub-tab a filter
// (applied on Enter: on the server where the API can, over the loaded rows otherwise), a sort,
// a cursor on a row by its key and a scroll position; the detail open on Enter; `G` to the end
// of the list, loading the rest (Esc stops it).
import type {LiveState, ResourceList, ResourcesSlice} from '../../live/engine.js';
import {
	COLUMNS,
	extraKey,
	matchesLocalFilter,
	needsExtra,
	parseResourceFilter,
	RESOURCE_KINDS,
	RESOURCE_TITLES,
	rowKey,
	sortRows,
	type ParsedFilter,
	type ResourceKind,
	type RowExtras,
	type RowOf,
	type SortOrder,
} from '../../model/resources.js';
import type {CommandId} from '../keymap.js';
import type {Box} from '../layout.js';
import {cursorAt, cursorOn, FIRST, moveCursor, scrollBy, scrollTop, type Cursor} from '../listCursor.js';
import {memoLast} from '../memoLast.js';
import type {Line} from '../widgets/line.js';
import {EMPTY_PROMPT, promptKey, promptShown, type Prompt} from '../widgets/TextPrompt.js';
import {bodyRowsOf, type Effect, type PaneContext, type PaneKey, type PaneStep} from './paneState.js';
import {paneStatusLines, wrapped} from './paneStatus.js';
import {detailLines} from './resources/resourceLines.js';
import {resourceChangesLines} from './changesView.js';
import {fleetLines} from './resources/fleetLines.js';
import {indexGap, type FleetFromLogs} from '../../model/fleet.js';
import type {ThingRow} from '../../model/types.js';

export type ResourceListUi = {
	/** The `/` prompt; while it is not edited its text is the applied filter. */
	filter: Prompt;
	/** The filter the list shows: the prompt's text when Enter kept it. */
	applied: string;
	cursor: Cursor;
	top: number;
	sort?: SortOrder;
	/** Esc stopped a load to the end: the cursor at the end loads no more until it moves. */
	held?: boolean;
};

export type ResourcesUi = {
	kind: ResourceKind;
	lists: Record<ResourceKind, ResourceListUi>;
	/** The resource open in the detail view, and how far it is scrolled. */
	detail?: {kind: ResourceKind; key: string; scroll: number};
	/** The Fleet sub-tab is shown (first, before Things; `kind` is the list sub-tab to go back to). */
	fleet?: boolean;
	/** How far the Fleet view is scrolled. */
	fleetScroll?: number;
};

const INITIAL_LIST: ResourceListUi = {filter: EMPTY_PROMPT, applied: '', cursor: FIRST, top: 0};

export const INITIAL_RESOURCES_UI: ResourcesUi = {
	kind: 'things',
	lists: Object.fromEntries(RESOURCE_KINDS.map((kind) => [kind, INITIAL_LIST])) as Record<ResourceKind, ResourceListUi>,
};

type AnyRow = RowOf[ResourceKind];
type AnyList = ResourceList<AnyRow>;

const parsedFilter = memoLast((kind: ResourceKind, text: string, indexing: boolean, connectivity: boolean) =>
	parseResourceFilter(kind, text, indexing, connectivity),
);

/** The things on screen with what the logs say of their connectivity (the fleet index is off): marked as from the logs. */
function withLoggedConnectivity(rows: AnyRow[], logs: FleetFromLogs | undefined): AnyRow[] {
	if (!logs) return rows;
	const {clients} = logs;
	return rows.map((row) => {
		const client = clients.get((row as ThingRow).name);
		if (!client) return row;
		return {
			...row,
			connected: client.connected,
			connectedSince: client.at,
			disconnectReason: client.reason,
			connectivityFrom: 'logs',
		} as ThingRow;
	});
}

export const CONN_FROM_LOGS = 'CONN from the logs: the fleet index has no connectivity';

/** The rows a sub-tab shows: the loaded ones matching the local part of the filter, sorted. */
const shownRows = memoLast(
	(kind: ResourceKind, rows: AnyRow[], extras: RowExtras, parsed: ParsedFilter, sort: SortOrder | undefined, now: number): AnyRow[] => {
		// No filter: the list itself, not a copy (and a key string per row) each frame of 100,000 things.
		const matching =
			parsed.local.length === 0
				? rows
				: rows.filter((row) => matchesLocalFilter(kind, row, extras[extraKey(kind, rowKey(kind, row))], parsed.local, now));
		return sort ? sortRows(kind, matching, extras, sort, now) : matching;
	},
);

export type ResourcesView = {
	kind: ResourceKind;
	list: AnyList;
	parsed: ParsedFilter;
	rows: AnyRow[];
	status: Line[];
	/** "loading the rest: …" while `G` loads to the end. */
	progress: Line[];
	inner: number;
	bodyRows: number;
	tableRows: number;
	cursor: number;
	top: number;
	onScreen: AnyRow[];
	detail?: {lines: Line[]; entry?: ResourcesSlice['detail']};
	/** The Fleet sub-tab: its status lines and its lines (scrolled by the pane). */
	fleet?: {status: Line[]; lines: Line[]};
};

export function resourcesView(live: LiveState, ui: ResourcesUi, box: Box, now: number): ResourcesView {
	const slice = live.sources.resources;
	const {kind} = ui;
	const own = ui.lists[kind];
	const list = slice[kind] as AnyList;
	const indexing = slice.indexing ?? false;
	const connectivity = indexing && indexGap(live.sources.fleet.mode) === undefined;
	const parsed = parsedFilter(kind, own.applied, indexing, connectivity);
	// Sorted and matched on a minute's clock (expiry is counted in days): the App asks for the
	// rows on every frame, and 100,000 things are not sorted again for a clock that moved 2 s.
	const rows = shownRows(kind, list.rows, slice.extras, parsed, own.sort, Math.floor(now / 60_000) * 60_000);
	const inner = box.width - 2;
	const bodyRows = bodyRowsOf(box);
	// This list's error (another list's is not this tab's business); the source's own only when no list has one.
	const error = list.error ?? (RESOURCE_KINDS.some((other) => slice[other].error) ? undefined : slice.error);
	// A list that never answered has not been fetched, whatever the other lists did.
	const fetchedAt = list.via === undefined ? undefined : slice.fetchedAt;
	const status = [
		...(parsed.unindexed
			? wrapped(
					`${parsed.unindexed.join(' and ')}: only the fleet index with connectivity answers it, and ${indexing ? 'it indexes no connectivity' : 'it is off'} for this account (iot-top never turns it on); the filter leaves it out.`,
					inner,
					'ⓘ ',
					{color: 'cyan'},
				)
			: []),
		...paneStatusLines(
			{...slice, fetchedAt, error, loading: list.loading ?? slice.loading, cadence: slice.error ? undefined : slice.cadence},
			rows.length === 0,
			RESOURCE_TITLES[kind].toLowerCase(),
			inner,
			live.interval,
			now,
		),
	];
	const fromLogs = kind === 'things' && !connectivity && list.via !== undefined && !ui.detail;
	if (fromLogs && rows.length > 0) status.push(...wrapped(CONN_FROM_LOGS, inner, '', {dim: true}));
	const progress = list.toEnd
		? wrapped(`loading the rest: ${list.rows.length.toLocaleString('en-US')} loaded so far … Esc stops`, inner, '', {color: 'cyan'})
		: [];
	// Sub-tab bar and column header above the rows; status, progress and prompt lines when shown.
	const tableRows = Math.max(1, bodyRows - 2 - status.length - progress.length - (promptShown(own.filter) ? 1 : 0));
	const keyAt = (index: number) => rowKey(kind, rows[index]);
	const cursor = cursorAt(own.cursor, rows.length, keyAt);
	const top = scrollTop(own.top, cursor, tableRows, rows.length);
	let detail: ResourcesView['detail'];
	if (ui.detail) {
		const open = ui.detail;
		const entry = slice.detail?.kind === open.kind && slice.detail.key === open.key ? slice.detail : undefined;
		// The listed row fills in what the detail calls do not give (the fleet index's connectivity).
		const listed = (slice[open.kind].rows as Array<RowOf[ResourceKind]>).find((row) => rowKey(open.kind, row) === open.key);
		const lines: Line[] = entry?.data
			? detailLines(entry.data, inner, now, listed)
			: entry?.error
				? wrapped(`${entry.error.message} Esc and Enter try again.`, inner, '⚠ ', {color: 'yellow'})
				: [[{text: 'Loading details…', dim: true}]];
		// What CloudTrail recorded against it (LookupEvents by its name; a certificate's id).
		lines.push([], ...resourceChangesLines(live.sources.changes.resource, open.key, inner, now));
		detail = {lines, entry};
	}
	let fleet: ResourcesView['fleet'];
	if (ui.fleet && !ui.detail) {
		const fleetSlice = live.sources.fleet;
		fleet = {
			status: fleetSlice.error
				? paneStatusLines(
						{...fleetSlice, cadence: undefined},
						fleetSlice.fetchedAt === undefined,
						'fleet figures',
						inner,
						live.interval,
						now,
					)
				: [],
			// A column of margin, as the lists' selection mark.
			lines: fleetLines(fleetSlice, inner - 1, now).map((line) => [{text: ' '}, ...line]),
		};
	}
	return {
		kind,
		list,
		parsed,
		rows,
		status,
		progress,
		inner,
		bodyRows,
		tableRows,
		cursor,
		top,
		onScreen: fromLogs
			? withLoggedConnectivity(rows.slice(top, top + tableRows), live.sources.fleet.fromLogs)
			: rows.slice(top, top + tableRows),
		detail,
		fleet,
	};
}

/** Rows the Fleet view's lines get: the pane's body less the sub-tab bar and the status lines. */
export function fleetRows(view: ResourcesView): number {
	return Math.max(1, view.bodyRows - 1 - (view.fleet?.status.length ?? 0));
}

export const FLEET_NO_FILTER =
	'The Fleet view has no filter: ] goes to Things, where / filters (connected, disconnected, type:T, name=value).';

function reduceFleetKey(ui: ResourcesUi, command: CommandId | undefined, view: ResourcesView): PaneStep<ResourcesUi> | undefined {
	switch (command) {
		case 'resources.nextTab': {
			return {ui: {...ui, fleet: false, kind: RESOURCE_KINDS[0]}};
		}
		case 'resources.previousTab': {
			return {ui: {...ui, fleet: false, kind: RESOURCE_KINDS[RESOURCE_KINDS.length - 1]}};
		}
		case 'list.filter': {
			return {ui, notice: FLEET_NO_FILTER};
		}
		case 'view.open': {
			return {ui, notice: 'Enter opens a row of a list; the Fleet view has none (] goes to Things).'};
		}
		case 'resources.logs': {
			return {ui, notice: THING_LOGS_ONLY};
		}
		default: {
			const scroll = scrollBy(command, ui.fleetScroll ?? 0, view.fleet?.lines.length ?? 0, fleetRows(view));
			return scroll === undefined ? undefined : {ui: {...ui, fleetScroll: scroll}};
		}
	}
}

function nextSort(kind: ResourceKind, sort: SortOrder | undefined, command: CommandId): SortOrder {
	const count = COLUMNS[kind].length;
	if (command === 'resources.sortInvert') return {column: sort?.column ?? 0, descending: !(sort?.descending ?? false)};
	const step = command === 'resources.sortNext' ? 1 : -1;
	const column = sort === undefined ? (step > 0 ? 0 : count - 1) : (sort.column + step + count) % count;
	return {column, descending: false};
}

export const THING_LOGS_ONLY = "L shows a thing's log lines; select a thing (Things sub-tab).";

export function reduceResourcesKey(ui: ResourcesUi, key: PaneKey, {live, box, now}: PaneContext): PaneStep<ResourcesUi> | undefined {
	const {command} = key;
	const view = resourcesView(live, ui, box, now);
	const {kind, rows, list} = view;
	const own = ui.lists[kind];
	const withList = (change: Partial<ResourceListUi>, effects?: Effect[]): PaneStep<ResourcesUi> => ({
		ui: {...ui, lists: {...ui.lists, [kind]: {...own, ...change}}},
		effects,
	});
	if (ui.fleet && !ui.detail) return reduceFleetKey(ui, command, view);
	if (ui.detail) {
		const open = ui.detail;
		if (command === 'view.back') return {ui: {...ui, detail: undefined}};
		if (command === 'resources.logs') {
			if (open.kind !== 'things') return {ui, notice: THING_LOGS_ONLY};
			const data = view.detail?.entry?.data;
			return {ui, jumpToLogs: data?.kind === 'things' ? data.clientId : open.key};
		}
		const scroll = scrollBy(command, open.scroll, view.detail?.lines.length ?? 0, view.bodyRows - 1);
		return scroll === undefined ? undefined : {ui: {...ui, detail: {...open, scroll}}};
	}
	// Esc stops a load to the end first; the cursor stays on the last row loaded.
	if (command === 'view.back' && list.toEnd && !own.filter.editing) {
		return withList({cursor: cursorOn(view.cursor, rows.length, (index) => rowKey(kind, rows[index])), held: true}, [
			{type: 'resources.stop', kind},
		]);
	}
	const filter = promptKey(own.filter, key);
	if (filter) {
		// Left the prompt (Enter keeps, Esc clears) or cleared a kept filter: the list shows the new text.
		if (filter.editing) return withList({filter});
		const applied = filter.text;
		if (applied === own.applied) return withList({filter});
		return withList({filter, applied, cursor: FIRST, top: 0, held: false}, [{type: 'resources.filter', kind, text: applied}]);
	}
	switch (command) {
		case 'resources.nextTab':
		case 'resources.previousTab': {
			const step = command === 'resources.nextTab' ? 1 : -1;
			const index = RESOURCE_KINDS.indexOf(kind) + step;
			// Fleet comes before the first list and after the last.
			if (index < 0 || index >= RESOURCE_KINDS.length) return {ui: {...ui, fleet: true}};
			return {ui: {...ui, kind: RESOURCE_KINDS[index]}};
		}
		case 'resources.sortNext':
		case 'resources.sortPrevious':
		case 'resources.sortInvert': {
			// A new order starts at its top (the row the cursor was on may now be anywhere).
			return withList({sort: nextSort(kind, own.sort, command), cursor: FIRST, top: 0});
		}
		case 'view.open': {
			const row = rows[view.cursor];
			if (!row) return {ui, notice: `Enter opens the selected row; no ${RESOURCE_TITLES[kind].toLowerCase()} are listed.`};
			const opened = rowKey(kind, row);
			return {
				ui: {...ui, detail: {kind, key: opened, scroll: 0}},
				effects: [
					{type: 'resources.detail', kind, key: opened},
					{type: 'changes.resource', name: opened},
				],
			};
		}
		case 'resources.logs': {
			const row = rows[view.cursor];
			if (kind !== 'things' || !row) return {ui, notice: THING_LOGS_ONLY};
			return {ui, jumpToLogs: (row as RowOf['things']).name};
		}
		case 'list.bottom': {
			// The end of the list, not of what is loaded: the rest loads (with progress), Esc stops it.
			const more = list.opened && !list.complete && !list.toEnd;
			return withList(
				{cursor: {index: Math.max(0, rows.length - 1), atEnd: true}, held: false},
				more ? [{type: 'resources.toEnd', kind}] : undefined,
			);
		}
		default: {
			const next = moveCursor(command, view.cursor, rows.length, Math.max(1, view.tableRows - 1));
			if (next === undefined) return undefined;
			return withList({
				cursor: cursorOn(next, rows.length, (index) => rowKey(kind, rows[index])),
				top: scrollTop(view.top, next, view.tableRows, rows.length),
				held: false,
			});
		}
	}
}

/** What the pane needs loaded for what it shows: its sub-tab's first page, the next page near the end, the rows on screen described, the open detail. */
export function resourcesNeeds(live: LiveState, ui: ResourcesUi, box: Box, now: number): Effect[] {
	if (ui.fleet && !ui.detail) return [];
	const view = resourcesView(live, ui, box, now);
	const {kind, list, rows, parsed} = view;
	const own = ui.lists[kind];
	const needs: Effect[] = [];
	if (!list.opened) {
		needs.push({type: 'resources.open', kind});
	} else if (
		!list.complete &&
		!list.loading &&
		!list.error &&
		!list.toEnd &&
		parsed.local.length === 0 &&
		!own.sort &&
		!own.held &&
		view.cursor >= rows.length - view.tableRows
	) {
		// With a filter over the loaded rows, or a sort of them, nothing more loads by itself (the
		// pane says so; G loads the rest): a page sorts in anywhere, and a cursor at the end of a
		// sorted list would stay near the end, page after page.
		needs.push({type: 'resources.more', kind});
	}
	const {extras} = live.sources.resources;
	const undescribed = needsExtra(kind) ? view.onScreen.map((row) => rowKey(kind, row)).filter((key) => !extras[extraKey(kind, key)]) : [];
	if (undescribed.length > 0) needs.push({type: 'resources.describe', kind, keys: undescribed});
	if (ui.detail && !view.detail?.entry) needs.push({type: 'resources.detail', kind: ui.detail.kind, key: ui.detail.key});
	if (ui.detail && live.sources.changes.resource?.name !== ui.detail.key) needs.push({type: 'changes.resource', name: ui.detail.key});
	return needs;
}
