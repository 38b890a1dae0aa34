// The Logs pane's table (time, level, event type, client id, topic, status, reason): its
// columns, their layout for the events on screen, the header and one event as a row; and the
// small formatters its title shares. CloudTrail records and EventBridge events fill the same
// columns with their own fields, under their own titles (model/logFormats.ts).
import {formatDuration, formatTime} from '../../model/duration.js';
import {displayWidth, padCell} from '../../model/format.js';
import {recordColumns} from '../../model/logFormats.js';
import type {LogEvent, LogRecord} from '../../model/types.js';
import {tableHeader, tableLayout, tableRow, type ColumnSpec, type TableLayout} from '../widgets/columns.js';
import type {Line, Segment} from '../widgets/line.js';

const LEVEL_COLORS: Record<string, string> = {ERROR: 'red', WARN: 'yellow', DEBUG: 'gray'};

export function clockTime(epochMs: number): string {
	return formatTime(epochMs, 'second');
}

/** `2s`, `1.5s`, `10m`, `1h`, `2m30s`: a setting as a user would have typed it. */
export function settingText(ms: number): string {
	if (ms < 60_000 && ms % 1000 !== 0) return `${Math.round(ms / 100) / 10}s`;
	return formatDuration(ms).replace(/(?<=[dhm])00[hms]$/, '');
}

const TIME = 0;
const TYPE = 2;
const CLIENT = 3;
const TOPIC = 4;
const STATUS = 5;
const REASON = 6;

/**
 * The client id, then the event type, are whole while anything can go instead (a cut client
 * id names no device): the topic goes first when the pane is narrow, then the reason. The
 * status is `✖` where it has no room for its word; the reason takes what is left.
 */
export const LOG_COLUMNS: readonly ColumnSpec[] = [
	{title: 'TIME', min: 8, preferred: 8},
	{title: 'LEVEL', min: 5, preferred: 5},
	{title: 'EVENT TYPE', min: 10, preferred: 'content', max: 40, whole: true, priority: 2},
	{title: 'CLIENT ID', min: 8, preferred: 'content', max: 64, whole: true, priority: 1},
	{title: 'TOPIC', min: 10, preferred: 'content', drop: 2},
	{title: 'STATUS', min: 1, preferred: 'content', max: 16, compact: true},
	{title: 'REASON', min: 10, preferred: 'content', flex: 1, drop: 1},
];

type TableKind = 'iot' | 'cloudtrail' | 'eventbridge';
const TABLE_KINDS: readonly TableKind[] = ['iot', 'cloudtrail', 'eventbridge'];

/**
 * A record shares the IoT columns, slot for slot: the event type is a CloudTrail event name or
 * an EventBridge detail-type (an API call's name for "AWS API Call via CloudTrail"); the client id a user or an event source; the topic a source IP
 * or the resources; the reason an error code or the detail in a few words. Rows of one kind
 * get that kind's titles; rows of several kinds, their short titles joined (`CLIENT/USER`).
 */
const KIND_TITLES: Record<TableKind, {whole: readonly string[]; short: readonly string[]}> = {
	iot: {whole: ['EVENT TYPE', 'CLIENT ID', 'TOPIC', 'STATUS', 'REASON'], short: ['EVENT', 'CLIENT', 'TOPIC', 'STATUS', 'REASON']},
	cloudtrail: {whole: ['EVENT NAME', 'USER', 'SOURCE IP', 'STATUS', 'ERROR'], short: ['EVENT', 'USER', 'IP', 'STATUS', 'ERROR']},
	// The event is a detail-type, or an API call's name.
	eventbridge: {whole: ['EVENT', 'SOURCE', 'RESOURCES', 'STATUS', 'DETAIL'], short: ['EVENT', 'SOURCE', 'RESOURCES', 'STATUS', 'DETAIL']},
};

/** The columns for a set of kinds (bit i = TABLE_KINDS[i]), made once each. */
const columnsByKinds = new Map<number, readonly ColumnSpec[]>();

function columnsFor(kinds: number): readonly ColumnSpec[] {
	// No rows of any kind (text lines only): the IoT titles, as before.
	if (kinds === 0 || kinds === 1) return LOG_COLUMNS;
	let columns = columnsByKinds.get(kinds);
	if (columns) return columns;
	const present = TABLE_KINDS.filter((_, bit) => kinds & (1 << bit));
	const titles =
		present.length === 1
			? KIND_TITLES[present[0]].whole
			: KIND_TITLES.iot.short.map((_, slot) => [...new Set(present.map((kind) => KIND_TITLES[kind].short[slot]))].join('/'));
	columns = LOG_COLUMNS.map((column, index) => (index < TYPE ? column : {...column, title: titles[index - TYPE]}));
	columnsByKinds.set(kinds, columns);
	return columns;
}

/** Room for the selection mark before the columns. */
const LEAD = 1;

function widen(widths: number[], index: number, text: string | undefined): void {
	if (text !== undefined && text.length > 0) widths[index] = Math.max(widths[index], displayWidth(text));
}

/** The Logs table in `width` columns, sized for the events on screen. */
export function logTable(events: Iterable<LogEvent>, width: number): TableLayout {
	const content = [0, 0, 0, 0, 0, 0, 0];
	let kinds = 0;
	for (const event of events) {
		if (event.record) {
			kinds |= event.record.kind === 'cloudtrail' ? 2 : 4;
			const [type, who, where, detail] = recordColumns(event.record);
			widen(content, TYPE, type);
			widen(content, CLIENT, who);
			widen(content, TOPIC, where);
			widen(content, REASON, detail);
			continue;
		}
		if (!event.json || event.eventType === undefined) continue;
		kinds |= 1;
		widen(content, TYPE, event.eventType);
		widen(content, CLIENT, event.clientId);
		widen(content, TOPIC, event.topicName);
		widen(content, STATUS, event.status ?? '?');
		widen(content, REASON, event.reason);
	}
	return tableLayout(columnsFor(kinds), width - LEAD, content);
}

export function logHeaderLine(table: TableLayout): Line {
	return tableHeader(table, ' ');
}

/** A status in one column: `✖` a failure, blank a success, `?` unknown, `…` another word. */
function compactStatus(status: string | undefined): string {
	if (status === undefined) return '?';
	return status === 'Failure' ? '✖' : status === 'Success' ? ' ' : '…';
}

function recordLine(record: LogRecord, table: TableLayout, marker: Segment, timeText: string, level: string, selected: boolean): Line {
	const color = LEVEL_COLORS[level];
	const [type, who, where, detail] = recordColumns(record);
	const failed = record.errorCode !== undefined;
	return tableRow(
		table,
		[marker],
		[
			{text: timeText, dim: true},
			{text: level, color, bold: level === 'ERROR'},
			{text: type, inverse: selected, color: selected ? undefined : color},
			{text: who},
			{text: where, dim: true},
			{text: ''},
			{text: detail, color: failed ? 'red' : undefined, dim: !failed},
		],
	);
}

export function logLine(event: LogEvent, table: TableLayout, selected: boolean): Line {
	const marker: Segment = {text: selected ? '›' : ' ', color: 'cyan', bold: true};
	// No timestamp came: the event's time is unknown, never "now".
	const timeText = event.timeUnknown ? '--:--:--' : clockTime(event.timestamp);
	if (event.record) return recordLine(event.record, table, marker, timeText, event.level ?? 'INFO', selected);
	const color = event.level ? LEVEL_COLORS[event.level] : undefined;
	// JSON that is no IoT event (no event type) would leave the columns blank: show its text.
	if (!event.json || event.eventType === undefined) {
		const time = {text: `${padCell(timeText, table.widths[TIME])} `, dim: true};
		if (event.message === '') return [marker, time, {text: '(no message)', dim: true, inverse: selected}];
		return [marker, time, {text: event.message, inverse: selected, color: selected ? undefined : color}];
	}
	// A missing level or status is unknown: never INFO, never a success.
	const level = event.level ?? '?';
	const status = event.status ?? '?';
	const failed = event.status === 'Failure';
	const statusText = displayWidth(status) > table.widths[STATUS] ? compactStatus(event.status) : status;
	return tableRow(
		table,
		[marker],
		[
			{text: timeText, dim: true},
			{text: level, color, bold: level === 'ERROR', dim: event.level === undefined},
			{text: event.eventType, inverse: selected, color: selected ? undefined : color},
			{text: event.clientId ?? ''},
			{text: event.topicName ?? '', dim: true},
			{text: statusText, color: failed ? 'red' : undefined, dim: event.status === undefined},
			{text: event.reason ?? '', dim: true},
		],
	);
}
