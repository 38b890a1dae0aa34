// The logs source through the engine against the simulator over HTTP (real SDK): hostile
// strings put with PutLogEvents reach the screen inert, a 100,000-event flood leaves the
// buffer at capacity with the drop counted, and --live-tail follows, reconnects after the
// session ends, and falls back to polling (saying so) when live tail is denied.
import {CreateLogStreamCommand, PutLogEventsCommand} from '@aws-sdk/client-cloudwatch-logs';
import React from 'react';
import {afterEach, describe, expect, it, vi} from 'vitest';
import {createClients, type AwsClients} from '../../source/aws/clients.js';
import {Engine, type EngineOptions} from '../../source/live/engine.js';
import {createLogsSource} from '../../source/live/sources/logs.js';
import {logEvents} from '../../source/model/logBuffer.js';
import {createManualClock, type ManualClock} from '../../source/sim/contract.js';
import {startSimulator, type Simulator} from '../../source/sim/index.js';
import type {LiveTailOptions} from '../../source/sim/liveTail.js';
import {App} from '../../source/ui/App.js';
import {loadHostileStrings} from '../helpers/hostile.js';
import {renderAt, stripAnsi, type Rendered} from '../helpers/render.js';
import {waitFor} from '../helpers/waitFor.js';

const START = Date.UTC(2026, 10, 24, 3, 0, 0);
const IOT = 'AWSIotLogsV2';

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
	sim = undefined;
	clients = undefined;
	vi.restoreAllMocks();
});

/** Runs the engine's sources until `done` holds (live tail pushes between runs). */
async function refreshUntil(engine: Engine, done: () => boolean, what: string): Promise<void> {
	await waitFor(async () => done() || (await engine.refreshAll(), done()), what);
}

/** Runs the engine's sources until the Logs pane has received `count` events. */
async function untilReceived(engine: Engine, count: number): Promise<void> {
	await refreshUntil(engine, () => engine.store.getSnapshot().sources.logs.received >= count, `${count} events received`);
	expect(engine.store.getSnapshot().sources.logs.received).toBe(count);
}

async function setup(
	options: {logRate?: number; liveTail?: LiveTailOptions} = {},
): Promise<{sim: Simulator; clock: ManualClock; clients: AwsClients}> {
	const clock = createManualClock(START);
	sim = await startSimulator({
		port: 0,
		seed: 9,
		things: 20,
		clock,
		historyMinutes: 0,
		incidents: [],
		logRate: options.logRate ?? 0,
		liveTail: options.liveTail,
	});
	clients = createClients({
		endpointUrl: sim.url,
		region: 'us-east-1',
		credentials: {accessKeyId: 't', secretAccessKey: 't'},
		maxAttempts: 1,
	});
	return {sim, clock, clients};
}

function logsEngine(clock: ManualClock, options: Partial<EngineOptions> = {}): Engine {
	engine = new Engine(
		clients!,
		{
			interval: 5000,
			windowMs: 3_600_000,
			metricSpecs: [],
			logGroups: [IOT],
			logBuffer: 10_000,
			resourcesInterval: 60_000,
			source: {demo: true, region: 'us-east-1'},
			now: () => clock.now(),
			logTail: {minRequestGap: 0, maxPagesPerPoll: 20},
			...options,
		},
		[createLogsSource()],
	);
	return engine;
}

const sgr = /\u001B\[[0-9;]*m/g;

/** The Logs pane's top border: its title and what the source is doing. */
function titleLine(frame: string): string {
	return (
		stripAnsi(frame)
			.split('\n')
			.find((line) => line.includes('─ Logs')) ?? ''
	);
}

describe('logs source and pane against the simulator', () => {
	it('renders every hostile string put through PutLogEvents inert: no escape but colour, no control character', async () => {
		const {clock} = await setup();
		const hostile = loadHostileStrings();
		await clients!.logs.send(new CreateLogStreamCommand({logGroupName: IOT, logStreamName: 'hostile'}));
		const logEvents = hostile.flatMap(({text}, index) => [
			{timestamp: START - 1000, message: `PLAIN-${index} ${text}`},
			{
				timestamp: START - 1000,
				message: JSON.stringify({
					logLevel: 'ERROR',
					eventType: 'Connect',
					status: 'Failure',
					clientId: `JSON-${index} ${text}`,
					topicName: text,
					reason: text,
				}),
			},
		]);
		await clients!.logs.send(new PutLogEventsCommand({logGroupName: IOT, logStreamName: 'hostile', logEvents}));
		const engine = logsEngine(clock);
		await engine.refreshAll();
		expect(engine.store.getSnapshot().sources.logs.buffer.length).toBe(hostile.length * 2);

		rendered = renderAt(<App engine={engine} initialPane="logs" now={START} />, {columns: 200, rows: 80});
		await rendered.waitForFrame((frame) => frame.includes(`JSON-${hostile.length - 1}`));
		await rendered.press('z');
		const frame = await rendered.waitForFrame((text) => text.includes(`PLAIN-0`) && text.includes(`JSON-${hostile.length - 1}`));
		for (let index = 0; index < hostile.length; index++) {
			expect(frame).toContain(`PLAIN-${index}`);
			expect(frame).toContain(`JSON-${index}`);
		}
		const bare = frame.replace(sgr, '');
		expect(bare).not.toMatch(/\u001B/);
		expect(bare).not.toMatch(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/);
		// The detail view of each event, pretty-printed, is inert too.
		for (let index = 0; index < 4; index++) {
			await rendered.press('k');
			await rendered.press('enter');
			const detail = (await rendered.waitForFrame((text) => text.includes('Log event'))).replace(sgr, '');
			expect(detail).not.toMatch(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/);
			await rendered.press('escape');
		}
	});

	it('keeps the buffer at capacity under a 100,000-event flood and counts what it dropped', async () => {
		const {sim, clock} = await setup();
		const engine = logsEngine(clock);
		await engine.refreshAll();
		const heapBefore = process.memoryUsage().heapUsed;
		for (let batch = 0; batch < 10; batch++) {
			const at = clock.now() - 10_000 + batch * 1000;
			sim.logs.putEvents(
				IOT,
				'flood',
				Array.from({length: 10_000}, (_, index) => ({timestamp: at + (index % 1000), message: `flood ${batch * 10_000 + index}`})),
			);
		}
		clock.advance(1000);
		for (let round = 0; round < 10 && engine.store.getSnapshot().sources.logs.received < 100_000; round++) await engine.refreshAll();
		const logs = engine.store.getSnapshot().sources.logs;
		expect(logs.received).toBe(100_000);
		expect(logs.buffer.length).toBe(10_000);
		expect(logs.buffer.dropped).toBe(90_000);
		// The newest 10,000 of the flood, each once.
		const held = [...logEvents(logs.buffer)].map((event) => event.message);
		expect(new Set(held).size).toBe(10_000);
		expect(logs.buffer.chunks.reduce((sum, chunk) => sum + chunk.length, 0)).toBeLessThanOrEqual(10_000 + 1024);
		// Printed, not asserted: heap growth for 100,000 events through a 10,000-event buffer.
		console.info(
			`flood: heap ${((process.memoryUsage().heapUsed - heapBefore) / 1e6).toFixed(1)} MB after 100,000 events, buffer ${logs.buffer.length}`,
		);
	});

	it('far behind a flowing group (two minutes at 3,000/s), shows the present at once and says how far back it read; after an outage, how much it passed over', async () => {
		const {sim, clock} = await setup({logRate: 3000});
		clock.advance(120_000);
		const engine = logsEngine(clock, {logTail: {minRequestGap: 0, maxPagesPerPoll: 20, pageLimit: 2000}});
		await engine.refreshAll();
		let logs = engine.store.getSnapshot().sources.logs;
		expect(logs.error).toBeUndefined();
		expect(logs.buffer.length).toBe(10_000);
		const held = [...logEvents(logs.buffer)];
		expect(clock.now() - held.at(-1)!.timestamp).toBeLessThan(1000);
		// The first read (--since 10m) stopped at the buffer: the pane says how far back it got, not a gap.
		expect(logs.unread).toBeUndefined();
		rendered = renderAt(<App engine={engine} initialPane="logs" now={clock.now()} />, {columns: 160, rows: 40});
		const readBack = stripAnsi(await rendered.waitForFrame((text) => text.includes('read back to')));
		expect(readBack).toContain(
			`ⓘ read back to ${new Date(held[0].timestamp).toISOString().slice(11, 19)} of --since 10m (stopped at the 10,000-event buffer)`,
		);
		expect(readBack).not.toContain('not read');
		rendered.unmount();

		// A minute's outage while the group floods: the read after it passes over the middle, and says so.
		sim.faults.add('logs:FilterLogEvents=error:503');
		clock.advance(60_000);
		await engine.refreshAll();
		expect(engine.store.getSnapshot().sources.logs.error?.message).toContain('AWS had a server error on logs:FilterLogEvents');
		sim.faults.clear();
		await engine.refreshAll();
		logs = engine.store.getSnapshot().sources.logs;
		expect(logs.unread).toBeGreaterThan(40_000);
		rendered = renderAt(<App engine={engine} initialPane="logs" now={clock.now()} />, {columns: 160, rows: 40});
		const frame = stripAnsi(await rendered.waitForFrame((text) => text.includes('not read')));
		expect(frame).toMatch(/Logs [^\n]*\d+ dropped · \d+s not read/);
		// Nothing of the first read is left in the buffer: its line is gone.
		expect(frame).not.toContain('read back to');
	});

	it('polls again at once while behind, and backs off from its own cadence (not the refresh interval) when throttled', async () => {
		const {sim, clock} = await setup({logRate: 3000});
		clock.advance(20_000);
		const source = createLogsSource();
		const engine = logsEngine(clock, {interval: 3_600_000, logTail: {minRequestGap: 0, maxPagesPerPoll: 1, pageLimit: 1000}});
		const state = () => engine.store.getSnapshot();
		await source.run(engine.context);
		// One page of ~60,000 events: behind, so the next poll is not a cadence away.
		expect(source.cadence(state(), engine.context.options)).toBeLessThan(1000);
		sim.faults.add('logs:FilterLogEvents=throttle:1');
		await expect(source.run(engine.context)).rejects.toThrow();
		expect(source.cadence(state(), engine.context.options)).toBe(2000);
		sim.faults.clear();
		await source.run(engine.context);
		expect(source.cadence(state(), engine.context.options)).toBeLessThan(1000);
	});

	it('counts the arrival rate through polls that run out of their page budget (a flood), not from zero after each', async () => {
		const {clock} = await setup({logRate: 3000});
		const engine = logsEngine(clock, {logSince: 1000, logTail: {minRequestGap: 0, maxPagesPerPoll: 3, pageLimit: 1000}});
		let behind = 0;
		for (let poll = 0; poll < 20; poll++) {
			clock.advance(1000);
			await engine.refreshAll();
			if (engine.store.getSnapshot().sources.logs.readTo !== undefined) behind++;
		}
		for (let poll = 0; poll < 10 && engine.store.getSnapshot().sources.logs.readTo !== undefined; poll++) await engine.refreshAll();
		const logs = engine.store.getSnapshot().sources.logs;
		// The test covers what it claims: some polls were behind.
		expect(behind).toBeGreaterThan(0);
		expect(logs.readTo).toBeUndefined();
		expect(logs.rate).toBeGreaterThan(2000);
		expect(logs.rate).toBeLessThan(4000);
	});

	it('says "behind by" (event time read against now) while a poll runs out of its page budget, with no rate', async () => {
		const {clock} = await setup({logRate: 3000});
		clock.advance(20_000);
		const engine = logsEngine(clock, {logTail: {minRequestGap: 0, maxPagesPerPoll: 1, pageLimit: 1000}});
		await engine.refreshAll();
		const logs = engine.store.getSnapshot().sources.logs;
		expect(logs.readTo).toBeDefined();
		const behind = Math.floor((clock.now() - logs.readTo!) / 1000);
		expect(behind).toBeGreaterThan(10);
		rendered = renderAt(<App engine={engine} initialPane="logs" now={clock.now()} />, {columns: 100, rows: 30});
		const title = titleLine(await rendered.waitForFrame((text) => text.includes('behind by')));
		expect(title).toContain(`behind by ${behind}s`);
		expect(title).not.toContain('following');
		expect(title).not.toMatch(/\d\/s/);
	});

	it('reads back --since (default 10m) at start: an event from 5 minutes before it shows; with --since 1m it does not', async () => {
		const {sim, clock} = await setup();
		sim.logs.putEvents(IOT, 'before-start', [
			{timestamp: START - 300_000, message: 'the cause, 5 min before start'},
			{timestamp: START - 30_000, message: 'half a minute before start'},
		]);
		const engine = logsEngine(clock);
		await engine.refreshAll();
		rendered = renderAt(<App engine={engine} initialPane="logs" now={clock.now()} />, {columns: 100, rows: 30});
		const frame = stripAnsi(await rendered.waitForFrame((text) => text.includes('half a minute before start')));
		expect(frame).toContain('the cause, 5 min before start');
		// All of it was read: no "read back to" line.
		expect(frame).not.toContain('read back to');
		rendered.unmount();
		engine.stop();

		const recent = logsEngine(clock, {logSince: 60_000});
		await recent.refreshAll();
		expect([...logEvents(recent.store.getSnapshot().sources.logs.buffer)].map((event) => event.message)).toEqual([
			'half a minute before start',
		]);
		rendered = renderAt(<App engine={recent} initialPane="logs" now={clock.now()} />, {columns: 100, rows: 30});
		expect(stripAnsi(await rendered.waitForFrame((text) => text.includes('half a minute before start')))).not.toContain('the cause');
	});

	it('says how far back it read when the buffer holds less than --since brings', async () => {
		const {sim, clock} = await setup();
		// 500 events over the 5 minutes before start, one every 600 ms, against a 100-event buffer.
		sim.logs.putEvents(
			IOT,
			'backfill',
			Array.from({length: 500}, (_, index) => ({timestamp: START - 300_000 + index * 600, message: `old ${index}`})),
		);
		const engine = logsEngine(clock, {logBuffer: 100});
		await engine.refreshAll();
		const held = [...logEvents(engine.store.getSnapshot().sources.logs.buffer)];
		expect(held.map((event) => event.message)).toEqual(Array.from({length: 100}, (_, index) => `old ${400 + index}`));
		rendered = renderAt(<App engine={engine} initialPane="logs" now={clock.now()} />, {columns: 100, rows: 30});
		const frame = stripAnsi(await rendered.waitForFrame((text) => text.includes('read back to')));
		const oldest = new Date(START - 300_000 + 400 * 600).toISOString().slice(11, 19);
		expect(frame).toContain(`ⓘ read back to ${oldest} of --since 10m (stopped at the 100-event buffer)`);
	});

	it('says how far back it read when the read page budget runs out before --since', async () => {
		const {clock} = await setup({logRate: 200});
		// Two minutes at 200/s in pages of 200 events: 120 pages, against a read budget of 20.
		clock.advance(120_000);
		const engine = logsEngine(clock, {
			logBuffer: 100_000,
			logSince: 120_000,
			logTail: {minRequestGap: 0, maxPagesPerPoll: 40, pageLimit: 200, maxPagesPerRead: 20},
		});
		await engine.refreshAll();
		const logs = engine.store.getSnapshot().sources.logs;
		expect(logs.backfill?.stoppedBy).toBe('budget');
		const oldest = [...logEvents(logs.buffer)][0].timestamp;
		expect(clock.now() - oldest).toBeLessThan(20_000);
		rendered = renderAt(<App engine={engine} initialPane="logs" now={clock.now()} />, {columns: 100, rows: 30});
		const frame = stripAnsi(await rendered.waitForFrame((text) => text.includes('read back to')));
		expect(frame).toContain(
			`ⓘ read back to ${new Date(oldest).toISOString().slice(11, 19)} of --since 2m (stopped at the 20-page read budget)`,
		);
	});

	it('a poll that brings nothing writes nothing (no render), until the data time is 5 s old; a poll with events is one notification', async () => {
		const {sim, clock} = await setup();
		const engine = logsEngine(clock);
		await engine.refreshAll();
		const logs = () => engine.store.getSnapshot().sources.logs;
		const first = logs();
		expect(first.loading).toBe(false);
		clock.advance(2000);
		await engine.refreshAll();
		expect(logs()).toBe(first);
		clock.advance(4000);
		await engine.refreshAll();
		expect(logs()).not.toBe(first);
		expect(logs().fetchedAt).toBe(clock.now());
		expect(logs().buffer).toBe(first.buffer);

		// The states the listeners were told of: the last one told is the poll's, and it came alone.
		const told: unknown[] = [];
		engine.store.subscribe(() => told.push(engine.store.getSnapshot()));
		sim.logs.putEvents(
			IOT,
			'news',
			Array.from({length: 30}, (_, index) => ({timestamp: clock.now() - 500, message: `news ${index}`})),
		);
		clock.advance(1000);
		await engine.refreshAll();
		await waitFor(() => told.at(-1) === engine.store.getSnapshot(), 'the poll told to the listeners');
		expect(logs().buffer.length).toBe(30);
		expect(told).toHaveLength(1);
	});

	it('--live-tail follows with StartLiveTail, reconnects when the session ends, and never writes to the console', async () => {
		const {sim, clock} = await setup({liveTail: {intervalMs: 30, maxSessionMs: 60_000}});
		const consoleCalls = (['log', 'info', 'warn', 'error', 'debug'] as const).map((method) => vi.spyOn(console, method));
		const engine = logsEngine(clock, {liveTail: true});
		await engine.refreshAll();
		expect(sim.calls()['logs:StartLiveTail']).toBe(1);

		sim.logs.putEvents(
			IOT,
			'live',
			Array.from({length: 5}, (_, index) => ({timestamp: clock.now() - 500, message: `first session ${index}`})),
		);
		clock.advance(1000);
		await untilReceived(engine, 5);

		// The session times out (3 h in AWS, 60 s here): the source opens a new one.
		clock.advance(60_000);
		await refreshUntil(engine, () => (sim.calls()['logs:StartLiveTail'] ?? 0) >= 2, 'a second session');
		expect(sim.calls()['logs:StartLiveTail']).toBe(2);
		sim.logs.putEvents(IOT, 'live', [{timestamp: clock.now(), message: 'second session'}]);
		clock.advance(1000);
		await untilReceived(engine, 6);
		const logs = engine.store.getSnapshot().sources.logs;
		expect(logs.mode).toBe('live');
		expect([...logEvents(logs.buffer)].map((event) => event.message)).toContain('second session');
		expect(sim.calls()['logs:FilterLogEvents'] ?? 0).toBe(0);

		rendered = renderAt(<App engine={engine} initialPane="logs" now={START} />, {columns: 120, rows: 36});
		expect(stripAnsi(await rendered.waitForFrame((frame) => frame.includes('second session')))).toContain('live tail');
		for (const spy of consoleCalls) expect(spy).not.toHaveBeenCalled();
	});

	it('--live-tail: pausing (p) ends the session, billed per minute while open; resuming opens a new one', async () => {
		const sessions = {open: 0};
		const {sim, clock} = await setup({liveTail: {intervalMs: 30, maxSessionMs: 60_000, sessions}});
		const engine = logsEngine(clock, {liveTail: true});
		const until = (done: () => boolean, what: string) => waitFor(done, what);
		await engine.refreshAll();
		await until(() => sessions.open === 1, 'a session open');
		engine.togglePause();
		expect(engine.store.getSnapshot().paused).toBe(true);
		await until(() => sessions.open === 0, 'the session ended while paused');
		engine.togglePause();
		await engine.refreshAll();
		await until(() => sessions.open === 1, 'a new session after resuming');
		expect(sim.calls()['logs:StartLiveTail']).toBe(2);
		sim.logs.putEvents(IOT, 'resumed', [{timestamp: clock.now(), message: 'after the pause'}]);
		clock.advance(1000);
		await untilReceived(engine, 1);
		expect([...logEvents(engine.store.getSnapshot().sources.logs.buffer)].map((event) => event.message)).toContain('after the pause');
		engine.stop();
		await until(() => sessions.open === 0, 'the session ended with the engine');
	});

	it('falling back from a live-tail session to polling goes on from its newest event: what it showed is not read back again', async () => {
		const {sim, clock} = await setup({liveTail: {intervalMs: 30, maxSessionMs: 60_000}});
		const engine = logsEngine(clock, {liveTail: true});
		await engine.refreshAll();
		sim.logs.putEvents(
			IOT,
			'live',
			Array.from({length: 5}, (_, index) => ({timestamp: clock.now() - 500, message: `pushed ${index}`})),
		);
		clock.advance(1000);
		await untilReceived(engine, 5);
		// The session times out; opening the next one is denied: polling takes over.
		sim.faults.add('logs:StartLiveTail=denied');
		clock.advance(60_000);
		await refreshUntil(engine, () => engine.store.getSnapshot().sources.logs.mode !== 'live', 'polling taking over');
		sim.logs.putEvents(IOT, 'polled', [{timestamp: clock.now() - 500, message: 'polled after'}]);
		clock.advance(1000);
		await untilReceived(engine, 6);
		const logs = engine.store.getSnapshot().sources.logs;
		expect(logs.mode).toBe('poll');
		expect([...logEvents(logs.buffer)].map((event) => event.message)).toEqual([
			'pushed 0',
			'pushed 1',
			'pushed 2',
			'pushed 3',
			'pushed 4',
			'polled after',
		]);
		expect(logs.backfill).toBeUndefined();
	});

	it('falls back to polling when live tail is denied, and says so in the pane', async () => {
		const {sim, clock} = await setup();
		sim.faults.add('logs:StartLiveTail=denied');
		sim.logs.putEvents(IOT, 'fallback', [{timestamp: START - 2000, message: 'polled instead'}]);
		const engine = logsEngine(clock, {liveTail: true});
		await engine.refreshAll();
		const logs = engine.store.getSnapshot().sources.logs;
		expect(logs.mode).toBe('poll');
		expect(logs.notice).toBe(
			'Live tail unavailable (Access denied to logs:StartLiveTail: allow the IAM action logs:StartLiveTail for this role or user); polling FilterLogEvents instead.',
		);
		expect([...logEvents(logs.buffer)].map((event) => event.message)).toEqual(['polled instead']);
		rendered = renderAt(<App engine={engine} initialPane="logs" now={START} />, {columns: 120, rows: 36});
		await rendered.waitForFrame((text) => text.includes('polled instead'));
		await rendered.press('z');
		expect(stripAnsi(rendered.lastFrame())).toContain('Live tail unavailable (Access denied to logs:StartLiveTail');
	});
});

describe('the Logs pane follows at its own pace and says so (real clock, engine running)', () => {
	async function running(options: Partial<EngineOptions>): Promise<{sim: Simulator; engine: Engine; view: Rendered}> {
		sim = await startSimulator({port: 0, seed: 9, things: 20, historyMinutes: 0, incidents: [], logRate: 0});
		clients = createClients({
			endpointUrl: sim.url,
			region: 'us-east-1',
			credentials: {accessKeyId: 't', secretAccessKey: 't'},
			maxAttempts: 1,
		});
		engine = new Engine(
			clients,
			{
				interval: 3_600_000,
				windowMs: 3_600_000,
				metricSpecs: [],
				logGroups: [IOT],
				logBuffer: 10_000,
				resourcesInterval: 60_000,
				source: {demo: true, region: 'us-east-1'},
				...options,
			},
			[createLogsSource()],
		);
		// Below the dashboard size: the Logs pane alone, its title on one line.
		rendered = renderAt(<App engine={engine} initialPane="logs" />, {columns: 100, rows: 30});
		engine.start();
		return {sim, engine, view: rendered};
	}
	const title = (view: Rendered) => titleLine(view.lastFrame());
	const untilTitle = (view: Rendered, test: (title: string) => boolean) => view.waitForFrame((frame) => test(titleLine(frame)));

	it('with --interval 1h, polls every 2 s: an event ingested after start shows within seconds', async () => {
		const {sim, view} = await running({});
		await untilTitle(view, (text) => text.includes('following every 2s'));
		expect(stripAnsi(view.lastFrame())).toContain('every 1h00m');
		sim.logs.putEvents(IOT, 'after-start', [{timestamp: Date.now(), message: 'ingested after start'}]);
		await view.waitForFrame((frame) => frame.includes('ingested after start'));
		expect(title(view)).toMatch(/Logs \d+(\.\d)?\/s · following every 2s/);
	});

	it('paused says paused (no rate); a failing poll is not following, with the data age, the status line giving the error; a hanging one too', async () => {
		const {sim, view} = await running({logPollInterval: 1000});
		await untilTitle(view, (text) => text.includes('following every 1s'));

		await view.press('p');
		await untilTitle(view, (text) => text.includes('paused'));
		expect(title(view)).not.toContain('following');
		expect(title(view)).not.toMatch(/\d\/s/);
		await view.press('p');
		await untilTitle(view, (text) => text.includes('following every 1s'));

		sim.faults.add('logs:FilterLogEvents=error:503');
		const failing = stripAnsi(await untilTitle(view, (text) => /not following, data \d+s old/.test(text)));
		expect(titleLine(failing)).not.toMatch(/following every|\d\/s/);
		expect(failing).toContain('⚠ AWS had a server error on logs:FilterLogEvents (HTTP 503');
		sim.faults.clear();
		await untilTitle(view, (text) => text.includes('following every 1s'));

		// A poll that hangs: within about two cadences the title stops saying it follows.
		sim.faults.add('logs:FilterLogEvents=latency:6000');
		await untilTitle(view, (text) => /not following, data \d+s old/.test(text));
		expect(stripAnsi(view.lastFrame())).not.toContain('⚠');
		sim.faults.clear();
		await untilTitle(view, (text) => text.includes('following every 1s'));
	});
});
