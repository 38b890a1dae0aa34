import {fetchBoard} from '../../aws/metrics.js';
import {isTrusted} from '../../model/metricQueries.js';
import {boardPeriodMs, fetchRange, mergeSeries, windowRange} from '../../model/metricWindow.js';
import type {MetricQuery} from '../../model/types.js';
import type {LiveSource} from '../context.js';
import {currentBoard, loadDashboard} from '../metricBoardActions.js';
import {withSlice} from '../state.js';

/** ListMetrics' RecentlyActive=PT3H covers a window of up to three hours. */
const RECENTLY_ACTIVE_MS = 3 * 3_600_000;

/**
 * The whole board in one GetMetricData round (more where the endpoint needs the fallback):
 * the window on the first run, then only the periods since the last complete one, merged into
 * the series the store holds.
 */
export const metricsSource: LiveSource = {
	name: 'metrics',
	operation: 'cloudwatch:GetMetricData',
	cadence: (state) => state.interval,
	async run(context) {
		const {clients, store, options, now} = context;
		// `--dashboard`: its widgets become the board before the first read (the default board if it cannot be read).
		const {dashboards} = store.getSnapshot().sources.metrics;
		if (options.dashboard && !dashboards?.opening && dashboards?.failed === undefined && !store.getSnapshot().sources.metrics.board)
			await loadDashboard(context, options.dashboard);
		const specs = currentBoard(store.getSnapshot().sources.metrics, options);
		if (specs.length === 0) {
			store.update((state) => withSlice(state, 'metrics', (slice) => ({...slice, loading: false, fetchedAt: now()})));
			return;
		}
		const period = boardPeriodMs(specs);
		const at = now();
		const previous = store.getSnapshot().sources.metrics;
		const range = fetchRange(at, options.windowMs, period, previous.fetchedUntil);
		const window = windowRange(at, options.windowMs, period);
		const queries = new Map<string, MetricQuery>();
		for (const series of previous.series) if (series.query) queries.set(series.spec.id, series.query);
		const result = await fetchBoard(clients, {
			specs,
			queries,
			listing: previous.listing,
			range,
			window,
			now: at,
			relistAfter: options.resourcesInterval,
			recentlyActive: options.windowMs <= RECENTLY_ACTIVE_MS,
		});
		// A period read without a trustworthy answer is read again next time.
		const complete = [...result.bySpec.values()].every((fetched) => isTrusted(fetched.points.status));
		const fetchedAt = now();
		store.update((state) =>
			withSlice(state, 'metrics', (slice) => {
				// The board changed while this run read the old one: the next run reads the new one.
				if (currentBoard(slice, options) !== specs) return slice;
				const before = new Map(slice.series.map((series) => [series.spec.id, series]));
				const series = specs.map((spec) => {
					const fetched = result.bySpec.get(spec.id);
					if (!fetched) return before.get(spec.id) ?? {spec, timestamps: [], values: [], hasData: false};
					return mergeSeries(before.get(spec.id), spec, fetched.points, fetched.range, window.start, fetched.query);
				});
				return {
					...slice,
					series,
					fetchedAt,
					fetchedUntil: complete ? range.end : slice.fetchedUntil,
					listing: result.listing,
					notice: result.notice,
					loading: false,
				};
			}),
		);
	},
};
