import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {
	GetBucketsAggregationCommand,
	GetCardinalityCommand,
	GetIndexingConfigurationCommand,
	GetPercentilesCommand,
	GetStatisticsCommand,
	IoTClient,
	SearchIndexCommand,
} from '@aws-sdk/client-iot';
import {createManualClock, type ManualClock} from '../../source/sim/contract.js';
import {startSimulator, type Simulator} from '../../source/sim/index.js';
import {MINUTE, type Incident} from '../../source/sim/scenario.js';
import {parseSearchQuery} from '../../source/sim/searchQuery.js';

const START = Date.UTC(2026, 2, 10, 12, 0, 0);
const WAVE: Incident = {kind: 'disconnectWave', from: START + 2 * MINUTE, to: START + 6 * MINUTE, intensity: 40};

function client(sim: Simulator): IoTClient {
	return new IoTClient({
		region: 'us-east-1',
		endpoint: sim.url,
		credentials: {accessKeyId: 'test', secretAccessKey: 'test'},
		maxAttempts: 1,
	});
}

/** The sim's things as the model holds them now, read one by one (the test's own count). */
function things(sim: Simulator) {
	return Array.from({length: sim.resources.things()}, (_, i) => sim.resources.thingAt(i)!);
}

function tally(values: Array<string | undefined>): Record<string, number> {
	const out: Record<string, number> = {};
	for (const value of values) if (value !== undefined) out[value] = (out[value] ?? 0) + 1;
	return out;
}

describe('fleet index (simulator)', () => {
	let sim: Simulator;
	let clock: ManualClock;
	let iot: IoTClient;
	beforeAll(async () => {
		clock = createManualClock(START);
		sim = await startSimulator({clock, things: 3000, incidents: [WAVE], fleetIndex: 'connectivity', aggregationsPerSecond: 0, logRate: 0});
		iot = client(sim);
	});
	afterAll(async () => {
		clock.set(START);
		await sim.close();
	});

	it('says how it indexes: registry and connectivity, with custom fields', async () => {
		const config = await iot.send(new GetIndexingConfigurationCommand({}));
		expect(config.thingIndexingConfiguration).toMatchObject({thingIndexingMode: 'REGISTRY', thingConnectivityIndexingMode: 'STATUS'});
		expect(config.thingIndexingConfiguration!.customFields!.map((field) => field.name)).toContain('attributes.firmware');
	});

	it('counts connected things as the model holds them, before and during the disconnect wave', async () => {
		clock.set(START);
		const before = await iot.send(new GetStatisticsCommand({indexName: 'AWS_Things', queryString: 'connectivity.connected:true'}));
		expect(before.statistics!.count).toBe(things(sim).filter((thing) => thing.connected).length);
		clock.set(START + 5 * MINUTE);
		const during = await iot.send(new GetStatisticsCommand({indexName: 'AWS_Things', queryString: 'connectivity.connected:true'}));
		const connected = things(sim).filter((thing) => thing.connected).length;
		expect(during.statistics!.count).toBe(connected);
		// The wave took a good share of the fleet down.
		expect(before.statistics!.count! - connected).toBeGreaterThan(300);
		clock.set(START + 30 * MINUTE);
		const after = await iot.send(new GetStatisticsCommand({indexName: 'AWS_Things', queryString: 'connectivity.connected:true'}));
		expect(after.statistics!.count).toBe(before.statistics!.count);
	});

	it('buckets the disconnect reasons of the wave, most first', async () => {
		clock.set(START + 5 * MINUTE);
		const answer = await iot.send(
			new GetBucketsAggregationCommand({
				indexName: 'AWS_Things',
				queryString: 'connectivity.connected:false',
				aggregationField: 'connectivity.disconnectReason',
				bucketsAggregationType: {termsAggregation: {maxBuckets: 20}},
			}),
		);
		const expected = tally(
			things(sim)
				.filter((thing) => !thing.connected)
				.map((thing) => thing.disconnectReason),
		);
		expect(Object.fromEntries(answer.buckets!.map((bucket) => [bucket.keyValue, bucket.count]))).toEqual(expected);
		expect(answer.buckets![0].keyValue).toBe('CONNECTION_LOST');
		expect(answer.totalCount).toBe(things(sim).filter((thing) => !thing.connected).length);
		const counts = answer.buckets!.map((bucket) => bucket.count!);
		expect(counts).toEqual([...counts].sort((a, b) => b - a));
	});

	it('buckets by thing type and by a custom-field attribute, and refuses what it cannot aggregate', async () => {
		const byFirmware = await iot.send(
			new GetBucketsAggregationCommand({
				queryString: '*',
				aggregationField: 'attributes.firmware',
				bucketsAggregationType: {termsAggregation: {maxBuckets: 100}},
			}),
		);
		expect(Object.fromEntries(byFirmware.buckets!.map((bucket) => [bucket.keyValue, bucket.count]))).toEqual(
			tally(things(sim).map((thing) => thing.attributes.firmware)),
		);
		const byType = await iot.send(
			new GetBucketsAggregationCommand({
				queryString: 'connectivity.connected:false',
				aggregationField: 'thingTypeName',
				bucketsAggregationType: {termsAggregation: {maxBuckets: 2}},
			}),
		);
		expect(byType.buckets).toHaveLength(2);
		const buckets = (aggregationField: string) =>
			iot.send(
				new GetBucketsAggregationCommand({queryString: '*', aggregationField, bucketsAggregationType: {termsAggregation: {maxBuckets: 5}}}),
			);
		await expect(buckets('connectivity.timestamp')).rejects.toMatchObject({
			name: 'InvalidAggregationException',
			$metadata: {httpStatusCode: 400},
		});
		await expect(buckets('attributes.color')).rejects.toMatchObject({name: 'InvalidAggregationException'});
		await expect(
			iot.send(
				new GetBucketsAggregationCommand({
					queryString: '*',
					aggregationField: 'thingTypeName',
					bucketsAggregationType: {termsAggregation: {maxBuckets: 10_001}},
				}),
			),
		).rejects.toMatchObject({name: 'InvalidRequestException'});
	});

	it('answers statistics, cardinality and percentiles over connectivity.timestamp', async () => {
		clock.set(START + 5 * MINUTE);
		const stats = await iot.send(new GetStatisticsCommand({queryString: '*', aggregationField: 'connectivity.timestamp'}));
		const stamps = things(sim).map((thing) => thing.connectivityTimestamp);
		expect(stats.statistics).toMatchObject({count: stamps.length, minimum: Math.min(...stamps), maximum: Math.max(...stamps)});
		const cardinality = await iot.send(new GetCardinalityCommand({queryString: '*', aggregationField: 'attributes.site'}));
		expect(cardinality.cardinality).toBe(new Set(things(sim).map((thing) => thing.attributes.site)).size);
		const percentiles = await iot.send(
			new GetPercentilesCommand({queryString: '*', aggregationField: 'connectivity.timestamp', percents: [50]}),
		);
		const sorted = [...stamps].sort((a, b) => a - b);
		expect(percentiles.percentiles![0].value).toBe(sorted[Math.ceil(sorted.length / 2) - 1]);
		await expect(iot.send(new GetPercentilesCommand({queryString: '*', aggregationField: 'thingTypeName'}))).rejects.toMatchObject({
			name: 'InvalidAggregationException',
		});
	});

	it('searches with OR, NOT, parentheses, ranges and wildcards, paging lazily', async () => {
		clock.set(START + 5 * MINUTE);
		const since = START + 3 * MINUTE;
		const query = `connectivity.connected:false AND connectivity.timestamp>${since}`;
		const names: string[] = [];
		let nextToken: string | undefined;
		do {
			const page = await iot.send(new SearchIndexCommand({queryString: query, maxResults: 100, nextToken}));
			for (const thing of page.things!) {
				expect(thing.connectivity!.connected).toBe(false);
				expect(thing.connectivity!.timestamp!).toBeGreaterThan(since);
				names.push(thing.thingName!);
			}
			nextToken = page.nextToken;
		} while (nextToken);
		expect(names.length).toBe(things(sim).filter((thing) => !thing.connected && thing.connectivityTimestamp > since).length);
		const either = await iot.send(
			new SearchIndexCommand({
				queryString: '(thingTypeName:Gateway OR thingTypeName:Camera) AND NOT attributes.site:berlin',
				maxResults: 100,
			}),
		);
		expect(either.things!.every((t) => ['Gateway', 'Camera'].includes(t.thingTypeName!) && t.attributes!.site !== 'berlin')).toBe(true);
		const gw = await iot.send(new SearchIndexCommand({queryString: 'thingName:gw-*', maxResults: 10}));
		expect(gw.things!.every((t) => t.thingName!.startsWith('gw-'))).toBe(true);
		await expect(iot.send(new SearchIndexCommand({queryString: '(thingTypeName:Gateway'}))).rejects.toMatchObject({
			name: 'InvalidQueryException',
		});
	});

	it('answers the index off, registry only, building and throttled as AWS does', async () => {
		const stats = () => iot.send(new GetStatisticsCommand({queryString: 'connectivity.connected:true'}));
		try {
			sim.resources.setFleetIndexing({thingIndexingMode: 'OFF', thingConnectivityIndexingMode: 'OFF'});
			await expect(stats()).rejects.toMatchObject({name: 'ResourceNotFoundException', $metadata: {httpStatusCode: 404}});
			sim.resources.setFleetIndexing({thingIndexingMode: 'REGISTRY', thingConnectivityIndexingMode: 'OFF'});
			// Registry only: connectivity is not indexed, so nothing matches and it cannot be aggregated.
			expect((await stats()).statistics!.count).toBe(0);
			const search = await iot.send(new SearchIndexCommand({queryString: 'thingName:gw-*', maxResults: 1}));
			expect(search.things![0].connectivity).toBeUndefined();
			sim.resources.setFleetIndexing({thingConnectivityIndexingMode: 'STATUS', status: 'BUILDING'});
			await expect(stats()).rejects.toMatchObject({name: 'IndexNotReadyException', $metadata: {httpStatusCode: 400}});
		} finally {
			sim.resources.setFleetIndexing({thingIndexingMode: 'REGISTRY', thingConnectivityIndexingMode: 'STATUS', status: 'ACTIVE'});
		}
		const limited = await startSimulator({things: 50, fleetIndex: 'connectivity', aggregationsPerSecond: 2, logRate: 0});
		try {
			const other = client(limited);
			const results = await Promise.allSettled(Array.from({length: 8}, () => other.send(new GetStatisticsCommand({queryString: '*'}))));
			expect(
				results.filter((result) => result.status === 'rejected').map((result) => (result as PromiseRejectedResult).reason.name),
			).toContain('ThrottlingException');
		} finally {
			await limited.close();
		}
	});

	it('parses the query subset, and refuses bad syntax', () => {
		const doc = (fields: Record<string, string | number | boolean>) => ({field: (name: string) => fields[name], groups: () => []});
		expect(parseSearchQuery('connectivity.timestamp:[10 TO 20]')(doc({'connectivity.timestamp': 20}))).toBe(true);
		expect(parseSearchQuery('connectivity.timestamp:{10 TO 20}')(doc({'connectivity.timestamp': 20}))).toBe(false);
		expect(parseSearchQuery('connectivity.timestamp>=20')(doc({'connectivity.timestamp': 20}))).toBe(true);
		expect(parseSearchQuery('connectivity.connected:true')(doc({'connectivity.connected': true}))).toBe(true);
		expect(parseSearchQuery('NOT thingName:a?c')(doc({thingName: 'abc'}))).toBe(false);
		expect(parseSearchQuery('attributes.site:"san jose"')(doc({'attributes.site': 'san jose'}))).toBe(true);
		for (const bad of ['', 'AND', 'thingName:', 'color:red', '(a OR b', 'connectivity.timestamp:[1 TO']) {
			expect(() => parseSearchQuery(bad)).toThrow();
		}
	});
});
