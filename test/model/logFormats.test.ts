// CloudTrail records and EventBridge events in a log group: what each becomes (its kind, the
// fields the Logs pane shows, its level), that IoT v2 lines still parse as they did, and that
// hostile text in any field arrives sanitized.
import {describe, expect, it} from 'vitest';
import {toLogEvent} from '../../source/model/iotLog.js';
import {logKind, logRecordOf, shortArn, typeKey, typeOfKey} from '../../source/model/logFormats.js';
import type {LogRecord} from '../../source/model/types.js';
import {hasControlSequences} from '../../source/terminal/sanitize.js';
import {loadHostileStrings} from '../helpers/hostile.js';

const ACCOUNT = '123456789012';

function trail(overrides: Record<string, unknown> = {}): Record<string, unknown> {
	return {
		eventVersion: '1.09',
		userIdentity: {
			type: 'IAMUser',
			principalId: 'AIDAEXAMPLE',
			arn: `arn:aws:iam::${ACCOUNT}:user/deploy-ci`,
			accountId: ACCOUNT,
			userName: 'deploy-ci',
		},
		eventTime: '2026-11-24T02:59:45Z',
		eventSource: 'iot.amazonaws.com',
		eventName: 'CreatePolicyVersion',
		awsRegion: 'us-east-1',
		sourceIPAddress: '203.0.113.24',
		requestParameters: {policyName: 'SensorTelemetryPolicy', setAsDefault: true},
		responseElements: null,
		eventType: 'AwsApiCall',
		readOnly: false,
		recipientAccountId: ACCOUNT,
		...overrides,
	};
}

const assumedRole = {
	type: 'AssumedRole',
	principalId: 'AROAEXAMPLE:sam',
	arn: `arn:aws:sts::${ACCOUNT}:assumed-role/OnCallAdmin/sam`,
	sessionContext: {sessionIssuer: {type: 'Role', arn: `arn:aws:iam::${ACCOUNT}:role/OnCallAdmin`, userName: 'OnCallAdmin'}},
};

function bridge(overrides: Record<string, unknown> = {}): Record<string, unknown> {
	return {
		version: '0',
		id: '5794dfb0-3ecc-546c-d051-f681d40253eb',
		'detail-type': 'AWS Health Event',
		source: 'aws.health',
		account: ACCOUNT,
		time: '2026-11-24T03:02:07Z',
		region: 'us-east-1',
		resources: [],
		detail: {eventTypeCode: 'AWS_IOT_OPERATIONAL_ISSUE', eventTypeCategory: 'issue', statusCode: 'open', eventRegion: 'us-east-1'},
		...overrides,
	};
}

describe('logRecordOf', () => {
	it.each<[string, Record<string, unknown>, {record: LogRecord; level: string} | undefined]>([
		[
			'a CloudTrail record by an IAM user',
			trail(),
			{
				level: 'INFO',
				record: {
					kind: 'cloudtrail',
					eventName: 'CreatePolicyVersion',
					eventSource: 'iot.amazonaws.com',
					user: 'deploy-ci',
					sourceIp: '203.0.113.24',
					region: 'us-east-1',
					account: ACCOUNT,
				},
			},
		],
		[
			"an assumed role is named by its session issuer's userName",
			trail({userIdentity: assumedRole}),
			{level: 'INFO', record: expect.objectContaining({user: 'OnCallAdmin'}) as LogRecord},
		],
		[
			'without a user name, the identity is its arn',
			trail({userIdentity: {type: 'Root', arn: `arn:aws:iam::${ACCOUNT}:root`}}),
			{level: 'INFO', record: expect.objectContaining({user: `arn:aws:iam::${ACCOUNT}:root`}) as LogRecord},
		],
		[
			'an AWS service calling on its own is named by invokedBy',
			trail({userIdentity: {type: 'AWSService', invokedBy: 'iot.amazonaws.com'}}),
			{level: 'INFO', record: expect.objectContaining({user: 'iot.amazonaws.com'}) as LogRecord},
		],
		[
			'no identity at all: no user (shown as unknown, never as someone)',
			trail({userIdentity: undefined}),
			{level: 'INFO', record: expect.not.objectContaining({user: expect.anything()}) as LogRecord},
		],
		[
			'a call with an errorCode is ERROR, AccessDenied included',
			trail({errorCode: 'AccessDeniedException', errorMessage: 'User is not authorized to perform: iot:SetDefaultPolicyVersion'}),
			{
				level: 'ERROR',
				record: expect.objectContaining({
					errorCode: 'AccessDeniedException',
					errorMessage: 'User is not authorized to perform: iot:SetDefaultPolicyVersion',
				}) as LogRecord,
			},
		],
		[
			'an open AWS Health issue is WARN, with its type, status and region in the summary',
			bridge(),
			{
				level: 'WARN',
				record: {
					kind: 'eventbridge',
					detailType: 'AWS Health Event',
					source: 'aws.health',
					region: 'us-east-1',
					account: ACCOUNT,
					summary: 'AWS_IOT_OPERATIONAL_ISSUE · open · us-east-1',
				},
			},
		],
		[
			'a closed one is INFO',
			bridge({detail: {eventTypeCode: 'AWS_IOT_OPERATIONAL_ISSUE', eventTypeCategory: 'issue', statusCode: 'closed'}}),
			{level: 'INFO', record: expect.objectContaining({summary: 'AWS_IOT_OPERATIONAL_ISSUE · closed'}) as LogRecord},
		],
		[
			'a scheduled change is INFO',
			bridge({detail: {eventTypeCode: 'AWS_IOT_MAINTENANCE', eventTypeCategory: 'scheduledChange', statusCode: 'upcoming'}}),
			{level: 'INFO', record: expect.objectContaining({detailType: 'AWS Health Event'}) as LogRecord},
		],
		[
			'an API call through EventBridge is named by its call, with its user and error; a failed one is ERROR',
			bridge({
				'detail-type': 'AWS API Call via CloudTrail',
				source: 'aws.iot',
				detail: trail({userIdentity: assumedRole, errorCode: 'AccessDeniedException'}),
			}),
			{
				level: 'ERROR',
				record: expect.objectContaining({
					detailType: 'AWS API Call via CloudTrail',
					eventName: 'CreatePolicyVersion',
					source: 'aws.iot',
					summary: 'OnCallAdmin · 203.0.113.24 · AccessDeniedException',
					errorCode: 'AccessDeniedException',
				}) as LogRecord,
			},
		],
		[
			'resources are shortened to their resource part',
			bridge({
				'detail-type': 'Thing Changed',
				source: 'custom.fleet',
				resources: [`arn:aws:iot:us-east-1:${ACCOUNT}:thing/sensor-1`, `arn:aws:iot:us-east-1:${ACCOUNT}:policy/Fleet`, 42],
				detail: {state: 'changed', count: 3, nested: {a: 1}},
			}),
			{
				level: 'INFO',
				record: expect.objectContaining({resources: 'thing/sensor-1, policy/Fleet', summary: 'state=changed count=3'}) as LogRecord,
			},
		],
		['an IoT v2 line is no record', {logLevel: 'INFO', eventType: 'Connect', clientId: 'dev-1'}, undefined],
		['a CloudTrail look-alike without eventSource is no record', {eventVersion: '1.09', eventName: 'X'}, undefined],
		['an EventBridge look-alike without a detail object is no record', {'detail-type': 'X', source: 'y', detail: 'z'}, undefined],
	])('%s', (_name, parsed, expected) => {
		expect(logRecordOf(parsed)).toEqual(expected);
	});

	it('holds no keys for the fields an event lacked (10,000 buffered events)', () => {
		const record = logRecordOf({eventVersion: '1', eventName: 'ListThings', eventSource: 'iot.amazonaws.com'})!.record;
		expect(Object.keys(record)).toEqual(['kind', 'eventName', 'eventSource']);
	});

	it('sanitizes a hostile string in every field it keeps', () => {
		for (const {name, text} of loadHostileStrings()) {
			const identity = {userName: text, arn: text, sessionContext: {sessionIssuer: {userName: text}}};
			const ct = logRecordOf(
				trail({eventName: text, eventSource: text, userIdentity: identity, sourceIPAddress: text, errorCode: text, errorMessage: text}),
			)!.record;
			const eb = logRecordOf(
				bridge({
					'detail-type': text,
					source: text,
					resources: [text, `arn:aws:iot:r:1:thing/${text}`],
					region: text,
					account: text,
					detail: {eventName: text, userIdentity: identity, errorCode: text, [text]: text},
				}),
			)!.record;
			const health = logRecordOf(
				bridge({detail: {eventTypeCode: text, statusCode: text, eventRegion: text, eventTypeCategory: text}}),
			)!.record;
			for (const record of [ct, eb, health]) {
				for (const [key, value] of Object.entries(record)) {
					expect(hasControlSequences(String(value)), `${name}: ${key} = ${JSON.stringify(value)}`).toBe(false);
				}
			}
		}
	});
});

describe('toLogEvent with other formats', () => {
	it('a CloudTrail record in a log group: kind, level and fields; its top-level eventType (AwsApiCall) is no IoT event type', () => {
		const event = toLogEvent({eventId: 'c1', timestamp: 1000, message: JSON.stringify(trail())}, 'aws-cloudtrail-logs-iot');
		expect(logKind(event)).toBe('cloudtrail');
		expect(event.level).toBe('INFO');
		expect(event.eventType).toBeUndefined();
		expect(event.clientId).toBeUndefined();
		expect(event.record).toMatchObject({eventName: 'CreatePolicyVersion', user: 'deploy-ci', sourceIp: '203.0.113.24'});
	});

	it('an IoT v2 line stays as it was: no record, the same fields', () => {
		const message = JSON.stringify({
			logLevel: 'ERROR',
			eventType: 'Connect',
			status: 'Failure',
			clientId: 'dev-1',
			reason: 'AUTHORIZATION_FAILURE',
		});
		const event = toLogEvent({eventId: 'i1', timestamp: 1000, message, logStreamName: 's'}, 'AWSIotLogsV2');
		expect(event).toEqual({
			id: 'i1',
			timestamp: 1000,
			logGroup: 'AWSIotLogsV2',
			logStream: 's',
			message,
			json: true,
			level: 'ERROR',
			eventType: 'Connect',
			clientId: 'dev-1',
			status: 'Failure',
			reason: 'AUTHORIZATION_FAILURE',
		});
		expect(logKind(event)).toBe('iot');
	});

	it('plain text and other JSON are text', () => {
		expect(logKind(toLogEvent({eventId: 't', timestamp: 1, message: 'INFO hello'}, 'g'))).toBe('text');
		expect(logKind(toLogEvent({eventId: 'j', timestamp: 1, message: '{"a":1}'}, 'g'))).toBe('text');
	});
});

describe('typeKey', () => {
	it.each([
		['IoT', {eventId: 'i', timestamp: 1, message: '{"logLevel":"INFO","eventType":"Connect"}'}, {kind: 'iot', name: 'Connect'}],
		[
			'CloudTrail',
			{eventId: 'c', timestamp: 1, message: JSON.stringify(trail({eventName: 'Connect'}))},
			{kind: 'cloudtrail', name: 'Connect'},
		],
		['EventBridge', {eventId: 'e', timestamp: 1, message: JSON.stringify(bridge())}, {kind: 'eventbridge', name: 'AWS Health Event'}],
		['text', {eventId: 't', timestamp: 1, message: 'hello'}, {kind: 'text', name: ''}],
	])('%s: a CloudTrail Connect is not an IoT Connect', (_name, raw, expected) => {
		expect(typeOfKey(typeKey(toLogEvent(raw, 'g')))).toEqual(expected);
	});

	it('keeps IoT keys as the event type, as before', () => {
		expect(typeKey(toLogEvent({eventId: 'i', timestamp: 1, message: '{"logLevel":"INFO","eventType":"Connect"}'}, 'g'))).toBe('Connect');
	});
});

describe('shortArn', () => {
	it.each([
		['arn:aws:iot:us-east-1:123456789012:policy/Fleet', 'policy/Fleet'],
		['arn:aws:iot:us-east-1:123456789012:thing/a:b', 'thing/a:b'],
		['arn:aws:s3:::bucket', 'bucket'],
		['not-an-arn', 'not-an-arn'],
	])('%s', (arn, expected) => expect(shortArn(arn)).toBe(expected));
});
