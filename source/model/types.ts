// Plain data shapes shared by aws/ (which produces them), live/ (which holds them) and
// ui/ + snapshot/ (which draw them). Every string in these shapes is already sanitized.
// A field AWS (or an emulator) left out stays undefined: it is shown as unknown, never as a
// default that could be taken for the truth (an alarm with no state is not INSUFFICIENT_DATA).

export type AlarmState = 'ALARM' | 'INSUFFICIENT_DATA' | 'OK';

export type Dimension = {name: string; value: string};

export type AlarmRow = {
	name: string;
	arn?: string;
	kind: 'metric' | 'composite';
	/** A state AWS did not document arrives as its own text, so it is shown, not hidden; undefined when none came. */
	state?: AlarmState | string;
	stateReason?: string;
	/** Epoch ms of the last real state change ("in ALARM since"). */
	stateTransitionedAt?: number;
	/** Epoch ms of the last update of any kind: moves on every evaluation, so the state has held at least since then. Emulators may give only this. */
	stateUpdatedAt?: number;
	description?: string;
	actionsEnabled?: boolean;
	// Metric alarms
	namespace?: string;
	metricName?: string;
	statistic?: string;
	extendedStatistic?: string;
	dimensions?: Dimension[];
	period?: number;
	evaluationPeriods?: number;
	datapointsToAlarm?: number;
	threshold?: number;
	comparisonOperator?: string;
	treatMissingData?: string;
	unit?: string;
	/** Metric-math alarms: the expression of the query that returns data. */
	expression?: string;
	// Composite alarms
	alarmRule?: string;
};

export type AlarmHistoryItem = {
	timestamp?: number;
	type?: string;
	summary?: string;
	oldState?: string;
	newState?: string;
};

/** One metric on the board, as configured. */
export type MetricSpec = {
	/** Stable id, also the GetMetricData query id (starts with a lowercase letter). */
	id: string;
	label: string;
	namespace: string;
	metricName: string;
	dimensions: Dimension[];
	statistic: string;
	/** Seconds. */
	period: number;
	/** Display unit: '' for counts, '%', 'ms', 'B', ... */
	unit: string;
	/** When set, the query sums the metric over every value of these dimensions (metric math). */
	sumOverDimensions?: string[];
	/** The heading the metric is drawn under (a dashboard widget's title). */
	group?: string;
	/** What the chart says the metric is, sanitized, where namespace and name are raw from AWS (a dashboard, ListMetrics). */
	shownAs?: string;
	/** A dashboard's metric-math row: the expression and the widget's metrics it names, by their ids there. */
	math?: {expression: string; inputs: MathInput[]};
};

/** A metric a dashboard expression refers to by `id`. */
export type MathInput = {id: string; namespace: string; metricName: string; dimensions: Dimension[]; statistic: string; period: number};

/**
 * How a board metric is asked of GetMetricData. A plain metric is one MetricStat ('stat'). A
 * metric summed over a dimension steps down a ladder, as far as the endpoint needs: 'search'
 * SUM(SEARCH(...)) (AWS); 'math' SUM([m1,m2,...]) over the series ListMetrics found;
 * 'client' each of those series, summed here (moto and LocalStack evaluate no SUM).
 */
export type MetricQueryMode = 'stat' | 'search' | 'math' | 'client';

export type MetricQuery = {
	mode: MetricQueryMode;
	/** 'math' and 'client': how many series (from ListMetrics) are summed. */
	series?: number;
	/**
	 * This step has answered with datapoints before, so the endpoint evaluates it: an empty
	 * answer from it means no data, not a reason to step down (a quiet Connect.AuthError on AWS).
	 */
	proven?: boolean;
};

/** The StatusCode of a fetch that iot-top could not read as complete: see MetricSeries.status. */
export const UNKNOWN_STATUS = 'Unknown';

export type MetricSeries = {
	spec: MetricSpec;
	/** Ascending epoch ms, one per period that has a datapoint. */
	timestamps: number[];
	values: number[];
	/** True once the metric has ever returned a datapoint. */
	hasData: boolean;
	/**
	 * The last fetch's StatusCode: 'Complete', 'PartialData', 'InternalError', 'Forbidden', or
	 * UNKNOWN_STATUS when the answer could not be trusted (no result, no StatusCode, malformed).
	 * Undefined until fetched.
	 */
	status?: string;
	/** Why the status is not Complete: CloudWatch's messages and what iot-top found wrong (sanitized). */
	messages?: string[];
	/** How this metric is asked for now. */
	query?: MetricQuery;
};

export type LogLevel = 'ERROR' | 'WARN' | 'INFO' | 'DEBUG';

export type LogEvent = {
	/** CloudWatch eventId; live-tail events get a synthetic one. */
	id: string;
	/** Event time, epoch ms (from CloudWatch, not from the message text). */
	timestamp: number;
	ingestionTime?: number;
	logGroup: string;
	logStream?: string;
	/** The raw message, sanitized, single line. */
	message: string;
	level?: string;
	eventType?: string;
	clientId?: string;
	topicName?: string;
	status?: string;
	/** reason, details or disconnectReason, whichever the event has. */
	reason?: string;
	/** The message is a JSON object (an AWS IoT v2 log event): logEventFields gives its fields. */
	json?: true;
	/** No event timestamp came: `timestamp` is the ingestion time, or when it was read, for order only. */
	timeUnknown?: true;
	/** No eventId came (live tail sends none): `id` was made from the group, stream, time and message. */
	madeId?: true;
	/**
	 * A CloudTrail record or an EventBridge event (model/logFormats.ts): their fields, in one
	 * object only these events carry, so an IoT v2 event stays as small as it was.
	 */
	record?: LogRecord;
};

/** A CloudTrail record, as CloudTrail delivers one per CloudWatch Logs event. Sanitized. */
export type CloudTrailLogRecord = {
	kind: 'cloudtrail';
	eventName?: string;
	/** `iot.amazonaws.com`. */
	eventSource?: string;
	/** userIdentity.userName, else the assumed role's sessionIssuer.userName, else the arn. */
	user?: string;
	sourceIp?: string;
	errorCode?: string;
	errorMessage?: string;
	region?: string;
	account?: string;
};

/** An EventBridge event delivered to a log group by a rule's CloudWatch Logs target. Sanitized. */
export type EventBridgeLogRecord = {
	kind: 'eventbridge';
	detailType?: string;
	/** An API call's name, when the event carries one (detail-type "AWS API Call via CloudTrail"). */
	eventName?: string;
	source?: string;
	/** The resources' ARNs, each shortened to its resource part, comma-separated. */
	resources?: string;
	region?: string;
	account?: string;
	/** The detail in a few words: an API call's user and error; a Health event's type, status and region. */
	summary?: string;
	/** An API call's errorCode (an API call delivered through CloudTrail). */
	errorCode?: string;
};

export type LogRecord = CloudTrailLogRecord | EventBridgeLogRecord;

export type ThingRow = {
	name: string;
	type?: string;
	attributes: Record<string, string>;
	version?: number;
	arn?: string;
	/** From the fleet index (SearchIndex) only: listing does not know it. */
	connected?: boolean;
	/** Epoch ms of the last connect or disconnect (fleet index, or the logs when `connectivityFrom` says so). */
	connectedSince?: number;
	/** Why it last disconnected (fleet index, or the logs). */
	disconnectReason?: string;
	/** Connectivity read from the log buffer, not the fleet index (which is off): shown as such. */
	connectivityFrom?: 'logs';
};

export type CertificateRow = {
	id: string;
	arn?: string;
	status?: string;
	createdAt?: number;
	/** From DescribeCertificate; undefined until fetched. */
	notBefore?: number;
	notAfter?: number;
	ca?: boolean;
};

export type PolicyRow = {
	name: string;
	arn?: string;
	defaultVersionId?: string;
};

export type TopicRuleRow = {
	name: string;
	topicPattern?: string;
	disabled?: boolean;
	createdAt?: number;
	actionTypes?: string[];
	sql?: string;
};
