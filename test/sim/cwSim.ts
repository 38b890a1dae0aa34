// A CloudWatch-only simulator for the tests of server.ts, faults.ts, metrics.ts, alarms.ts
// and cloudwatch.ts: the same pieces startSimulator composes, without the IoT/Logs models.

import {CloudWatchClient} from '@aws-sdk/client-cloudwatch';
import {createManualClock, type ManualClock} from '../../source/sim/contract.js';
import {createScenario, MINUTE, type Incident, type Scenario} from '../../source/sim/scenario.js';
import {createMetricStore, type MetricStore} from '../../source/sim/metrics.js';
import {createAlarmModel, defaultAlarms, type AlarmModel} from '../../source/sim/alarms.js';
import {
	cloudwatchOperations,
	DEFAULT_CLOUDWATCH_LIMITS,
	type CloudWatchDeps,
	type CloudWatchLimits,
	type MetricMathSupport,
} from '../../source/sim/cloudwatch.js';
import {createFaultController, type FaultController} from '../../source/sim/faults.js';
import {CLOUDWATCH_TARGET, startServer, type SimServer} from '../../source/sim/server.js';

export type CwSim = {
	url: string;
	clock: ManualClock;
	scenario: Scenario;
	metrics: MetricStore;
	alarms: AlarmModel;
	faults: FaultController;
	limits: CloudWatchLimits;
	/** Set to change CloudWatch's answers before they are sent (fields left out or garbled). */
	rewrite?: CloudWatchDeps['rewriteResponse'];
	server: SimServer;
	client(options?: {maxAttempts?: number}): CloudWatchClient;
	close(): Promise<void>;
};

/** 2026-11-24 02:00:30 UTC: thirty seconds into a minute, like a real start. */
export const START = Date.UTC(2026, 10, 24, 2, 0, 30);

export async function startCwSim(
	options: {
		incidents?: Incident[];
		defaultAlarms?: boolean;
		historyMinutes?: number;
		faults?: string[];
		seed?: number;
		faultClock?: () => number;
		metricMath?: MetricMathSupport;
	} = {},
): Promise<CwSim> {
	const clock = createManualClock(START);
	const historyMinutes = options.historyMinutes ?? 60;
	const scenario = createScenario({seed: options.seed ?? 1, startMs: START, things: 300, incidents: options.incidents});
	const metrics = createMetricStore({scenario, clock, historyMinutes});
	const historyStart = Math.floor(START / MINUTE) * MINUTE - historyMinutes * MINUTE;
	const alarms = createAlarmModel({clock, metrics, evaluateFrom: historyStart});
	if (options.defaultAlarms !== false) {
		const set = defaultAlarms({ruleName: metrics.rules[0].ruleName, actionType: metrics.rules[0].actionTypes[0]});
		for (const alarm of set.metric) alarms.putMetricAlarm(alarm, {createdAt: historyStart});
		for (const alarm of set.composite) alarms.putCompositeAlarm(alarm, {createdAt: historyStart});
	}
	alarms.evaluate();
	const faults = createFaultController({seed: options.seed ?? 1, rules: options.faults ?? [], now: options.faultClock});
	const limits = {...DEFAULT_CLOUDWATCH_LIMITS};
	const rewriteResponse: CloudWatchDeps['rewriteResponse'] = (operation, response) =>
		sim.rewrite ? sim.rewrite(operation, response) : response;
	const server = await startServer({
		json: [
			{
				service: 'cloudwatch',
				targetPrefix: CLOUDWATCH_TARGET,
				jsonVersion: '1.0',
				queryCompatible: true,
				operations: cloudwatchOperations({metrics, alarms, clock, limits, metricMath: options.metricMath, rewriteResponse}),
			},
		],
		faults,
		onRequest: () => alarms.evaluate(),
	});
	const clients: CloudWatchClient[] = [];
	const sim: CwSim = {
		url: server.url,
		clock,
		scenario,
		metrics,
		alarms,
		faults,
		limits,
		server,
		client(clientOptions = {}) {
			const client = new CloudWatchClient({
				region: 'us-east-1',
				endpoint: server.url,
				credentials: {accessKeyId: 'test', secretAccessKey: 'test'},
				maxAttempts: clientOptions.maxAttempts ?? 1,
			});
			clients.push(client);
			return client;
		},
		async close() {
			for (const client of clients) client.destroy();
			await server.close();
		},
	};
	return sim;
}
