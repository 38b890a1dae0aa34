// Follows the log groups: FilterLogEvents polling by default, StartLiveTail with --live-tail.
// It reads at its own pace (a poll every --log-interval, a live-tail drain every second),
// whatever the refresh interval of the other panes is, and says where it stands: following,
// behind (and by how much), or late (no read has finished for two cadences). Each read adds
// what arrived to the ring buffer in one store update; a read that brought nothing and changed
// nothing writes nothing, so it costs no render. Live tail reconnects when its session ends
// (3 h) or breaks, and falls back to polling, saying so in the pane, on an error it cannot
// recover from.
import {describeAwsError} from '../../aws/errors.js';
import {LiveTailSession, logGroupArns} from '../../aws/liveTail.js';
import {LogTail, type LogPoll} from '../../aws/logTail.js';
import {appendLogEvents, logEventAt, type LogBuffer} from '../../model/logBuffer.js';
import type {LogEvent} from '../../model/types.js';
import {LOG_DEFAULTS} from '../../config/config.js';
import {logCadence, type LiveSource, type SourceContext} from '../context.js';
import {withSlice, type LogBackfill, type LogsSlice} from '../state.js';

const RATE_WINDOW = 30_000;
/** Behind (the page budget ran out): the next poll at once, LogTail's gap between requests pacing it. */
const BEHIND_POLL = 250;
/** Errors that reconnecting cannot fix: fall back to polling at once. */
const UNRECOVERABLE = new Set([
	'AccessDeniedException',
	'ResourceNotFoundException',
	'InvalidParameterException',
	'ValidationException',
	'UnrecognizedClientException',
	'LimitExceededException',
	'UnknownOperationException',
]);
const MAX_LIVE_FAILURES = 5;
/** A session that lived this long was healthy: its break starts the failure count afresh. */
const HEALTHY_SESSION = 60_000;
/** A live-tail session that sent nothing for this long (CloudWatch sends about a frame a second) is not followed. */
const LIVE_TAIL_SILENCE = 5000;
/**
 * A read that brought nothing new still moves the data's time, but at most this often: the
 * header calls data late only after two intervals and 5 s, so it never looks late for it.
 */
const QUIET_WRITE = 5000;

/** How long after a read finished, without another, the pane stops saying it follows: about two cadences. */
export function lateAfter(cadence: number): number {
	return 2 * cadence + 1000;
}

/** Rates as the pane prints them (whole numbers from 10/s, one decimal below): equal ones need no update. */
function sameRate(a: number, b: number): boolean {
	const shown = (rate: number) => (rate >= 10 ? Math.round(rate) : Math.round(rate * 10) / 10);
	return shown(a) === shown(b);
}

/** What one read (a poll or a live-tail drain) brought. */
type Read = {
	events: LogEvent[];
	/** Events read before `events` and left out (past what the buffer holds). */
	skipped: number;
	/** Event time passed over unread, ms. */
	gap: number;
	sampled: boolean;
	/** The read finished and worked (a failed poll keeps what it read before the failure). */
	ok: boolean;
	/** The read reached the end: not behind. */
	caughtUp: boolean;
	readTo?: number;
	passedOver?: LogPoll['passedOver'];
};

/** The first read has reached the end: whether it stopped short of `--since`, and where the events it kept begin. */
function stoppedShort(
	first: {skipped: number; gap: number; stoppedBy?: LogBackfill['stoppedBy']},
	buffer: LogBuffer,
	pages: number,
): LogBackfill | undefined {
	if (first.skipped === 0 && first.gap === 0 && buffer.dropped === 0) return undefined;
	const readBackTo = heldTime(buffer, 'oldest');
	if (readBackTo === undefined) return undefined;
	return {readBackTo, stoppedBy: first.stoppedBy ?? 'buffer', pages, endSeq: buffer.first + buffer.length};
}

/** The event time of the oldest (or the newest) event held whose time is known. */
function heldTime(buffer: LogBuffer, end: 'oldest' | 'newest'): number | undefined {
	for (let step = 0; step < buffer.length; step++) {
		const event = logEventAt(buffer, end === 'oldest' ? step : buffer.length - 1 - step)!;
		if (!event.timeUnknown) return event.timestamp;
	}
	return undefined;
}

export function createLogsSource(): LiveSource {
	let tail: LogTail | undefined;
	let session: {live: LiveTailSession; startedAt: number} | undefined;
	let arns: Map<string, string> | undefined;
	let liveFailures = 0;
	let fellBack = false;
	let samples: Array<{at: number; count: number}> = [];
	let sampledAt = Number.NEGATIVE_INFINITY;
	let operation = 'logs:FilterLogEvents';
	/** The last poll ran out of its page budget: the next one comes sooner (still paced per request). */
	let behind = false;
	/** Until the first poll reaches the end: what it left out on the way back to `--since`. */
	let backfill: {skipped: number; gap: number; stoppedBy?: LogBackfill['stoppedBy']} | undefined;
	/** Reads that finished and worked, and the timer that marks the pane late when none follows. */
	let reads = 0;
	let watchdog: NodeJS.Timeout | undefined;
	const live = (context: SourceContext) => context.options.liveTail === true && !fellBack;
	const cadenceOf = (context: SourceContext) => logCadence(context.options, live(context));

	/** After each read that worked: unless another one follows in about two cadences, the pane says it is late. */
	function watch(context: SourceContext): void {
		clearTimeout(watchdog);
		const seen = reads;
		watchdog = setTimeout(
			() => {
				watchdog = undefined;
				if (reads !== seen || context.store.getSnapshot().paused) return;
				context.store.update((state) => withSlice(state, 'logs', (logs) => (logs.late ? logs : {...logs, late: true})));
			},
			lateAfter(cadenceOf(context)),
		);
		watchdog.unref?.();
	}

	function unwatch(): void {
		clearTimeout(watchdog);
		watchdog = undefined;
	}

	/**
	 * Events per second over the rate window. The first read's history and a catch-up that passed
	 * over the middle are no arrival rate: the window starts again after them. Undefined: a failed
	 * read leaves the rate as it was.
	 */
	function arrivalRate(at: number, read: Read): number | undefined {
		if (!read.ok) return undefined;
		if (backfill !== undefined || read.gap > 0) {
			samples = [];
			return 0;
		}
		samples.push({at, count: read.skipped + read.events.length});
		samples = samples.filter((sample) => sample.at >= at - RATE_WINDOW);
		// Events of the first sample arrived before the window started: count only later ones.
		const span = samples.length > 1 ? (at - samples[0].at) / 1000 : 0;
		let later = 0;
		for (let index = 1; index < samples.length; index++) later += samples[index].count;
		return span > 0 ? later / span : 0;
	}

	/** Adds what a read brought to the store in one update, or leaves the store alone when nothing a reader sees changed. */
	function write(context: SourceContext, read: Read): void {
		const at = context.now();
		if (read.ok) {
			reads++;
			watch(context);
		}
		if (backfill) {
			backfill.skipped += read.skipped;
			backfill.gap += read.gap;
			backfill.stoppedBy ??= read.passedOver;
		}
		const backfillGap = backfill ? read.gap : 0;
		const finishing = backfill !== undefined && read.ok && read.caughtUp;
		const measured = arrivalRate(at, read);
		if (read.sampled) sampledAt = at;
		const sampled = sampledAt >= at - RATE_WINDOW;
		const nothingNew = read.events.length === 0 && read.skipped === 0 && read.gap === 0;
		const first = finishing ? backfill : undefined;
		context.store.update((state) =>
			withSlice(state, 'logs', (logs) => {
				const rate = measured ?? logs.rate;
				const readTo = read.ok ? (read.caughtUp ? undefined : read.readTo) : logs.readTo;
				const late = read.ok ? undefined : logs.late;
				const unchanged =
					nothingNew &&
					!finishing &&
					!logs.loading &&
					logs.fetchedAt !== undefined &&
					(read.ok ? logs.error === undefined && at - logs.fetchedAt < QUIET_WRITE : true) &&
					logs.late === late &&
					logs.readTo === readTo &&
					logs.sampled === sampled &&
					sameRate(logs.rate, rate);
				if (unchanged) return logs;
				const buffer = appendLogEvents(logs.buffer, read.events, read.skipped);
				const next: LogsSlice = {
					...logs,
					buffer,
					received: logs.received + read.skipped + read.events.length,
					// What the first read passed over is said by the "read back to" line instead.
					unread: read.gap - backfillGap > 0 ? (logs.unread ?? 0) + read.gap - backfillGap : logs.unread,
					rate,
					sampled,
					fetchedAt: read.ok ? at : logs.fetchedAt,
					loading: false,
					error: read.ok ? undefined : logs.error,
					readTo,
					late,
				};
				const short = first && stoppedShort(first, buffer, tail?.readBudget ?? 0);
				return short ? {...next, backfill: short} : next;
			}),
		);
		if (finishing) backfill = undefined;
	}

	async function poll(context: SourceContext): Promise<void> {
		const {clients, options, now} = context;
		if (!tail) {
			// Polling after live tail fell back: on from just after the newest event the session
			// brought, not back to --since again (those events are shown already).
			const newest = fellBack ? heldTime(context.store.getSnapshot().sources.logs.buffer, 'newest') : undefined;
			const since = options.logSince ?? LOG_DEFAULTS.since;
			// A poll returns no more events than the buffer holds: the older ones would be dropped at once.
			tail = new LogTail(clients, {
				maxEvents: options.logBuffer,
				initialLookback: newest === undefined ? since : Math.min(since, Math.max(0, now() - newest - 1)),
				...options.logTail,
				groups: options.logGroups,
				filterPattern: options.logFilter,
			});
			backfill = newest === undefined ? {skipped: 0, gap: 0} : undefined;
		}
		const result = await tail.poll(now());
		// Behind, the next poll comes at once; after a failure (a throttle) the engine backs off from the usual cadence.
		behind = !result.caughtUp && result.error === undefined;
		write(context, {
			events: result.events,
			skipped: result.skipped,
			gap: result.gap,
			sampled: false,
			ok: result.error === undefined,
			caughtUp: result.caughtUp,
			readTo: result.readTo,
			passedOver: result.passedOver,
		});
		// Events read before a failure are kept; the engine records the error and backs off.
		if (result.error !== undefined) throw result.error;
	}

	function fallBack(context: SourceContext, error: unknown): void {
		fellBack = true;
		session = undefined;
		operation = 'logs:FilterLogEvents';
		const reason = describeAwsError(error, 'logs:StartLiveTail', {
			now: context.now(),
			profile: context.options.source.profile,
		}).message.replace(/\.$/, '');
		context.store.update((state) =>
			withSlice(state, 'logs', (logs) => ({
				...logs,
				mode: 'poll',
				cadence: cadenceOf(context),
				notice: `Live tail unavailable (${reason}); polling FilterLogEvents instead.`,
			})),
		);
	}

	function endSession(): void {
		session?.live.stop();
		session = undefined;
	}

	async function liveTail(context: SourceContext): Promise<void> {
		const {clients, options, now} = context;
		if (session) {
			const drained = session.live.drain();
			// A session that went silent (a connection gone half-open) is read, but not followed.
			const heard = Date.now() - drained.heardAt <= LIVE_TAIL_SILENCE;
			write(context, {events: drained.events, skipped: 0, gap: 0, sampled: drained.sampled, ok: !drained.ended && heard, caughtUp: true});
			if (!drained.ended) return;
			const {startedAt} = session;
			session = undefined;
			if (drained.error !== undefined && (drained.error as Error).name !== 'SessionTimeoutException') {
				// The stream broke: reconnect (below), unless it cannot be fixed or keeps breaking.
				liveFailures = now() - startedAt >= HEALTHY_SESSION ? 1 : liveFailures + 1;
				if (UNRECOVERABLE.has((drained.error as Error).name) || liveFailures >= MAX_LIVE_FAILURES) {
					fallBack(context, drained.error);
					return poll(context);
				}
			}
		}
		try {
			arns ??= await logGroupArns(clients, options.logGroups);
			const started = await LiveTailSession.start(clients, {arns, filterPattern: options.logFilter, maxPending: options.logBuffer});
			session = {live: started, startedAt: now()};
			// Paused while it was being opened: it ends at once.
			if (context.store.getSnapshot().paused) endSession();
		} catch (error) {
			liveFailures++;
			if (UNRECOVERABLE.has((error as Error).name) || liveFailures >= MAX_LIVE_FAILURES) {
				fallBack(context, error);
				return poll(context);
			}
			throw error;
		}
	}

	return {
		name: 'logs',
		// What a failure is reported against: the call this tick made.
		get operation() {
			return operation;
		},
		cadence(_state, options) {
			const following = options.liveTail === true && !fellBack;
			if (behind && !following) return BEHIND_POLL;
			return logCadence(options, following);
		},
		run(context) {
			const following = live(context);
			operation = following ? 'logs:StartLiveTail' : 'logs:FilterLogEvents';
			return following ? liveTail(context) : poll(context);
		},
		stop() {
			unwatch();
			endSession();
		},
		// Paused, nobody watches: the session (billed per minute) ends; resuming starts one. Until
		// a read finishes after resuming, what the pane holds is as old as the pause.
		pause(context) {
			unwatch();
			endSession();
			context.store.update((state) => withSlice(state, 'logs', (logs) => (logs.late ? logs : {...logs, late: true})));
		},
	};
}
