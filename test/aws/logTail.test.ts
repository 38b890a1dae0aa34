// LogTail against the simulator over HTTP (real SDK) under a manual clock: every stored event
// is returned exactly once across many polls, with late events, small pages, pages cut by the
// page budget, empty pages that still carry a nextToken, many events at one timestamp, several
// groups, throttling part-way, and with the id memory bounded.
import {afterEach, describe, expect, it} from 'vitest';
import {createClients, type AwsClients} from '../../source/aws/clients.js';
import {LogTail, type LogTailOptions} from '../../source/aws/logTail.js';
import {createManualClock, type ManualClock} from '../../source/sim/contract.js';
import {startSimulator, type Simulator} from '../../source/sim/index.js';
import {compileFilterPattern} from '../../source/sim/filterPattern.js';
import {SIM_CALLS_PATH} from '../../source/sim/server.js';

const START = Date.UTC(2026, 2, 10, 12, 0, 0);
const IOT = 'AWSIotLogsV2';
const RULES = '/aws/iot/rules';

let sim: Simulator | undefined;
let clients: AwsClients | undefined;

afterEach(async () => {
	clients?.destroy();
	await sim?.close();
	sim = undefined;
	clients = undefined;
});

async function setup(options: {
	logRate: number;
	logScanBudget?: number;
}): Promise<{sim: Simulator; clients: AwsClients; clock: ManualClock}> {
	const clock = createManualClock(START);
	sim = await startSimulator({port: 0, seed: 3, things: 40, clock, historyMinutes: 0, incidents: [], ...options});
	// One attempt: a throttled call fails at once instead of being retried by the SDK.
	clients = createClients({
		endpointUrl: sim.url,
		region: 'us-east-1',
		credentials: {accessKeyId: 't', secretAccessKey: 't'},
		maxAttempts: 1,
	});
	return {sim, clients, clock};
}

/** Polls `rounds` times, advancing the clock between polls, then until nothing is left. */
async function follow(
	tail: LogTail,
	clock: ManualClock,
	rounds: number,
	each?: (round: number) => void,
): Promise<{ids: string[]; errors: number}> {
	const ids: string[] = [];
	let errors = 0;
	for (let round = 0; round < rounds; round++) {
		each?.(round);
		clock.advance(700);
		const result = await tail.poll(clock.now());
		if (result.error) errors++;
		for (const event of result.events) ids.push(event.id);
	}
	// Late events are ingested up to 8 s after their timestamp: let them all arrive, then drain.
	clock.advance(10_000);
	for (let index = 0; index < 200; index++) {
		const result = await tail.poll(clock.now());
		for (const event of result.events) ids.push(event.id);
		if (result.error) errors++;
		else if (result.caughtUp && result.events.length === 0) break;
	}
	return {ids, errors};
}

/** Small pages to exercise paging; a read budget of that many pages is the subject of its own tests only. */
function tailFor(groups: string[], options: Partial<LogTailOptions> = {}): LogTail {
	return new LogTail(clients!, {groups, minRequestGap: 0, pageLimit: 25, maxPagesPerPoll: 8, maxPagesPerRead: 1000, ...options});
}

function expectExactlyOnce(ids: string[], expected: string[]): void {
	expect(ids.length - new Set(ids).size).toBe(0);
	expect([...ids].sort()).toEqual([...expected].sort());
}

describe('LogTail (FilterLogEvents) against the simulator', () => {
	it('returns every event exactly once across many polls with late events, paging and a same-timestamp burst', async () => {
		const {sim, clock} = await setup({logRate: 20});
		clock.advance(3000);
		const tail = tailFor([IOT]);
		const {ids, errors} = await follow(tail, clock, 60, (round) => {
			if (round !== 20) return;
			// 120 events at one millisecond, 3 s late: they span several 25-event pages.
			const at = clock.now() - 3000;
			sim.logs.putEvents(
				IOT,
				'burst',
				Array.from({length: 120}, (_, index) => ({timestamp: at, message: `burst ${index}`})),
			);
		});
		expect(errors).toBe(0);
		const expected = sim.logs.events(IOT);
		// The test covers what it claims: late events, and pages cut short by the page budget.
		expect(expected.filter((event) => event.ingestionTime - event.timestamp >= 2000).length).toBeGreaterThan(5);
		expect(sim.calls()['logs:FilterLogEvents']).toBeGreaterThan(60 * 2);
		expectExactlyOnce(
			ids,
			expected.map((event) => event.eventId),
		);
	});

	it('follows several groups, each exactly once', async () => {
		const {sim, clock} = await setup({logRate: 30});
		const tail = tailFor([IOT, RULES]);
		const {ids} = await follow(tail, clock, 30);
		expectExactlyOnce(
			ids,
			[...sim.logs.events(IOT), ...sim.logs.events(RULES)].map((event) => event.eventId),
		);
	});

	it('passes the filter pattern to CloudWatch Logs and walks empty pages that carry a nextToken', async () => {
		const {sim, clock} = await setup({logRate: 60, logScanBudget: 10});
		const pattern = '{ $.eventType = "Publish-Out" }';
		const tail = tailFor([IOT], {filterPattern: pattern, maxPagesPerPoll: 40});
		const {ids} = await follow(tail, clock, 20);
		const matches = compileFilterPattern(pattern)!;
		const expected = sim.logs.events(IOT).filter((event) => matches(event.message));
		expect(expected.length).toBeGreaterThan(20);
		expectExactlyOnce(
			ids,
			expected.map((event) => event.eventId),
		);
	});

	it('keeps what it read before a throttled page and loses nothing when the throttling stops', async () => {
		const {sim, clock} = await setup({logRate: 20});
		const tail = tailFor([IOT]);
		const {ids, errors} = await follow(tail, clock, 20, (round) => {
			if (round === 5) sim.faults.add('logs:FilterLogEvents=throttle:0.3');
			if (round === 9) sim.faults.clear();
		});
		expect(errors).toBeGreaterThan(0);
		expectExactlyOnce(
			ids,
			sim.logs.events(IOT).map((event) => event.eventId),
		);
	});

	it('remembers a bounded number of ids; past the bound it skips rather than repeats', async () => {
		const {sim, clock} = await setup({logRate: 200});
		const tail = tailFor([IOT], {maxRememberedIds: 300, pageLimit: 500, maxPagesPerPoll: 10});
		const ids: string[] = [];
		for (let round = 0; round < 30; round++) {
			clock.advance(1000);
			const result = await tail.poll(clock.now());
			for (const event of result.events) ids.push(event.id);
			expect(tail.rememberedIds()).toBeLessThanOrEqual(300);
		}
		expect(ids.length - new Set(ids).size).toBe(0);
		const stored = new Set(sim.logs.events(IOT).map((event) => event.eventId));
		expect(ids.every((id) => stored.has(id))).toBe(true);
	});

	it('returns at most maxEvents, the newest, and counts the older ones as skipped', async () => {
		const {sim, clock} = await setup({logRate: 200});
		clock.advance(5000);
		// ~1,000 events behind against a buffer of 400: not enough to pass any over (below).
		const tail = tailFor([IOT], {pageLimit: 300, maxPagesPerPoll: 20, maxEvents: 400});
		const result = await tail.poll(clock.now());
		const stored = sim.logs.events(IOT);
		expect(result.caughtUp).toBe(true);
		expect(result.gap).toBe(0);
		expect(stored.length).toBeGreaterThan(900);
		expect(result.events.length).toBe(400);
		expect(result.skipped + result.events.length).toBe(stored.length);
		expect(result.events.map((event) => event.id)).toEqual(stored.slice(-400).map((event) => event.eventId));
	});

	it('far behind, goes on from now less one buffer of events instead of reading what the buffer would drop', async () => {
		const {sim, clock} = await setup({logRate: 2000});
		// Two minutes of events at ~2,000/s lie behind the first poll (the simulator keeps the newest
		// 180,000), against a buffer of 1,000.
		clock.advance(120_000);
		const tail = tailFor([IOT], {pageLimit: 500, maxPagesPerPoll: 10, maxEvents: 1000, initialLookback: 120_000});
		sim.resetCalls();
		const result = await tail.poll(clock.now());
		const stored = sim.logs.events(IOT);
		expect(stored.length).toBeGreaterThan(150_000);
		expect(result.error).toBeUndefined();
		expect(result.caughtUp).toBe(true);
		// Two pages (a buffer's worth, the rate), a probe from ~0.6 s before now, read to the end.
		expect(sim.calls()['logs:FilterLogEvents']).toBeLessThanOrEqual(8);
		expect(result.gap).toBeGreaterThan(80_000);
		expect(result.events.length).toBeGreaterThan(500);
		expect(result.events.length).toBeLessThanOrEqual(1000);
		// What it returns is the newest events, in order, each once.
		expect(result.events.map((event) => event.id)).toEqual(stored.slice(-result.events.length).map((event) => event.eventId));
		expect(clock.now() - result.events.at(-1)!.timestamp).toBeLessThan(1000);
		// The read pages are counted, the passed-over time is not.
		expect(result.skipped).toBeGreaterThanOrEqual(1000);
		expect(result.skipped).toBeLessThan(2500);
		// The next poll goes on from there: nothing repeated, nothing after the jump missed.
		clock.advance(1000);
		const next = await tail.poll(clock.now());
		expect(next.gap).toBe(0);
		const after = new Set(result.events.map((event) => event.id));
		expect(next.events.some((event) => after.has(event.id))).toBe(false);
		expect(next.events.length + next.skipped).toBeGreaterThan(1500);
	});

	it('does not pass over the end of a burst that stopped before now: its newest events are returned', async () => {
		const {sim, clock} = await setup({logRate: 0});
		// 20,000 events in the 10 s before a quiet second, against a buffer of 1,000.
		const start = clock.now();
		sim.logs.putEvents(
			IOT,
			'burst',
			Array.from({length: 20_000}, (_, index) => ({timestamp: start + Math.floor(index / 2), message: `burst ${index}`})),
		);
		clock.advance(11_000);
		const tail = tailFor([IOT], {pageLimit: 500, maxPagesPerPoll: 100, maxEvents: 1000, initialLookback: 60_000});
		const result = await tail.poll(clock.now());
		expect(result.gap).toBe(0);
		expect(result.caughtUp).toBe(true);
		const stored = sim.logs.events(IOT);
		expect(stored.length).toBeGreaterThanOrEqual(20_000);
		expect(result.skipped + result.events.length).toBe(stored.length);
		expect(result.events.map((event) => event.message)).toEqual(Array.from({length: 1000}, (_, index) => `burst ${19_000 + index}`));
	});

	it('does not pass over anything when what lies behind fits in the buffer', async () => {
		const {clock} = await setup({logRate: 200});
		clock.advance(60_000);
		const options = {pageLimit: 500, maxPagesPerPoll: 40, initialLookback: 60_000};
		const result = await tailFor([IOT], {...options, maxEvents: 10_000}).poll(clock.now());
		const unbounded = await tailFor([IOT], options).poll(clock.now());
		expect(unbounded.events.length).toBeGreaterThan(11_000);
		expect(result.gap).toBe(0);
		expect(result.skipped + result.events.length).toBe(unbounded.events.length);
		expect(result.events.map((event) => event.id)).toEqual(unbounded.events.slice(-10_000).map((event) => event.id));
	});

	it('polled every 2 s, re-reads the late-event window only every 5 s: each event is parsed about 4 times, not 8, and still exactly once returned', async () => {
		const {sim, clock} = await setup({logRate: 20});
		const returned = async () => {
			const response = await fetch(`${sim.url}${SIM_CALLS_PATH}`);
			return ((await response.json()) as {items: Record<string, number>}).items['logs:FilterLogEvents.events'] ?? 0;
		};
		const tail = tailFor([IOT], {pageLimit: 10_000});
		const ids: string[] = [];
		for (let round = 0; round < 60; round++) {
			clock.advance(2000);
			for (const event of (await tail.poll(clock.now())).events) ids.push(event.id);
		}
		const read = await returned();
		// Late events (ingested up to 8 s late) come with the next re-read.
		clock.advance(10_000);
		for (const event of (await tail.poll(clock.now())).events) ids.push(event.id);
		const stored = sim.logs.events(IOT);
		expectExactlyOnce(
			ids,
			stored.map((event) => event.eventId),
		);
		// 2,400 events; a 15 s window (~300 events) re-read every poll would return ~8.5 times that.
		expect(read / stored.length).toBeGreaterThan(2);
		expect(read / stored.length).toBeLessThan(5);
	});

	it('joins a poll already in flight instead of sending a second request', async () => {
		const {sim, clock} = await setup({logRate: 20});
		clock.advance(2000);
		const tail = tailFor([IOT], {pageLimit: 10_000});
		sim.resetCalls();
		const [first, second] = [tail.poll(clock.now()), tail.poll(clock.now())];
		expect(second).toBe(first);
		await first;
		expect(sim.calls()['logs:FilterLogEvents']).toBe(1);
	});
});
