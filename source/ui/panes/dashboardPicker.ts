// The Metrics pane's dashboard picker (`D`): the account's CloudWatch dashboards (ListDashboards,
// every page), `/` filters them, Enter shows the selected one as the board for the session,
// Esc closes the picker. Pure.
import type {DashboardEntry} from '../../aws/dashboards.js';
import {formatAge} from '../../model/duration.js';
import type {LiveState} from '../../live/engine.js';
import type {Box} from '../layout.js';
import {cursorAt, cursorOn, FIRST, moveCursor, scrollTop, type Cursor} from '../listCursor.js';
import {cell, fitLine, type Line} from '../widgets/line.js';
import {EMPTY_PROMPT, promptKey, promptShown, type Prompt} from '../widgets/TextPrompt.js';
import {bodyRowsOf, type PaneKey, type PaneStep} from './paneState.js';

export type DashboardPickerUi = {cursor: Cursor; top: number; filter: Prompt};

export const OPEN_PICKER: DashboardPickerUi = {cursor: FIRST, top: 0, filter: EMPTY_PROMPT};

export type PickerView = {entries: DashboardEntry[]; cursor: number; top: number; listRows: number};

export function pickerView(live: LiveState, ui: DashboardPickerUi, box: Box): PickerView {
	const needle = ui.filter.text.trim().toLowerCase();
	const entries = (live.sources.metrics.dashboards?.entries ?? []).filter((entry) => entry.shown.toLowerCase().includes(needle));
	const listRows = Math.max(1, bodyRowsOf(box) - 1 - (promptShown(ui.filter) ? 1 : 0));
	const cursor = cursorAt(ui.cursor, entries.length, (index) => entries[index].name);
	return {entries, cursor, top: scrollTop(ui.top, cursor, listRows, entries.length), listRows};
}

/** The picker after a key: undefined ui when it closes. */
export function reducePickerKey(
	ui: DashboardPickerUi,
	key: PaneKey,
	live: LiveState,
	box: Box,
): PaneStep<DashboardPickerUi | undefined> | undefined {
	const view = pickerView(live, ui, box);
	const filter = promptKey(ui.filter, key.command === 'metrics.find' ? {...key, command: 'list.filter'} : key);
	if (filter) {
		const moved = filter.text !== ui.filter.text;
		return {ui: {...ui, filter, cursor: moved ? FIRST : ui.cursor, top: moved ? 0 : ui.top}};
	}
	if (key.command === 'view.back') return {ui: undefined};
	if (key.command === 'metrics.pick') {
		const entry = view.entries[view.cursor];
		if (!entry) return {ui, notice: live.sources.metrics.dashboards?.loading ? 'Still listing dashboards.' : 'No dashboard is listed.'};
		return {ui: undefined, effects: [{type: 'metrics.dashboard', name: entry.name}]};
	}
	const next = moveCursor(key.command, view.cursor, view.entries.length, Math.max(1, view.listRows - 1));
	if (next === undefined) return undefined;
	return {
		ui: {
			...ui,
			cursor: cursorOn(next, view.entries.length, (index) => view.entries[index].name),
			top: scrollTop(view.top, next, view.listRows, view.entries.length),
		},
	};
}

export function pickerLines(live: LiveState, ui: DashboardPickerUi, view: PickerView, width: number, now: number): Line[] {
	const dashboards = live.sources.metrics.dashboards;
	const lines: Line[] = [];
	if (dashboards?.error) lines.push(fitLine([{text: `⚠ ListDashboards failed: ${dashboards.error.message}`, color: 'yellow'}], width));
	else if (!dashboards || dashboards.fetchedAt === undefined) lines.push([{text: 'Listing dashboards (ListDashboards)…', dim: true}]);
	else
		lines.push(
			fitLine(
				[
					{text: `${view.entries.length} dashboard${view.entries.length === 1 ? '' : 's'}`, bold: true},
					{text: ' · Enter shows one as the board for this session', dim: true},
				],
				width,
			),
		);
	const ageWidth = 12;
	for (let index = view.top; index < view.entries.length && index < view.top + view.listRows; index++) {
		const entry = view.entries[index];
		const selected = index === view.cursor;
		lines.push(
			fitLine(
				[
					{text: selected ? '›' : ' ', color: 'cyan', bold: true},
					{text: cell(entry.shown, Math.max(4, width - 1 - ageWidth)), inverse: selected},
					{text: cell(entry.lastModified === undefined ? '' : `${formatAge(entry.lastModified, now)} ago`, ageWidth, 'right'), dim: true},
				],
				width,
			),
		);
	}
	if (dashboards?.fetchedAt !== undefined && view.entries.length === 0)
		lines.push([
			{text: ui.filter.text ? `No dashboard name contains "${ui.filter.text}".` : 'This account has no dashboards here.', dim: true},
		]);
	return lines;
}
