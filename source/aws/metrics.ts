// The metrics board in as few GetMetricData calls as CloudWatch allows: 500 queries a call.
import {GetMetricDataCommand, type MetricDataQuery} from '@aws-sdk/client-cloudwatch';
import {searchExpression} from '../model/metricBoard.js';
import type {Points, TimeRange} from '../model/metricWindow.js';
import type {MetricSpec} from '../model/types.js';
import {sanitizeText} from '../terminal/sanitize.js';
import type {AwsClients} from './clients.js';

export const MAX_QUERIES_PER_CALL = 500;

export function toQuery(spec: MetricSpec): MetricDataQuery {
	const expression = searchExpression(spec);
	if (expression) {
		return {Id: spec.id, Expression: expression, Label: spec.label, Period: spec.period, ReturnData: true};
	}
	return {
		Id: spec.id,
		Label: spec.label,
		ReturnData: true,
		MetricStat: {
			Metric: {
				Namespace: spec.namespace,
				MetricName: spec.metricName,
				Dimensions: spec.dimensions.map((dimension) => ({Name: dimension.name, Value: dimension.value})),
			},
			Period: spec.period,
			Stat: spec.statistic,
		},
	};
}

/**
 * Fetches the points of every spec in [start, end), all pages, ascending by time: one call
 * per 500 specs (plus NextToken pages). A PartialData result is completed by the next page;
 * a result that stays partial or failed keeps its StatusCode for the pane to show.
 */
export async function fetchMetricPoints(clients: AwsClients, specs: MetricSpec[], window: TimeRange): Promise<Map<string, Points>> {
	const points = new Map<string, Points>();
	for (const spec of specs) points.set(spec.id, {timestamps: [], values: []});
	for (let offset = 0; offset < specs.length; offset += MAX_QUERIES_PER_CALL) {
		const batch = specs.slice(offset, offset + MAX_QUERIES_PER_CALL);
		let nextToken: string | undefined;
		do {
			const page = await clients.cloudwatch.send(
				new GetMetricDataCommand({
					MetricDataQueries: batch.map(toQuery),
					StartTime: new Date(window.start),
					EndTime: new Date(window.end),
					ScanBy: 'TimestampAscending',
					NextToken: nextToken,
				}),
			);
			for (const result of page.MetricDataResults ?? []) {
				const target = result.Id ? points.get(result.Id) : undefined;
				if (!target) continue;
				const timestamps = result.Timestamps ?? [];
				const values = result.Values ?? [];
				for (let i = 0; i < Math.min(timestamps.length, values.length); i++) {
					const value = values[i];
					if (typeof value !== 'number' || !Number.isFinite(value)) continue;
					target.timestamps.push(timestamps[i].getTime());
					target.values.push(value);
				}
				target.status = result.StatusCode ? sanitizeText(result.StatusCode) : target.status;
			}
			nextToken = page.NextToken;
		} while (nextToken);
	}
	for (const target of points.values()) sortPoints(target);
	return points;
}

function sortPoints(points: Points): void {
	let sorted = true;
	for (let i = 1; i < points.timestamps.length; i++) {
		if (points.timestamps[i] < points.timestamps[i - 1]) {
			sorted = false;
			break;
		}
	}
	if (sorted) return;
	const order = points.timestamps.map((_, index) => index).sort((a, b) => points.timestamps[a] - points.timestamps[b]);
	points.timestamps = order.map((index) => points.timestamps[index]);
	points.values = order.map((index) => points.values[index]);
}
