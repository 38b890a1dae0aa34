import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {
	DeleteAlarmsCommand,
	DescribeAlarmHistoryCommand,
	DescribeAlarmsCommand,
	GetMetricDataCommand,
	GetMetricStatisticsCommand,
	ListMetricsCommand,
	PutCompositeAlarmCommand,
	PutMetricAlarmCommand,
	PutMetricDataCommand,
	type CloudWatchClient,
	type DescribeAlarmsCommandInput,
	type GetMetricDataCommandInput,
	type ListMetricsCommandInput,
	type MetricDataQuery,
	type MetricDataResult,
} from '@aws-sdk/client-cloudwatch';
import {createManualClock} from '../../source/sim/contract.js';
import {startSimulator} from '../../source/sim/index.js';
import {clientsFor} from '../helpers/engine.js';
import {START, startCwSim, type CwSim} from './cwSim.js';

const MIN = 60_000;
const at = (hh: number, mm: number, ss = 0) => new Date(Date.UTC(2026, 10, 24, hh, mm, ss));

async function failure(promise: Promise<unknown>): Promise<Error & {$metadata?: {httpStatusCode?: number}}> {
	try {
		await promise;
	} catch (error) {
		return error as Error;
	}
	throw new Error('expected the call to fail');
}

async function allAlarms(cw: CloudWatchClient, input: DescribeAlarmsCommandInput) {
	const metric: string[] = [];
	const composite: string[] = [];
	let token: string | undefined;
	let pages = 0;
	do {
		const page = await cw.send(new DescribeAlarmsCommand({...input, NextToken: token}));
		pages++;
		metric.push(...(page.MetricAlarms ?? []).map((a) => a.AlarmName!));
		composite.push(...(page.CompositeAlarms ?? []).map((a) => a.AlarmName!));
		token = page.NextToken;
	} while (token);
	return {metric, composite, pages};
}

const iotQuery = (id: string, metricName: string, dims: Record<string, string>, returnData = true): MetricDataQuery => ({
	Id: id,
	ReturnData: returnData,
	MetricStat: {
		Metric: {Namespace: 'AWS/IoT', MetricName: metricName, Dimensions: Object.entries(dims).map(([Name, Value]) => ({Name, Value}))},
		Period: 60,
		Stat: 'Sum',
	},
});

function points(result: MetricDataResult | undefined): Record<number, number> {
	const out: Record<number, number> = {};
	(result?.Timestamps ?? []).forEach((t, i) => {
		out[t.getTime()] = result!.Values![i];
	});
	return out;
}

describe('DescribeAlarms over 1,000 alarms', () => {
	let sim: CwSim;
	let cw: CloudWatchClient;
	beforeAll(async () => {
		sim = await startCwSim({incidents: []});
		cw = sim.client();
		for (let i = 0; i < 1000; i++) {
			sim.alarms.putMetricAlarm({
				AlarmName: `load-${String(999 - i).padStart(4, '0')}`,
				Namespace: 'Load',
				MetricName: 'Requests',
				Dimensions: [{Name: 'Shard', Value: String(i)}],
				Statistic: 'Sum',
				Period: 60,
				EvaluationPeriods: 1,
				Threshold: 1,
				ComparisonOperator: 'GreaterThanThreshold',
			});
		}
	});
	afterAll(() => sim.close());

	test('all pages, sorted, no duplicates; composites only with AlarmTypes', async () => {
		const both = await allAlarms(cw, {AlarmTypes: ['MetricAlarm', 'CompositeAlarm'], MaxRecords: 100});
		expect(both.metric).toHaveLength(1007);
		expect(new Set(both.metric).size).toBe(1007);
		expect(both.metric).toEqual([...both.metric].sort());
		expect(both.composite).toEqual(['iot-fleet-degraded']);
		expect(both.pages).toBe(11);

		const metricOnly = await allAlarms(cw, {});
		expect(metricOnly.metric).toHaveLength(1007);
		expect(metricOnly.composite).toEqual([]);
		expect(metricOnly.pages).toBe(21); // default page of 50

		const compositeOnly = await allAlarms(cw, {AlarmTypes: ['CompositeAlarm']});
		expect(compositeOnly).toEqual({metric: [], composite: ['iot-fleet-degraded'], pages: 1});
	});

	test('prefix, names and state filters', async () => {
		const iot = await allAlarms(cw, {AlarmNamePrefix: 'iot-', AlarmTypes: ['MetricAlarm', 'CompositeAlarm']});
		expect(iot.metric).toEqual([
			'iot-auth-error-rate',
			'iot-connect-auth-errors',
			'iot-http-connect-server-errors',
			'iot-low-connect-rate',
			'iot-publish-throttles',
			'iot-rule-action-failures',
			'iot-rule-deliveries-anomaly',
		]);
		expect(iot.composite).toEqual(['iot-fleet-degraded']);
		const named = await cw.send(new DescribeAlarmsCommand({AlarmNames: ['load-0005', 'iot-low-connect-rate', 'nope']}));
		expect(named.MetricAlarms?.map((a) => a.AlarmName)).toEqual(['iot-low-connect-rate', 'load-0005']);
		const insufficient = await allAlarms(cw, {StateValue: 'INSUFFICIENT_DATA', AlarmNamePrefix: 'iot-'});
		expect(insufficient.metric).toEqual(['iot-http-connect-server-errors']);
	});

	test('limits and bad input', async () => {
		expect((await failure(cw.send(new DescribeAlarmsCommand({MaxRecords: 101})))).name).toBe('ValidationException');
		expect((await failure(cw.send(new DescribeAlarmsCommand({MaxRecords: 0})))).name).toBe('ValidationException');
		expect((await failure(cw.send(new DescribeAlarmsCommand({NextToken: '%%%'})))).name).toBe('InvalidNextToken');
		expect((await failure(cw.send(new DescribeAlarmsCommand({AlarmNames: ['a'], AlarmNamePrefix: 'a'})))).name).toBe(
			'InvalidParameterCombinationException',
		);
	});

	test('DescribeAlarmHistory pages through every creation item, newest first by default', async () => {
		const seen: Array<{name: string; t: number}> = [];
		let token: string | undefined;
		do {
			const page = await cw.send(
				new DescribeAlarmHistoryCommand({HistoryItemType: 'ConfigurationUpdate', MaxRecords: 100, NextToken: token}),
			);
			for (const item of page.AlarmHistoryItems ?? []) seen.push({name: item.AlarmName!, t: item.Timestamp!.getTime()});
			token = page.NextToken;
		} while (token);
		expect(seen).toHaveLength(1007); // composites only with AlarmTypes
		expect(new Set(seen.map((s) => s.name)).size).toBe(1007);
		const times = seen.map((s) => s.t);
		expect(times).toEqual([...times].sort((a, b) => b - a));
		const ascending = await cw.send(new DescribeAlarmHistoryCommand({AlarmName: 'load-0001', ScanBy: 'TimestampAscending'}));
		expect(ascending.AlarmHistoryItems?.[0].HistorySummary).toBe('Alarm "load-0001" created');
		expect((await failure(cw.send(new DescribeAlarmHistoryCommand({MaxRecords: 101})))).name).toBe('ValidationException');
	});

	test('DeleteAlarms removes alarms', async () => {
		await cw.send(new DeleteAlarmsCommand({AlarmNames: ['load-0000', 'load-0001']}));
		const left = await allAlarms(cw, {AlarmNamePrefix: 'load-000', MaxRecords: 100});
		expect(left.metric).toHaveLength(8);
		expect((await failure(cw.send(new DeleteAlarmsCommand({AlarmNames: ['load-0000']})))).name).toBe('ResourceNotFound');
	});
});

describe('alarm evaluation under a manual clock', () => {
	let sim: CwSim;
	let cw: CloudWatchClient;
	beforeAll(async () => {
		sim = await startCwSim(); // default incident script: auth errors from 02:01 to 02:07
		cw = sim.client();
	});
	afterAll(() => sim.close());

	const state = async (name: string) => {
		const out = await cw.send(new DescribeAlarmsCommand({AlarmNames: [name], AlarmTypes: ['MetricAlarm', 'CompositeAlarm']}));
		return out.MetricAlarms?.[0] ?? out.CompositeAlarms?.[0];
	};

	test('initial states come from the hour of history', async () => {
		expect((await state('iot-connect-auth-errors'))?.StateValue).toBe('OK');
		expect((await state('iot-low-connect-rate'))?.StateValue).toBe('OK');
		expect((await state('iot-publish-throttles'))?.StateValue).toBe('OK');
		expect((await state('iot-fleet-degraded'))?.StateValue).toBe('OK');
		const never = await state('iot-http-connect-server-errors');
		expect(never?.StateValue).toBe('INSUFFICIENT_DATA');
		expect(never?.StateReason).toBe('Insufficient Data: 1 datapoint was unknown.');
		// The old scripted rule failure (01:15-01:22) fired and recovered within the history.
		const history = await cw.send(
			new DescribeAlarmHistoryCommand({
				AlarmName: 'iot-rule-action-failures',
				HistoryItemType: 'StateUpdate',
				ScanBy: 'TimestampAscending',
			}),
		);
		const summaries = history.AlarmHistoryItems?.map((h) => h.HistorySummary);
		expect(summaries).toEqual([
			'Alarm updated from INSUFFICIENT_DATA to OK',
			'Alarm updated from OK to ALARM',
			'Alarm updated from ALARM to OK',
		]);
		expect(history.AlarmHistoryItems![2].Timestamp!.getTime()).toBeLessThan(START);
	});

	test('the auth-error burst puts the alarm in ALARM within two minutes, with its history item, then it recovers', async () => {
		sim.clock.set(at(2, 1, 59).getTime());
		expect((await state('iot-connect-auth-errors'))?.StateValue).toBe('OK');

		sim.clock.set(at(2, 2, 0).getTime());
		const alarm = await state('iot-connect-auth-errors');
		expect(alarm?.StateValue).toBe('ALARM');
		expect(alarm?.StateTransitionedTimestamp).toEqual(at(2, 2));
		expect(alarm?.StateUpdatedTimestamp).toEqual(at(2, 2));
		expect(alarm?.StateReason).toMatch(
			/^Threshold Crossed: 1 out of the last 2 datapoints \[\d+\.0 \(24\/11\/26 02:01:00\)\] was greater than the threshold \(10\.0\) \(minimum 1 datapoint for OK -> ALARM transition\)\.$/,
		);
		const reasonData = JSON.parse(alarm!.StateReasonData!);
		expect(reasonData).toMatchObject({version: '1.0', statistic: 'Sum', period: 60, threshold: 10});
		expect(reasonData.evaluatedDatapoints[0].timestamp).toBe('2026-11-24T02:01:00.000+0000');
		expect((await state('iot-fleet-degraded'))?.StateValue).toBe('ALARM');

		const history = await cw.send(new DescribeAlarmHistoryCommand({AlarmName: 'iot-connect-auth-errors', HistoryItemType: 'StateUpdate'}));
		const latest = history.AlarmHistoryItems![0];
		expect(latest.HistorySummary).toBe('Alarm updated from OK to ALARM');
		expect(latest.Timestamp).toEqual(at(2, 2));
		expect(latest.AlarmType).toBe('MetricAlarm');
		const data = JSON.parse(latest.HistoryData!);
		expect(data.oldState.stateValue).toBe('OK');
		expect(data.newState.stateValue).toBe('ALARM');
		expect(data.newState.stateReason).toBe(alarm?.StateReason);

		const composite = await cw.send(
			new DescribeAlarmHistoryCommand({AlarmName: 'iot-fleet-degraded', AlarmTypes: ['CompositeAlarm'], HistoryItemType: 'StateUpdate'}),
		);
		expect(composite.AlarmHistoryItems?.[0].HistorySummary).toBe('Alarm updated from OK to ALARM');

		// Still in ALARM a minute later: the transition time stays, the update time moves.
		sim.clock.set(at(2, 3, 10).getTime());
		const later = await state('iot-connect-auth-errors');
		expect(later?.StateTransitionedTimestamp).toEqual(at(2, 2));
		expect(later?.StateUpdatedTimestamp).toEqual(at(2, 3));

		// The burst ends at 02:07; with 1 of 2 periods, OK again at 02:09.
		sim.clock.set(at(2, 10, 0).getTime());
		const recovered = await state('iot-connect-auth-errors');
		expect(recovered?.StateValue).toBe('OK');
		expect(recovered?.StateTransitionedTimestamp).toEqual(at(2, 9));
		expect((await state('iot-fleet-degraded'))?.StateValue).toBe('OK');
		const after = await cw.send(
			new DescribeAlarmHistoryCommand({AlarmName: 'iot-connect-auth-errors', HistoryItemType: 'StateUpdate', StartDate: at(2, 0)}),
		);
		expect(after.AlarmHistoryItems?.map((h) => h.HistorySummary)).toEqual([
			'Alarm updated from ALARM to OK',
			'Alarm updated from OK to ALARM',
		]);
	});

	test('the throttling episode (02:12-02:17) fires the throttle alarm, 2 of 3', async () => {
		sim.clock.set(at(2, 13, 30).getTime());
		expect((await state('iot-publish-throttles'))?.StateValue).toBe('OK');
		sim.clock.set(at(2, 14, 0).getTime());
		const alarm = await state('iot-publish-throttles');
		expect(alarm?.StateValue).toBe('ALARM');
		expect(alarm?.StateReason).toMatch(
			/^Threshold Crossed: 2 out of the last 3 datapoints \[.*\] were greater than the threshold \(5\.0\) \(minimum 2 datapoints for OK -> ALARM transition\)\.$/,
		);
		expect((await state('iot-fleet-degraded'))?.StateValue).toBe('ALARM');
	});

	test('an alarm and data put over the wire: M of N, then missing data', async () => {
		sim.clock.set(at(3, 0, 30).getTime());
		await cw.send(
			new PutMetricAlarmCommand({
				AlarmName: 'app-errors',
				Namespace: 'App',
				MetricName: 'Errors',
				Dimensions: [{Name: 'Service', Value: 'api'}],
				Statistic: 'Sum',
				Period: 60,
				EvaluationPeriods: 3,
				DatapointsToAlarm: 2,
				Threshold: 5,
				ComparisonOperator: 'GreaterThanThreshold',
				TreatMissingData: 'missing',
			}),
		);
		expect((await state('app-errors'))?.StateReason).toBe('Unchecked: Initial alarm creation');
		const put = (value: number) =>
			cw.send(
				new PutMetricDataCommand({
					Namespace: 'App',
					MetricData: [{MetricName: 'Errors', Dimensions: [{Name: 'Service', Value: 'api'}], Value: value}],
				}),
			);
		await put(4);
		await put(5); // same minute: Sum 9
		sim.clock.set(at(3, 1, 30).getTime());
		await put(8);
		sim.clock.set(at(3, 2, 0).getTime());
		const alarm = await state('app-errors');
		expect(alarm?.StateValue).toBe('ALARM');
		expect(alarm?.StateReason).toBe(
			'Threshold Crossed: 2 out of the last 3 datapoints [8.0 (24/11/26 03:01:00), 9.0 (24/11/26 03:00:00)] were greater than the threshold (5.0) (minimum 2 datapoints for OK -> ALARM transition).',
		);
		sim.clock.set(at(3, 5, 0).getTime());
		const missing = await state('app-errors');
		expect(missing?.StateValue).toBe('INSUFFICIENT_DATA');
		expect(missing?.StateReason).toBe('Insufficient Data: 3 datapoints were unknown.');
		const history = await cw.send(new DescribeAlarmHistoryCommand({AlarmName: 'app-errors', ScanBy: 'TimestampAscending'}));
		expect(history.AlarmHistoryItems?.map((h) => [h.HistoryItemType, h.HistorySummary, h.Timestamp?.toISOString()])).toEqual([
			['ConfigurationUpdate', 'Alarm "app-errors" created', '2026-11-24T03:00:30.000Z'],
			['StateUpdate', 'Alarm updated from INSUFFICIENT_DATA to OK', '2026-11-24T03:01:00.000Z'],
			['StateUpdate', 'Alarm updated from OK to ALARM', '2026-11-24T03:02:00.000Z'],
			['StateUpdate', 'Alarm updated from ALARM to OK', '2026-11-24T03:04:00.000Z'],
			['StateUpdate', 'Alarm updated from OK to INSUFFICIENT_DATA', '2026-11-24T03:05:00.000Z'],
		]);
	});

	test('composite alarms over the wire: rule grammar and validation', async () => {
		await cw.send(
			new PutCompositeAlarmCommand({
				AlarmName: 'any-trouble',
				AlarmRule: '(ALARM("app-errors") OR ALARM(iot-connect-auth-errors)) AND NOT OK("iot-low-connect-rate") OR FALSE',
			}),
		);
		await cw.send(new PutCompositeAlarmCommand({AlarmName: 'no-data', AlarmRule: 'INSUFFICIENT_DATA("app-errors") AND TRUE'}));
		sim.clock.set(at(3, 6, 0).getTime());
		expect((await state('any-trouble'))?.StateValue).toBe('OK');
		expect((await state('no-data'))?.StateValue).toBe('ALARM');
		const missing = await failure(cw.send(new PutCompositeAlarmCommand({AlarmName: 'broken', AlarmRule: 'ALARM("does-not-exist")'})));
		expect(missing.name).toBe('ValidationException');
		const syntax = await failure(cw.send(new PutCompositeAlarmCommand({AlarmName: 'broken', AlarmRule: 'ALARM("app-errors" OR'})));
		expect(syntax.name).toBe('InvalidParameterValueException');
		const bad = await failure(
			cw.send(
				new PutMetricAlarmCommand({
					AlarmName: 'x',
					EvaluationPeriods: 1,
					ComparisonOperator: 'GreaterThanThreshold',
					Threshold: 1,
					Namespace: 'A',
					MetricName: 'B',
					Period: 45,
					Statistic: 'Sum',
				}),
			),
		);
		expect(bad.name).toBe('InvalidParameterValueException');
	});
});

describe('GetMetricData and ListMetrics', () => {
	let sim: CwSim;
	let cw: CloudWatchClient;
	beforeAll(async () => {
		sim = await startCwSim({incidents: []});
		cw = sim.client();
	});
	afterAll(() => sim.close());

	const window = {StartTime: new Date(START - 30 * MIN), EndTime: new Date(START + 5 * MIN)};

	test('SUM(SEARCH(...)), SUM([a,b]) and SUM(METRICS()) sum the protocols; only complete minutes; descending by default', async () => {
		const out = await cw.send(
			new GetMetricDataCommand({
				...window,
				MetricDataQueries: [
					iotQuery('mqtt', 'Connect.Success', {Protocol: 'MQTT'}),
					iotQuery('http', 'Connect.Success', {Protocol: 'HTTP'}),
					{Id: 'search', Expression: `SUM(SEARCH('{AWS/IoT,Protocol} MetricName="Connect.Success"', 'Sum', 60))`, Label: 'Connects'},
					{Id: 'list', Expression: 'SUM([mqtt, http])'},
					{Id: 'all', Expression: 'SUM(METRICS())'},
					{Id: 'double', Expression: 'mqtt * 2'},
				],
			}),
		);
		const byId = Object.fromEntries(out.MetricDataResults!.map((r) => [r.Id, r]));
		expect(byId.search.Label).toBe('Connects');
		const mqtt = points(byId.mqtt);
		const http = points(byId.http);
		const sum = points(byId.search);
		expect(Object.keys(sum)).toHaveLength(30);
		for (const t of Object.keys(sum)) expect(sum[Number(t)]).toBe((mqtt[Number(t)] ?? 0) + (http[Number(t)] ?? 0));
		expect(points(byId.list)).toEqual(sum);
		expect(points(byId.all)).toEqual(sum);
		for (const t of Object.keys(mqtt)) expect(points(byId.double)[Number(t)]).toBe(mqtt[Number(t)] * 2);
		// 02:00:30 now: the newest datapoint is the minute 01:59, first (descending).
		expect(byId.search.Timestamps![0]).toEqual(at(1, 59));
		expect(byId.search.Timestamps![29]).toEqual(at(1, 30));
		expect(byId.search.StatusCode).toBe('Complete');

		const ascending = await cw.send(
			new GetMetricDataCommand({
				...window,
				ScanBy: 'TimestampAscending',
				MetricDataQueries: [iotQuery('m', 'Connect.Success', {Protocol: 'MQTT'})],
			}),
		);
		expect(ascending.MetricDataResults![0].Timestamps![0]).toEqual(at(1, 30));
	});

	test('history starts historyMinutes before the start; no data is distinct from zeros', async () => {
		const out = await cw.send(
			new GetMetricDataCommand({
				StartTime: new Date(START - 3 * 3_600_000),
				EndTime: new Date(START),
				MetricDataQueries: [
					{Id: 'rules', MetricStat: {Metric: {Namespace: 'AWS/IoT', MetricName: 'RulesExecuted'}, Period: 300, Stat: 'Sum'}},
					iotQuery('never', 'Connect.ServerError', {Protocol: 'HTTP'}),
					{Id: 'custom', MetricStat: {Metric: {Namespace: 'Fresh', MetricName: 'NothingYet'}, Period: 60, Stat: 'Average'}},
				],
			}),
		);
		const [rules, never, custom] = out.MetricDataResults!;
		expect(rules.Timestamps!.at(-1)).toEqual(at(1, 0)); // 5-minute buckets from 01:00
		expect(rules.Timestamps).toHaveLength(12);
		expect(never.Values).toEqual([]);
		expect(custom.Values).toEqual([]);
		expect(custom.StatusCode).toBe('Complete');
	});

	test('limits: 500 queries, ids, periods', async () => {
		const many = (n: number) =>
			Array.from({length: n}, (_, i) => iotQuery(`q${i}`, 'PublishIn.Success', {Protocol: i % 2 ? 'MQTT' : 'HTTP'}));
		const ok = await cw.send(new GetMetricDataCommand({...window, MetricDataQueries: many(500)}));
		expect(ok.MetricDataResults).toHaveLength(500);
		const tooMany = await failure(cw.send(new GetMetricDataCommand({...window, MetricDataQueries: many(501)})));
		expect(tooMany.name).toBe('ValidationException');
		expect(tooMany.message).toContain('500');
		const badId = await failure(
			cw.send(new GetMetricDataCommand({...window, MetricDataQueries: [iotQuery('Upper', 'PublishIn.Success', {Protocol: 'MQTT'})]})),
		);
		expect(badId.name).toBe('ValidationException');
		const duplicate = await failure(
			cw.send(
				new GetMetricDataCommand({
					...window,
					MetricDataQueries: [
						iotQuery('a', 'PublishIn.Success', {Protocol: 'MQTT'}),
						iotQuery('a', 'PublishIn.Success', {Protocol: 'HTTP'}),
					],
				}),
			),
		);
		expect(duplicate.name).toBe('ValidationException');
		const badExpression = await failure(
			cw.send(new GetMetricDataCommand({...window, MetricDataQueries: [{Id: 'e', Expression: 'SUM([nope])'}]})),
		);
		expect(badExpression.name).toBe('ValidationException');
		const backwards = await failure(
			cw.send(new GetMetricDataCommand({StartTime: window.EndTime, EndTime: window.StartTime, MetricDataQueries: many(1)})),
		);
		expect(backwards.name).toBe('ValidationException');
	});

	test('NextToken paging gives exactly the datapoints of an unpaged call', async () => {
		const input: GetMetricDataCommandInput = {
			...window,
			MetricDataQueries: [
				iotQuery('a', 'PublishIn.Success', {Protocol: 'MQTT'}),
				iotQuery('b', 'PublishOut.Success', {Protocol: 'MQTT'}),
				{Id: 'c', Expression: `SUM(SEARCH('{AWS/IoT,Protocol} MetricName="Ping.Success"', 'Sum', 60))`},
			],
		};
		const whole = await cw.send(new GetMetricDataCommand(input));
		expect(whole.NextToken).toBeUndefined();
		sim.limits.maxDatapointsPerCall = 25;
		try {
			const merged: Record<string, Record<number, number>> = {a: {}, b: {}, c: {}};
			let token: string | undefined;
			let pages = 0;
			let sawPartial = false;
			do {
				const page = await cw.send(new GetMetricDataCommand({...input, NextToken: token}));
				pages++;
				let count = 0;
				for (const r of page.MetricDataResults!) {
					Object.assign(merged[r.Id!], points(r));
					count += r.Values!.length;
					if (r.StatusCode === 'PartialData') sawPartial = true;
				}
				expect(count).toBeLessThanOrEqual(25);
				token = page.NextToken;
			} while (token);
			expect(pages).toBe(4); // 90 datapoints in pages of 25
			expect(sawPartial).toBe(true);
			for (const r of whole.MetricDataResults!) expect(merged[r.Id!]).toEqual(points(r));
			// MaxDatapoints lowers the page size too.
			sim.limits.maxDatapointsPerCall = 100_800;
			const small = await cw.send(new GetMetricDataCommand({...input, MaxDatapoints: 40}));
			expect(small.NextToken).toBeDefined();
		} finally {
			sim.limits.maxDatapointsPerCall = 100_800;
		}
	});

	test('ListMetrics: the AWS/IoT catalogue with its real dimensions, filters and paging', async () => {
		const connect = await cw.send(new ListMetricsCommand({Namespace: 'AWS/IoT', MetricName: 'Connect.Success'}));
		expect(connect.Metrics?.map((m) => m.Dimensions)).toEqual([[{Name: 'Protocol', Value: 'HTTP'}], [{Name: 'Protocol', Value: 'MQTT'}]]);
		const rulesExecuted = await cw.send(new ListMetricsCommand({Namespace: 'AWS/IoT', MetricName: 'RulesExecuted'}));
		expect(rulesExecuted.Metrics?.[0].Dimensions).toEqual([]);
		const failures = await cw.send(
			new ListMetricsCommand({
				Namespace: 'AWS/IoT',
				MetricName: 'Failure',
				Dimensions: [{Name: 'RuleName', Value: sim.metrics.rules[0].ruleName}],
			}),
		);
		expect(failures.Metrics?.[0].Dimensions?.map((d) => d.Name)).toEqual(['ActionType', 'RuleName']);

		await cw.send(new PutMetricDataCommand({Namespace: 'Fleet', MetricData: [{MetricName: 'HighTemp', Value: 1, Unit: 'Count'}]}));
		const all: string[] = [];
		let token: string | undefined;
		let unpaged = 0;
		sim.limits.listMetricsPageSize = 500;
		unpaged = (await cw.send(new ListMetricsCommand({}))).Metrics!.length;
		sim.limits.listMetricsPageSize = 7;
		try {
			do {
				const page = await cw.send(new ListMetricsCommand({NextToken: token}));
				expect(page.Metrics!.length).toBeLessThanOrEqual(7);
				all.push(...page.Metrics!.map((m) => `${m.Namespace}/${m.MetricName}/${JSON.stringify(m.Dimensions)}`));
				token = page.NextToken;
			} while (token);
		} finally {
			sim.limits.listMetricsPageSize = 500;
		}
		expect(all).toHaveLength(unpaged);
		expect(new Set(all).size).toBe(unpaged);
		expect(all).toContain('Fleet/HighTemp/[]');
	});

	test('PutMetricData: statistics computed at query time; AWS/ namespaces refused', async () => {
		const t = new Date(START - 10 * MIN + 5000);
		await cw.send(
			new PutMetricDataCommand({
				Namespace: 'Custom',
				MetricData: [
					{MetricName: 'Latency', Timestamp: t, Value: 10, Unit: 'Milliseconds'},
					{MetricName: 'Latency', Timestamp: t, Values: [20, 30], Counts: [1, 2]},
					{MetricName: 'Latency', Timestamp: t, StatisticValues: {SampleCount: 2, Sum: 100, Minimum: 40, Maximum: 60}},
				],
			}),
		);
		const stats = ['Sum', 'Average', 'Minimum', 'Maximum', 'SampleCount'];
		const out = await cw.send(
			new GetMetricDataCommand({
				...window,
				MetricDataQueries: stats.map((Stat) => ({
					Id: Stat.toLowerCase(),
					MetricStat: {Metric: {Namespace: 'Custom', MetricName: 'Latency'}, Period: 60, Stat},
				})),
			}),
		);
		expect(out.MetricDataResults!.map((r) => r.Values)).toEqual([[190], [190 / 6], [10], [60], [6]]);
		expect(out.MetricDataResults![0].Timestamps).toEqual([new Date(START - 10 * MIN - 30_000)]);
		const refused = await failure(
			cw.send(new PutMetricDataCommand({Namespace: 'AWS/IoT', MetricData: [{MetricName: 'Connect.Success', Value: 1}]})),
		);
		expect(refused.name).toBe('InvalidParameterValueException');
	});
});

describe('metricMath: the simulator stands in for endpoints that evaluate less metric math', () => {
	const window = {StartTime: new Date(START - 30 * MIN), EndTime: new Date(START + 5 * MIN)};
	const queries: MetricDataQuery[] = [
		iotQuery('mqtt', 'Connect.Success', {Protocol: 'MQTT'}, false),
		iotQuery('http', 'Connect.Success', {Protocol: 'HTTP'}),
		{Id: 'search', Expression: `SUM(SEARCH('{AWS/IoT,Protocol} MetricName="Connect.Success"', 'Sum', 60))`},
		{Id: 'sum', Expression: 'SUM([mqtt, http])'},
		{Id: 'plus', Expression: 'mqtt + http'},
		{Id: 'bare', Expression: 'mqtt'},
	];

	async function answers(metricMath: 'full' | 'no-search' | 'ids-only') {
		const sim = await startCwSim({incidents: [], metricMath});
		try {
			const out = await sim.client().send(new GetMetricDataCommand({...window, MetricDataQueries: queries}));
			return Object.fromEntries(
				out.MetricDataResults!.map((result) => [result.Id, {count: result.Values!.length, status: result.StatusCode}]),
			);
		} finally {
			await sim.close();
		}
	}

	test("'ids-only' (moto): only a bare MetricStat id is evaluated; SEARCH, SUM and a+b answer empty and Complete", async () => {
		const full = await answers('full');
		expect(full.search.count).toBe(30);
		expect(full.sum.count).toBe(30);
		const moto = await answers('ids-only');
		expect(Object.keys(moto)).toEqual(['http', 'search', 'sum', 'plus', 'bare']);
		expect(moto.bare).toEqual({count: full.bare.count, status: 'Complete'});
		expect(moto.http).toEqual(full.http);
		for (const id of ['search', 'sum', 'plus']) expect(moto[id]).toEqual({count: 0, status: 'Complete'});
		const noSearch = await answers('no-search');
		expect(noSearch.search).toEqual({count: 0, status: 'Complete'});
		expect(noSearch.sum).toEqual(full.sum);
	});

	test("'none' (LocalStack): a call with any expression fails with HTTP 500; MetricStat alone works", async () => {
		const sim = await startCwSim({incidents: [], metricMath: 'none'});
		try {
			const refused = await failure(sim.client().send(new GetMetricDataCommand({...window, MetricDataQueries: queries})));
			expect(refused.name).toBe('InternalFailure');
			expect(refused.$metadata?.httpStatusCode).toBe(500);
			const plain = await sim
				.client()
				.send(new GetMetricDataCommand({...window, MetricDataQueries: [iotQuery('mqtt', 'Connect.Success', {Protocol: 'MQTT'})]}));
			expect(plain.MetricDataResults![0].Values!.length).toBeGreaterThan(0);
		} finally {
			await sim.close();
		}
	});

	test('ListMetrics RecentlyActive=PT3H is the only value accepted', async () => {
		const sim = await startCwSim({incidents: []});
		try {
			const bad = await failure(sim.client().send(new ListMetricsCommand({RecentlyActive: 'PT1H' as never})));
			expect(bad.name).toBe('ValidationException');
		} finally {
			await sim.close();
		}
	});
});

/** Every metric ListMetrics lists (all pages), as "Namespace MetricName Dim=Value,...". */
async function listed(cw: CloudWatchClient, input: ListMetricsCommandInput = {}): Promise<string[]> {
	const out: string[] = [];
	let token: string | undefined;
	do {
		const page = await cw.send(new ListMetricsCommand({...input, NextToken: token}));
		for (const m of page.Metrics ?? [])
			out.push(`${m.Namespace} ${m.MetricName} ${(m.Dimensions ?? []).map((d) => `${d.Name}=${d.Value}`).join(',')}`.trim());
		token = page.NextToken;
	} while (token);
	return out;
}

const DAY = 24 * 3_600_000;

describe('ListMetrics lists a metric only if it has a datapoint in the last two weeks (three hours with RecentlyActive=PT3H)', () => {
	test("an empty account lists nothing; a recorded AWS/IoT count and a put custom metric appear, then age out by their datapoints' time", async () => {
		const clock = createManualClock(START);
		const sim = await startSimulator({empty: true, clock});
		const clients = clientsFor(sim.url, {maxAttempts: 1});
		try {
			const cw = clients.cloudwatch;
			expect(await listed(cw)).toEqual([]);
			sim.scenario.record('Connect.Success', {Protocol: 'MQTT'}, START - 10 * MIN, 4);
			// Put now, timestamped 13 days ago: it ages out with its timestamp, not with the put.
			await cw.send(
				new PutMetricDataCommand({
					Namespace: 'Fleet',
					MetricData: [{MetricName: 'Temperature', Timestamp: new Date(START - 13 * DAY), Value: 21}],
				}),
			);
			expect(await listed(cw)).toEqual(['AWS/IoT Connect.Success Protocol=MQTT', 'Fleet Temperature']);
			expect(await listed(cw, {RecentlyActive: 'PT3H'})).toEqual(['AWS/IoT Connect.Success Protocol=MQTT']);
			// The data is still there for GetMetricData: only the listing leaves the metric out.
			clock.advance(DAY + MIN);
			expect(await listed(cw)).toEqual(['AWS/IoT Connect.Success Protocol=MQTT']);
			expect(await listed(cw, {RecentlyActive: 'PT3H'})).toEqual([]);
			clock.set(START - 10 * MIN + 14 * DAY + MIN);
			expect(await listed(cw)).toEqual([]);
		} finally {
			clients.destroy();
			await sim.close();
		}
	});

	test('a fleet lists the series it counted something in: never throttled, never listed; throttled hours ago, listed only without PT3H, and not after two weeks', async () => {
		// One throttling episode, five hours before the start, inside the history.
		const episode = {kind: 'throttling' as const, from: START - 5 * 3_600_000, to: START - 5 * 3_600_000 + 10 * MIN, intensity: 25};
		const quiet = await startCwSim({incidents: []});
		const throttled = await startCwSim({incidents: [episode], historyMinutes: 6 * 60, defaultAlarms: false});
		try {
			const throttles = {Namespace: 'AWS/IoT', MetricName: 'Connect.Throttle'};
			expect(await listed(quiet.client(), throttles)).toEqual([]);
			expect(await listed(quiet.client(), {...throttles, RecentlyActive: 'PT3H'})).toEqual([]);
			expect(await listed(quiet.client(), {Namespace: 'AWS/IoT', MetricName: 'PublishIn.Success'})).toEqual([
				'AWS/IoT PublishIn.Success Protocol=HTTP',
				'AWS/IoT PublishIn.Success Protocol=MQTT',
			]);
			// The simulated fleet's HTTP share never rounds up to a server error: not listed, as on AWS.
			expect(await listed(quiet.client(), {Namespace: 'AWS/IoT', MetricName: 'Connect.ServerError'})).toEqual([
				'AWS/IoT Connect.ServerError Protocol=MQTT',
			]);

			const cw = throttled.client();
			expect(await listed(cw, throttles)).toEqual(['AWS/IoT Connect.Throttle Protocol=HTTP', 'AWS/IoT Connect.Throttle Protocol=MQTT']);
			expect(await listed(cw, {...throttles, RecentlyActive: 'PT3H'})).toEqual([]);
			throttled.clock.advance(14 * DAY - 5 * 3_600_000 + 5 * MIN);
			expect(await listed(cw, throttles)).toEqual(['AWS/IoT Connect.Throttle Protocol=HTTP', 'AWS/IoT Connect.Throttle Protocol=MQTT']);
			throttled.clock.advance(10 * MIN);
			expect(await listed(cw, throttles)).toEqual([]);
			expect(await listed(cw, {Namespace: 'AWS/IoT', MetricName: 'PublishIn.Success', RecentlyActive: 'PT3H'})).toHaveLength(2);
		} finally {
			await quiet.close();
			await throttled.close();
		}
	});
});

describe('GetMetricData: the first period starts at StartTime (rounded down as AWS documents), never before it', () => {
	const customQuery = (id: string, Period: number): MetricDataQuery => ({
		Id: id,
		MetricStat: {Metric: {Namespace: 'Custom', MetricName: 'Events'}, Period, Stat: 'Sum'},
	});
	const mqttPublishes = iotQuery('m', 'PublishIn.Success', {Protocol: 'MQTT'}).MetricStat!;

	test('a 5-minute period from 01:32:34 starts at 01:32:00: data at 01:31 is left out, data at 01:32:10 is in', async () => {
		const sim = await startCwSim({incidents: []});
		try {
			const cw = sim.client();
			await cw.send(
				new PutMetricDataCommand({
					Namespace: 'Custom',
					MetricData: [
						{MetricName: 'Events', Timestamp: at(1, 31, 0), Value: 100},
						{MetricName: 'Events', Timestamp: at(1, 32, 10), Value: 1},
						{MetricName: 'Events', Timestamp: at(1, 36, 59), Value: 2},
						{MetricName: 'Events', Timestamp: at(1, 37, 0), Value: 4},
					],
				}),
			);
			const window = {StartTime: at(1, 32, 34), EndTime: at(1, 45), ScanBy: 'TimestampAscending' as const};
			const out = await cw.send(
				new GetMetricDataCommand({
					...window,
					MetricDataQueries: [
						customQuery('custom', 300),
						iotQuery('minutes', 'PublishIn.Success', {Protocol: 'MQTT'}),
						{...iotQuery('fives', 'PublishIn.Success', {Protocol: 'MQTT'}), MetricStat: {...mqttPublishes, Period: 300}},
					],
				}),
			);
			const [custom, minutes, fives] = out.MetricDataResults!;
			expect(custom.Timestamps).toEqual([at(1, 32), at(1, 37)]);
			expect(custom.Values).toEqual([3, 4]);
			// The fleet's AWS/IoT counts: each 5-minute period is the sum of its own five minutes.
			const perMinute = points(minutes);
			expect(fives.Timestamps).toEqual([at(1, 32), at(1, 37), at(1, 42)]);
			const sumOf = (from: Date) => [0, 1, 2, 3, 4].reduce((sum, i) => sum + (perMinute[from.getTime() + i * MIN] ?? 0), 0);
			expect(fives.Values).toEqual([sumOf(at(1, 32)), sumOf(at(1, 37)), sumOf(at(1, 42))]);
			// GetMetricStatistics follows the same rule.
			const stats = await cw.send(
				new GetMetricStatisticsCommand({
					Namespace: 'Custom',
					MetricName: 'Events',
					StartTime: window.StartTime,
					EndTime: window.EndTime,
					Period: 300,
					Statistics: ['Sum'],
				}),
			);
			const byTime = (stats.Datapoints ?? []).map((d) => [d.Timestamp!.getTime(), d.Sum] as const).sort(([a], [b]) => a - b);
			expect(byTime).toEqual([
				[at(1, 32).getTime(), 3],
				[at(1, 37).getTime(), 4],
			]);
		} finally {
			await sim.close();
		}
	});

	test('older StartTimes round down further: to 5 minutes from 15 days back, to the hour beyond 63 days; with a 10 s period to 10 seconds', async () => {
		const sim = await startCwSim({incidents: []});
		try {
			const cw = sim.client();
			const point = at(1, 50, 5).getTime();
			const highResolution = {MetricName: 'Events', StorageResolution: 1};
			await cw.send(
				new PutMetricDataCommand({
					Namespace: 'Custom',
					MetricData: [
						{...highResolution, Timestamp: new Date(point), Value: 100},
						{...highResolution, Timestamp: at(1, 50, 11), Value: 7},
					],
				}),
			);
			const firstTimestamp = async (startTime: number, period: number) => {
				const out = await cw.send(
					new GetMetricDataCommand({StartTime: new Date(startTime), EndTime: at(2, 0), MetricDataQueries: [customQuery('c', period)]}),
				);
				return out.MetricDataResults![0].Timestamps?.[0]?.getTime();
			};
			// The period (7 minutes) that holds the point, counted from where the first one starts.
			const periodOf = (origin: number) => origin + Math.floor((point - origin) / 420_000) * 420_000;
			// 20 days before 01:42:34 rounds down to 01:40, 70 days before to 01:00, 3 days before to 01:42.
			expect(await firstTimestamp(at(1, 42, 34).getTime() - 20 * DAY, 420)).toBe(periodOf(at(1, 40).getTime() - 20 * DAY));
			expect(await firstTimestamp(at(1, 42, 34).getTime() - 70 * DAY, 420)).toBe(periodOf(at(1, 0).getTime() - 70 * DAY));
			expect(await firstTimestamp(at(1, 42, 34).getTime() - 3 * DAY, 420)).toBe(periodOf(at(1, 42).getTime() - 3 * DAY));
			// StartTime 01:50:13 with a 10 s period begins at 01:50:10: the point at 01:50:11 is in, the one at 01:50:05 out.
			const tenSeconds = await cw.send(
				new GetMetricDataCommand({StartTime: at(1, 50, 13), EndTime: at(2, 0), MetricDataQueries: [customQuery('c', 10)]}),
			);
			expect(tenSeconds.MetricDataResults![0].Timestamps).toEqual([at(1, 50, 10)]);
			expect(tenSeconds.MetricDataResults![0].Values).toEqual([7]);
		} finally {
			await sim.close();
		}
	});
});

test('ChildrenOfAlarmName and ParentsOfAlarmName resolve single-quoted, double-quoted and ARN names in a composite rule', async () => {
	const sim = await startSimulator({port: 0, seed: 1});
	const {cloudwatch} = clientsFor(sim.url);
	try {
		await cloudwatch.send(
			new PutCompositeAlarmCommand({
				AlarmName: 'quoted',
				AlarmRule:
					'ALARM(\'iot-connect-auth-errors\') OR ALARM("iot-low-connect-rate") OR OK(arn:aws:cloudwatch:us-east-1:123456789012:alarm:iot-publish-throttles)',
			}),
		);
		const children = await cloudwatch.send(
			new DescribeAlarmsCommand({ChildrenOfAlarmName: 'quoted', AlarmTypes: ['MetricAlarm', 'CompositeAlarm']}),
		);
		expect((children.MetricAlarms ?? []).map((alarm) => alarm.AlarmName).sort()).toEqual([
			'iot-connect-auth-errors',
			'iot-low-connect-rate',
			'iot-publish-throttles',
		]);
		const parents = await cloudwatch.send(
			new DescribeAlarmsCommand({ParentsOfAlarmName: 'iot-connect-auth-errors', AlarmTypes: ['MetricAlarm', 'CompositeAlarm']}),
		);
		expect((parents.CompositeAlarms ?? []).map((alarm) => alarm.AlarmName)).toContain('quoted');
	} finally {
		cloudwatch.destroy();
		await sim.close();
	}
});
