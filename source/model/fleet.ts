// The Fleet view's model: what the fleet index says (connected and disconnected now, why
// things dropped, breakdowns by type and by a chosen attribute, the recent disconnects) and,
// when the index is off, what the log buffer says (each client id's last Connect or
// Disconnect). Every figure carries its own status: a failed aggregation is an error, never 0.
// Pure.
import type {SourceError} from '../aws/errors.js';
import type {LogEvent} from './types.js';

/** A figure of the Fleet view: its value once fetched, the last fetch's error (the value, if any, is older). */
export type FleetFigure<T> = {value?: T; error?: SourceError; fetchedAt?: number};

export type FleetBucket = {key: string; count: number};

/** A breakdown: per value, how many things there are and how many of them are disconnected. */
export type FleetBreakdownRow = {key: string; total: number; disconnected?: number};

export type RecentDisconnect = {thingName: string; at?: number; reason?: string};

export type FleetIndexingMode = {
	/** OFF, REGISTRY, REGISTRY_AND_SHADOW. */
	thingIndexingMode: string;
	/** OFF or STATUS. */
	connectivityMode: string;
	/** The attributes the aggregations take (custom fields), e.g. attributes.firmware. */
	customFields: string[];
};

/** Why the index cannot answer connectivity, in the words the view uses; undefined: it can. */
export type FleetIndexGap = 'off' | 'registryOnly';

export function indexGap(mode: FleetIndexingMode | undefined): FleetIndexGap | undefined {
	if (!mode) return undefined;
	if (mode.thingIndexingMode === 'OFF') return 'off';
	if (mode.connectivityMode !== 'STATUS') return 'registryOnly';
	return undefined;
}

export const FLEET_DEFAULTS = {groupBy: 'attributes.firmware', recentMinutes: 15, history: 60, recentLimit: 200} as const;

/** The group-by field: `thingTypeName` or `attributes.NAME` (what GetBucketsAggregation takes). */
export const GROUP_BY_PATTERN = /^(?:thingTypeName|attributes\.[A-Za-z0-9_.,@/:#-]{1,128})$/;

/** `connectivity.connected:false AND connectivity.timestamp>T`: the things that dropped since T and are still down. */
export function recentDisconnectQuery(now: number, minutes: number): string {
	return `connectivity.connected:false AND connectivity.timestamp>${Math.floor(now - minutes * 60_000)}`;
}

/** The windows the recent disconnects are asked for, narrowest first, up to `minutes` (SearchIndex does not sort). */
export function recentWindows(minutes: number): number[] {
	return [...new Set([1, 5, minutes].filter((window) => window <= minutes))];
}

/** Breakdown rows from the total and disconnected buckets of one field, most things first. */
export function breakdownRows(total: readonly FleetBucket[], disconnected: readonly FleetBucket[] | undefined): FleetBreakdownRow[] {
	const down = new Map((disconnected ?? []).map((bucket) => [bucket.key, bucket.count]));
	return total.map((bucket) => ({
		key: bucket.key,
		total: bucket.count,
		disconnected: disconnected === undefined ? undefined : (down.get(bucket.key) ?? 0),
	}));
}

/** The connected counts kept across refreshes (oldest first), at most `limit`. */
export function withHistory(history: readonly number[], connected: number | undefined, limit: number = FLEET_DEFAULTS.history): number[] {
	if (connected === undefined) return [...history];
	const next = [...history, connected];
	return next.length > limit ? next.slice(next.length - limit) : next;
}

/** A count with thousands separators. */
export function formatCount(count: number): string {
	return count.toLocaleString('en-US');
}

/** `45.3%` of a whole; `—` without one. */
export function formatShare(part: number, whole: number): string {
	if (whole <= 0) return '—';
	const share = (part / whole) * 100;
	return `${share >= 10 || share === 0 ? share.toFixed(0) : share.toFixed(1)}%`;
}

/** A bar of `width` cells for part/whole (at least one cell for any part above 0). */
export function shareBar(part: number, whole: number, width: number): string {
	if (width <= 0) return '';
	const cells = whole <= 0 || part <= 0 ? 0 : Math.max(1, Math.round((part / whole) * width));
	return '█'.repeat(Math.min(width, cells)) + '░'.repeat(Math.max(0, width - cells));
}

/** How long ago, short: `45s`, `12m`, `3h`, `2d`. */
export function ago(at: number, now: number): string {
	const seconds = Math.max(0, Math.floor((now - at) / 1000));
	if (seconds < 60) return `${seconds}s`;
	if (seconds < 3600) return `${Math.floor(seconds / 60)}m`;
	if (seconds < 86_400) return `${Math.floor(seconds / 3600)}h`;
	return `${Math.floor(seconds / 86_400)}d`;
}

/** The CONN cell: `● 3m` connected for 3 minutes, `○ 12m` disconnected for 12; `?` when the index gave no time. */
export function connText(connected: boolean | undefined, since: number | undefined, now: number): string {
	if (connected === undefined) return '';
	const mark = connected ? '●' : '○';
	return since === undefined ? mark : `${mark} ${ago(since, now)}`;
}

/** One client id's last Connect or Disconnect in the log buffer. */
export type LoggedConnection = {clientId: string; connected: boolean; at: number; reason?: string};

export type FleetFromLogs = {
	connected: number;
	disconnected: number;
	/** Disconnect reasons of the clients whose last event was a Disconnect, most first. */
	reasons: FleetBucket[];
	/** By client id. */
	clients: Map<string, LoggedConnection>;
	/** The oldest event read: the window the figures cover. */
	since?: number;
};

/**
 * Each client id's last successful Connect or any Disconnect among the events (oldest first), and
 * the counts they make: what the logs say, not the fleet's truth (a quiet device logs nothing).
 */
export function fleetFromLogs(events: Iterable<LogEvent>): FleetFromLogs {
	const clients = new Map<string, LoggedConnection>();
	let since: number | undefined;
	for (const event of events) {
		since ??= event.timestamp;
		if (!event.clientId) continue;
		if (event.eventType === 'Connect' && event.status !== 'Failure') {
			clients.set(event.clientId, {clientId: event.clientId, connected: true, at: event.timestamp});
		} else if (event.eventType === 'Disconnect') {
			clients.set(event.clientId, {clientId: event.clientId, connected: false, at: event.timestamp, reason: event.reason});
		}
	}
	let connected = 0;
	const reasons = new Map<string, number>();
	for (const client of clients.values()) {
		if (client.connected) connected++;
		else reasons.set(client.reason ?? 'unknown', (reasons.get(client.reason ?? 'unknown') ?? 0) + 1);
	}
	return {
		connected,
		disconnected: clients.size - connected,
		reasons: [...reasons].map(([key, count]) => ({key, count})).sort((a, b) => b.count - a.count || a.key.localeCompare(b.key)),
		clients,
		since,
	};
}

/**
 * A connectivity timestamp as epoch ms. AWS documents epoch milliseconds; an endpoint that gives
 * seconds (moto does) would otherwise read as January 1970 ("connected for 20,772 days"). No
 * device connected before 1973, so a value that small is taken as seconds; 0 or none is unknown.
 */
export function connectivityTime(timestamp: number | undefined): number | undefined {
	if (timestamp === undefined || !Number.isFinite(timestamp) || timestamp <= 0) return undefined;
	return timestamp < 1e11 ? timestamp * 1000 : timestamp;
}
