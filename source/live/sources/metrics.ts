import {fetchMetricPoints} from '../../aws/metrics.js';
import {boardPeriodMs, fetchRange, mergeSeries, windowRange} from '../../model/metricWindow.js';
import type {LiveSource} from '../context.js';
import {withSlice} from '../state.js';

/**
 * The whole board in one GetMetricData round: the window on the first run, then only the
 * periods since the last complete one, merged into the series the store holds.
 */
export const metricsSource: LiveSource = {
	name: 'metrics',
	operation: 'cloudwatch:GetMetricData',
	cadence: (state) => state.interval,
	async run({clients, store, options, now}) {
		const specs = options.metricSpecs;
		if (specs.length === 0) {
			store.update((state) => withSlice(state, 'metrics', (slice) => ({...slice, loading: false, fetchedAt: now()})));
			return;
		}
		const period = boardPeriodMs(specs);
		const at = now();
		const previous = store.getSnapshot().sources.metrics;
		const range = fetchRange(at, options.windowMs, period, previous.fetchedUntil);
		const points = await fetchMetricPoints(clients, specs, range);
		const windowStart = windowRange(at, options.windowMs, period).start;
		const fetchedAt = now();
		store.update((state) =>
			withSlice(state, 'metrics', (slice) => {
				const before = new Map(slice.series.map((series) => [series.spec.id, series]));
				const series = specs.map((spec) =>
					mergeSeries(before.get(spec.id), spec, points.get(spec.id) ?? {timestamps: [], values: []}, range, windowStart),
				);
				return {series, fetchedAt, fetchedUntil: range.end, loading: false};
			}),
		);
	},
};
