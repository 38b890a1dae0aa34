import {afterAll, beforeAll, beforeEach, describe, expect, test} from 'vitest';
import {CloudWatchClient, DescribeAlarmHistoryCommand, DescribeAlarmsCommand, ListMetricsCommand} from '@aws-sdk/client-cloudwatch';
import {CloudWatchLogsClient, DescribeLogGroupsCommand, FilterLogEventsCommand} from '@aws-sdk/client-cloudwatch-logs';
import {IoTClient, ListThingsCommand} from '@aws-sdk/client-iot';
import {createFaultController, formatFaultRule, parseFaultSpec, type FaultController} from '../../source/sim/faults.js';
import {LOGS_TARGET, startServer, type SimServer} from '../../source/sim/server.js';
import {waitFor} from '../helpers/waitFor.js';
import {startCwSim, type CwSim} from './cwSim.js';

const credentials = {accessKeyId: 'test', secretAccessKey: 'test'};

/** The error a client call rejects with. */
async function failure(promise: Promise<unknown>): Promise<Error & {$metadata?: {httpStatusCode?: number}; code?: string}> {
	try {
		await promise;
	} catch (error) {
		return error as Error;
	}
	throw new Error('expected the call to fail');
}

describe('parseFaultSpec', () => {
	test.each([
		['logs:FilterLogEvents=throttle:0.3', {target: 'logs:FilterLogEvents', kind: 'throttle', rate: 0.3}],
		['iot=denied', {target: 'iot', kind: 'denied', rate: 1}],
		['*=latency:200', {target: '*', kind: 'latency', rate: 1, ms: 200}],
		['down:30', {target: '*', kind: 'down', rate: 1, seconds: 30}],
		['cloudwatch:DescribeAlarmHistory=notimpl', {target: 'cloudwatch:DescribeAlarmHistory', kind: 'notimpl', rate: 1, status: 501}],
		['cloudwatch=notimpl:500', {target: 'cloudwatch', kind: 'notimpl', rate: 1, status: 500}],
		['cloudwatch=error:503', {target: 'cloudwatch', kind: 'error', rate: 1, status: 503}],
		['logs=error:500:0.25', {target: 'logs', kind: 'error', rate: 0.25, status: 500}],
		['logs=error:0.5', {target: 'logs', kind: 'error', rate: 0.5, status: 500}],
		['iot:ListThings=drop', {target: 'iot:ListThings', kind: 'drop', rate: 1}],
		['*=expired', {target: '*', kind: 'expired', rate: 1}],
	])('%s', (spec, rule) => {
		expect(parseFaultSpec(spec)).toEqual(rule);
		expect(parseFaultSpec(formatFaultRule(parseFaultSpec(spec)))).toEqual(rule);
	});

	test.each([
		['logs=throttle:1.5', "rate '1.5'"],
		['logs=throttle:lots', "rate 'lots'"],
		['s3=denied', "unknown service 's3'"],
		['logs=explode', "unknown fault kind 'explode'"],
		['logs:filterLogEvents=denied', "operation 'filterLogEvents'"],
		['down:soon', "seconds 'soon'"],
		['down:0', "seconds '0'"],
		['*=latency', "latency ''"],
		['iot=error:404', "status '404'"],
		['iot=notimpl:503', "status '503'"],
		['throttle', "'TARGET=KIND'"],
	])('%s is refused naming the bad value', (spec, named) => {
		let message = '';
		try {
			parseFaultSpec(spec);
		} catch (error) {
			message = (error as Error).message;
		}
		expect(message).toContain(named);
		expect(message).toContain(`'${spec}'`);
		expect(message).toContain('allowed forms');
		// One sentence.
		expect(message.split('. ').length).toBe(1);
	});

	test('createFaultController refuses a bad spec at start', () => {
		expect(() => createFaultController({rules: ['iot=nope']})).toThrow(/unknown fault kind 'nope'/);
	});
});

describe('FaultController', () => {
	test('random faults are deterministic for a seed', () => {
		const draw = (seed: number) => {
			const faults = createFaultController({seed, rules: ['logs=throttle:0.5']});
			return Array.from({length: 40}, () => faults.decide('logs', 'FilterLogEvents').action).join(',');
		};
		expect(draw(7)).toBe(draw(7));
		expect(draw(7)).not.toBe(draw(8));
		const actions = draw(7).split(',');
		expect(actions).toContain('error');
		expect(actions).toContain('none');
	});

	test('the most specific rule wins; list and clear', () => {
		const faults = createFaultController({rules: ['logs=denied', 'logs:FilterLogEvents=throttle', '*=latency:5']});
		const decision = faults.decide('logs', 'FilterLogEvents');
		expect(decision).toMatchObject({action: 'error', code: 'ThrottlingException', latencyMs: 5});
		expect(faults.decide('logs', 'DescribeLogGroups')).toMatchObject({action: 'error', code: 'AccessDeniedException'});
		expect(faults.decide('iot', 'ListThings')).toEqual({action: 'none', latencyMs: 5});
		expect(faults.list().map(formatFaultRule)).toEqual(['logs=denied:1', 'logs:FilterLogEvents=throttle:1', '*=latency:5']);
		faults.remove('logs', 'denied');
		expect(faults.decide('logs', 'DescribeLogGroups').action).toBe('none');
		faults.clear();
		expect(faults.list()).toEqual([]);
		expect(faults.decide('logs', 'FilterLogEvents')).toEqual({action: 'none', latencyMs: 0});
	});

	test('down ends by itself after its seconds', () => {
		let now = 1_000_000;
		const faults = createFaultController({now: () => now, rules: ['down:30']});
		expect(faults.isDown()).toBe(true);
		expect(faults.decide('iot', 'ListThings').action).toBe('drop');
		now += 29_000;
		expect(faults.isDown()).toBe(true);
		now += 2000;
		expect(faults.isDown()).toBe(false);
		expect(faults.decide('iot', 'ListThings').action).toBe('none');
		expect(faults.list()).toEqual([]);
	});
});

describe('faults over the wire: CloudWatch', () => {
	let sim: CwSim;
	let cw: CloudWatchClient;
	let faultNow = Date.UTC(2030, 0, 1);
	beforeAll(async () => {
		sim = await startCwSim({faultClock: () => faultNow});
		cw = sim.client();
	});
	afterAll(() => sim.close());
	beforeEach(() => {
		sim.faults.clear();
		sim.server.resetCalls();
	});

	test('throttle: the SDK throws Throttling (a throttling error it retries), and the call is counted', async () => {
		sim.faults.add('cloudwatch:DescribeAlarms=throttle');
		const error = await failure(cw.send(new DescribeAlarmsCommand({})));
		expect(error.name).toBe('Throttling');
		expect(error.message).toBe('Rate exceeded');
		expect(error.$metadata?.httpStatusCode).toBe(400);
		expect(sim.server.calls()['cloudwatch:DescribeAlarms']).toBe(1);
		// Another operation of the service is not affected.
		await expect(cw.send(new ListMetricsCommand({Namespace: 'AWS/IoT'}))).resolves.toBeDefined();
	});

	test('throttle: with retries the SDK tries again and every attempt is counted', async () => {
		sim.faults.add('cloudwatch=throttle');
		const retrying = sim.client({maxAttempts: 3});
		const error = await failure(retrying.send(new DescribeAlarmsCommand({})));
		expect(error.name).toBe('Throttling');
		expect(sim.server.calls()['cloudwatch:DescribeAlarms']).toBe(3);
	});

	test('error:500 and error:503', async () => {
		sim.faults.add('cloudwatch=error:500');
		const e500 = await failure(cw.send(new DescribeAlarmsCommand({})));
		expect(e500.name).toBe('InternalServiceFault');
		expect(e500.$metadata?.httpStatusCode).toBe(500);
		sim.faults.clear();
		sim.faults.add('cloudwatch=error:503');
		const e503 = await failure(cw.send(new DescribeAlarmsCommand({})));
		expect(e503.name).toBe('ServiceUnavailable');
		expect(e503.$metadata?.httpStatusCode).toBe(503);
	});

	test('denied names the IAM action', async () => {
		sim.faults.add('cloudwatch:GetMetricData=denied');
		sim.faults.add('cloudwatch:DescribeAlarms=denied');
		const error = await failure(cw.send(new DescribeAlarmsCommand({})));
		expect(error.name).toBe('AccessDeniedException');
		expect(error.message).toContain('is not authorized to perform: cloudwatch:DescribeAlarms');
		await expect(cw.send(new ListMetricsCommand({}))).resolves.toBeDefined();
	});

	test('expired token', async () => {
		sim.faults.add('*=expired');
		const error = await failure(cw.send(new DescribeAlarmsCommand({})));
		expect(error.name).toBe('ExpiredTokenException');
		expect(error.message).toBe('The security token included in the request is expired');
	});

	test('notimpl', async () => {
		sim.faults.add('cloudwatch:DescribeAlarmHistory=notimpl');
		const error = await failure(cw.send(new DescribeAlarmHistoryCommand({})));
		expect(error.name).toBe('NotImplemented');
		expect(error.$metadata?.httpStatusCode).toBe(501);
		await expect(cw.send(new DescribeAlarmsCommand({}))).resolves.toBeDefined();
	});

	test('drop: a connection error, no HTTP response; counted', async () => {
		sim.faults.add('cloudwatch:DescribeAlarms=drop');
		const error = await failure(cw.send(new DescribeAlarmsCommand({})));
		expect(error.$metadata?.httpStatusCode).toBeUndefined();
		expect(`${error.name} ${error.code ?? ''} ${error.message}`).toMatch(/ECONNRESET|socket hang up|ECONNREFUSED|EPIPE/);
		expect(sim.server.calls()['cloudwatch:DescribeAlarms']).toBe(1);
		// The client recovers on a fresh connection.
		sim.faults.clear();
		await expect(cw.send(new DescribeAlarmsCommand({}))).resolves.toBeDefined();
	});

	test('down: every call fails until the time is up, then the endpoint is back by itself', async () => {
		sim.faults.add('down:60');
		const first = await failure(cw.send(new DescribeAlarmsCommand({})));
		expect(first.$metadata?.httpStatusCode).toBeUndefined();
		const second = await failure(cw.send(new ListMetricsCommand({})));
		expect(second.$metadata?.httpStatusCode).toBeUndefined();
		faultNow += 61_000;
		await expect(cw.send(new DescribeAlarmsCommand({}))).resolves.toBeDefined();
		expect(sim.faults.list()).toEqual([]);
	});

	test('latency: the delayed call still succeeds, after an undelayed one sent later', async () => {
		sim.faults.add('cloudwatch:ListMetrics=latency:400');
		const order: string[] = [];
		sim.server.resetCalls();
		const slow = cw.send(new ListMetricsCommand({})).then(() => order.push('ListMetrics'));
		// Sent later: once the delayed call has reached the simulator.
		await waitFor(() => sim.server.calls()['cloudwatch:ListMetrics'] === 1, 'the delayed call to arrive');
		const fast = cw.send(new DescribeAlarmsCommand({})).then(() => order.push('DescribeAlarms'));
		await Promise.all([slow, fast]);
		expect(order).toEqual(['DescribeAlarms', 'ListMetrics']);
		expect(sim.faults.list()).toEqual([{target: 'cloudwatch:ListMetrics', kind: 'latency', rate: 1, ms: 400}]);
	});

	test('an unknown operation gets UnknownOperationException and is counted', async () => {
		const response = await fetch(sim.url, {
			method: 'POST',
			headers: {'Content-Type': 'application/x-amz-json-1.0', 'X-Amz-Target': 'GraniteServiceVersion20100801.DescribeNothing'},
			body: '{}',
		});
		expect(response.status).toBe(400);
		expect(((await response.json()) as {__type: string}).__type).toBe('UnknownOperationException');
		expect(sim.server.calls()['cloudwatch:DescribeNothing']).toBe(1);
	});

	test('a handler validation error maps to the named exception (query-compatible code)', async () => {
		const error = await failure(cw.send(new DescribeAlarmsCommand({AlarmNames: ['a'], AlarmNamePrefix: 'b'})));
		expect(error.name).toBe('InvalidParameterCombinationException');
	});
});

describe('faults over the wire: Logs (JSON 1.1) and IoT (REST-JSON)', () => {
	let server: SimServer;
	let faults: FaultController;
	let logs: CloudWatchLogsClient;
	let iot: IoTClient;
	beforeAll(async () => {
		faults = createFaultController({seed: 3});
		server = await startServer({
			json: [
				{
					service: 'logs',
					targetPrefix: LOGS_TARGET,
					jsonVersion: '1.1',
					operations: {
						DescribeLogGroups: () => ({logGroups: [{logGroupName: 'AWSIotLogsV2', creationTime: 1}]}),
						FilterLogEvents: () => ({events: [], searchedLogStreams: []}),
					},
				},
			],
			rest: {
				service: 'iot',
				routes: [
					{
						method: 'GET',
						pattern: '/things',
						operation: 'ListThings',
						handler: ({query}) => ({things: [{thingName: `t-${query.get('maxResults')}`}]}),
					},
				],
			},
			faults,
		});
		logs = new CloudWatchLogsClient({region: 'us-east-1', endpoint: server.url, credentials, maxAttempts: 1});
		iot = new IoTClient({region: 'us-east-1', endpoint: server.url, credentials, maxAttempts: 1});
	});
	afterAll(async () => {
		logs.destroy();
		iot.destroy();
		await server.close();
	});
	beforeEach(() => {
		faults.clear();
		server.resetCalls();
	});

	test('no fault: both protocols answer', async () => {
		const groups = await logs.send(new DescribeLogGroupsCommand({}));
		expect(groups.logGroups?.[0].logGroupName).toBe('AWSIotLogsV2');
		const things = await iot.send(new ListThingsCommand({maxResults: 5}));
		expect(things.things?.[0].thingName).toBe('t-5');
		expect(server.calls()).toEqual({'logs:DescribeLogGroups': 1, 'iot:ListThings': 1});
	});

	test.each([
		['logs:FilterLogEvents=throttle', 'ThrottlingException', 400],
		['logs=denied', 'AccessDeniedException', 400],
		['logs=expired', 'ExpiredTokenException', 400],
		['logs=error:503', 'ServiceUnavailableException', 503],
		['logs=error:500', 'InternalFailure', 500],
		['logs=notimpl', 'NotImplemented', 501],
	])('logs %s -> %s', async (spec, name, status) => {
		faults.add(spec);
		const error = await failure(logs.send(new FilterLogEventsCommand({logGroupName: 'AWSIotLogsV2'})));
		expect(error.name).toBe(name);
		expect(error.$metadata?.httpStatusCode).toBe(status);
		expect(server.calls()['logs:FilterLogEvents']).toBe(1);
	});

	test.each([
		['iot:ListThings=throttle', 'ThrottlingException', 400],
		['iot=denied', 'AccessDeniedException', 403],
		['iot=expired', 'ExpiredTokenException', 403],
		['iot=error:500', 'InternalFailureException', 500],
		['iot=error:503', 'ServiceUnavailableException', 503],
		['iot=notimpl:500', 'NotImplemented', 500],
	])('iot %s -> %s', async (spec, name, status) => {
		faults.add(spec);
		const error = await failure(iot.send(new ListThingsCommand({})));
		expect(error.name).toBe(name);
		expect(error.$metadata?.httpStatusCode).toBe(status);
		expect(server.calls()['iot:ListThings']).toBe(1);
	});

	test('iot denied names the action', async () => {
		faults.add('iot=denied');
		const error = await failure(iot.send(new ListThingsCommand({})));
		expect(error.message).toContain('not authorized to perform: iot:ListThings');
	});

	test('drop on one operation leaves the others working', async () => {
		faults.add('iot:ListThings=drop');
		const error = await failure(iot.send(new ListThingsCommand({})));
		expect(error.$metadata?.httpStatusCode).toBeUndefined();
		await expect(logs.send(new DescribeLogGroupsCommand({}))).resolves.toBeDefined();
	});

	test('an unknown REST route is a 404 UnknownOperationException, counted', async () => {
		const response = await fetch(`${server.url}/nothing/here`);
		expect(response.status).toBe(404);
		expect(response.headers.get('x-amzn-errortype')).toBe('UnknownOperationException');
		expect(server.calls()['iot:GET /nothing/here']).toBe(1);
	});
});
