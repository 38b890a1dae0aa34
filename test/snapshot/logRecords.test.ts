// CloudTrail records and EventBridge events in the snapshot: the JSON item carries the record's
// kind and fields (valid against snapshot.schema.json), and the text table shows them in
// columns, not as raw JSON.
import fs from 'node:fs';
import {fileURLToPath} from 'node:url';
import {Ajv2020} from 'ajv/dist/2020.js';
import {afterEach, describe, expect, it} from 'vitest';
import {createClients, type AwsClients} from '../../source/aws/clients.js';
import {Engine} from '../../source/live/engine.js';
import {createLogsSource} from '../../source/live/sources/logs.js';
import {createManualClock} from '../../source/sim/contract.js';
import {startSimulator, type Simulator} from '../../source/sim/index.js';
import {buildSnapshot} from '../../source/snapshot/json.js';
import {toText} from '../../source/snapshot/text.js';

const schema = JSON.parse(fs.readFileSync(fileURLToPath(new URL('../../snapshot.schema.json', import.meta.url)), 'utf8')) as object;
const validate = new Ajv2020({allErrors: true, strict: false}).compile(schema);

const START = Date.UTC(2026, 10, 24, 3, 0, 0);
const MINUTE = 60_000;
// Late enough for CloudTrail to have delivered the rollbacks (2-5 minutes after each call).
const NOW = START + 13 * MINUTE;
const GROUPS = ['AWSIotLogsV2', '/aws/events/iot-fleet', 'aws-cloudtrail-logs-iot'];

let sim: Simulator | undefined;
let clients: AwsClients | undefined;

afterEach(async () => {
	clients?.destroy();
	await sim?.close();
	sim = clients = undefined;
});

describe('snapshot of log records', () => {
	it("JSON carries each record's kind and fields; text shows the call, user, IP and error in columns", async () => {
		const clock = createManualClock(START);
		sim = await startSimulator({
			port: 0,
			seed: 9,
			things: 20,
			clock,
			// The open AWS Health issue began 25 minutes before the start.
			historyMinutes: 30,
			incidents: [{kind: 'authErrors', from: START + 3 * MINUTE, to: START + 6 * MINUTE, intensity: 2}],
			logRate: 0,
		});
		clients = createClients({
			endpointUrl: sim.url,
			region: 'us-east-1',
			credentials: {accessKeyId: 't', secretAccessKey: 't'},
			maxAttempts: 1,
		});
		clock.set(NOW);
		const engine = new Engine(
			clients,
			{
				interval: 5000,
				windowMs: 3_600_000,
				metricSpecs: [],
				logGroups: GROUPS,
				logBuffer: 10_000,
				logSince: 40 * MINUTE,
				resourcesInterval: 60_000,
				source: {demo: true, region: 'us-east-1'},
				now: () => clock.now(),
				logTail: {minRequestGap: 0, maxPagesPerPoll: 20},
			},
			[createLogsSource()],
		);
		await engine.refreshAll();
		const snapshot = buildSnapshot(engine.store.getSnapshot(), {version: '0.0.0', windowMs: 3_600_000, logGroups: GROUPS, now: NOW});
		expect(validate(JSON.parse(JSON.stringify(snapshot))), JSON.stringify(validate.errors)).toBe(true);

		const denied = snapshot.logs.items.find((item) => item.record?.kind === 'cloudtrail' && item.record.errorCode !== undefined);
		expect(denied).toMatchObject({
			level: 'ERROR',
			logGroup: 'aws-cloudtrail-logs-iot',
			record: {kind: 'cloudtrail', eventName: 'SetDefaultPolicyVersion', user: 'ReadOnly', errorCode: 'AccessDenied'},
		});
		expect(denied!.eventType).toBeUndefined();
		const health = snapshot.logs.items.find((item) => item.record?.kind === 'eventbridge' && item.record.source === 'aws.health');
		expect(health).toMatchObject({
			level: 'WARN',
			record: {detailType: 'AWS Health Event', summary: 'AWS_IOT_OPERATIONAL_ISSUE · open · us-east-1'},
		});

		const text = toText(snapshot).split('\n');
		expect(text.some((line) => /CLIENT \/ USER \/ SOURCE\s+TOPIC \/ IP \/ RESOURCES/.test(line))).toBe(true);
		expect(text.some((line) => /INFO\s+CreatePolicyVersion\s+maria\.ops\s+198\.51\.100\.23/.test(line))).toBe(true);
		expect(text.some((line) => /ERROR\s+SetDefaultPolicyVersion\s+ReadOnly\s+198\.51\.100\.140\s+AccessDenied/.test(line))).toBe(true);
		expect(text.some((line) => /WARN\s+AWS Health Event\s+aws\.health\s+AWS_IOT_OPERATIONAL_ISSUE · open/.test(line))).toBe(true);
		expect(text.join('\n')).not.toContain('"eventVersion"');
	});
});
