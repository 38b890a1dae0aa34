// The refresh engine: runs each source on its cadence, keeps the last good value, its
// error and fetchedAt, backs off on failure, and applies each result to the store as one
// update. It knows nothing of the UI; the UI calls its commands (refresh, pause, interval).
import type {AwsClients} from '../aws/clients.js';
import {describeAwsError} from '../aws/errors.js';
import {runAction, type EngineAction} from './actions.js';
import {stopTalkersQuery} from './talkers.js';
import type {EngineOptions, LiveSource, SourceContext} from './context.js';
import {alarmsSource} from './sources/alarms.js';
import {createLogsSource} from './sources/logs.js';
import {metricsSource} from './sources/metrics.js';
import {resourcesSource} from './sources/resources.js';
import {changesSource} from './sources/changes.js';
import {healthSource} from './sources/health.js';
import {fleetSource} from './sources/fleet.js';
import {initialState, withSlice, type LiveState} from './state.js';
import {MAX_HOLD, Store} from './store.js';

export type {EngineAction} from './actions.js';
export type {EngineOptions, SourceContext} from './context.js';
export * from './state.js';

export const INTERVAL_STEPS = [1000, 2000, 5000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000];
const MAX_BACKOFF = 5 * 60_000;

/**
 * When a source runs next. Only throttling backs off (AWS asked for fewer calls):
 * exponential with jitter, capped at 5 minutes, never faster than the cadence. After a
 * network error, a 5xx or an outage the next try is one cadence away, so the pane recovers
 * within one interval of the service returning.
 */
export function retryDelay(cadence: number, throttledRuns: number, random = Math.random()): number {
	if (throttledRuns === 0) return cadence;
	const ceiling = Math.min(MAX_BACKOFF, cadence * 2 ** Math.min(throttledRuns, 8));
	return Math.max(cadence, Math.round(ceiling / 2 + (random * ceiling) / 2));
}

type Loop = {
	source: LiveSource;
	timer?: NodeJS.Timeout;
	running?: Promise<void>;
	/** Throttled runs in a row: the backoff exponent. */
	throttles: number;
	/** Its first run is done: from then on its results wait for the rest of their cycle. */
	shown?: boolean;
	/** Started later, by startDeferred (the log backlog, after the first frame). */
	deferred?: boolean;
};

export type StartOptions = {
	/** Sources whose first run waits for startDeferred(): work the first frame does not need. */
	defer?: ReadonlyArray<LiveSource['name']>;
};

/** ms a timer may fire late and still count as on its beat. */
const BEAT_TOLERANCE = 250;

/**
 * When a run that started at `startedAt` runs next: `wait` after its start, moved onto the
 * engine's beat (epoch + a whole number of cadences) and never before `now`. Sources that
 * share a cadence so start together, and one refresh cycle is one frame, not one per source.
 */
export function nextBeat(epoch: number, cadence: number, startedAt: number, wait: number, now: number): number {
	const step = Math.max(1, cadence);
	let beats = Math.ceil((startedAt + wait - BEAT_TOLERANCE - epoch) / step);
	while (epoch + beats * step <= now) beats += 1;
	return epoch + beats * step;
}

export class Engine {
	readonly store: Store<LiveState>;
	/** For the UI's actions (load more, details): the same clients, store and clock as the sources. */
	readonly context: SourceContext;
	private readonly loops: Loop[];
	private stopped = true;
	/** Where the beat of every loop starts: engine start, `r`, a new interval, unpause. */
	private epoch = 0;
	/** startDeferred() was called: the deferred sources start when the others have shown their first run. */
	private deferredWanted = false;
	private deferredTimer?: NodeJS.Timeout;
	/** What stop() still has on its way (a StopQuery): await settled() before destroying the clients. */
	private stopping: Promise<void> = Promise.resolve();

	constructor(clients: AwsClients, options: EngineOptions, sources?: LiveSource[]) {
		this.store = new Store(initialState(options));
		this.context = {clients, store: this.store, options, now: options.now ?? Date.now};
		this.loops = (
			sources ?? [alarmsSource, metricsSource, createLogsSource(), resourcesSource, changesSource, healthSource, fleetSource]
		).map((source) => ({source, throttles: 0}));
	}

	start({defer = []}: StartOptions = {}): void {
		if (!this.stopped) return;
		this.stopped = false;
		this.epoch = this.context.now();
		for (const loop of this.loops) {
			loop.deferred = defer.includes(loop.source.name);
			if (!loop.deferred) void this.runLoop(loop);
		}
	}

	/**
	 * Starts the sources start() deferred (the full-screen app calls it once its first frame is
	 * drawn), when the others' first runs are done, so their data reaches the screen first; a
	 * second at the latest, as a slow source must not hold them back.
	 */
	startDeferred(): void {
		this.deferredWanted = true;
		clearTimeout(this.deferredTimer);
		this.deferredTimer = setTimeout(() => this.runDeferred(true), MAX_HOLD);
		this.deferredTimer.unref?.();
		this.runDeferred();
	}

	private runDeferred(anyway = false): void {
		if (!this.deferredWanted || this.stopped) return;
		if (!anyway && this.loops.some((loop) => !loop.deferred && !loop.shown)) return;
		clearTimeout(this.deferredTimer);
		this.deferredWanted = false;
		for (const loop of this.loops) {
			if (!loop.deferred) continue;
			loop.deferred = false;
			if (!loop.running && !loop.timer && !this.store.getSnapshot().paused) void this.runLoop(loop);
		}
	}

	stop(): void {
		// Logs Insights bills what a query scans: one the top talkers left running is stopped.
		this.stopping = stopTalkersQuery(this.context, 'quit').catch(() => undefined);
		this.stopped = true;
		clearTimeout(this.deferredTimer);
		for (const loop of this.loops) {
			clearTimeout(loop.timer);
			loop.timer = undefined;
			loop.source.stop?.();
		}
		this.updateCallStats(true);
	}

	/** Resolves once what stop() sent is answered (a running Logs Insights query stopped), or after `waitMs`: quitting never hangs on it. */
	settled(waitMs = 2000): Promise<void> {
		return Promise.race([this.stopping, new Promise<void>((resolve) => setTimeout(resolve, waitMs).unref?.())]);
	}

	/** One round of every source, for tests and the snapshot command. */
	async refreshAll(): Promise<void> {
		await Promise.all(this.loops.map((loop) => this.runOnce(loop)));
	}

	/** `r`: run every source now, whatever its timer says. */
	refreshNow(): void {
		this.epoch = this.context.now();
		this.context.refreshRequestedAt = this.epoch;
		for (const loop of this.loops) {
			clearTimeout(loop.timer);
			loop.timer = undefined;
			loop.throttles = 0;
			if (!loop.running && !loop.deferred) void this.runLoop(loop);
		}
	}

	togglePause(): void {
		const paused = !this.store.getSnapshot().paused;
		this.store.update((state) => ({...state, paused}));
		if (paused) {
			for (const loop of this.loops) {
				clearTimeout(loop.timer);
				loop.timer = undefined;
				loop.source.pause?.(this.context);
			}
		} else {
			this.refreshNow();
		}
	}

	/** What the UI asks for (a key's command, data the screen needs): its result goes to the store. */
	async run(action: EngineAction): Promise<void> {
		switch (action.type) {
			case 'refresh': {
				this.refreshNow();
				return;
			}
			case 'pause': {
				this.togglePause();
				return;
			}
			case 'interval': {
				this.stepInterval(action.direction);
				return;
			}
			default: {
				await runAction(this.context, action);
				// A new board is read at once, not at the next beat.
				if (action.type === 'metrics.board' || action.type === 'metrics.dashboard') this.refreshSource('metrics');
				return;
			}
		}
	}

	/** Runs one source now (after its current run, if one is on its way). */
	refreshSource(name: LiveSource['name']): void {
		const loop = this.loops.find((candidate) => candidate.source.name === name);
		if (!loop || this.stopped || this.store.getSnapshot().paused) return;
		clearTimeout(loop.timer);
		loop.timer = undefined;
		if (loop.running) void loop.running.then(() => this.refreshSource(name));
		else void this.runLoop(loop);
	}

	/** `+`/`-`: step the refresh interval through INTERVAL_STEPS. */
	stepInterval(direction: 1 | -1): void {
		const current = this.store.getSnapshot().interval;
		const index = INTERVAL_STEPS.findIndex((step) => step >= current);
		const position = index === -1 ? INTERVAL_STEPS.length - 1 : index;
		const nextIndex =
			direction > 0
				? Math.min(INTERVAL_STEPS.length - 1, INTERVAL_STEPS[position] > current ? position : position + 1)
				: Math.max(0, position - 1);
		const interval = INTERVAL_STEPS[nextIndex];
		if (interval === current) return;
		this.store.update((state) => ({...state, interval}));
		this.refreshNow();
	}

	private async runLoop(loop: Loop): Promise<void> {
		if (this.stopped || this.store.getSnapshot().paused) return;
		const startedAt = this.context.now();
		// A cycle's results reach the screen together, when its last source is done; but the
		// first of each source is shown as it lands: the alarms need not wait for the log backlog.
		const release = loop.shown ? this.store.hold() : undefined;
		try {
			await this.runOnce(loop);
		} finally {
			release?.();
		}
		if (!loop.shown) {
			loop.shown = true;
			this.store.notifyNow();
			this.runDeferred();
		}
		if (this.stopped || this.store.getSnapshot().paused) return;
		const cadence = loop.source.cadence(this.store.getSnapshot(), this.context.options);
		const wait = retryDelay(cadence, loop.throttles);
		const now = this.context.now();
		clearTimeout(loop.timer);
		loop.timer = setTimeout(() => void this.runLoop(loop), nextBeat(this.epoch, cadence, startedAt, wait, now) - now);
	}

	private runOnce(loop: Loop): Promise<void> {
		loop.running ??= this.execute(loop).finally(() => {
			loop.running = undefined;
		});
		return loop.running;
	}

	private async execute(loop: Loop): Promise<void> {
		const {source} = loop;
		try {
			await source.run(this.context);
			loop.throttles = 0;
			// A run that worked ends the slice's error, whatever the source wrote.
			this.store.update((state) => withSlice(state, source.name, (slice) => (slice.error ? {...slice, error: undefined} : slice)));
		} catch (error) {
			// Anything a source throws (an AWS error or a bug) is that pane's error, never a crash.
			const failure = describeAwsError(error, source.operation, {profile: this.context.options.source.profile, now: this.context.now()});
			loop.throttles = failure.kind === 'throttled' ? loop.throttles + 1 : 0;
			if (source.onError) {
				source.onError(this.context, failure);
			} else {
				this.store.update((state) => withSlice(state, source.name, (slice) => ({...slice, loading: false, error: failure})));
			}
		} finally {
			this.updateCallStats();
		}
	}

	/**
	 * The header's call counts. The total alone (on no screen) does not make an update: a log
	 * poll every 2 s that brought nothing would otherwise redraw the screen for it. It is exact
	 * whenever the rest changes, and when the engine stops.
	 */
	private updateCallStats(exact = false): void {
		const {stats} = this.context.clients;
		const now = this.context.now();
		const perMinute = stats.recent.filter((at) => at >= now - 60_000).length;
		this.store.update((state) =>
			state.calls.perMinute === perMinute && state.calls.throttles === stats.throttles && (!exact || state.calls.total === stats.attempts)
				? state
				: {...state, calls: {perMinute, throttles: stats.throttles, total: stats.attempts}},
		);
	}
}
