// The simulator's IoT v2 Connect and Disconnect lines tell the same story as its fleet index: during
// a disconnect wave the logs burst with Disconnects of the things the index says dropped, at the
// instant it says, with the reason it says, in the proportions its aggregation gives; the things
// come back with a Connect at the instant the index says; nothing else connects or disconnects;
// and with the index off, the app's fallback (each client's last Connect or Disconnect in the log
// buffer) sees the wave. All over the wire, through the real SDK.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {CloudWatchLogsClient, FilterLogEventsCommand, type FilteredLogEvent} from '@aws-sdk/client-cloudwatch-logs';
import {GetBucketsAggregationCommand, GetStatisticsCommand, IoTClient, SearchIndexCommand} from '@aws-sdk/client-iot';
import type {AwsClients} from '../../source/aws/clients.js';
import {createLogsSource} from '../../source/live/sources/logs.js';
import {fleetSource} from '../../source/live/sources/fleet.js';
import {createManualClock, type ManualClock} from '../../source/sim/contract.js';
import {startSimulator, type Simulator} from '../../source/sim/index.js';
import {MINUTE, type Incident} from '../../source/sim/scenario.js';
import {clientsFor, testEngine} from '../helpers/engine.js';

const START = Date.UTC(2026, 2, 10, 12, 0, 0);
const WAVE: Incident = {kind: 'disconnectWave', from: START + 2 * MINUTE, to: START + 6 * MINUTE, intensity: 20};
const RATE = 20;
const WAVE_SECONDS = (WAVE.to - WAVE.from) / 1000;

type Line = {clientId: string; timestamp: number; eventType: string; status: string; disconnectReason?: string};

function credentials() {
	return {region: 'us-east-1', credentials: {accessKeyId: 'test', secretAccessKey: 'test'}, maxAttempts: 1};
}

async function lines(logs: CloudWatchLogsClient, filterPattern: string, startTime: number, endTime: number): Promise<Line[]> {
	const events: FilteredLogEvent[] = [];
	let nextToken: string | undefined;
	do {
		const page = await logs.send(new FilterLogEventsCommand({logGroupName: 'AWSIotLogsV2', filterPattern, startTime, endTime, nextToken}));
		events.push(...(page.events ?? []));
		nextToken = page.nextToken;
	} while (nextToken);
	return events.map((event) => {
		const message = JSON.parse(event.message!) as Omit<Line, 'timestamp'>;
		// The line's own time is the event's: both say the same instant.
		expect(message).toHaveProperty('timestamp', new Date(event.timestamp!).toISOString().replace('T', ' ').slice(0, 23));
		return {...message, timestamp: event.timestamp!};
	});
}

/** Every thing the index answers for a query, by name: its connectivity as the index holds it now. */
async function search(iot: IoTClient, queryString: string) {
	const found = new Map<string, {connected?: boolean; timestamp?: number; disconnectReason?: string}>();
	let nextToken: string | undefined;
	do {
		const page = await iot.send(new SearchIndexCommand({queryString, nextToken, maxResults: 100}));
		for (const thing of page.things ?? []) found.set(thing.thingName!, thing.connectivity ?? {});
		nextToken = page.nextToken;
	} while (nextToken);
	return found;
}

function shares(values: string[]): Record<string, number> {
	const out: Record<string, number> = {};
	for (const value of values) out[value] = (out[value] ?? 0) + 1 / values.length;
	return out;
}

describe('Connect and Disconnect lines follow the fleet index through a disconnect wave', () => {
	let sim: Simulator;
	let clock: ManualClock;
	let logs: CloudWatchLogsClient;
	let iot: IoTClient;
	/** The clients whose Disconnect the wave logged. */
	let dropped: Set<string>;
	beforeAll(async () => {
		clock = createManualClock(START);
		// 40,000 things: the wave drops more a second than the log rate, so the lines are a sample.
		sim = await startSimulator({
			clock,
			things: 40_000,
			incidents: [WAVE],
			fleetIndex: 'connectivity',
			aggregationsPerSecond: 0,
			logRate: RATE,
			historyMinutes: 10,
		});
		logs = new CloudWatchLogsClient({...credentials(), endpoint: sim.url});
		iot = new IoTClient({...credentials(), endpoint: sim.url});
	});
	afterAll(async () => {
		logs?.destroy();
		iot?.destroy();
		await sim?.close();
	});

	it("before the wave, logs exactly the changes the index holds: each thing's last connect or disconnect, at its instant", async () => {
		clock.set(WAVE.from);
		const window = `connectivity.timestamp>=${START - 10 * MINUTE} AND connectivity.timestamp<${WAVE.from}`;
		const changed = await search(iot, window);
		expect(changed.size).toBeGreaterThan(20);
		const logged = [
			...(await lines(logs, '{ $.eventType = "Disconnect" }', START - 10 * MINUTE, WAVE.from - 1)),
			...(await lines(logs, '{ $.eventType = "Connect" && $.status = "Success" }', START - 10 * MINUTE, WAVE.from - 1)),
		];
		const told = (connectivity: {connected?: boolean; timestamp?: number; disconnectReason?: string}) => JSON.stringify(connectivity);
		expect(
			new Map(
				logged.map((line) => [
					line.clientId,
					told({connected: line.eventType === 'Connect', timestamp: line.timestamp, disconnectReason: line.disconnectReason}),
				]),
			),
		).toEqual(
			new Map(
				[...changed].map(([name, connectivity]) => [
					name,
					told({connected: connectivity.connected, timestamp: connectivity.timestamp, disconnectReason: connectivity.disconnectReason}),
				]),
			),
		);
		expect(logged).toHaveLength(changed.size);
	});

	it('bursts with the Disconnects of the things the index says dropped, when and why it says, in its proportions', async () => {
		clock.set(WAVE.to);
		const since = `connectivity.connected:false AND connectivity.timestamp>=${WAVE.from}`;
		const buckets = await iot.send(
			new GetBucketsAggregationCommand({
				queryString: since,
				aggregationField: 'connectivity.disconnectReason',
				bucketsAggregationType: {termsAggregation: {maxBuckets: 20}},
			}),
		);
		const drops = buckets.totalCount!;
		expect(drops).toBeGreaterThan(RATE * WAVE_SECONDS);
		const before = await iot.send(
			new GetStatisticsCommand({
				queryString: `connectivity.connected:false AND connectivity.timestamp>=${START - 10 * MINUTE} AND connectivity.timestamp<${WAVE.from}`,
			}),
		);

		const all = await lines(logs, '{ $.eventType = "Disconnect" }', START - 10 * MINUTE, WAVE.to - 1);
		const inWave = all.filter((line) => line.timestamp >= WAVE.from);
		const outside = all.filter((line) => line.timestamp < WAVE.from);
		// Before the wave, as many as the index says dropped then (each thing's last change, long before).
		expect(outside).toHaveLength(before.statistics!.count!);
		expect(outside.length).toBeLessThan(inWave.length / 20);
		// The burst: a sample of the wave as large as the log rate allows (here, the wave outruns it).
		expect(inWave.length).toBeGreaterThan(0.85 * RATE * WAVE_SECONDS);
		expect(inWave.length).toBeLessThan(1.15 * RATE * WAVE_SECONDS);
		// Spread over the wave's minutes, not bunched.
		for (let minute = 0; minute < WAVE_SECONDS / 60; minute++) {
			const those = inWave.filter((line) => Math.floor((line.timestamp - WAVE.from) / MINUTE) === minute);
			expect(those.length).toBeGreaterThan(0.15 * inWave.length);
		}

		// The reasons in the proportions the index buckets them.
		const expected = Object.fromEntries(buckets.buckets!.map((bucket) => [bucket.keyValue!, bucket.count! / drops]));
		const logged = shares(inWave.map((line) => line.disconnectReason ?? 'none'));
		expect(Object.keys(logged).sort()).toEqual(Object.keys(expected).sort());
		for (const [reason, share] of Object.entries(expected)) expect(Math.abs(logged[reason] - share), reason).toBeLessThan(0.04);

		// Each line: a thing the index says is down since that very instant, for that reason.
		const down = await search(iot, since);
		expect(down.size).toBe(drops);
		for (const line of inWave) {
			expect(line).toMatchObject({status: 'Success'});
			expect(down.get(line.clientId), line.clientId).toEqual({
				connected: false,
				timestamp: line.timestamp,
				disconnectReason: line.disconnectReason,
			});
		}
		dropped = new Set(inWave.map((line) => line.clientId));
		expect(dropped.size).toBe(inWave.length);
	});

	it('brings each logged thing back with a Connect when the index says it reconnected, and nothing else connects', async () => {
		const back = WAVE.to + 21 * MINUTE;
		clock.set(back);
		const connects = await lines(logs, '{ $.eventType = "Connect" && $.status = "Success" }', WAVE.from, back - 1);
		const returned = await search(iot, `connectivity.connected:true AND connectivity.timestamp>=${WAVE.to}`);
		expect(connects.length).toBeGreaterThan(0);
		for (const line of connects) {
			expect(returned.get(line.clientId), line.clientId).toEqual({connected: true, timestamp: line.timestamp});
		}
		// The same sample: every thing the logs saw drop, they see come back.
		expect(new Set(connects.map((line) => line.clientId))).toEqual(dropped);
		// After the wave nothing drops, in the index or the logs.
		expect(await lines(logs, '{ $.eventType = "Disconnect" }', WAVE.to, back - 1)).toHaveLength(0);
		const late = await iot.send(
			new GetStatisticsCommand({queryString: `connectivity.connected:false AND connectivity.timestamp>=${WAVE.to}`}),
		);
		expect(late.statistics!.count).toBe(0);
	});
});

describe('with the fleet index off, the logs fallback sees the wave', () => {
	let sim: Simulator;
	let clock: ManualClock;
	let clients: AwsClients;
	beforeAll(async () => {
		clock = createManualClock(START + 90_000);
		sim = await startSimulator({clock, things: 5000, incidents: [WAVE], fleetIndex: 'off', logRate: RATE, historyMinutes: 10});
		clients = clientsFor(sim.url);
	});
	afterAll(async () => {
		clients?.destroy();
		await sim?.close();
	});

	it("counts the wave's drops with its reasons from each client's last Connect or Disconnect", async () => {
		const engine = testEngine(clients, {now: () => clock.now()}, [createLogsSource(), fleetSource]);
		const fromLogs = async () => {
			// The logs first, then the fleet view reads the buffer.
			await engine.refreshAll();
			await engine.refreshAll();
			return engine.store.getSnapshot().sources.fleet.fromLogs!;
		};
		const calm = await fromLogs();
		expect(engine.store.getSnapshot().sources.fleet.mode).toMatchObject({thingIndexingMode: 'OFF'});
		// Before the wave: only the few things whose last change (long disconnected) falls in the history.
		expect(calm.disconnected).toBeLessThan(10);

		clock.set(START + 5 * MINUTE);
		const during = await fromLogs();
		// The things the model holds dropped by the wave so far (each logged: it drops fewer a second than the rate).
		const things = Array.from({length: sim.resources.things()}, (_, i) => sim.resources.thingAt(i)!);
		const down = things.filter((thing) => !thing.connected && thing.connectivityTimestamp >= WAVE.from);
		expect(down.length).toBeGreaterThan(300);
		expect(during.disconnected).toBeGreaterThan(calm.disconnected + 0.97 * down.length);
		expect(during.disconnected).toBeLessThanOrEqual(calm.disconnected + down.length);
		const byReason = new Map<string, number>();
		for (const thing of down) byReason.set(thing.disconnectReason!, (byReason.get(thing.disconnectReason!) ?? 0) + 1);
		expect(during.reasons[0].key).toBe('CONNECTION_LOST');
		for (const bucket of during.reasons) expect(bucket.count).toBeLessThanOrEqual((byReason.get(bucket.key) ?? 0) + calm.disconnected);
		expect(during.reasons.map((bucket) => bucket.key)).toEqual(expect.arrayContaining([...byReason.keys()]));
		engine.stop();
	});
});
