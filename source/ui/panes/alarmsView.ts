// The Alarms pane's UI state, what it shows for a box (rows, cursor, scroll, detail), and its
// keys: one pure view that the key reducer and the pane's renderer share, so a key pages by
// the rows the pane really shows.
import {filterAlarms, sortAlarms} from '../../model/alarms.js';
import type {LiveState} from '../../live/engine.js';
import type {AlarmRow} from '../../model/types.js';
import type {Box} from '../layout.js';
import {cursorAt, cursorOn, FIRST, moveCursor, scrollBy, scrollTop, type Cursor} from '../listCursor.js';
import {memoLast} from '../memoLast.js';
import type {Line} from '../widgets/line.js';
import {EMPTY_PROMPT, promptKey, promptShown, type Prompt} from '../widgets/TextPrompt.js';
import {alarmDetail, type AlarmChildRow} from './AlarmDetail.js';
import {ruleChildren} from '../../model/alarmRule.js';
import type {AlarmsSlice} from '../../live/state.js';
import {bodyRowsOf, type Effect, type PaneContext, type PaneKey, type PaneStep} from './paneState.js';
import {reduceAlarmsTabsKey, type AlarmsTabsUi} from './alarmsTabs.js';
import {paneStatusLines} from './paneStatus.js';

export type AlarmsUi = {
	filter: Prompt;
	cursor: Cursor;
	/** First row shown. */
	top: number;
	/** The alarm open in the detail view, by name, and how far it is scrolled. */
	detail?: {name: string; scroll: number} & AlarmDetailNav;
	/** The sub-tabs (Alarms | Changes | Health) and the Changes and Health views' own state. */
	tabs?: AlarmsTabsUi;
};

/** A composite alarm's detail: the child selected (j/k), and the parents a child was opened from (Esc goes back to the last). */
export type AlarmDetailNav = {child?: number; parents?: Array<{name: string; scroll: number; child?: number}>};

export const INITIAL_ALARMS_UI: AlarmsUi = {filter: EMPTY_PROMPT, cursor: FIRST, top: 0};

const sorted = memoLast((rows: AlarmRow[]) => sortAlarms(rows));
const filtered = memoLast((rows: AlarmRow[], text: string) => filterAlarms(rows, text));

export type AlarmsView = {
	sorted: AlarmRow[];
	rows: AlarmRow[];
	status: Line[];
	inner: number;
	bodyRows: number;
	/** Table rows between the column header and the prompt. */
	listRows: number;
	cursor: number;
	top: number;
	detail?: {alarm?: AlarmRow; lines: Line[]; children?: AlarmChildRow[]; childLines?: number[]};
};

/** Rows of the detail's graph for a pane body of `bodyRows`: about 6 in the dashboard, more zoomed. */
export const graphHeight = (bodyRows: number) => Math.max(4, Math.min(16, Math.floor(bodyRows * 0.45)));

/** The open metric alarm's graph is not fetched yet, or is older than the alarms: ask for it (once per alarms refresh). */
export function alarmGraphDue(alarms: AlarmsSlice, name: string): boolean {
	const alarm = alarms.rows.find((row) => row.name === name);
	if (alarm?.kind !== 'metric') return false;
	const {graph} = alarms;
	if (graph?.alarmName !== name) return true;
	return !graph.loading && graph.basis !== alarms.fetchedAt;
}

export function alarmsView(live: LiveState, ui: AlarmsUi, box: Box, now: number): AlarmsView {
	const alarms = live.sources.alarms;
	const all = sorted(alarms.rows);
	const rows = filtered(all, ui.filter.text);
	const inner = box.width - 2;
	const bodyRows = bodyRowsOf(box);
	const status = paneStatusLines(alarms, all.length === 0, 'alarms', inner, live.interval, now);
	const noMatch = status.length === 0 && rows.length === 0 ? 1 : 0;
	// The sub-tab bar and the column header above the rows.
	const listRows = Math.max(1, bodyRows - 2 - status.length - noMatch - (promptShown(ui.filter) ? 1 : 0));
	const cursor = cursorAt(ui.cursor, rows.length, (index) => rows[index].name);
	const top = scrollTop(ui.top, cursor, listRows, rows.length);
	let detail: AlarmsView['detail'];
	if (ui.detail) {
		const {name} = ui.detail;
		const alarm = alarms.rows.find((row) => row.name === name);
		const history = alarms.history?.alarmName === name ? alarms.history : undefined;
		const graph = alarms.graph?.alarmName === name ? alarms.graph : undefined;
		const children =
			alarm?.kind === 'composite'
				? ruleChildren(alarm.alarmRule ?? '').map((child) => ({...child, alarm: alarms.rows.find((row) => row.name === child.name)}))
				: undefined;
		const childCursor = children && children.length > 0 ? Math.min(ui.detail.child ?? 0, children.length - 1) : undefined;
		const shown = alarm
			? alarmDetail(alarm, history, inner, now, {graph, chartHeight: graphHeight(bodyRows), children, childCursor})
			: {lines: [[{text: `${name} is no longer listed: deleted, or renamed. Esc goes back.`, color: 'yellow'}]] as Line[], childLines: []};
		detail = {alarm, lines: shown.lines, children, childLines: shown.childLines};
	}
	return {sorted: all, rows, status, inner, bodyRows, listRows, cursor, top, detail};
}

export function reduceAlarmsKey(ui: AlarmsUi, key: PaneKey, context: PaneContext): PaneStep<AlarmsUi> | undefined {
	const tabbed = reduceAlarmsTabsKey(ui, key, context);
	if (tabbed) return tabbed.step;
	const {live, box, now} = context;
	const view = alarmsView(live, ui, box, now);
	if (ui.detail) return reduceDetailKey(ui, ui.detail, key, view);
	const filter = promptKey(ui.filter, key);
	if (filter) {
		// A new text: the list starts again at its first row.
		const moved = filter.text !== ui.filter.text;
		return {ui: {...ui, filter, cursor: moved ? FIRST : ui.cursor, top: moved ? 0 : ui.top}};
	}
	if (key.command === 'view.open') {
		const row = view.rows[view.cursor];
		if (!row) return {ui, notice: 'Enter opens the selected alarm; none is listed.'};
		return {ui: {...ui, detail: {name: row.name, scroll: 0}}, effects: openEffects(row)};
	}
	const next = moveCursor(key.command, view.cursor, view.rows.length, Math.max(1, view.listRows - 1));
	if (next === undefined) return undefined;
	return {
		ui: {
			...ui,
			cursor: cursorOn(next, view.rows.length, (index) => view.rows[index].name),
			top: scrollTop(view.top, next, view.listRows, view.rows.length),
		},
	};
}

/** Opening an alarm asks for its history, and a metric alarm's graph (opening it again tries again). */
function openEffects(alarm: AlarmRow): Effect[] {
	return [
		{type: 'alarms.history', name: alarm.name},
		...(alarm.kind === 'metric' ? [{type: 'alarms.graph' as const, name: alarm.name}] : []),
	];
}

/**
 * Keys in the detail: Esc goes back (to the composite a child was opened from, else the list);
 * on a composite alarm j/k move over its children and Enter opens one; else they scroll.
 */
function reduceDetailKey(
	ui: AlarmsUi,
	open: NonNullable<AlarmsUi['detail']>,
	key: PaneKey,
	view: AlarmsView,
): PaneStep<AlarmsUi> | undefined {
	if (key.command === 'view.back') {
		const parent = open.parents?.at(-1);
		if (!parent) return {ui: {...ui, detail: undefined}};
		return {ui: {...ui, detail: {...parent, parents: open.parents!.slice(0, -1)}}};
	}
	const children = view.detail?.children;
	const lines = view.detail?.lines.length ?? 0;
	if (children && children.length > 0) {
		const current = Math.min(open.child ?? 0, children.length - 1);
		if (key.command === 'alarms.openChild') {
			const child = children[current];
			if (!child.alarm) return {ui, notice: `${child.name} is not listed: it cannot be opened.`};
			const parents = [...(open.parents ?? []), {name: open.name, scroll: open.scroll, child: current}];
			return {ui: {...ui, detail: {name: child.name, scroll: 0, parents}}, effects: openEffects(child.alarm)};
		}
		if (key.command === 'list.down' || key.command === 'list.up') {
			const child = Math.max(0, Math.min(children.length - 1, current + (key.command === 'list.down' ? 1 : -1)));
			// The selected child stays on screen.
			const at = view.detail?.childLines?.[child] ?? 0;
			const scroll = Math.max(Math.min(open.scroll, at), at - view.bodyRows + 1, 0);
			return {ui: {...ui, detail: {...open, child, scroll}}};
		}
	}
	if (key.command === 'alarms.openChild') return {ui, notice: 'Enter opens a child alarm of a composite alarm; this one has none.'};
	const scroll = scrollBy(key.command, open.scroll, lines, view.bodyRows);
	return scroll === undefined ? undefined : {ui: {...ui, detail: {...open, scroll}}};
}
