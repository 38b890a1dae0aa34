// CloudWatch Logs (AWS JSON 1.1) operations over the log model. Field names follow the
// installed @aws-sdk/client-cloudwatch-logs schemas; every time is epoch ms.
//
// Paging:
// - DescribeLogGroups / DescribeLogStreams: `limit` 1..50 (default 50), opaque `nextToken`.
// - FilterLogEvents: `limit` 1..10,000 (default 10,000); a page also stops at 1 MB (message
//   bytes + 26 per event) or after scanning 200,000 stored events, so a page can be empty while
//   `nextToken` is set. The token names the last event examined (timestamp and sequence), so
//   the next page continues exactly after it even when many events share a timestamp.

import {SimError, type JsonOperations} from './contract.js';
import type {InputLogEvent, LogModel} from './logStore.js';
import {liveTailOperation, type LiveTailOptions} from './liveTail.js';
import {insightsOperations, type InsightsOptions} from './insights.js';

function invalid(message: string): SimError {
	return new SimError('InvalidParameterException', message);
}

function limitOf(raw: unknown, name: string, max: number, fallback: number): number {
	if (raw === undefined || raw === null) return fallback;
	if (typeof raw !== 'number' || !Number.isInteger(raw))
		throw invalid(
			`1 validation error detected: Value '${String(raw)}' at '${name}' failed to satisfy constraint: Member must be an integer`,
		);
	if (raw < 1)
		throw invalid(
			`1 validation error detected: Value '${raw}' at '${name}' failed to satisfy constraint: Member must have value greater than or equal to 1`,
		);
	if (raw > max)
		throw invalid(
			`1 validation error detected: Value '${raw}' at '${name}' failed to satisfy constraint: Member must have value less than or equal to ${max}`,
		);
	return raw;
}

function optionalTime(raw: unknown, name: string): number | undefined {
	if (raw === undefined || raw === null) return undefined;
	if (typeof raw !== 'number' || !Number.isFinite(raw) || raw < 0)
		throw invalid(
			`1 validation error detected: Value '${String(raw)}' at '${name}' failed to satisfy constraint: Member must have value greater than or equal to 0`,
		);
	return raw;
}

function requiredString(raw: unknown, name: string): string {
	if (typeof raw !== 'string' || raw.length === 0)
		throw invalid(`1 validation error detected: Value null at '${name}' failed to satisfy constraint: Member must not be null`);
	return raw;
}

/** A log group name from a name or an ARN (with or without the trailing `:*`). */
export function groupNameOf(identifier: string): string {
	const match = /^arn:aws[\w-]*:logs:[^:]*:[^:]*:log-group:(.+?)(:\*)?$/.exec(identifier);
	return match ? match[1] : identifier;
}

function resolveGroup(input: {logGroupName?: unknown; logGroupIdentifier?: unknown}): string {
	const hasName = typeof input.logGroupName === 'string' && input.logGroupName.length > 0;
	const hasIdentifier = typeof input.logGroupIdentifier === 'string' && input.logGroupIdentifier.length > 0;
	if (hasName && hasIdentifier) throw invalid('LogGroup name and LogGroup ARN are mutually exclusive parameters.');
	if (hasName) return input.logGroupName as string;
	if (hasIdentifier) return groupNameOf(input.logGroupIdentifier as string);
	throw invalid('Either LogGroupName or LogGroupIdentifier must be specified.');
}

function pageToken(operation: string, position: number, key: string): string {
	return Buffer.from(JSON.stringify({o: operation, p: position, k: key})).toString('base64url');
}

function pagePosition(token: unknown, operation: string, key: string): number {
	if (token === undefined || token === null) return 0;
	if (typeof token === 'string') {
		try {
			const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as {o?: unknown; p?: unknown; k?: unknown};
			if (parsed.o === operation && Number.isSafeInteger(parsed.p) && (parsed.p as number) >= 0 && parsed.k === key)
				return parsed.p as number;
		} catch {
			// fall through
		}
	}
	throw invalid('The specified nextToken is invalid.');
}

function page<T>(items: T[], input: {limit?: unknown; nextToken?: unknown}, operation: string, key: string) {
	const limit = limitOf(input.limit, 'limit', 50, 50);
	const start = pagePosition(input.nextToken, operation, key);
	if (start > items.length) throw invalid('The specified nextToken is invalid.');
	const slice = items.slice(start, start + limit);
	const end = start + slice.length;
	return {slice, nextToken: end < items.length ? pageToken(operation, end, key) : undefined};
}

export function logsOperations(model: LogModel, liveTail: LiveTailOptions = {}, insights: InsightsOptions = {}): JsonOperations {
	return {
		StartLiveTail: liveTailOperation(model, liveTail),
		// Logs Insights: StartQuery, GetQueryResults, StopQuery.
		...insightsOperations(model, insights),
		DescribeLogGroups(
			input: {
				logGroupNamePrefix?: unknown;
				logGroupNamePattern?: unknown;
				limit?: unknown;
				nextToken?: unknown;
				logGroupIdentifiers?: unknown;
			} = {},
		) {
			const prefix = typeof input.logGroupNamePrefix === 'string' ? input.logGroupNamePrefix : undefined;
			const pattern = typeof input.logGroupNamePattern === 'string' ? input.logGroupNamePattern.toLowerCase() : undefined;
			if (prefix !== undefined && pattern !== undefined)
				throw invalid('LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.');
			const identifiers = Array.isArray(input.logGroupIdentifiers)
				? new Set((input.logGroupIdentifiers as unknown[]).map((x) => groupNameOf(String(x))))
				: undefined;
			const groups = model
				.groups()
				.filter(
					(g) =>
						(prefix === undefined || g.logGroupName.startsWith(prefix)) &&
						(pattern === undefined || g.logGroupName.toLowerCase().includes(pattern)) &&
						(!identifiers || identifiers.has(g.logGroupName)),
				);
			const {slice, nextToken} = page(groups, input, 'DescribeLogGroups', JSON.stringify([prefix ?? null, pattern ?? null]));
			return {
				logGroups: slice.map((g) => ({
					logGroupName: g.logGroupName,
					creationTime: g.creationTime,
					metricFilterCount: 0,
					arn: g.arn,
					storedBytes: g.storedBytes,
					logGroupClass: 'STANDARD',
					logGroupArn: g.logGroupArn,
				})),
				nextToken,
			};
		},
		DescribeLogStreams(
			input: {
				logGroupName?: unknown;
				logGroupIdentifier?: unknown;
				logStreamNamePrefix?: unknown;
				orderBy?: unknown;
				descending?: unknown;
				limit?: unknown;
				nextToken?: unknown;
			} = {},
		) {
			const groupName = resolveGroup(input);
			const orderBy = input.orderBy ?? 'LogStreamName';
			if (orderBy !== 'LogStreamName' && orderBy !== 'LastEventTime')
				throw invalid(
					`1 validation error detected: Value '${String(orderBy)}' at 'orderBy' failed to satisfy constraint: Member must satisfy enum value set: [LogStreamName, LastEventTime]`,
				);
			const prefix = typeof input.logStreamNamePrefix === 'string' ? input.logStreamNamePrefix : undefined;
			if (prefix !== undefined && orderBy === 'LastEventTime') throw invalid('Cannot order by LastEventTime with a logStreamNamePrefix.');
			const descending = input.descending === true;
			const streams = model.streams(groupName).filter((s) => prefix === undefined || s.logStreamName.startsWith(prefix));
			streams.sort((a, b) => {
				const cmp =
					orderBy === 'LastEventTime'
						? (a.lastEventTimestamp ?? 0) - (b.lastEventTimestamp ?? 0)
						: a.logStreamName < b.logStreamName
							? -1
							: a.logStreamName > b.logStreamName
								? 1
								: 0;
				return descending ? -cmp : cmp;
			});
			const {slice, nextToken} = page(
				streams,
				input,
				'DescribeLogStreams',
				JSON.stringify([groupName, prefix ?? null, orderBy, descending]),
			);
			return {logStreams: slice, nextToken};
		},
		CreateLogGroup(input: {logGroupName?: unknown} = {}) {
			model.createGroup(requiredString(input.logGroupName, 'logGroupName'));
			return {};
		},
		CreateLogStream(input: {logGroupName?: unknown; logStreamName?: unknown} = {}) {
			model.createStream(requiredString(input.logGroupName, 'logGroupName'), requiredString(input.logStreamName, 'logStreamName'));
			return {};
		},
		PutLogEvents(input: {logGroupName?: unknown; logStreamName?: unknown; logEvents?: unknown} = {}) {
			const groupName = requiredString(input.logGroupName, 'logGroupName');
			const streamName = requiredString(input.logStreamName, 'logStreamName');
			if (!Array.isArray(input.logEvents) || input.logEvents.length === 0)
				throw invalid(
					"1 validation error detected: Value '[]' at 'logEvents' failed to satisfy constraint: Member must have length greater than or equal to 1",
				);
			if (input.logEvents.length > 10_000)
				throw invalid(
					"1 validation error detected: Value at 'logEvents' failed to satisfy constraint: Member must have length less than or equal to 10000",
				);
			const events: InputLogEvent[] = [];
			let bytes = 0;
			for (const raw of input.logEvents as Array<{timestamp?: unknown; message?: unknown}>) {
				if (typeof raw?.timestamp !== 'number' || typeof raw.message !== 'string')
					throw invalid('Each log event needs a timestamp and a message.');
				if (raw.message.length === 0)
					throw invalid(
						"1 validation error detected: Value '' at 'logEvents.member.message' failed to satisfy constraint: Member must have length greater than or equal to 1",
					);
				if (events.length > 0 && raw.timestamp < events[events.length - 1].timestamp)
					throw invalid('Log events in a single PutLogEvents request must be in chronological order.');
				bytes += Buffer.byteLength(raw.message) + 26;
				events.push({timestamp: raw.timestamp, message: raw.message});
			}
			if (bytes > 1_048_576) throw invalid('Upload too large: the batch exceeds 1,048,576 bytes.');
			const result = model.putEvents(groupName, streamName, events, {strict: true});
			return {nextSequenceToken: undefined, ...result};
		},
		FilterLogEvents(
			input: {
				logGroupName?: unknown;
				logGroupIdentifier?: unknown;
				logStreamNames?: unknown;
				logStreamNamePrefix?: unknown;
				startTime?: unknown;
				endTime?: unknown;
				filterPattern?: unknown;
				nextToken?: unknown;
				limit?: unknown;
			} = {},
		) {
			const groupName = resolveGroup(input);
			const streamNames = input.logStreamNames;
			if (streamNames !== undefined && (!Array.isArray(streamNames) || streamNames.some((s) => typeof s !== 'string')))
				throw invalid('logStreamNames must be a list of strings.');
			if (Array.isArray(streamNames) && streamNames.length > 100)
				throw invalid(
					"1 validation error detected: Value at 'logStreamNames' failed to satisfy constraint: Member must have length less than or equal to 100",
				);
			const prefix = typeof input.logStreamNamePrefix === 'string' ? input.logStreamNamePrefix : undefined;
			if (Array.isArray(streamNames) && streamNames.length > 0 && prefix !== undefined)
				throw invalid('You cannot specify both LogStreamNames and LogStreamNamePrefix.');
			const startTime = optionalTime(input.startTime, 'startTime');
			const endTime = optionalTime(input.endTime, 'endTime');
			if (startTime !== undefined && endTime !== undefined && endTime < startTime)
				throw invalid('endTime must be greater than or equal to startTime.');
			if (input.filterPattern !== undefined && input.filterPattern !== null && typeof input.filterPattern !== 'string')
				throw invalid('filterPattern must be a string.');
			if (input.nextToken !== undefined && input.nextToken !== null && typeof input.nextToken !== 'string')
				throw invalid('The specified nextToken is invalid.');
			const result = model.filter({
				logGroupName: groupName,
				logStreamNames: streamNames as string[] | undefined,
				logStreamNamePrefix: prefix,
				startTime,
				endTime,
				filterPattern: (input.filterPattern as string | undefined) ?? undefined,
				limit: limitOf(input.limit, 'limit', 10_000, 10_000),
				nextToken: (input.nextToken as string | undefined) ?? undefined,
			});
			return {events: result.events, searchedLogStreams: result.searchedLogStreams, nextToken: result.nextToken};
		},
	};
}
