import {fetchMetrics} from '../../aws/metrics.js';
import type {LiveSource} from '../context.js';
import {withSlice} from '../state.js';

export const metricsSource: LiveSource = {
	name: 'metrics',
	operation: 'cloudwatch:GetMetricData',
	cadence: (state) => state.interval,
	async run({clients, store, options, now}) {
		const series = await fetchMetrics(clients, options.metricSpecs, options.windowMs, now());
		const fetchedAt = now();
		store.update((state) => withSlice(state, 'metrics', () => ({series, fetchedAt, loading: false})));
	},
};
