// What the Metrics pane asks of the engine beyond the refresh: the metric browser's catalogue
// (ListMetrics, every page, and the recently active ones), a preview of one series, the
// board changed at run time (a row added or removed, a dashboard loaded) and written to the
// config file. Each writes its result into the metrics slice; each is safe to ask for again.
import {fetchDashboardBoard, listDashboards, listMetricCatalog, type DashboardEntry} from '../aws/dashboards.js';
import {describeAwsError, type SourceError} from '../aws/errors.js';
import {getMetricData} from '../aws/metrics.js';
import {writeBoardFile} from '../config/boardFile.js';
import {boardFileMetrics, isDefaultSpec} from '../model/metricBoard.js';
import {seriesKey, type CatalogEntry} from '../model/metricCatalog.js';
import {planQueries} from '../model/metricQueries.js';
import {mergeSeries, windowRange} from '../model/metricWindow.js';
import type {MetricSeries, MetricSpec} from '../model/types.js';
import type {SourceContext} from './context.js';
import {withSlice, type MetricsSlice} from './state.js';

/** The board where it is not the one the engine started with (options.metricSpecs). */
export type BoardState = {
	specs: MetricSpec[];
	/** The dashboard the board shows (sanitized name). */
	dashboard?: string;
	/** The dashboard's widgets not drawn, and rows left out (sanitized). */
	skipped?: string[];
	notes?: string[];
};

export type CatalogState = {
	loading: boolean;
	metrics: CatalogEntry[];
	/** Series keys (seriesKey) active in the last three hours. */
	recent: string[];
	/** ListMetrics pages read (both reads). */
	pages?: number;
	/** More metrics than the browser reads. */
	truncated?: boolean;
	fetchedAt?: number;
	error?: SourceError;
};

export type PreviewState = {key: string; loading: boolean; series?: MetricSeries; error?: SourceError};

export type DashboardsState = {
	loading: boolean;
	entries: DashboardEntry[];
	fetchedAt?: number;
	error?: SourceError;
	/** A dashboard being loaded (Enter in the picker, --dashboard). */
	opening?: string;
	/** Why the last dashboard asked for could not be shown: one sentence. */
	failed?: string;
};

/** The last `w`: what the status bar says. */
export type BoardWrite = {message: string; error: boolean; at: number};

const update = (context: SourceContext, change: (slice: MetricsSlice) => MetricsSlice) =>
	context.store.update((state) => withSlice(state, 'metrics', change));

const failure = (context: SourceContext, error: unknown, operation: string) =>
	describeAwsError(error, operation, {now: context.now(), profile: context.options.source.profile});

/** The board on screen now. */
export function currentBoard(slice: MetricsSlice, options: SourceContext['options']): MetricSpec[] {
	return slice.board?.specs ?? options.metricSpecs;
}

/** ListMetrics, every page, then the recently active ones (RecentlyActive=PT3H); `fresh` reads again. */
export async function loadCatalog(context: SourceContext, fresh = false): Promise<void> {
	const before = context.store.getSnapshot().sources.metrics.catalog;
	if (before?.loading || (before && !fresh)) return;
	update(context, (slice) => ({...slice, catalog: {metrics: [], recent: [], ...slice.catalog, loading: true}}));
	try {
		const all = await listMetricCatalog(context.clients, false);
		const recent = await listMetricCatalog(context.clients, true);
		update(context, (slice) => ({
			...slice,
			catalog: {
				loading: false,
				metrics: all.metrics,
				recent: recent.metrics.map(seriesKey),
				pages: all.pages + recent.pages,
				...(all.truncated ? {truncated: true} : {}),
				fetchedAt: context.now(),
			},
		}));
	} catch (error) {
		update(context, (slice) => ({
			...slice,
			catalog: {metrics: [], recent: [], ...slice.catalog, loading: false, error: failure(context, error, 'cloudwatch:ListMetrics')},
		}));
	}
}

/** The selected series over the board's window (one GetMetricData), for the browser's sparkline. */
export async function loadPreview(context: SourceContext, spec: MetricSpec): Promise<void> {
	const key = seriesKey(spec);
	if (context.store.getSnapshot().sources.metrics.preview?.key === key) return;
	update(context, (slice) => ({...slice, preview: {key, loading: true}}));
	const write = (preview: PreviewState) => update(context, (slice) => (slice.preview?.key === key ? {...slice, preview} : slice));
	try {
		const window = windowRange(context.now(), context.options.windowMs, spec.period * 1000);
		const answers = await getMetricData(context.clients, planQueries(spec, {mode: 'stat'}), window);
		const answer = answers.get(spec.id) ?? {timestamps: [], values: [], status: 'Unknown'};
		write({key, loading: false, series: mergeSeries(undefined, spec, answer, window, window.start)});
	} catch (error) {
		write({key, loading: false, error: failure(context, error, 'cloudwatch:GetMetricData')});
	}
}

/**
 * Replaces the board: the series of specs that stay are kept (and drawn at once), new ones
 * start empty; the whole window is read again for them on the next run, which the engine starts now.
 */
export function replaceBoard(context: SourceContext, board: BoardState): void {
	update(context, (slice) => {
		const before = new Map(slice.series.map((series) => [series.spec.id, series]));
		return {
			...slice,
			board,
			series: board.specs.map((spec) => {
				const kept = before.get(spec.id);
				return kept && kept.spec === spec ? kept : {spec, timestamps: [], values: [], hasData: false};
			}),
			fetchedUntil: undefined,
		};
	});
}

/**
 * A row added (from the browser) or removed (`d`). An added series already on the board is not
 * added twice; it gets an id no other row has.
 */
export function editBoard(context: SourceContext, edit: {add?: MetricSpec; remove?: string}): void {
	const slice = context.store.getSnapshot().sources.metrics;
	let specs = currentBoard(slice, context.options);
	if (edit.remove !== undefined) specs = specs.filter((spec) => spec.id !== edit.remove);
	if (edit.add && !specs.some((spec) => !spec.math && !spec.sumOverDimensions && seriesKey(spec) === seriesKey(edit.add!))) {
		const taken = new Set(specs.map((spec) => spec.id));
		let index = 0;
		while (taken.has(`added${index}`)) index++;
		specs = [...specs, {...edit.add, id: `added${index}`}];
	}
	replaceBoard(context, {...slice.board, specs});
}

/** Every dashboard of the account, for the picker; `fresh` lists again. */
export async function loadDashboardList(context: SourceContext, fresh = false): Promise<void> {
	const before = context.store.getSnapshot().sources.metrics.dashboards;
	if (before?.loading || (before?.fetchedAt !== undefined && !fresh)) return;
	update(context, (slice) => ({...slice, dashboards: {entries: [], ...slice.dashboards, loading: true, error: undefined}}));
	try {
		const entries = await listDashboards(context.clients);
		update(context, (slice) => ({...slice, dashboards: {...slice.dashboards, entries, loading: false, fetchedAt: context.now()}}));
	} catch (error) {
		update(context, (slice) => ({
			...slice,
			dashboards: {entries: [], ...slice.dashboards, loading: false, error: failure(context, error, 'cloudwatch:ListDashboards')},
		}));
	}
}

/**
 * A dashboard's metric widgets become the board for the session. One that cannot be read (not
 * found, an invalid body, no metric to draw) leaves the board as it is and says why.
 */
export async function loadDashboard(context: SourceContext, name: string): Promise<void> {
	update(context, (slice) => ({
		...slice,
		dashboards: {entries: [], loading: false, ...slice.dashboards, opening: name, failed: undefined},
	}));
	let failed: string | undefined;
	try {
		const read = await fetchDashboardBoard(context.clients, name, context.options.source.region);
		if ('error' in read) failed = `Dashboard ${name} could not be read: ${read.error}.`;
		else if (read.board.specs.length === 0)
			failed = `Dashboard ${name} has no metric iot-top can draw${read.board.skipped.length > 0 ? ` (skipped: ${read.board.skipped.join(', ')})` : ''}.`;
		else replaceBoard(context, {specs: read.board.specs, dashboard: name, skipped: read.board.skipped, notes: read.board.notes});
	} catch (error) {
		const why = failure(context, error, 'cloudwatch:GetDashboard');
		failed =
			why.code === 'ResourceNotFound' || why.code === 'DashboardNotFoundError'
				? `Dashboard ${name} could not be read: this account has no dashboard of that name in ${context.options.source.region ?? 'this region'}.`
				: `Dashboard ${name} could not be read: ${why.message}`;
	}
	update(context, (slice) => ({...slice, dashboards: {entries: [], loading: false, ...slice.dashboards, opening: undefined, failed}}));
}

/** `w`: the board into the config file; the status bar names the file. */
export async function writeBoard(context: SourceContext): Promise<void> {
	const file = context.options.configFile;
	const slice = context.store.getSnapshot().sources.metrics;
	const write = (written: BoardWrite) => update(context, (next) => ({...next, written}));
	if (!file) {
		write({message: 'No config file to write the board to.', error: true, at: context.now()});
		return;
	}
	const specs = currentBoard(slice, context.options);
	const period = context.options.metricSpecs.find(isDefaultSpec)?.period ?? 60;
	const dashboard = slice.board?.dashboard;
	try {
		const metrics = dashboard ? undefined : boardFileMetrics(specs, period);
		await writeBoardFile(file, {metrics, dashboard});
		// Only a board written as `metrics` starts from the default rows again.
		const removed = dashboard
			? 0
			: context.options.metricSpecs.filter((spec) => isDefaultSpec(spec) && !specs.some((kept) => kept.id === spec.id)).length;
		const what = metrics ? `${metrics.length} metric${metrics.length === 1 ? '' : 's'}` : `dashboard ${dashboard}`;
		write({
			message: `Wrote the board (${what}) to ${file}${removed > 0 ? `; the ${removed} default AWS/IoT rows removed come back at the next start` : ''}.`,
			error: false,
			at: context.now(),
		});
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		write({message: `Could not write ${file}: ${code ?? (error as Error).message}.`, error: true, at: context.now()});
	}
}
