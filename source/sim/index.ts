// The simulator, composed: scenario + fleet model + metric store + alarms + logs, served
// over HTTP on 127.0.0.1 with fault injection and call counts. Nothing runs on a timer:
// metrics, alarm evaluations and log events are computed when a request (or a test)
// asks, so an idle simulator costs no CPU.

import {realClock, type SimClock} from './contract.js';
import {createScenario, MINUTE, type Incident, type Scenario} from './scenario.js';
import {createMetricStore, type MetricStore, type TopicRuleMetrics} from './metrics.js';
import {createAlarmModel, defaultAlarms, type AlarmModel} from './alarms.js';
import {cloudwatchOperations, DEFAULT_CLOUDWATCH_LIMITS, type CloudWatchLimits, type MetricMathSupport} from './cloudwatch.js';
import {createDashboardStore, demoDashboards, type DashboardStore} from './dashboards.js';
import {createFaultController, type FaultController} from './faults.js';
import {CLOUDWATCH_TARGET, LOGS_TARGET, startServer} from './server.js';
import {createResourceModel, type ResourceModel, type RuleAction} from './resources.js';
import {iotRoutes} from './iot.js';
import {createConnectivity} from './connectivity.js';
import {createFleetIndex, type FleetIndex} from './fleetIndex.js';
import type {FleetIndexMode} from './resources.js';
import {createLogModel, type LogModel} from './logStore.js';
import type {LiveTailOptions} from './liveTail.js';
import {logsOperations} from './logs.js';
import type {InsightsOptions} from './insights.js';
import {createCloudTrail, type CloudTrailModel} from './cloudtrail.js';
import {createHealth, type HealthModel} from './health.js';

export type SimulatorOptions = {
	/** Default 127.0.0.1. */
	host?: string;
	/** 0 (default) = a free port. */
	port?: number;
	/** Default 1. */
	seed?: number;
	/** Default 300. */
	things?: number;
	/** IoT log events per second, default 20. */
	logRate?: number;
	/** Default: the real clock. */
	clock?: SimClock;
	/** Default: the scripted incidents of scenario.ts; [] for a quiet fleet. */
	incidents?: Incident[];
	/** Minutes of history before the start, default 60. */
	historyMinutes?: number;
	/** Fault specs (see faults.ts), e.g. 'logs:FilterLogEvents=throttle:0.3'. */
	faults?: string[];
	/** Stored log events one FilterLogEvents page examines at most (tests lower it for empty pages with a nextToken). */
	logScanBudget?: number;
	/** Events kept per log group (default 200,000): lower it for long runs whose memory is measured. */
	logMaxEvents?: number;
	/** StartLiveTail pacing and session length (tests shorten them). */
	liveTail?: LiveTailOptions;
	/** Create the default alarm set (default true). */
	defaultAlarms?: boolean;
	/** Extra metric alarms on the fleet's metrics, for scale tests (`simulate --alarms N`); default 0. */
	extraAlarms?: number;
	/** How much metric math GetMetricData evaluates (default 'full', as AWS; 'ids-only' as moto, 'none' as LocalStack). */
	metricMath?: MetricMathSupport;
	/**
	 * An empty account for tests that seed everything over the wire: no things, thing types,
	 * groups, CA certificates, policies, rules, log groups, alarms, traffic or history.
	 */
	empty?: boolean;
	/** Logs Insights pacing and concurrency (tests shorten or lower them). */
	insights?: InsightsOptions;
	/** AWS Health answers as for a Business/Enterprise support plan (default true); false: SubscriptionRequiredException. */
	healthSubscription?: boolean;
	/** The fleet index: off, registry only, or registry and connectivity (default: on from 10,000 things, off below). */
	fleetIndex?: FleetIndexMode;
	/** Fleet-index aggregation calls a second before ThrottlingException (default 5); 0: no limit. */
	aggregationsPerSecond?: number;
};

export type Simulator = {
	url: string;
	port: number;
	clock: SimClock;
	scenario: Scenario;
	metrics: MetricStore;
	alarms: AlarmModel;
	resources: ResourceModel;
	logs: LogModel;
	faults: FaultController;
	/** The fleet index over `resources` (searches and aggregations, for tests to compute expectations). */
	fleetIndex: FleetIndex;
	/** CloudWatch limits (GetMetricData page size, ...); tests may lower them. */
	limits: CloudWatchLimits;
	/** CloudWatch dashboards (the demo's, and what PutDashboard stores). */
	dashboards: DashboardStore;
	/** CloudTrail's management events (LookupEvents) and its quota. */
	cloudtrail: CloudTrailModel;
	/** AWS Health's events; `health.subscription = false` answers SubscriptionRequiredException. */
	health: HealthModel;
	calls(): Record<string, number>;
	resetCalls(): void;
	close(): Promise<void>;
};

const ACTION_TYPES: Record<string, string> = {
	dynamoDB: 'DynamoDB',
	dynamoDBv2: 'DynamoDBv2',
	http: 'HTTP',
	iotAnalytics: 'IotAnalytics',
	iotEvents: 'IotEvents',
	iotSiteWise: 'IotSiteWise',
	cloudwatchAlarm: 'CloudwatchAlarm',
	cloudwatchMetric: 'CloudwatchMetric',
	cloudwatchLogs: 'CloudwatchLogs',
	openSearch: 'OpenSearch',
};

/** The AWS/IoT ActionType dimension value of a rule action ({s3: {...}} -> 'S3'). */
export function actionTypeOf(action: RuleAction): string {
	const key = Object.keys(action)[0] ?? 'unknown';
	return ACTION_TYPES[key] ?? key.charAt(0).toUpperCase() + key.slice(1);
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
	const clock = options.clock ?? realClock;
	const seed = options.seed ?? 1;
	const empty = options.empty === true;
	const things = empty ? 0 : (options.things ?? 300);
	const historyMinutes = empty ? 0 : (options.historyMinutes ?? 60);
	const startMs = clock.now();
	const scenario = createScenario({seed, startMs, things, incidents: empty ? [] : options.incidents, traffic: !empty});
	const connectivity = createConnectivity({seed, anchorMs: startMs, incidents: scenario.incidents});
	const resources = createResourceModel({seed, things, clock, empty, fleetIndex: options.fleetIndex, connectivity});
	const fleetIndex = createFleetIndex({model: resources, clock, aggregationsPerSecond: options.aggregationsPerSecond});

	// Rule metrics follow the fleet's enabled topic rules, the failing one first.
	const rules: TopicRuleMetrics[] = resources
		.topicRules()
		.filter((rule) => !rule.ruleDisabled)
		.sort((a, b) => Number(b.ruleName === resources.failingRuleName) - Number(a.ruleName === resources.failingRuleName))
		.map((rule) => ({ruleName: rule.ruleName, actionTypes: [...new Set(rule.actions.map(actionTypeOf))]}))
		.filter((rule) => rule.actionTypes.length > 0);
	// An empty account's AWS/IoT series reach back as far as PutMetricData does (two weeks), so a
	// test can record the minutes before the start; they count nothing unless recorded.
	const metrics = createMetricStore({
		scenario,
		clock,
		historyMinutes: empty ? 14 * 24 * 60 : historyMinutes,
		rules: rules.length > 0 || empty ? rules : undefined,
	});

	const historyStart = Math.floor(startMs / MINUTE) * MINUTE - historyMinutes * MINUTE;
	const alarms = createAlarmModel({clock, metrics, evaluateFrom: historyStart, region: resources.region, accountId: resources.accountId});
	if (options.defaultAlarms !== false && !empty) {
		const first = metrics.rules[0];
		const set = defaultAlarms({ruleName: first.ruleName, actionType: first.actionTypes[0]});
		for (const alarm of set.metric) alarms.putMetricAlarm(alarm, {createdAt: historyStart});
		for (const alarm of set.composite) alarms.putCompositeAlarm(alarm, {createdAt: historyStart});
	}
	for (let i = 0; i < (options.extraAlarms ?? 0); i++) {
		const thresholds = [1, 10, 100, 1000];
		alarms.putMetricAlarm(
			{
				AlarmName: `scale-${String(i + 1).padStart(5, '0')}`,
				AlarmDescription: 'Seeded for scale tests (simulate --alarms).',
				Namespace: 'AWS/IoT',
				MetricName: i % 2 === 0 ? 'Connect.Success' : 'PublishIn.Success',
				Dimensions: [{Name: 'Protocol', Value: 'MQTT'}],
				Statistic: 'Sum',
				Period: 60,
				EvaluationPeriods: 1 + (i % 3),
				Threshold: thresholds[i % thresholds.length] * (1 + (i % 7)),
				ComparisonOperator: i % 3 === 0 ? 'LessThanThreshold' : 'GreaterThanThreshold',
				TreatMissingData: 'notBreaching',
			},
			{createdAt: historyStart},
		);
	}
	// The initial states come from evaluating the hour of history.
	alarms.evaluate();

	const cloudtrail = createCloudTrail({seed, clock, scenario, resources, background: !empty});
	const health = createHealth({startMs, subscription: options.healthSubscription, events: empty ? [] : undefined});
	const logs = createLogModel({
		seed,
		clock,
		scenario,
		resources,
		rate: empty ? 0 : (options.logRate ?? 20),
		historyMinutes,
		scanBudget: options.logScanBudget,
		maxEventsPerGroup: options.logMaxEvents,
		groups: empty ? [] : undefined,
		// The CloudTrail and EventBridge groups carry the events LookupEvents and DescribeEvents answer.
		trail: cloudtrail,
		healthEvents: health.events(),
		connectivity,
	});
	const faults = createFaultController({seed, rules: options.faults ?? []});
	const limits: CloudWatchLimits = {...DEFAULT_CLOUDWATCH_LIMITS};
	const dashboards = createDashboardStore(clock);
	if (!empty) {
		const first = metrics.rules[0];
		for (const {name, body} of demoDashboards({ruleName: first.ruleName, actionType: first.actionTypes[0]})) dashboards.put(name, body);
	}

	const server = await startServer({
		host: options.host ?? '127.0.0.1',
		port: options.port ?? 0,
		json: [
			{
				service: 'cloudwatch',
				targetPrefix: CLOUDWATCH_TARGET,
				jsonVersion: '1.0',
				queryCompatible: true,
				operations: cloudwatchOperations({
					metrics,
					alarms,
					clock,
					limits,
					metricMath: options.metricMath,
					dashboards: {store: dashboards, accountId: resources.accountId},
				}),
			},
			{
				service: 'logs',
				targetPrefix: LOGS_TARGET,
				jsonVersion: '1.1',
				operations: logsOperations(logs, options.liveTail, options.insights),
			},
			// SDK v3 sends the short target; older SDKs and the CLI the namespaced one: AWS takes both.
			{service: 'cloudtrail', targetPrefix: 'CloudTrail_20131101', jsonVersion: '1.1', operations: cloudtrail.operations},
			{
				service: 'cloudtrail',
				targetPrefix: 'com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101',
				jsonVersion: '1.1',
				operations: cloudtrail.operations,
			},
			{service: 'health', targetPrefix: 'AWSHealth_20160804', jsonVersion: '1.1', operations: health.operations},
		],
		rest: {service: 'iot', routes: iotRoutes(resources, fleetIndex)},
		faults,
		onRequest: () => alarms.evaluate(),
		stats: () => Object.fromEntries(Object.entries(logs.ingested()).map(([group, count]) => [`logs:ingested:${group}`, count])),
	});

	return {
		url: server.url,
		port: server.port,
		clock,
		scenario,
		metrics,
		alarms,
		resources,
		logs,
		faults,
		fleetIndex,
		limits,
		dashboards,
		cloudtrail,
		health,
		calls: server.calls,
		resetCalls: server.resetCalls,
		close: server.close,
	};
}
