// Seeding the simulator over the wire, as the conformance suite seeds moto: an empty account,
// the mutating IoT calls with AWS's shapes and errors, gzip-compressed PutMetricData, and the
// AWS/IoT counts only the (simulated) IoT service may write.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {DescribeAlarmsCommand, GetMetricDataCommand, PutMetricDataCommand} from '@aws-sdk/client-cloudwatch';
import {DescribeLogGroupsCommand, FilterLogEventsCommand} from '@aws-sdk/client-cloudwatch-logs';
import {
	CreateKeysAndCertificateCommand,
	CreatePolicyCommand,
	CreateThingCommand,
	CreateThingTypeCommand,
	CreateTopicRuleCommand,
	DescribeCertificateCommand,
	GetPolicyCommand,
	GetTopicRuleCommand,
	ListCACertificatesCommand,
	ListCertificatesCommand,
	ListPoliciesCommand,
	ListThingsCommand,
	ListThingTypesCommand,
	ListTopicRulesCommand,
	UpdateCertificateCommand,
} from '@aws-sdk/client-iot';
import type {AwsClients} from '../../source/aws/clients.js';
import {createManualClock} from '../../source/sim/contract.js';
import {startSimulator, type Simulator} from '../../source/sim/index.js';
import {clientsFor} from '../helpers/engine.js';

const START = Date.UTC(2026, 2, 10, 12, 0, 30);
const MINUTE = 60_000;

describe('an empty account', () => {
	let sim: Simulator;
	let clients: AwsClients;
	beforeAll(async () => {
		sim = await startSimulator({empty: true, clock: createManualClock(START)});
		clients = clientsFor(sim.url, {maxAttempts: 1});
	});
	afterAll(async () => {
		clients.destroy();
		await sim.close();
	});

	it('has no things, types, certificates, CA certificates, policies, rules, log groups or alarms', async () => {
		expect((await clients.iot.send(new ListThingsCommand({}))).things).toEqual([]);
		expect((await clients.iot.send(new ListThingTypesCommand({}))).thingTypes).toEqual([]);
		expect((await clients.iot.send(new ListCertificatesCommand({}))).certificates).toEqual([]);
		expect((await clients.iot.send(new ListCACertificatesCommand({}))).certificates).toEqual([]);
		expect((await clients.iot.send(new ListPoliciesCommand({}))).policies).toEqual([]);
		expect((await clients.iot.send(new ListTopicRulesCommand({}))).rules).toEqual([]);
		expect((await clients.logs.send(new DescribeLogGroupsCommand({}))).logGroups).toEqual([]);
		await expect(clients.logs.send(new FilterLogEventsCommand({logGroupName: 'AWSIotLogsV2'}))).rejects.toMatchObject({
			name: 'ResourceNotFoundException',
		});
		const alarms = await clients.cloudwatch.send(new DescribeAlarmsCommand({AlarmTypes: ['MetricAlarm', 'CompositeAlarm']}));
		expect([...(alarms.MetricAlarms ?? []), ...(alarms.CompositeAlarms ?? [])]).toEqual([]);
	});

	it('has no AWS/IoT traffic but what is recorded, also before its start; a minute already read cannot be recorded', async () => {
		const query = {Id: 'connects', Expression: `SUM(SEARCH('{AWS/IoT,Protocol} MetricName="Connect.Success"', 'Sum', 60))`, Period: 60};
		const read = () =>
			clients.cloudwatch.send(
				new GetMetricDataCommand({
					StartTime: new Date(START - 30 * MINUTE),
					EndTime: new Date(START),
					ScanBy: 'TimestampAscending',
					MetricDataQueries: [query],
				}),
			);
		sim.scenario.record('Connect.Success', {Protocol: 'MQTT'}, START - 20 * MINUTE + 15_000, 40);
		sim.scenario.record('Connect.Success', {Protocol: 'HTTP'}, START - 20 * MINUTE + 20_000, 3);
		sim.scenario.record('Connect.Success', {Protocol: 'MQTT'}, START - 2 * MINUTE, 7);
		const result = (await read()).MetricDataResults?.[0];
		const minuteOf = (ms: number) => Math.floor(ms / MINUTE) * MINUTE;
		expect(result?.Timestamps?.map((t) => t.getTime())).toEqual([minuteOf(START - 20 * MINUTE), minuteOf(START - 2 * MINUTE)]);
		expect(result?.Values).toEqual([43, 7]);
		// The metric store caches what it read: a record it could not see is an error, not a silent gap.
		expect(() => sim.scenario.record('Connect.Success', {Protocol: 'MQTT'}, START - 5 * MINUTE, 1)).toThrow(/already read/);
	});

	it('takes a PutMetricData body the SDK gzipped (from 10 KiB on), as AWS does', async () => {
		const data = Array.from({length: 200}, (_, i) => ({
			MetricName: 'Temperature',
			Dimensions: [{Name: 'Site', Value: 'a-site-name-long-enough-to-need-compression'}],
			Timestamp: new Date(START - (i + 1) * MINUTE),
			Value: i,
		}));
		await clients.cloudwatch.send(new PutMetricDataCommand({Namespace: 'Fleet', MetricData: data}));
		const read = await clients.cloudwatch.send(
			new GetMetricDataCommand({
				StartTime: new Date(START - 300 * MINUTE),
				EndTime: new Date(START),
				MetricDataQueries: [
					{
						Id: 't',
						MetricStat: {
							Metric: {Namespace: 'Fleet', MetricName: 'Temperature', Dimensions: data[0].Dimensions},
							Period: 60,
							Stat: 'Maximum',
						},
					},
				],
			}),
		);
		expect(read.MetricDataResults?.[0].Values).toHaveLength(200);
	});
});

describe('the mutating IoT calls a test seeds with', () => {
	let sim: Simulator;
	let clients: AwsClients;
	beforeAll(async () => {
		sim = await startSimulator({empty: true, clock: createManualClock(START)});
		clients = clientsFor(sim.url, {maxAttempts: 1});
	});
	afterAll(async () => {
		clients.destroy();
		await sim.close();
	});

	it('CreateThingType: listed with its properties; a thing may then use it, an unknown type is refused', async () => {
		const created = await clients.iot.send(
			new CreateThingTypeCommand({
				thingTypeName: 'Gateway',
				thingTypeProperties: {thingTypeDescription: 'Site gateways', searchableAttributes: ['site']},
			}),
		);
		expect(created.thingTypeArn).toBe('arn:aws:iot:us-east-1:123456789012:thingtype/Gateway');
		const listed = await clients.iot.send(new ListThingTypesCommand({}));
		expect(listed.thingTypes).toEqual([
			expect.objectContaining({
				thingTypeName: 'Gateway',
				thingTypeProperties: {thingTypeDescription: 'Site gateways', searchableAttributes: ['site']},
				thingTypeMetadata: {deprecated: false, creationDate: new Date(START)},
			}),
		]);
		await expect(clients.iot.send(new CreateThingTypeCommand({thingTypeName: 'Gateway'}))).rejects.toMatchObject({
			name: 'ResourceAlreadyExistsException',
		});
		await clients.iot.send(
			new CreateThingCommand({thingName: 'gw-1', thingTypeName: 'Gateway', attributePayload: {attributes: {site: 'lab'}}}),
		);
		expect((await clients.iot.send(new ListThingsCommand({thingTypeName: 'Gateway'}))).things?.map((t) => t.thingName)).toEqual(['gw-1']);
		await expect(clients.iot.send(new CreateThingCommand({thingName: 'x-1', thingTypeName: 'Nope'}))).rejects.toMatchObject({
			name: 'ResourceNotFoundException',
		});
	});

	it('CreatePolicy: version 1 with the document as given; a document that is not JSON is MalformedPolicyException', async () => {
		const document = JSON.stringify({Version: '2012-10-17', Statement: [{Effect: 'Allow', Action: 'iot:*', Resource: '*'}]});
		const created = await clients.iot.send(new CreatePolicyCommand({policyName: 'DebugAccess', policyDocument: document}));
		expect(created).toMatchObject({
			policyName: 'DebugAccess',
			policyArn: 'arn:aws:iot:us-east-1:123456789012:policy/DebugAccess',
			policyDocument: document,
			policyVersionId: '1',
		});
		expect(await clients.iot.send(new GetPolicyCommand({policyName: 'DebugAccess'}))).toMatchObject({
			policyDocument: document,
			defaultVersionId: '1',
		});
		await expect(clients.iot.send(new CreatePolicyCommand({policyName: 'Bad', policyDocument: '{not json'}))).rejects.toMatchObject({
			name: 'MalformedPolicyException',
		});
		await expect(clients.iot.send(new CreatePolicyCommand({policyName: 'DebugAccess', policyDocument: document}))).rejects.toMatchObject({
			name: 'ResourceAlreadyExistsException',
		});
	});

	it('CreateTopicRule: the topic pattern comes from the SQL, a disabled rule lists as disabled, bad SQL is SqlParseException', async () => {
		await clients.iot.send(
			new CreateTopicRuleCommand({
				ruleName: 'alerts',
				topicRulePayload: {
					sql: "SELECT * FROM 'devices/+/alerts' WHERE severity > 2",
					actions: [{lambda: {functionArn: 'arn:aws:lambda:us-east-1:123456789012:function:f'}}],
				},
			}),
		);
		await clients.iot.send(
			new CreateTopicRuleCommand({
				ruleName: 'legacy',
				topicRulePayload: {sql: "SELECT * FROM 'legacy/#'", actions: [], ruleDisabled: true},
			}),
		);
		const listed = await clients.iot.send(new ListTopicRulesCommand({}));
		expect(listed.rules?.map((rule) => [rule.ruleName, rule.topicPattern, rule.ruleDisabled])).toEqual([
			['alerts', 'devices/+/alerts', false],
			['legacy', 'legacy/#', true],
		]);
		expect((await clients.iot.send(new ListTopicRulesCommand({ruleDisabled: true}))).rules?.map((rule) => rule.ruleName)).toEqual([
			'legacy',
		]);
		const rule = await clients.iot.send(new GetTopicRuleCommand({ruleName: 'alerts'}));
		expect(rule.rule).toMatchObject({
			sql: "SELECT * FROM 'devices/+/alerts' WHERE severity > 2",
			actions: [{lambda: {functionArn: 'arn:aws:lambda:us-east-1:123456789012:function:f'}}],
			ruleDisabled: false,
		});
		expect(rule.rule?.errorAction).toBeUndefined();
		await expect(
			clients.iot.send(new CreateTopicRuleCommand({ruleName: 'bad', topicRulePayload: {sql: 'SELECT *', actions: []}})),
		).rejects.toMatchObject({name: 'SqlParseException'});
		await expect(
			clients.iot.send(new CreateTopicRuleCommand({ruleName: 'bad-name', topicRulePayload: {sql: "SELECT * FROM 'a'", actions: []}})),
		).rejects.toMatchObject({name: 'InvalidRequestException'});
		await expect(
			clients.iot.send(new CreateTopicRuleCommand({ruleName: 'alerts', topicRulePayload: {sql: "SELECT * FROM 'a'", actions: []}})),
		).rejects.toMatchObject({name: 'ResourceAlreadyExistsException'});
	});

	it('CreateKeysAndCertificate: INACTIVE unless setAsActive, a key pair, valid until 2049-12-31T23:59:59Z; UpdateCertificate changes the status', async () => {
		const inactive = await clients.iot.send(new CreateKeysAndCertificateCommand({}));
		const active = await clients.iot.send(new CreateKeysAndCertificateCommand({setAsActive: true}));
		expect(inactive.certificateId).toMatch(/^[0-9a-f]{64}$/);
		expect(inactive.certificateArn).toBe(`arn:aws:iot:us-east-1:123456789012:cert/${inactive.certificateId}`);
		expect(inactive.certificatePem).toMatch(/^-----BEGIN CERTIFICATE-----\n/);
		expect(inactive.keyPair?.PublicKey).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
		expect(inactive.keyPair?.PrivateKey).toMatch(/^-----BEGIN RSA PRIVATE KEY-----\n/);
		const described = await clients.iot.send(new DescribeCertificateCommand({certificateId: inactive.certificateId}));
		expect(described.certificateDescription).toMatchObject({status: 'INACTIVE', validity: {notAfter: new Date('2049-12-31T23:59:59Z')}});

		await clients.iot.send(new UpdateCertificateCommand({certificateId: active.certificateId, newStatus: 'REVOKED'}));
		const statuses = Object.fromEntries(
			((await clients.iot.send(new ListCertificatesCommand({}))).certificates ?? []).map((c) => [c.certificateId, c.status]),
		);
		expect(statuses).toEqual({[inactive.certificateId!]: 'INACTIVE', [active.certificateId!]: 'REVOKED'});
		await expect(
			clients.iot.send(new UpdateCertificateCommand({certificateId: active.certificateId, newStatus: 'PENDING_TRANSFER'})),
		).rejects.toMatchObject({name: 'InvalidRequestException'});
		await expect(
			clients.iot.send(new UpdateCertificateCommand({certificateId: 'ab'.repeat(32), newStatus: 'ACTIVE'})),
		).rejects.toMatchObject({name: 'ResourceNotFoundException'});
	});
});

describe('UpdateCertificate on a generated fleet', () => {
	it('changes a generated certificate, which is never stored', async () => {
		const sim = await startSimulator({seed: 4, things: 50, clock: createManualClock(START), logRate: 0, historyMinutes: 0});
		const clients = clientsFor(sim.url, {maxAttempts: 1});
		try {
			const first = (await clients.iot.send(new ListCertificatesCommand({pageSize: 5}))).certificates!.find((c) => c.status === 'ACTIVE')!;
			await clients.iot.send(new UpdateCertificateCommand({certificateId: first.certificateId, newStatus: 'INACTIVE'}));
			const described = await clients.iot.send(new DescribeCertificateCommand({certificateId: first.certificateId}));
			expect(described.certificateDescription?.status).toBe('INACTIVE');
			expect(described.certificateDescription?.lastModifiedDate).toEqual(new Date(START));
		} finally {
			clients.destroy();
			await sim.close();
		}
	});
});
