// Conformance of Logs Insights (the top talkers' query): the same IoT v2 lines seeded over the
// wire into moto and into the simulator, the same query sent to both. The simulator answers as
// AWS documents it (stats rows, Scheduled/Running/Complete, statistics); moto 5.2 ignores
// `filter` and `stats` and returns the events themselves, Complete at once, with no statistics
// (docs/conformance.md, rows 34-36). iot-top must then say it has no window counts, not show 0.
import {
	CreateLogGroupCommand,
	CreateLogStreamCommand,
	GetQueryResultsCommand,
	PutLogEventsCommand,
	StartQueryCommand,
	StopQueryCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {AwsClients} from '../../source/aws/clients.js';
import {runTalkersQuery} from '../../source/live/talkers.js';
import {DEFAULT_TALKER_WINDOW, TALKERS_QUERY} from '../../source/model/talkers.js';
import {createManualClock} from '../../source/sim/contract.js';
import {startSimulator, type Simulator} from '../../source/sim/index.js';
import {talkersLines, INITIAL_TALKERS_UI} from '../../source/ui/panes/talkersView.js';
import {clientsFor, testEngine} from '../helpers/engine.js';
import {motoAvailability, startMoto, type MotoServer} from '../helpers/moto.js';

const moto = motoAvailability({quiet: true});
const GROUP = 'AWSIotLogsV2';
const now = Date.now();

/** Ten lines a minute ago: client a fails 3 times (2 auth, 1 throttled), b once, c never. */
const LINES = [
	['a', 'Failure', 'ERROR', 'Connect', 'AUTHORIZATION_FAILURE'],
	['a', 'Failure', 'ERROR', 'Connect', 'AUTHORIZATION_FAILURE'],
	['a', 'Failure', 'WARN', 'Publish-In', 'THROTTLED'],
	['b', 'Failure', 'ERROR', 'Connect', 'AUTHORIZATION_FAILURE'],
	['a', 'Success', 'INFO', 'Connect', undefined],
	['b', 'Success', 'INFO', 'Publish-In', undefined],
	['c', 'Success', 'INFO', 'Connect', undefined],
	['c', 'Success', 'INFO', 'Publish-In', undefined],
	['c', 'Success', 'INFO', 'Subscribe', undefined],
	['b', 'Success', 'INFO', 'Subscribe', undefined],
].map(([clientId, status, logLevel, eventType, reason], index) => ({
	timestamp: now - 60_000 + index * 1000,
	message: JSON.stringify({logLevel, status, eventType, clientId, ...(reason ? {reason} : {})}),
}));

async function seed(clients: AwsClients): Promise<void> {
	await clients.logs.send(new CreateLogGroupCommand({logGroupName: GROUP}));
	await clients.logs.send(new CreateLogStreamCommand({logGroupName: GROUP, logStreamName: 'conformance'}));
	await clients.logs.send(new PutLogEventsCommand({logGroupName: GROUP, logStreamName: 'conformance', logEvents: LINES}));
}

let motoServer: MotoServer | undefined;
let simulator: Simulator | undefined;
const opened: AwsClients[] = [];

function clientsOf(url: string): AwsClients {
	const clients = clientsFor(url, {maxAttempts: 1});
	opened.push(clients);
	return clients;
}

beforeAll(async () => {
	if (!moto.available) return;
	motoServer = await startMoto();
	simulator = await startSimulator({port: 0, empty: true, clock: createManualClock(now), insights: {scheduledMs: 0, runningMs: 0}});
	await seed(clientsOf(motoServer.url));
	await seed(clientsOf(simulator.url));
}, 60_000);

afterAll(async () => {
	for (const clients of opened) clients.destroy();
	await motoServer?.stop();
	await simulator?.close();
});

const asObject = (row: Array<{field?: string; value?: string}>) => Object.fromEntries(row.map(({field, value}) => [field, value]));

async function ask(clients: AwsClients) {
	const end = Math.floor(now / 1000);
	const {queryId} = await clients.logs.send(
		new StartQueryCommand({logGroupNames: [GROUP], startTime: end - 300, endTime: end, queryString: TALKERS_QUERY, limit: 10_000}),
	);
	return {queryId: queryId!, answer: await clients.logs.send(new GetQueryResultsCommand({queryId}))};
}

describe.skipIf(!moto.available)('Logs Insights: the simulator as AWS documents it, moto as it is', () => {
	it('the simulator counts the failures by client id, event type and reason', async () => {
		const {answer} = await ask(clientsOf(simulator!.url));
		expect(answer.status).toBe('Complete');
		expect(answer.results!.map(asObject)).toEqual([
			{clientId: 'a', eventType: 'Connect', reason: 'AUTHORIZATION_FAILURE', failures: '2'},
			{clientId: 'a', eventType: 'Publish-In', reason: 'THROTTLED', failures: '1'},
			{clientId: 'b', eventType: 'Connect', reason: 'AUTHORIZATION_FAILURE', failures: '1'},
		]);
		expect(answer.statistics).toMatchObject({recordsMatched: 4, recordsScanned: 10});
	});

	it('moto ignores filter and stats: every event comes back with only @ptr, Complete at once, no statistics', async () => {
		const {queryId, answer} = await ask(clientsOf(motoServer!.url));
		expect(answer.status).toBe('Complete');
		const rows = answer.results!.map(asObject);
		expect(rows).toHaveLength(LINES.length);
		expect(rows.every((row) => Object.keys(row).join() === '@ptr')).toBe(true);
		expect(answer.statistics).toBeUndefined();
		// StopQuery of an ended query: AWS refuses it; moto has no StopQuery at all.
		await expect(clientsOf(motoServer!.url).logs.send(new StopQueryCommand({queryId}))).rejects.toThrow();
	});

	it('iot-top on moto says the endpoint gave no counts, never zero failures', async () => {
		const engine = testEngine(clientsOf(motoServer!.url));
		await runTalkersQuery(engine.context, DEFAULT_TALKER_WINDOW);
		const query = engine.store.getSnapshot().sources.logs.talkers!;
		expect(query.status).toBe('Complete');
		const text = talkersLines(engine.store.getSnapshot(), INITIAL_TALKERS_UI, {width: 60, height: 17}, now, true)
			.map((line) => line.map((segment) => segment.text).join(''))
			.join('\n');
		expect(text.replaceAll(/\s+/g, ' ')).toContain(
			"the endpoint answered without the counts (it ignores the query's stats), so no window counts",
		);
		expect(text).toContain('bytes scanned not reported');
		expect(text).not.toMatch(/0 failures matched/);
	});
});
