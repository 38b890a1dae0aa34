// The simulator's CloudTrail (LookupEvents) and AWS Health, through the real SDK clients: the
// scripted policy change before each auth-error burst, paging, the 2 requests/s quota, the
// delivery delay, the errors, and Health's events, details and SubscriptionRequiredException.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {CloudTrailClient, LookupEventsCommand} from '@aws-sdk/client-cloudtrail';
import {DescribeEventDetailsCommand, DescribeEventsCommand, HealthClient} from '@aws-sdk/client-health';
import {createManualClock, type ManualClock} from '../../source/sim/contract.js';
import {startSimulator, type Simulator} from '../../source/sim/index.js';
import {TEST_CREDENTIALS} from '../helpers/engine.js';

const START = Date.UTC(2026, 2, 10, 12, 0, 0);
const MINUTE = 60_000;

let sim: Simulator;
let clock: ManualClock;
let trail: CloudTrailClient;
let health: HealthClient;

beforeAll(async () => {
	clock = createManualClock(START);
	sim = await startSimulator({seed: 3, things: 50, clock, historyMinutes: 10, logRate: 0});
	const config = {region: 'us-east-1', endpoint: sim.url, credentials: TEST_CREDENTIALS, maxAttempts: 1};
	trail = new CloudTrailClient(config);
	health = new HealthClient(config);
	// The tests' own pace stays under the quota but for the test that breaks it.
	sim.cloudtrail.quota.burst = 1000;
	sim.cloudtrail.quota.ratePerSecond = 1000;
});

afterAll(async () => {
	trail?.destroy();
	health?.destroy();
	await sim?.close();
});

const iot = [{AttributeKey: 'EventSource' as const, AttributeValue: 'iot.amazonaws.com'}];

describe('simulated CloudTrail LookupEvents', () => {
	it('records a policy change 2 minutes before each auth-error burst, delivered minutes later', async () => {
		const burst = sim.scenario.incidents.find((incident) => incident.kind === 'authErrors' && incident.from > START)!;
		clock.set(burst.from + 10 * MINUTE);
		const page = await trail.send(new LookupEventsCommand({LookupAttributes: iot, StartTime: new Date(burst.from - 10 * MINUTE)}));
		const change = page.Events?.find((event) => event.EventName === 'CreatePolicyVersion');
		expect(change).toBeDefined();
		const lead = burst.from - change!.EventTime!.getTime();
		expect(lead).toBeGreaterThanOrEqual(100_000);
		expect(lead).toBeLessThanOrEqual(2 * MINUTE);
		const record = JSON.parse(change!.CloudTrailEvent!) as Record<string, unknown>;
		expect(record).toMatchObject({eventName: 'CreatePolicyVersion', eventSource: 'iot.amazonaws.com', eventType: 'AwsApiCall'});
		expect(record.sourceIPAddress).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
		expect(change!.Resources?.[0]?.ResourceType).toBe('AWS::IoT::Policy');
		// Newest first.
		const times = (page.Events ?? []).map((event) => event.EventTime!.getTime());
		expect([...times].sort((a, b) => b - a)).toEqual(times);
		// At the burst's start the change is made but not yet delivered (2-5 minutes).
		clock.set(change!.EventTime!.getTime() + MINUTE);
		const early = await trail.send(new LookupEventsCommand({LookupAttributes: iot, StartTime: new Date(burst.from - 10 * MINUTE)}));
		expect(early.Events?.some((event) => event.EventId === change!.EventId)).toBe(false);
	});

	it('pages 50 at a time with NextToken over days of background events, none twice', async () => {
		clock.set(START + 30 * MINUTE);
		const seen = new Set<string>();
		let token: string | undefined;
		let pages = 0;
		do {
			const page = await trail.send(
				new LookupEventsCommand({LookupAttributes: iot, StartTime: new Date(START - 3 * 86_400_000), NextToken: token}),
			);
			for (const event of page.Events ?? []) {
				expect(seen.has(event.EventId!)).toBe(false);
				seen.add(event.EventId!);
			}
			expect(page.Events!.length).toBeLessThanOrEqual(50);
			token = page.NextToken;
			pages++;
		} while (token);
		expect(pages).toBeGreaterThan(1);
		expect(seen.size).toBeGreaterThan(50);
	});

	it('filters by ResourceName and answers the documented errors', async () => {
		const policy = sim.cloudtrail.policyChanges()[0];
		clock.set(policy.time + 10 * MINUTE);
		const byName = await trail.send(
			new LookupEventsCommand({LookupAttributes: [{AttributeKey: 'ResourceName', AttributeValue: policy.resources[0].name}]}),
		);
		expect(byName.Events!.length).toBeGreaterThan(0);
		expect(byName.Events!.every((event) => event.Resources?.some((resource) => resource.ResourceName === policy.resources[0].name))).toBe(
			true,
		);
		await expect(
			trail.send(
				new LookupEventsCommand({
					LookupAttributes: [
						{AttributeKey: 'EventName', AttributeValue: 'A'},
						{AttributeKey: 'EventName', AttributeValue: 'B'},
					],
				}),
			),
		).rejects.toMatchObject({name: 'InvalidLookupAttributesException'});
		await expect(trail.send(new LookupEventsCommand({MaxResults: 51}))).rejects.toMatchObject({name: 'InvalidMaxResultsException'});
		await expect(
			trail.send(new LookupEventsCommand({StartTime: new Date(START), EndTime: new Date(START - MINUTE)})),
		).rejects.toMatchObject({
			name: 'InvalidTimeRangeException',
		});
		await expect(trail.send(new LookupEventsCommand({NextToken: 'garbage'}))).rejects.toMatchObject({name: 'InvalidNextTokenException'});
	});

	it('throttles beyond 2 requests a second', async () => {
		sim.cloudtrail.quota.burst = 2;
		sim.cloudtrail.quota.ratePerSecond = 2;
		try {
			const before = sim.cloudtrail.throttled();
			const answers = await Promise.allSettled([1, 2, 3, 4, 5].map(() => trail.send(new LookupEventsCommand({MaxResults: 1}))));
			const throttled = answers.filter((answer) => answer.status === 'rejected');
			expect(throttled.length).toBeGreaterThanOrEqual(3);
			expect((throttled[0] as PromiseRejectedResult).reason).toMatchObject({name: 'ThrottlingException'});
			expect(sim.cloudtrail.throttled() - before).toBe(throttled.length);
		} finally {
			sim.cloudtrail.quota.burst = 1000;
			sim.cloudtrail.quota.ratePerSecond = 1000;
		}
	});
});

describe('simulated AWS Health', () => {
	it('lists the open IoT issue and the closed one, and describes them', async () => {
		const open = await health.send(new DescribeEventsCommand({filter: {services: ['IOT'], eventStatusCodes: ['open']}}));
		expect(open.events).toHaveLength(1);
		expect(open.events![0]).toMatchObject({
			service: 'IOT',
			eventTypeCode: 'AWS_IOT_OPERATIONAL_ISSUE',
			region: 'us-east-1',
			statusCode: 'open',
		});
		const all = await health.send(new DescribeEventsCommand({filter: {services: ['IOT']}}));
		expect(all.events!.map((event) => event.statusCode)).toEqual(['open', 'closed']);
		const details = await health.send(new DescribeEventDetailsCommand({eventArns: [open.events![0].arn!, 'arn:aws:health:nope']}));
		expect(details.successfulSet?.[0].eventDescription?.latestDescription).toMatch(/increased connection errors/i);
		expect(details.failedSet?.[0].eventArn).toBe('arn:aws:health:nope');
	});

	it('answers SubscriptionRequiredException without a support plan', async () => {
		sim.health.subscription = false;
		try {
			await expect(health.send(new DescribeEventsCommand({}))).rejects.toMatchObject({name: 'SubscriptionRequiredException'});
		} finally {
			sim.health.subscription = true;
		}
	});
});
