// One small fleet, seeded the same way into any endpoint (moto, the simulator) over the wire
// with the real SDK v3 clients: alarms, metric data, IoT log lines, thing types, things,
// policies, topic rules and certificates. The constants below are also what the conformance
// tests expect iot-top's snapshot to show.
import {
	PutMetricAlarmCommand,
	PutMetricDataCommand,
	SetAlarmStateCommand,
	type MetricDatum,
	type PutMetricAlarmCommandInput,
	type StandardUnit,
} from '@aws-sdk/client-cloudwatch';
import {CreateLogGroupCommand, CreateLogStreamCommand, PutLogEventsCommand} from '@aws-sdk/client-cloudwatch-logs';
import {
	CreateKeysAndCertificateCommand,
	CreatePolicyCommand,
	CreateThingCommand,
	CreateThingTypeCommand,
	CreateTopicRuleCommand,
	UpdateCertificateCommand,
} from '@aws-sdk/client-iot';
import type {AwsClients} from '../../source/aws/clients.js';
import type {Simulator} from '../../source/sim/index.js';
import {fromAwsDimensions, metricKeyString, type AwsDimension} from '../../source/sim/metrics.js';

export const MINUTE = 60_000;
export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';
export const LOG_GROUP = 'AWSIotLogsV2';
export const LOG_STREAM = 'conformance-3f2a9c1e';

/** A datum of a metric series, in minutes before the seeding's base minute (1 = the last complete minute). */
export type SeriesSpec = {
	namespace: string;
	metricName: string;
	dimensions: Record<string, string>;
	unit?: StandardUnit;
	values: Array<[minutesAgo: number, value: number]>;
};

/** Twenty minutes of a steady series, one datum a minute (none where the value is 0: AWS/IoT leaves those minutes out). */
function minutes(value: (minutesAgo: number) => number): Array<[number, number]> {
	const out: Array<[number, number]> = [];
	for (let ago = 20; ago >= 1; ago--) if (value(ago) !== 0) out.push([ago, value(ago)]);
	return out;
}

export const SERIES: SeriesSpec[] = [
	{namespace: 'AWS/IoT', metricName: 'Connect.Success', dimensions: {Protocol: 'MQTT'}, values: minutes((ago) => 40 + (ago % 5))},
	{namespace: 'AWS/IoT', metricName: 'Connect.Success', dimensions: {Protocol: 'HTTP'}, values: minutes((ago) => 3 + (ago % 2))},
	{namespace: 'AWS/IoT', metricName: 'PublishIn.Success', dimensions: {Protocol: 'MQTT'}, values: minutes((ago) => 300 + ago * 7)},
	{namespace: 'AWS/IoT', metricName: 'PublishIn.Success', dimensions: {Protocol: 'HTTP'}, values: minutes((ago) => 20 + ago)},
	// An auth-error burst in the last five minutes.
	{
		namespace: 'AWS/IoT',
		metricName: 'Connect.AuthError',
		dimensions: {Protocol: 'MQTT'},
		values: minutes((ago) => (ago <= 5 ? 20 + ago * 2 : 0)),
	},
	{namespace: 'AWS/IoT', metricName: 'RulesExecuted', dimensions: {}, values: minutes((ago) => 150 + ago)},
	{
		namespace: 'Fleet',
		metricName: 'Temperature',
		dimensions: {Site: 'lab'},
		unit: 'None',
		values: minutes((ago) => 21.5 + (ago % 4) * 0.25),
	},
	{namespace: 'Fleet', metricName: 'Temperature', dimensions: {Site: 'field'}, unit: 'None', values: minutes((ago) => 8 + (ago % 3))},
];

/** An alarm as seeded: PutMetricAlarm, then SetAlarmState when `set` says so. */
export type AlarmSpec = {
	input: PutMetricAlarmCommandInput & {AlarmName: string};
	set?: {state: 'OK' | 'ALARM' | 'INSUFFICIENT_DATA'; reason: string};
};

export const ALARMS: AlarmSpec[] = [
	{
		input: {
			AlarmName: 'conf-connect-auth-errors',
			AlarmDescription: 'MQTT clients failing to authenticate.',
			Namespace: 'AWS/IoT',
			MetricName: 'Connect.AuthError',
			Dimensions: [{Name: 'Protocol', Value: 'MQTT'}],
			Statistic: 'Sum',
			Period: 60,
			EvaluationPeriods: 3,
			DatapointsToAlarm: 2,
			Threshold: 10,
			ComparisonOperator: 'GreaterThanThreshold',
			TreatMissingData: 'notBreaching',
		},
		set: {state: 'ALARM', reason: 'Seeded: an auth-error burst, 2 of the last 3 minutes above 10.'},
	},
	{
		input: {
			AlarmName: 'conf-fleet-temperature',
			Namespace: 'Fleet',
			MetricName: 'Temperature',
			Dimensions: [{Name: 'Site', Value: 'lab'}],
			Statistic: 'Average',
			Period: 300,
			EvaluationPeriods: 2,
			Threshold: 21,
			ComparisonOperator: 'GreaterThanOrEqualToThreshold',
			TreatMissingData: 'missing',
		},
		set: {state: 'ALARM', reason: 'Seeded: the lab is warm.'},
	},
	{
		input: {
			AlarmName: 'conf-publish-throttles',
			Namespace: 'AWS/IoT',
			MetricName: 'PublishIn.Throttle',
			Dimensions: [{Name: 'Protocol', Value: 'MQTT'}],
			Statistic: 'Sum',
			Period: 60,
			EvaluationPeriods: 1,
			Threshold: 5,
			ComparisonOperator: 'GreaterThanThreshold',
			TreatMissingData: 'notBreaching',
		},
		set: {state: 'OK', reason: 'Seeded: no throttling.'},
	},
	// Never set: it keeps the state and reason of its creation.
	{
		input: {
			AlarmName: 'conf-http-connects-low',
			Namespace: 'AWS/IoT',
			MetricName: 'Connect.Success',
			Dimensions: [{Name: 'Protocol', Value: 'HTTP'}],
			Statistic: 'Sum',
			Period: 60,
			EvaluationPeriods: 3,
			DatapointsToAlarm: 3,
			Threshold: 1,
			ComparisonOperator: 'LessThanThreshold',
			TreatMissingData: 'breaching',
		},
	},
];

export type ThingTypeSpec = {name: string; description: string; searchableAttributes: string[]};
export const THING_TYPES: ThingTypeSpec[] = [
	{name: 'Gateway', description: 'Site gateways', searchableAttributes: ['site']},
	{name: 'TemperatureSensor', description: 'Temperature sensors', searchableAttributes: ['site', 'model']},
];

export type ThingSpec = {name: string; type?: string; attributes: Record<string, string>};
export const THINGS: ThingSpec[] = [
	{name: 'gw-lab-001', type: 'Gateway', attributes: {site: 'lab', firmware: '3.2.4'}},
	{name: 'sensor-lab-002', type: 'TemperatureSensor', attributes: {site: 'lab', model: 'TS-310'}},
	{name: 'sensor-field-003', type: 'TemperatureSensor', attributes: {site: 'field', model: 'TS-200'}},
	{name: 'pump-004', attributes: {}},
];

const RESOURCE = `arn:aws:iot:${REGION}:${ACCOUNT}`;
export type PolicySpec = {name: string; document: string};
export const POLICIES: PolicySpec[] = [
	{
		name: 'DevicePolicy',
		document: JSON.stringify({
			Version: '2012-10-17',
			Statement: [
				{Effect: 'Allow', Action: 'iot:Connect', Resource: `${RESOURCE}:client/\${iot:Connection.Thing.ThingName}`},
				{
					Effect: 'Allow',
					Action: ['iot:Publish', 'iot:Receive'],
					Resource: `${RESOURCE}:topic/devices/\${iot:Connection.Thing.ThingName}/*`,
				},
			],
		}),
	},
	{name: 'DebugAccess', document: JSON.stringify({Version: '2012-10-17', Statement: [{Effect: 'Allow', Action: 'iot:*', Resource: '*'}]})},
];

const ROLE = `arn:aws:iam::${ACCOUNT}:role/iot-rules-role`;
export type RuleSpec = {
	name: string;
	sql: string;
	topicPattern: string;
	disabled: boolean;
	actions: Array<Record<string, Record<string, unknown>>>;
	actionTypes: string[];
};
export const RULES: RuleSpec[] = [
	{
		name: 'telemetry_to_s3',
		sql: "SELECT temperature, topic(2) AS device FROM 'devices/+/telemetry'",
		topicPattern: 'devices/+/telemetry',
		disabled: false,
		actions: [{s3: {roleArn: ROLE, bucketName: 'fleet-telemetry', key: '${topic()}/${timestamp()}'}}],
		actionTypes: ['S3'],
	},
	{
		name: 'alerts_to_lambda',
		sql: "SELECT * FROM 'devices/+/alerts' WHERE severity > 2",
		topicPattern: 'devices/+/alerts',
		disabled: false,
		actions: [{lambda: {functionArn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:handle-alert`}}],
		actionTypes: ['Lambda'],
	},
	{
		name: 'legacy_bridge',
		sql: "SELECT * FROM 'legacy/beacons/#'",
		topicPattern: 'legacy/beacons/#',
		disabled: true,
		actions: [{lambda: {functionArn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:legacy-bridge`}}],
		actionTypes: ['Lambda'],
	},
];

/** The certificates, by role: how each is created and where its status ends. */
export type CertificateRole = 'active' | 'deactivated' | 'revoked' | 'createdInactive';
export const CERTIFICATES: Array<{role: CertificateRole; setAsActive: boolean; update?: 'INACTIVE' | 'REVOKED'; status: string}> = [
	{role: 'active', setAsActive: true, status: 'ACTIVE'},
	{role: 'deactivated', setAsActive: true, update: 'INACTIVE', status: 'INACTIVE'},
	{role: 'revoked', setAsActive: true, update: 'REVOKED', status: 'REVOKED'},
	{role: 'createdInactive', setAsActive: false, status: 'INACTIVE'},
];

/** A log line as seeded, in seconds before the seeding's base time (`fields` absent: a plain-text line). */
export type LogLineSpec = {secondsAgo: number; fields?: Record<string, string | number>; text?: string};

function iotTimestamp(ms: number): string {
	return new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
}

// Within the last minute: iot-top's first logs poll looks back two minutes.
export const LOG_LINES: LogLineSpec[] = [
	{
		secondsAgo: 55,
		fields: {
			logLevel: 'INFO',
			status: 'Success',
			eventType: 'Connect',
			protocol: 'MQTT',
			clientId: 'gw-lab-001',
			principalId: 'a1b2c3',
			sourceIp: '10.0.0.7',
			sourcePort: 50211,
		},
	},
	{
		secondsAgo: 41,
		fields: {
			logLevel: 'INFO',
			status: 'Success',
			eventType: 'Publish-In',
			protocol: 'MQTT',
			clientId: 'sensor-lab-002',
			topicName: 'devices/sensor-lab-002/telemetry',
			principalId: 'd4e5f6',
			sourceIp: '10.0.0.8',
			sourcePort: 50212,
		},
	},
	{
		secondsAgo: 30,
		fields: {
			logLevel: 'ERROR',
			status: 'Failure',
			eventType: 'Connection.AuthNError',
			protocol: 'MQTT',
			clientId: 'sensor-field-003',
			sourceIp: '203.0.113.9',
			sourcePort: 44100,
			reason: 'AUTHENTICATION_FAILURE',
			details: 'Connection refused: certificate is not active or unknown',
		},
	},
	{secondsAgo: 22, text: 'rules-worker: delivered 12 messages to fleet-telemetry in 48 ms'},
	{
		secondsAgo: 12,
		fields: {
			logLevel: 'WARN',
			status: 'Failure',
			eventType: 'Publish-In',
			protocol: 'MQTT',
			clientId: 'gw-lab-001',
			topicName: 'devices/gw-lab-001/telemetry',
			reason: 'PAYLOAD_LIMIT_EXCEEDED',
			details: 'Message payload exceeds the maximum size of 128 KB',
		},
	},
];

/** The CloudWatch Logs message of a line: IoT v2 JSON (the timestamp text, then the fields) or the text. */
export function logMessage(line: LogLineSpec, base: number): string {
	if (!line.fields) return line.text ?? '';
	const at = base - line.secondsAgo * 1000;
	return JSON.stringify({timestamp: iotTimestamp(at), ...line.fields, traceId: `conformance-${line.secondsAgo}`, accountId: ACCOUNT});
}

/** How an endpoint gets AWS/IoT datapoints: AWS IoT publishes them, and PutMetricData may not write an AWS/ namespace. */
export type PublishIotMetrics = (data: MetricDatum[]) => Promise<void>;

/**
 * PutMetricData in calls of at most 20 datapoints: the SDK gzips a body from 10 KiB on, and
 * moto 5.2 answers a gzipped body with HTTP 500 (docs/conformance.md).
 */
async function putMetricData(clients: AwsClients, namespace: string, data: MetricDatum[]): Promise<void> {
	for (let offset = 0; offset < data.length; offset += 20) {
		await clients.cloudwatch.send(new PutMetricDataCommand({Namespace: namespace, MetricData: data.slice(offset, offset + 20)}));
	}
}

/** moto takes AWS/IoT data through PutMetricData (AWS refuses it: see docs/conformance.md). */
export function putMetricDataPublisher(clients: AwsClients): PublishIotMetrics {
	return (data) => putMetricData(clients, 'AWS/IoT', data);
}

export type SeededFleet = {
	/** The seeding's base time (epoch ms): metric minutes and log lines are relative to it. */
	base: number;
	/** The last complete minute's start + 1 minute: metric datum `minutesAgo` is at baseMinute - minutesAgo minutes. */
	baseMinute: number;
	/** Certificate ids as the endpoint created them. */
	certificates: Record<CertificateRole, string>;
};

export function datumTime(baseMinute: number, minutesAgo: number): number {
	// A quarter into the minute: inside its period on every endpoint.
	return baseMinute - minutesAgo * MINUTE + 15_000;
}

/**
 * Seeds the fleet. `publishIotMetrics` carries the AWS/IoT series; everything else goes
 * through the ordinary (mutating) API calls. Metrics go first: the simulator computes and
 * caches a minute's AWS/IoT counts once something (an alarm) reads it.
 */
export async function seedFleet(clients: AwsClients, publishIotMetrics: PublishIotMetrics, base: number): Promise<SeededFleet> {
	const baseMinute = Math.floor(base / MINUTE) * MINUTE;
	const datum = (series: SeriesSpec, [ago, value]: [number, number]): MetricDatum => ({
		MetricName: series.metricName,
		Dimensions: Object.entries(series.dimensions).map(([Name, Value]) => ({Name, Value})),
		Timestamp: new Date(datumTime(baseMinute, ago)),
		Value: value,
		Unit: series.unit ?? 'Count',
	});
	await publishIotMetrics(SERIES.filter((s) => s.namespace === 'AWS/IoT').flatMap((s) => s.values.map((v) => datum(s, v))));
	for (const namespace of new Set(SERIES.filter((s) => s.namespace !== 'AWS/IoT').map((s) => s.namespace))) {
		await putMetricData(
			clients,
			namespace,
			SERIES.filter((s) => s.namespace === namespace).flatMap((s) => s.values.map((v) => datum(s, v))),
		);
	}

	for (const alarm of ALARMS) {
		await clients.cloudwatch.send(new PutMetricAlarmCommand(alarm.input));
		if (alarm.set)
			await clients.cloudwatch.send(
				new SetAlarmStateCommand({AlarmName: alarm.input.AlarmName, StateValue: alarm.set.state, StateReason: alarm.set.reason}),
			);
	}

	await clients.logs.send(new CreateLogGroupCommand({logGroupName: LOG_GROUP}));
	await clients.logs.send(new CreateLogStreamCommand({logGroupName: LOG_GROUP, logStreamName: LOG_STREAM}));
	await clients.logs.send(
		new PutLogEventsCommand({
			logGroupName: LOG_GROUP,
			logStreamName: LOG_STREAM,
			logEvents: LOG_LINES.map((line) => ({timestamp: base - line.secondsAgo * 1000, message: logMessage(line, base)})),
		}),
	);

	for (const type of THING_TYPES) {
		await clients.iot.send(
			new CreateThingTypeCommand({
				thingTypeName: type.name,
				thingTypeProperties: {thingTypeDescription: type.description, searchableAttributes: type.searchableAttributes},
			}),
		);
	}
	for (const thing of THINGS) {
		await clients.iot.send(
			new CreateThingCommand({thingName: thing.name, thingTypeName: thing.type, attributePayload: {attributes: thing.attributes}}),
		);
	}
	for (const policy of POLICIES) {
		await clients.iot.send(new CreatePolicyCommand({policyName: policy.name, policyDocument: policy.document}));
	}
	for (const rule of RULES) {
		await clients.iot.send(
			new CreateTopicRuleCommand({
				ruleName: rule.name,
				topicRulePayload: {sql: rule.sql, ruleDisabled: rule.disabled, actions: rule.actions, awsIotSqlVersion: '2016-03-23'},
			}),
		);
	}
	const certificates = {} as Record<CertificateRole, string>;
	for (const spec of CERTIFICATES) {
		const created = await clients.iot.send(new CreateKeysAndCertificateCommand({setAsActive: spec.setAsActive}));
		const id = created.certificateId ?? '';
		if (spec.update) await clients.iot.send(new UpdateCertificateCommand({certificateId: id, newStatus: spec.update}));
		certificates[spec.role] = id;
	}
	return {base, baseMinute, certificates};
}

/**
 * The simulator's AWS/IoT counts come from its scenario (the simulated IoT service), never
 * from PutMetricData (AWS/ namespaces are AWS's own): a datum of a series the simulator does
 * not model would vanish, so it is refused here.
 */
export function scenarioPublisher(sim: Simulator): PublishIotMetrics {
	return async (data) => {
		const modelled = new Set(sim.metrics.listMetrics().map(metricKeyString));
		for (const datum of data) {
			const key = {
				namespace: 'AWS/IoT',
				metricName: datum.MetricName ?? '',
				dimensions: fromAwsDimensions(datum.Dimensions as AwsDimension[] | undefined),
			};
			if (!modelled.has(metricKeyString(key)))
				throw new Error(`The simulator models no AWS/IoT series ${key.metricName} ${JSON.stringify(key.dimensions)}.`);
			if (datum.Timestamp === undefined || datum.Value === undefined)
				throw new Error(`AWS/IoT datum ${key.metricName} needs a Timestamp and a Value.`);
			sim.scenario.record(key.metricName, key.dimensions, new Date(datum.Timestamp).getTime(), datum.Value);
		}
	};
}
