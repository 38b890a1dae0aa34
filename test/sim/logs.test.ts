import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {
	CloudWatchLogsClient,
	CreateLogGroupCommand,
	CreateLogStreamCommand,
	DescribeLogGroupsCommand,
	DescribeLogStreamsCommand,
	FilterLogEventsCommand,
	PutLogEventsCommand,
	StartLiveTailCommand,
	type FilteredLogEvent,
	type FilterLogEventsCommandInput,
} from '@aws-sdk/client-cloudwatch-logs';
import {createManualClock, type ManualClock} from '../../source/sim/contract.js';
import {startSimulator, type Simulator} from '../../source/sim/index.js';
import {createResourceModel} from '../../source/sim/resources.js';
import {createLogModel, type LogModel} from '../../source/sim/logStore.js';
import {createScenario, MINUTE} from '../../source/sim/scenario.js';
import {loadHostileStrings} from '../helpers/hostile.js';

const START = Date.UTC(2026, 2, 10, 12, 0, 0);
const hostile = loadHostileStrings();

function model(options: {
	rate: number;
	historyMinutes?: number;
	seed?: number;
	clock?: ManualClock;
	incidents?: [];
	maxEventsPerGroup?: number;
	scanBudget?: number;
}): {logs: LogModel; clock: ManualClock} {
	const clock = options.clock ?? createManualClock(START);
	const seed = options.seed ?? 5;
	const resources = createResourceModel({seed, things: 500, clock});
	const scenario = createScenario({seed, startMs: START, things: 500, incidents: options.incidents});
	const logs = createLogModel({
		seed,
		clock,
		scenario,
		resources,
		rate: options.rate,
		historyMinutes: options.historyMinutes ?? 0,
		maxEventsPerGroup: options.maxEventsPerGroup,
		scanBudget: options.scanBudget,
	});
	return {logs, clock};
}

describe('log model (in-process)', () => {
	it('generates IoT v2 JSON events at the configured rate, deterministic for a seed', () => {
		const a = model({rate: 200});
		const b = model({rate: 200});
		a.clock.advance(20_000);
		b.clock.advance(20_000);
		const events = a.logs.events('AWSIotLogsV2', {startTime: START + 10_000, endTime: START + 15_000 - 1});
		// 5 s at 200/s, +-10% jitter, plus any scripted error lines.
		expect(events.length).toBeGreaterThan(850);
		expect(events.length).toBeLessThan(1300);
		expect(b.logs.events('AWSIotLogsV2', {startTime: START + 10_000, endTime: START + 15_000 - 1})).toEqual(events);
		const ids = new Set(events.map((e) => e.eventId));
		expect(ids.size).toBe(events.length);
		for (const e of events.slice(0, 50)) {
			const m = JSON.parse(e.message) as Record<string, unknown>;
			for (const field of ['timestamp', 'logLevel', 'traceId', 'accountId', 'status', 'eventType']) expect(m).toHaveProperty(field);
			expect(m.timestamp).toBe(new Date(e.timestamp).toISOString().replace('T', ' ').slice(0, 23));
		}
		const types = new Set(events.map((e) => (JSON.parse(e.message) as {eventType: string}).eventType));
		for (const t of ['Publish-In', 'Publish-Out', 'Subscribe', 'RuleMatch']) expect(types).toContain(t);
		// Connects and disconnects follow the things' connectivity, which no wave moves here.
		expect(types).not.toContain('Connect');
		expect(types).not.toContain('Disconnect');
		// Sorted by event time.
		for (let i = 1; i < events.length; i++) expect(events[i].timestamp).toBeGreaterThanOrEqual(events[i - 1].timestamp);
	});

	it('writes plain-text lines to the second group', () => {
		const {logs, clock} = model({rate: 200});
		clock.advance(10_000);
		const lines = logs.events('/aws/iot/rules');
		expect(lines.length).toBeGreaterThan(0);
		expect(() => JSON.parse(lines[0].message)).toThrow();
		expect(lines[0].message).toMatch(/INFO|ERROR/);
	});

	it('puts Connection.AuthNError and Connect failures at the auth-error incident minutes, none when quiet', () => {
		const {logs, clock} = model({rate: 20});
		const scenario = createScenario({seed: 5, startMs: START, things: 500});
		const incident = scenario.incidents.find((i) => i.kind === 'authErrors')!;
		clock.set(incident.from + 2 * MINUTE);
		const during = logs.events('AWSIotLogsV2', {startTime: incident.from + 10_000, endTime: incident.from + MINUTE + 50_000});
		const authn = during.filter((e) => e.message.includes('"eventType":"Connection.AuthNError"'));
		const connectFail = during.filter((e) => e.message.includes('"eventType":"Connect"') && e.message.includes('"status":"Failure"'));
		expect(authn.length).toBeGreaterThan(20);
		expect(connectFail.length).toBeGreaterThan(20);
		expect(authn.every((e) => e.message.includes('"logLevel":"ERROR"'))).toBe(true);

		const quiet = model({rate: 20, incidents: []});
		quiet.clock.set(incident.from + 2 * MINUTE);
		const calm = quiet.logs.events('AWSIotLogsV2', {startTime: incident.from, endTime: incident.from + 2 * MINUTE});
		const calmAuthn = calm.filter((e) => e.message.includes('Connection.AuthNError'));
		expect(calmAuthn.length).toBeLessThan(5);
	});

	it('puts throttling and rule-failure lines at those incidents', () => {
		const {logs, clock} = model({rate: 20});
		const scenario = createScenario({seed: 5, startMs: START, things: 500});
		const throttling = scenario.incidents.find((i) => i.kind === 'throttling')!;
		const ruleFailure = scenario.incidents.find((i) => i.kind === 'ruleFailure' && i.from > START)!;
		clock.set(ruleFailure.to);
		const throttled = logs.events('AWSIotLogsV2', {startTime: throttling.from, endTime: throttling.to - 1});
		expect(throttled.filter((e) => e.message.includes('"reason":"THROTTLED"')).length).toBeGreaterThan(20);
		expect(throttled.filter((e) => e.message.includes('"eventType":"RuleMessageThrottled"')).length).toBeGreaterThan(5);
		const failures = logs
			.events('AWSIotLogsV2', {startTime: ruleFailure.from, endTime: ruleFailure.to - 1})
			.filter((e) => e.message.includes('"eventType":"RuleExecution"') && e.message.includes('"status":"Failure"'));
		expect(failures.length).toBeGreaterThan(20);
	});

	it('has late events that appear only once ingested, behind newer ones', () => {
		const {logs, clock} = model({rate: 300});
		clock.advance(30_000);
		const before = logs.events('AWSIotLogsV2');
		const seen = new Set(before.map((e) => e.eventId));
		const newest = before[before.length - 1].timestamp;
		clock.advance(10_000);
		const after = logs.events('AWSIotLogsV2');
		const arrivedBehind = after.filter((e) => !seen.has(e.eventId) && e.timestamp < newest);
		// Some arrived seconds late (2-8 s between event time and ingestion).
		expect(arrivedBehind.some((e) => e.ingestionTime - e.timestamp >= 2000)).toBe(true);
		for (const e of arrivedBehind) expect(e.ingestionTime).toBeGreaterThanOrEqual(START + 30_000);
		// Nothing is visible before it is ingested.
		expect(after.every((e) => e.ingestionTime <= clock.now())).toBe(true);
		// Every event seen before is still there, in the same place relative to the others.
		expect(after.filter((e) => seen.has(e.eventId)).map((e) => e.eventId)).toEqual(before.map((e) => e.eventId));
	});

	it('keeps memory bounded under a flood', () => {
		const {logs, clock} = model({rate: 5000, maxEventsPerGroup: 20_000});
		for (let k = 0; k < 20; k++) {
			clock.advance(1000);
			logs.materialize();
		}
		expect(logs.size('AWSIotLogsV2')).toBeLessThanOrEqual(20_000);
		expect(logs.size('AWSIotLogsV2')).toBeGreaterThan(10_000);
		// A big jump of the clock does not generate the whole gap.
		clock.advance(3_600_000);
		expect(logs.size('AWSIotLogsV2')).toBeLessThanOrEqual(20_000);
	});

	it('returns an empty page with a nextToken when a scan hits its budget', () => {
		const {logs, clock} = model({rate: 500, scanBudget: 1000});
		clock.advance(10_000);
		const first = logs.filter({logGroupName: 'AWSIotLogsV2', filterPattern: '"no such text anywhere"'});
		expect(first.events).toEqual([]);
		expect(first.nextToken).toBeDefined();
		let token = first.nextToken;
		let pages = 1;
		while (token) {
			token = logs.filter({logGroupName: 'AWSIotLogsV2', filterPattern: '"no such text anywhere"', nextToken: token}).nextToken;
			pages++;
		}
		expect(pages).toBeGreaterThan(3);
	});
});

describe('CloudWatch Logs over HTTP with the real SDK client', () => {
	let sim: Simulator;
	let logs: CloudWatchLogsClient;
	let clock: ManualClock;
	beforeAll(async () => {
		clock = createManualClock(START);
		sim = await startSimulator({seed: 9, things: 500, clock, logRate: 200, historyMinutes: 5});
		logs = new CloudWatchLogsClient({
			region: 'us-east-1',
			endpoint: sim.url,
			credentials: {accessKeyId: 'test', secretAccessKey: 'test'},
			maxAttempts: 1,
		});
		clock.advance(30_000);
	});
	afterAll(async () => {
		logs.destroy();
		await sim.close();
	});

	async function filterAll(input: FilterLogEventsCommandInput): Promise<{events: FilteredLogEvent[]; pages: number}> {
		const events: FilteredLogEvent[] = [];
		let nextToken: string | undefined;
		let pages = 0;
		do {
			const page = await logs.send(new FilterLogEventsCommand({...input, nextToken}));
			events.push(...(page.events ?? []));
			nextToken = page.nextToken;
			pages++;
		} while (nextToken && pages < 1000);
		return {events, pages};
	}

	it('counts the events each group ingested, for tools in another process (the bench), with the call counts', async () => {
		const ingested = async () => {
			const response = await fetch(`${sim.url}/__sim/calls`);
			const body = (await response.json()) as {stats: Record<string, number>};
			return body.stats['logs:ingested:AWSIotLogsV2'];
		};
		const before = await ingested();
		const from = clock.now();
		clock.advance(10_000);
		const after = await ingested();
		// Whole seconds are generated once past: the ones that ended in between.
		const second = (ms: number) => Math.floor(ms / 1000) * 1000;
		expect(after - before).toBe(sim.logs.ingestedBetween('AWSIotLogsV2', second(from), second(clock.now())).length);
		expect(after - before).toBeGreaterThan(200 * 10 * 0.85);
	});

	it('counts the FilterLogEvents pages the service cut because they were full, not those a small limit cut', async () => {
		const items = async () => ((await (await fetch(`${sim.url}/__sim/calls`)).json()) as {items: Record<string, number>}).items;
		const before = (await items())['logs:FilterLogEvents.fullPages'] ?? 0;
		// Minutes of history at 200/s: pages of 10,000 events, each but the last cut full.
		const whole = await filterAll({logGroupName: 'AWSIotLogsV2', startTime: START - 5 * 60_000, endTime: clock.now()});
		expect(whole.pages).toBeGreaterThan(3);
		const afterWhole = (await items())['logs:FilterLogEvents.fullPages'] ?? 0;
		expect(afterWhole - before).toBe(whole.pages - 1);
		// Pages of 100 the caller asked for: the data did not need them.
		const small = await filterAll({logGroupName: 'AWSIotLogsV2', startTime: START, endTime: START + 2000, limit: 100});
		expect(small.pages).toBeGreaterThan(2);
		expect((await items())['logs:FilterLogEvents.fullPages'] ?? 0).toBe(afterWhole);
	});

	it('describes the default log groups and pages them', async () => {
		const all = await logs.send(new DescribeLogGroupsCommand({}));
		const names = all.logGroups!.map((g) => g.logGroupName);
		expect(names).toContain('AWSIotLogsV2');
		expect(names).toContain('/aws/iot/rules');
		const first = await logs.send(new DescribeLogGroupsCommand({limit: 1}));
		expect(first.logGroups!.length).toBe(1);
		expect(first.nextToken).toBeDefined();
		const second = await logs.send(new DescribeLogGroupsCommand({limit: 1, nextToken: first.nextToken}));
		expect(second.logGroups![0].logGroupName).not.toBe(first.logGroups![0].logGroupName);
		const prefixed = await logs.send(new DescribeLogGroupsCommand({logGroupNamePrefix: 'AWSIot'}));
		expect(prefixed.logGroups!.map((g) => g.logGroupName)).toEqual(['AWSIotLogsV2']);
		expect(prefixed.logGroups![0].arn).toMatch(/^arn:aws:logs:us-east-1:\d{12}:log-group:AWSIotLogsV2:\*$/);
		await expect(logs.send(new DescribeLogGroupsCommand({limit: 51}))).rejects.toMatchObject({name: 'InvalidParameterException'});
		const streams = await logs.send(
			new DescribeLogStreamsCommand({logGroupName: 'AWSIotLogsV2', orderBy: 'LastEventTime', descending: true}),
		);
		expect(streams.logStreams!.length).toBeGreaterThan(0);
		expect(streams.logStreams![0].lastEventTimestamp).toBeGreaterThan(START);
	});

	it('errors as AWS does for a missing group, a bad token, a bad limit', async () => {
		await expect(logs.send(new FilterLogEventsCommand({logGroupName: 'nope'}))).rejects.toMatchObject({
			name: 'ResourceNotFoundException',
			message: 'The specified log group does not exist.',
		});
		await expect(logs.send(new FilterLogEventsCommand({logGroupName: 'AWSIotLogsV2', nextToken: 'bogus'}))).rejects.toMatchObject({
			name: 'InvalidParameterException',
		});
		await expect(logs.send(new FilterLogEventsCommand({logGroupName: 'AWSIotLogsV2', limit: 10_001}))).rejects.toMatchObject({
			name: 'InvalidParameterException',
		});
		await expect(logs.send(new FilterLogEventsCommand({logGroupName: 'AWSIotLogsV2', limit: 0}))).rejects.toMatchObject({
			name: 'InvalidParameterException',
		});
	});

	it('filters by startTime/endTime (inclusive), sorted, the same events as the store holds', async () => {
		const startTime = START + 5_000;
		const endTime = START + 15_000;
		const {events} = await filterAll({logGroupName: 'AWSIotLogsV2', startTime, endTime, limit: 500});
		const own = sim.logs.events('AWSIotLogsV2', {startTime, endTime});
		expect(events.map((e) => e.eventId)).toEqual(own.map((e) => e.eventId));
		expect(events.length).toBeGreaterThan(1000);
		for (const e of events) {
			expect(e.timestamp).toBeGreaterThanOrEqual(startTime);
			expect(e.timestamp).toBeLessThanOrEqual(endTime);
			expect(e.ingestionTime).toBeGreaterThanOrEqual(e.timestamp!);
			expect(e.logStreamName).toBeTruthy();
		}
		// The group identifier may be an ARN.
		const byArn = await logs.send(
			new FilterLogEventsCommand({
				logGroupIdentifier: `arn:aws:logs:us-east-1:${sim.resources.accountId}:log-group:AWSIotLogsV2`,
				startTime,
				endTime,
				limit: 5,
			}),
		);
		expect(byArn.events!.map((e) => e.eventId)).toEqual(own.slice(0, 5).map((e) => e.eventId));
	});

	it('pages 25,000 events of one timestamp exactly once each, at most 10,000 per page', async () => {
		await logs.send(new CreateLogGroupCommand({logGroupName: '/test/same-ms'}));
		await logs.send(new CreateLogStreamCommand({logGroupName: '/test/same-ms', logStreamName: 's'}));
		const t = START + 1000;
		for (let batch = 0; batch < 3; batch++) {
			const n = batch < 2 ? 10_000 : 5_000;
			const logEvents = Array.from({length: n}, (_, k) => ({timestamp: t, message: `event ${batch * 10_000 + k}`}));
			await logs.send(new PutLogEventsCommand({logGroupName: '/test/same-ms', logStreamName: 's', logEvents}));
		}
		const sizes: number[] = [];
		const messages = new Set<string>();
		let nextToken: string | undefined;
		do {
			const page = await logs.send(new FilterLogEventsCommand({logGroupName: '/test/same-ms', nextToken}));
			sizes.push(page.events!.length);
			for (const e of page.events!) messages.add(e.message!);
			nextToken = page.nextToken;
		} while (nextToken);
		expect(sizes).toEqual([10_000, 10_000, 5_000]);
		expect(messages.size).toBe(25_000);
		// A smaller limit pages too.
		const {events, pages} = await filterAll({logGroupName: '/test/same-ms', limit: 7000});
		expect(new Set(events.map((e) => e.eventId)).size).toBe(25_000);
		expect(pages).toBe(4);
	});

	it('stops a page at 1 MB', async () => {
		await logs.send(new CreateLogGroupCommand({logGroupName: '/test/big'}));
		await logs.send(new CreateLogStreamCommand({logGroupName: '/test/big', logStreamName: 's'}));
		const big = 'x'.repeat(200_000);
		for (let k = 0; k < 8; k++) {
			await logs.send(
				new PutLogEventsCommand({
					logGroupName: '/test/big',
					logStreamName: 's',
					logEvents: [{timestamp: START + k, message: `${k}${big}`}],
				}),
			);
		}
		const first = await logs.send(new FilterLogEventsCommand({logGroupName: '/test/big'}));
		expect(first.events!.length).toBe(5);
		expect(first.nextToken).toBeDefined();
		const second = await logs.send(new FilterLogEventsCommand({logGroupName: '/test/big', nextToken: first.nextToken}));
		expect(second.events!.length).toBe(3);
		expect(second.nextToken).toBeUndefined();
	});

	it('applies filter patterns server-side', async () => {
		const {events} = await filterAll({
			logGroupName: 'AWSIotLogsV2',
			filterPattern: '{ $.eventType = "Subscribe" && $.status = "Success" }',
		});
		expect(events.length).toBeGreaterThan(0);
		for (const e of events) {
			const m = JSON.parse(e.message!) as {eventType: string; status: string};
			expect(m.eventType).toBe('Subscribe');
			expect(m.status).toBe('Success');
		}
		const text = await filterAll({logGroupName: 'AWSIotLogsV2', filterPattern: 'Publish-Out -Success'});
		expect(text.events.every((e) => e.message!.includes('Publish-Out') && !e.message!.includes('Success'))).toBe(true);
		const streams = await logs.send(new DescribeLogStreamsCommand({logGroupName: 'AWSIotLogsV2'}));
		const one = streams.logStreams![0].logStreamName!;
		const byStream = await filterAll({logGroupName: 'AWSIotLogsV2', logStreamNames: [one], limit: 1000});
		expect(byStream.events.length).toBeGreaterThan(0);
		expect(byStream.events.every((e) => e.logStreamName === one)).toBe(true);
	});

	it('shows late events to a poller only after ingestion; an overlap window catches them', async () => {
		const seen = new Map<string, FilteredLogEvent>();
		let newest = START;
		let lateCaught = 0;
		for (let poll = 0; poll < 15; poll++) {
			clock.advance(1000);
			const {events} = await filterAll({logGroupName: 'AWSIotLogsV2', startTime: newest - 10_000});
			for (const e of events) {
				expect(e.ingestionTime).toBeLessThanOrEqual(clock.now());
				if (!seen.has(e.eventId!)) {
					if (e.timestamp! < newest) lateCaught++;
					seen.set(e.eventId!, e);
				}
				newest = Math.max(newest, e.timestamp!);
			}
		}
		expect(lateCaught).toBeGreaterThan(0);
		const own = sim.logs.events('AWSIotLogsV2', {startTime: START + 20_000, endTime: newest - 10_000});
		for (const e of own) expect(seen.has(e.eventId)).toBe(true);
	});

	it('round-trips arbitrary text through PutLogEvents', async () => {
		await logs.send(new CreateLogGroupCommand({logGroupName: '/test/hostile'}));
		await expect(logs.send(new CreateLogGroupCommand({logGroupName: '/test/hostile'}))).rejects.toMatchObject({
			name: 'ResourceAlreadyExistsException',
		});
		await logs.send(new CreateLogStreamCommand({logGroupName: '/test/hostile', logStreamName: 'device'}));
		const now = clock.now();
		await logs.send(
			new PutLogEventsCommand({
				logGroupName: '/test/hostile',
				logStreamName: 'device',
				logEvents: hostile.map((h) => ({timestamp: now, message: h.text})),
			}),
		);
		const page = await logs.send(new FilterLogEventsCommand({logGroupName: '/test/hostile'}));
		expect(page.events!.map((e) => e.message)).toEqual(hostile.map((h) => h.text));
		expect(page.events!.every((e) => e.ingestionTime === now)).toBe(true);
		await expect(
			logs.send(
				new PutLogEventsCommand({logGroupName: '/test/hostile', logStreamName: 'missing', logEvents: [{timestamp: now, message: 'x'}]}),
			),
		).rejects.toMatchObject({name: 'ResourceNotFoundException'});
		await expect(
			logs.send(
				new PutLogEventsCommand({
					logGroupName: '/test/hostile',
					logStreamName: 'device',
					logEvents: [
						{timestamp: now, message: 'b'},
						{timestamp: now - 1, message: 'a'},
					],
				}),
			),
		).rejects.toMatchObject({name: 'InvalidParameterException'});
		expect(sim.calls()['logs:PutLogEvents']).toBeGreaterThan(0);
	});
});

describe('StartLiveTail over HTTP (event stream)', () => {
	it('streams sessionStart, then sampled updates of at most 500 events, then times out after 3 h', async () => {
		const clock = createManualClock(START);
		const sim = await startSimulator({seed: 4, things: 200, clock, logRate: 900, historyMinutes: 0});
		const client = new CloudWatchLogsClient({
			region: 'us-east-1',
			endpoint: sim.url,
			credentials: {accessKeyId: 'test', secretAccessKey: 'test'},
			maxAttempts: 1,
			disableHostPrefix: true,
		});
		try {
			const arn = `arn:aws:logs:us-east-1:${sim.resources.accountId}:log-group:AWSIotLogsV2`;
			await expect(client.send(new StartLiveTailCommand({logGroupIdentifiers: [`${arn}-missing`]}))).rejects.toMatchObject({
				name: 'ResourceNotFoundException',
			});
			const response = await client.send(new StartLiveTailCommand({logGroupIdentifiers: [arn]}));
			let started = false;
			const updates: Array<{sampled: boolean; count: number}> = [];
			let sawPut = false;
			let timeout: unknown;
			try {
				for await (const event of response.responseStream!) {
					if (event.sessionStart) {
						started = true;
						expect(event.sessionStart.logGroupIdentifiers).toEqual([arn]);
					}
					if (event.sessionUpdate) {
						const results = event.sessionUpdate.sessionResults ?? [];
						updates.push({sampled: event.sessionUpdate.sessionMetadata?.sampled ?? false, count: results.length});
						for (const r of results) {
							expect(r.logGroupIdentifier).toBe(arn);
							if (r.message === hostile[0].text) sawPut = true;
						}
						if (updates.length === 3)
							sim.logs.putEvents('AWSIotLogsV2', 'test-stream', [{timestamp: clock.now() - 5000, message: hostile[0].text}]);
						if (updates.length === 6) clock.advance(3 * 3_600_000);
					}
					clock.advance(1000);
				}
			} catch (error) {
				timeout = error;
			}
			expect(started).toBe(true);
			expect(timeout).toMatchObject({name: 'SessionTimeoutException'});
			expect(updates.length).toBeGreaterThanOrEqual(5);
			expect(updates.some((u) => u.sampled && u.count === 500)).toBe(true);
			expect(updates.every((u) => u.count <= 500)).toBe(true);
			expect(sawPut).toBe(true);
		} finally {
			client.destroy();
			await sim.close();
		}
	}, 30_000);
});

describe('log model stability', () => {
	it('keeps stored events identical when things and rules are added later', () => {
		const clock = createManualClock(START);
		const resources = createResourceModel({seed: 5, things: 500, clock});
		const logs = createLogModel({
			seed: 5,
			clock,
			scenario: createScenario({seed: 5, startMs: START, things: 500}),
			resources,
			rate: 100,
			historyMinutes: 0,
		});
		clock.advance(5000);
		const first = logs.events('AWSIotLogsV2');
		expect(first.length).toBeGreaterThan(300);
		resources.addThing({thingName: 'late-arrival'});
		resources.addTopicRule({ruleName: 'new_rule', sql: "SELECT * FROM 'x'"});
		expect(logs.events('AWSIotLogsV2')).toEqual(first);
	});
});
