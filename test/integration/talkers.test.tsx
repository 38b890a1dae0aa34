// The Logs pane's top talkers view, the real app against the simulator at 120x36: the buffer's
// failures per client id, a Logs Insights query through Scheduled, Running and Complete with the
// counts the simulator's store holds in its window, the bytes it scanned and their cost,
// StopQuery whenever the user leaves it, and a refused or unavailable query said as such.
import React from 'react';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {type AwsClients} from '../../source/aws/clients.js';
import type {Engine} from '../../source/live/engine.js';
import {runTalkersQuery} from '../../source/live/talkers.js';
import {logEvents} from '../../source/model/logBuffer.js';
import {DEFAULT_TALKER_WINDOW} from '../../source/model/talkers.js';
import {createManualClock, type ManualClock} from '../../source/sim/contract.js';
import {startSimulator, type Simulator} from '../../source/sim/index.js';
import {App} from '../../source/ui/App.js';
import {INITIAL_LOGS_UI} from '../../source/ui/panes/logsView.js';
import {INITIAL_TALKERS_UI} from '../../source/ui/panes/talkersView.js';
import {initialUiState} from '../../source/ui/uiState.js';
import {renderAt, stripAnsi} from '../helpers/render.js';
import {clientsFor, testEngine} from '../helpers/engine.js';

let simulator: Simulator;
let clients: AwsClients;
let clock: ManualClock;

beforeAll(async () => {
	// The simulator's clock stands still unless the test moves it: each query state lasts until then.
	clock = createManualClock(Date.now());
	simulator = await startSimulator({port: 0, seed: 11, things: 200, clock, insights: {scheduledMs: 500, runningMs: 1500}});
	clients = clientsFor(simulator.url);
});

afterAll(async () => {
	clients?.destroy();
	await simulator?.close();
});

type Failure = {clientId?: string; status?: string; logLevel?: string};
const failed = (fields: Failure) => fields.status === 'Failure' || fields.logLevel === 'ERROR' || fields.logLevel === 'WARN';

/** Failures per client id among the simulator's stored events that `keep` selects, counted apart from the app. */
function failuresByClient(keep: (event: {eventId: string; timestamp: number}) => boolean, range?: {startTime: number; endTime: number}) {
	const counts = new Map<string, number>();
	let bytes = 0;
	for (const event of simulator.logs.events('AWSIotLogsV2', range)) {
		if (!keep(event)) continue;
		bytes += Buffer.byteLength(event.message);
		const fields = JSON.parse(event.message) as Failure;
		if (failed(fields) && fields.clientId !== undefined) counts.set(fields.clientId, (counts.get(fields.clientId) ?? 0) + 1);
	}
	return {counts, bytes};
}

/** The client-id rows of the view in the Logs pane (bottom left at 120x36): name, buffer count, window count. */
function clientRows(frame: string): Array<{clientId: string; buffer: number; window: string}> {
	const lines = stripAnsi(frame).split('\n');
	const start = lines.findIndex((line) => /^│ {2}CLIENT ID/.test(line));
	const rows = [];
	for (const line of lines.slice(start + 1)) {
		const match = /^│[› ] (\S+)\s+([\d,]+)\s+([^\s│]+)│/.exec(line);
		if (!match) break;
		rows.push({clientId: match[1], buffer: Number(match[2].replaceAll(',', '')), window: match[3]});
	}
	return rows;
}

/** The Logs pane's text (the left 60 columns at 120x36), its lines joined, borders and runs of spaces as one space. */
function logsPaneText(frame: string): string {
	return stripAnsi(frame)
		.split('\n')
		.map((line) => line.slice(0, 60))
		.join(' ')
		.replaceAll(/[│\s]+/g, ' ');
}

const stops = () => simulator.calls()['logs:StopQuery'] ?? 0;

async function readyEngine(): Promise<Engine> {
	const engine = testEngine(clients, {logBuffer: 5000});
	await engine.refreshAll();
	return engine;
}

describe('top talkers (t in the Logs pane)', () => {
	it('counts the buffer, runs Logs Insights through its states to the store counts, and stops the query the user leaves', async () => {
		const engine = await readyEngine();
		simulator.resetCalls();
		const rendered = renderAt(<App engine={engine} initialPane="logs" />, {columns: 120, rows: 36});
		try {
			await rendered.waitForFrame((frame) => frame.includes('Logs'));
			await rendered.press('t');
			const scheduled = await rendered.waitForFrame((frame) => frame.includes('Scheduled…'));
			expect(stripAnsi(scheduled)).toContain('Top talkers: failures');
			// What the query scans: the store's events in its range when it started.
			const query = engine.store.getSnapshot().sources.logs.talkers!;
			const range = {startTime: query.startTime * 1000, endTime: query.endTime * 1000};
			const window = failuresByClient(() => true, range);

			// (a) The buffer, at once: the failures of exactly the events it holds.
			const held = new Set([...logEvents(engine.store.getSnapshot().sources.logs.buffer)].map((event) => event.id));
			const buffer = failuresByClient((event) => held.has(event.eventId)).counts;
			const shownBefore = clientRows(scheduled);
			expect(shownBefore.length).toBeGreaterThanOrEqual(3);
			for (const row of shownBefore) expect(row.buffer, row.clientId).toBe(buffer.get(row.clientId) ?? 0);
			// The most failing client ids of the buffer, first (no window counts yet: "…", not 0).
			expect(shownBefore[0].buffer).toBe(Math.max(...buffer.values()));
			expect(shownBefore.every((row) => row.window === '…')).toBe(true);

			clock.advance(1000);
			const running = logsPaneText(await rendered.waitForFrame((frame) => frame.includes('Running,')));
			expect(running).toMatch(/Running, [\d,]+ failures? matched so far · scanned [\d.]+ [kM]B ≈ \$[\d.]+/);

			clock.advance(2000);
			const complete = stripAnsi(await rendered.waitForFrame((frame) => frame.includes('Complete at')));
			const rows = clientRows(complete);
			expect(rows.length).toBeGreaterThanOrEqual(3);
			// (b) The window: ordered by its counts, each the simulator's own.
			expect(Number(rows[0].window)).toBe(Math.max(...window.counts.values()));
			for (const row of rows) expect(Number(row.window), row.clientId).toBe(window.counts.get(row.clientId) ?? 0);
			const matched = [...window.counts.values()].reduce((a, b) => a + b, 0);
			expect(logsPaneText(complete)).toContain(`${matched.toLocaleString('en-US')} failures matched`);
			// Bytes scanned and their cost at $0.005 per GB.
			const size = window.bytes >= 1e6 ? `${(window.bytes / 1e6).toFixed(1)} MB` : `${(window.bytes / 1e3).toFixed(1)} kB`;
			const cost = `$${Number(((window.bytes / 1e9) * 0.005).toPrecision(2))}`;
			expect(logsPaneText(complete)).toContain(`scanned ${size} ≈ ${cost}`);
			expect(stops()).toBe(0);

			// Esc while a (longer) query is scheduled: StopQuery, and the Logs list is back.
			await rendered.press(']');
			await rendered.waitForFrame((frame) => frame.includes('last 1h: Scheduled…'));
			await rendered.press('escape');
			await expect.poll(stops).toBe(1);
			expect(stripAnsi(await rendered.waitForFrame((frame) => !frame.includes('Top talkers')))).toContain('Logs');
			expect(engine.store.getSnapshot().sources.logs.talkers?.status).toBe('Cancelled');

			// Another pane while one runs: stopped too.
			await rendered.press('t');
			await rendered.waitForFrame((frame) => frame.includes('last 15m: Scheduled…'));
			await rendered.press('4');
			await expect.poll(stops).toBe(2);

			// Back on the view, it runs again; another window while it runs stops the first.
			await rendered.press('3');
			await rendered.waitForFrame((frame) => frame.includes('last 15m: Scheduled…'));
			await rendered.press('[');
			await rendered.waitForFrame((frame) => frame.includes('last 5m: Scheduled…'));
			await expect.poll(stops).toBe(3);

			// Quitting with a query running stops it before the clients go.
			engine.stop();
			await engine.settled();
			expect(stops()).toBe(4);
			expect(simulator.calls()['logs:StartQuery']).toBe(5);
		} finally {
			rendered.unmount();
			engine.stop();
		}
	}, 60_000);

	it('r runs the query again; Enter on a client id shows the Logs filtered on it', async () => {
		const engine = await readyEngine();
		const rendered = renderAt(<App engine={engine} initialPane="logs" />, {columns: 120, rows: 36});
		try {
			await rendered.press('t');
			const frame = await rendered.waitForFrame((text) => clientRows(text).length > 1);
			const second = clientRows(frame)[1].clientId;
			// `r` runs the query again (the one before is stopped).
			const started = simulator.calls()['logs:StartQuery'] ?? 0;
			await rendered.press('r');
			await expect.poll(() => simulator.calls()['logs:StartQuery']).toBe(started + 1);
			await rendered.press('j');
			await rendered.press('enter');
			const logs = stripAnsi(await rendered.waitForFrame((text) => !text.includes('Top talkers') && text.includes(second)));
			expect(logs).toContain(`filter: ${second} ·`);
			await expect.poll(() => engine.store.getSnapshot().sources.logs.talkers?.status).toBe('Cancelled');
		} finally {
			rendered.unmount();
			engine.stop();
			await engine.settled();
		}
	}, 30_000);

	it('a query AWS refuses is said, with no window counts, never as no failures', async () => {
		const engine = await readyEngine();
		await runTalkersQuery(engine.context, DEFAULT_TALKER_WINDOW, true, 'filter status = "Failure" | stats count(*) by');
		const initialUi = {...initialUiState('logs'), logs: {...INITIAL_LOGS_UI, talkers: INITIAL_TALKERS_UI}};
		const rendered = renderAt(<App engine={engine} initialPane="logs" initialUi={initialUi} />, {columns: 120, rows: 36});
		try {
			const frame = stripAnsi(await rendered.waitForFrame((text) => text.includes('Failed')));
			expect(logsPaneText(frame)).toMatch(/last 15m: Failed: logs:StartQuery failed: MalformedQueryException/);
			const rows = clientRows(frame);
			expect(rows.length).toBeGreaterThan(0);
			expect(rows.every((row) => row.window === '—')).toBe(true);
		} finally {
			rendered.unmount();
			engine.stop();
		}
	}, 30_000);

	it('an endpoint without Logs Insights: said so, and the buffer counts still shown', async () => {
		const engine = await readyEngine();
		simulator.faults.add('logs:StartQuery=notimpl:501');
		const rendered = renderAt(<App engine={engine} initialPane="logs" />, {columns: 120, rows: 36});
		try {
			await rendered.press('t');
			const frame = stripAnsi(await rendered.waitForFrame((text) => text.includes('not available')));
			expect(logsPaneText(frame)).toContain(
				"Logs Insights is not available from this endpoint (logs:StartQuery): the buffer's counts only.",
			);
			const rows = clientRows(frame);
			expect(rows.length).toBeGreaterThan(0);
			expect(rows[0].buffer).toBeGreaterThan(0);
			expect(rows.every((row) => row.window === '—')).toBe(true);
		} finally {
			simulator.faults.remove('logs:StartQuery');
			rendered.unmount();
			engine.stop();
		}
	}, 30_000);

	it('a query that runs out of time is said to have timed out, its partial counts not shown as the window', async () => {
		const slowClock = createManualClock(Date.now());
		const slow = await startSimulator({
			port: 0,
			seed: 11,
			things: 50,
			clock: slowClock,
			insights: {scheduledMs: 0, runningMs: 600_000, timeoutMs: 1000},
		});
		const slowClients = clientsFor(slow.url);
		const engine = testEngine(slowClients, {logBuffer: 2000});
		await engine.refreshAll();
		const rendered = renderAt(<App engine={engine} initialPane="logs" />, {columns: 120, rows: 36});
		try {
			await rendered.press('t');
			await rendered.waitForFrame((frame) => frame.includes('Running,'));
			slowClock.advance(2000);
			const frame = await rendered.waitForFrame((text) => text.includes('Timeout'));
			expect(logsPaneText(frame)).toContain('last 15m: Timeout: AWS ended the query before it finished');
			expect(clientRows(frame).every((row) => row.window === '—')).toBe(true);
			// Nothing left to stop.
			engine.stop();
			await engine.settled();
			expect(slow.calls()['logs:StopQuery'] ?? 0).toBe(0);
		} finally {
			rendered.unmount();
			engine.stop();
			slowClients.destroy();
			await slow.close();
		}
	}, 30_000);
});
