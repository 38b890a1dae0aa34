// The Resources pane against the simulator over HTTP: lazy paging at 100,000 things (call
// counts), sorting, filtering (server-side and over the loaded rows), every detail view,
// the jump to the Logs pane, and certificate expiry counts for seeded certificates.
import React from 'react';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {createClients, type AwsClients} from '../../source/aws/clients.js';
import {Engine} from '../../source/live/engine.js';
import {loadMore, REFRESH_MAX_PAGES} from '../../source/live/resourceLists.js';
import {resourcesSource} from '../../source/live/sources/resources.js';
import {expiryState} from '../../source/model/resources.js';
import {createManualClock} from '../../source/sim/contract.js';
import {startSimulator, type Simulator} from '../../source/sim/index.js';
import {App} from '../../source/ui/App.js';
import {renderAt, stripAnsi, type Rendered} from '../helpers/render.js';
import {waitFor as waitForState} from '../helpers/waitFor.js';

const START = Date.UTC(2026, 2, 10, 12, 0, 0);
const DAY = 86_400_000;

function engineFor(clients: AwsClients, now: () => number): Engine {
	return new Engine(
		clients,
		{
			interval: 5000,
			windowMs: 3_600_000,
			metricSpecs: [],
			logGroups: [],
			logBuffer: 100,
			resourcesInterval: 60_000,
			source: {demo: true},
			now,
		},
		[resourcesSource],
	);
}

function clientsFor(simulator: Simulator): AwsClients {
	return createClients({endpointUrl: simulator.url, region: 'us-east-1', credentials: {accessKeyId: 'test', secretAccessKey: 'test'}});
}

let rendered: Rendered | undefined;
afterEach(() => {
	rendered?.unmount();
	rendered = undefined;
});

const frame = () => stripAnsi(rendered!.lastFrame());
const waitFor = async (text: string | RegExp) =>
	stripAnsi(await rendered!.waitForFrame((raw) => (typeof text === 'string' ? stripAnsi(raw).includes(text) : text.test(stripAnsi(raw)))));

async function press(...keys: string[]) {
	for (const key of keys) await rendered!.press(key);
}

/** The table rows of the frame: lines of the Resources panel below the column header. */
function tableRows(text: string, header: string): string[] {
	const lines = text.split('\n');
	const start = lines.findIndex((line) => line.includes(header));
	return lines.slice(start + 1).filter((line) => /^│[› ]\S/.test(line));
}

describe('Resources at 100,000 things', () => {
	let simulator: Simulator;
	let clients: AwsClients;

	beforeAll(async () => {
		simulator = await startSimulator({port: 0, seed: 5, things: 100_000, clock: createManualClock(START), logRate: 1, historyMinutes: 1});
		clients = clientsFor(simulator);
	});

	afterAll(async () => {
		clients?.destroy();
		await simulator?.close();
	});

	it('opens with one or two list calls, pages as the cursor nears the end, sorts and filters through the fleet index', async () => {
		const engine = engineFor(clients, simulator.clock.now);
		simulator.resetCalls();
		const started = performance.now();
		rendered = renderAt(<App engine={engine} initialPane="resources" now={START} />, {columns: 120, rows: 36});
		await engine.refreshAll();
		await waitFor('100 of 100+ loaded');
		// Measured, not asserted: the time from opening the pane to its first rows.
		console.log(`time to first rows at 100,000 things: ${Math.round(performance.now() - started)} ms`);
		const calls = simulator.calls();
		const listCalls = Object.entries(calls).filter(([operation]) => /iot:(List|Search)/.test(operation));
		expect(listCalls).toEqual([['iot:SearchIndex', 1]]);
		expect(calls['iot:GetIndexingConfiguration']).toBe(1);
		expect(frame()).toContain('fleet index');

		await press('z');
		await waitFor(/│›\S+/);
		// Paging down near the end of what is loaded: the next page loads, and only that one.
		for (let page = 0; page < 3; page++) await press('pagedown');
		await waitFor('200 of 200+ loaded');
		expect(simulator.calls()['iot:SearchIndex']).toBe(2);

		// Sort by name, then inverted: the first row is the largest loaded name.
		await press('g', '>');
		await waitFor('THING▲');
		await press('I');
		const sorted = await waitFor('THING▼');
		const names = tableRows(sorted, 'THING▼').map((line) => line.slice(2).split(/\s+/)[0]);
		expect(names.length).toBeGreaterThan(5);
		expect([...names].sort().reverse()).toEqual(names);

		// A type filter goes to the fleet index; the list starts again with that query.
		await press('/', ...'type:Gateway', 'enter');
		const filtered = await waitFor('server-side (SearchIndex thingTypeName:Gateway)');
		const rows = tableRows(filtered, 'THING');
		expect(rows.length).toBeGreaterThan(5);
		for (const row of rows) expect(row).toContain('Gateway');
		// Esc clears the filter: the plain list starts again from its first page.
		await press('escape');
		await waitFor('100 of 100+ loaded');
		expect(frame()).not.toContain('filter: type:Gateway');

		// G goes to the end of the list, loading the rest with progress in the pane; Esc stops it.
		await press('G');
		await waitFor(/loading the rest: [\d,]+ loaded so far … Esc stops/);
		await rendered!.waitForFrame((raw) => Number(/(\d+) of \d+\+ loaded/.exec(stripAnsi(raw))?.[1] ?? 0) >= 300);
		await press('escape');
		expect(frame()).not.toContain('loading the rest');
		// Stopped: a page on its way when Esc came may land, no more are asked for (a page asked
		// for sets `loading` at once, before its request goes out).
		const things = () => engine.store.getSnapshot().sources.resources.things;
		const rowsAtStop = things().rows.length;
		const shownTotal = () => Number(/(\d[\d,]*)\+ ─╯/.exec(frame())?.[1].replaceAll(',', ''));
		await waitForState(() => !things().loading && shownTotal() === things().rows.length, 'the page on its way when Esc came, on screen');
		const searches = simulator.calls()['iot:SearchIndex'];
		await rendered!.settled();
		expect(things().loading).toBeFalsy();
		expect(things().rows.length).toBeLessThanOrEqual(rowsAtStop + 100);
		expect(engine.store.getSnapshot().sources.resources.things.complete).toBe(false);
		// The cursor is on the last row loaded.
		const [, cursor, total] = /─ (\d+)\/(\d+)\+ ─╯/.exec(frame())!;
		expect(cursor).toBe(total);
		expect(simulator.calls()['iot:SearchIndex']).toBe(searches);
	});
});

describe('Resources details, filters and expiry', () => {
	let simulator: Simulator;
	let clients: AwsClients;
	const now = START;

	beforeAll(async () => {
		simulator = await startSimulator({port: 0, seed: 9, things: 12, clock: createManualClock(START), logRate: 1, historyMinutes: 1});
		clients = clientsFor(simulator);
		const thing = simulator.resources.addThing({
			thingName: 'seeded-boiler-7',
			thingTypeName: 'Thermostat',
			attributes: {site: 'plant-7'},
			groups: [],
		});
		simulator.resources.addPolicy({
			policyName: 'SeededPolicy',
			document: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iot:Connect","Resource":"*"}]}',
		});
		for (const days of [-3, -1]) simulator.resources.addCertificate({notAfter: now + days * DAY, status: 'ACTIVE'});
		for (const days of [2, 10, 29]) simulator.resources.addCertificate({notAfter: now + days * DAY, status: 'ACTIVE'});
		simulator.resources.addCertificate({notAfter: now + 400 * DAY, thingNames: [thing.thingName], policyNames: ['SeededPolicy']});
		simulator.resources.addTopicRule({
			ruleName: 'seeded_rule_off',
			sql: "SELECT * FROM 'seeded/+'",
			ruleDisabled: true,
			actions: [{lambda: {functionArn: 'arn:aws:lambda:us-east-1:123456789012:function:seeded'}}],
			errorAction: {sqs: {queueUrl: 'https://sqs/seeded-errors', roleArn: 'arn:role'}},
		});
	});

	afterAll(async () => {
		clients?.destroy();
		await simulator?.close();
	});

	function expectedCounts() {
		const counts = {expired: 0, expiring: 0};
		for (let k = 0; k < simulator.resources.certificates(); k++) {
			const state = expiryState(simulator.resources.certificateAt(k)!.notAfter, now);
			if (state === 'expired' || state === 'expiring') counts[state]++;
		}
		return counts;
	}

	it('counts expired and expiring certificates, and a certificate shows its validity, things and policies', async () => {
		const engine = engineFor(clients, () => now);
		await engine.refreshAll();
		rendered = renderAt(<App engine={engine} initialPane="resources" now={now} />, {columns: 120, rows: 36});
		await press('z', ']');
		const {expired, expiring} = expectedCounts();
		expect(expired).toBeGreaterThanOrEqual(2);
		expect(expiring).toBeGreaterThanOrEqual(3);
		await waitFor(`${expired} expired · ${expiring} expiring ≤30d`);
		expect(frame()).not.toContain('checking');

		// Newest first: the seeded certificate attached to the boiler is on top.
		await press('enter');
		const detail = await waitFor('Attached to things (1)');
		expect(detail).toContain('seeded-boiler-7');
		expect(detail).toContain('SeededPolicy');
		expect(detail).toMatch(/Valid until\s+\d{4}-\d\d-\d\d \(400 days left\)/);
		await press('escape');
		await waitFor('DAYS LEFT');

		// CA certificates: the same columns and counts.
		await press(']');
		await waitFor(/CA certificates.*\n.*CERTIFICATE/s);
		await waitFor(/\d+ of \d+ loaded · \d+ expired · \d+ expiring/);
	});

	it('filters things server-side by attribute, shows a thing with its certificates and policies, and jumps to its logs', async () => {
		const engine = engineFor(clients, () => now);
		await engine.refreshAll();
		rendered = renderAt(<App engine={engine} initialPane="resources" now={now} />, {columns: 120, rows: 36});
		await press('z', '/', ...'site=plant-7', 'enter');
		const filtered = await waitFor('server-side (ListThings site=plant-7)');
		expect(tableRows(filtered, 'THING').map((row) => row.slice(2).split(/\s+/)[0])).toEqual(['seeded-boiler-7']);
		await press('enter');
		const detail = await waitFor('Principals (1)');
		expect(detail).toMatch(/Type\s+Thermostat/);
		expect(detail).toMatch(/site\s+plant-7/);
		expect(detail).toContain('policies: SeededPolicy');
		await press('L');
		// The Logs pane, focused, filtered on the thing's client id: a kept filter, not one being typed.
		const logs = await waitFor('filter: seeded-boiler-7 ·');
		expect(logs).toMatch(/╭─ Logs /);
		expect(logs).not.toContain('seeded-boiler-7▌');
		expect(logs).toContain('/ edits · Esc clears');
		// Esc clears it, and the Logs pane shows every event again.
		await press('escape');
		await rendered!.waitForFrame((raw) => !stripAnsi(raw).includes('filter: seeded-boiler-7'));
	});

	it('filters over the loaded rows when the API cannot, and says so', async () => {
		const engine = engineFor(clients, () => now);
		await engine.refreshAll();
		rendered = renderAt(<App engine={engine} initialPane="resources" now={now} />, {columns: 120, rows: 36});
		await press('z', '/', ...'boiler', 'enter');
		const filtered = await waitFor('over the');
		expect(filtered).toMatch(/over the \d+ loaded · 1 match/);
		expect(tableRows(filtered, 'THING')).toHaveLength(1);
	});

	it('shows a policy document pretty-printed and a rule with its SQL, actions and error action; `disabled` filters server-side', async () => {
		const engine = engineFor(clients, () => now);
		await engine.refreshAll();
		rendered = renderAt(<App engine={engine} initialPane="resources" now={now} />, {columns: 120, rows: 36});
		await press('z', ']', ']', ']');
		await waitFor('SeededPolicy');
		// Newest-first listing: move to the seeded policy and open it.
		const rows = tableRows(frame(), 'POLICY');
		const index = rows.findIndex((row) => row.includes('SeededPolicy'));
		for (let step = 0; step < index; step++) await press('j');
		await press('enter');
		const policy = await waitFor('Document');
		expect(policy).toMatch(/Policy SeededPolicy/);
		expect(policy).toMatch(/\n│\s+"Effect": "Allow",/);

		await press('escape', ']', '/', ...'disabled', 'enter');
		const disabled = await waitFor('server-side (ListTopicRules ruleDisabled=true)');
		const ruleRows = tableRows(disabled, 'RULE');
		expect(ruleRows.length).toBeGreaterThan(0);
		for (const row of ruleRows) expect(row).toContain('disabled');
		const ruleIndex = ruleRows.findIndex((row) => row.includes('seeded_rule_off'));
		for (let step = 0; step < ruleIndex; step++) await press('j');
		await press('enter');
		const rule = await waitFor('Error action');
		expect(rule).toContain("SELECT * FROM 'seeded/+'");
		expect(rule).toMatch(/lambda\s+arn:aws:lambda:us-east-1:123456789012:function:seeded/);
		expect(rule).toMatch(/sqs\s+https:\/\/sqs\/seeded-errors/);
	});
});

/** The simulator's things in its listing order: what paging must show, each once. */
function fleetNames(simulator: Simulator, count: number): string[] {
	return Array.from({length: count}, (_, position) => simulator.resources.thingAt(position)!.thingName);
}

describe('paging through the fleet', () => {
	let simulator: Simulator;
	let clients: AwsClients;
	const clock = createManualClock(START);

	beforeAll(async () => {
		simulator = await startSimulator({port: 0, seed: 13, things: 3000, clock, logRate: 1, historyMinutes: 1});
		clients = clientsFor(simulator);
	});

	afterAll(async () => {
		clients?.destroy();
		await simulator?.close();
	});

	/** The footer's `cursor/total` of the frame. */
	function footer(text: string): {cursor: number; total: string} {
		const match = /─ (\d+)\/(\d+\+?) ─╯/.exec(text);
		if (!match) throw new Error(`no footer in:\n${text}`);
		return {cursor: Number(match[1]), total: match[2]};
	}

	it('"load more" brings the next page: scrolling through every page, each thing shows once, in the fleet\'s order', async () => {
		const engine = engineFor(clients, simulator.clock.now);
		await engine.refreshAll();
		rendered = renderAt(<App engine={engine} initialPane="resources" now={START} />, {columns: 120, rows: 36});
		await press('z');
		await waitFor(/│›\S+/);
		// G goes to the end of the list: every page loads, the cursor on the last row.
		await press('G');
		await rendered!.waitForFrame((raw) => /─ 3000\/3000 ─╯/.test(stripAnsi(raw)), 30_000);
		expect(frame()).toContain('3000 of 3000 loaded');
		// Read the whole list as a user does, a screen at a time from the top.
		await press('g');
		const seen: string[] = [];
		for (let step = 0; step < 200; step++) {
			const text = frame();
			const rows = tableRows(text, 'THING');
			const cursorRow = rows.findIndex((row) => row.startsWith('│›'));
			const top = footer(text).cursor - 1 - cursorRow;
			for (const [index, row] of rows.entries()) seen[top + index] = row.slice(2).split(/\s+/)[0];
			if (footer(text).cursor === Number.parseInt(footer(text).total, 10)) break;
			const cursor = footer(text).cursor;
			await press('pagedown');
			await rendered!.waitForFrame((raw) => footer(stripAnsi(raw)).cursor !== cursor);
		}
		expect(footer(frame()).total).toBe('3000');
		expect(seen).toHaveLength(3000);
		expect(seen).toEqual(fleetNames(simulator, 3000));
	});

	async function listDeep(engine: Engine, pages: number): Promise<void> {
		await engine.refreshAll();
		for (let page = 1; page < pages; page++) await loadMore(engine.context, 'things');
		expect(engine.store.getSnapshot().sources.resources.things.rows).toHaveLength(pages * 250);
	}

	const names = (engine: Engine) => engine.store.getSnapshot().sources.resources.things.rows.map((row) => row.name);

	it('the periodic relist after paging deep lists every loaded page again, not only the first; paging on continues after them', async () => {
		const engine = engineFor(clients, clock.now);
		await listDeep(engine, 3);
		simulator.resetCalls();
		// A minute on: the lists are due, and the round lists them again.
		clock.advance(61_000);
		await engine.refreshAll();
		expect(simulator.calls()['iot:ListThings']).toBe(3);
		expect(names(engine)).toEqual(fleetNames(simulator, 750));
		await loadMore(engine.context, 'things');
		expect(names(engine)).toEqual(fleetNames(simulator, 1000));
	});

	it(`the relist is capped at ${REFRESH_MAX_PAGES} pages; the rows loaded beyond stay, each once, and paging on continues after them`, async () => {
		const engine = engineFor(clients, simulator.clock.now);
		const pages = REFRESH_MAX_PAGES + 2;
		await listDeep(engine, pages);
		simulator.resetCalls();
		clock.advance(61_000);
		await engine.refreshAll();
		expect(simulator.calls()['iot:ListThings']).toBe(REFRESH_MAX_PAGES);
		expect(names(engine)).toEqual(fleetNames(simulator, pages * 250));
		expect(engine.store.getSnapshot().sources.resources.things.complete).toBe(false);
		await loadMore(engine.context, 'things');
		expect(names(engine)).toEqual(fleetNames(simulator, (pages + 1) * 250));
	});
});

describe('the header over Resources', () => {
	let simulator: Simulator;
	let clients: AwsClients;

	beforeAll(async () => {
		simulator = await startSimulator({port: 0, seed: 3, things: 12, clock: createManualClock(START), logRate: 1, historyMinutes: 1});
		clients = clientsFor(simulator);
	});

	afterAll(async () => {
		clients?.destroy();
		await simulator?.close();
	});

	it('calls the lists late only when their own refresh (once a minute) is late, not each 5 s refresh', async () => {
		const engine = engineFor(clients, simulator.clock.now);
		await engine.refreshAll();
		for (const [seconds, expected] of [
			[30, 'updated 12:00:00'],
			[110, 'updated 12:00:00'],
			[130, 'data 2m10s old (late)'],
		] as const) {
			rendered = renderAt(<App engine={engine} initialPane="resources" now={START + seconds * 1000} />, {columns: 120, rows: 36});
			await waitFor('12 of 12 loaded');
			expect(frame().split('\n')[0]).toContain(expected);
			rendered.unmount();
			rendered = undefined;
		}
	});
});
