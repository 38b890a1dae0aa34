import {afterAll, beforeAll, expect, test} from 'vitest';
import {CloudWatchClient, DescribeAlarmsCommand, GetMetricDataCommand} from '@aws-sdk/client-cloudwatch';
import {CloudWatchLogsClient, DescribeLogGroupsCommand} from '@aws-sdk/client-cloudwatch-logs';
import {IoTClient, ListThingsCommand} from '@aws-sdk/client-iot';
import {createManualClock} from '../../source/sim/contract.js';
import {startSimulator, type Simulator} from '../../source/sim/index.js';

const credentials = {accessKeyId: 'test', secretAccessKey: 'test'};
// 17 s into a minute.
const START = Date.UTC(2026, 4, 2, 9, 30, 17);

let sim: Simulator;
let cw: CloudWatchClient;
let logs: CloudWatchLogsClient;
let iot: IoTClient;
const clock = createManualClock(START);

beforeAll(async () => {
	sim = await startSimulator({seed: 5, things: 200, clock, logRate: 5, historyMinutes: 60, faults: ['iot:ListThings=denied']});
	const options = {region: 'us-east-1', endpoint: sim.url, credentials, maxAttempts: 1};
	cw = new CloudWatchClient(options);
	logs = new CloudWatchLogsClient(options);
	iot = new IoTClient(options);
});

afterAll(async () => {
	cw.destroy();
	logs.destroy();
	iot.destroy();
	await sim.close();
});

test('one endpoint serves all three services, with start-time faults and call counts', async () => {
	expect(sim.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
	const alarms = await cw.send(new DescribeAlarmsCommand({AlarmTypes: ['MetricAlarm', 'CompositeAlarm']}));
	expect(alarms.MetricAlarms?.length).toBe(7);
	expect(alarms.CompositeAlarms?.map((a) => a.AlarmName)).toEqual(['iot-fleet-degraded']);
	const groups = await logs.send(new DescribeLogGroupsCommand({}));
	expect(groups.logGroups?.length).toBeGreaterThan(0);
	await expect(iot.send(new ListThingsCommand({}))).rejects.toMatchObject({name: 'AccessDeniedException'});
	sim.faults.clear();
	const things = await iot.send(new ListThingsCommand({maxResults: 10}));
	expect(things.things).toHaveLength(10);
	expect(sim.calls()).toEqual({'cloudwatch:DescribeAlarms': 1, 'logs:DescribeLogGroups': 1, 'iot:ListThings': 2});
	sim.resetCalls();
	expect(sim.calls()).toEqual({});
});

test("the rule-failure alarm watches the fleet's failing rule", async () => {
	const out = await cw.send(new DescribeAlarmsCommand({AlarmNames: ['iot-rule-action-failures']}));
	const ruleName = out.MetricAlarms?.[0].Dimensions?.find((d) => d.Name === 'RuleName')?.Value;
	expect(ruleName).toBe(sim.resources.failingRuleName);
});

test('with the default script an alarm is in ALARM within two minutes of the start', async () => {
	clock.set(START + 2 * 60_000);
	const out = await cw.send(new DescribeAlarmsCommand({StateValue: 'ALARM', AlarmTypes: ['MetricAlarm', 'CompositeAlarm']}));
	expect(out.MetricAlarms?.map((a) => a.AlarmName)).toContain('iot-connect-auth-errors');
	expect(out.CompositeAlarms?.map((a) => a.AlarmName)).toEqual(['iot-fleet-degraded']);
});

test('many concurrent calls over keep-alive connections all succeed and are counted', async () => {
	sim.resetCalls();
	const query = {
		StartTime: new Date(START - 3_600_000),
		EndTime: new Date(START),
		MetricDataQueries: [{Id: 'a', Expression: `SUM(SEARCH('{AWS/IoT,Protocol} MetricName="PublishIn.Success"', 'Sum', 60))`}],
	};
	const results = await Promise.all(Array.from({length: 300}, () => cw.send(new GetMetricDataCommand(query))));
	const first = results[0].MetricDataResults?.[0].Values;
	expect(first?.length).toBeGreaterThanOrEqual(60);
	expect(results.every((r) => JSON.stringify(r.MetricDataResults?.[0].Values) === JSON.stringify(first))).toBe(true);
	expect(sim.calls()['cloudwatch:GetMetricData']).toBe(300);
});
