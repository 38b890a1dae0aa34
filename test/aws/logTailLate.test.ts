// A trail's log group through LogTail (real SDK, the simulator's CloudTrail delivery under a
// manual clock): CloudTrail writes each record minutes after the call, stamped with the call's
// time, so a tailer that re-reads only seconds back would never show the change an engineer is
// looking for. Every record is returned once, the policy change included.
import {
	CreateLogGroupCommand,
	CreateLogStreamCommand,
	FilterLogEventsCommand,
	PutLogEventsCommand,
	type FilteredLogEvent,
} from '@aws-sdk/client-cloudwatch-logs';
import {afterEach, describe, expect, it} from 'vitest';
import {createClients, type AwsClients} from '../../source/aws/clients.js';
import {LogTail} from '../../source/aws/logTail.js';
import {createManualClock} from '../../source/sim/contract.js';
import {startSimulator, type Simulator} from '../../source/sim/index.js';
import {MINUTE} from '../../source/sim/scenario.js';

const START = Date.UTC(2026, 2, 10, 12, 0, 0);
const BURST = {from: START + 10 * MINUTE, to: START + 16 * MINUTE};

let sim: Simulator | undefined;
let clients: AwsClients | undefined;

afterEach(async () => {
	clients?.destroy();
	await sim?.close();
	sim = clients = undefined;
});

async function everything(group: string): Promise<FilteredLogEvent[]> {
	const events: FilteredLogEvent[] = [];
	let nextToken: string | undefined;
	do {
		const page = await clients!.logs.send(new FilterLogEventsCommand({logGroupName: group, nextToken}));
		events.push(...(page.events ?? []));
		nextToken = page.nextToken;
	} while (nextToken);
	return events;
}

describe('LogTail on a CloudTrail log group (records delivered minutes after their time)', () => {
	it("the simulator's trail group: every record once, the policy change too", async () => {
		const group = 'aws-cloudtrail-logs-iot';
		const clock = createManualClock(START);
		sim = await startSimulator({
			port: 0,
			seed: 4,
			things: 30,
			clock,
			historyMinutes: 0,
			incidents: [{kind: 'authErrors', ...BURST, intensity: 5}],
			logRate: 0,
		});
		clients = createClients({
			endpointUrl: sim.url,
			region: 'us-east-1',
			credentials: {accessKeyId: 't', secretAccessKey: 't'},
			maxAttempts: 1,
		});
		const tail = new LogTail(clients, {groups: [group], minRequestGap: 0, initialLookback: 5 * MINUTE});
		const seen: string[] = [];
		while (clock.now() < START + 30 * MINUTE) {
			clock.advance(5000);
			const poll = await tail.poll(clock.now());
			expect(poll.error).toBeUndefined();
			seen.push(...poll.events.map((event) => event.message));
		}
		const stored = (await everything(group)).map((event) => event.message!);
		const change = sim.cloudtrail.policyChanges()[0];
		expect(stored.some((message) => message.includes(change.id))).toBe(true);
		expect(seen.filter((message) => message.includes(change.id))).toHaveLength(1);
		expect([...seen].sort()).toEqual([...stored].sort());
	});

	it('a group of any name is recognized by the CloudTrail records it holds', async () => {
		const clock = createManualClock(START);
		sim = await startSimulator({port: 0, seed: 4, things: 10, clock, historyMinutes: 0, incidents: [], logRate: 0});
		clients = createClients({
			endpointUrl: sim.url,
			region: 'us-east-1',
			credentials: {accessKeyId: 't', secretAccessKey: 't'},
			maxAttempts: 1,
		});
		const group = 'org-audit';
		await clients.logs.send(new CreateLogGroupCommand({logGroupName: group}));
		await clients.logs.send(new CreateLogStreamCommand({logGroupName: group, logStreamName: '123456789012_CloudTrail_us-east-1'}));
		const record = (name: string, at: number) => ({
			timestamp: at,
			message: JSON.stringify({
				eventVersion: '1.09',
				eventTime: new Date(at).toISOString(),
				eventSource: 'iot.amazonaws.com',
				eventName: name,
			}),
		});
		const put = (name: string, at: number) =>
			clients!.logs.send(
				new PutLogEventsCommand({logGroupName: group, logStreamName: '123456789012_CloudTrail_us-east-1', logEvents: [record(name, at)]}),
			);
		const tail = new LogTail(clients, {groups: [group], minRequestGap: 0});
		const seen: string[] = [];
		const pollFor = async (ms: number) => {
			for (const end = clock.now() + ms; clock.now() < end;) {
				clock.advance(5000);
				seen.push(
					...(await tail.poll(clock.now())).events.map((event) => JSON.parse(event.message) as {eventName: string}).map((r) => r.eventName),
				);
			}
		};
		await put('UpdateThing', START - 10_000);
		await pollFor(10_000);
		expect(seen).toEqual(['UpdateThing']);
		// Delivered four minutes after the call, behind the record already read.
		await pollFor(2 * MINUTE);
		await put('CreatePolicyVersion', clock.now() - 4 * MINUTE);
		await pollFor(MINUTE);
		expect(seen).toEqual(['UpdateThing', 'CreatePolicyVersion']);
	});
});

describe('LogTail over a busy group beside quiet ones (the demo follows three)', () => {
	it('gives the pages the quiet groups leave to the busy one: a first read catches up in one poll, within the poll budget', async () => {
		const clock = createManualClock(START);
		sim = await startSimulator({port: 0, seed: 4, things: 30, clock, historyMinutes: 0, incidents: [], logRate: 20});
		clients = createClients({
			endpointUrl: sim.url,
			region: 'us-east-1',
			credentials: {accessKeyId: 't', secretAccessKey: 't'},
			maxAttempts: 1,
		});
		clock.set(START + MINUTE);
		const groups = ['AWSIotLogsV2', '/aws/events/iot-fleet', 'aws-cloudtrail-logs-iot'];
		// About 1,200 IoT events: three pages of 500; the quiet groups take one request each.
		const tail = new LogTail(clients, {groups, minRequestGap: 0, pageLimit: 500, maxPagesPerPoll: 5});
		sim.resetCalls();
		const poll = await tail.poll(clock.now());
		expect(poll.error).toBeUndefined();
		expect(poll.caughtUp).toBe(true);
		expect(sim.calls()['logs:FilterLogEvents']).toBeLessThanOrEqual(5);
		expect(poll.events.length).toBe((await everything('AWSIotLogsV2')).length);
	});
});
