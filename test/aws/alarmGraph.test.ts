// fetchAlarmGraph against the simulator: what the alarm detail's graph gets for a metric-math
// alarm and an anomaly-detection alarm (the band's two edges), in plain data.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {AlarmGraphUnavailable, fetchAlarmGraph} from '../../source/aws/alarms.js';
import {createClients, type AwsClients} from '../../source/aws/clients.js';
import {breaches} from '../../source/model/alarmGraph.js';
import {MINUTE} from '../../source/sim/scenario.js';
import {startCwSim, type CwSim} from '../sim/cwSim.js';

const at = (hh: number, mm: number, ss = 0) => Date.UTC(2026, 10, 24, hh, mm, ss);

describe('fetchAlarmGraph', () => {
	let sim: CwSim;
	let clients: AwsClients;
	beforeAll(async () => {
		// Default script: auth errors 02:01-02:07, a rule action failing 02:20-02:24.
		sim = await startCwSim();
		clients = createClients({endpointUrl: sim.url, region: 'us-east-1', credentials: {accessKeyId: 'test', secretAccessKey: 'test'}});
	});
	afterAll(async () => {
		clients.destroy();
		await sim.close();
	});

	it('a metric-math alarm: the expression that returns data, with its label and threshold', async () => {
		sim.clock.set(at(2, 8, 20));
		const graph = await fetchAlarmGraph(clients, 'iot-auth-error-rate', sim.clock.now());
		expect(graph).toMatchObject({label: 'Auth error rate (%)', periodSec: 60, threshold: 25, comparison: 'GreaterThanThreshold'});
		expect(graph.band).toBeUndefined();
		// The auth-error burst (02:01-02:07) is in the range: over a quarter of the connects failed.
		expect(graph.values.filter((value) => value !== undefined && value > 25).length).toBeGreaterThanOrEqual(5);
	});

	it("an anomaly-detection alarm: its metric, the band's lower and upper edges, no threshold, the failing minutes outside", async () => {
		sim.clock.set(at(2, 25, 20));
		const graph = await fetchAlarmGraph(clients, 'iot-rule-deliveries-anomaly', sim.clock.now());
		expect(graph).toMatchObject({label: 'Success Sum', periodSec: 60, start: at(2, 10), end: at(2, 25), threshold: undefined});
		expect(graph.comparison).toBe('LessThanLowerOrGreaterThanUpperThreshold');
		expect(graph.values).toHaveLength(15);
		const {lower, upper} = graph.band!;
		lower.forEach((edge, index) => expect(edge!).toBeLessThan(upper[index]!));
		const breaching = graph.values
			.map((value, index) => (breaches(value, graph.comparison, graph.threshold, {lower: lower[index], upper: upper[index]}) ? index : -1))
			.filter((index) => index >= 0)
			.map((index) => (graph.start + index * MINUTE - at(2, 0)) / MINUTE);
		expect(breaching).toEqual(expect.arrayContaining([20, 21]));
		expect(breaching.every((minute) => minute >= 20 && minute <= 24)).toBe(true);
	});

	it('a composite or a deleted alarm has no graph, and says why', async () => {
		await expect(fetchAlarmGraph(clients, 'iot-fleet-degraded', sim.clock.now())).rejects.toThrow(AlarmGraphUnavailable);
		await expect(fetchAlarmGraph(clients, 'gone', sim.clock.now())).rejects.toThrow(
			'DescribeAlarms no longer lists gone as a metric alarm.',
		);
	});
});
