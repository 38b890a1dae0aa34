// The Fleet sub-tab and the Things' CONN column, driven as a user would (5, ], /) against the
// simulator over HTTP, in the middle of a disconnect wave: the figures on screen are the ones
// the simulator's model holds (counted here thing by thing), a failure says so (never 0), and
// with the index off the pane says so once and shows what the logs say.
import React from 'react';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import type {AwsClients} from '../../source/aws/clients.js';
import {Engine} from '../../source/live/engine.js';
import {createLogsSource} from '../../source/live/sources/logs.js';
import {fleetSource} from '../../source/live/sources/fleet.js';
import {resourcesSource} from '../../source/live/sources/resources.js';
import {formatCount} from '../../source/model/fleet.js';
import {logEvents} from '../../source/model/logBuffer.js';
import {createManualClock, type ManualClock} from '../../source/sim/contract.js';
import {startSimulator, type Simulator} from '../../source/sim/index.js';
import {MINUTE, type Incident} from '../../source/sim/scenario.js';
import {App} from '../../source/ui/App.js';
import {clientsFor} from '../helpers/engine.js';
import {renderAt, stripAnsi, type Rendered} from '../helpers/render.js';

const START = Date.UTC(2026, 2, 10, 12, 0, 0);
const WAVE: Incident = {kind: 'disconnectWave', from: START + 2 * MINUTE, to: START + 6 * MINUTE, intensity: 40};
const NOW = START + 5 * MINUTE;

let sim: Simulator;
let clock: ManualClock;
let clients: AwsClients;
let rendered: Rendered | undefined;

beforeAll(async () => {
	clock = createManualClock(NOW);
	sim = await startSimulator({clock, things: 600, incidents: [WAVE], fleetIndex: 'connectivity', aggregationsPerSecond: 0, logRate: 5});
	clients = clientsFor(sim.url);
});

afterAll(async () => {
	clients?.destroy();
	await sim?.close();
});

afterEach(() => {
	rendered?.unmount();
	rendered = undefined;
	sim.faults.clear();
	sim.resources.setFleetIndexing({thingIndexingMode: 'REGISTRY', thingConnectivityIndexingMode: 'STATUS'});
});

function engineFor(withLogs = false, groupBy = 'attributes.site'): Engine {
	return new Engine(
		clients,
		{
			interval: 5000,
			windowMs: 3_600_000,
			metricSpecs: [],
			logGroups: ['AWSIotLogsV2'],
			logBuffer: 5000,
			resourcesInterval: 60_000,
			source: {demo: true},
			now: () => clock.now(),
			fleetGroupBy: groupBy,
		},
		withLogs ? [resourcesSource, fleetSource, createLogsSource()] : [resourcesSource, fleetSource],
	);
}

const frame = () => stripAnsi(rendered!.lastFrame());
const waitFor = async (text: string | RegExp) =>
	stripAnsi(await rendered!.waitForFrame((raw) => (typeof text === 'string' ? stripAnsi(raw).includes(text) : text.test(stripAnsi(raw)))));

function model() {
	return Array.from({length: sim.resources.things()}, (_, i) => sim.resources.thingAt(i)!);
}

/** The text of a frame line that starts (after the border) with `label`. */
function lineOf(text: string, label: RegExp): string {
	return text.split('\n').find((line) => label.test(line)) ?? '';
}

describe('Fleet sub-tab', () => {
	it("shows the connected and disconnected counts, the wave's reasons and the chosen attribute as the simulator holds them", async () => {
		const engine = engineFor();
		rendered = renderAt(<App engine={engine} initialPane="alarms" now={NOW} />, {columns: 120, rows: 36});
		await engine.refreshAll();
		await rendered.press('5');
		await rendered.press('z');
		const text = await waitFor('Disconnect reasons');
		const things = model();
		const down = things.filter((thing) => !thing.connected);
		expect(text).toContain(' Fleet ');
		expect(lineOf(text, /│\s+Connected\s/)).toMatch(new RegExp(`Connected\\s+${formatCount(things.length - down.length)}\\s`));
		expect(lineOf(text, /│\s+Disconnected\s/)).toMatch(new RegExp(`Disconnected\\s+${formatCount(down.length)}\\s`));
		const lost = down.filter((thing) => thing.disconnectReason === 'CONNECTION_LOST').length;
		expect(lineOf(text, /│\s+CONNECTION_LOST\s/)).toMatch(new RegExp(`CONNECTION_LOST\\s+${lost}\\s`));
		// The chosen attribute (site), with each value's disconnected and total counts.
		expect(text).toContain('By attributes.site');
		const berlin = things.filter((thing) => thing.attributes.site === 'berlin');
		const berlinDown = berlin.filter((thing) => !thing.connected).length;
		expect(lineOf(text, /│\s+berlin\s/)).toMatch(new RegExp(`berlin\\s+${berlinDown} / ${berlin.length}\\s`));
		// The recent disconnects: how many dropped in the last 15 minutes and are still down.
		const recent = down.filter((thing) => thing.connectivityTimestamp > NOW - 15 * MINUTE);
		expect(text).toContain(`Recent disconnects ${formatCount(recent.length)} (last 15 min, still down)`);
		engine.stop();
	});

	it('says a failing GetStatistics failed, never 0, and still shows the other figures', async () => {
		sim.faults.add('iot:GetStatistics=denied');
		const engine = engineFor();
		rendered = renderAt(<App engine={engine} initialPane="resources" now={NOW} />, {columns: 120, rows: 36});
		await engine.refreshAll();
		await rendered.press('5');
		await rendered.press('z');
		const text = await waitFor('Disconnect reasons');
		expect(lineOf(text, /│\s+Connected\s/)).toContain('Access denied to iot:GetStatistics');
		expect(lineOf(text, /│\s+Connected\s/)).not.toMatch(/Connected\s+0\s/);
		expect(lineOf(text, /│\s+CONNECTION_LOST\s/)).toMatch(/CONNECTION_LOST\s+\d+/);
		engine.stop();
	});

	it('with the index off says so once, with what turning it on gives, and shows what the logs say', async () => {
		sim.resources.setFleetIndexing({thingIndexingMode: 'OFF', thingConnectivityIndexingMode: 'OFF'});
		const engine = engineFor(true);
		rendered = renderAt(<App engine={engine} initialPane="resources" now={NOW} />, {columns: 120, rows: 36});
		await engine.refreshAll();
		await engine.refreshAll();
		await rendered.press('5');
		await rendered.press('z');
		const text = await waitFor('From the logs, last');
		expect(text.match(/Fleet indexing is off/g)).toHaveLength(1);
		expect(text).toContain('thingConnectivityIndexingMode');
		expect(text).toContain('iot-top never turns it on');
		// Each client id's last Connect or Disconnect in the buffer, counted here from the events.
		const last = new Map<string, boolean>();
		for (const event of logEvents(engine.store.getSnapshot().sources.logs.buffer)) {
			if (!event.clientId) continue;
			if (event.eventType === 'Connect' && event.status !== 'Failure') last.set(event.clientId, true);
			if (event.eventType === 'Disconnect') last.set(event.clientId, false);
		}
		const connected = [...last.values()].filter(Boolean).length;
		expect(last.size).toBeGreaterThan(0);
		expect(lineOf(text, /│\s+Connected\s/)).toMatch(
			new RegExp(`Connected\\s+${formatCount(connected)} of ${formatCount(last.size)} clients`),
		);
		expect(text).not.toMatch(/Connected\s+\d[\d,]*\s+\d+%/);
		engine.stop();
	});
});

describe('Things: CONN and the connectivity filters', () => {
	it('shows each thing connected or not and since when, and filters disconnected on the server', async () => {
		const engine = engineFor();
		rendered = renderAt(<App engine={engine} initialPane="resources" now={NOW} />, {columns: 120, rows: 36});
		await engine.refreshAll();
		await rendered.press('z');
		const text = await waitFor('CONN');
		const byName = new Map(model().map((thing) => [thing.thingName, thing]));
		const nameOf = (row: string) => row.slice(2).split(/\s+/)[0];
		const rows = text.split('\n').filter((line) => /^│[› ]\S/.test(line) && byName.has(nameOf(line)));
		expect(rows.length).toBeGreaterThan(10);
		for (const row of rows) {
			const thing = byName.get(row.slice(2).split(/\s+/)[0])!;
			const mark = thing.connected ? '●' : '○';
			expect(row).toContain(`${mark} `);
			if (!thing.connected) expect(row).toContain(thing.disconnectReason!);
		}
		// Those the wave took: disconnected minutes ago, said in minutes.
		const recent = rows.filter((row) => {
			const thing = byName.get(nameOf(row))!;
			return !thing.connected && thing.connectivityTimestamp > NOW - 60 * MINUTE;
		});
		expect(recent.length).toBeGreaterThan(0);
		for (const row of recent) {
			const minutes = Math.floor((NOW - byName.get(nameOf(row))!.connectivityTimestamp) / MINUTE);
			expect(row).toContain(minutes === 0 ? '○ ' : `○ ${minutes}m`);
		}
		const searches = sim.calls()['iot:SearchIndex'] ?? 0;
		await rendered.press('/');
		for (const key of 'disconnected') await rendered.press(key);
		await rendered.press('enter');
		const filtered = await waitFor('server-side (SearchIndex connectivity.connected:false)');
		expect(sim.calls()['iot:SearchIndex']).toBeGreaterThan(searches);
		const shown = filtered.split('\n').filter((line) => /^│[› ]\S/.test(line) && byName.has(nameOf(line)));
		expect(shown.length).toBeGreaterThan(5);
		for (const row of shown) expect(byName.get(row.slice(2).split(/\s+/)[0])!.connected).toBe(false);
		engine.stop();
	});

	it('with the index off, the connected filter says it needs the index instead of No things', async () => {
		sim.resources.setFleetIndexing({thingIndexingMode: 'OFF', thingConnectivityIndexingMode: 'OFF'});
		const engine = engineFor(true);
		rendered = renderAt(<App engine={engine} initialPane="resources" now={NOW} />, {columns: 120, rows: 36});
		await engine.refreshAll();
		await engine.refreshAll();
		await rendered.press('z');
		await waitFor('CONN from the logs');
		await rendered.press('/');
		for (const key of 'connected') await rendered.press(key);
		await rendered.press('enter');
		const text = await waitFor('only the fleet index with connectivity answers it');
		expect(text).toContain('it is off for this account');
		expect(text).not.toContain('No things.');
		expect(frame()).toMatch(/^│[› ]\S/m);
		engine.stop();
	});
});
