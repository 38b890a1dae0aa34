// The Alarms pane's Changes and Health sub-tabs against the simulator, as the on-call engineer
// uses them: the policy change two minutes before the auth-error burst (who, from where), its
// whole record, `/`, a resource's own changes, CloudTrail throttled (the pane says so and keeps
// its rows), AWS Health's open event and its description, and an account without the support
// plan AWS Health needs (said once, the header stays live).
import React from 'react';
import {afterEach, describe, expect, it} from 'vitest';
import type {AwsClients} from '../../source/aws/clients.js';
import type {Engine} from '../../source/live/engine.js';
import {createManualClock} from '../../source/sim/contract.js';
import {startSimulator, type Simulator, type SimulatorOptions} from '../../source/sim/index.js';
import {MINUTE} from '../../source/sim/scenario.js';
import {App} from '../../source/ui/App.js';
import {changeTime} from '../../source/ui/panes/changesView.js';
import {clientsFor, testEngine} from '../helpers/engine.js';
import {renderAt, stripAnsi, type Rendered} from '../helpers/render.js';

const START = Date.UTC(2026, 10, 24, 2, 0, 30);
/** An auth-error burst that began 5 minutes ago: its policy change (2 minutes before) is delivered by now. */
const BURST = {kind: 'authErrors' as const, from: START - 30_000 - 5 * MINUTE, to: START + 2 * MINUTE, intensity: 40};

let sim: Simulator | undefined;
let clients: AwsClients | undefined;
let engine: Engine | undefined;
let rendered: Rendered | undefined;

afterEach(async () => {
	rendered?.unmount();
	engine?.stop();
	clients?.destroy();
	await sim?.close();
	rendered = undefined;
	engine = undefined;
	clients = undefined;
	sim = undefined;
});

async function open(options: SimulatorOptions = {}): Promise<{sim: Simulator; screen: Rendered}> {
	const clock = createManualClock(START);
	sim = await startSimulator({port: 0, seed: 7, things: 20, logRate: 1, historyMinutes: 10, clock, incidents: [BURST], ...options});
	clients = clientsFor(sim.url, {maxAttempts: 1});
	engine = testEngine(clients, {now: () => clock.now(), resourcesInterval: 60_000});
	engine.start();
	rendered = renderAt(<App engine={engine} initialPane="alarms" now={START} />, {columns: 120, rows: 36});
	return {sim, screen: rendered};
}

const text = () => stripAnsi(rendered!.lastFrame());
const header = () => text().split('\n')[0];
const waitFor = (what: string | ((frame: string) => boolean)) =>
	rendered!.waitForFrame((frame) => {
		const plain = stripAnsi(frame);
		return typeof what === 'string' ? plain.includes(what) : what(plain);
	});

describe('Changes sub-tab', () => {
	it('shows the policy change 2 minutes before the auth burst with who and from where; Enter shows the whole record; / filters', async () => {
		const {sim, screen} = await open();
		const change = sim.cloudtrail.policyChanges()[0];
		expect(BURST.from - change.time).toBeGreaterThanOrEqual(100_000);
		expect(BURST.from - change.time).toBeLessThanOrEqual(2 * MINUTE);
		await waitFor('Alarms   Changes   Health');
		await screen.press(']');
		const row = (frame: string) => frame.split('\n').find((line) => line.includes('CreatePolicyVersion'));
		// In the dashboard's half-width pane: who and on what, whole enough to read (the error column goes first).
		await waitFor((frame) => row(frame) !== undefined);
		expect(row(text())).toMatch(/maria\.ops\s+CreatePolicyVersion\s+\w{8}/);
		await screen.press('z');
		await waitFor((frame) => row(frame)?.includes('198.51.100.23') === true);
		const line = row(text())!;
		expect(line).toContain(changeTime(change.time, START));
		expect(line).toContain('maria.ops');
		expect(line).toContain('198.51.100.23');
		expect(line).toContain(change.resources[0].name);
		// Newest first: nothing listed above it is older.
		expect(text()).toMatch(/TIME\s+USER\/ROLE\s+EVENT\s+RESOURCE\s+SOURCE IP\s+ERROR/);

		// Enter on it: the whole record, wrapped and scrollable.
		const rows = text().split('\n');
		const first = rows.findIndex((candidate) => /^│[› ]\d\d:\d\d/.test(candidate));
		for (let index = first; index < rows.indexOf(line); index++) await screen.press('j');
		await screen.press('enter');
		await waitFor('"eventName": "CreatePolicyVersion"');
		expect(text()).toContain('"sourceIPAddress": "198.51.100.23"');
		expect(text()).toMatch(/User\/role\s+maria\.ops \(IAMUser\)/);
		await screen.press('G');
		await waitFor('"recipientAccountId"');
		await screen.press('escape');
		await waitFor((frame) => !frame.includes('"recipientAccountId"') && row(frame) !== undefined);

		// `/` over every field: the other users' rows go.
		expect(text()).toMatch(/li\.wei|iot-deployer|iot-provisioner/);
		await screen.send('/', ...'maria', 'enter');
		await waitFor('filter: maria');
		const listed = text()
			.split('\n')
			.filter((candidate) => /^│[› ]\d\d:\d\d/.test(candidate));
		expect(listed.length).toBeGreaterThan(0);
		expect(listed.every((candidate) => candidate.includes('maria.ops'))).toBe(true);
	}, 60_000);

	it("a policy's detail in Resources lists its own changes", async () => {
		const {sim, screen} = await open();
		const policy = sim.cloudtrail.policyChanges()[0].resources[0].name;
		await waitFor('Resources');
		await screen.press('4');
		await screen.press('z');
		for (let step = 0; step < 3; step++) await screen.press(']');
		await waitFor(policy);
		await screen.send('/', ...policy, 'enter');
		await waitFor(`filter: ${policy}`);
		await screen.press('enter');
		await waitFor('Recent changes (CloudTrail)');
		await screen.press('G');
		await waitFor('CreatePolicyVersion by maria.ops from 198.51.100.23');
	}, 60_000);

	it('CloudTrail throttled: the pane says so and keeps what it had; the header names changes as degraded', async () => {
		const {sim, screen} = await open();
		await waitFor('Alarms   Changes   Health');
		await screen.press(']');
		await screen.press('z');
		// The first read done (its subtitle says how far back it went), every source live.
		await waitFor('AWS IoT changes · last 1d00h');
		await waitFor('● live');
		sim.faults.add({target: 'cloudtrail:LookupEvents', kind: 'throttle', rate: 1});
		await screen.press('r');
		await waitFor('cloudtrail:LookupEvents is throttled by AWS');
		expect(text()).toContain('CreatePolicyVersion');
		expect(text()).toMatch(/showing data from .* ago/);
		expect(header()).toContain('degraded: changes');
	}, 60_000);
});

describe('Health sub-tab', () => {
	it('H shows the open IoT event (and the closed one), Enter its description; the header marks it', async () => {
		const {screen} = await open();
		await waitFor('Health 1 open');
		// The services named when the header has room (`health: 1 open (IOT)`), the count always.
		expect(header()).toContain('health: 1 open');
		await screen.press('3');
		await screen.press('H');
		await waitFor('AWS Health · AWS IoT services');
		const rows = text().split('\n');
		expect(rows.some((line) => /AWS_IOT_OPERATIONAL.*IOT\s+us-east-1\s+open/.test(line))).toBe(true);
		expect(rows.some((line) => /AWS_IOT_OPERATIONAL.*IOT\s+us-east-1\s+closed/.test(line))).toBe(true);
		await screen.press('z');
		await screen.press('enter');
		await waitFor('increased connection errors');
		expect(text()).toMatch(/Status\s+open/);
	}, 60_000);

	it('without the support plan: the sub-tab says why once, the header stays live and shows no health mark', async () => {
		const {screen} = await open({healthSubscription: false});
		await waitFor('Health n/a');
		await screen.press('H');
		await screen.press('z');
		await waitFor('needs a Business, Enterprise On-Ramp or Enterprise support plan');
		await waitFor('● live');
		expect(header()).not.toContain('degraded');
		expect(header()).not.toContain('health:');
		expect(text().match(/support plan/g)).toHaveLength(1);
	}, 60_000);
});
