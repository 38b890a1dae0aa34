// StartLiveTail for the simulator: an `application/vnd.amazon.eventstream` response body
// (binary frames: prelude with total and header lengths and a CRC32, headers, JSON payload,
// message CRC32). The first frame is `sessionStart`; then a `sessionUpdate` about once a
// second with the events ingested since the previous one (at most 500, evenly sampled above
// that and flagged `sessionMetadata.sampled`); after `maxSessionMs` of simulator clock time a
// `SessionTimeoutException` frame ends the stream. A timer runs only while a session is open.

import {crc32} from 'node:zlib';
import {SimError, type JsonOperation, type SimClock} from './contract.js';
import {streamResult} from './server.js';
import {compileFilterPattern} from './filterPattern.js';
import type {LogModel, OutputLogEvent} from './logStore.js';

export type LiveTailOptions = {
	/** Default 1000 ms (real time between updates). */
	intervalMs?: number;
	/** Default 3 h of simulator clock time. */
	maxSessionMs?: number;
	/** Default 500 events per update. */
	maxEventsPerUpdate?: number;
	clock?: SimClock;
	/** Counts the sessions whose stream is open (a session is billed per minute while it is). */
	sessions?: {open: number};
};

type HeaderValue = string;

/** One event-stream frame with string headers. */
export function encodeFrame(headers: Record<string, HeaderValue>, payload: Uint8Array): Buffer {
	const headerParts: Buffer[] = [];
	for (const [name, value] of Object.entries(headers)) {
		const nameBytes = Buffer.from(name, 'utf8');
		const valueBytes = Buffer.from(value, 'utf8');
		const part = Buffer.alloc(1 + nameBytes.length + 1 + 2 + valueBytes.length);
		let offset = part.writeUInt8(nameBytes.length, 0);
		offset += nameBytes.copy(part, offset);
		offset = part.writeUInt8(7, offset);
		offset = part.writeUInt16BE(valueBytes.length, offset);
		valueBytes.copy(part, offset);
		headerParts.push(part);
	}
	const headerBytes = Buffer.concat(headerParts);
	const total = 12 + headerBytes.length + payload.length + 4;
	const frame = Buffer.alloc(total);
	frame.writeUInt32BE(total, 0);
	frame.writeUInt32BE(headerBytes.length, 4);
	frame.writeUInt32BE(crc32(frame.subarray(0, 8)), 8);
	headerBytes.copy(frame, 12);
	Buffer.from(payload).copy(frame, 12 + headerBytes.length);
	frame.writeUInt32BE(crc32(frame.subarray(0, total - 4)), total - 4);
	return frame;
}

function eventFrame(eventType: string, body: unknown): Buffer {
	return encodeFrame(
		{':message-type': 'event', ':event-type': eventType, ':content-type': 'application/json'},
		Buffer.from(JSON.stringify(body), 'utf8'),
	);
}

function exceptionFrame(exceptionType: string, message: string): Buffer {
	return encodeFrame(
		{':message-type': 'exception', ':exception-type': exceptionType, ':content-type': 'application/json'},
		Buffer.from(JSON.stringify({message}), 'utf8'),
	);
}

function groupNameOf(identifier: string): string {
	const match = /^arn:aws[\w-]*:logs:[^:]*:[^:]*:log-group:(.+?)(:\*)?$/.exec(identifier);
	return match ? match[1] : identifier;
}

/** Evenly spaced sample of at most `max` items, order kept. */
function sample<T>(items: T[], max: number): T[] {
	if (items.length <= max) return items;
	const out: T[] = [];
	for (let k = 0; k < max; k++) out.push(items[Math.floor((k * items.length) / max)]);
	return out;
}

function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

let sessionCounter = 0;

export function liveTailOperation(model: LogModel, options: LiveTailOptions = {}): JsonOperation {
	const intervalMs = options.intervalMs ?? 1000;
	const maxSessionMs = options.maxSessionMs ?? 3 * 3_600_000;
	const maxEvents = options.maxEventsPerUpdate ?? 500;
	const clock = options.clock ?? model.clock;

	return (
		input: {logGroupIdentifiers?: unknown; logStreamNames?: unknown; logStreamNamePrefixes?: unknown; logEventFilterPattern?: unknown} = {},
	) => {
		const identifiers = input.logGroupIdentifiers;
		if (!Array.isArray(identifiers) || identifiers.length === 0 || identifiers.some((x) => typeof x !== 'string')) {
			throw new SimError(
				'InvalidParameterException',
				"1 validation error detected: Value null at 'logGroupIdentifiers' failed to satisfy constraint: Member must not be null",
			);
		}
		if (identifiers.length > 10)
			throw new SimError(
				'InvalidParameterException',
				"1 validation error detected: Value at 'logGroupIdentifiers' failed to satisfy constraint: Member must have length less than or equal to 10",
			);
		const groups = (identifiers as string[]).map((identifier) => {
			if (identifier.endsWith(':*')) throw new SimError('InvalidParameterException', 'Log group ARNs must not end with :*');
			const name = groupNameOf(identifier);
			if (!model.hasGroup(name)) throw new SimError('ResourceNotFoundException', 'The specified log group does not exist.');
			return {identifier, name};
		});
		const streamNames = Array.isArray(input.logStreamNames) ? (input.logStreamNames as string[]) : undefined;
		const streamPrefixes = Array.isArray(input.logStreamNamePrefixes) ? (input.logStreamNamePrefixes as string[]) : undefined;
		if (streamNames && streamPrefixes)
			throw new SimError('InvalidParameterException', 'You cannot specify both logStreamNames and logStreamNamePrefixes.');
		if ((streamNames || streamPrefixes) && groups.length !== 1)
			throw new SimError('InvalidParameterException', 'Stream filters need exactly one log group.');
		const pattern = typeof input.logEventFilterPattern === 'string' ? input.logEventFilterPattern : undefined;
		const matcher = compileFilterPattern(pattern);
		const sessionId = `${(++sessionCounter).toString(16).padStart(8, '0')}-5a1e-4c0d-8e7f-${Date.now().toString(16).padStart(12, '0').slice(-12)}`;
		const startedAt = clock.now();

		const keep = (e: OutputLogEvent) =>
			(!streamNames || streamNames.includes(e.logStreamName)) &&
			(!streamPrefixes || streamPrefixes.some((p) => e.logStreamName.startsWith(p))) &&
			(!matcher || matcher(e.message));

		async function* frames(): AsyncGenerator<Uint8Array> {
			if (options.sessions) options.sessions.open++;
			try {
				yield* session();
			} finally {
				if (options.sessions) options.sessions.open--;
			}
		}

		async function* session(): AsyncGenerator<Uint8Array> {
			yield eventFrame('sessionStart', {
				requestId: sessionId,
				sessionId,
				logGroupIdentifiers: groups.map((g) => g.identifier),
				logStreamNames: streamNames,
				logStreamNamePrefixes: streamPrefixes,
				logEventFilterPattern: pattern ?? '',
			});
			let cursor = Math.floor(clock.now() / 1000) * 1000;
			for (;;) {
				await sleep(intervalMs);
				// Generated events exist up to the last whole second; read up to there.
				const now = Math.floor(clock.now() / 1000) * 1000;
				if (clock.now() - startedAt >= maxSessionMs) {
					yield exceptionFrame('SessionTimeoutException', 'Session timed out after 3 hours.');
					return;
				}
				const results: Array<{
					logStreamName: string;
					logGroupIdentifier: string;
					message: string;
					timestamp: number;
					ingestionTime: number;
				}> = [];
				for (const group of groups) {
					if (!model.hasGroup(group.name)) continue;
					for (const e of model.ingestedBetween(group.name, cursor, now)) {
						if (keep(e))
							results.push({
								logStreamName: e.logStreamName,
								logGroupIdentifier: group.identifier,
								message: e.message,
								timestamp: e.timestamp,
								ingestionTime: e.ingestionTime,
							});
					}
				}
				if (now > cursor) cursor = now;
				results.sort((a, b) => a.ingestionTime - b.ingestionTime || a.timestamp - b.timestamp);
				yield eventFrame('sessionUpdate', {
					sessionMetadata: {sampled: results.length > maxEvents},
					sessionResults: sample(results, maxEvents),
				});
			}
		}

		return streamResult(frames());
	};
}
