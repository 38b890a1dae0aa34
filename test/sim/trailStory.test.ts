// The simulator's CloudTrail and EventBridge log groups over the wire (real SDK): listed with
// the IoT groups, each event one CloudTrail record or one EventBridge event of AWS's shape,
// telling the auth-error burst's story at the right minutes, the same for a seed every time.
import {
	CloudWatchLogsClient,
	DescribeLogGroupsCommand,
	FilterLogEventsCommand,
	type FilteredLogEvent,
} from '@aws-sdk/client-cloudwatch-logs';
import {afterEach, describe, expect, it} from 'vitest';
import {createManualClock} from '../../source/sim/contract.js';
import {startSimulator, type Simulator} from '../../source/sim/index.js';
import {MINUTE} from '../../source/sim/scenario.js';

const START = Date.UTC(2026, 2, 10, 12, 0, 0);
const BURST = {from: START + 10 * MINUTE, to: START + 16 * MINUTE};

let sim: Simulator | undefined;
let client: CloudWatchLogsClient | undefined;

afterEach(async () => {
	client?.destroy();
	await sim?.close();
	sim = client = undefined;
});

async function open(seed = 4): Promise<CloudWatchLogsClient> {
	const clock = createManualClock(START);
	sim = await startSimulator({
		port: 0,
		seed,
		things: 30,
		clock,
		historyMinutes: 0,
		incidents: [{kind: 'authErrors', ...BURST, intensity: 5}],
		logRate: 0,
	});
	clock.set(START + 25 * MINUTE);
	client = new CloudWatchLogsClient({endpoint: sim.url, region: 'us-east-1', credentials: {accessKeyId: 't', secretAccessKey: 't'}});
	return client;
}

async function all(client: CloudWatchLogsClient, logGroupName: string): Promise<FilteredLogEvent[]> {
	const events: FilteredLogEvent[] = [];
	let nextToken: string | undefined;
	do {
		const page = await client.send(new FilterLogEventsCommand({logGroupName, nextToken}));
		events.push(...(page.events ?? []));
		nextToken = page.nextToken;
	} while (nextToken);
	return events;
}

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- a parsed document
const parsed = (events: FilteredLogEvent[]) => events.map((event) => ({at: event.timestamp!, body: JSON.parse(event.message!) as Json}));

describe('simulator: CloudTrail and EventBridge log groups', () => {
	it('lists both groups with the IoT ones', async () => {
		const client = await open();
		const names = (await client.send(new DescribeLogGroupsCommand({}))).logGroups!.map((group) => group.logGroupName);
		expect(names).toEqual(expect.arrayContaining(['AWSIotLogsV2', '/aws/iot/rules', '/aws/events/iot-fleet', 'aws-cloudtrail-logs-iot']));
	});

	it('CloudTrail: the fleet policy changes two minutes before the burst; a denied, then a successful rollback during it; background calls a few a minute', async () => {
		const records = parsed(await all(await open(), 'aws-cloudtrail-logs-iot'));
		for (const {body} of records) {
			expect(body).toMatchObject({
				eventVersion: '1.09',
				eventSource: 'iot.amazonaws.com',
				eventType: 'AwsApiCall',
				recipientAccountId: '123456789012',
			});
			expect(typeof body.eventName).toBe('string');
		}
		const change = records.filter(({body}) => body.eventName === 'CreatePolicyVersion');
		expect(change).toHaveLength(1);
		expect(change[0].at).toBeGreaterThanOrEqual(BURST.from - 2 * MINUTE);
		expect(change[0].at).toBeLessThan(BURST.from);
		expect(change[0].body).toMatchObject({
			userIdentity: {type: 'IAMUser', userName: 'deploy-ci'},
			sourceIPAddress: '203.0.113.24',
			requestParameters: {policyName: 'SensorTelemetryPolicy', setAsDefault: true},
		});
		const rollbacks = records.filter(({body}) => body.eventName === 'SetDefaultPolicyVersion');
		expect(rollbacks.map(({body}) => [body.userIdentity.sessionContext.sessionIssuer.userName, body.errorCode])).toEqual([
			['ReadOnly', 'AccessDeniedException'],
			['OnCallAdmin', undefined],
		]);
		for (const {at} of rollbacks) expect(at >= BURST.from && at < BURST.to).toBe(true);
		// About two a minute in the background over 25 minutes.
		expect(records.length).toBeGreaterThan(25);
		expect(records.length).toBeLessThan(100);
	});

	it('EventBridge: the envelope with write calls as "AWS API Call via CloudTrail" and the AWS Health issue open in the burst, closed after', async () => {
		const events = parsed(await all(await open(), '/aws/events/iot-fleet'));
		for (const {body} of events) {
			expect(Object.keys(body)).toEqual(['version', 'id', 'detail-type', 'source', 'account', 'time', 'region', 'resources', 'detail']);
		}
		const calls = events.filter(({body}) => body['detail-type'] === 'AWS API Call via CloudTrail');
		expect(calls.length).toBeGreaterThan(3);
		// Without the read-only opt-in, EventBridge carries write calls only.
		expect(calls.every(({body}) => body.source === 'aws.iot' && body.detail.readOnly === false)).toBe(true);
		const health = events.filter(({body}) => body.source === 'aws.health');
		expect(health.map(({body}) => [body['detail-type'], body.detail.statusCode])).toEqual([
			['AWS Health Event', 'open'],
			['AWS Health Event', 'closed'],
		]);
		expect(health[0].at >= BURST.from && health[0].at < BURST.to).toBe(true);
		expect(health[1].at).toBeGreaterThanOrEqual(BURST.to);
		expect(health[0].body.detail.eventArn).toBe(health[1].body.detail.eventArn);
	});

	it('is the same for a seed every time', async () => {
		const first = (await all(await open(8), 'aws-cloudtrail-logs-iot')).map((event) => event.message);
		client?.destroy();
		await sim?.close();
		const second = (await all(await open(8), 'aws-cloudtrail-logs-iot')).map((event) => event.message);
		expect(second).toEqual(first);
	});
});
