// Follows the log groups: FilterLogEvents polling by default, StartLiveTail with --live-tail.
// Each tick appends what arrived to the ring buffer in one store update. Live tail reconnects
// when its session ends (3 h) or breaks, and falls back to polling, saying so in the pane,
// on an error it cannot recover from.
import {describeAwsError} from '../../aws/errors.js';
import {LiveTailSession, LogTail, logGroupArns} from '../../aws/logs.js';
import {appendLogEvents} from '../../model/logBuffer.js';
import type {LogEvent} from '../../model/types.js';
import type {LiveSource, SourceContext} from '../context.js';
import {withSlice} from '../state.js';

const RATE_WINDOW = 30_000;
const MIN_POLL = 1000;
/** Behind (the page budget ran out): the next poll at once, LogTail's gap between requests pacing it. */
const BEHIND_POLL = 250;
/** Per group and poll: with one page each, several groups stay well under 5 requests/s. */
const POLL_PER_GROUP = 400;
const LIVE_TAIL_TICK = 1000;
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
	const live = (context: SourceContext) => context.options.liveTail === true && !fellBack;

	/**
	 * Adds what arrived (`skipped` more came before `fresh`, past what the buffer holds);
	 * `complete` says the read worked to the end (only then is the data as of now).
	 */
	function write({store, now}: SourceContext, fresh: LogEvent[], skipped: number, sampled: boolean, complete = true, gap = 0): void {
		const fetchedAt = now();
		if (sampled) sampledAt = fetchedAt;
		samples.push({at: fetchedAt, count: skipped + fresh.length});
		samples = samples.filter((sample) => sample.at >= fetchedAt - RATE_WINDOW);
		// Events of the first sample arrived before the window started: count only later ones.
		const span = samples.length > 1 ? (fetchedAt - samples[0].at) / 1000 : 0;
		let later = 0;
		for (let index = 1; index < samples.length; index++) later += samples[index].count;
		const rate = span > 0 ? later / span : 0;
		store.update((state) =>
			withSlice(state, 'logs', (logs) => ({
				...logs,
				buffer: appendLogEvents(logs.buffer, fresh, skipped),
				received: logs.received + skipped + fresh.length,
				unread: gap > 0 ? (logs.unread ?? 0) + gap : logs.unread,
				rate,
				sampled: sampledAt >= fetchedAt - RATE_WINDOW,
				fetchedAt: complete ? fetchedAt : logs.fetchedAt,
				loading: false,
				error: complete ? undefined : logs.error,
			})),
		);
	}

	async function poll(context: SourceContext): Promise<void> {
		const {clients, options, now} = context;
		// A poll returns no more events than the buffer holds: the older ones would be dropped at once.
		tail ??= new LogTail(clients, {maxEvents: options.logBuffer, ...options.logTail, groups: options.logGroups, filterPattern: options.logFilter});
		const result = await tail.poll(now());
		// Behind, the next poll comes at once; after a failure (a throttle) the engine backs off from the usual cadence.
		behind = !result.caughtUp && result.error === undefined;
		write(context, result.events, result.skipped, false, result.error === undefined, result.gap);
		// Events read before a failure are kept; the engine records the error and backs off.
		if (result.error !== undefined) throw result.error;
	}

	function fallBack(context: SourceContext, error: unknown): void {
		fellBack = true;
		session = undefined;
		operation = 'logs:FilterLogEvents';
		const reason = describeAwsError(error, 'logs:StartLiveTail', {now: context.now(), profile: context.options.source.profile}).message.replace(/\.$/, '');
		context.store.update((state) =>
			withSlice(state, 'logs', (logs) => ({...logs, mode: 'poll', notice: `Live tail unavailable (${reason}); polling FilterLogEvents instead.`})),
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
			write(context, drained.events, 0, drained.sampled);
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
		cadence(state, options) {
			if (options.liveTail && !fellBack) return LIVE_TAIL_TICK;
			if (behind) return BEHIND_POLL;
			// One poll per refresh cycle (the FilterLogEvents quota is the account's, shared with
			// every other tool); `logPollInterval` asks for a faster one, `--live-tail` for push.
			const interval = options.logPollInterval ?? state.interval;
			return Math.max(MIN_POLL, interval, options.logGroups.length * POLL_PER_GROUP);
		},
		run(context) {
			const following = live(context);
			operation = following ? 'logs:StartLiveTail' : 'logs:FilterLogEvents';
			return following ? liveTail(context) : poll(context);
		},
		stop: endSession,
		// Paused, nobody watches: the session (billed per minute) ends; resuming starts one.
		pause: endSession,
	};
}
