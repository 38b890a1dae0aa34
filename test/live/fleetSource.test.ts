// The Fleet source against the simulator over HTTP: each figure is what the simulator's model
// holds (counted here, thing by thing, independently of the index), each failure stays that
// figure's own, and the index off asks nothing more.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {AwsClients} from '../../source/aws/clients.js';
import {fleetSource} from '../../source/live/sources/fleet.js';
import {createManualClock, type ManualClock} from '../../source/sim/contract.js';
import {startSimulator, type Simulator} from '../../source/sim/index.js';
import {MINUTE, type Incident} from '../../source/sim/scenario.js';
import {clientsFor, testEngine} from '../helpers/engine.js';

const START = Date.UTC(2026, 2, 10, 12, 0, 0);
const WAVE: Incident = {kind: 'disconnectWave', from: START + 2 * MINUTE, to: START + 6 * MINUTE, intensity: 40};

let sim: Simulator;
let clock: ManualClock;
let clients: AwsClients;

beforeAll(async () => {
	clock = createManualClock(START + 5 * MINUTE);
	sim = await startSimulator({clock, things: 4000, incidents: [WAVE], fleetIndex: 'connectivity', aggregationsPerSecond: 0, logRate: 0});
	clients = clientsFor(sim.url);
});

afterAll(async () => {
	clients?.destroy();
	await sim?.close();
});

function engine(groupBy = 'attributes.firmware') {
	return testEngine(clients, {now: () => clock.now(), fleetGroupBy: groupBy}, [fleetSource]);
}

function model() {
	return Array.from({length: sim.resources.things()}, (_, i) => sim.resources.thingAt(i)!);
}

function tally(values: Array<string | undefined>): Record<string, number> {
	const out: Record<string, number> = {};
	for (const value of values) if (value !== undefined) out[value] = (out[value] ?? 0) + 1;
	return out;
}

describe('fleet source', () => {
	it('reads each figure as the simulator holds it, paging the recent disconnects', async () => {
		const live = engine();
		await live.refreshAll();
		const fleet = live.store.getSnapshot().sources.fleet;
		const things = model();
		const down = things.filter((thing) => !thing.connected);
		expect(fleet.mode).toMatchObject({thingIndexingMode: 'REGISTRY', connectivityMode: 'STATUS'});
		expect(fleet.connected).toMatchObject({value: things.length - down.length});
		expect(fleet.disconnected).toMatchObject({value: down.length});
		expect(Object.fromEntries(fleet.reasons.value!.map((bucket) => [bucket.key, bucket.count]))).toEqual(
			tally(down.map((t) => t.disconnectReason)),
		);
		// The chosen attribute, not the type: firmware versions, each with its disconnected share.
		const firmware = tally(things.map((t) => t.attributes.firmware));
		const firmwareDown = tally(down.map((t) => t.attributes.firmware));
		expect(Object.fromEntries(fleet.byGroup.value!.map((row) => [row.key, [row.total, row.disconnected]]))).toEqual(
			Object.fromEntries(Object.entries(firmware).map(([key, total]) => [key, [total, firmwareDown[key] ?? 0]])),
		);
		expect(Object.fromEntries(fleet.byType.value!.map((row) => [row.key, row.total]))).toEqual(tally(things.map((t) => t.thingTypeName)));
		// The recent ones: dropped in the last 15 minutes and still down; more than one page of SearchIndex.
		const since = clock.now() - 15 * MINUTE;
		const recent = down.filter((thing) => thing.connectivityTimestamp > since);
		expect(recent.length).toBeGreaterThan(100);
		expect(fleet.recentCount.value).toBe(recent.length);
		const listed = fleet.recent.value!.things;
		expect(listed.length).toBe(Math.min(200, recent.length));
		expect(new Set(listed.map((thing) => thing.thingName)).size).toBe(listed.length);
		const names = new Set(recent.map((thing) => thing.thingName));
		expect(listed.every((thing) => names.has(thing.thingName) && thing.reason !== undefined)).toBe(true);
		// SearchIndex does not sort: the narrowest window is asked first, so the newest are listed, newest first.
		expect(recent.length).toBeGreaterThan(200);
		// More than a page dropped in the last minute: those are the ones listed, not older ones.
		const lastMinute = recent.filter((thing) => thing.connectivityTimestamp > clock.now() - MINUTE);
		expect(lastMinute.length).toBeGreaterThan(200);
		expect(listed.every((thing) => thing.at! > clock.now() - MINUTE)).toBe(true);
		expect(fleet.recent.value!.more).toBe(true);
		expect(listed.map((thing) => thing.at)).toEqual([...listed.map((thing) => thing.at)].sort((a, b) => b! - a!));
		expect(fleet.history).toEqual([things.length - down.length]);
		live.stop();
	});

	it('asks again at the resources cadence, or at once after r (refresh now)', async () => {
		const live = engine();
		await live.refreshAll();
		const asked = () => sim.calls()['iot:GetStatistics'] ?? 0;
		const first = asked();
		expect(first).toBeGreaterThan(0);
		// 10 s later (the refresh interval, not the resources cadence): not due, nothing asked.
		clock.advance(10_000);
		await live.refreshAll();
		expect(asked()).toBe(first);
		// r: the figures are read again now.
		live.refreshNow();
		await live.refreshAll();
		expect(asked()).toBeGreaterThan(first);
		live.stop();
	});

	it('keeps a failing GetStatistics as an error of its figures, never 0, while the others show', async () => {
		sim.faults.add('iot:GetStatistics=denied');
		try {
			const live = engine();
			await live.refreshAll();
			const fleet = live.store.getSnapshot().sources.fleet;
			expect(fleet.connected.value).toBeUndefined();
			expect(fleet.connected.error?.message).toContain('iot:GetStatistics');
			expect(fleet.reasons.value!.length).toBeGreaterThan(0);
			expect(fleet.history).toEqual([]);
			live.stop();
		} finally {
			sim.faults.remove('iot:GetStatistics');
		}
	});

	it('asks nothing more when the index is off, or indexes no connectivity', async () => {
		for (const mode of [
			{thingIndexingMode: 'OFF', thingConnectivityIndexingMode: 'OFF'},
			{thingIndexingMode: 'REGISTRY', thingConnectivityIndexingMode: 'OFF'},
		] as const) {
			sim.resources.setFleetIndexing(mode);
			sim.resetCalls();
			const live = engine();
			await live.refreshAll();
			expect(Object.keys(sim.calls()).filter((name) => name.startsWith('iot:'))).toEqual(['iot:GetIndexingConfiguration']);
			expect(live.store.getSnapshot().sources.fleet.mode?.thingIndexingMode).toBe(mode.thingIndexingMode);
			live.stop();
		}
		sim.resources.setFleetIndexing({thingIndexingMode: 'REGISTRY', thingConnectivityIndexingMode: 'STATUS'});
	});
});
