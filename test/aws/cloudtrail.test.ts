// CloudTrail through the real SDK against the simulator: a read pages with NextToken to the end
// (or its budget) without a ThrottlingException at the account's real quota (2 requests/s), and
// each record becomes a sanitized ChangeEvent naming who, what, where from and the error.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {Event} from '@aws-sdk/client-cloudtrail';
import {lookupIotChanges, lookupResourceChanges, toChangeEvent} from '../../source/aws/cloudtrail.js';
import type {AwsClients} from '../../source/aws/clients.js';
import {createManualClock} from '../../source/sim/contract.js';
import {startSimulator, type Simulator} from '../../source/sim/index.js';
import {hasControlSequences} from '../../source/terminal/sanitize.js';
import {clientsFor} from '../helpers/engine.js';

const START = Date.UTC(2026, 2, 10, 12, 0, 30);
const DAY = 86_400_000;

let sim: Simulator;
let clients: AwsClients;

beforeAll(async () => {
	sim = await startSimulator({seed: 4, things: 40, clock: createManualClock(START), historyMinutes: 5, logRate: 0});
	clients = clientsFor(sim.url);
});

afterAll(async () => {
	clients?.destroy();
	await sim?.close();
});

describe('lookupIotChanges', () => {
	it('reads every page (NextToken) of two days, within the 2 requests/s quota', async () => {
		const since = START - 2 * DAY;
		const expected = sim.cloudtrail
			.eventsBetween(since, START + 1)
			.filter((event) => event.deliveredAt <= START)
			.map((event) => event.id);
		expect(expected.length).toBeGreaterThan(100);
		const throttledBefore = sim.cloudtrail.throttled();
		// A resource's lookup at the same time shares the quota.
		const [result, resource] = await Promise.all([
			lookupIotChanges(clients, {since, pageBudget: 20}),
			lookupResourceChanges(clients, sim.resources.policies()[0].policyName, {since, pageBudget: 2}),
		]);
		expect(result.pages).toBeGreaterThan(2);
		expect(result.complete).toBe(true);
		expect(result.events.map((event) => event.id)).toEqual(expected);
		expect(resource.events.every((event) => event.resources.includes(sim.resources.policies()[0].policyName))).toBe(true);
		expect(sim.cloudtrail.throttled() - throttledBefore).toBe(0);
	}, 30_000);

	it('stops at its page budget and says the read is not complete', async () => {
		const result = await lookupIotChanges(clients, {since: START - 10 * DAY, pageBudget: 2});
		expect(result.pages).toBe(2);
		expect(result.complete).toBe(false);
		expect(result.events).toHaveLength(100);
	});
});

describe('toChangeEvent', () => {
	const base: Event = {EventId: 'e1', EventName: 'UpdateThing', EventTime: new Date(START), Username: 'fallback-user'};
	const withRecord = (record: unknown): Event => ({...base, CloudTrailEvent: JSON.stringify(record)});

	it.each([
		['an IAM user by name', {userIdentity: {type: 'IAMUser', userName: 'maria.ops', arn: 'arn:aws:iam::1:user/maria.ops'}}, 'maria.ops'],
		[
			"an assumed role by the role's name",
			{
				userIdentity: {
					type: 'AssumedRole',
					arn: 'arn:aws:sts::1:assumed-role/iot-deployer/ci-42',
					sessionContext: {sessionIssuer: {userName: 'iot-deployer'}},
				},
			},
			'iot-deployer',
		],
		[
			'an assumed role without its issuer by ARN',
			{userIdentity: {type: 'AssumedRole', arn: 'arn:aws:sts::1:assumed-role/r/s'}},
			'arn:aws:sts::1:assumed-role/r/s',
		],
		['the root user', {userIdentity: {type: 'Root', arn: 'arn:aws:iam::1:root'}}, 'root'],
		['a record without an identity by the Username', {}, 'fallback-user'],
	])('names %s', (_what, record, user) => {
		expect(toChangeEvent(withRecord(record)).user).toBe(user);
	});

	it('takes the source IP, the error and the whole record, pretty-printed', () => {
		const event = toChangeEvent({
			...withRecord({sourceIPAddress: '198.51.100.7', errorCode: 'AccessDenied', errorMessage: 'not authorized', awsRegion: 'eu-west-1'}),
			Resources: [{ResourceType: 'AWS::IoT::Thing', ResourceName: 'pump-1'}],
		});
		expect(event).toMatchObject({
			sourceIp: '198.51.100.7',
			errorCode: 'AccessDenied',
			errorMessage: 'not authorized',
			region: 'eu-west-1',
			resources: ['pump-1'],
		});
		expect(event.record.split('\n').length).toBeGreaterThan(3);
	});

	it('strips terminal escapes from every field and the record', () => {
		const hostile = '\u001B]0;owned\u0007evil\u001B[2J';
		const event = toChangeEvent({
			...withRecord({userIdentity: {type: 'IAMUser', userName: hostile}, sourceIPAddress: hostile, errorCode: hostile}),
			EventName: hostile,
			Resources: [{ResourceName: hostile}],
		});
		for (const field of [event.user, event.sourceIp, event.errorCode, event.eventName, ...event.resources]) {
			expect(hasControlSequences(field ?? '')).toBe(false);
		}
		expect(hasControlSequences(event.record, true)).toBe(false);
	});

	it('keeps a record that is not JSON as it came, the summary fields still telling what happened', () => {
		const event = toChangeEvent({...base, CloudTrailEvent: 'not json'});
		expect(event).toMatchObject({eventName: 'UpdateThing', user: 'fallback-user', record: 'not json'});
	});
});
