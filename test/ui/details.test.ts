// The detail views (Enter) show every field whole, wrapped to the pane: whatever a table cut
// can be read there. Each line fits the width, and every value is there in full.
import {describe, expect, it} from 'vitest';
import {displayWidth} from '../../source/model/format.js';
import type {ResourceDetail} from '../../source/model/resources.js';
import type {AlarmRow} from '../../source/model/types.js';
import {alarmDetailLines} from '../../source/ui/panes/AlarmDetail.js';
import {detailLines} from '../../source/ui/panes/resources/resourceLines.js';
import type {Line} from '../../source/ui/widgets/line.js';

const NOW = Date.UTC(2026, 10, 24, 3, 0, 0);
const DAY = 86_400_000;
const text = (line: Line) => line.map((segment) => segment.text).join('');
/** The lines' text with every space removed: wrapping moves words, never drops a character. */
const squeezed = (lines: Line[]) => lines.map(text).join('').replaceAll(/\s/g, '');
const whole = (lines: Line[], value: string) => expect(squeezed(lines)).toContain(value.replaceAll(/\s/g, ''));

function fits(lines: Line[], width: number): void {
	for (const line of lines) expect(displayWidth(text(line)), text(line)).toBeLessThanOrEqual(width);
}

const certificateId = `7230dac6958e4defb92cfa5f87b7c5fef7f5e44a36ccbf38a03160337fab5a4e`;

const DETAILS: Array<[string, ResourceDetail, string[]]> = [
	[
		'a thing: a long type, attribute key and value, every group, the whole certificate id and its policies',
		{
			kind: 'things',
			name: 'gw-austin-000012-industrial-controller-line-7',
			type: 'IndustrialGatewayControllerWithLongTypeName',
			clientId: 'gw-austin-000012-industrial-controller-line-7',
			version: 6,
			attributes: {
				'calibration.offset.celsius.sensor-b': '0.25',
				site: 'austin building 7, floor 3, room 12 (north wing, next to the loading dock)',
			},
			groups: ['site-austin', 'production', 'gateways-with-a-long-group-name', 'line-7'],
			principals: [
				{
					id: certificateId,
					arn: `arn:aws:iot:us-east-1:123456789012:cert/${certificateId}`,
					status: 'PENDING_ACTIVATION',
					notAfter: NOW + 400 * DAY,
					policies: ['GatewayPolicy', 'FleetProvisioningPolicyWithALongName', 'DebugAccess'],
				},
			],
			morePrincipals: 0,
		},
		[
			'IndustrialGatewayControllerWithLongTypeName',
			'calibration.offset.celsius.sensor-b',
			'austin building 7, floor 3, room 12 (north wing, next to the loading dock)',
			'gateways-with-a-long-group-name',
			certificateId,
			'PENDING_ACTIVATION',
			'FleetProvisioningPolicyWithALongName',
		],
	],
	[
		'a certificate: the whole id, status and ARN',
		{
			kind: 'certificates',
			id: certificateId,
			arn: `arn:aws:iot:us-east-1:123456789012:cert/${certificateId}`,
			status: 'REGISTER_INACTIVE',
			createdAt: NOW - DAY,
			notAfter: NOW + DAY,
			things: ['gw-austin-000012-industrial-controller-line-7'],
			policies: ['GatewayPolicy'],
		},
		[
			certificateId,
			`arn:aws:iot:us-east-1:123456789012:cert/${certificateId}`,
			'REGISTER_INACTIVE',
			'gw-austin-000012-industrial-controller-line-7',
		],
	],
	[
		'a policy: the document line by line, a long Resource whole',
		{
			kind: 'policies',
			name: 'FleetProvisioningPolicy',
			defaultVersionId: '3',
			document: JSON.stringify(
				{
					Statement: [
						{
							Effect: 'Allow',
							Action: 'iot:Publish',
							Resource: 'arn:aws:iot:us-east-1:123456789012:topic/devices/${iot:Connection.Thing.ThingName}/telemetry',
						},
					],
				},
				undefined,
				2,
			),
		},
		['"Resource":"arn:aws:iot:us-east-1:123456789012:topic/devices/${iot:Connection.Thing.ThingName}/telemetry"'],
	],
	[
		'a rule: the SQL, every action type and target whole',
		{
			kind: 'rules',
			name: 'high_temp_alarm',
			sql: "SELECT temperature, humidity, deviceId FROM 'devices/+/telemetry' WHERE temperature > 80 AND humidity < 20",
			disabled: false,
			sqlVersion: '2016-03-23',
			description: 'Raises the high temperature alarm and publishes a metric for the dashboard of the plant',
			actions: [
				{type: 'cloudwatchMetric', target: 'Fleet/HighTemperatureReadingsPerPlantAndLine'},
				{type: 'cloudwatchAlarm', target: 'HighTemperature'},
			],
			errorAction: {type: 'republish', target: 'errors/high_temp_alarm/with/a/long/topic'},
		},
		[
			"SELECT temperature, humidity, deviceId FROM 'devices/+/telemetry' WHERE temperature > 80 AND humidity < 20",
			'cloudwatchMetric',
			'Fleet/HighTemperatureReadingsPerPlantAndLine',
			'dashboard of the plant',
			'errors/high_temp_alarm/with/a/long/topic',
		],
	],
];

describe('resource details', () => {
	it.each(DETAILS)('%s', (_name, detail, values) => {
		for (const width of [40, 58, 78, 118]) {
			const lines = detailLines(detail, width, NOW);
			fits(lines, width);
			for (const value of values) whole(lines, value);
		}
	});

	it('a rule action type is never cut: the type column is as wide as the widest', () => {
		const lines = detailLines(DETAILS[3][1], 118, NOW).map(text);
		expect(lines).toContain('  cloudwatchMetric Fleet/HighTemperatureReadingsPerPlantAndLine');
		expect(lines).toContain('  cloudwatchAlarm  HighTemperature');
	});

	it('a thing listed from the fleet index says whether it is connected', () => {
		const detail = DETAILS[0][1];
		const listed = {name: (detail as {name: string}).name, attributes: {}, connected: false};
		expect(detailLines(detail, 78, NOW, listed).map(text).join('\n')).toMatch(/Connected\s+no \(fleet index\)/);
		expect(detailLines(detail, 78, NOW).map(text).join('\n')).not.toContain('Connected');
	});
});

describe('alarm detail', () => {
	const name = 'prod-eu-west-1-iot-connect-auth-errors-for-the-gateways-of-the-austin-plant-line-7';
	const alarm: AlarmRow = {
		name,
		kind: 'metric',
		state: 'ALARM',
		stateReason:
			'Threshold Crossed: 3 out of the last 3 datapoints [12.0 (24/11/26 02:57:00), 14.0 (24/11/26 02:56:00), 11.0 (24/11/26 02:55:00)] were greater than the threshold (10.0).',
		stateTransitionedAt: NOW - 200_000,
		metricName: 'Connect.AuthError',
		statistic: 'Sum',
		comparisonOperator: 'GreaterThanThreshold',
		threshold: 10,
		period: 60,
		evaluationPeriods: 3,
	};
	const summary = 'Alarm updated from OK to ALARM after three evaluation periods of authentication errors on the gateways';

	it('shows the whole name, reason and history summary, wrapped to the pane', () => {
		for (const width of [40, 58, 78]) {
			const lines = alarmDetailLines(alarm, {alarmName: name, items: [{timestamp: NOW - 200_000, summary}], loading: false}, width, NOW);
			fits(lines, width);
			whole(lines, name);
			whole(lines, alarm.stateReason!);
			whole(lines, summary);
		}
	});
});
