// Top talkers: the client ids, event types and reasons with the most failures, counted over
// the log buffer at once, or over a longer window by CloudWatch Logs Insights (the query below).
// A failure is an IoT v2 line with status Failure, or at level ERROR or WARN.
import type {SourceError} from '../aws/errors.js';
import type {InsightsStatistics, InsightsStatus} from '../aws/insights.js';
import {logEventAt, type LogBuffer} from './logBuffer.js';
import type {LogEvent} from './types.js';

export const TALKER_KINDS = ['clientId', 'eventType', 'reason'] as const;
export type TalkerKind = (typeof TALKER_KINDS)[number];

/** Failures by client id, event type and reason; '' = the field was absent. */
export type TalkerTally = {failures: number} & Record<TalkerKind, Map<string, number>>;

export const emptyTally = (): TalkerTally => ({failures: 0, clientId: new Map(), eventType: new Map(), reason: new Map()});

export function isFailure(event: Pick<LogEvent, 'status' | 'level'>): boolean {
	return event.status?.toLowerCase() === 'failure' || event.level === 'ERROR' || event.level === 'WARN';
}

function add(tally: TalkerTally, keys: Record<TalkerKind, string>, count: number): void {
	tally.failures += count;
	for (const kind of TALKER_KINDS) tally[kind].set(keys[kind], (tally[kind].get(keys[kind]) ?? 0) + count);
}

/** The failures in the buffer, with the time span they cover. */
export function bufferTally(buffer: LogBuffer): TalkerTally & {events: number; from?: number; to?: number} {
	const tally = emptyTally();
	let from: number | undefined;
	let to: number | undefined;
	for (let index = 0; index < buffer.length; index++) {
		const event = logEventAt(buffer, index)!;
		if (!event.timeUnknown) {
			from = from === undefined ? event.timestamp : Math.min(from, event.timestamp);
			to = to === undefined ? event.timestamp : Math.max(to, event.timestamp);
		}
		if (!isFailure(event)) continue;
		add(tally, {clientId: event.clientId ?? '', eventType: event.eventType ?? '', reason: event.reason ?? ''}, 1);
	}
	return {...tally, events: buffer.length, from, to};
}

/** Rows Logs Insights returns at most: with that many, the counts are of the largest groups only. */
export const TALKERS_LIMIT = 10_000;

/** The same failures as isFailure, grouped finely enough that each top list is summed in the client. */
export const TALKERS_QUERY =
	'filter status = "Failure" or logLevel in ["ERROR", "WARN"]' +
	' | stats count(*) as failures by clientId, eventType, reason' +
	` | sort failures desc | limit ${TALKERS_LIMIT}`;

export type RowsTally = {
	tally: TalkerTally;
	/** Rows without a whole `failures` count: an endpoint that ignored `stats` (moto) sends only these. */
	unreadable: number;
	rows: number;
};

/** Insights' rows ({clientId, eventType, reason, failures}) summed by each field. */
export function tallyFromRows(rows: ReadonlyArray<Record<string, string>>): RowsTally {
	const tally = emptyTally();
	let unreadable = 0;
	for (const row of rows) {
		const count = /^\d+$/.test(row.failures ?? '') ? Number(row.failures) : Number.NaN;
		if (!Number.isSafeInteger(count)) {
			unreadable++;
			continue;
		}
		add(tally, {clientId: row.clientId ?? '', eventType: row.eventType ?? '', reason: row.reason ?? ''}, count);
	}
	return {tally, unreadable, rows: rows.length};
}

/** The Insights window steps (`[` / `]`), ms; 15 minutes by default. */
export const TALKER_WINDOWS = [5 * 60_000, 15 * 60_000, 60 * 60_000, 3 * 60 * 60_000, 24 * 60 * 60_000] as const;
export const DEFAULT_TALKER_WINDOW = TALKER_WINDOWS[1];

export function stepWindow(windowMs: number, direction: 1 | -1): number {
	const index = TALKER_WINDOWS.findIndex((step) => step >= windowMs);
	const at = index === -1 ? TALKER_WINDOWS.length - 1 : index;
	return TALKER_WINDOWS[Math.max(0, Math.min(TALKER_WINDOWS.length - 1, at + direction))];
}

/** One entry of a top list: its buffer count and its count over the Insights window (undefined: not known). */
export type TalkerEntry = {key: string; buffer: number; window?: number};

/**
 * The keys of one kind with the most failures, from both counts: by the window's count when
 * the query has one (it covers more), then by the buffer's.
 */
export function topTalkers(kind: TalkerKind, buffer: TalkerTally, window: TalkerTally | undefined, max: number): TalkerEntry[] {
	const keys = new Set([...buffer[kind].keys(), ...(window?.[kind].keys() ?? [])]);
	const entries = [...keys].map((key) => ({
		key,
		buffer: buffer[kind].get(key) ?? 0,
		window: window ? (window[kind].get(key) ?? 0) : undefined,
	}));
	entries.sort((a, b) => (b.window ?? 0) - (a.window ?? 0) || b.buffer - a.buffer || a.key.localeCompare(b.key));
	return entries.slice(0, Math.max(0, max));
}

/** Logs Insights' price: $0.005 per GB scanned. */
export const INSIGHTS_PRICE_PER_GB = 0.005;

/** `12.3 MB`, decimal units as AWS's price is per GB. */
export function formatBytes(bytes: number): string {
	if (bytes < 1000) return `${bytes} B`;
	const units = ['kB', 'MB', 'GB', 'TB'];
	let value = bytes;
	let unit = -1;
	while (value >= 1000 && unit < units.length - 1) {
		value /= 1000;
		unit++;
	}
	return `${value >= 100 ? Math.round(value) : value.toFixed(1)} ${units[unit]}`;
}

/** `scanned 12.3 MB ≈ $0.000062`: two significant digits of a small price, never rounded to $0 (nor written 5e-9). */
export function scanCost(bytes: number): string {
	const dollars = (bytes / 1e9) * INSIGHTS_PRICE_PER_GB;
	if (dollars === 0) return `scanned ${formatBytes(bytes)} ≈ $0`;
	if (dollars < 0.000_001) return `scanned ${formatBytes(bytes)} < $0.000001`;
	const price =
		dollars >= 0.01 ? dollars.toFixed(2) : Number(dollars.toPrecision(2)).toFixed(Math.max(2, 1 - Math.floor(Math.log10(dollars))));
	return `scanned ${formatBytes(bytes)} ≈ $${price}`;
}

/** A Logs Insights run over the followed groups, as the store holds it (logs slice, `talkers`). */
export type TalkersQuery = {
	/** Bumped by each new query: a late answer of an older one is dropped. */
	generation: number;
	windowMs: number;
	groups: string[];
	/** The range asked for, epoch seconds, both included. */
	startTime: number;
	endTime: number;
	queryId?: string;
	/** Starting: StartQuery not answered yet; Stopping: StopQuery sent. */
	status: InsightsStatus | 'Starting' | 'Stopping';
	/** Why it was stopped: the user left the view, or the app quit. */
	stoppedBy?: 'left' | 'quit';
	result?: RowsTally;
	/** What the endpoint said it scanned; undefined when it said nothing (unknown, not zero). */
	statistics?: InsightsStatistics;
	error?: SourceError;
	/** Epoch ms of the last answer. */
	fetchedAt?: number;
};

/** Still to be answered: StopQuery must be sent if the user leaves. */
export function talkersRunning(query: TalkersQuery | undefined): boolean {
	return query !== undefined && (query.status === 'Starting' || query.status === 'Scheduled' || query.status === 'Running');
}
