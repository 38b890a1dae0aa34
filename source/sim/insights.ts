// CloudWatch Logs Insights in the simulator's Logs service: StartQuery, GetQueryResults,
// StopQuery over the stored log events (insightsQuery.ts runs the query language).
//
// - A query moves on the simulator's clock: Scheduled for `scheduledMs` after StartQuery, then
//   Running for `runningMs` with partial results (the share of the range's events scanned so
//   far), then Complete. StopQuery ends a Scheduled or Running query as Cancelled.
// - statistics: recordsScanned = events in the groups and range scanned so far, bytesScanned =
//   their message bytes, recordsMatched = those that passed the filters.
// - The range is [startTime, endTime] in epoch seconds, both ends included (timestamp * 1000 up
//   to endTime * 1000).
// - Errors as AWS: MalformedQueryException, ResourceNotFoundException (a group that does not
//   exist), LimitExceededException (more than `maxConcurrent` Scheduled or Running queries;
//   the StartQuery reference: "up to 30 concurrent CloudWatch Logs insights queries"),
//   InvalidParameterException.
// - A query running longer than `timeoutMs` (AWS: 60 minutes) ends as Timeout.

import {SimError, type JsonOperations} from './contract.js';
import type {LogModel} from './logStore.js';
import {parseInsightsQuery, QueryCompileError, runInsightsQuery, type InsightsQuery, type QueryEvent} from './insightsQuery.js';

export type InsightsOptions = {
	/** Scheduled or Running queries at once; default 30, AWS's default quota. */
	maxConcurrent?: number;
	/** How long a query stays Scheduled, ms; default 500. */
	scheduledMs?: number;
	/** How long it then runs, ms; default 1500. */
	runningMs?: number;
	/** Running time after which a query ends as Timeout, ms; default 60 minutes, as AWS ("Queries time out after 60 minutes of runtime"). */
	timeoutMs?: number;
};

type Query = {
	id: string;
	groups: string[];
	startMs: number;
	endMs: number;
	parsed: InsightsQuery;
	queryString: string;
	limit: number;
	createdAt: number;
	/** When StopQuery cancelled it (simulator clock). */
	cancelledAt?: number;
	/** The events in range, fixed at the start (AWS scans what is ingested when it runs). */
	events: QueryEvent[];
	bytes: number[];
	/** The answer once the query has ended: its events are then let go (a day's range holds a lot). */
	final?: {status: string; rows: unknown[]; statistics: {recordsMatched: number; recordsScanned: number; bytesScanned: number}};
};

const MAX_GROUPS = 50;
const KEPT_QUERIES = 50;

function invalid(message: string): SimError {
	return new SimError('InvalidParameterException', message);
}

function seconds(raw: unknown, name: string): number {
	if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < 0)
		throw invalid(
			`1 validation error detected: Value '${String(raw)}' at '${name}' failed to satisfy constraint: Member must have value greater than or equal to 0`,
		);
	return raw;
}

function groupName(identifier: string): string {
	const match = /^arn:aws[\w-]*:logs:[^:]*:[^:]*:log-group:(.+?)(:\*)?$/.exec(identifier);
	return match ? match[1] : identifier;
}

function groupsOf(input: {logGroupName?: unknown; logGroupNames?: unknown; logGroupIdentifiers?: unknown}): string[] {
	const given = [input.logGroupName, input.logGroupNames, input.logGroupIdentifiers].filter(
		(value) => value !== undefined && value !== null,
	);
	if (given.length === 0) throw invalid('One of logGroupName, logGroupNames or logGroupIdentifiers must be specified.');
	if (given.length > 1) throw invalid('Only one of logGroupName, logGroupNames or logGroupIdentifiers can be specified.');
	const list = typeof given[0] === 'string' ? [given[0]] : given[0];
	if (!Array.isArray(list) || list.length === 0 || list.some((name) => typeof name !== 'string' || name === ''))
		throw invalid('Log group names must be a non-empty list of names.');
	if (list.length > MAX_GROUPS)
		throw invalid(
			`1 validation error detected: Value at 'logGroupNames' failed to satisfy constraint: Member must have length less than or equal to ${MAX_GROUPS}`,
		);
	return (list as string[]).map(groupName);
}

export function insightsOperations(model: LogModel, options: InsightsOptions = {}): JsonOperations {
	const maxConcurrent = options.maxConcurrent ?? 30;
	const scheduledMs = options.scheduledMs ?? 500;
	const runningMs = options.runningMs ?? 1500;
	const timeoutMs = options.timeoutMs ?? 60 * 60_000;
	const queries = new Map<string, Query>();
	let serial = 0;

	function statusOf(query: Query, now: number): 'Scheduled' | 'Running' | 'Complete' | 'Cancelled' | 'Timeout' {
		if (query.cancelledAt !== undefined) return 'Cancelled';
		const elapsed = now - query.createdAt;
		if (elapsed < scheduledMs) return 'Scheduled';
		if (runningMs > timeoutMs && elapsed >= scheduledMs + timeoutMs) return 'Timeout';
		return elapsed < scheduledMs + runningMs ? 'Running' : 'Complete';
	}

	/** The share of the events scanned by now: none while Scheduled, all once Complete. */
	function scannedShare(query: Query, now: number): number {
		const until = Math.min(
			query.cancelledAt ?? now,
			runningMs > timeoutMs ? query.createdAt + scheduledMs + timeoutMs : Number.POSITIVE_INFINITY,
		);
		const elapsed = until - query.createdAt - scheduledMs;
		if (elapsed >= runningMs) return 1;
		return elapsed <= 0 ? 0 : elapsed / runningMs;
	}

	return {
		StartQuery(
			input: {
				logGroupName?: unknown;
				logGroupNames?: unknown;
				logGroupIdentifiers?: unknown;
				startTime?: unknown;
				endTime?: unknown;
				queryString?: unknown;
				limit?: unknown;
			} = {},
		) {
			const groups = groupsOf(input);
			const start = seconds(input.startTime, 'startTime');
			const end = seconds(input.endTime, 'endTime');
			if (start > end) throw invalid('Start time must be less than or equal to end time.');
			if (typeof input.queryString !== 'string' || input.queryString.length === 0)
				throw invalid("1 validation error detected: Value null at 'queryString' failed to satisfy constraint: Member must not be null");
			if (input.queryString.length > 10_000)
				throw invalid(
					"1 validation error detected: Value at 'queryString' failed to satisfy constraint: Member must have length less than or equal to 10000",
				);
			let limit = 10_000;
			if (input.limit !== undefined && input.limit !== null) {
				if (typeof input.limit !== 'number' || !Number.isInteger(input.limit) || input.limit < 1 || input.limit > 10_000)
					throw invalid(
						`1 validation error detected: Value '${String(input.limit)}' at 'limit' failed to satisfy constraint: Member must have value between 1 and 10000`,
					);
				limit = input.limit;
			}
			let parsed: InsightsQuery;
			try {
				parsed = parseInsightsQuery(input.queryString);
			} catch (error) {
				if (error instanceof QueryCompileError) throw new SimError('MalformedQueryException', error.message);
				throw error;
			}
			model.materialize();
			for (const group of groups)
				if (!model.hasGroup(group))
					throw new SimError('ResourceNotFoundException', `Log group '${group}' does not exist for account ID '${model.accountId}'`);
			const now = model.clock.now();
			const active = [...queries.values()].filter((query) => {
				const status = statusOf(query, now);
				return status === 'Scheduled' || status === 'Running';
			}).length;
			if (active >= maxConcurrent)
				throw new SimError('LimitExceededException', `Account maximum query concurrency limit of [${maxConcurrent}] reached.`);
			const events: QueryEvent[] = [];
			const bytes: number[] = [];
			const startMs = start * 1000;
			const endMs = end * 1000;
			for (const group of groups) {
				for (const event of model.events(group, {startTime: startMs, endTime: endMs})) {
					events.push({
						timestamp: event.timestamp,
						message: event.message,
						logStreamName: event.logStreamName,
						logGroup: group,
						accountId: model.accountId,
						ptr: Buffer.from(`${group}/${event.eventId}`).toString('base64'),
					});
				}
			}
			// Scanned in time order across the groups, so partial results cover the range's start.
			events.sort((a, b) => a.timestamp - b.timestamp);
			for (const event of events) bytes.push(Buffer.byteLength(event.message));
			serial += 1;
			const id = `${(0x1000_0000 + serial).toString(16)}-5eed-4a11-9e11-${now.toString(16).padStart(12, '0').slice(-12)}`;
			// Finished queries' results are kept for a while (AWS: 7 days); the oldest go first.
			for (const [old, query] of queries) {
				if (queries.size < KEPT_QUERIES) break;
				if (statusOf(query, now) !== 'Scheduled' && statusOf(query, now) !== 'Running') queries.delete(old);
			}
			queries.set(id, {id, groups, startMs, endMs, parsed, queryString: input.queryString, limit, createdAt: now, events, bytes});
			return {queryId: id};
		},
		GetQueryResults(input: {queryId?: unknown} = {}) {
			const query = typeof input.queryId === 'string' ? queries.get(input.queryId) : undefined;
			if (!query) throw new SimError('ResourceNotFoundException', 'The specified query does not exist.');
			if (query.final)
				return {queryLanguage: 'CWLI', results: query.final.rows, statistics: query.final.statistics, status: query.final.status};
			const now = model.clock.now();
			const status = statusOf(query, now);
			const scanned = Math.floor(query.events.length * scannedShare(query, now));
			const outcome = runInsightsQuery(query.parsed, query.events.slice(0, scanned), query.limit);
			let bytesScanned = 0;
			for (let index = 0; index < scanned; index++) bytesScanned += query.bytes[index];
			const answer = {
				results: status === 'Scheduled' ? [] : outcome.rows,
				statistics: {recordsMatched: outcome.recordsMatched, recordsScanned: scanned, bytesScanned},
				status,
			};
			if (status !== 'Scheduled' && status !== 'Running') {
				query.final = {status, rows: answer.results, statistics: answer.statistics};
				query.events = [];
				query.bytes = [];
			}
			return {queryLanguage: 'CWLI', ...answer};
		},
		StopQuery(input: {queryId?: unknown} = {}) {
			const query = typeof input.queryId === 'string' ? queries.get(input.queryId) : undefined;
			if (!query) throw new SimError('ResourceNotFoundException', 'The specified query does not exist.');
			const status = statusOf(query, model.clock.now());
			if (status !== 'Scheduled' && status !== 'Running') throw invalid(`Query ${query.id} is not running (status ${status}).`);
			query.cancelledAt = model.clock.now();
			return {success: true};
		},
	};
}
