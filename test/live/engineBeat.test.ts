// One refresh cycle, one frame: sources that share a cadence start on the same beat, and
// the store tells the UI once, when the cycle's last source is done (but the first cycle's
// sources each as they land, so the first frame with data does not wait for the slowest).
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import type {LiveSource} from '../../source/live/context.js';
import {Engine, nextBeat, withSlice} from '../../source/live/engine.js';
import {MAX_HOLD, NOTIFY_DELAY, Store} from '../../source/live/store.js';
import {clientsFor, testEngine} from '../helpers/engine.js';

// Timers and Date are vitest's: the engine's cadence, the store's notify delay and the sources'
// run times happen on a clock the test moves, so no slack for a busy machine is needed.
beforeEach(() => {
	vi.useFakeTimers();
});
afterEach(() => {
	vi.useRealTimers();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('nextBeat', () => {
	it.each([
		// epoch, cadence, startedAt, wait, now -> next
		[0, 5000, 0, 5000, 40, 5000],
		[0, 5000, 5003, 5000, 5090, 10_000], // a timer that fired 3 ms late stays on the beat
		[0, 5000, 5000, 5000, 11_000, 15_000], // a run longer than the cadence skips to the next beat
		[0, 5000, 5000, 20_000, 5100, 25_000], // a throttling backoff lands on a beat too
		[1000, 2000, 1000, 2000, 1010, 3000],
	])('epoch %i, cadence %i, started %i, wait %i, now %i: next at %i', (epoch, cadence, startedAt, wait, now, expected) => {
		expect(nextBeat(epoch, cadence, startedAt, wait, now)).toBe(expected);
	});
});

describe('Store.hold', () => {
	it('tells listeners once, after the last hold is released', async () => {
		const store = new Store({n: 0});
		let heard = 0;
		store.subscribe(() => heard++);
		const first = store.hold();
		const second = store.hold();
		store.update((state) => ({n: state.n + 1}));
		first();
		store.update((state) => ({n: state.n + 1}));
		await vi.advanceTimersByTimeAsync(MAX_HOLD - 1);
		expect(heard).toBe(0);
		second();
		second();
		await vi.advanceTimersByTimeAsync(0);
		expect(heard).toBe(1);
		await vi.runAllTimersAsync();
		expect(heard).toBe(1);
		expect(store.getSnapshot().n).toBe(2);
	});

	it('lets go by itself after MAX_HOLD, so a slow source cannot stall the screen', async () => {
		const store = new Store({n: 0});
		let heard = 0;
		store.subscribe(() => heard++);
		store.hold(50);
		store.update(() => ({n: 1}));
		await vi.advanceTimersByTimeAsync(49);
		expect(heard).toBe(0);
		// At 50 ms the hold lets go, and the listeners hear on the next timer tick.
		await vi.advanceTimersByTimeAsync(2);
		expect(heard).toBe(1);
		expect(MAX_HOLD).toBeLessThanOrEqual(1000);
	});
});

describe('Engine beat', () => {
	const sourceLog = () => {
		const starts: Record<string, number[]> = {alarms: [], metrics: [], logs: []};
		const source = (name: 'alarms' | 'metrics' | 'logs', takes: number): LiveSource => ({
			name,
			operation: 'test:Run',
			cadence: (state) => state.interval,
			async run(context) {
				starts[name].push(Date.now());
				await sleep(takes);
				context.store.update((state) => withSlice(state, name, (slice) => ({...slice, fetchedAt: Date.now()})));
			},
		});
		return {starts, source};
	};

	it('starts the sources of a cycle together and draws each later cycle once; the first cycle shows each source as it lands', async () => {
		const {starts, source} = sourceLog();
		const clients = clientsFor('http://127.0.0.1:9');
		const engine: Engine = testEngine(clients, {interval: 400}, [source('alarms', 10), source('metrics', 90), source('logs', 170)]);
		// What the screen would show at each notification: which sources had landed.
		const heard: Array<{at: number; landed: string[]}> = [];
		const started = Date.now();
		engine.store.subscribe(() => {
			const {sources} = engine.store.getSnapshot();
			heard.push({
				at: Date.now() - started,
				landed: (['alarms', 'metrics', 'logs'] as const).filter((name) => sources[name].fetchedAt !== undefined),
			});
		});
		engine.start();
		await vi.advanceTimersByTimeAsync(1500);
		engine.stop();
		clients.destroy();
		// Cycles at 0, 400, 800, 1200 ms: each source ran 4 times, all three on each beat.
		// Without the beat each source would start one cadence after its own end, 160 ms apart.
		const beats = [0, 400, 800, 1200].map((at) => started + at);
		expect(starts).toEqual({alarms: beats, metrics: beats, logs: beats});
		// The first cycle: the alarms are on screen when they land, not when the slowest source
		// (the log backlog) is done. Later cycles: one notification each (the call counter update
		// rides along), when the cycle's last source is done, not one per source. Each on the
		// next timer tick (+1 ms), not after the store's NOTIFY_DELAY.
		expect(heard).toEqual([
			{at: 11, landed: ['alarms']},
			{at: 91, landed: ['alarms', 'metrics']},
			{at: 171, landed: ['alarms', 'metrics', 'logs']},
			{at: 571, landed: ['alarms', 'metrics', 'logs']},
			{at: 971, landed: ['alarms', 'metrics', 'logs']},
			{at: 1371, landed: ['alarms', 'metrics', 'logs']},
		]);
	});

	it('starts a deferred source once startDeferred is called and the others have shown their first run', async () => {
		const {starts, source} = sourceLog();
		const clients = clientsFor('http://127.0.0.1:9');
		const engine: Engine = testEngine(clients, {interval: 5000}, [source('alarms', 50), source('metrics', 120), source('logs', 10)]);
		const started = Date.now();
		engine.start({defer: ['logs']});
		await vi.advanceTimersByTimeAsync(30);
		// `r` before the first frame does not start it either.
		engine.refreshNow();
		await vi.advanceTimersByTimeAsync(10);
		expect(starts.logs).toEqual([]);
		engine.startDeferred();
		await vi.advanceTimersByTimeAsync(100);
		// Not while the metrics' first run is still on its way (until 120 ms)...
		expect(starts.logs).toEqual([started + 120]);
		expect(engine.store.getSnapshot().sources.logs.fetchedAt).toBe(started + 130);
		engine.stop();
		clients.destroy();
	});

	it('starts a deferred source a second after startDeferred at the latest, whatever the others do', async () => {
		const {starts, source} = sourceLog();
		const clients = clientsFor('http://127.0.0.1:9');
		const engine: Engine = testEngine(clients, {interval: 60_000}, [source('alarms', 30_000), source('logs', 10)]);
		const started = Date.now();
		engine.start({defer: ['logs']});
		engine.startDeferred();
		await vi.advanceTimersByTimeAsync(MAX_HOLD + 100);
		expect(starts.logs).toEqual([started + MAX_HOLD]);
		engine.stop();
		clients.destroy();
	});
});

describe('a run that changed nothing', () => {
	it('draws nothing for its call alone (the header shows calls per minute, not the total), and the total is exact when the engine stops', async () => {
		const clients = clientsFor('http://127.0.0.1:9');
		// A log poll that found nothing new: one call made, nothing written.
		const quiet: LiveSource = {
			name: 'logs',
			operation: 'test:Run',
			cadence: () => 60_000,
			async run() {
				clients.stats.attempts++;
			},
		};
		const engine = testEngine(clients, {interval: 60_000}, [quiet]);
		await engine.refreshAll();
		const before = engine.store.getSnapshot();
		let notifications = 0;
		engine.store.subscribe(() => notifications++);
		await engine.refreshAll();
		await engine.refreshAll();
		await vi.advanceTimersByTimeAsync(NOTIFY_DELAY);
		expect(engine.store.getSnapshot()).toBe(before);
		expect(notifications).toBe(0);
		engine.stop();
		expect(engine.store.getSnapshot().calls.total).toBe(3);
		clients.destroy();
	});
});

describe('the resources sweep', () => {
	it('describes about two rows a second, in one batch per refresh cycle', async () => {
		const {sweepBatch, resourcesSource} = await import('../../source/live/sources/resources.js');
		expect([1000, 5000, 10_000, 60_000].map(sweepBatch)).toEqual([2, 10, 20, 20]);
		const clients = clientsFor('http://127.0.0.1:9');
		const engine = testEngine(clients, {interval: 5000, resourcesInterval: 60_000});
		// A pending sweep runs on the refresh cadence, so its results land in the cycle's frame.
		const state = engine.store.getSnapshot();
		const pending = {
			...state,
			sources: {
				...state.sources,
				resources: {...state.sources.resources, certificates: {...state.sources.resources.certificates, rows: [{id: 'c1'}]}},
			},
		};
		expect(resourcesSource.cadence(pending as typeof state, engine.context.options)).toBe(5000);
		expect(resourcesSource.cadence(state, engine.context.options)).toBe(60_000);
		clients.destroy();
	});
});
