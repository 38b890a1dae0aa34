// The snapshot's `fleet`: the figures the fleet index gives (validated against the shipped
// schema), unknown as null with its error (never 0), and the text and markdown saying the same.
import fs from 'node:fs';
import {fileURLToPath} from 'node:url';
import {Ajv2020} from 'ajv/dist/2020.js';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {AwsClients} from '../../source/aws/clients.js';
import {fleetSource} from '../../source/live/sources/fleet.js';
import {buildSnapshot, sourceProblems} from '../../source/snapshot/json.js';
import {toMarkdown, toText} from '../../source/snapshot/text.js';
import {startSimulator, type Simulator} from '../../source/sim/index.js';
import {clientsFor, testEngine} from '../helpers/engine.js';

const schema = JSON.parse(fs.readFileSync(fileURLToPath(new URL('../../snapshot.schema.json', import.meta.url)), 'utf8')) as object;
const validate = new Ajv2020({allErrors: true, strict: false}).compile(schema);

let sim: Simulator;
let clients: AwsClients;

beforeAll(async () => {
	sim = await startSimulator({things: 500, fleetIndex: 'connectivity', aggregationsPerSecond: 0, logRate: 0});
	clients = clientsFor(sim.url);
});

afterAll(async () => {
	clients?.destroy();
	await sim?.close();
});

async function snapshot() {
	const engine = testEngine(clients, {fleetGroupBy: 'attributes.firmware'}, [fleetSource]);
	await engine.refreshAll();
	const document = JSON.parse(
		JSON.stringify(buildSnapshot(engine.store.getSnapshot(), {version: '0.0.0', windowMs: 3_600_000, logGroups: [], now: Date.now()})),
	);
	engine.stop();
	return document;
}

describe('snapshot fleet', () => {
	it('holds the figures and the text shows them', async () => {
		const json = await snapshot();
		expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
		const things = Array.from({length: sim.resources.things()}, (_, i) => sim.resources.thingAt(i)!);
		const connected = things.filter((thing) => thing.connected).length;
		expect(json.schemaVersion).toBe(3);
		expect(json.fleet.indexing).toMatchObject({thingIndexingMode: 'REGISTRY', connectivityMode: 'STATUS'});
		expect(json.fleet.connected).toMatchObject({value: connected, error: null});
		expect(json.fleet.disconnected.value).toBe(things.length - connected);
		expect(json.fleet.byGroup.value.map((row: {key: string}) => row.key).sort()).toEqual(
			[...new Set(things.map((thing) => thing.attributes.firmware))].sort(),
		);
		const text = toText(json);
		expect(text).toMatch(new RegExp(`connected\\s+${connected}\\b`));
		expect(text).toContain('by attributes.firmware (down/all)');
		expect(toMarkdown(json)).toContain(`| connected | ${connected} |`);
	});

	it('an unknown figure is null with its error, in the JSON and the text, and the snapshot reports it', async () => {
		sim.faults.add('iot:GetStatistics=denied');
		try {
			const json = await snapshot();
			expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
			expect(json.fleet.connected.value).toBeNull();
			expect(json.fleet.connected.error).toMatchObject({kind: 'denied', operation: 'iot:GetStatistics'});
			expect(json.fleet.disconnectReasons.value.length).toBeGreaterThan(0);
			expect(toText(json)).toMatch(/connected\s+unknown \(ERROR: Access denied to iot:GetStatistics/);
			expect(sourceProblems(json).failed.map((problem) => problem.name)).toContain('fleet');
		} finally {
			sim.faults.remove('iot:GetStatistics');
		}
	});

	it('with the index off: the indexing mode, no figures, and the text says where counts would come from', async () => {
		sim.resources.setFleetIndexing({thingIndexingMode: 'OFF', thingConnectivityIndexingMode: 'OFF'});
		try {
			const json = await snapshot();
			expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
			expect(json.fleet.indexing.thingIndexingMode).toBe('OFF');
			expect(json.fleet.connected.value).toBeNull();
			expect(toText(json)).toContain('Fleet (fleet index off: from the logs');
			expect(toText(json)).toContain('thingConnectivityIndexingMode STATUS');
		} finally {
			sim.resources.setFleetIndexing({thingIndexingMode: 'REGISTRY', thingConnectivityIndexingMode: 'STATUS'});
		}
	});
});
