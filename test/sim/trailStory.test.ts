// The simulator's CloudTrail and EventBridge log groups over the wire (real SDK) tell the same
// story as LookupEvents and DescribeEvents: the policy change before the auth-error burst, the
// denied and the successful rollback in it, and the AWS Health issue are the same events (eventID,
// user, source IP, time, error; arn, status, times) in every view, each delivered when AWS would.
import {CloudTrailClient, LookupEventsCommand, type Event} from '@aws-sdk/client-cloudtrail';
import {
	CloudWatchLogsClient,
	DescribeLogGroupsCommand,
	FilterLogEventsCommand,
	type FilteredLogEvent,
} from '@aws-sdk/client-cloudwatch-logs';
import {DescribeEventsCommand, HealthClient} from '@aws-sdk/client-health';
import {afterEach, describe, expect, it} from 'vitest';
import {createManualClock} from '../../source/sim/contract.js';
import {startSimulator, type Simulator} from '../../source/sim/index.js';
import {MINUTE} from '../../source/sim/scenario.js';
import {TEST_CREDENTIALS} from '../helpers/engine.js';

const START = Date.UTC(2026, 2, 10, 12, 0, 0);
const BURST = {from: START + 10 * MINUTE, to: START + 16 * MINUTE};

let sim: Simulator | undefined;
let logs: CloudWatchLogsClient | undefined;
let trail: CloudTrailClient | undefined;
let health: HealthClient | undefined;

afterEach(async () => {
	logs?.destroy();
	trail?.destroy();
	health?.destroy();
	await sim?.close();
	sim = logs = trail = health = undefined;
});

async function open(seed = 4): Promise<Simulator> {
	const clock = createManualClock(START);
	// Half an hour of history: the open Health issue began 25 minutes before the start.
	sim = await startSimulator({
		port: 0,
		seed,
		things: 30,
		clock,
		historyMinutes: 30,
		incidents: [{kind: 'authErrors', ...BURST, intensity: 5}],
		logRate: 0,
	});
	clock.set(START + 25 * MINUTE);
	const config = {endpoint: sim.url, region: 'us-east-1', credentials: TEST_CREDENTIALS, maxAttempts: 1};
	logs = new CloudWatchLogsClient(config);
	trail = new CloudTrailClient(config);
	health = new HealthClient(config);
	return sim;
}

async function all(logGroupName: string): Promise<FilteredLogEvent[]> {
	const events: FilteredLogEvent[] = [];
	let nextToken: string | undefined;
	do {
		const page = await logs!.send(new FilterLogEventsCommand({logGroupName, nextToken}));
		events.push(...(page.events ?? []));
		nextToken = page.nextToken;
	} while (nextToken);
	return events;
}

async function lookup(): Promise<Event[]> {
	const events: Event[] = [];
	let NextToken: string | undefined;
	do {
		const page = await trail!.send(
			new LookupEventsCommand({
				LookupAttributes: [{AttributeKey: 'EventSource', AttributeValue: 'iot.amazonaws.com'}],
				StartTime: new Date(START - 30 * MINUTE),
				NextToken,
			}),
		);
		events.push(...(page.Events ?? []));
		NextToken = page.NextToken;
	} while (NextToken);
	return events;
}

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- a parsed document
const parsed = (events: FilteredLogEvent[]) =>
	events.map((event) => ({at: event.timestamp!, ingested: event.ingestionTime!, body: JSON.parse(event.message!) as Json}));

/** What a user reads of a management event in any view. */
const who = (record: Json) => ({
	eventID: record.eventID,
	eventName: record.eventName,
	eventTime: record.eventTime,
	arn: record.userIdentity?.arn,
	sourceIPAddress: record.sourceIPAddress,
	policyName: record.requestParameters?.policyName,
	errorCode: record.errorCode,
});

describe('simulator: CloudTrail and EventBridge log groups', () => {
	it('lists both groups with the IoT ones', async () => {
		await open();
		const names = (await logs!.send(new DescribeLogGroupsCommand({}))).logGroups!.map((group) => group.logGroupName);
		expect(names).toEqual(expect.arrayContaining(['AWSIotLogsV2', '/aws/iot/rules', '/aws/events/iot-fleet', 'aws-cloudtrail-logs-iot']));
	});

	it('the policy change, the denied and the successful rollback are the same events in LookupEvents, the CloudTrail group and EventBridge', async () => {
		await open();
		const looked = await lookup();
		const records = parsed(await all('aws-cloudtrail-logs-iot'));
		const bridge = parsed(await all('/aws/events/iot-fleet')).filter(({body}) => body['detail-type'] === 'AWS API Call via CloudTrail');

		const story = looked
			.filter((event) => event.EventName === 'CreatePolicyVersion' || event.EventName === 'SetDefaultPolicyVersion')
			.reverse()
			.map((event) => JSON.parse(event.CloudTrailEvent!) as Json);
		expect(story.map((record) => [record.eventName, record.errorCode])).toEqual([
			['CreatePolicyVersion', undefined],
			['SetDefaultPolicyVersion', 'AccessDenied'],
			['SetDefaultPolicyVersion', undefined],
		]);
		const [change, denied, rollback] = story;
		// The change two minutes before the burst, the rollbacks in it, all on the same policy.
		expect(Date.parse(change.eventTime)).toBeGreaterThanOrEqual(BURST.from - 2 * MINUTE);
		expect(Date.parse(change.eventTime)).toBeLessThan(BURST.from);
		for (const record of [denied, rollback]) {
			expect(Date.parse(record.eventTime) >= BURST.from && Date.parse(record.eventTime) < BURST.to).toBe(true);
			expect(record.requestParameters.policyName).toBe(change.requestParameters.policyName);
		}

		for (const record of story) {
			const inGroup = records.find(({body}) => body.eventID === record.eventID);
			expect(inGroup, `${String(record.eventName)} in the CloudTrail group`).toBeDefined();
			expect(who(inGroup!.body)).toEqual(who(record));
			// The log event carries the call's time; CloudTrail delivered it minutes later.
			expect(inGroup!.at).toBe(Date.parse(record.eventTime));
			expect(inGroup!.ingested - inGroup!.at).toBeGreaterThanOrEqual(2 * MINUTE);
			expect(inGroup!.ingested - inGroup!.at).toBeLessThan(6 * MINUTE);

			const event = bridge.find(({body}) => body.detail.eventID === record.eventID);
			expect(event, `${String(record.eventName)} in the EventBridge group`).toBeDefined();
			expect(who(event!.body.detail)).toEqual(who(record));
			expect(event!.body).toMatchObject({source: 'aws.iot', time: record.eventTime});
			expect(event!.at).toBe(Date.parse(record.eventTime));
			expect(event!.ingested - event!.at).toBeLessThan(15_000);
		}
		expect(change.userIdentity.userName).toBe('maria.ops');
		expect(change.sourceIPAddress).toBe('198.51.100.23');
	});

	it('every management event in the CloudTrail group and EventBridge is one LookupEvents returns, and the other way round', async () => {
		await open();
		const looked = await lookup();
		const ids = looked.map((event) => event.EventId).sort();
		// What CloudTrail has delivered by now (the group's history begins 30 minutes before the start).
		const records = parsed(await all('aws-cloudtrail-logs-iot')).map(({body}) => body.eventID as string);
		expect(records.length).toBeGreaterThan(3);
		expect([...records].sort()).toEqual(ids.filter((id) => records.includes(id!)));
		expect(ids.filter((id) => !records.includes(id!))).toEqual([]);
		const bridged = parsed(await all('/aws/events/iot-fleet'))
			.filter(({body}) => body.source === 'aws.iot')
			.map(({body}) => body.detail.eventID as string);
		for (const id of records) expect(bridged).toContain(id);
	});

	it("the Health issue in EventBridge is DescribeEvents' event: same arn, type, status and times", async () => {
		await open();
		const described = (await health!.send(new DescribeEventsCommand({filter: {eventStatusCodes: ['open']}}))).events!;
		expect(described).toHaveLength(1);
		const [issue] = described;
		const notices = parsed(await all('/aws/events/iot-fleet')).filter(({body}) => body.source === 'aws.health');
		expect(notices.map(({body}) => [body['detail-type'], body.detail.eventArn])).toEqual([
			['AWS Health Event', issue.arn],
			['AWS Health Event', issue.arn],
		]);
		const latest = notices.at(-1)!;
		expect(latest.body.detail).toMatchObject({
			eventArn: issue.arn,
			eventTypeCode: issue.eventTypeCode,
			service: issue.service,
			statusCode: issue.statusCode,
			startTime: issue.startTime!.toUTCString(),
			lastUpdatedTime: issue.lastUpdatedTime!.toUTCString(),
		});
		// The first told when it opened.
		expect(notices[0].at).toBe(issue.startTime!.getTime());
		expect(latest.at).toBe(issue.lastUpdatedTime!.getTime());
	});

	it('is the same for a seed every time', async () => {
		await open(8);
		const first = (await all('aws-cloudtrail-logs-iot')).map((event) => event.message);
		await afterEachClose();
		await open(8);
		const second = (await all('aws-cloudtrail-logs-iot')).map((event) => event.message);
		expect(second).toEqual(first);
		expect(first.length).toBeGreaterThan(0);
	});
});

async function afterEachClose(): Promise<void> {
	logs?.destroy();
	trail?.destroy();
	health?.destroy();
	await sim?.close();
}
