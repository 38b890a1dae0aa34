// What a user learns from an iot-top snapshot, normalized so that two endpoints (or an
// endpoint and the fleet's definition) can be compared: keyed and sorted, times relative to
// the seeding (metric minutes, log seconds) or bucketed ("seeding": during the seeding),
// ids replaced by the role the seeding gave them. `differences` says, one line each, which
// area, which item, which field, and both values.
import type {Snapshot} from '../../source/snapshot/schema.js';
import {
	ACCOUNT,
	ALARMS,
	CERTIFICATES,
	LOG_GROUP,
	LOG_LINES,
	LOG_STREAM,
	logMessage,
	MINUTE,
	POLICIES,
	REGION,
	RULES,
	SERIES,
	THINGS,
	type SeededFleet,
} from './fleet.js';

export type Value = string | number | boolean | null | undefined;
/** area -> item key -> field -> value */
export type Area = Record<string, Record<string, Value>>;
export type Picture = Record<AreaName, Area>;

export const AREAS = ['alarms', 'metrics', 'logs', 'things', 'policies', 'rules', 'certificates', 'errors'] as const;
export type AreaName = (typeof AREAS)[number];

/** When an endpoint was seeded (epoch ms, real or simulated time): times inside it read "seeding". */
export type SeedingWindow = {from: number; to: number};

/** A board metric that reports: its datapoints as `minutesAgo:value`, oldest first. */
function pointsText(points: Array<[number, number]>): string {
	return points.map(([ago, value]) => `${ago}m:${value}`).join(' ');
}

function seedingBucket(iso: string | undefined, window: SeedingWindow): string {
	if (iso === undefined) return 'unknown';
	const at = Date.parse(iso);
	return at >= window.from - 1000 && at <= window.to + 1000 ? 'seeding' : iso;
}

export const NOT_AVAILABLE = 'not available from this endpoint';

/** What an error message tells the user, in the terms the expectation uses. */
function saying(message: string): string {
	if (/retrying/i.test(message)) return `"retrying": ${message}`;
	return message.includes(NOT_AVAILABLE) ? NOT_AVAILABLE : message;
}

const sortedJson = (record: Record<string, string> | undefined) =>
	JSON.stringify(Object.fromEntries(Object.entries(record ?? {}).sort(([a], [b]) => (a < b ? -1 : 1))));

const dimensionsText = (dimensions: Array<{name: string; value: string}> | undefined) =>
	(dimensions ?? [])
		.map((d) => `${d.name}=${d.value}`)
		.sort()
		.join(',');

/** The picture of a snapshot taken after `seeded`. */
export function pictureOf(snapshot: Snapshot, seeded: SeededFleet, window: SeedingWindow): Picture {
	const alarms: Area = {};
	for (const alarm of snapshot.alarms.items) {
		alarms[alarm.name] = {
			kind: alarm.kind,
			state: alarm.state,
			reason: alarm.stateReason,
			condition: alarm.condition,
			metric: [alarm.namespace, alarm.metricName, dimensionsText(alarm.dimensions)].join(' '),
			statistic: alarm.statistic,
			period: alarm.period,
			evaluationPeriods: alarm.evaluationPeriods,
			datapointsToAlarm: alarm.datapointsToAlarm,
			threshold: alarm.threshold,
			comparison: alarm.comparisonOperator,
			treatMissingData: alarm.treatMissingData,
			// The FOR time (in this state since): known, and when. Without StateTransitionedTimestamp
			// (moto) the app shows the state as held at least since StateUpdatedTimestamp.
			since: seedingBucket(alarm.stateTransitionedAt ?? alarm.stateUpdatedAt, window),
		};
	}
	const summary = snapshot.alarms.summary;
	alarms['(header counts)'] = {alarm: summary.alarm, insufficient: summary.insufficient, ok: summary.ok, other: summary.other};

	const metrics: Area = {};
	for (const metric of snapshot.metrics.items) {
		const points: Array<[number, number]> = metric.points.map((point) => [
			(seeded.baseMinute - Date.parse(point.timestamp)) / MINUTE,
			point.value,
		]);
		metrics[metric.label] = {
			metric: [metric.namespace, metric.metricName, dimensionsText(metric.dimensions)].join(' '),
			statistic: metric.statistic,
			period: metric.period,
			hasData: metric.hasData,
			points: pointsText(points),
			last: metric.last,
			min: metric.min,
			max: metric.max,
		};
	}

	const logs: Area = {};
	for (const event of snapshot.logs.items) {
		const secondsAgo = event.timestamp === null ? 'unknown' : (seeded.base - Date.parse(event.timestamp)) / 1000;
		logs[`${secondsAgo}s ago`] = {
			group: event.logGroup,
			stream: event.logStream,
			level: event.level,
			eventType: event.eventType,
			clientId: event.clientId,
			topicName: event.topicName,
			status: event.status,
			reason: event.reason,
			message: event.message,
		};
	}

	const things: Area = {};
	for (const thing of snapshot.resources.things.items) {
		things[thing.name] = {type: thing.type, attributes: sortedJson(thing.attributes), version: thing.version, arn: thing.arn};
	}

	const policies: Area = {};
	for (const policy of snapshot.resources.policies.items) {
		policies[policy.name] = {
			arn: policy.arn,
			...(policy.defaultVersionId === undefined ? {} : {defaultVersionId: policy.defaultVersionId}),
		};
	}

	const rules: Area = {};
	for (const rule of snapshot.resources.rules.items) {
		rules[rule.name] = {
			topicPattern: rule.topicPattern,
			disabled: rule.disabled,
			...(rule.actionTypes ? {actionTypes: rule.actionTypes.join(',')} : {}),
		};
	}

	// Certificate ids are the endpoint's own: each is named by the role the seeding gave it.
	const roleOf = new Map(Object.entries(seeded.certificates).map(([role, id]) => [id, role]));
	const certificates: Area = {};
	for (const certificate of snapshot.resources.certificates.items) {
		const role = roleOf.get(certificate.id) ?? `unseeded ${certificate.id}`;
		certificates[role] = {
			status: certificate.status,
			arn: certificate.arn === `arn:aws:iot:${REGION}:${ACCOUNT}:cert/${certificate.id}` ? 'arn of the id' : certificate.arn,
			createdAt: seedingBucket(certificate.createdAt, window),
		};
	}

	const errors: Area = {};
	const errorFields = (error: Snapshot['alarms']['error']) =>
		error
			? {kind: error.kind, says: saying(error.message), operation: error.operation}
			: {kind: 'none', says: undefined, operation: undefined};
	for (const source of ['alarms', 'metrics', 'logs', 'resources'] as const) errors[source] = errorFields(snapshot[source].error);
	for (const list of ['things', 'certificates', 'caCertificates', 'policies', 'rules'] as const) {
		const {error, complete, items} = snapshot.resources[list];
		errors[`resources ${list}`] = {...errorFields(error), ...(error ? {} : {complete}), items: items.length};
	}

	return {alarms, metrics, logs, things, policies, rules, certificates, errors};
}

/** The board iot-top shows by default, and the custom metrics of the conformance config. */
export const CUSTOM_METRICS: Array<{
	label: string;
	namespace: string;
	metricName: string;
	dimensions: Record<string, string>;
	statistic: string;
}> = [
	{label: 'Lab temperature', namespace: 'Fleet', metricName: 'Temperature', dimensions: {Site: 'lab'}, statistic: 'Average'},
	{label: 'MQTT connects', namespace: 'AWS/IoT', metricName: 'Connect.Success', dimensions: {Protocol: 'MQTT'}, statistic: 'Sum'},
	{label: 'HTTP publishes', namespace: 'AWS/IoT', metricName: 'PublishIn.Success', dimensions: {Protocol: 'HTTP'}, statistic: 'Sum'},
];

/** The default board (source/model/metricBoard.ts): each entry reads every seeded series of its metric name (summed over its dimensions; RulesExecuted has none). */
const BOARD: Array<{label: string; metricName: string}> = [
	{label: 'Connect.Success', metricName: 'Connect.Success'},
	{label: 'Connect.AuthError', metricName: 'Connect.AuthError'},
	{label: 'Connect.Throttle', metricName: 'Connect.Throttle'},
	{label: 'PublishIn.Success', metricName: 'PublishIn.Success'},
	{label: 'PublishIn.Throttle', metricName: 'PublishIn.Throttle'},
	{label: 'PublishOut.Success', metricName: 'PublishOut.Success'},
	{label: 'RulesExecuted', metricName: 'RulesExecuted'},
	{label: 'Rule action Failure', metricName: 'Failure'},
	{label: 'RuleMessageThrottled', metricName: 'RuleMessageThrottled'},
	{label: 'Rule ParseError', metricName: 'ParseError'},
];

const CONDITIONS: Record<string, string> = {
	GreaterThanThreshold: '>',
	GreaterThanOrEqualToThreshold: '>=',
	LessThanThreshold: '<',
	LessThanOrEqualToThreshold: '<=',
};

/** A board metric's expected points: the seeded series it reads (a sum over every series of the metric name, or one series). */
function expectedMetric(
	namespace: string,
	metricName: string,
	dimensions: Record<string, string> | 'any',
	statistic: string,
): Record<string, Value> {
	const series = SERIES.filter(
		(s) =>
			s.namespace === namespace &&
			s.metricName === metricName &&
			(dimensions === 'any' || dimensionsText(toList(s.dimensions)) === dimensionsText(toList(dimensions))),
	);
	const byMinute = new Map<number, number>();
	for (const s of series) for (const [ago, value] of s.values) byMinute.set(ago, (byMinute.get(ago) ?? 0) + value);
	const points = [...byMinute.entries()].sort(([a], [b]) => b - a);
	const values = points.map(([, value]) => value);
	return {
		metric: [namespace, metricName, dimensions === 'any' ? '' : dimensionsText(toList(dimensions))].join(' '),
		statistic,
		period: 60,
		hasData: points.length > 0,
		points: pointsText(points),
		last: values.at(-1) ?? null,
		min: values.length > 0 ? Math.min(...values) : null,
		max: values.length > 0 ? Math.max(...values) : null,
	};
	function toList(record: Record<string, string>) {
		return Object.entries(record).map(([name, value]) => ({name, value}));
	}
}

/** What iot-top must show for the seeded fleet, from any endpoint that behaves like AWS. */
export function expectedPicture(base: number, caCertificates: 'listed' | 'not available'): Picture {
	const alarms: Area = {};
	const counts = {alarm: 0, insufficient: 0, ok: 0, other: 0};
	for (const {input, set} of ALARMS) {
		// AWS creates an alarm in INSUFFICIENT_DATA (PutMetricAlarm API reference).
		const state = set?.state ?? 'INSUFFICIENT_DATA';
		counts[state === 'ALARM' ? 'alarm' : state === 'OK' ? 'ok' : 'insufficient'] += 1;
		const period = input.Period ?? 60;
		const n = input.EvaluationPeriods ?? 1;
		alarms[input.AlarmName] = {
			kind: 'metric',
			state,
			reason: set?.reason ?? 'Unchecked: Initial alarm creation',
			condition: `${input.MetricName} ${input.Statistic} ${CONDITIONS[input.ComparisonOperator ?? '']} ${input.Threshold} for ${input.DatapointsToAlarm ?? n} of ${n} x ${period % 60 === 0 ? `${period / 60} min` : `${period} s`}`,
			metric: [
				input.Namespace,
				input.MetricName,
				dimensionsText(input.Dimensions?.map((d) => ({name: d.Name ?? '', value: d.Value ?? ''}))),
			].join(' '),
			statistic: input.Statistic,
			period,
			evaluationPeriods: n,
			datapointsToAlarm: input.DatapointsToAlarm,
			threshold: input.Threshold,
			comparison: input.ComparisonOperator,
			treatMissingData: input.TreatMissingData,
			since: 'seeding',
		};
	}
	alarms['(header counts)'] = counts;

	const metrics: Area = {};
	for (const entry of BOARD) metrics[entry.label] = expectedMetric('AWS/IoT', entry.metricName, 'any', 'Sum');
	for (const custom of CUSTOM_METRICS)
		metrics[custom.label] = expectedMetric(custom.namespace, custom.metricName, custom.dimensions, custom.statistic);

	const logs: Area = {};
	for (const line of LOG_LINES) {
		const fields = line.fields ?? {};
		const text = (name: string) => (fields[name] === undefined ? undefined : String(fields[name]));
		logs[`${line.secondsAgo}s ago`] = {
			group: LOG_GROUP,
			stream: LOG_STREAM,
			level: text('logLevel'),
			eventType: text('eventType'),
			clientId: text('clientId'),
			topicName: text('topicName'),
			status: text('status'),
			reason: text('reason'),
			message: logMessage(line, base),
		};
	}

	const things: Area = {};
	for (const thing of THINGS) {
		things[thing.name] = {
			type: thing.type,
			attributes: sortedJson(thing.attributes),
			version: 1,
			arn: `arn:aws:iot:${REGION}:${ACCOUNT}:thing/${thing.name}`,
		};
	}
	const policies: Area = {};
	for (const policy of POLICIES) policies[policy.name] = {arn: `arn:aws:iot:${REGION}:${ACCOUNT}:policy/${policy.name}`};
	const rules: Area = {};
	for (const rule of RULES) rules[rule.name] = {topicPattern: rule.topicPattern, disabled: rule.disabled};
	const certificates: Area = {};
	for (const certificate of CERTIFICATES)
		certificates[certificate.role] = {status: certificate.status, arn: 'arn of the id', createdAt: 'seeding'};

	const errors: Area = {};
	const none = {kind: 'none', says: undefined, operation: undefined};
	for (const source of ['alarms', 'metrics', 'logs', 'resources']) errors[source] = none;
	const counted: Record<string, number> = {
		things: THINGS.length,
		certificates: CERTIFICATES.length,
		caCertificates: 0,
		policies: POLICIES.length,
		rules: RULES.length,
	};
	for (const list of ['things', 'certificates', 'caCertificates', 'policies', 'rules'])
		errors[`resources ${list}`] = {...none, complete: true, items: counted[list]};
	if (caCertificates === 'not available') {
		// Said as such: not a network failure, nothing to retry; whether the empty list is "complete" is not pinned.
		errors['resources caCertificates'] = {kind: 'unavailable', says: NOT_AVAILABLE, operation: 'iot:ListCACertificates', items: 0};
	}
	return {alarms, metrics, logs, things, policies, rules, certificates, errors};
}

/** A deviation of one endpoint from AWS that a comparison tolerates, named and with the AWS reference. */
export type Deviation = {
	name: string;
	/** Where AWS documents what it does. */
	reference: string;
	accepts(area: AreaName, key: string, field: string, expected: Value, actual: Value): boolean;
};

const show = (value: Value) => (value === undefined ? '(absent)' : JSON.stringify(value));

/**
 * One line per difference: "area › item › field: <left label> X, <right label> Y". Fields
 * `expected` marks as undefined with a key of `message` are skipped (checked elsewhere);
 * a field a deviation accepts is not a difference.
 */
export function differences(area: AreaName, left: Area, right: Area, labels: [string, string], deviations: Deviation[] = []): string[] {
	const lines: string[] = [];
	const keys = [...new Set([...Object.keys(left), ...Object.keys(right)])].sort();
	for (const key of keys) {
		const a = left[key];
		const b = right[key];
		if (!a) {
			lines.push(`${area} › ${key}: only ${labels[1]} shows it ${JSON.stringify(b)}`);
			continue;
		}
		if (!b) {
			lines.push(`${area} › ${key}: ${labels[1]} does not show it (${labels[0]}: ${JSON.stringify(a)})`);
			continue;
		}
		for (const field of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
			if (a[field] === b[field]) continue;
			if (deviations.some((deviation) => deviation.accepts(area, key, field, a[field], b[field]))) continue;
			lines.push(`${area} › ${key} › ${field}: ${labels[0]} ${show(a[field])}, ${labels[1]} ${show(b[field])}`);
		}
	}
	return lines;
}
