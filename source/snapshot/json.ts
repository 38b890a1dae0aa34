// The live state -> the versioned snapshot document (the source of the text and markdown too).
import {logFollowState, type FleetSlice, type LiveState, type ResourceList, type SourceStatus} from '../live/state.js';
import type {FleetBreakdownRow, FleetFigure} from '../model/fleet.js';
import {logEventFields} from '../model/iotLog.js';
import {logEvents} from '../model/logBuffer.js';
import {daysLeft, expiryState, extraKey, type RowExtras} from '../model/resources.js';
import {alarmCountsKnown, describeCondition, sortAlarms, summarizeStates} from '../model/alarms.js';
import type {AlarmRow, CertificateRow, LogEvent, MetricSeries} from '../model/types.js';
import type {Snapshot} from './schema.js';
import {SCHEMA_VERSION} from './schemaVersion.js';
import {changesPart, healthPart} from './changesHealth.js';

const iso = (ms: number) => new Date(ms).toISOString();
const isoOrUndefined = (ms: number | undefined) => (ms === undefined ? undefined : iso(ms));

function errorOf(error: SourceStatus['error']) {
	return error
		? {
				message: error.message,
				code: error.code,
				kind: error.kind,
				operation: error.operation,
				throttled: error.throttled,
				at: iso(error.at),
			}
		: null;
}

function status(slice: SourceStatus) {
	return {
		fetchedAt: slice.fetchedAt === undefined ? null : iso(slice.fetchedAt),
		error: errorOf(slice.error),
	};
}

function listOf<Row, Item>(list: ResourceList<Row>, item: (row: Row) => Item) {
	return {complete: list.complete, error: errorOf(list.error), items: list.rows.map(item)};
}

function certificateItem(kind: 'certificates' | 'caCertificates', row: CertificateRow, extras: RowExtras, now: number) {
	const extra = extras[extraKey(kind, row.id)];
	const notAfter = row.notAfter ?? extra?.notAfter;
	const notBefore = row.notBefore ?? extra?.notBefore;
	return {
		id: row.id,
		arn: row.arn,
		status: row.status,
		createdAt: isoOrUndefined(row.createdAt),
		notBefore: isoOrUndefined(notBefore),
		notAfter: isoOrUndefined(notAfter),
		daysLeft: notAfter === undefined ? undefined : daysLeft(notAfter, now),
		expiry: expiryState(notAfter, now),
	};
}

function alarmItem(row: AlarmRow): Snapshot['alarms']['items'][number] {
	return {
		name: row.name,
		arn: row.arn,
		kind: row.kind,
		state: row.state,
		stateReason: row.stateReason,
		stateTransitionedAt: isoOrUndefined(row.stateTransitionedAt),
		stateUpdatedAt: isoOrUndefined(row.stateUpdatedAt),
		condition: describeCondition(row),
		namespace: row.namespace || undefined,
		metricName: row.metricName || undefined,
		statistic: row.statistic ?? row.extendedStatistic,
		dimensions: row.dimensions,
		period: row.period,
		evaluationPeriods: row.evaluationPeriods,
		datapointsToAlarm: row.datapointsToAlarm,
		threshold: row.threshold,
		comparisonOperator: row.comparisonOperator,
		treatMissingData: row.treatMissingData,
		alarmRule: row.alarmRule,
	};
}

function metricItem(series: MetricSeries): Snapshot['metrics']['items'][number] {
	const {spec} = series;
	return {
		id: spec.id,
		label: spec.label,
		namespace: spec.namespace,
		metricName: spec.metricName,
		dimensions: spec.dimensions,
		statistic: spec.statistic,
		period: spec.period,
		unit: spec.unit,
		hasData: series.hasData,
		// How the values were asked for (SEARCH, SUM over ListMetrics' series, summed here) and
		// whether the answer could be trusted: a metric whose fetch failed is not "no data".
		...(series.query
			? {query: {mode: series.query.mode, ...(series.query.series === undefined ? {} : {series: series.query.series})}}
			: {}),
		...(series.status === undefined ? {} : {status: series.status}),
		...(series.messages && series.messages.length > 0 ? {messages: series.messages} : {}),
		last: series.values.at(-1) ?? null,
		min: series.values.length > 0 ? Math.min(...series.values) : null,
		max: series.values.length > 0 ? Math.max(...series.values) : null,
		points: series.timestamps.map((timestamp, index) => ({timestamp: iso(timestamp), value: series.values[index]})),
	};
}

function logItem(event: LogEvent): Snapshot['logs']['items'][number] {
	return {
		id: event.id,
		...(event.madeId ? {idMade: true} : {}),
		// CloudWatch sent no event time: unknown, not the time it was read.
		timestamp: event.timeUnknown ? null : iso(event.timestamp),
		ingestionTime: isoOrUndefined(event.ingestionTime),
		logGroup: event.logGroup,
		logStream: event.logStream,
		level: event.level,
		eventType: event.eventType,
		clientId: event.clientId,
		topicName: event.topicName,
		status: event.status,
		reason: event.reason,
		message: event.message,
		fields: logEventFields(event),
		record: event.record,
	};
}

/** What the Logs source is doing, as the pane's title says it: never "following" when it is not. */
function logsFollowing(logs: LiveState['sources']['logs'], paused: boolean, now: number) {
	const state = logFollowState(logs, paused);
	return {
		state,
		mode: logs.mode,
		pollIntervalSeconds: logs.cadence / 1000,
		sinceSeconds: logs.since / 1000,
		...(state === 'behind' && logs.readTo !== undefined
			? {readTo: iso(logs.readTo), behindSeconds: Math.max(0, Math.round((now - logs.readTo) / 1000))}
			: {}),
		...(logs.backfill
			? {readBack: {to: iso(logs.backfill.readBackTo), stoppedBy: logs.backfill.stoppedBy, budgetPages: logs.backfill.pages}}
			: {}),
	};
}

/**
 * The document as JSON would give it back, without the round trip through 7.5 MB of text:
 * undefined members dropped (no "key": undefined noise; it validates strictly), undefined in
 * a list and numbers JSON cannot hold as null. The document holds plain data (no dates, maps,
 * functions or cycles): that is all the copy handles.
 */
function compact<T>(value: T): T {
	return plain(value) as T;
}

function plain(value: unknown): unknown {
	if (typeof value === 'number') return Number.isFinite(value) ? value : null;
	if (value === null || typeof value !== 'object') return value;
	if (Array.isArray(value)) {
		const list = new Array<unknown>(value.length);
		for (let index = 0; index < value.length; index++) list[index] = value[index] === undefined ? null : plain(value[index]);
		return list;
	}
	const object: Record<string, unknown> = {};
	for (const key in value) {
		const member = (value as Record<string, unknown>)[key];
		if (member !== undefined) object[key] = plain(member);
	}
	return object;
}

export type SnapshotMeta = {
	version: string;
	windowMs: number;
	logGroups: string[];
	now: number;
};

export function buildSnapshot(state: LiveState, meta: SnapshotMeta): Snapshot {
	const {alarms, metrics, logs, resources} = state.sources;
	return compact({
		schemaVersion: SCHEMA_VERSION,
		generatedAt: iso(meta.now),
		tool: {name: 'iot-top', version: meta.version},
		source: state.source,
		refreshIntervalSeconds: state.interval / 1000,
		alarms: {
			...status(alarms),
			// Unknown is null, never 0: the items are then the last good rows, as of fetchedAt.
			summary: alarmCountsKnown(alarms) ? summarizeStates(alarms.rows) : {alarm: null, insufficient: null, ok: null, other: null},
			items: sortAlarms(alarms.rows).map(alarmItem),
		},
		metrics: {...status(metrics), windowSeconds: meta.windowMs / 1000, items: metrics.series.map(metricItem)},
		logs: {
			...status(logs),
			groups: meta.logGroups,
			capacity: logs.buffer.capacity,
			received: logs.received,
			dropped: logs.buffer.dropped,
			...(logs.unread ? {unreadSeconds: Math.round(logs.unread / 1000)} : {}),
			...logsFollowing(logs, state.paused, meta.now),
			// A rate only while events are being read: paused, failing or stalled, it is unknown.
			eventsPerSecond: ['following', 'behind'].includes(logFollowState(logs, state.paused)) ? Math.round(logs.rate * 100) / 100 : null,
			items: [...logEvents(logs.buffer)].map(logItem),
		},
		resources: {
			...status(resources),
			things: listOf(resources.things, (thing) => ({...thing, connectedSince: isoOrUndefined(thing.connectedSince)})),
			certificates: listOf(resources.certificates, (row) => certificateItem('certificates', row, resources.extras, meta.now)),
			caCertificates: listOf(resources.caCertificates, (row) => certificateItem('caCertificates', row, resources.extras, meta.now)),
			policies: listOf(resources.policies, (row) => ({
				...row,
				defaultVersionId: row.defaultVersionId ?? resources.extras[extraKey('policies', row.name)]?.defaultVersionId,
			})),
			rules: listOf(resources.rules, (row) => ({
				name: row.name,
				topicPattern: row.topicPattern,
				disabled: row.disabled,
				createdAt: isoOrUndefined(row.createdAt),
				actionTypes: row.actionTypes ?? resources.extras[extraKey('rules', row.name)]?.actionTypes,
			})),
		},
		changes: {...status(state.sources.changes), ...changesPart(state.sources.changes)},
		health: {...status(state.sources.health), ...healthPart(state.sources.health)},
		fleet: fleetSection(state.sources.fleet),
	});
}

function figureOf<T, Out>(figure: FleetFigure<T>, map: (value: T) => Out) {
	return {
		// A failed fetch is unknown: the last value is not the truth of now.
		value: figure.value === undefined || figure.error ? null : map(figure.value),
		fetchedAt: figure.fetchedAt === undefined ? null : iso(figure.fetchedAt),
		error: errorOf(figure.error),
	};
}

function fleetSection(fleet: FleetSlice): Snapshot['fleet'] {
	const same = <T>(value: T) => value;
	const breakdown = (rows: FleetBreakdownRow[]) => rows.map((row) => ({...row, disconnected: row.disconnected ?? null}));
	return {
		...status(fleet),
		indexing: fleet.mode ?? null,
		indexingError: errorOf(fleet.modeError),
		groupBy: fleet.groupBy,
		recentMinutes: fleet.recentMinutes,
		connected: figureOf(fleet.connected, same),
		disconnected: figureOf(fleet.disconnected, same),
		disconnectReasons: figureOf(fleet.reasons, same),
		byThingType: figureOf(fleet.byType, breakdown),
		byGroup: figureOf(fleet.byGroup, breakdown),
		recentDisconnectCount: figureOf(fleet.recentCount, same),
		recentDisconnects: figureOf(fleet.recent, (recent) =>
			recent.things.map((thing) => ({thingName: thing.thingName, at: isoOrUndefined(thing.at), reason: thing.reason})),
		),
		recentDisconnectsMore: fleet.recent.value?.more ?? false,
		connectedHistory: fleet.history,
		fromLogs: fleet.fromLogs
			? {
					connected: fleet.fromLogs.connected,
					disconnected: fleet.fromLogs.disconnected,
					reasons: fleet.fromLogs.reasons,
					since: fleet.fromLogs.since === undefined ? null : iso(fleet.fromLogs.since),
				}
			: null,
	};
}

export type SourceProblem = {name: string; message: string};

/**
 * Sources (and resource lists) whose last fetch failed, with the sentence saying why:
 * `failed` makes the snapshot command exit 1; `unavailable` (an operation the endpoint does
 * not implement, such as moto's ListCACertificates) is a property of the endpoint, not a
 * failure: it is reported, and the exit code stays 0.
 */
export function sourceProblems(snapshot: Snapshot): {failed: SourceProblem[]; unavailable: SourceProblem[]} {
	const failed: SourceProblem[] = [];
	const unavailable: SourceProblem[] = [];
	const add = (name: string, error: Snapshot['alarms']['error']) => {
		if (error) (error.kind === 'unavailable' ? unavailable : failed).push({name, message: error.message});
	};
	for (const name of ['alarms', 'metrics', 'logs', 'resources'] as const) add(name, snapshot[name].error);
	for (const name of ['changes', 'health'] as const) add(name, snapshot[name].error);
	for (const kind of ['things', 'certificates', 'caCertificates', 'policies', 'rules'] as const) {
		const {error} = snapshot.resources[kind];
		if (error?.message !== snapshot.resources.error?.message) add(`resources ${kind}`, error);
	}
	const {fleet} = snapshot;
	add('fleet', fleet.error ?? fleet.indexingError);
	if (!fleet.error) {
		const figures = [
			fleet.connected,
			fleet.disconnected,
			fleet.disconnectReasons,
			fleet.byThingType,
			fleet.byGroup,
			fleet.recentDisconnects,
		];
		// One sentence per cause: several figures denied the same action say it once.
		const seen = new Set<string>();
		for (const figure of figures) {
			if (figure.error && !seen.has(figure.error.message)) add('fleet', figure.error);
			if (figure.error) seen.add(figure.error.message);
		}
	}
	return {failed, unavailable};
}
