// The real app against the simulator over HTTP: real SDK clients, the refresh engine, the
// store and the Ink UI. Data seeded over the wire, as a test would seed AWS, shows in panes.
import {CreateLogStreamCommand, PutLogEventsCommand} from '@aws-sdk/client-cloudwatch-logs';
import {CreateThingCommand} from '@aws-sdk/client-iot';
import React from 'react';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {type AwsClients} from '../../source/aws/clients.js';
import {Engine} from '../../source/live/engine.js';
import {logEvents} from '../../source/model/logBuffer.js';
import {startSimulator, type Simulator} from '../../source/sim/index.js';
import {App} from '../../source/ui/App.js';
import {renderAt, stripAnsi} from '../helpers/render.js';
import {clientsFor, notifications, testEngine} from '../helpers/engine.js';

let simulator: Simulator;
let clients: AwsClients;

beforeAll(async () => {
	simulator = await startSimulator({port: 0, seed: 7, things: 5});
	clients = clientsFor(simulator.url);
	await clients.iot.send(new CreateThingCommand({thingName: 'seeded-boiler-42', attributePayload: {attributes: {site: 'plant-7'}}}));
	await clients.logs.send(new CreateLogStreamCommand({logGroupName: 'AWSIotLogsV2', logStreamName: 'seeded'}));
	const message = JSON.stringify({
		timestamp: '2026-11-24 03:00:00.000',
		logLevel: 'ERROR',
		traceId: 't-1',
		accountId: '123456789012',
		status: 'Failure',
		eventType: 'Connection.AuthNError',
		clientId: 'seeded-boiler-42',
		reason: 'SEEDED-AUTH-FAILURE',
	});
	await clients.logs.send(
		new PutLogEventsCommand({logGroupName: 'AWSIotLogsV2', logStreamName: 'seeded', logEvents: [{timestamp: Date.now(), message}]}),
	);
});

afterAll(async () => {
	clients?.destroy();
	await simulator?.close();
});

function engineFor(): Engine {
	return testEngine(clients, {logBuffer: 20_000});
}

describe('the app against the simulator', () => {
	it('one refresh round fills every pane, and seeded data shows on screen', async () => {
		const engine = engineFor();
		simulator.resetCalls();
		await engine.refreshAll();
		const state = engine.store.getSnapshot();
		expect(state.sources.alarms.error).toBeUndefined();
		expect(state.sources.alarms.rows.length).toBeGreaterThan(0);
		expect(state.sources.metrics.series.some((series) => series.hasData)).toBe(true);
		expect(state.sources.resources.things.rows.map((thing) => thing.name)).toContain('seeded-boiler-42');
		expect([...logEvents(state.sources.logs.buffer)].some((event) => event.reason === 'SEEDED-AUTH-FAILURE')).toBe(true);
		// One GetMetricData for the whole board; alarms in pages of 100.
		expect(simulator.calls()['cloudwatch:GetMetricData']).toBe(1);
		expect(simulator.calls()['cloudwatch:DescribeAlarms']).toBe(1);

		const rendered = renderAt(<App engine={engine} initialPane="logs" />, {columns: 160, rows: 40});
		try {
			await rendered.press('z');
			const logs = stripAnsi(await rendered.waitForFrame((frame) => frame.includes('SEEDED-AUTH-FAILURE')));
			expect(logs).toMatch(/ERROR\s+Connection\.AuthNError\s+seeded-boiler-42/);
			await rendered.press('4');
			const resources = stripAnsi(
				await rendered.waitForFrame((frame) => frame.includes('seeded-boiler-42') && frame.includes('site=plant-7')),
			);
			expect(resources).toContain('site=plant-7');
			await rendered.press('1');
			const alarms = stripAnsi(await rendered.waitForFrame((frame) => frame.includes('iot-connect-auth-errors')));
			expect(alarms).toMatch(/\d+ ALARM {2}\d+ INSUFFICIENT {2}\d+ OK/);
		} finally {
			rendered.unmount();
		}
	});

	it("a failing source becomes that pane's error while the others keep working", async () => {
		const engine = engineFor();
		simulator.faults.add('logs:FilterLogEvents=denied');
		try {
			await engine.refreshAll();
		} finally {
			simulator.faults.clear();
		}
		const state = engine.store.getSnapshot();
		expect(state.sources.logs.error?.message).toBe(
			'Access denied to logs:FilterLogEvents: allow the IAM action logs:FilterLogEvents for this role or user.',
		);
		expect(state.sources.alarms.error).toBeUndefined();
		expect(state.sources.alarms.rows.length).toBeGreaterThan(0);
		const rendered = renderAt(<App engine={engine} initialPane="logs" />, {columns: 100, rows: 30});
		try {
			expect(stripAnsi(await rendered.waitForFrame((frame) => frame.includes('Access denied')))).toContain(
				'⚠ Access denied to logs:FilterLogEvents',
			);
		} finally {
			rendered.unmount();
		}
	});

	it('draws one frame per refresh cycle on the dashboard, not one per source or clock', async () => {
		const engine = testEngine(clients, {interval: 1000, logPollInterval: 1000});
		const rendered = renderAt(<App engine={engine} initialPane="alarms" />, {columns: 120, rows: 36});
		try {
			engine.start();
			await rendered.waitForFrame((frame) => stripAnsi(frame).includes('updated '));
			// Past the start (first pages, the first sweep), three cycles are counted.
			await notifications(engine, 2);
			await rendered.settled();
			const before = rendered.frames.length;
			let heard = 0;
			const unsubscribe = engine.store.subscribe(() => heard++);
			await notifications(engine, 3);
			await rendered.settled();
			unsubscribe();
			const frames = rendered.frames.length - before;
			expect(heard).toBe(3);
			// Each cycle's data reaches the screen in one frame: no second frame from the
			// header's age or the panes' clock catching up after it.
			expect(frames).toBeLessThanOrEqual(heard);
		} finally {
			engine.stop();
			rendered.unmount();
		}
	});

	it('a pane hidden behind another tab shows the data that arrived while it was hidden', async () => {
		const engine = engineFor();
		const rendered = renderAt(<App engine={engine} initialPane="alarms" />, {columns: 80, rows: 24});
		try {
			await rendered.waitForFrame((frame) => stripAnsi(frame).includes('Alarms'));
			const message = JSON.stringify({
				timestamp: '2026-11-24 03:00:01.000',
				logLevel: 'ERROR',
				traceId: 't-2',
				accountId: '123456789012',
				status: 'Failure',
				eventType: 'Publish-In',
				clientId: 'hidden-while-away',
				reason: 'ARRIVED-WHILE-HIDDEN',
			});
			await clients.logs.send(
				new PutLogEventsCommand({logGroupName: 'AWSIotLogsV2', logStreamName: 'seeded', logEvents: [{timestamp: Date.now(), message}]}),
			);
			const drawn = notifications(engine);
			await engine.refreshAll();
			await drawn;
			await rendered.settled();
			expect([...logEvents(engine.store.getSnapshot().sources.logs.buffer)].some((event) => event.clientId === 'hidden-while-away')).toBe(
				true,
			);
			expect(stripAnsi(rendered.lastFrame())).not.toContain('hidden-while-away');
			await rendered.press('3');
			// Its client id, whole in any width (at 80 columns the reason beside it may be cut).
			expect(stripAnsi(rendered.lastFrame())).toContain('hidden-while-away');
		} finally {
			rendered.unmount();
		}
	});
});
