// The Alarms and Metrics panes against the simulator over HTTP, under a manual clock: what
// the on-call engineer sees (order, marks, history, thresholds, charts) and what the app
// asks CloudWatch for (pages, one GetMetricData per refresh, only new periods).
import type {GetMetricDataCommandInput} from '@aws-sdk/client-cloudwatch';
import React from 'react';
import {afterEach, describe, expect, it} from 'vitest';
import {createClients, type AwsClients} from '../../source/aws/clients.js';
import {Engine} from '../../source/live/engine.js';
import {alarmsWatching, customBoard, defaultBoard} from '../../source/model/metricBoard.js';
import {metricLine, metricTable} from '../../source/ui/panes/metricLines.js';
import {sortAlarms} from '../../source/model/alarms.js';
import {createManualClock, type ManualClock} from '../../source/sim/contract.js';
import {startSimulator, type Simulator} from '../../source/sim/index.js';
import {MINUTE} from '../../source/sim/scenario.js';
import type {MetricSpec} from '../../source/model/types.js';
import {App} from '../../source/ui/App.js';
import {renderAt, stripAnsi, type Rendered} from '../helpers/render.js';

/** 2026-11-24 02:00:30 UTC: thirty seconds into a minute. */
const START = Date.UTC(2026, 10, 24, 2, 0, 30);

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

async function setup(
	options: Parameters<typeof startSimulator>[0] = {},
	metricSpecs: MetricSpec[] = defaultBoard(60),
): Promise<{engine: Engine; clock: ManualClock; sim: Simulator}> {
	const clock = createManualClock(START);
	simulator = await startSimulator({port: 0, seed: 3, things: 5, logRate: 1, clock, ...options});
	clients = createClients({endpointUrl: simulator.url, region: 'us-east-1', credentials: {accessKeyId: 'test', secretAccessKey: 'test'}});
	const engine = new Engine(clients, {
		interval: 5000,
		windowMs: 3_600_000,
		metricSpecs,
		logGroups: ['AWSIotLogsV2'],
		logBuffer: 1000,
		resourcesInterval: 60_000,
		source: {demo: true, region: 'us-east-1'},
		now: () => clock.now(),
	});
	return {engine, clock, sim: simulator};
}

const text = () => stripAnsi(rendered!.lastFrame());

describe('Alarms pane', () => {
	it('lists all of 1,000 alarms, ALARM then INSUFFICIENT_DATA then OK, longest-standing first', async () => {
		const {engine, sim, clock} = await setup({defaultAlarms: false, incidents: []});
		for (let index = 0; index < 1000; index++) {
			// Five batches a minute apart: the alarms change state at different times.
			if (index % 200 === 0) {
				clock.advance(MINUTE);
				sim.alarms.evaluate();
			}
			const kind = index % 3;
			sim.alarms.putMetricAlarm({
				AlarmName: `fleet-${String(index).padStart(4, '0')}`,
				Namespace: 'AWS/IoT',
				// Connect.Success always reports; Connect.Nothing never does.
				MetricName: kind === 2 ? 'Connect.Nothing' : 'Connect.Success',
				Dimensions: [{Name: 'Protocol', Value: 'MQTT'}],
				Statistic: 'Sum',
				Period: 60,
				EvaluationPeriods: 1,
				Threshold: kind === 0 ? -1 : 1e9,
				ComparisonOperator: 'GreaterThanThreshold',
				TreatMissingData: 'missing',
			});
		}
		clock.advance(MINUTE);
		sim.resetCalls();
		await engine.refreshAll();
		const {rows, error} = engine.store.getSnapshot().sources.alarms;
		expect(error).toBeUndefined();
		expect(rows).toHaveLength(1000);
		expect(sim.calls()['cloudwatch:DescribeAlarms']).toBe(10);
		const sorted = sortAlarms(rows);
		const states = sorted.map((row) => row.state);
		expect(states.indexOf('INSUFFICIENT_DATA')).toBe(334);
		expect(states.indexOf('OK')).toBe(334 + 333);
		for (let index = 1; index < sorted.length; index++) {
			if (sorted[index].state === sorted[index - 1].state) {
				expect(sorted[index].stateTransitionedAt!).toBeGreaterThanOrEqual(sorted[index - 1].stateTransitionedAt!);
			}
		}

		rendered = renderAt(<App engine={engine} initialPane="alarms" now={clock.now()} />, {columns: 120, rows: 36});
		await rendered.waitForFrame((frame) => frame.includes('1/1000'));
		expect(text()).toContain('334 ALARM  333 INSUFFICIENT  333 OK');
		expect(text()).toMatch(new RegExp(`› ✖ ALARM\\s+${sorted[0].name}`));
		await rendered.press('G');
		expect(text()).toContain('1000/1000');
		expect(text()).toMatch(new RegExp(`› ✔ OK\\s+${sorted[999].name}`));
	});

	it('a transition is seen, marked, rings the bell, and shows in the history view; / filters by name', async () => {
		const {engine, clock, sim} = await setup();
		await engine.refreshAll();
		const auth = () => engine.store.getSnapshot().sources.alarms.rows.find((row) => row.name === 'iot-connect-auth-errors')!;
		expect(auth().state).toBe('OK');
		rendered = renderAt(<App engine={engine} initialPane="alarms" now={clock.now()} bell />, {columns: 120, rows: 36});
		await rendered.waitForFrame((frame) => frame.includes('iot-connect-auth-errors'));
		expect(text()).not.toContain('•');

		// The scripted auth-error burst starts a minute in: ALARM within two minutes.
		clock.advance(2 * MINUTE);
		await engine.refreshAll();
		expect(auth().state).toBe('ALARM');
		rendered.instance.rerender(<App engine={engine} initialPane="alarms" now={clock.now()} bell />);
		// The bell goes through Ink's stdout (in the test renderer's debug mode, a frame of its own).
		// Any frame, not only the last: a repaint may follow the bell's own frame.
		await rendered.waitForFrame(() => rendered!.frames.some((frame) => frame.includes('\u0007')));
		await rendered.settled();
		expect(rendered.frames.filter((frame) => frame.includes('\u0007'))).toHaveLength(1);
		expect(rendered.frames.some((frame) => /•✖ ALARM\s+iot-connect-auth-errors/.test(stripAnsi(frame)))).toBe(true);

		// `/auth` + Enter keeps a filter (the auth errors and their rate); the composite alarm that also fired is filtered out.
		const pressShows = async (key: string, shown: string) => {
			await rendered!.press(key);
			expect(text()).toContain(shown);
		};
		// Typed fast (one chunk), then key by key.
		await pressShows('/au', '/ au▌');
		for (const typed of ['aut', 'auth']) await pressShows(typed.at(-1)!, `/ ${typed}▌`);
		await pressShows('\u007F', '/ aut▌');
		await pressShows('h', '/ auth▌');
		await pressShows('enter', 'filter: auth · 2 match · / edits · Esc clears');
		expect(text()).not.toContain('iot-fleet-degraded');
		expect(text()).toContain('1/2 of 8');

		// Enter: the definition and the history read from DescribeAlarmHistory.
		sim.resetCalls();
		await pressShows('enter', 'Esc back');
		// The graph comes first; the history is a page down.
		await rendered.waitForFrame((frame) => frame.includes('└'));
		await rendered.press('pagedown');
		const detail = stripAnsi(await rendered.waitForFrame((frame) => stripAnsi(frame).includes('OK → ALARM')));
		expect(sim.calls()['cloudwatch:DescribeAlarmHistory']).toBe(1);
		expect(detail).toContain('Alarm iot-connect-auth-errors · Esc back');
		expect(detail).toMatch(/Condition\s+Connect\.AuthError Sum > 10 for 1 of 2 x 1/);
		expect(detail).toMatch(/Reason\s+Threshold Crossed/);
		expect(detail).toMatch(/2026-11-24 02:02:00 {2}OK → ALARM/);
		// The rest of the definition is below: G scrolls to the end.
		await pressShows('G', 'Missing data');
		expect(text()).toMatch(/Metric\s+AWS\/IoT Connect\.AuthError Protocol=MQTT/);
		expect(text()).toMatch(/Evaluation\s+1 of 2 datapoints of 1 min/);

		// Esc closes the detail, Esc again clears the filter.
		await pressShows('escape', 'filter: auth');
		await rendered.press('escape');
		await rendered.waitForFrame((frame) => !stripAnsi(frame).includes('filter: auth'));
		expect(text()).toContain('iot-fleet-degraded');

		// It recovers later, and the change is marked again.
		clock.advance(8 * MINUTE);
		await engine.refreshAll();
		expect(auth().state).toBe('OK');
		expect(engine.store.getSnapshot().sources.alarms.changes['iot-connect-auth-errors']).toMatchObject({from: 'ALARM', to: 'OK'});
	});
});

describe('Metrics pane', () => {
	it('one GetMetricData per refresh for the board, and after the first only the new periods', async () => {
		const {engine, clock, sim} = await setup();
		const sent: GetMetricDataCommandInput[] = [];
		clients!.cloudwatch.middlewareStack.add(
			(next, context) => async (args) => {
				if (context.commandName === 'GetMetricDataCommand') sent.push(args.input as GetMetricDataCommandInput);
				return next(args);
			},
			{step: 'initialize'},
		);
		sim.resetCalls();
		await engine.refreshAll();
		expect(sim.calls()['cloudwatch:GetMetricData']).toBe(1);
		const firstStart = sent[0].StartTime!.getTime();
		const firstEnd = sent[0].EndTime!.getTime();
		expect(firstEnd - firstStart).toBe(60 * MINUTE);
		expect(sent[0].MetricDataQueries).toHaveLength(10);
		const first = engine.store.getSnapshot().sources.metrics.series;
		const success = first.find((series) => series.spec.label === 'PublishIn.Success')!;
		expect(success.timestamps.length).toBeGreaterThanOrEqual(58);

		clock.advance(3 * MINUTE);
		await engine.refreshAll();
		expect(sim.calls()['cloudwatch:GetMetricData']).toBe(2);
		// Only the last two periods of the previous fetch again, plus the new ones.
		expect(sent[1].StartTime!.getTime()).toBe(firstEnd - 2 * MINUTE);
		expect(sent[1].EndTime!.getTime()).toBe(firstEnd + 3 * MINUTE);
		const after = engine.store.getSnapshot().sources.metrics.series.find((series) => series.spec.label === 'PublishIn.Success')!;
		// Merged and trimmed to the window: the newest minute is there, the oldest three gone.
		expect(after.timestamps.at(-1)).toBe(Math.floor(clock.now() / MINUTE) * MINUTE - MINUTE);
		expect(after.timestamps[0]).toBeGreaterThanOrEqual(firstStart + 3 * MINUTE);
		expect(after.timestamps.length).toBe(success.timestamps.length);
	});

	it('splits more than 500 metrics into the fewest calls', async () => {
		const many = customBoard(
			Array.from({length: 501}, (_, index) => ({
				label: `m${index}`,
				namespace: 'Fleet',
				metricName: `M${index}`,
				dimensions: {},
				statistic: 'Sum',
				unit: '',
			})),
			60,
		);
		const {engine, sim} = await setup({incidents: []}, many);
		sim.resetCalls();
		await engine.refreshAll();
		expect(engine.store.getSnapshot().sources.metrics.error).toBeUndefined();
		expect(sim.calls()['cloudwatch:GetMetricData']).toBe(2);
	});

	it('draws "no data" and zeros differently; a watched metric shows its threshold and turns red in ALARM; Enter opens a chart', async () => {
		const zero: MetricSpec = customBoard(
			[{label: 'Queue depth', namespace: 'Fleet', metricName: 'Depth', dimensions: {}, statistic: 'Maximum', unit: ''}],
			60,
		)[0];
		const {engine, clock, sim} = await setup({}, [...defaultBoard(60), zero]);
		sim.metrics.put('Fleet', [{MetricName: 'Depth', Value: 0, Timestamp: (START - 5 * MINUTE) / 1000}]);
		clock.advance(2 * MINUTE);
		await engine.refreshAll();
		rendered = renderAt(<App engine={engine} initialPane="metrics" now={clock.now()} />, {columns: 120, rows: 36});
		await rendered.press('z');
		const frame = stripAnsi(await rendered.waitForFrame((text) => text.includes('Queue depth')));
		// Connect.Throttle never reported in a quiet hour; the queue reported zeros.
		expect(frame).toMatch(/Connect\.Throttle\s+no data/);
		// A reported 0 is the bottom eighth; the periods without a datapoint around it are blank.
		expect(frame).toMatch(/Queue depth\s+0 +▁ +↓0 ↑0/);
		// The auth-error alarm (MQTT) watches the summed board metric: its threshold, in red while in ALARM.
		expect(frame).toMatch(/Connect\.AuthError\s+\d+ [▁-█ ]+↓\d+ ↑\d+\s+✖>10/);
		const state = engine.store.getSnapshot();
		const auth = state.sources.metrics.series[1];
		const watching = alarmsWatching(auth.spec, state.sources.alarms.rows);
		const red = metricLine(metricTable([auth], [watching], 118, 3_600_000, clock.now()), 0, false).filter(
			(segment) => segment.color === 'red',
		);
		expect(red.map((segment) => segment.text.trim())).toEqual(expect.arrayContaining(['Connect.AuthError', '✖>10']));

		// Enter on Connect.AuthError: a chart with a y-axis scale and time marks; Esc back.
		await rendered.press('j');
		await rendered.waitForFrame((frame) => stripAnsi(frame).includes('│›Connect.AuthError'));
		await rendered.press('enter');
		const chart = stripAnsi(await rendered.waitForFrame((text) => text.includes('Esc back')));
		expect(chart).toContain('Metric Connect.AuthError · last 1h · summed by SEARCH · Esc back');
		expect(chart).toMatch(/alarm > 10 \(iot-connect-auth-errors\)/);
		expect(chart).toMatch(/\d+┤[▁-█ ]/);
		expect(chart).toMatch(/0┤/);
		expect(chart).toMatch(/ └─+ /);
		// UTC time marks along the hour: 01:03 ... 02:00.
		expect(chart).toMatch(/ 01:03 +(\d\d:\d\d +){6}02:00 /);
		expect(chart).toMatch(/╌{20,}/);
		expect(chart.split('\n').filter((row) => /│ +[│┤]/.test(row)).length).toBeGreaterThanOrEqual(20);
		await rendered.press('escape');
		expect(text()).toMatch(/Connect\.Throttle\s+no data/);
	});

	it('a metric that reported 100-149 for the last half hour shows ↓100 ↑149, the quiet half blank, not 0', async () => {
		const load = customBoard(
			[{label: 'Gateway load', namespace: 'Fleet', metricName: 'Load', dimensions: {}, statistic: 'Maximum', unit: ''}],
			60,
		)[0];
		const {engine, clock, sim} = await setup({incidents: []}, [load]);
		const minute = Math.floor(START / MINUTE) * MINUTE;
		sim.metrics.put(
			'Fleet',
			Array.from({length: 30}, (_, index) => ({
				MetricName: 'Load',
				Value: 100 + Math.round((index * 49) / 29),
				Timestamp: (minute - (30 - index) * MINUTE) / 1000,
			})),
		);
		await engine.refreshAll();
		rendered = renderAt(<App engine={engine} initialPane="metrics" initialZoom now={clock.now()} />, {columns: 120, rows: 36});
		const frame = stripAnsi(await rendered.waitForFrame((text) => text.includes('Gateway load')));
		const row = /Gateway load\s+(\S+) ([▁-█ ]+) ↓(\S+) ↑(\S+)/.exec(frame)!;
		expect(row.slice(1, 2).concat(row.slice(3))).toEqual(['149', '100', '149']);
		// The first half of the sparkline (the half hour without data) is blank.
		const spark = row[2];
		expect(spark.slice(0, Math.floor(spark.length / 2) - 2).trim()).toBe('');
		expect(spark.slice(Math.ceil(spark.length / 2) + 2).trim()).not.toBe('');

		// The chart draws the same: min 100, and no block in the quiet half.
		await rendered.press('enter');
		const chart = stripAnsi(await rendered.waitForFrame((text) => text.includes('Esc back')));
		expect(chart).toContain('last 149  min 100  max 149');
		const bottomRow = chart.split('\n').find((line) => /^│ +0┤/.test(line))!;
		const bars = bottomRow.replace(/^│ +0┤/, '');
		expect(bars.slice(0, Math.floor(bars.length / 2) - 4).trim()).toBe('');
	});

	it('with the alarms source failing, a metric keeps its threshold marked stale (⚑>10?), never red "firing"', async () => {
		const {engine, clock, sim} = await setup();
		// The scripted auth-error burst: the auth-error alarm fires two minutes in.
		clock.advance(2 * MINUTE);
		await engine.refreshAll();
		expect(engine.store.getSnapshot().sources.alarms.rows.find((row) => row.name === 'iot-connect-auth-errors')?.state).toBe('ALARM');
		sim.faults.add('cloudwatch:DescribeAlarms=denied');
		clock.advance(MINUTE);
		await engine.refreshAll();
		const state = engine.store.getSnapshot();
		expect(state.sources.alarms.error).toBeDefined();
		rendered = renderAt(<App engine={engine} initialPane="metrics" initialZoom now={clock.now()} />, {columns: 120, rows: 36});
		const raw = await rendered.waitForFrame((text) => stripAnsi(text).includes('Connect.AuthError'));
		const frame = stripAnsi(raw);
		expect(frame).toMatch(/Connect\.AuthError\s+\d+ [▁-█ ]+↓\d+ ↑\d+\s+⚑>10\?/);
		expect(frame).not.toContain('✖');
		// Nothing on the metric's line is red: the alarm's state now is unknown.
		const auth = state.sources.metrics.series[1];
		const line = metricLine(
			metricTable([auth], [alarmsWatching(auth.spec, state.sources.alarms.rows)], 118, 3_600_000, clock.now(), true),
			0,
			false,
		);
		expect(line.filter((segment) => segment.color === 'red')).toEqual([]);
		expect(line.find((segment) => segment.text.includes('⚑>10?'))?.color).toBe('yellow');
		const authRow = raw.split('\n').find((row) => stripAnsi(row).includes('Connect.AuthError'))!;
		expect(authRow).not.toMatch(/\u001B\[(?:\d+;)*31m/);

		// The chart says the state is unknown, in yellow.
		await rendered.press('j');
		await rendered.waitForFrame((text) => stripAnsi(text).includes('│›Connect.AuthError'));
		await rendered.press('enter');
		const chart = stripAnsi(await rendered.waitForFrame((text) => text.includes('Esc back')));
		expect(chart).toMatch(/alarm > 10 \(iot-connect-auth-errors\), state unknown: alarms not refreshed/);

		// Once the alarms source works again, the flag is current (and red while the alarm fires).
		sim.faults.clear();
		await engine.refreshAll();
		expect(engine.store.getSnapshot().sources.alarms.error).toBeUndefined();
	});
});
