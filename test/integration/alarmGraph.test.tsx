// The alarm detail's graph and a composite alarm's children, against the simulator over HTTP
// under a manual clock: what the on-call engineer sees when they open an alarm.
import React from 'react';
import {afterEach, describe, expect, it} from 'vitest';
import {createClients, type AwsClients} from '../../source/aws/clients.js';
import {Engine} from '../../source/live/engine.js';
import {createManualClock, type ManualClock} from '../../source/sim/contract.js';
import {startSimulator, type Simulator} from '../../source/sim/index.js';
import {MINUTE} from '../../source/sim/scenario.js';
import {App} from '../../source/ui/App.js';
import {renderAt, stripAnsi, type Rendered} from '../helpers/render.js';

/** 2026-11-24 02:00:30 UTC: thirty seconds into a minute. */
const START = Date.UTC(2026, 10, 24, 2, 0, 30);
/** The graph's first period: the next minute. */
const BASE = Math.floor(START / MINUTE) * MINUTE + MINUTE;

let simulator: Simulator | undefined;
let clients: AwsClients | undefined;
let rendered: Rendered | undefined;

afterEach(async () => {
	rendered?.unmount();
	rendered = undefined;
	clients?.destroy();
	clients = undefined;
	await simulator?.close();
	simulator = undefined;
});

async function setup(options: Parameters<typeof startSimulator>[0] = {}): Promise<{engine: Engine; clock: ManualClock; sim: Simulator}> {
	const clock = createManualClock(START);
	simulator = await startSimulator({port: 0, seed: 3, things: 5, logRate: 0, clock, ...options});
	clients = createClients({endpointUrl: simulator.url, region: 'us-east-1', credentials: {accessKeyId: 'test', secretAccessKey: 'test'}});
	const engine = new Engine(clients, {
		interval: 5000,
		windowMs: 3_600_000,
		metricSpecs: [],
		logGroups: ['AWSIotLogsV2'],
		logBuffer: 100,
		resourcesInterval: 60_000,
		source: {demo: true, region: 'us-east-1'},
		now: () => clock.now(),
	});
	return {engine, clock, sim: simulator};
}

/**
 * Fleet/Load, one value a minute from BASE (undefined: nothing reported), and an alarm on it:
 * Maximum > 40 for 2 of 5 minutes. Periods 5, 6, 7 and 14 breach; the alarm is in ALARM from
 * the start of period 7 (two of five breaching) to the start of period 12.
 */
const LOAD = [10, 10, 10, undefined, undefined, 60, 80, 70, 10, 10, 10, 10, 10, 10, 100];

async function loadAlarm(): Promise<{engine: Engine; clock: ManualClock; sim: Simulator}> {
	const setupDone = await setup({defaultAlarms: false, incidents: []});
	const {sim, clock} = setupDone;
	sim.metrics.put(
		'Fleet',
		LOAD.flatMap((value, index) =>
			value === undefined ? [] : [{MetricName: 'Load', Value: value, Timestamp: (BASE + index * MINUTE) / 1000}],
		),
	);
	sim.alarms.putMetricAlarm({
		AlarmName: 'fleet-load-high',
		Namespace: 'Fleet',
		MetricName: 'Load',
		Statistic: 'Maximum',
		Period: 60,
		EvaluationPeriods: 5,
		DatapointsToAlarm: 2,
		Threshold: 40,
		ComparisonOperator: 'GreaterThanThreshold',
		TreatMissingData: 'missing',
	});
	// Every minute boundary of the fifteen is evaluated, in order, as the clock passes it.
	clock.set(BASE + LOAD.length * MINUTE + 30_000);
	return setupDone;
}

const frameText = () => stripAnsi(rendered!.lastFrame());

/** The chart's rows inside the Alarms panel (the left 60 columns, or all 120 zoomed), from the top tick's row to the time marks. */
function chartOf(frame: string, top: string, zoomed = false): {rows: string[]; axis: string; alarm?: string; marks: string} {
	const lines = frame.split('\n').map((line) => [...line].slice(1, zoomed ? 119 : 59).join(''));
	const first = lines.findIndex((line) => new RegExp(`^ *${top}┤`).test(line));
	const axisAt = lines.findIndex((line, index) => index > first && line.includes('└'));
	const alarm = /^ ALARM /.test(lines[axisAt + 1]) ? lines[axisAt + 1] : undefined;
	return {rows: lines.slice(first, axisAt), axis: lines[axisAt], alarm, marks: lines[axisAt + (alarm ? 2 : 1)]};
}

describe('alarm graph', () => {
	it('draws the metric with the threshold on its row, breaching points ▲, the time in ALARM ━, missing periods blank', async () => {
		const {engine, clock, sim} = await loadAlarm();
		await engine.refreshAll();
		expect(engine.store.getSnapshot().sources.alarms.rows[0]).toMatchObject({name: 'fleet-load-high', state: 'OK'});
		rendered = renderAt(<App engine={engine} initialPane="alarms" now={clock.now()} />, {columns: 120, rows: 36});
		await rendered.waitForFrame((frame) => frame.includes('fleet-load-high'));
		sim.resetCalls();
		await rendered.press('enter');
		const frame = stripAnsi(await rendered.waitForFrame((text) => text.includes('└') && !text.includes('Loading')));
		// One DescribeAlarms (the alarm's queries) and one GetMetricData for the graph.
		expect(sim.calls()['cloudwatch:GetMetricData']).toBe(1);
		expect(frame).toContain('Graph  Load Maximum · 1 min periods · last 15m');
		expect(frame).toContain('╌ > 40  ▲ breaching  ━ in ALARM');

		// 60 columns: 50 of chart, six rows (0 to 100); 40 is the row 3/5 of the way down.
		const {rows, axis, alarm, marks} = chartOf(frame, '100');
		expect(rows).toHaveLength(6);
		const thresholdRows = rows.map((row, index) => (row.includes('╌') ? index : -1)).filter((index) => index >= 0);
		expect(thresholdRows).toEqual([3]);
		expect(rows[5]).toMatch(/^ +0┤/);

		// The axis: breaching periods ▲ (5-7, then 14), the rest ─; under it the time in ALARM ━ (periods 7-11).
		const onAxis = axis.replace(/^ +└/, '').trimEnd();
		expect(onAxis).toMatch(/^─+▲+─+▲+$/);
		const width = onAxis.length;
		expect(width).toBe(50);
		const columnOf = (period: number) => Math.ceil((period * width) / LOAD.length);
		expect(onAxis.slice(columnOf(5), columnOf(8))).toMatch(/^▲+$/);
		expect(onAxis.slice(columnOf(8), columnOf(14))).toMatch(/^─+$/);
		const inAlarm = alarm!.slice(7);
		expect(inAlarm.slice(columnOf(7), columnOf(12))).toMatch(/^━+$/);
		expect(inAlarm.slice(0, columnOf(7) - 1).trim()).toBe('');
		expect(inAlarm.slice(columnOf(12) + 1).trim()).toBe('');

		// Periods 3 and 4 reported nothing: blank in every row, never a 0 (▁) at the bottom.
		const bars = (row: string) => row.replace(/^ +\S*[┤│]/, '');
		const gap = bars(rows[5]).slice(columnOf(3), columnOf(5));
		expect(gap.length).toBeGreaterThan(4);
		expect(gap.trim()).toBe('');
		expect(bars(rows[5]).slice(0, columnOf(3)).trim()).not.toBe('');
		for (const row of rows.filter((_, index) => index !== 3)) expect(bars(row).slice(columnOf(3), columnOf(5)).trim()).toBe('');
		// The 100 at the end reaches the top row; the 80 does not.
		expect(bars(rows[0]).slice(columnOf(14)).trim()).not.toBe('');
		expect(bars(rows[0]).slice(columnOf(6), columnOf(7)).trim()).toBe('');
		// Time marks as in the metric chart: the span's first minute to its last.
		expect(marks.trim()).toMatch(/^02:01 +(\d\d:\d\d +)*02:1\d$/);

		// Zoomed: the same graph, taller.
		await rendered.press('z');
		const zoomed = stripAnsi(await rendered.waitForFrame((text) => chartOf(stripAnsi(text), '100', true).rows.length > 6));
		expect(chartOf(zoomed, '100', true).rows.length).toBeGreaterThanOrEqual(12);
	});

	it('refreshes the graph when the alarms refresh; a failed fetch says what failed and the rest of the detail stays', async () => {
		const {engine, clock, sim} = await loadAlarm();
		await engine.refreshAll();
		rendered = renderAt(<App engine={engine} initialPane="alarms" now={clock.now()} />, {columns: 120, rows: 36});
		await rendered.waitForFrame((frame) => frame.includes('fleet-load-high'));
		await rendered.press('enter');
		await rendered.waitForFrame((text) => text.includes('└'));
		sim.resetCalls();
		sim.faults.add('cloudwatch:GetMetricData=denied');
		clock.advance(MINUTE);
		await engine.refreshAll();
		rendered.instance.rerender(<App engine={engine} initialPane="alarms" now={clock.now()} />);
		const frame = stripAnsi(await rendered.waitForFrame((text) => stripAnsi(text).includes('Access denied')));
		expect(sim.calls()['cloudwatch:GetMetricData']).toBeGreaterThanOrEqual(1);
		expect(frame).toMatch(/⚠ Access denied to cloudwatch:GetMetricData/);
		// The last graph is kept, said to be older; the rest of the detail is there.
		expect(frame).toContain('graph below is from 1m00s ago.');
		expect(frame).toContain('└');
		// Asked once per alarms refresh, not on every frame (scrolling down to the rest of the detail).
		const calls = sim.calls()['cloudwatch:GetMetricData'];
		await rendered.press('G');
		await rendered.settled();
		expect(frameText()).toMatch(/History +recent state changes/);
		expect(frameText()).toMatch(/Threshold +> 40/);
		expect(sim.calls()['cloudwatch:GetMetricData']).toBe(calls);
	});

	it('says so while loading, and with no datapoints at all says no data, never a flat 0', async () => {
		const {engine, clock, sim} = await setup({defaultAlarms: false, incidents: []});
		sim.alarms.putMetricAlarm({
			AlarmName: 'never-reports',
			Namespace: 'Fleet',
			MetricName: 'Nothing',
			Statistic: 'Sum',
			Period: 60,
			EvaluationPeriods: 1,
			Threshold: 5,
			ComparisonOperator: 'GreaterThanThreshold',
		});
		clock.advance(MINUTE);
		await engine.refreshAll();
		sim.faults.add('cloudwatch:GetMetricData=latency:400');
		rendered = renderAt(<App engine={engine} initialPane="alarms" now={clock.now()} />, {columns: 120, rows: 36});
		await rendered.waitForFrame((frame) => frame.includes('never-reports'));
		await rendered.press('enter');
		await rendered.waitForFrame((text) => text.includes('Loading the graph (GetMetricData)…'));
		const frame = stripAnsi(await rendered.waitForFrame((text) => text.includes('no data')));
		expect(frame).toContain('no data: the metric reported nothing in the last 15m.');
		expect(frame).not.toContain('0┤');
	});
});

describe('composite alarm', () => {
	it('lists its children with their states; j/k select, Enter opens a child, Esc goes back to the composite', async () => {
		const {engine, clock} = await setup();
		// The scripted auth-error burst: iot-connect-auth-errors and the composite fire at 02:02.
		clock.advance(2 * MINUTE);
		await engine.refreshAll();
		rendered = renderAt(<App engine={engine} initialPane="alarms" now={clock.now()} />, {columns: 120, rows: 36});
		await rendered.waitForFrame((frame) => frame.includes('iot-fleet-degraded'));
		await rendered.send('/', 'd', 'e', 'g', 'r', 'a', 'd', 'e', 'd');
		await rendered.press('enter');
		await rendered.press('enter');
		const detail = frameText();
		expect(detail).toContain('Alarm iot-fleet-degraded · Esc back');
		expect(detail).toMatch(/Children +the alarms its rule names/);
		expect(detail).toMatch(/│› ✖ ALARM +iot-connect-auth-errors +rule tests ALARM/);
		expect(detail).toMatch(/│ {2}✔ OK +iot-publish-throttles +rule tests ALARM/);

		await rendered.press('j');
		expect(frameText()).toMatch(/› ✔ OK +iot-publish-throttles/);
		await rendered.press('enter');
		const child = stripAnsi(await rendered.waitForFrame((text) => text.includes('└')));
		expect(child).toContain('Alarm iot-publish-throttles · Esc back');
		expect(child).toContain('Graph  PublishIn.Throttle Sum');

		await rendered.press('escape');
		expect(frameText()).toContain('Alarm iot-fleet-degraded · Esc back');
		expect(frameText()).toMatch(/› ✔ OK +iot-publish-throttles/);
		await rendered.press('escape');
		expect(frameText()).toMatch(/Alarms .*filter: degraded/s);
	});
});
