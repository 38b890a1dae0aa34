// The other JSON formats a followed log group can hold besides AWS IoT v2 lines: CloudTrail
// records (a trail delivering to CloudWatch Logs writes one record per log event) and
// EventBridge events (a rule whose target is a log group writes the whole event). Pure: a
// parsed message in, its sanitized fields out; the level, the event-type key and the labels
// the Logs pane and the snapshot share.
import {sanitizeText} from '../terminal/sanitize.js';
import {sharedText} from './sharedText.js';
import type {CloudTrailLogRecord, EventBridgeLogRecord, LogEvent, LogRecord} from './types.js';

const FIELD_MAX = 1024;
/** Event names, sources, regions, accounts and user names recur from record to record. */
const SHARED_LENGTH = 64;

type Json = Record<string, unknown>;

function objectAt(value: unknown): Json | undefined {
	return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
}

/** An own string (or number) field, sanitized; undefined when missing, empty or of another type. */
function text(object: Json | undefined, key: string): string | undefined {
	if (!object || !Object.hasOwn(object, key)) return undefined;
	const value = object[key];
	if (typeof value !== 'string' && typeof value !== 'number') return undefined;
	const clean = sharedText(sanitizeText(value, FIELD_MAX), SHARED_LENGTH);
	return clean === '' ? undefined : clean;
}

/** Sets only the fields that are present: a record carries no keys for what the event lacked. */
function compact<T extends object>(record: T): T {
	for (const key of Object.keys(record) as Array<keyof T>) if (record[key] === undefined) delete record[key];
	return record;
}

/**
 * Who made a CloudTrail call: the IAM user's name, else the assumed role's (its session
 * issuer's) name, else the identity's ARN, else the service that called on the user's behalf.
 */
function userOf(identity: Json | undefined): string | undefined {
	const issuer = objectAt(objectAt(identity?.sessionContext)?.sessionIssuer);
	return text(identity, 'userName') ?? text(issuer, 'userName') ?? text(identity, 'arn') ?? text(identity, 'invokedBy');
}

function cloudTrailRecord(parsed: Json): CloudTrailLogRecord {
	return compact<CloudTrailLogRecord>({
		kind: 'cloudtrail',
		eventName: text(parsed, 'eventName'),
		eventSource: text(parsed, 'eventSource'),
		user: userOf(objectAt(parsed.userIdentity)),
		sourceIp: text(parsed, 'sourceIPAddress'),
		errorCode: text(parsed, 'errorCode'),
		errorMessage: text(parsed, 'errorMessage'),
		region: text(parsed, 'awsRegion'),
		account: text(parsed, 'recipientAccountId'),
	});
}

/** `arn:aws:iot:us-east-1:123456789012:policy/Fleet` -> `policy/Fleet`; anything else as it is. */
export function shortArn(arn: string): string {
	const match = /^arn:[^:]*:[^:]*:[^:]*:[^:]*:(.+)$/.exec(arn);
	return match ? match[1] : arn;
}

const MAX_RESOURCES = 8;

function resourcesOf(value: unknown): string | undefined {
	if (!Array.isArray(value)) return undefined;
	const names: string[] = [];
	for (const item of value.slice(0, MAX_RESOURCES)) {
		if (typeof item !== 'string') continue;
		const name = sanitizeText(shortArn(item), 256);
		if (name !== '') names.push(name);
	}
	if (value.length > MAX_RESOURCES) names.push(`+${value.length - MAX_RESOURCES}`);
	return names.length === 0 ? undefined : names.join(', ');
}

/** The detail in a few words, by what it is: an API call, an AWS Health event, or its first scalar fields. */
function summaryOf(detail: Json | undefined): string | undefined {
	if (!detail) return undefined;
	if (text(detail, 'eventName') !== undefined) {
		const parts = [userOf(objectAt(detail.userIdentity)), text(detail, 'sourceIPAddress'), text(detail, 'errorCode')];
		return parts.filter((part) => part !== undefined).join(' · ') || undefined;
	}
	const typeCode = text(detail, 'eventTypeCode');
	if (typeCode !== undefined) {
		const parts = [typeCode, text(detail, 'statusCode'), text(detail, 'eventRegion')];
		return parts.filter((part) => part !== undefined).join(' · ');
	}
	const parts: string[] = [];
	for (const key of Object.keys(detail)) {
		const value = text(detail, key);
		if (value !== undefined) parts.push(`${sanitizeText(key, 64)}=${value}`);
		if (parts.length === 3) break;
	}
	return parts.length === 0 ? undefined : sanitizeText(parts.join(' '), FIELD_MAX);
}

function eventBridgeRecord(parsed: Json): EventBridgeLogRecord {
	const detail = objectAt(parsed.detail);
	return compact<EventBridgeLogRecord>({
		kind: 'eventbridge',
		detailType: text(parsed, 'detail-type'),
		eventName: text(detail, 'eventName'),
		source: text(parsed, 'source'),
		resources: resourcesOf(parsed.resources),
		region: text(parsed, 'region'),
		account: text(parsed, 'account'),
		summary: summaryOf(detail),
		errorCode: text(detail, 'errorCode'),
	});
}

const isString = (value: unknown) => typeof value === 'string';

/**
 * The level of a record, for the level filter and the LEVEL column. A call CloudTrail recorded
 * with an errorCode is ERROR, AccessDenied included (a denied change is what one looks for in
 * an incident: WARN would hide it under ≥ERROR); otherwise INFO. An EventBridge event: a
 * failed API call ERROR, an open AWS Health issue WARN, anything else INFO.
 */
function levelOf(record: LogRecord, detail: Json | undefined): string {
	if (record.errorCode !== undefined) return 'ERROR';
	if (record.kind === 'eventbridge' && text(detail, 'eventTypeCategory') === 'issue' && text(detail, 'statusCode') !== 'closed')
		return 'WARN';
	return 'INFO';
}

/**
 * The record a parsed log message is, and its level; undefined for an IoT v2 line or JSON of
 * another kind. A CloudTrail record has eventVersion, eventSource and eventName; an EventBridge
 * event has detail-type, source and a detail object. Every field is sanitized here.
 */
export function logRecordOf(parsed: Json): {record: LogRecord; level: string} | undefined {
	let record: LogRecord;
	if (isString(parsed.eventVersion) && isString(parsed.eventName) && isString(parsed.eventSource)) record = cloudTrailRecord(parsed);
	else if (Object.hasOwn(parsed, 'detail-type') && isString(parsed.source) && objectAt(parsed.detail)) record = eventBridgeRecord(parsed);
	else return undefined;
	return {record, level: levelOf(record, objectAt(parsed.detail))};
}

/** What a log event is, for the table's columns: an IoT v2 line, other text (or JSON), or a record. */
export type LogKind = 'iot' | 'text' | LogRecord['kind'];

export function logKind(event: LogEvent): LogKind {
	if (event.record) return event.record.kind;
	return event.json && event.eventType !== undefined ? 'iot' : 'text';
}

export const KIND_LABELS: Record<LogKind, string> = {iot: 'IoT', text: 'Text', cloudtrail: 'CloudTrail', eventbridge: 'EventBridge'};

/** A record's event type: the CloudTrail event name, the EventBridge detail-type. */
export function recordType(record: LogRecord): string | undefined {
	return record.kind === 'cloudtrail' ? record.eventName : record.detailType;
}

// Sanitized text holds no control characters: a key starting with one names no IoT event type.
const KEY_MARK = '\u0001';

/**
 * The event-type picker's key for an event: an IoT event type as it is ('' for none), a
 * record's type marked with its kind, so that a CloudTrail `Connect` is not an IoT `Connect`.
 */
export function typeKey(event: LogEvent): string {
	const {record} = event;
	if (!record) return event.eventType ?? '';
	return `${KEY_MARK}${record.kind}${KEY_MARK}${recordType(record) ?? ''}`;
}

/** The kind and the type name a picker key stands for. */
export function typeOfKey(key: string): {kind: LogKind; name: string} {
	if (key === '') return {kind: 'text', name: ''};
	if (!key.startsWith(KEY_MARK)) return {kind: 'iot', name: key};
	const end = key.indexOf(KEY_MARK, 1);
	return {kind: key.slice(1, end) as LogKind, name: key.slice(end + 1)};
}

/**
 * A record's cells in the IoT columns' places (event type, client id, topic, reason): a
 * CloudTrail call, its user, source IP and error; an EventBridge event (an API call by its
 * name, its detail-type ("AWS API Call via CloudTrail") saying less in a narrow pane), its
 * source, resources and detail in a few words. A missing name or user is `?`, never blank.
 */
export function recordColumns(record: LogRecord): [type: string, who: string, where: string, detail: string] {
	if (record.kind === 'cloudtrail') {
		const error =
			record.errorCode === undefined ? '' : record.errorMessage ? `${record.errorCode}: ${record.errorMessage}` : record.errorCode;
		return [record.eventName ?? '?', record.user ?? '?', record.sourceIp ?? '', error];
	}
	return [record.eventName ?? record.detailType ?? '?', record.source ?? '?', record.resources ?? '', record.summary ?? ''];
}
