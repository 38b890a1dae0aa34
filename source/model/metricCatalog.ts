// The metric browser's levels over what ListMetrics listed: namespaces, then a namespace's
// metric names, then a metric's dimension sets; each with how many series it holds, those
// active in the last three hours (RecentlyActive=PT3H) first and marked. Pure.
import type {Dimension} from './types.js';

/** A listed metric: raw names for the queries, sanitized ones (`shown`) for the screen. */
export type CatalogEntry = {
	namespace: string;
	metricName: string;
	dimensions: Dimension[];
	shown: {namespace: string; metricName: string; dimensions: Dimension[]};
};

export type BrowserLevel = 'namespaces' | 'metrics' | 'dimensions';

export type CatalogItem = {
	/** What Enter drills into (a namespace, a metric name) or the series' key. */
	key: string;
	text: string;
	/** Series under it. */
	count: number;
	/** Active in the last three hours. */
	recent: boolean;
	/** On the dimension level: the series itself. */
	metric?: CatalogEntry;
};

/** One series' identity: namespace, name and its dimensions in name order. */
export function seriesKey(metric: Pick<CatalogEntry, 'namespace' | 'metricName' | 'dimensions'>): string {
	const dimensions = [...metric.dimensions].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
	return JSON.stringify([metric.namespace, metric.metricName, ...dimensions.map((d) => [d.name, d.value])]);
}

/** A dimension set as shown: `Protocol=MQTT, RuleName=x`, or `(no dimensions)`. */
export function dimensionsText(dimensions: readonly Dimension[]): string {
	return dimensions.length === 0 ? '(no dimensions)' : dimensions.map((d) => `${d.name}=${d.value}`).join(', ');
}

/**
 * The items of a level: grouped, de-duplicated (an endpoint may list a series twice), the
 * recently active first, then by name; only those whose text contains `filter` (any case).
 */
export function catalogItems(
	metrics: readonly CatalogEntry[],
	recent: ReadonlySet<string>,
	at: {level: BrowserLevel; namespace?: string; metricName?: string},
	filter = '',
): CatalogItem[] {
	const items = new Map<string, CatalogItem>();
	const seen = new Set<string>();
	for (const metric of metrics) {
		const series = seriesKey(metric);
		if (seen.has(series)) continue;
		seen.add(series);
		let key: string;
		let text: string;
		if (at.level === 'namespaces') [key, text] = [metric.namespace, metric.shown.namespace];
		else if (metric.namespace !== at.namespace) continue;
		else if (at.level === 'metrics') [key, text] = [metric.metricName, metric.shown.metricName];
		else if (metric.metricName !== at.metricName) continue;
		else [key, text] = [series, dimensionsText(metric.shown.dimensions)];
		const item = items.get(key) ?? {key, text, count: 0, recent: false, ...(at.level === 'dimensions' ? {metric} : {})};
		item.count += 1;
		item.recent ||= recent.has(series);
		items.set(key, item);
	}
	const needle = filter.trim().toLowerCase();
	return [...items.values()]
		.filter((item) => needle === '' || item.text.toLowerCase().includes(needle))
		.sort((a, b) => Number(b.recent) - Number(a.recent) || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
}
