// The snapshot's JSON shape, versioned. The zod schema is the one definition: the JSON
// Schema file shipped in the repo (snapshot.schema.json) is generated from it, and tests
// validate real output against that file.
import {z} from 'zod';
import {SCHEMA_VERSION} from './schemaVersion.js';

export {SCHEMA_VERSION} from './schemaVersion.js';

const isoTime = z.iso.datetime({offset: true}).describe('ISO-8601 time, UTC');

const sourceError = z
	.object({
		message: z.string().describe('What went wrong and what to do, one sentence'),
		code: z.string().describe('The AWS error name, e.g. AccessDeniedException'),
		kind: z.enum(['throttled', 'denied', 'credentials', 'unavailable', 'transient', 'failed']),
		operation: z.string().describe('The IAM action that failed, e.g. logs:FilterLogEvents'),
		throttled: z.boolean(),
		at: isoTime,
	})
	.strict();

const sourceStatus = {
	fetchedAt: isoTime.nullable().describe('Last successful fetch; null if none yet'),
	error: sourceError.nullable().describe('The last fetch error; null when the last fetch worked'),
};

const count = z.number().nullable();

const dimension = z.object({name: z.string(), value: z.string()}).strict();

const alarm = z
	.object({
		name: z.string(),
		arn: z.string().optional(),
		kind: z.enum(['metric', 'composite']),
		state: z.string().optional().describe('ALARM, INSUFFICIENT_DATA, OK, or a state AWS added later; absent when the answer had none'),
		stateReason: z.string().optional(),
		stateTransitionedAt: isoTime.optional().describe('The last real change of state'),
		stateUpdatedAt: isoTime
			.optional()
			.describe(
				'The last update of any kind (moves on every evaluation): without stateTransitionedAt, the state has held at least since then',
			),
		condition: z.string().describe('The condition in words, e.g. "Connect.AuthError Sum > 10 for 3 of 3 x 1 min"'),
		namespace: z.string().optional(),
		metricName: z.string().optional(),
		statistic: z.string().optional(),
		dimensions: z.array(dimension).optional(),
		period: z.number().optional(),
		evaluationPeriods: z.number().optional(),
		datapointsToAlarm: z.number().optional(),
		threshold: z.number().optional(),
		comparisonOperator: z.string().optional(),
		treatMissingData: z.string().optional(),
		alarmRule: z.string().optional(),
	})
	.strict();

const metric = z
	.object({
		id: z.string(),
		label: z.string(),
		namespace: z.string(),
		metricName: z.string(),
		dimensions: z.array(dimension),
		statistic: z.string(),
		period: z.number().describe('Seconds'),
		unit: z.string(),
		hasData: z.boolean().describe('False when the metric never reported ("no data", not 0)'),
		query: z
			.object({
				mode: z.enum(['stat', 'search', 'math', 'client']),
				series: z.number().optional().describe('math and client: how many series ListMetrics found'),
			})
			.strict()
			.optional()
			.describe(
				'How the values were asked for: one MetricStat; SUM(SEARCH(...)); SUM([...]) over the series ListMetrics found; or those series summed by iot-top (endpoints that evaluate no metric math)',
			),
		status: z
			.string()
			.optional()
			.describe(
				"The last fetch's StatusCode (Complete, PartialData, InternalError, Forbidden), or Unknown when the answer could not be trusted",
			),
		messages: z.array(z.string()).optional().describe('Why the status is not Complete'),
		last: z.number().nullable(),
		min: z.number().nullable(),
		max: z.number().nullable(),
		points: z.array(z.object({timestamp: isoTime, value: z.number()}).strict()),
	})
	.strict();

const logRecord = z.discriminatedUnion('kind', [
	z
		.object({
			kind: z.literal('cloudtrail'),
			eventName: z.string().optional(),
			eventSource: z.string().optional(),
			user: z.string().optional().describe("userIdentity.userName, else the assumed role's sessionIssuer.userName, else the arn"),
			sourceIp: z.string().optional(),
			errorCode: z.string().optional(),
			errorMessage: z.string().optional(),
			region: z.string().optional(),
			account: z.string().optional(),
		})
		.strict(),
	z
		.object({
			kind: z.literal('eventbridge'),
			detailType: z.string().optional(),
			eventName: z.string().optional().describe('An API call\'s name (detail-type "AWS API Call via CloudTrail")'),
			source: z.string().optional(),
			resources: z.string().optional().describe('The resources, each ARN shortened to its resource part, comma-separated'),
			region: z.string().optional(),
			account: z.string().optional(),
			summary: z
				.string()
				.optional()
				.describe("The detail in a few words: an API call's user and error, a Health event's type, status and region"),
			errorCode: z.string().optional(),
		})
		.strict(),
]);
const logEvent = z
	.object({
		id: z.string(),
		idMade: z
			.literal(true)
			.optional()
			.describe('CloudWatch sent no eventId (live tail never does): id was made from the group, stream, time and message'),
		timestamp: isoTime.nullable().describe('Event time; null when CloudWatch sent none'),
		ingestionTime: isoTime.optional(),
		logGroup: z.string(),
		logStream: z.string().optional(),
		level: z.string().optional(),
		eventType: z.string().optional(),
		clientId: z.string().optional(),
		topicName: z.string().optional(),
		status: z.string().optional(),
		reason: z.string().optional(),
		message: z.string(),
		fields: z.record(z.string(), z.string()).optional(),
		record: logRecord.optional().describe('A CloudTrail record or an EventBridge event: its kind and the fields the Logs pane shows'),
	})
	.strict();

const thing = z
	.object({
		name: z.string(),
		type: z.string().optional(),
		attributes: z.record(z.string(), z.string()),
		version: z.number().optional(),
		arn: z.string().optional(),
		connected: z.boolean().optional().describe('From the fleet index only'),
		connectedSince: isoTime.optional().describe('Last connect or disconnect, from the fleet index only'),
		disconnectReason: z.string().optional().describe('Why it last disconnected, from the fleet index only'),
	})
	.strict();

/** A figure of the fleet index: null with its error when unknown (never 0). */
function fleetFigure<Value extends z.ZodType>(value: Value) {
	return z
		.object({
			value: value.nullable().describe('null when unknown: not fetched, the index cannot answer, or the last fetch failed (see error)'),
			fetchedAt: isoTime.nullable(),
			error: sourceError.nullable(),
		})
		.strict();
}

const fleetBucket = z.object({key: z.string(), count: z.number()}).strict();
const fleetBreakdown = z.object({key: z.string(), total: z.number(), disconnected: z.number().nullable()}).strict();

const fleet = z
	.object({
		...sourceStatus,
		indexing: z
			.object({thingIndexingMode: z.string(), connectivityMode: z.string(), customFields: z.array(z.string())})
			.strict()
			.nullable()
			.describe('GetIndexingConfiguration; null when unknown (indexingError)'),
		indexingError: sourceError.nullable(),
		groupBy: z.string().describe('--fleet-group-by'),
		recentMinutes: z.number(),
		connected: fleetFigure(z.number()),
		disconnected: fleetFigure(z.number()),
		disconnectReasons: fleetFigure(z.array(fleetBucket)),
		byThingType: fleetFigure(z.array(fleetBreakdown)),
		byGroup: fleetFigure(z.array(fleetBreakdown)),
		recentDisconnectCount: fleetFigure(z.number()),
		recentDisconnects: fleetFigure(
			z.array(z.object({thingName: z.string(), at: isoTime.optional(), reason: z.string().optional()}).strict()),
		),
		recentDisconnectsMore: z.boolean().describe('More recent disconnects than listed'),
		connectedHistory: z.array(z.number()).describe('The connected count of each refresh, oldest first'),
		fromLogs: z
			.object({
				connected: z.number(),
				disconnected: z.number(),
				reasons: z.array(fleetBucket),
				since: isoTime.nullable(),
			})
			.strict()
			.nullable()
			.describe("Without the index's connectivity: each client id's last Connect or Disconnect in the log buffer (not the fleet's truth)"),
	})
	.strict();

const certificate = z
	.object({
		id: z.string(),
		arn: z.string().optional(),
		status: z.string().optional().describe('ACTIVE, INACTIVE, REVOKED, ...; absent when the answer had none'),
		createdAt: isoTime.optional(),
		notBefore: isoTime.optional(),
		notAfter: isoTime.optional(),
		daysLeft: z.number().optional().describe('Whole days until notAfter; negative once expired'),
		expiry: z
			.enum(['expired', 'expiring', 'valid', 'unknown'])
			.describe('expiring = within 30 days; unknown until DescribeCertificate answered'),
	})
	.strict();

const policy = z.object({name: z.string(), arn: z.string().optional(), defaultVersionId: z.string().optional()}).strict();

const rule = z
	.object({
		name: z.string(),
		topicPattern: z.string().optional(),
		disabled: z.boolean().optional().describe('Absent when the answer did not say'),
		createdAt: isoTime.optional(),
		actionTypes: z.array(z.string()).optional(),
	})
	.strict();

const change = z
	.object({
		id: z.string(),
		time: isoTime.nullable().describe('The call; null when CloudTrail sent no time'),
		eventName: z.string(),
		user: z.string().optional().describe("The IAM user, the assumed role's name, or the principal's ARN"),
		userType: z.string().optional().describe('userIdentity.type: IAMUser, AssumedRole, Root, AWSService, ...'),
		resources: z.array(z.string()),
		sourceIp: z.string().optional(),
		errorCode: z.string().optional().describe('The call failed (AccessDenied, ...)'),
		errorMessage: z.string().optional(),
		region: z.string().optional(),
		record: z.string().describe('The whole CloudTrail record, pretty-printed JSON'),
	})
	.strict();

const healthEvent = z
	.object({
		arn: z.string(),
		service: z.string().optional(),
		eventTypeCode: z.string().optional(),
		eventTypeCategory: z.string().optional(),
		region: z.string().optional(),
		statusCode: z.string().optional().describe('open, upcoming, closed'),
		startTime: isoTime.optional(),
		endTime: isoTime.optional(),
		lastUpdatedTime: isoTime.optional(),
		eventScopeCode: z.string().optional(),
	})
	.strict();

function resourceList<Item extends z.ZodType>(item: Item) {
	return z
		.object({
			complete: z.boolean().describe('False while more pages exist: items are what was loaded'),
			error: sourceError.nullable(),
			items: z.array(item),
		})
		.strict();
}

export const snapshotSchema = z
	.object({
		schemaVersion: z.literal(SCHEMA_VERSION),
		generatedAt: isoTime,
		tool: z.object({name: z.literal('iot-top'), version: z.string()}).strict(),
		source: z
			.object({
				demo: z.boolean(),
				region: z.string().optional(),
				profile: z.string().optional(),
				account: z.string().optional(),
				endpointUrl: z.string().optional(),
			})
			.strict(),
		refreshIntervalSeconds: z.number(),
		alarms: z
			.object({
				...sourceStatus,
				summary: z
					.object({alarm: count, insufficient: count, ok: count, other: count})
					.strict()
					.describe(
						'Alarms by state; every count null while the alarms are unknown (never fetched, or the last fetch failed: items are then the last good rows, as of fetchedAt)',
					),
				items: z.array(alarm).describe('ALARM first, then INSUFFICIENT_DATA, then OK; longest-standing first'),
			})
			.strict(),
		metrics: z
			.object({
				...sourceStatus,
				windowSeconds: z.number(),
				items: z.array(metric),
			})
			.strict(),
		logs: z
			.object({
				...sourceStatus,
				groups: z.array(z.string()),
				capacity: z.number(),
				received: z.number(),
				dropped: z.number(),
				unreadSeconds: z
					.number()
					.optional()
					.describe(
						'Seconds of event time passed over unread (only when some were): polls so far behind that the buffer could not have held those events',
					),
				eventsPerSecond: z
					.number()
					.nullable()
					.describe('Over the last 30 s of reads; null while paused, failing or stalled (unknown, not 0)'),
				state: z
					.enum(['following', 'behind', 'late', 'failing', 'starting', 'paused'])
					.describe('following only when the last read worked, reached the end and came within two poll intervals'),
				mode: z.enum(['poll', 'live']).describe('FilterLogEvents polling or a StartLiveTail session'),
				pollIntervalSeconds: z.number().describe('--log-interval (live tail: how often its events are taken in)'),
				sinceSeconds: z.number().describe('--since: how far back the first read went'),
				readTo: isoTime.optional().describe('behind: events are read up to this event time'),
				behindSeconds: z.number().optional().describe('behind: generatedAt minus readTo'),
				readBack: z
					.object({to: isoTime, stoppedBy: z.enum(['buffer', 'budget']), budgetPages: z.number()})
					.strict()
					.optional()
					.describe('The first read stopped short of --since: the events it kept go back to this time'),
				items: z.array(logEvent).describe('Oldest first'),
			})
			.strict(),
		resources: z
			.object({
				...sourceStatus,
				things: resourceList(thing),
				certificates: resourceList(certificate),
				caCertificates: resourceList(certificate),
				policies: resourceList(policy),
				rules: resourceList(rule),
			})
			.strict(),
		changes: z
			.object({
				...sourceStatus,
				since: isoTime.nullable().describe('How far back the reads went; null before the first'),
				readBackTo: isoTime.optional().describe('The first read ran out of its page budget: changes older than this were not read'),
				count: count.describe(
					'Changes held; null while unknown (never fetched, or the last fetch failed: items are then the last good ones)',
				),
				items: z.array(change).describe('AWS IoT management events from CloudTrail LookupEvents, newest first'),
			})
			.strict(),
		health: z
			.object({
				...sourceStatus,
				unavailable: z
					.string()
					.optional()
					.describe('AWS Health answered SubscriptionRequiredException: why (the support plan it needs); not an error'),
				open: count.describe('Open events; null while unknown (never fetched, the last fetch failed, or unavailable)'),
				items: z.array(healthEvent).describe('Open first, then upcoming, then closed within 7 days'),
			})
			.strict(),
		fleet,
	})
	.strict()
	.describe('iot-top snapshot: what every pane held at generatedAt');

export type Snapshot = z.infer<typeof snapshotSchema>;

export function snapshotJsonSchema(): Record<string, unknown> {
	return {
		$id: 'https://github.com/iot-top/iot-top/snapshot.schema.json',
		title: 'iot-top snapshot',
		...z.toJSONSchema(snapshotSchema),
	};
}
