// The fleet index, read-only: its configuration (GetIndexingConfiguration), counts computed on
// AWS's side (GetStatistics, GetBucketsAggregation) and a search for the recent disconnects
// (SearchIndex). iot-top never turns indexing on. Sanitized here, on the way in.
import {GetBucketsAggregationCommand, GetIndexingConfigurationCommand, GetStatisticsCommand, SearchIndexCommand} from '@aws-sdk/client-iot';
import {connectivityTime, type FleetBucket, type FleetIndexingMode, type RecentDisconnect} from '../model/fleet.js';
import {sharedText} from '../model/sharedText.js';
import {sanitizeText} from '../terminal/sanitize.js';
import type {AwsClients} from './clients.js';

export const INDEX_NAME = 'AWS_Things';

export async function fetchIndexingMode(clients: AwsClients): Promise<FleetIndexingMode> {
	const config = await clients.iot.send(new GetIndexingConfigurationCommand({}));
	const things = config.thingIndexingConfiguration;
	return {
		thingIndexingMode: sanitizeText(things?.thingIndexingMode ?? 'OFF', 64),
		connectivityMode: sanitizeText(things?.thingConnectivityIndexingMode ?? 'OFF', 64),
		customFields: (things?.customFields ?? []).flatMap((field) => (field.name ? [sanitizeText(field.name, 256)] : [])),
	};
}

/** How many things match the query (AWS counts them). */
export async function fetchCount(clients: AwsClients, queryString: string): Promise<number> {
	const answer = await clients.iot.send(new GetStatisticsCommand({indexName: INDEX_NAME, queryString}));
	const count = answer.statistics?.count;
	// An answer without a count is not zero things.
	if (count === undefined) throw new Error(`GetStatistics answered without a count for ${queryString}.`);
	return count;
}

/** The values of a field among the matching things, with their counts, most first. */
export async function fetchBuckets(clients: AwsClients, queryString: string, field: string, maxBuckets: number): Promise<FleetBucket[]> {
	const answer = await clients.iot.send(
		new GetBucketsAggregationCommand({
			indexName: INDEX_NAME,
			queryString,
			aggregationField: field,
			bucketsAggregationType: {termsAggregation: {maxBuckets}},
		}),
	);
	return (answer.buckets ?? []).map((bucket) => ({key: sharedText(sanitizeText(bucket.keyValue ?? '?', 256)), count: bucket.count ?? 0}));
}

/**
 * Up to `limit` of the things each query matches, paging SearchIndex (100 a page), the queries
 * narrowest first: SearchIndex does not sort, so asking for the last minute first, then wider
 * windows, lists the most recent disconnects of a fleet where thousands dropped. Most recent first.
 */
export async function fetchRecentDisconnects(
	clients: AwsClients,
	queries: readonly string[],
	limit: number,
): Promise<{things: RecentDisconnect[]; more: boolean}> {
	const things: RecentDisconnect[] = [];
	const seen = new Set<string>();
	let more = false;
	for (const queryString of queries) {
		let nextToken: string | undefined;
		do {
			const page = await clients.iot.send(
				new SearchIndexCommand({indexName: INDEX_NAME, queryString, maxResults: Math.min(100, limit - things.length), nextToken}),
			);
			for (const thing of page.things ?? []) {
				const thingName = sanitizeText(thing.thingName ?? '?');
				if (seen.has(thingName)) continue;
				seen.add(thingName);
				things.push({
					thingName,
					at: connectivityTime(thing.connectivity?.timestamp),
					reason: thing.connectivity?.disconnectReason ? sharedText(sanitizeText(thing.connectivity.disconnectReason, 128)) : undefined,
				});
			}
			nextToken = page.nextToken;
		} while (nextToken !== undefined && things.length < limit);
		more = nextToken !== undefined;
		if (things.length >= limit) break;
	}
	things.sort((a, b) => (b.at ?? 0) - (a.at ?? 0));
	return {things, more};
}
