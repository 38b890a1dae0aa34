// CloudWatch dashboards and the metric browser's catalogue: ListDashboards, GetDashboard and
// ListMetrics (every page), each string that is drawn sanitized here, where it enters. Names,
// dimension values and expressions that go back to AWS travel raw beside their shown text.
import {GetDashboardCommand, ListDashboardsCommand, ListMetricsCommand} from '@aws-sdk/client-cloudwatch';
import {parseDashboardBody, type DashboardBoard} from '../model/dashboard.js';
import type {ListedMetric} from '../model/metricQueries.js';
import type {Dimension} from '../model/types.js';
import {sanitizeText} from '../terminal/sanitize.js';
import type {AwsClients} from './clients.js';

export type DashboardEntry = {name: string; shown: string; lastModified?: number; size?: number};

/** Every dashboard of the account (ListDashboards, all pages), by name. */
export async function listDashboards(clients: AwsClients): Promise<DashboardEntry[]> {
	const entries: DashboardEntry[] = [];
	const tokens = new Set<string>();
	let nextToken: string | undefined;
	do {
		const page = await clients.cloudwatch.send(new ListDashboardsCommand({NextToken: nextToken}));
		for (const entry of page.DashboardEntries ?? []) {
			if (typeof entry.DashboardName !== 'string') continue;
			entries.push({
				name: entry.DashboardName,
				shown: sanitizeText(entry.DashboardName, 255),
				lastModified: entry.LastModified instanceof Date ? entry.LastModified.getTime() : undefined,
				size: typeof entry.Size === 'number' ? entry.Size : undefined,
			});
		}
		nextToken = page.NextToken || undefined;
		if (nextToken !== undefined) {
			if (tokens.has(nextToken)) throw new Error('ListDashboards returned the same NextToken twice; stopped paging.');
			tokens.add(nextToken);
		}
	} while (nextToken);
	return entries;
}

/** A dashboard's metric widgets as a board (labels, headings, skipped widgets sanitized), or why its body cannot be read. */
export async function fetchDashboardBoard(
	clients: AwsClients,
	name: string,
	region: string | undefined,
): Promise<{board: DashboardBoard} | {error: string}> {
	const answer = await clients.cloudwatch.send(new GetDashboardCommand({DashboardName: name}));
	const parsed = parseDashboardBody(answer.DashboardBody ?? '', {region});
	if ('error' in parsed) return parsed;
	const {specs, skipped, notes} = parsed.board;
	return {
		board: {
			specs: specs.map((spec) => ({
				...spec,
				label: sanitizeText(spec.label, 120),
				// Namespace, name, dimensions and expression stay raw: they are the query.
				shownAs: sanitizeText(
					spec.math
						? spec.math.expression
						: [spec.namespace, spec.metricName, ...spec.dimensions.map((dimension) => `${dimension.name}=${dimension.value}`)].join(' '),
					300,
				),
				...(spec.group === undefined ? {} : {group: sanitizeText(spec.group, 120)}),
			})),
			skipped: skipped.map((text) => sanitizeText(text, 160)),
			notes: notes.map((text) => sanitizeText(text, 200)),
		},
	};
}

/** A metric as the browser shows it: raw for the queries, sanitized for the screen. */
export type CatalogMetric = ListedMetric & {shown: {namespace: string; metricName: string; dimensions: Dimension[]}};

/** At most this many pages (500 metrics each) are read for the browser: 100,000 metrics. */
export const CATALOG_MAX_PAGES = 200;

/**
 * Every metric ListMetrics lists (all pages, up to CATALOG_MAX_PAGES), in the order listed;
 * with `recentlyActive`, only those with a datapoint in the last three hours.
 */
export async function listMetricCatalog(
	clients: AwsClients,
	recentlyActive: boolean,
): Promise<{metrics: CatalogMetric[]; pages: number; truncated: boolean}> {
	const metrics: CatalogMetric[] = [];
	const tokens = new Set<string>();
	let nextToken: string | undefined;
	let pages = 0;
	do {
		const page = await clients.cloudwatch.send(
			new ListMetricsCommand({RecentlyActive: recentlyActive ? 'PT3H' : undefined, NextToken: nextToken}),
		);
		pages++;
		for (const metric of page.Metrics ?? []) {
			if (typeof metric.Namespace !== 'string' || typeof metric.MetricName !== 'string') continue;
			const dimensions = (metric.Dimensions ?? []).filter(
				(dimension): dimension is {Name: string; Value: string} =>
					typeof dimension.Name === 'string' && typeof dimension.Value === 'string',
			);
			// A dimension without a name or value cannot be asked for: the metric is left out.
			if (dimensions.length !== (metric.Dimensions ?? []).length) continue;
			metrics.push({
				namespace: metric.Namespace,
				metricName: metric.MetricName,
				dimensions: dimensions.map((dimension) => ({name: dimension.Name, value: dimension.Value})),
				shown: {
					namespace: sanitizeText(metric.Namespace, 255),
					metricName: sanitizeText(metric.MetricName, 255),
					dimensions: dimensions.map((dimension) => ({name: sanitizeText(dimension.Name, 255), value: sanitizeText(dimension.Value, 255)})),
				},
			});
		}
		nextToken = page.NextToken || undefined;
		if (nextToken !== undefined) {
			if (tokens.has(nextToken)) throw new Error('ListMetrics returned the same NextToken twice; stopped paging.');
			tokens.add(nextToken);
		}
	} while (nextToken && pages < CATALOG_MAX_PAGES);
	return {metrics, pages, truncated: nextToken !== undefined};
}
