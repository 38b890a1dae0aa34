// Logs Insights in the simulator, through the real SDK client over HTTP: a query moves from
// Scheduled to Running to Complete on the simulator's clock, counts what the store holds in its
// range, says what it scanned, stops on StopQuery, and fails as AWS does.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {GetQueryResultsCommand, StartQueryCommand, StopQueryCommand, type ResultField} from '@aws-sdk/client-cloudwatch-logs';
import {createManualClock, type ManualClock} from '../../source/sim/contract.js';
import {startSimulator, type Simulator} from '../../source/sim/index.js';
import type {AwsClients} from '../../source/aws/clients.js';
import {clientsFor} from '../helpers/engine.js';

const START = Date.UTC(2026, 11, 6, 9, 0, 0);
const QUERY = 'filter status = "Failure" | stats count(*) as failures by clientId | sort failures desc | limit 10000';

let simulator: Simulator;
let clients: AwsClients;
let clock: ManualClock;

beforeAll(async () => {
	clock = createManualClock(START);
	simulator = await startSimulator({port: 0, seed: 7, things: 200, clock, insights: {maxConcurrent: 2}});
	clients = clientsFor(simulator.url, {maxAttempts: 1});
	clock.advance(10 * 60_000);
});

afterAll(async () => {
	clients?.destroy();
	await simulator?.close();
});

const asObject = (row: ResultField[]) => Object.fromEntries(row.map(({field, value}) => [field!, value!]));

/** The failures per client id in the store's own events, counted here, apart from the query engine. */
function expectedFailures(startMs: number, endMs: number): Map<string, number> {
	const counts = new Map<string, number>();
	for (const event of simulator.logs.events('AWSIotLogsV2', {startTime: startMs, endTime: endMs})) {
		if (!event.message.includes('"status":"Failure"')) continue;
		const clientId = (JSON.parse(event.message) as {clientId?: string}).clientId;
		if (clientId !== undefined) counts.set(clientId, (counts.get(clientId) ?? 0) + 1);
	}
	return counts;
}

describe('Logs Insights (simulator, over HTTP)', () => {
	it('runs a stats query through Scheduled, Running and Complete, with the store counts and the bytes scanned', async () => {
		const endSec = Math.floor(clock.now() / 1000);
		const startSec = endSec - 5 * 60;
		const {queryId} = await clients.logs.send(
			new StartQueryCommand({logGroupNames: ['AWSIotLogsV2'], startTime: startSec, endTime: endSec, queryString: QUERY}),
		);
		expect(queryId).toBeTruthy();
		// What the store holds in the range when the query starts (late events arriving later are not in it).
		const inRange = simulator.logs.events('AWSIotLogsV2', {startTime: startSec * 1000, endTime: endSec * 1000});
		const expected = expectedFailures(startSec * 1000, endSec * 1000);
		const get = () => clients.logs.send(new GetQueryResultsCommand({queryId}));
		const scheduled = await get();
		expect(scheduled.status).toBe('Scheduled');
		expect(scheduled.results).toEqual([]);
		clock.advance(1000);
		const running = await get();
		expect(running.status).toBe('Running');
		clock.advance(5000);
		const complete = await get();
		expect(complete.status).toBe('Complete');
		// Partial while running: part of the range scanned, less matched than in the end.
		expect(running.statistics!.recordsScanned).toBeGreaterThan(0);
		expect(running.statistics!.recordsScanned).toBeLessThan(inRange.length);
		expect(running.statistics!.recordsMatched).toBeLessThan(complete.statistics!.recordsMatched!);

		expect(expected.size).toBeGreaterThan(0);
		const rows = complete.results!.map(asObject);
		expect(new Map(rows.map((row) => [row.clientId, Number(row.failures)]))).toEqual(expected);
		// Sorted by failures, most first; no @ptr on aggregated rows (AWS gives it only to events).
		const counts = rows.map((row) => Number(row.failures));
		expect(counts).toEqual([...counts].sort((a, b) => b - a));
		expect(rows.every((row) => !('@ptr' in row))).toBe(true);
		expect(complete.statistics).toEqual({
			recordsScanned: inRange.length,
			recordsMatched: [...expected.values()].reduce((a, b) => a + b, 0),
			bytesScanned: inRange.reduce((sum, event) => sum + Buffer.byteLength(event.message), 0),
		});
	});

	it('StopQuery cancels a running query; the concurrency limit counts only running ones', async () => {
		const endSec = Math.floor(clock.now() / 1000);
		const start = (queryString = QUERY) =>
			clients.logs.send(new StartQueryCommand({logGroupName: 'AWSIotLogsV2', startTime: endSec - 60, endTime: endSec, queryString}));
		const first = await start();
		await start();
		await expect(start()).rejects.toMatchObject({name: 'LimitExceededException'});
		expect(await clients.logs.send(new StopQueryCommand({queryId: first.queryId}))).toMatchObject({success: true});
		const stopped = await clients.logs.send(new GetQueryResultsCommand({queryId: first.queryId}));
		expect(stopped.status).toBe('Cancelled');
		// One slot is free again.
		await start();
		clock.advance(5000);
		await start();
	});

	it.each([
		[{queryString: 'stats count(*) by'}, 'MalformedQueryException'],
		[{queryString: 'filter a = 1 | parse @message "*" as x'}, 'MalformedQueryException'],
		[{logGroupNames: ['nope']}, 'ResourceNotFoundException'],
		[{startTime: 2000, endTime: 1000}, 'InvalidParameterException'],
		[{logGroupName: 'AWSIotLogsV2', logGroupNames: ['AWSIotLogsV2']}, 'InvalidParameterException'],
	])('StartQuery %j fails with %s', async (change, code) => {
		const input = {logGroupNames: ['AWSIotLogsV2'], startTime: 1000, endTime: 2000, queryString: QUERY, ...change};
		await expect(clients.logs.send(new StartQueryCommand(input))).rejects.toMatchObject({name: code});
	});

	it('GetQueryResults of an unknown query id is ResourceNotFoundException', async () => {
		await expect(clients.logs.send(new GetQueryResultsCommand({queryId: 'nope'}))).rejects.toMatchObject({
			name: 'ResourceNotFoundException',
		});
	});
});
