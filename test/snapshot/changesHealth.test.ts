// The snapshot's `changes` and `health`: what the Alarms pane's Changes and Health sub-tabs hold,
// valid against snapshot.schema.json; a failed source has its error and null counts; AWS Health
// without the support plan is a note (exit code 0), not an error.
import fs from 'node:fs';
import {fileURLToPath} from 'node:url';
import {Ajv2020} from 'ajv/dist/2020.js';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {AwsClients} from '../../source/aws/clients.js';
import {changesSource} from '../../source/live/sources/changes.js';
import {healthSource} from '../../source/live/sources/health.js';
import {createManualClock} from '../../source/sim/contract.js';
import {startSimulator, type Simulator} from '../../source/sim/index.js';
import {buildSnapshot, sourceProblems} from '../../source/snapshot/json.js';
import {toMarkdown, toText} from '../../source/snapshot/text.js';
import {clientsFor, testEngine} from '../helpers/engine.js';

const schema = JSON.parse(fs.readFileSync(fileURLToPath(new URL('../../snapshot.schema.json', import.meta.url)), 'utf8')) as object;
const validate = new Ajv2020({allErrors: true, strict: false}).compile(schema);
const START = Date.UTC(2026, 2, 10, 12, 0, 30);
const meta = {version: 'test', windowMs: 3_600_000, logGroups: ['AWSIotLogsV2'], now: START};

let sim: Simulator;
let clients: AwsClients;

beforeAll(async () => {
	const clock = createManualClock(START);
	sim = await startSimulator({seed: 6, things: 20, clock, historyMinutes: 5, logRate: 0});
	clients = clientsFor(sim.url, {maxAttempts: 1});
});

afterAll(async () => {
	clients?.destroy();
	await sim?.close();
});

/** An engine with only the Changes and Health sources, on the simulator's clock. */
const engine = () => testEngine(clients, {now: () => START}, [changesSource, healthSource]);

describe('snapshot changes and health', () => {
	it('holds the changes and the health events, valid against the schema, in JSON, text and markdown', async () => {
		const live = engine();
		await live.refreshAll();
		const snapshot = buildSnapshot(live.store.getSnapshot(), meta);
		const json = JSON.parse(JSON.stringify(snapshot)) as typeof snapshot;
		expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
		expect(json.schemaVersion).toBe(3);
		expect(json.changes.error).toBeNull();
		expect(json.changes.count).toBeGreaterThan(0);
		expect(json.changes.count).toBe(json.changes.items.length);
		expect(json.changes.since).toBe(new Date(START - 86_400_000).toISOString());
		const first = json.changes.items[0];
		expect(first.record).toContain(`"eventID": "${first.id}"`);
		expect(json.health).toMatchObject({error: null, open: 1});
		expect(json.health.items[0]).toMatchObject({service: 'IOT', eventTypeCode: 'AWS_IOT_OPERATIONAL_ISSUE', statusCode: 'open'});
		const text = toText(snapshot);
		expect(text).toContain(`== Changes (CloudTrail, AWS IoT: ${json.changes.count} since`);
		expect(text).toContain(first.eventName);
		expect(text).toContain('== AWS Health (1 open)');
		expect(toMarkdown(snapshot)).toContain('## AWS Health (1 open)');
	});

	it('a failed CloudTrail read: its error, the count null (never 0), and a failure for the exit code', async () => {
		const live = engine();
		sim.faults.add({target: 'cloudtrail', kind: 'error', rate: 1, status: 500});
		try {
			await live.refreshAll();
		} finally {
			sim.faults.clear();
		}
		const snapshot = buildSnapshot(live.store.getSnapshot(), meta);
		expect(validate(JSON.parse(JSON.stringify(snapshot))), JSON.stringify(validate.errors)).toBe(true);
		expect(snapshot.changes.error?.operation).toBe('cloudtrail:LookupEvents');
		expect(snapshot.changes.count).toBeNull();
		expect(toText(snapshot)).toContain('Changes (CloudTrail, AWS IoT: count unknown)');
		expect(sourceProblems(snapshot).failed.map((problem) => problem.name)).toEqual(['changes']);
	});

	it('AWS Health without the support plan: a note naming the plan, no error, no failure', async () => {
		sim.health.subscription = false;
		const live = engine();
		try {
			await live.refreshAll();
		} finally {
			sim.health.subscription = true;
		}
		const snapshot = buildSnapshot(live.store.getSnapshot(), meta);
		expect(validate(JSON.parse(JSON.stringify(snapshot))), JSON.stringify(validate.errors)).toBe(true);
		expect(snapshot.health).toMatchObject({
			error: null,
			open: null,
			items: [],
			unavailable: 'needs a Business, Enterprise On-Ramp or Enterprise support plan',
		});
		expect(sourceProblems(snapshot)).toEqual({failed: [], unavailable: []});
		expect(toText(snapshot)).toContain('AWS Health needs a Business, Enterprise On-Ramp or Enterprise support plan');
	});
});
