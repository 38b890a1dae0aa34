// Following CloudWatch log groups by polling FilterLogEvents the way established tailers do:
// from the newest timestamp seen (minus an overlap for late-ingested events) to the end of
// nextToken, de-duplicated by eventId with memory bounded by the overlap window.
import {FilterLogEventsCommand} from '@aws-sdk/client-cloudwatch-logs';
import {toLogEvent} from '../model/iotLog.js';
import type {LogEvent} from '../model/types.js';
import type {AwsClients} from './clients.js';

export type LogTailOptions = {
	groups: string[];
	filterPattern?: string;
	/** How far back the first poll reads, ms. */
	initialLookback?: number;
	/** Re-read window for late-ingested events, ms. */
	overlap?: number;
	/** Upper bound of pages read per group per poll, so one poll cannot run away. */
	maxPagesPerPoll?: number;
};

type GroupCursor = {
	/** Newest event timestamp seen. */
	newest: number;
	/** eventId -> timestamp, for events inside the overlap window. */
	seen: Map<string, number>;
};

export class LogTail {
	private readonly cursors = new Map<string, GroupCursor>();
	private readonly overlap: number;
	private readonly initialLookback: number;
	private readonly maxPages: number;

	constructor(
		private readonly clients: AwsClients,
		private readonly options: LogTailOptions,
	) {
		this.overlap = options.overlap ?? 30_000;
		this.initialLookback = options.initialLookback ?? 5 * 60_000;
		this.maxPages = options.maxPagesPerPoll ?? 20;
	}

	/** New events of every group since the previous poll, oldest first. */
	async poll(now = Date.now()): Promise<LogEvent[]> {
		const fresh: LogEvent[] = [];
		for (const group of this.options.groups) {
			const events = await this.pollGroup(group, now);
			for (const event of events) fresh.push(event);
		}
		if (this.options.groups.length > 1) fresh.sort((a, b) => a.timestamp - b.timestamp);
		return fresh;
	}

	private async pollGroup(group: string, now: number): Promise<LogEvent[]> {
		let cursor = this.cursors.get(group);
		if (!cursor) {
			cursor = {newest: now - this.initialLookback, seen: new Map()};
			this.cursors.set(group, cursor);
		}
		const startTime = Math.max(0, cursor.newest - this.overlap);
		const fresh: LogEvent[] = [];
		let nextToken: string | undefined;
		let pages = 0;
		do {
			const page = await this.clients.logs.send(
				new FilterLogEventsCommand({
					logGroupName: group,
					startTime,
					filterPattern: this.options.filterPattern || undefined,
					nextToken,
				}),
			);
			pages++;
			for (const raw of page.events ?? []) {
				const id = raw.eventId ?? `${raw.logStreamName}:${raw.timestamp}:${raw.message?.length}`;
				if (cursor.seen.has(id)) continue;
				const timestamp = raw.timestamp ?? now;
				cursor.seen.set(id, timestamp);
				if (timestamp > cursor.newest) cursor.newest = timestamp;
				fresh.push(toLogEvent({...raw, eventId: id}, group));
			}
			nextToken = page.nextToken;
		} while (nextToken && pages < this.maxPages);
		// Forget ids that fell out of the overlap window: they can never be returned again.
		const horizon = cursor.newest - this.overlap;
		for (const [id, timestamp] of cursor.seen) {
			if (timestamp < horizon) cursor.seen.delete(id);
		}
		return fresh;
	}
}
