// The Resources pane's model: the five kinds of IoT resources, their columns (text, sort
// value, colour), certificate expiry, and how a `/` filter splits into what the list API can
// answer server-side and what is matched over the loaded rows. Pure.
import {formatTime} from './duration.js';
import {connText} from './fleet.js';
import type {CertificateRow, PolicyRow, ThingRow, TopicRuleRow} from './types.js';

export const RESOURCE_KINDS = ['things', 'certificates', 'caCertificates', 'policies', 'rules'] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];

export const RESOURCE_TITLES: Record<ResourceKind, string> = {
	things: 'Things',
	certificates: 'Certificates',
	caCertificates: 'CA certificates',
	policies: 'Policies',
	rules: 'Rules',
};

export type RowOf = {
	things: ThingRow;
	certificates: CertificateRow;
	caCertificates: CertificateRow;
	policies: PolicyRow;
	rules: TopicRuleRow;
};

/** What a Describe/Get call adds to a listed row (validity, default version, action types). */
export type RowExtra = {notBefore?: number; notAfter?: number; defaultVersionId?: string; actionTypes?: string[]};

/** Extras by {@link extraKey}; certificate validity never changes, so it is kept for good. */
export type RowExtras = Record<string, RowExtra>;

export function rowKey<Kind extends ResourceKind>(kind: Kind, row: RowOf[Kind]): string {
	return kind === 'certificates' || kind === 'caCertificates'
		? (row as CertificateRow).id
		: (row as ThingRow | PolicyRow | TopicRuleRow).name;
}

export function extraKey(kind: ResourceKind, key: string): string {
	return `${kind}:${key}`;
}

/** Kinds whose rows need one Describe/Get call each for a column (expiry, version, actions). */
export function needsExtra(kind: ResourceKind): boolean {
	return kind !== 'things';
}

// ---- Certificate expiry -------------------------------------------------------------------

const DAY = 86_400_000;
export const EXPIRY_WARNING_DAYS = 30;

export type ExpiryState = 'expired' | 'expiring' | 'valid' | 'unknown';

/** Whole days until notAfter (negative once expired, rounded towards the past). */
export function daysLeft(notAfter: number, now: number): number {
	return Math.floor((notAfter - now) / DAY);
}

export function expiryState(notAfter: number | undefined, now: number): ExpiryState {
	if (notAfter === undefined) return 'unknown';
	if (notAfter <= now) return 'expired';
	if (notAfter - now <= EXPIRY_WARNING_DAYS * DAY) return 'expiring';
	return 'valid';
}

export const EXPIRY_COLORS: Record<ExpiryState, string | undefined> = {
	expired: 'red',
	expiring: 'yellow',
	valid: undefined,
	unknown: undefined,
};

/** `checking`: not described yet; `unknown`: described, but the answer had no validity (or the call failed). */
export type ExpiryCounts = {expired: number; expiring: number; checking: number; unknown: number};

/** Expired and expiring-within-30-days certificates among the rows, how many are not yet described, and how many cannot be. */
export function countExpiry(
	kind: 'certificates' | 'caCertificates',
	rows: readonly CertificateRow[],
	extras: RowExtras,
	now: number,
): ExpiryCounts {
	const counts: ExpiryCounts = {expired: 0, expiring: 0, checking: 0, unknown: 0};
	for (const row of rows) {
		const extra = extras[extraKey(kind, row.id)];
		const state = expiryState(row.notAfter ?? extra?.notAfter, now);
		if (state === 'unknown') counts[extra === undefined && row.notAfter === undefined ? 'checking' : 'unknown']++;
		else if (state !== 'valid') counts[state]++;
	}
	return counts;
}

export function formatExpiryCounts(counts: ExpiryCounts): string {
	const parts = [`${counts.expired} expired`, `${counts.expiring} expiring ≤${EXPIRY_WARNING_DAYS}d`];
	if (counts.checking > 0) parts.push(`checking ${counts.checking}`);
	if (counts.unknown > 0) parts.push(`${counts.unknown} expiry unknown`);
	return parts.join(' · ');
}

// ---- Columns ------------------------------------------------------------------------------

export type SortValue = string | number | undefined;

/**
 * A column of a Resources table. Its width fields are those of the UI's column model
 * (ui/widgets/columns.ts, ColumnSpec): the narrowest width worth showing, the width it asks
 * for (`content`: its widest cell on screen), a cap, a weight for spare room, whole before the
 * others (lowest first), and which goes first when the pane is narrow.
 */
export type Column<Row> = {
	title: string;
	min: number;
	preferred: number | 'content';
	max?: number;
	flex?: number;
	priority?: number;
	drop?: number;
	align?: 'left' | 'right';
	text(row: Row, extra: RowExtra | undefined, now: number): string;
	sortValue(row: Row, extra: RowExtra | undefined, now: number): SortValue;
	color?(row: Row, extra: RowExtra | undefined, now: number): string | undefined;
};

/** A value AWS left out (or a Describe call that failed): shown dim, never as a default. */
export const UNKNOWN = '?';
/** A value that a Describe/Get call has not brought yet. */
export const PENDING = '…';

/** What a column that needs a Describe/Get shows while it lacks the value: pending until described, unknown after. */
const missing = (extra: RowExtra | undefined) => (extra === undefined ? PENDING : UNKNOWN);

/** A day in the display zone (an expiry at 23:30 UTC falls on the next day in Kolkata). */
export function formatDate(ms: number | undefined): string {
	return ms === undefined ? '—' : formatTime(ms, 'day');
}

export function shortId(id: string): string {
	return id.slice(0, 12);
}

export function attributesText(attributes: Record<string, string>): string {
	return Object.entries(attributes)
		.map(([key, value]) => `${key}=${value}`)
		.join(' ');
}

const notAfterOf = (row: CertificateRow, extra: RowExtra | undefined) => row.notAfter ?? extra?.notAfter;

const expiryColor = (row: CertificateRow, extra: RowExtra | undefined, now: number) =>
	EXPIRY_COLORS[expiryState(notAfterOf(row, extra), now)];

export const STATUS_COLORS: Record<string, string> = {ACTIVE: 'green', INACTIVE: 'yellow', REVOKED: 'red'};

/** A certificate status's colour: magenta for one AWS added later, none when unknown. */
export const statusColor = (status: string | undefined) => (status === undefined ? undefined : (STATUS_COLORS[status] ?? 'magenta'));

function certificateColumns(): Array<Column<CertificateRow>> {
	return [
		{title: 'CERTIFICATE', min: 12, preferred: 12, text: (row) => shortId(row.id), sortValue: (row) => row.id},
		{
			title: 'STATUS',
			min: 6,
			preferred: 'content',
			max: 32,
			priority: 1,
			text: (row) => row.status ?? UNKNOWN,
			sortValue: (row) => row.status,
			color: (row) => statusColor(row.status),
		},
		{title: 'CREATED', min: 10, preferred: 10, text: (row) => formatDate(row.createdAt), sortValue: (row) => row.createdAt},
		{
			title: 'EXPIRES',
			min: 10,
			preferred: 10,
			text: (row, extra) => (notAfterOf(row, extra) === undefined ? missing(extra) : formatDate(notAfterOf(row, extra))),
			sortValue: (row, extra) => notAfterOf(row, extra),
			color: expiryColor,
		},
		{
			title: 'DAYS LEFT',
			min: 7,
			preferred: 'content',
			align: 'right',
			text(row, extra, now) {
				const notAfter = notAfterOf(row, extra);
				if (notAfter === undefined) return missing(extra);
				return notAfter <= now ? 'expired' : String(daysLeft(notAfter, now));
			},
			sortValue: (row, extra) => notAfterOf(row, extra),
			color: expiryColor,
		},
	];
}

export const COLUMNS: {[Kind in ResourceKind]: Array<Column<RowOf[Kind]>>} = {
	things: [
		{title: 'THING', min: 12, preferred: 'content', max: 128, priority: 1, text: (row) => row.name, sortValue: (row) => row.name},
		{
			title: 'TYPE',
			min: 6,
			preferred: 'content',
			max: 128,
			priority: 2,
			text: (row) => row.type ?? '—',
			sortValue: (row) => row.type,
			color: () => 'blue',
		},
		{
			title: 'CONN',
			min: 5,
			preferred: 'content',
			text: (row, _extra, now) => connText(row.connected, row.connectedSince, now),
			sortValue: (row) => (row.connected === undefined ? undefined : Number(row.connected)),
			// From the logs (the fleet index is off): grey, not the index's green and yellow.
			color: (row) => (row.connectivityFrom === 'logs' ? 'gray' : row.connected === false ? 'yellow' : 'green'),
		},
		{
			title: 'LAST DROP',
			min: 8,
			preferred: 'content',
			max: 32,
			drop: 1,
			text: (row) => row.disconnectReason ?? '',
			sortValue: (row) => row.disconnectReason,
			color: (row) => (row.connectivityFrom === 'logs' ? 'gray' : row.connected === false ? 'yellow' : undefined),
		},
		{
			title: 'VER',
			min: 3,
			preferred: 'content',
			align: 'right',
			text: (row) => (row.version === undefined ? '' : `v${row.version}`),
			sortValue: (row) => row.version,
		},
		{
			title: 'ATTRIBUTES',
			min: 10,
			preferred: 'content',
			flex: 1,
			text: (row) => attributesText(row.attributes),
			sortValue: (row) => attributesText(row.attributes),
		},
	],
	certificates: certificateColumns(),
	caCertificates: certificateColumns(),
	policies: [
		{title: 'POLICY', min: 12, preferred: 'content', max: 128, priority: 1, text: (row) => row.name, sortValue: (row) => row.name},
		{
			title: 'VERSION',
			min: 7,
			preferred: 'content',
			flex: 1,
			text: (row, extra) => row.defaultVersionId ?? extra?.defaultVersionId ?? missing(extra),
			sortValue: (row, extra) => Number(row.defaultVersionId ?? extra?.defaultVersionId) || undefined,
		},
	],
	rules: [
		{title: 'RULE', min: 12, preferred: 'content', max: 128, priority: 1, text: (row) => row.name, sortValue: (row) => row.name},
		{
			title: 'TOPIC',
			min: 10,
			preferred: 'content',
			max: 256,
			priority: 2,
			text: (row) => row.topicPattern ?? UNKNOWN,
			sortValue: (row) => row.topicPattern,
		},
		{
			title: 'STATE',
			min: 8,
			preferred: 'content',
			text: (row) => ruleStateText(row.disabled),
			sortValue: (row) => (row.disabled === undefined ? undefined : Number(row.disabled)),
			color: (row) => ruleStateColor(row.disabled),
		},
		{
			title: 'ACTIONS',
			min: 10,
			preferred: 'content',
			flex: 1,
			text: (row, extra) => (row.actionTypes ?? extra?.actionTypes)?.join(', ') ?? missing(extra),
			sortValue: (row, extra) => (row.actionTypes ?? extra?.actionTypes)?.join(','),
		},
	],
};

/** A rule's state in words: ListTopicRules and GetTopicRule may leave ruleDisabled out, which is not "enabled". */
export function ruleStateText(disabled: boolean | undefined): string {
	return disabled === undefined ? UNKNOWN : disabled ? 'disabled' : 'enabled';
}

export function ruleStateColor(disabled: boolean | undefined): string | undefined {
	return disabled === undefined ? undefined : disabled ? 'yellow' : 'green';
}

export type SortOrder = {column: number; descending: boolean};

function compareValues(a: SortValue, b: SortValue): number {
	// Unknown values (not described yet) sort last whichever the direction.
	if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? 1 : -1;
	if (typeof a === 'number' && typeof b === 'number') return a - b;
	return String(a).localeCompare(String(b), 'en', {numeric: true});
}

/** The rows sorted by one column (stable; unknown values last). */
export function sortRows<Kind extends ResourceKind>(
	kind: Kind,
	rows: ReadonlyArray<RowOf[Kind]>,
	extras: RowExtras,
	order: SortOrder,
	now: number,
): Array<RowOf[Kind]> {
	const column = (COLUMNS[kind] as Array<Column<RowOf[Kind]>>)[order.column];
	if (!column) return [...rows];
	const keyed = rows.map((row) => ({row, value: column.sortValue(row, extras[extraKey(kind, rowKey(kind, row))], now)}));
	keyed.sort((a, b) => {
		if (a.value === undefined || b.value === undefined) return compareValues(a.value, b.value);
		const order_ = compareValues(a.value, b.value);
		return order.descending ? -order_ : order_;
	});
	return keyed.map(({row}) => row);
}

// ---- Filters ------------------------------------------------------------------------------

/** What ListThings can filter on (one type, one attribute) or a fleet-index query. */
export type ThingsQuery = {thingTypeName?: string; attributeName?: string; attributeValue?: string; searchQuery?: string};
export type RulesQuery = {ruleDisabled?: boolean};
export type ServerQuery = ThingsQuery & RulesQuery;

export type ParsedFilter = {
	/** The part the list API answers; undefined when nothing could go server-side. */
	server?: ServerQuery;
	/** Words matched over the loaded rows (all must match, case-insensitive). */
	local: string[];
	/** Words only the fleet index with connectivity answers (connected, disconnected), left out while it cannot. */
	unindexed?: string[];
};

function quoteQueryValue(value: string): string {
	return /[\s:"()]/.test(value) ? `"${value.replaceAll('"', '')}"` : value;
}

/**
 * Splits a filter: things take `type:T`, `name=value` (and with fleet indexing
 * `connected`/`disconnected` and a name prefix); rules take `disabled`/`enabled`; the rest is
 * matched over the loaded rows.
 */
export function parseResourceFilter(kind: ResourceKind, text: string, indexing: boolean, connectivity = indexing): ParsedFilter {
	const words = text.trim().split(/\s+/).filter(Boolean);
	const local: string[] = [];
	if (kind === 'rules') {
		const server: RulesQuery = {};
		for (const word of words) {
			const lower = word.toLowerCase();
			if ((lower === 'disabled' || lower === 'enabled') && server.ruleDisabled === undefined) server.ruleDisabled = lower === 'disabled';
			else local.push(word);
		}
		return {server: server.ruleDisabled === undefined ? undefined : server, local};
	}
	if (kind !== 'things') return {local: words};
	const query: ThingsQuery = {};
	const terms: string[] = [];
	const unindexed: string[] = [];
	for (const word of words) {
		const type = /^type[:=](.+)$/i.exec(word);
		const attribute = /^([^=:\s]+)=(.*)$/.exec(word);
		const lower = word.toLowerCase();
		if ((lower === 'connected' || lower === 'disconnected') && !connectivity) {
			// Only the fleet index knows it: said so, never answered "No things".
			unindexed.push(lower);
		} else if (indexing) {
			if (type) terms.push(`thingTypeName:${quoteQueryValue(type[1])}`);
			else if (attribute) terms.push(`attributes.${attribute[1]}:${quoteQueryValue(attribute[2])}`);
			else if (lower === 'connected' || lower === 'disconnected') terms.push(`connectivity.connected:${lower === 'connected'}`);
			else terms.push(`thingName:${quoteQueryValue(word)}*`);
		} else if (type && query.thingTypeName === undefined) {
			query.thingTypeName = type[1];
		} else if (attribute && query.attributeName === undefined) {
			query.attributeName = attribute[1];
			query.attributeValue = attribute[2];
		} else {
			local.push(word);
		}
	}
	if (terms.length > 0) query.searchQuery = terms.join(' AND ');
	return {server: Object.keys(query).length > 0 ? query : undefined, local, ...(unindexed.length > 0 ? {unindexed} : {})};
}

/** The server-side part in words, for the pane ("thingTypeName=Gateway", "ruleDisabled=true", a query). */
export function describeServerQuery(query: ServerQuery | undefined): string | undefined {
	if (!query) return undefined;
	if (query.searchQuery) return query.searchQuery;
	const parts: string[] = [];
	if (query.thingTypeName !== undefined) parts.push(`thingTypeName=${query.thingTypeName}`);
	if (query.attributeName !== undefined) parts.push(`${query.attributeName}=${query.attributeValue ?? ''}`);
	if (query.ruleDisabled !== undefined) parts.push(`ruleDisabled=${query.ruleDisabled}`);
	return parts.join(' ');
}

export function sameQuery(a: ServerQuery | undefined, b: ServerQuery | undefined): boolean {
	return JSON.stringify(a ?? {}) === JSON.stringify(b ?? {});
}

/** True when every word occurs in one of the row's column texts (or its expiry state). */
export function matchesLocalFilter<Kind extends ResourceKind>(
	kind: Kind,
	row: RowOf[Kind],
	extra: RowExtra | undefined,
	words: readonly string[],
	now: number,
): boolean {
	if (words.length === 0) return true;
	const texts = (COLUMNS[kind] as Array<Column<RowOf[Kind]>>).map((column) => column.text(row, extra, now));
	if (kind === 'certificates' || kind === 'caCertificates') {
		const certificate = row as CertificateRow;
		texts.push(certificate.id, expiryState(certificate.notAfter ?? extra?.notAfter, now));
	}
	const haystack = texts.join('\n').toLowerCase();
	return words.every((word) => haystack.includes(word.toLowerCase()));
}

// ---- Details (Enter) ----------------------------------------------------------------------

export type CertificateSummary = {id: string; arn: string; status?: string; notBefore?: number; notAfter?: number; policies: string[]};

export type ThingDetail = {
	kind: 'things';
	name: string;
	type?: string;
	/** The client id the thing connects with (DescribeThing's defaultClientId). */
	clientId: string;
	version?: number;
	attributes: Record<string, string>;
	groups: string[];
	principals: CertificateSummary[];
	/** Principals beyond those described (a thing with many certificates). */
	morePrincipals: number;
};

export type CertificateDetail = {
	kind: 'certificates' | 'caCertificates';
	id: string;
	arn?: string;
	status?: string;
	createdAt?: number;
	notBefore?: number;
	notAfter?: number;
	caCertificateId?: string;
	things: string[];
	policies: string[];
};

export type PolicyDetail = {kind: 'policies'; name: string; arn?: string; defaultVersionId?: string; document: string};

export type RuleActionSummary = {type: string; target: string};

export type RuleDetail = {
	kind: 'rules';
	name: string;
	sql?: string;
	description?: string;
	disabled?: boolean;
	sqlVersion?: string;
	actions?: RuleActionSummary[];
	errorAction?: RuleActionSummary;
};

export type ResourceDetail = ThingDetail | CertificateDetail | PolicyDetail | RuleDetail;

/** A policy document as people read it: JSON indented by two, anything else as it came. */
export function prettyPolicyDocument(document: string): string {
	try {
		return JSON.stringify(JSON.parse(document), undefined, 2);
	} catch {
		return document;
	}
}
