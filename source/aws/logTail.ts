// Following CloudWatch log groups by polling (live tail, the other way, is liveTail.ts).
//
// LogTail polls FilterLogEvents the way established tailers do: from the newest timestamp seen,
// and every few seconds from an overlap window before it (events are filtered by event time, so
// late-ingested ones fall behind a moving start), to the end of nextToken, de-duplicated by
// eventId. Memory is bounded: ids are remembered per timestamp and forgotten once they fall out
// of the overlap window, and at most `maxRememberedIds` of them; whatever is forgotten is never
// read again (the next start is above it), so an event is returned at most once. The cap also
// bounds what a poll re-reads: on a busy group the overlap shrinks to the newest
// `maxRememberedIds` events (late events behind it are missed; live tail, which pushes by
// ingestion time, has no such window). One request at a time, a page budget per poll (a poll
// that hits it continues with the same query next time), a page budget per read (a query from
// its start to the end, the first one reaching back `--since`) and a gap between requests keep
// the tool well inside the account's ~5 requests/s FilterLogEvents quota.
// A trail's group is the exception to "late by seconds": CloudTrail delivers to CloudWatch Logs
// about 5 minutes after the call (not guaranteed) and stamps each log event with the call's
// eventTime, so a group recognized as a trail's (by its name, or by a CloudTrail record read from
// it) re-reads `CLOUDTRAIL_LATE_WINDOW` back, less often.
import {FilterLogEventsCommand, type FilterLogEventsCommandOutput, type FilteredLogEvent} from '@aws-sdk/client-cloudwatch-logs';
import {LOG_DEFAULTS} from '../config/config.js';
import {toLogEvent, type RawLogEvent} from '../model/iotLog.js';
import type {LogEvent} from '../model/types.js';
import {isThrottlingError, type AwsClients} from './clients.js';

export type LogTailOptions = {
	groups: string[];
	filterPattern?: string;
	/** How far back the first poll reads, ms (`--since`). */
	initialLookback?: number;
	/** Re-read window for late-ingested events, ms. */
	overlap?: number;
	/**
	 * Least time between two re-reads of the overlap window, ms: the polls between read on from
	 * the newest event only, and a late event waits for the next re-read (as it did when polls
	 * came every 5 s). A poll every 2 s would otherwise parse the window 2.5 times as often.
	 */
	overlapEvery?: number;
	/** Requests per poll over all groups (at least one per group); the rest waits for the next poll. */
	maxPagesPerPoll?: number;
	/**
	 * Requests one read may spend (a query from its start to the end of nextToken, over as many
	 * polls as that takes) before, far behind, it passes over the middle to reach now.
	 */
	maxPagesPerRead?: number;
	/** Upper bound of remembered event ids per group. */
	maxRememberedIds?: number;
	/** Least time between two requests, ms. */
	minRequestGap?: number;
	/** FilterLogEvents `limit` (events per page); default the service's 10,000. */
	pageLimit?: number;
	/**
	 * Newest events a poll returns at most (the log buffer's capacity): a flood's older events
	 * would be dropped by the buffer at once, so they are counted, not turned into events.
	 */
	maxEvents?: number;
	/** Behind by more than this (ms of event time) with more than twice the buffer's events ahead, a poll passes over the middle. */
	maxLag?: number;
};

/**
 * A read's page budget: 20 requests. Paced by the request gap (at most 4 a second, of the
 * account's 5) that is 5 s of requests, and 20 MB at most (1 MB pages), ~40,000 IoT log events
 * of ~500 bytes: room for the default 10,000-event buffer's own catch-up (a buffer's worth, a
 * probe, 1.25 buffers: ~12 pages of ~2,000 events), so the budget binds only where the buffer
 * does not (a large `--log-buffer`, a filter pattern that finds little per page).
 */
export const READ_PAGE_BUDGET = 20;

export type LogPoll = {
	/** New events, oldest first: the newest `maxEvents` of them. */
	events: LogEvent[];
	/** New events read before those and left out (past `maxEvents`); each is returned never. */
	skipped: number;
	/** A failure part-way: the events read before it are still returned (and never again). */
	error?: unknown;
	/** False when the page budget ran out before the end of nextToken. */
	caughtUp: boolean;
	/** Not caught up: the event time (epoch ms) every group is read up to; more is waiting. */
	readTo?: number;
	/** Why this poll passed over the middle (`gap` > 0): the buffer, or the read's page budget. */
	passedOver?: 'buffer' | 'budget';
	/**
	 * Event time (ms) passed over unread: the poll was so far behind that more than twice what
	 * the buffer holds lay between it and now, so it went on from a little more than a
	 * buffer's worth before now.
	 */
	gap: number;
};

type GroupCursor = {
	/** Newest event timestamp seen. */
	newest?: number;
	/** Events older than this are never read (ids below it may be forgotten). */
	floor: number;
	/** timestamp -> ids seen at that timestamp, for timestamps inside the overlap window. */
	seen: Map<number, Set<string>>;
	remembered: number;
	/** A query the page budget cut short: continued by the next poll. */
	pending?: Query;
	/** The first read (back to `--since`) has reached the end. */
	readOnce?: true;
	/** When (the poll's clock) a query last started by re-reading the overlap window. */
	rereadAt?: number;
	/** CloudTrail delivers here: records arrive minutes after their timestamps. */
	trail?: true;
};

/** One FilterLogEvents query, followed through its pages. */
type Query = {
	startTime: number;
	nextToken?: string;
	/** Events accepted from it so far, and the span of their timestamps: the rate it reads. */
	read: number;
	first: number;
	last: number;
	/**
	 * Requests made for it so far (against the read's page budget), the events they returned
	 * (re-read ones too) and the newest of their timestamps: how much event time a page covers.
	 */
	pages: number;
	returned: number;
	reached: number;
	/** Whether a jump ahead was tried already (once per query). */
	probed?: true;
};

const startQuery = (startTime: number): Query => ({
	startTime,
	read: 0,
	first: Number.POSITIVE_INFINITY,
	last: Number.NEGATIVE_INFINITY,
	pages: 0,
	returned: 0,
	reached: startTime,
});

/** Where a read far behind goes on from, and how many events it should find from there at the rate read so far. */
type CatchUp = {resume: number; reason: 'buffer' | 'budget'; expected: number};

/** After the first read, a group without events re-reads this much (late events), not all of `--since`. */
const QUIET_REREAD = 2 * 60_000;

/** How far back a trail's group re-reads: CloudTrail's ~5-minute delivery, with room for a slow one. */
export const CLOUDTRAIL_LATE_WINDOW = 15 * 60_000;
/** How often it does: CloudTrail delivers in batches, so a late record waits at most this long. */
const CLOUDTRAIL_REREAD_EVERY = 30_000;
/** A trail's group by name: the console's `aws-cloudtrail-logs-...` and the older `CloudTrail/DefaultLogGroup`. */
const TRAIL_GROUP = /cloudtrail/i;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class LogTail {
	private readonly cursors = new Map<string, GroupCursor>();
	private readonly overlap: number;
	private readonly overlapEvery: number;
	private readonly initialLookback: number;
	private readonly maxPages: number;
	/** Requests one read may spend (`maxPagesPerRead`). */
	readonly readBudget: number;
	private readonly maxIds: number;
	private readonly minGap: number;
	private readonly maxEvents: number;
	private readonly maxLag: number;
	private lastRequestAt = 0;
	private inFlight?: Promise<LogPoll>;

	constructor(
		private readonly clients: AwsClients,
		private readonly options: LogTailOptions,
	) {
		this.overlap = options.overlap ?? 15_000;
		this.overlapEvery = options.overlapEvery ?? 5000;
		this.initialLookback = options.initialLookback ?? LOG_DEFAULTS.since;
		this.maxPages = Math.max(options.groups.length, options.maxPagesPerPoll ?? 5);
		this.readBudget = Math.max(2, options.maxPagesPerRead ?? READ_PAGE_BUDGET);
		this.maxIds = options.maxRememberedIds ?? 2_500;
		this.minGap = options.minRequestGap ?? 250;
		this.maxEvents = Math.max(1, options.maxEvents ?? Number.POSITIVE_INFINITY);
		this.maxLag = options.maxLag ?? 15_000;
	}

	/** New events of every group since the previous poll; a poll while one runs joins it. */
	poll(now = Date.now()): Promise<LogPoll> {
		this.inFlight ??= this.pollGroups(now).finally(() => {
			this.inFlight = undefined;
		});
		return this.inFlight;
	}

	/** Ids currently remembered over all groups (for tests of the memory bound). */
	rememberedIds(): number {
		let total = 0;
		for (const cursor of this.cursors.values()) total += cursor.remembered;
		return total;
	}

	private async pollGroups(now: number): Promise<LogPoll> {
		const {groups} = this.options;
		const share = Math.max(1, Math.floor(this.maxPages / groups.length));
		const perGroup: LogEvent[][] = [];
		let skipped = 0;
		let gap = 0;
		let error: unknown;
		let caughtUp = true;
		let readTo: number | undefined;
		let passedOver: LogPoll['passedOver'];
		let left = this.maxPages;
		const behind: string[] = [];
		const add = (result: LogPoll & {requests: number}) => {
			perGroup.push(result.events);
			skipped += result.skipped;
			gap = Math.max(gap, result.gap);
			passedOver ??= result.passedOver;
			left -= result.requests;
			if (result.error !== undefined) error ??= result.error;
		};
		for (const group of groups) {
			const result = await this.pollGroup(group, now, share);
			add(result);
			if (!result.caughtUp) behind.push(group);
			// Throttled: the other groups would be throttled too; the engine backs off.
			if (result.error !== undefined && isThrottlingError(result.error)) break;
		}
		// The pages quiet groups left unused go to those still behind (a first read of a busy group beside quiet ones).
		for (const group of behind) {
			if (left <= 0 || error !== undefined) break;
			add(await this.pollGroup(group, now, left));
		}
		for (const group of groups) {
			const pending = this.cursors.get(group)?.pending;
			if (!pending) continue;
			caughtUp = false;
			const to = Math.max(this.cursors.get(group)!.newest ?? pending.reached, pending.reached);
			readTo = Math.min(readTo ?? to, to);
		}
		let events = perGroup.length === 1 ? perGroup[0] : perGroup.flat().sort((a, b) => a.timestamp - b.timestamp);
		if (events.length > this.maxEvents) {
			skipped += events.length - this.maxEvents;
			events = events.slice(-this.maxEvents);
		}
		return {events, skipped, error, caughtUp, gap, ...(caughtUp ? {} : {readTo}), ...(passedOver ? {passedOver} : {})};
	}

	private async pollGroup(group: string, now: number, pages: number): Promise<LogPoll & {requests: number}> {
		let cursor = this.cursors.get(group);
		if (!cursor) {
			cursor = {floor: now - this.initialLookback, seen: new Map(), remembered: 0, ...(TRAIL_GROUP.test(group) ? {trail: true} : {})};
			this.cursors.set(group, cursor);
		}
		// A quiet group: once read back to `--since`, the window need not grow behind the clock.
		if (cursor.newest === undefined && cursor.readOnce)
			cursor.floor = Math.max(cursor.floor, now - (cursor.trail ? this.overlapOf(cursor) : Math.min(this.initialLookback, QUIET_REREAD)));
		const query = cursor.pending ?? this.nextQuery(cursor, now);
		const pagesBefore = query.pages;
		// Accepted raw events, turned into LogEvents once the poll is over and only the newest
		// `maxEvents`: the rest are counted in `skipped`.
		let fresh: RawLogEvent[] = [];
		let skipped = 0;
		let gap = 0;
		let passedOver: LogPoll['passedOver'];
		let error: unknown;
		const take = (events: FilteredLogEvent[] | undefined) => {
			const before = fresh.length;
			for (const raw of events ?? []) {
				query.returned++;
				if (raw.timestamp !== undefined && raw.timestamp > query.reached) query.reached = raw.timestamp;
				this.accept(cursor, raw, now, fresh);
			}
			for (let index = before; index < fresh.length; index++) {
				const {timestamp} = fresh[index];
				// An event without a timestamp says nothing of how far the read has come.
				if (!Number.isFinite(timestamp)) continue;
				if ((timestamp as number) < query.first) query.first = timestamp as number;
				if ((timestamp as number) > query.last) query.last = timestamp as number;
			}
			query.read += fresh.length - before;
			if (fresh.length > this.maxEvents) {
				skipped += fresh.length - this.maxEvents;
				fresh = fresh.slice(-this.maxEvents);
			}
		};
		for (let requests = 0; requests < pages; requests++) {
			try {
				const response = await this.page(group, query.startTime, query.nextToken);
				query.pages++;
				take(response.events);
				query.nextToken = response.nextToken;
				if (!query.nextToken) break;
				const catchUp = query.probed ? undefined : this.catchUpPoint(query, now);
				if (catchUp === undefined || ++requests >= pages) continue;
				// Far behind: does a query from there find the stream still flowing (a full page, or
				// a good part of what the rate read so far promises)? Then what lies between would only
				// be dropped, or cost more pages than the read has left.
				const probe = await this.page(group, catchUp.resume, undefined);
				query.pages++;
				const found = probe.events?.length ?? 0;
				if (probe.nextToken === undefined && found < 0.4 * catchUp.expected) {
					// It ended before now (a burst, not a flood): read on, so its last events are shown.
					query.probed = true;
					continue;
				}
				skipped += fresh.length;
				fresh = [];
				gap += catchUp.resume - query.reached;
				passedOver = catchUp.reason;
				cursor.floor = catchUp.resume;
				cursor.newest = undefined;
				Object.assign(query, startQuery(catchUp.resume), {nextToken: probe.nextToken, probed: true, pages: query.pages, returned: 0});
				take(probe.events);
				if (!query.nextToken) break;
			} catch (failure) {
				error = failure;
				break;
			}
		}
		cursor.pending = query.nextToken ? query : undefined;
		if (!cursor.pending && error === undefined) cursor.readOnce = true;
		this.forget(cursor);
		return {
			requests: query.pages - pagesBefore,
			events: fresh.map((raw) => toLogEvent(raw, group, now)),
			skipped,
			error,
			caughtUp: cursor.pending === undefined,
			gap,
			...(cursor.pending ? {readTo: Math.max(cursor.newest ?? query.reached, query.reached)} : {}),
			...(passedOver ? {passedOver} : {}),
		};
	}

	/** A new query: from the newest event (those at its millisecond told apart by id), and now and then from `overlap` before it, for events ingested late. */
	private nextQuery(cursor: GroupCursor, now: number): Query {
		if (cursor.newest === undefined) return startQuery(cursor.floor);
		const every = cursor.trail ? Math.max(this.overlapEvery, CLOUDTRAIL_REREAD_EVERY) : this.overlapEvery;
		const reread = now - (cursor.rereadAt ?? Number.NEGATIVE_INFINITY) >= every;
		if (reread) cursor.rereadAt = now;
		return startQuery(Math.max(cursor.floor, reread ? cursor.newest - this.overlapOf(cursor) : cursor.newest));
	}

	/** The re-read window of a group: `overlap`, or CloudTrail's delivery delay for a trail's group. */
	private overlapOf(cursor: GroupCursor): number {
		return cursor.trail ? Math.max(this.overlap, CLOUDTRAIL_LATE_WINDOW) : this.overlap;
	}

	private async page(group: string, startTime: number, nextToken: string | undefined): Promise<FilterLogEventsCommandOutput> {
		await this.pace();
		return this.clients.logs.send(
			new FilterLogEventsCommand({
				logGroupName: group,
				startTime,
				filterPattern: this.options.filterPattern || undefined,
				nextToken,
				limit: this.options.pageLimit,
			}),
		);
	}

	/**
	 * Where a query far behind could go on from, or undefined to read on. More than `maxLag`
	 * behind, at the rate read so far:
	 * - the buffer: once a buffer's worth has been read, if the events still ahead are more than
	 *   twice what the buffer holds, everything read and most of what lies ahead would be dropped
	 *   on arrival: go on from now less a little more than a buffer's worth;
	 * - the page budget: once half of it is spent, if what lies ahead takes more pages than are
	 *   left, go on from where the rest of the budget reaches (with a margin).
	 * Going on from there shows the present at once. A poll that keeps up is never that far behind.
	 */
	private catchUpPoint(query: Query, now: number): CatchUp | undefined {
		let best: CatchUp | undefined;
		if (query.read > 0 && now - query.last > this.maxLag) {
			// Events per ms, over at least one second: a burst within a moment does not set the pace.
			const rate = query.read / Math.max(1000, query.last - query.first);
			if (Number.isFinite(this.maxEvents) && query.read >= this.maxEvents && (now - query.last) * rate > 2 * this.maxEvents) {
				// A quarter more than the buffer holds: the rate varies, and the buffer should end up full.
				best = {resume: Math.ceil(now - (1.25 * this.maxEvents) / rate), reason: 'buffer', expected: 1.25 * this.maxEvents};
			}
		}
		// The pace of the pages themselves (re-read events too): event time covered per request.
		const covered = query.reached - query.startTime;
		const left = this.readBudget - query.pages;
		if (query.pages * 2 >= this.readBudget && covered > 0 && now - query.reached > this.maxLag) {
			const msPerPage = covered / query.pages;
			if ((now - query.reached) / msPerPage > left) {
				// Three quarters of the pages left: the pace per page varies too.
				const reach = Math.max(1, Math.floor(0.75 * left)) * msPerPage;
				const resume = Math.ceil(now - reach);
				if (best === undefined || resume > best.resume) best = {resume, reason: 'budget', expected: (reach * query.returned) / covered};
			}
		}
		return best;
	}

	private accept(cursor: GroupCursor, raw: RawLogEvent, now: number, fresh: RawLogEvent[]): void {
		const known = Number.isFinite(raw.timestamp);
		// Without a timestamp (CloudWatch always sends one): remembered under its ingestion time (or
		// the newest seen) for de-duplication only; it moves no cursor and shows as of an unknown time.
		const timestamp = known
			? (raw.timestamp as number)
			: Number.isFinite(raw.ingestionTime)
				? (raw.ingestionTime as number)
				: (cursor.newest ?? cursor.floor);
		// Below the floor its id may be forgotten: it may have been shown already.
		if (known && timestamp < cursor.floor) return;
		// CloudTrail writes its records with eventVersion first.
		if (!cursor.trail && raw.message?.startsWith('{"eventVersion"')) cursor.trail = true;
		const id = raw.eventId ?? `${raw.logStreamName}\u0000${timestamp}\u0000${raw.message}`;
		let ids = cursor.seen.get(timestamp);
		if (ids?.has(id)) return;
		if (!ids) {
			ids = new Set();
			cursor.seen.set(timestamp, ids);
		}
		ids.add(id);
		cursor.remembered++;
		if (known && (cursor.newest === undefined || timestamp > cursor.newest)) cursor.newest = timestamp;
		fresh.push(raw);
	}

	/** Forgets ids below the overlap window, then the oldest ones past the cap, raising the floor. */
	private forget(cursor: GroupCursor): void {
		if (cursor.newest === undefined) return;
		const horizon = cursor.newest - this.overlapOf(cursor);
		if (horizon > cursor.floor) cursor.floor = horizon;
		let over = cursor.remembered - this.maxIds;
		const stale: number[] = [];
		for (const timestamp of cursor.seen.keys()) if (timestamp < cursor.floor) stale.push(timestamp);
		for (const timestamp of stale) {
			cursor.remembered -= cursor.seen.get(timestamp)!.size;
			cursor.seen.delete(timestamp);
		}
		over = cursor.remembered - this.maxIds;
		if (over <= 0) return;
		const timestamps = [...cursor.seen.keys()].sort((a, b) => a - b);
		for (const timestamp of timestamps) {
			if (cursor.remembered <= this.maxIds) break;
			cursor.remembered -= cursor.seen.get(timestamp)!.size;
			cursor.seen.delete(timestamp);
			cursor.floor = timestamp + 1;
		}
	}

	private async pace(): Promise<void> {
		const wait = this.lastRequestAt + this.minGap - Date.now();
		if (wait > 0) await sleep(wait);
		this.lastRequestAt = Date.now();
	}
}
