// The Metrics pane's UI state, what it shows for a box, and its keys: the board (filtered by
// label with `/`), the cursor on a metric by its id, and the chart open on Enter.
import {wrapText} from '../../model/format.js';
import {alarmsWatching} from '../../model/metricBoard.js';
import type {LiveState} from '../../live/engine.js';
import type {AlarmRow, MetricSeries} from '../../model/types.js';
import type {Box} from '../layout.js';
import {cursorAt, cursorOn, FIRST, moveCursor, scrollTop, type Cursor} from '../listCursor.js';
import {memoLast} from '../memoLast.js';
import type {Line} from '../widgets/line.js';
import {EMPTY_PROMPT, promptKey, promptShown, type Prompt} from '../widgets/TextPrompt.js';
import {bodyRowsOf, type PaneContext, type PaneKey, type PaneStep} from './paneState.js';
import {paneStatusLines} from './paneStatus.js';
import {OPEN_PICKER, reducePickerKey, type DashboardPickerUi} from './dashboardPicker.js';
import {OPEN_BROWSER, reduceBrowserKey, type MetricBrowserUi} from './metricBrowser.js';

export type MetricsUi = {
	filter: Prompt;
	cursor: Cursor;
	top: number;
	/** The metric whose chart is open, by its spec id. */
	chart?: string;
	/** The metric browser (`a`), open. */
	browser?: MetricBrowserUi;
	/** The dashboard picker (`D`), open. */
	picker?: DashboardPickerUi;
};

export const INITIAL_METRICS_UI: MetricsUi = {filter: EMPTY_PROMPT, cursor: FIRST, top: 0};

/** The metrics whose label (or metric name) contains the text, case-insensitive. */
export function filterSeries(series: MetricSeries[], text: string): MetricSeries[] {
	const needle = text.trim().toLowerCase();
	if (needle === '') return series;
	return series.filter((item) => item.spec.label.toLowerCase().includes(needle) || item.spec.metricName.toLowerCase().includes(needle));
}

const filtered = memoLast(filterSeries);
const watchingOf = memoLast((series: MetricSeries[], alarms: AlarmRow[]) => series.map((item) => alarmsWatching(item.spec, alarms)));

export type MetricsView = {
	series: MetricSeries[];
	watching: AlarmRow[][];
	status: Line[];
	inner: number;
	bodyRows: number;
	listRows: number;
	cursor: number;
	top: number;
	/** The open chart's metric (from the whole board, a filter notwithstanding) and what watches it. */
	chart?: {series: MetricSeries; watching: AlarmRow[]};
	/** Before row i, the heading of its dashboard widget (where the group changes). */
	headings: Array<string | undefined>;
};

/** The dashboard's lines above the board: why one could not be shown, the widgets and rows left out. */
export function boardNotes(live: LiveState): Array<{text: string; warn: boolean}> {
	const {board, dashboards} = live.sources.metrics;
	const notes: Array<{text: string; warn: boolean}> = [];
	if (dashboards?.opening) notes.push({text: `Loading dashboard ${dashboards.opening}…`, warn: false});
	if (dashboards?.failed) notes.push({text: `⚠ ${dashboards.failed}${board?.dashboard ? '' : ' Showing the default board.'}`, warn: true});
	if (board?.skipped && board.skipped.length > 0) notes.push({text: `Skipped widgets: ${board.skipped.join(', ')}`, warn: false});
	for (const note of board?.notes ?? []) notes.push({text: note, warn: false});
	return notes;
}

const headingsOf = memoLast((series: MetricSeries[]) =>
	series.map((item, index) =>
		item.spec.group !== undefined && item.spec.group !== series[index - 1]?.spec.group ? item.spec.group : undefined,
	),
);

export function metricsView(live: LiveState, ui: MetricsUi, box: Box, now: number): MetricsView {
	const metrics = live.sources.metrics;
	const all = metrics.series;
	const series = filtered(all, ui.filter.text);
	const watching = watchingOf(series, live.sources.alarms.rows);
	const inner = box.width - 2;
	const bodyRows = bodyRowsOf(box);
	const statusLines = paneStatusLines(metrics, all.length === 0, 'metrics', inner, live.interval, now);
	// The metrics' own note (e.g. ListMetrics failing) when the source itself answered.
	const status: Line[] =
		statusLines.length > 0 || !metrics.notice
			? statusLines
			: wrapText(`⚠ ${metrics.notice}`, Math.max(10, inner)).map((text) => [{text, color: 'yellow'}]);
	const noMatch = all.length > 0 && series.length === 0 ? 1 : 0;
	const notes = boardNotes(live).reduce((rows, note) => rows + (note.warn ? wrapText(note.text, Math.max(10, inner)).length : 1), 0);
	const headings = headingsOf(series);
	// A dashboard's headings take rows of their own: as many as its widgets, up to half the list.
	const headingRows = Math.min(
		headings.filter((heading) => heading !== undefined).length,
		Math.floor((bodyRows - status.length - notes) / 2),
	);
	const listRows = Math.max(1, bodyRows - status.length - notes - headingRows - noMatch - (promptShown(ui.filter) ? 1 : 0));
	const cursor = cursorAt(ui.cursor, series.length, (index) => series[index].spec.id);
	const top = scrollTop(ui.top, cursor, listRows, series.length);
	const open = ui.chart === undefined ? undefined : all.find((item) => item.spec.id === ui.chart);
	const chart = open ? {series: open, watching: alarmsWatching(open.spec, live.sources.alarms.rows)} : undefined;
	return {series, watching, status, inner, bodyRows, listRows, cursor, top, chart, headings};
}

export function reduceMetricsKey(ui: MetricsUi, key: PaneKey, {live, box, now}: PaneContext): PaneStep<MetricsUi> | undefined {
	if (ui.browser) {
		const step = reduceBrowserKey(ui.browser, key, live, box);
		// A series added: the cursor goes to the new row, the board's last.
		const added = step?.effects?.some((effect) => effect.type === 'metrics.board');
		return (
			step && {...step, ui: {...ui, browser: step.ui, ...(added ? {cursor: {index: Number.MAX_SAFE_INTEGER}, filter: EMPTY_PROMPT} : {})}}
		);
	}
	if (ui.picker) {
		const step = reducePickerKey(ui.picker, key, live, box);
		return step && {...step, ui: {...ui, picker: step.ui}};
	}
	const view = metricsView(live, ui, box, now);
	if (ui.chart !== undefined) {
		if (key.command === 'view.back') return {ui: {...ui, chart: undefined}};
		// The list keys go from chart to chart, moving the list's cursor along.
		const at = view.series.findIndex((item) => item.spec.id === ui.chart);
		const next = moveCursor(key.command, Math.max(0, at), view.series.length, Math.max(1, view.listRows - 1));
		if (next === undefined || view.series.length === 0) return undefined;
		const cursor = cursorOn(next, view.series.length, (index) => view.series[index].spec.id);
		return {ui: {...ui, chart: cursor.key, cursor, top: scrollTop(view.top, next, view.listRows, view.series.length)}};
	}
	const filter = promptKey(ui.filter, key);
	if (filter) {
		const moved = filter.text !== ui.filter.text;
		return {ui: {...ui, filter, cursor: moved ? FIRST : ui.cursor, top: moved ? 0 : ui.top}};
	}
	switch (key.command) {
		case 'metrics.browse': {
			return {ui: {...ui, browser: OPEN_BROWSER}, effects: [{type: 'metrics.catalog', fresh: true}]};
		}
		case 'metrics.dashboards': {
			return {ui: {...ui, picker: OPEN_PICKER}, effects: [{type: 'metrics.dashboards', fresh: true}]};
		}
		case 'metrics.remove': {
			const item = view.series[view.cursor];
			if (!item) return {ui, notice: 'd removes the selected metric; none is listed.'};
			return {ui, effects: [{type: 'metrics.board', remove: item.spec.id}]};
		}
		case 'metrics.write': {
			return {ui, effects: [{type: 'metrics.write'}]};
		}
		default:
	}
	if (key.command === 'view.open') {
		const item = view.series[view.cursor];
		if (!item) return {ui, notice: 'Enter opens the selected metric; none is listed.'};
		return {ui: {...ui, chart: item.spec.id}};
	}
	const next = moveCursor(key.command, view.cursor, view.series.length, Math.max(1, view.listRows - 1));
	if (next === undefined) return undefined;
	return {
		ui: {
			...ui,
			cursor: cursorOn(next, view.series.length, (index) => view.series[index].spec.id),
			top: scrollTop(view.top, next, view.listRows, view.series.length),
		},
	};
}
