// The simulator's metric-math and anomaly-detection alarms: ANOMALY_DETECTION_BAND answers a
// band (two series under the band's id) around the metric's recent average, an alarm with
// ThresholdMetricId is evaluated against it, and the default alarms of each kind move with the
// scripted incidents, as a user of the demo sees them.
import {DescribeAlarmsCommand, GetMetricDataCommand, type CloudWatchClient} from '@aws-sdk/client-cloudwatch';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {anomalyBand} from '../../source/sim/metricMath.js';
import {MINUTE} from '../../source/sim/scenario.js';
import {startCwSim, type CwSim} from './cwSim.js';

const at = (hh: number, mm: number, ss = 0) => new Date(Date.UTC(2026, 10, 24, hh, mm, ss));

describe('anomalyBand', () => {
	test.each([
		['flat at 100: a band of at least 5% either side', [100, 100, 100, 100], 2, {lower: 90, upper: 110}],
		['10 and 20 alternating: mean 15, deviation 5', [10, 20, 10, 20], 2, {lower: 5, upper: 25}],
		['width 1 halves it', [10, 20, 10, 20], 1, {lower: 10, upper: 20}],
	])('%s', (_name, values, width, expected) => {
		const timestamps = values.map((_, index) => index * MINUTE);
		const band = anomalyBand({timestamps, values}, width, MINUTE, values.length * MINUTE, (values.length + 1) * MINUTE);
		expect({lower: band.lower.values[0], upper: band.upper.values[0]}).toEqual(expected);
	});

	test('no band where fewer than three datapoints came before', () => {
		const band = anomalyBand({timestamps: [0, MINUTE], values: [5, 6]}, 2, MINUTE, 2 * MINUTE, 3 * MINUTE);
		expect(band.lower.timestamps).toEqual([]);
	});
});

describe('metric-math and anomaly-detection alarms', () => {
	let sim: CwSim;
	let cw: CloudWatchClient;
	beforeAll(async () => {
		// Default script: auth errors 02:01-02:07, a rule action failing (half its deliveries) 02:20-02:24.
		sim = await startCwSim();
		cw = sim.client();
	});
	afterAll(() => sim.close());

	const state = async (name: string) => (await cw.send(new DescribeAlarmsCommand({AlarmNames: [name]}))).MetricAlarms?.[0];

	test('GetMetricData answers ANOMALY_DETECTION_BAND with its two edges, around the metric', async () => {
		const answer = await cw.send(
			new GetMetricDataCommand({
				MetricDataQueries: [
					{
						Id: 'm1',
						MetricStat: {
							Metric: {Namespace: 'AWS/IoT', MetricName: 'PublishIn.Success', Dimensions: [{Name: 'Protocol', Value: 'MQTT'}]},
							Period: 60,
							Stat: 'Sum',
						},
					},
					{Id: 'ad1', Expression: 'ANOMALY_DETECTION_BAND(m1, 2)', Label: 'expected'},
				],
				StartTime: at(1, 45),
				EndTime: at(1, 55),
				ScanBy: 'TimestampAscending',
			}),
		);
		const results = answer.MetricDataResults ?? [];
		expect(results.map((result) => [result.Id, result.Label])).toEqual([
			['m1', 'PublishIn.Success'],
			['ad1', 'expected Lower'],
			['ad1', 'expected Upper'],
		]);
		const [metric, lower, upper] = results;
		expect(lower.Timestamps).toHaveLength(10);
		for (let index = 0; index < 10; index++) {
			expect(lower.Values![index]).toBeLessThan(upper.Values![index]);
			// A quiet fleet's publishes stay inside the band.
			expect(metric.Values![index]).toBeGreaterThan(lower.Values![index]);
			expect(metric.Values![index]).toBeLessThan(upper.Values![index]);
		}
	});

	test('the metric-math alarm fires on the auth-error burst, the anomaly alarm on the failing rule action', async () => {
		sim.clock.set(at(2, 0, 30).getTime());
		expect((await state('iot-auth-error-rate'))?.StateValue).toBe('OK');
		expect((await state('iot-rule-deliveries-anomaly'))?.StateValue).toBe('OK');
		sim.clock.set(at(2, 4, 0).getTime());
		const rate = await state('iot-auth-error-rate');
		expect(rate?.StateValue).toBe('ALARM');
		expect(rate?.StateReason).toMatch(/greater than the threshold \(25\.0\)/);
		expect((await state('iot-rule-deliveries-anomaly'))?.StateValue).toBe('OK');
		sim.clock.set(at(2, 19, 0).getTime());
		expect((await state('iot-rule-deliveries-anomaly'))?.StateValue).toBe('OK');
		sim.clock.set(at(2, 23, 0).getTime());
		const anomaly = await state('iot-rule-deliveries-anomaly');
		expect(anomaly?.StateValue).toBe('ALARM');
		expect(anomaly?.StateReason).toMatch(/outside the band/);
		expect(anomaly?.Threshold).toBeUndefined();
		expect(anomaly?.ThresholdMetricId).toBe('ad1');
		// Deliveries back to normal: inside the band again.
		sim.clock.set(at(2, 30, 0).getTime());
		expect((await state('iot-rule-deliveries-anomaly'))?.StateValue).toBe('OK');
	});

	test('PutMetricAlarm takes a band alarm only with its band expression and without a Threshold', () => {
		const base = {
			AlarmName: 'band',
			EvaluationPeriods: 1,
			ComparisonOperator: 'GreaterThanUpperThreshold',
			ThresholdMetricId: 'ad1',
			Metrics: [
				{Id: 'm1', MetricStat: {Metric: {Namespace: 'Fleet', MetricName: 'Load'}, Period: 60, Stat: 'Sum'}, ReturnData: true},
				{Id: 'ad1', Expression: 'ANOMALY_DETECTION_BAND(m1)', ReturnData: true},
			],
		};
		expect(() => sim.alarms.putMetricAlarm(base)).not.toThrow();
		expect(() => sim.alarms.putMetricAlarm({...base, Threshold: 1})).toThrow(/cannot both/);
		expect(() => sim.alarms.putMetricAlarm({...base, ThresholdMetricId: 'm1'})).toThrow(/ANOMALY_DETECTION_BAND/);
		expect(() => sim.alarms.putMetricAlarm({...base, ComparisonOperator: 'GreaterThanThreshold'})).toThrow(/ComparisonOperator/);
		sim.alarms.deleteAlarms(['band']);
	});
});
