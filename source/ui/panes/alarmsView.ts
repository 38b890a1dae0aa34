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
import {alarmDetailLines} from './AlarmDetail.js';
import {reduceAlarmsTabsKey, type AlarmsTabsUi} from './alarmsTabs.js';
import {bodyRowsOf, type PaneContext, type PaneKey, type PaneStep} from './paneState.js';
import {paneStatusLines} from './paneStatus.js';

export type AlarmsUi = {
	filter: Prompt;
	cursor: Cursor;
	/** First row shown. */
	top: number;
	/** The alarm open in the detail view, by name, and how far it is scrolled. */
	detail?: {name: string; scroll: number};
	/** The sub-tabs (Alarms | Changes | Health) and the Changes and Health views' own state. */
	tabs?: AlarmsTabsUi;
};

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
	detail?: {alarm?: AlarmRow; lines: Line[]};
};

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
		const lines: Line[] = alarm
			? alarmDetailLines(alarm, history, inner, now)
			: [[{text: `${name} is no longer listed: deleted, or renamed. Esc goes back.`, color: 'yellow'}]];
		detail = {alarm, lines};
	}
	return {sorted: all, rows, status, inner, bodyRows, listRows, cursor, top, detail};
}

export function reduceAlarmsKey(ui: AlarmsUi, key: PaneKey, context: PaneContext): PaneStep<AlarmsUi> | undefined {
	const tabbed = reduceAlarmsTabsKey(ui, key, context);
	if (tabbed) return tabbed.step;
	const {live, box, now} = context;
	const view = alarmsView(live, ui, box, now);
	if (ui.detail) {
		if (key.command === 'view.back') return {ui: {...ui, detail: undefined}};
		const scroll = scrollBy(key.command, ui.detail.scroll, view.detail?.lines.length ?? 0, view.bodyRows);
		return scroll === undefined ? undefined : {ui: {...ui, detail: {...ui.detail, scroll}}};
	}
	const filter = promptKey(ui.filter, key);
	if (filter) {
		// A new text: the list starts again at its first row.
		const moved = filter.text !== ui.filter.text;
		return {ui: {...ui, filter, cursor: moved ? FIRST : ui.cursor, top: moved ? 0 : ui.top}};
	}
	if (key.command === 'view.open') {
		const row = view.rows[view.cursor];
		if (!row) return {ui, notice: 'Enter opens the selected alarm; none is listed.'};
		return {ui: {...ui, detail: {name: row.name, scroll: 0}}, effects: [{type: 'alarms.history', name: row.name}]};
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
