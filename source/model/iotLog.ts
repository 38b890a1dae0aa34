// AWS IoT v2 log events (one JSON object per CloudWatch event) and plain-text lines from other
// log groups, turned into sanitized LogEvents. JSON is parsed before sanitizing: a `\u001b`
// escape in the JSON text only becomes a real ESC once parsed.
import {LINE_BREAK_MARKER, sanitizeBlock, sanitizeText} from '../terminal/sanitize.js';
import {wrapIndented} from './format.js';
import {logRecordOf} from './logFormats.js';
import {sharedText} from './sharedText.js';
import type {LogEvent} from './types.js';

export type RawLogEvent = {
	eventId?: string;
	timestamp?: number;
	ingestionTime?: number;
	message?: string;
	logStreamName?: string;
};

const MESSAGE_MAX = 8192;
const FIELD_MAX = 4096;
// CloudWatch caps an event at 256 KB; anything far larger is not worth parsing.
const PARSE_MAX = 1_048_576;

function parseObject(message: string): Record<string, unknown> | undefined {
	if (message.length > PARSE_MAX || !message.trimStart().startsWith('{')) return undefined;
	try {
		const parsed: unknown = JSON.parse(message);
		return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
	} catch {
		return undefined;
	}
}

/**
 * A stored (sanitized) message as a JSON object: its line breaks became markers, which JSON
 * allows nowhere, so a pretty-printed message is parsed with them turned back.
 */
function parseStoredObject(message: string): Record<string, unknown> | undefined {
	return (
		parseObject(message) ?? (message.includes(LINE_BREAK_MARKER) ? parseObject(message.replaceAll(LINE_BREAK_MARKER, '\n')) : undefined)
	);
}

// Field values this short (levels, statuses, event types, accounts) recur from event to event.
const SHARED_FIELD_LENGTH = 16;

function fieldText(value: unknown): string {
	if (typeof value === 'object' && value !== null) {
		try {
			return sanitizeText(JSON.stringify(value), FIELD_MAX);
		} catch {
			// Too deeply nested to stringify.
			return '';
		}
	}
	return sharedText(sanitizeText(value, FIELD_MAX), SHARED_FIELD_LENGTH);
}

const levelAliases: Record<string, string> = {WARNING: 'WARN', ERR: 'ERROR', FATAL: 'ERROR', CRITICAL: 'ERROR', TRACE: 'DEBUG'};

function normalizeLevel(level: string): string {
	const upper = level.trim().toUpperCase();
	return levelAliases[upper] ?? upper;
}

// A plain-text line that starts with its level (`ERROR ...`, `[WARN] ...`).
const leadingLevel = /^\s*\[?(ERROR|ERR|WARN|WARNING|INFO|DEBUG|TRACE|FATAL|CRITICAL)\b/i;

/** FNV-1a, 32 bit: a short, stable fingerprint for synthetic ids. */
function fingerprint(text: string): string {
	let hash = 0x811c9dc5;
	for (let index = 0; index < text.length; index++) {
		hash ^= text.charCodeAt(index);
		hash = Math.imul(hash, 0x01000193);
	}
	return (hash >>> 0).toString(16).padStart(8, '0');
}

const optional = (text: string) => (text === '' ? undefined : text);

/**
 * Never throws: a missing or odd field becomes undefined (or is marked unknown), a non-JSON
 * message stays plain text. `receivedAt` stands in for a missing timestamp (with no ingestion
 * time either), to keep the event's place, never as its time.
 */
export function toLogEvent(raw: RawLogEvent, logGroup: string, receivedAt = 0): LogEvent {
	const rawMessage = typeof raw.message === 'string' ? raw.message : '';
	const timeKnown = Number.isFinite(raw.timestamp);
	const timestamp = timeKnown ? (raw.timestamp as number) : Number.isFinite(raw.ingestionTime) ? (raw.ingestionTime as number) : receivedAt;
	const logStream = raw.logStreamName === undefined ? undefined : sharedText(sanitizeText(raw.logStreamName), 512);
	const idGiven = typeof raw.eventId === 'string' && raw.eventId !== '';
	// Live-tail events have no eventId; identical events in one stream at one ms share an id.
	const id = idGiven
		? sanitizeText(raw.eventId)
		: sanitizeText(`${logGroup}/${raw.logStreamName ?? ''}/${timeKnown ? timestamp : 'no-time'}/${fingerprint(rawMessage)}`);
	const event: LogEvent = {
		id,
		timestamp,
		logGroup: sanitizeText(logGroup),
		message: sanitizeText(rawMessage, MESSAGE_MAX),
	};
	if (!timeKnown) event.timeUnknown = true;
	if (!idGiven) event.madeId = true;
	if (Number.isFinite(raw.ingestionTime)) event.ingestionTime = raw.ingestionTime;
	if (logStream !== undefined) event.logStream = logStream;

	const parsed = parseObject(rawMessage);
	if (!parsed) {
		const match = leadingLevel.exec(event.message);
		if (match) event.level = normalizeLevel(match[1]);
		return event;
	}
	// The other fields are not kept: the message holds them, and 10,000 buffered events would
	// keep ~10 objects and strings each (logEventFields makes them again when asked).
	event.json = true;
	// IoT v2 lines always carry logLevel: they skip the look for other formats.
	if (!Object.hasOwn(parsed, 'logLevel')) {
		const recognized = logRecordOf(parsed);
		if (recognized) {
			event.record = recognized.record;
			event.level = recognized.level;
			return event;
		}
	}
	const field = (key: string) => (Object.hasOwn(parsed, key) ? optional(fieldText(parsed[key])) : undefined);
	const level = field('logLevel');
	if (level !== undefined) event.level = normalizeLevel(level);
	const eventType = field('eventType');
	if (eventType !== undefined) event.eventType = eventType;
	const clientId = field('clientId');
	if (clientId !== undefined) event.clientId = clientId;
	const topicName = field('topicName');
	if (topicName !== undefined) event.topicName = topicName;
	const status = field('status');
	if (status !== undefined) event.status = status;
	const reason = field('reason') ?? field('details') ?? field('disconnectReason');
	if (reason !== undefined) event.reason = reason;
	return event;
}

/**
 * Every field of a JSON event, sanitized (keys too), as text; undefined for a plain-text line.
 * Made from the stored (sanitized) message: parsing it turns JSON escapes such as `\u001b`
 * into real characters, so each key and value is sanitized again.
 */
export function logEventFields(event: LogEvent): Record<string, string> | undefined {
	if (event.json !== true) return undefined;
	const parsed = parseStoredObject(event.message);
	if (!parsed) return undefined;
	// A plain object, not Object.create(null): V8 keeps null-prototype objects in dictionary mode.
	const fields: Record<string, string> = {};
	for (const key of Object.keys(parsed)) {
		const value = parsed[key];
		let name = sanitizeText(key, 256);
		// Keys that differ only by removed characters must not overwrite one another.
		for (let copy = 2; Object.hasOwn(fields, name); copy++) name = `${sanitizeText(key, 256)}#${copy}`;
		// Assigning `__proto__` would set the prototype: define it as a field like any other.
		if (name === '__proto__')
			Object.defineProperty(fields, name, {value: fieldText(value), enumerable: true, writable: true, configurable: true});
		else fields[name] = fieldText(value);
	}
	return fields;
}

const levelRanks: Record<string, number> = {DEBUG: 0, INFO: 1, WARN: 2, ERROR: 3};

/**
 * For the minimum-level filter: DEBUG 0 < INFO 1 < WARN 2 < ERROR 3. An unknown or missing level
 * ranks as INFO here (plain-text lines of other groups pass ≥INFO, not ≥WARN); it is never shown as INFO.
 */
export function levelRank(level: string | undefined): number {
	if (level === undefined) return levelRanks.INFO;
	return levelRanks[normalizeLevel(level)] ?? levelRanks.INFO;
}

/** Case-insensitive substring match over the message and every field value; '' matches all. */
export function matchesLogFilter(event: LogEvent, text: string): boolean {
	const needle = text.trim().toLowerCase();
	if (needle === '') return true;
	if (event.message.toLowerCase().includes(needle)) return true;
	// The message is the JSON text: a value differs from it only where JSON escaped something.
	if (event.json !== true || !event.message.includes('\\')) return false;
	for (const value of Object.values(logEventFields(event) ?? {})) {
		if (value.toLowerCase().includes(needle)) return true;
	}
	return false;
}

/** The minimum-level filter's steps, in the order `l` cycles through them (undefined = all). */
export const LOG_LEVEL_STEPS = [undefined, 'INFO', 'WARN', 'ERROR'] as const;

/** The detail's field labels: `time      `. */
const DETAIL_LABEL = 10;

/**
 * One event in full for the detail view: where and when it was logged, then the message as
 * pretty-printed JSON (or the text line). The stored message is already sanitized; parsing it
 * again turns JSON escapes such as `\u001b` into real characters, so the result is sanitized
 * as a block. With a `width`, every line is wrapped to it (a field under its label, a JSON
 * line under its own indentation), so that whatever a cut cell of the list hid can be read.
 */
export function logEventDetail(event: LogEvent, width?: number): string[] {
	const time = event.timeUnknown ? undefined : event.timestamp;
	const ingested =
		event.ingestionTime === undefined
			? 'unknown'
			: `${new Date(event.ingestionTime).toISOString()}${time === undefined ? '' : ` (+${event.ingestionTime - time} ms)`}`;
	const header = [
		`time      ${time === undefined ? 'unknown (CloudWatch sent no timestamp)' : new Date(time).toISOString()}`,
		`group     ${event.logGroup || 'unknown'}`,
		`stream    ${event.logStream ?? 'unknown'}`,
		`ingested  ${ingested}`,
		`id        ${event.madeId ? 'none (CloudWatch sent no eventId; live tail never does)' : event.id}`,
	];
	if (event.record) header.push(`format    ${event.record.kind === 'cloudtrail' ? 'CloudTrail record' : 'EventBridge event'}`);
	const parsed = parseStoredObject(event.message);
	const body = sanitizeBlock(parsed ? JSON.stringify(parsed, null, 2) : event.message === '' ? '(no message)' : event.message).split('\n');
	if (width === undefined) return [...header, '', ...body];
	return [
		...header.flatMap((line) => wrapIndented(line, width, DETAIL_LABEL)),
		'',
		...body.flatMap((line) => wrapIndented(line, width, (/^\s*/.exec(line)?.[0].length ?? 0) + 2)),
	];
}
