// The Metrics pane's metric browser (`a`): namespaces, then a namespace's metric names, then a
// metric's dimension sets, from what ListMetrics listed (the store's catalogue), recently
// active first and marked; `/` filters each level, Enter goes down a level and on a dimension
// set adds the series to the board, Esc goes up a level and closes the browser at the top.
// The selected series is previewed as a sparkline over the board's window. Pure.
import {formatValue} from '../../model/format.js';
import {browsedSpec, isDefaultSpec} from '../../model/metricBoard.js';
import {catalogItems, dimensionsText, seriesKey, type BrowserLevel, type CatalogItem} from '../../model/metricCatalog.js';
import {seriesStats, windowValues} from '../../model/metricWindow.js';
import {sparkline, stretch} from '../../model/sparkline.js';
import type {MetricSpec} from '../../model/types.js';
import type {LiveState} from '../../live/engine.js';
import type {Box} from '../layout.js';
import {cursorAt, cursorOn, FIRST, moveCursor, scrollTop, type Cursor} from '../listCursor.js';
import {memoLast} from '../memoLast.js';
import {cell, fitLine, type Line} from '../widgets/line.js';
import {EMPTY_PROMPT, promptKey, promptShown, type Prompt} from '../widgets/TextPrompt.js';
import {bodyRowsOf, type PaneKey, type PaneStep} from './paneState.js';

type LevelPlace = {cursor: Cursor; top: number; filter: Prompt};

export type MetricBrowserUi = LevelPlace & {
	level: BrowserLevel;
	/** Raw names (they go back to ListMetrics' answer, never drawn). */
	namespace?: string;
	metricName?: string;
	/** Where each level above was, so Esc comes back to the same row. */
	above: LevelPlace[];
};

export const OPEN_BROWSER: MetricBrowserUi = {level: 'namespaces', cursor: FIRST, top: 0, filter: EMPTY_PROMPT, above: []};

const recentSet = memoLast((recent: readonly string[]) => new Set(recent));
const itemsOf = memoLast(catalogItems);

/** Rows under the list: the preview's two lines on the dimension level. */
const PREVIEW_ROWS = 2;

export type BrowserView = {
	items: CatalogItem[];
	cursor: number;
	top: number;
	listRows: number;
	selected?: CatalogItem;
	/** The spec the selected dimension set would add (and is previewed as). */
	spec?: MetricSpec;
};

/** The board's period: its default rows', else a minute. */
function boardPeriod(live: LiveState): number {
	return live.sources.metrics.series.find((series) => isDefaultSpec(series.spec))?.spec.period ?? 60;
}

/** The spec of a listed series: labelled by its name and dimension values as shown. */
export function specOfItem(item: CatalogItem, period: number): MetricSpec | undefined {
	const metric = item.metric;
	if (!metric) return undefined;
	const label = [metric.shown.metricName, ...metric.shown.dimensions.map((dimension) => dimension.value)].join(' ');
	const shownAs = [metric.shown.namespace, metric.shown.metricName, dimensionsText(metric.shown.dimensions)].join(' ');
	return {...browsedSpec(metric, label, 'preview', period), shownAs};
}

export function browserView(live: LiveState, ui: MetricBrowserUi, box: Box): BrowserView {
	const catalog = live.sources.metrics.catalog;
	const items = itemsOf(
		catalog?.metrics ?? [],
		recentSet(catalog?.recent ?? []),
		{level: ui.level, namespace: ui.namespace, metricName: ui.metricName},
		ui.filter.text,
	);
	// The level line, the prompt, and on the dimension level the preview.
	const listRows = Math.max(1, bodyRowsOf(box) - 1 - (promptShown(ui.filter) ? 1 : 0) - (ui.level === 'dimensions' ? PREVIEW_ROWS : 0));
	const cursor = cursorAt(ui.cursor, items.length, (index) => items[index].key);
	const top = scrollTop(ui.top, cursor, listRows, items.length);
	const selected = items[cursor];
	const spec = selected && ui.level === 'dimensions' ? specOfItem(selected, boardPeriod(live)) : undefined;
	return {items, cursor, top, listRows, selected, spec};
}

/** What the browser needs loaded: the catalogue, and the selected series' preview. */
export function browserNeeds(
	live: LiveState,
	ui: MetricBrowserUi,
	box: Box,
): Array<{type: 'metrics.catalog'} | {type: 'metrics.preview'; spec: MetricSpec}> {
	const needs: Array<{type: 'metrics.catalog'} | {type: 'metrics.preview'; spec: MetricSpec}> = [];
	if (!live.sources.metrics.catalog) needs.push({type: 'metrics.catalog'});
	const {spec} = browserView(live, ui, box);
	if (spec && live.sources.metrics.preview?.key !== seriesKey(spec)) needs.push({type: 'metrics.preview', spec});
	return needs;
}

/** The browser after a key; `close` when Esc leaves it from the top level. */
export function reduceBrowserKey(
	ui: MetricBrowserUi,
	key: PaneKey,
	live: LiveState,
	box: Box,
): PaneStep<MetricBrowserUi | undefined> | undefined {
	const view = browserView(live, ui, box);
	const filter = promptKey(ui.filter, key.command === 'metrics.find' ? {...key, command: 'list.filter'} : key);
	if (filter) {
		const moved = filter.text !== ui.filter.text;
		return {ui: {...ui, filter, cursor: moved ? FIRST : ui.cursor, top: moved ? 0 : ui.top}};
	}
	if (key.command === 'view.back') {
		const place = ui.above.at(-1);
		if (!place) return {ui: undefined};
		const level: BrowserLevel = ui.level === 'dimensions' ? 'metrics' : 'namespaces';
		return {
			ui: {
				...place,
				level,
				namespace: level === 'namespaces' ? undefined : ui.namespace,
				metricName: undefined,
				above: ui.above.slice(0, -1),
			},
		};
	}
	if (key.command === 'metrics.pick') {
		const item = view.selected;
		if (!item) return {ui, notice: live.sources.metrics.catalog?.loading ? 'Still listing metrics.' : 'Nothing is listed here.'};
		const place: LevelPlace = {cursor: ui.cursor, top: ui.top, filter: ui.filter};
		const below = {cursor: FIRST, top: 0, filter: EMPTY_PROMPT, above: [...ui.above, place]};
		if (ui.level === 'namespaces') return {ui: {...ui, ...below, level: 'metrics', namespace: item.key}};
		if (ui.level === 'metrics') return {ui: {...ui, ...below, level: 'dimensions', metricName: item.key}};
		const spec = view.spec!;
		const onBoard = live.sources.metrics.series.some((series) => !series.spec.math && seriesKey(series.spec) === seriesKey(spec));
		if (onBoard) return {ui, notice: `${spec.label} is on the board already.`};
		return {ui: undefined, effects: [{type: 'metrics.board', add: spec}], notice: `Added ${spec.label} to the board.`};
	}
	const next = moveCursor(key.command, view.cursor, view.items.length, Math.max(1, view.listRows - 1));
	if (next === undefined) return undefined;
	return {
		ui: {
			...ui,
			cursor: cursorOn(next, view.items.length, (index) => view.items[index].key),
			top: scrollTop(view.top, next, view.listRows, view.items.length),
		},
	};
}

const LEVEL_NAMES: Record<BrowserLevel, [string, string]> = {
	namespaces: ['namespace', 'namespaces'],
	metrics: ['metric', 'metrics'],
	dimensions: ['dimension set', 'dimension sets'],
};

/** The browser's title: where it is. */
export function browserTitle(live: LiveState, ui: MetricBrowserUi): string {
	const catalog = live.sources.metrics.catalog;
	const shownOf = (pick: (metric: NonNullable<typeof catalog>['metrics'][number]) => boolean, field: 'namespace' | 'metricName') =>
		catalog?.metrics.find(pick)?.shown[field] ?? '';
	const path = [
		ui.namespace === undefined ? 'Namespaces' : shownOf((metric) => metric.namespace === ui.namespace, 'namespace'),
		...(ui.metricName === undefined
			? []
			: [shownOf((metric) => metric.namespace === ui.namespace && metric.metricName === ui.metricName, 'metricName')]),
	];
	return path.join(' › ');
}

/** The browser's body lines (the prompt excepted): a level line, the items, the preview. */
export function browserLines(
	live: LiveState,
	ui: MetricBrowserUi,
	view: BrowserView,
	width: number,
	windowMs: number,
	now: number,
): Line[] {
	const catalog = live.sources.metrics.catalog;
	const lines: Line[] = [];
	const recent = view.items.filter((item) => item.recent).length;
	if (catalog?.error) {
		lines.push(fitLine([{text: `⚠ ListMetrics failed: ${catalog.error.message}`, color: 'yellow'}], width));
	} else if (!catalog || (catalog.loading && catalog.metrics.length === 0)) {
		lines.push([{text: 'Listing metrics (ListMetrics, every page)…', dim: true}]);
	} else {
		lines.push(
			fitLine(
				[
					{text: `${view.items.length} ${LEVEL_NAMES[ui.level][view.items.length === 1 ? 0 : 1]}`, bold: true},
					{text: recent > 0 ? ` · ● ${recent} active in the last 3h, listed first` : ' · none active in the last 3h', dim: true},
					...(catalog.truncated ? [{text: ' · the first 100,000 metrics only', color: 'yellow' as const}] : []),
					...(catalog.loading ? [{text: ' · listing again…', dim: true}] : []),
				],
				width,
			),
		);
	}
	const countWidth = 11;
	for (let index = view.top; index < view.items.length && index < view.top + view.listRows; index++) {
		const item = view.items[index];
		const selected = index === view.cursor;
		const count = ui.level === 'dimensions' ? '' : `${item.count} series`;
		lines.push(
			fitLine(
				[
					{text: selected ? '›' : ' ', color: 'cyan', bold: true},
					{text: item.recent ? '● ' : '  ', color: 'green'},
					{text: cell(item.text, Math.max(4, width - 3 - countWidth)), inverse: selected},
					{text: cell(count, countWidth, 'right'), dim: true},
				],
				width,
			),
		);
	}
	if (catalog && !catalog.loading && view.items.length === 0 && ui.filter.text !== '')
		lines.push([{text: `Nothing here contains "${ui.filter.text}".`, dim: true}]);
	if (ui.level === 'dimensions') {
		while (lines.length < view.listRows + 1) lines.push([]);
		lines.push(...previewLines(live, view, width, windowMs, now));
	}
	return lines;
}

/** The selected series over the window: a sparkline with last, min and max; or what is under way. */
function previewLines(live: LiveState, view: BrowserView, width: number, windowMs: number, now: number): Line[] {
	const spec = view.spec;
	if (!spec) return [];
	const preview = live.sources.metrics.preview;
	const head: Line = fitLine([{text: `${spec.statistic} · ${spec.period}s · Enter adds it to the board`, dim: true}], width);
	if (!preview || preview.key !== seriesKey(spec) || preview.loading) return [head, [{text: 'Reading the series…', dim: true}]];
	if (preview.error) return [head, fitLine([{text: `⚠ GetMetricData failed: ${preview.error.message}`, color: 'yellow'}], width)];
	const series = preview.series!;
	if (series.timestamps.length === 0) return [head, [{text: 'no data in the window', color: 'gray'}]];
	const values = windowValues(series, windowMs, now);
	const stats = seriesStats(series, values);
	const numbers = ` ${formatValue(stats.last, '')}  ↓${formatValue(stats.min, '')} ↑${formatValue(stats.max, '')}`;
	const sparkWidth = Math.max(10, width - numbers.length - 1);
	return [
		head,
		fitLine(
			[
				{text: sparkline(stretch(values, sparkWidth), sparkWidth), color: 'cyan'},
				{text: numbers, bold: true},
			],
			width,
		),
	];
}
