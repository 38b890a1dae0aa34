// The live state -> the versioned snapshot document (the source of the text and markdown too).
import type {LiveState, SourceStatus} from '../live/state.js';
import {describeCondition, sortAlarms, summarizeStates} from '../model/alarms.js';
import type {AlarmRow, LogEvent, MetricSeries} from '../model/types.js';
import {SCHEMA_VERSION, type Snapshot} from './schema.js';

const iso = (ms: number) => new Date(ms).toISOString();
const isoOrUndefined = (ms: number | undefined) => (ms === undefined ? undefined : iso(ms));

function status(slice: SourceStatus) {
	return {
		fetchedAt: slice.fetchedAt === undefined ? null : iso(slice.fetchedAt),
		error: slice.error
			? {message: slice.error.message, code: slice.error.code, kind: slice.error.kind, operation: slice.error.operation, throttled: slice.error.throttled, at: iso(slice.error.at)}
			: null,
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
		last: series.values.at(-1) ?? null,
		min: series.values.length > 0 ? Math.min(...series.values) : null,
		max: series.values.length > 0 ? Math.max(...series.values) : null,
		points: series.timestamps.map((timestamp, index) => ({timestamp: iso(timestamp), value: series.values[index]})),
	};
}

function logItem(event: LogEvent): Snapshot['logs']['items'][number] {
	return {
		id: event.id,
		timestamp: iso(event.timestamp),
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
		fields: event.fields ? {...event.fields} : undefined,
	};
}

/** Drops undefined members so the JSON has no "key": undefined noise and validates strictly. */
function compact<T>(value: T): T {
	return JSON.parse(JSON.stringify(value)) as T;
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
		alarms: {...status(alarms), summary: summarizeStates(alarms.rows), items: sortAlarms(alarms.rows).map(alarmItem)},
		metrics: {...status(metrics), windowSeconds: meta.windowMs / 1000, items: metrics.series.map(metricItem)},
		logs: {
			...status(logs),
			groups: meta.logGroups,
			capacity: logs.capacity,
			received: logs.received,
			dropped: logs.dropped,
			eventsPerSecond: Math.round(logs.rate * 100) / 100,
			items: logs.events.map(logItem),
		},
		resources: {...status(resources), things: {complete: resources.things.complete, items: resources.things.rows.map((thing) => ({...thing}))}},
	});
}

/** Sources whose last fetch failed: the snapshot command exits 1 when there are any. */
export function failedSources(snapshot: Snapshot): Array<'alarms' | 'metrics' | 'logs' | 'resources'> {
	return (['alarms', 'metrics', 'logs', 'resources'] as const).filter((name) => snapshot[name].error !== null);
}
