// The Metrics pane tells the truth on any AWS-compatible endpoint: against the simulator's
// CloudWatch evaluating all metric math (AWS), no SEARCH, only bare query ids (moto) or no
// expression at all (LocalStack), through the real SDK over HTTP, what the user sees (the
// pane's values, the snapshot's points) is what the endpoint holds; across NextToken pages
// and more than 500 queries; and an answer with fields left out shows as unknown.
import React from 'react';
import {afterEach, describe, expect, it} from 'vitest';
import type {AwsClients} from '../../source/aws/clients.js';
import type {Engine} from '../../source/live/engine.js';
import {metricsSource} from '../../source/live/sources/metrics.js';
import {formatValue} from '../../source/model/format.js';
import {customBoard, defaultBoard} from '../../source/model/metricBoard.js';
import {windowRange} from '../../source/model/metricWindow.js';
import type {MetricSpec} from '../../source/model/types.js';
import type {MetricMathSupport} from '../../source/sim/cloudwatch.js';
import {createManualClock, type ManualClock} from '../../source/sim/contract.js';
import {startSimulator, type Simulator} from '../../source/sim/index.js';
import type {MetricStore} from '../../source/sim/metrics.js';
import {MINUTE} from '../../source/sim/scenario.js';
import {buildSnapshot} from '../../source/snapshot/json.js';
import {App} from '../../source/ui/App.js';
import {clientsFor, testEngine} from '../helpers/engine.js';
import {renderAt, stripAnsi, type Rendered} from '../helpers/render.js';
import {START as CW_START, startCwSim, type CwSim} from '../sim/cwSim.js';

/** 2026-11-24 02:00:30 UTC: thirty seconds into a minute. */
const START = Date.UTC(2026, 10, 24, 2, 0, 30);
const WINDOW = 3_600_000;

let simulator: Simulator | undefined;
let cwSim: CwSim | undefined;
let clients: AwsClients | undefined;
let rendered: Rendered | undefined;

afterEach(async () => {
	rendered?.unmount();
	rendered = undefined;
	clients?.destroy();
	clients = undefined;
	await simulator?.close();
	simulator = undefined;
	await cwSim?.close();
	cwSim = undefined;
});

type Setup = {engine: Engine; clock: ManualClock; sim: Simulator};

/** The simulator with `metricMath`, and an engine running only the metrics source, under a manual clock. */
async function setup(
	metricMath: MetricMathSupport,
	specs: MetricSpec[] = defaultBoard(60),
	options: Parameters<typeof startSimulator>[0] = {},
): Promise<Setup> {
	const clock = createManualClock(START);
	simulator = await startSimulator({port: 0, seed: 3, things: 5, logRate: 1, clock, metricMath, ...options});
	clients = clientsFor(simulator.url);
	const engine = testEngine(clients, {metricSpecs: specs, windowMs: WINDOW, now: () => clock.now()}, [metricsSource]);
	return {engine, clock, sim: simulator};
}

const sameNames = (a: string[], b: string[]) => a.length === b.length && [...a].sort().join() === [...b].sort().join();

/** What the endpoint holds for a spec over the window, per minute: every matching series added up, from the simulator's model. */
function expectedPoints(store: MetricStore, spec: MetricSpec, now: number): Array<[number, number]> {
	const {start, end} = windowRange(now, WINDOW, spec.period * 1000);
	const keys = spec.sumOverDimensions
		? store
				.listMetrics()
				.filter(
					(key) =>
						key.namespace === spec.namespace &&
						key.metricName === spec.metricName &&
						sameNames(Object.keys(key.dimensions), spec.sumOverDimensions!),
				)
		: [
				{
					namespace: spec.namespace,
					metricName: spec.metricName,
					dimensions: Object.fromEntries(spec.dimensions.map((d) => [d.name, d.value])),
				},
			];
	const sums = new Map<number, number>();
	for (const key of keys) {
		const series = store.statSeries(key, spec.statistic, spec.period, start, end);
		series.timestamps.forEach((at, index) => sums.set(at, (sums.get(at) ?? 0) + series.values[index]));
	}
	return [...sums].sort(([a], [b]) => a - b);
}

/** How many series of an AWS/IoT metric reported in the three hours before `now` (ListMetrics' RecentlyActive). */
function activeSeries(store: MetricStore, metricName: string, now: number): number {
	return store
		.listMetrics()
		.filter(
			(key) =>
				key.namespace === 'AWS/IoT' &&
				key.metricName === metricName &&
				store.statSeries(key, 'Sum', 60, now - 3 * 3_600_000, now).timestamps.length > 0,
		).length;
}

/** The metrics part of the snapshot the user would get now. */
function snapshotMetrics(engine: Engine, now: number) {
	return buildSnapshot(engine.store.getSnapshot(), {version: 'test', windowMs: WINDOW, logGroups: [], now}).metrics;
}

/** Each metric's line in the zoomed Metrics pane: last value, min, max; or the word shown instead. */
function paneRows(frame: string, labels: string[]): Record<string, string> {
	const text = stripAnsi(frame);
	return Object.fromEntries(
		labels.map((label) => {
			const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
			const values = new RegExp(`${escaped}\\s+(\\S+) [▁-█ ]*↓(\\S+) ↑(\\S+)`).exec(text);
			if (values) return [label, `${values[1]} ↓${values[2]} ↑${values[3]}`];
			const word = new RegExp(`${escaped}\\s+(no data|unknown)`).exec(text);
			return [label, word ? word[1] : `(not shown)`];
		}),
	);
}

/** The pane row the user should see for a spec whose endpoint holds `points`. */
function expectedRow(points: Array<[number, number]>): string {
	if (points.length === 0) return 'no data';
	const values = points.map(([, value]) => value);
	return `${formatValue(values.at(-1), '')} ↓${formatValue(Math.min(...values), '')} ↑${formatValue(Math.max(...values), '')}`;
}

async function renderMetrics(engine: Engine, now: number): Promise<string> {
	rendered = renderAt(<App engine={engine} initialPane="metrics" initialZoom now={now} />, {columns: 120, rows: 36});
	return rendered.waitForFrame((frame) => stripAnsi(frame).includes('Rule ParseError'));
}

/** The board matches the endpoint: every point in the snapshot, every row of the pane. */
async function expectBoardMatches({engine, clock, sim}: Setup, specs: MetricSpec[] = defaultBoard(60)) {
	const metrics = snapshotMetrics(engine, clock.now());
	expect(metrics.error ?? undefined).toBeUndefined();
	for (const spec of specs) {
		const expected = expectedPoints(sim.metrics, spec, clock.now());
		const item = metrics.items.find((candidate) => candidate.id === spec.id)!;
		expect({label: spec.label, points: item.points.map((point) => [Date.parse(point.timestamp), point.value])}).toEqual({
			label: spec.label,
			points: expected,
		});
		expect(item.hasData).toBe(expected.length > 0);
	}
	const frame = await renderMetrics(engine, clock.now());
	const labels = specs.map((spec) => spec.label);
	expect(paneRows(frame, labels)).toEqual(
		Object.fromEntries(specs.map((spec) => [spec.label, expectedRow(expectedPoints(sim.metrics, spec, clock.now()))])),
	);
	return frame;
}

const modes = (engine: Engine) =>
	Object.fromEntries(engine.store.getSnapshot().sources.metrics.series.map((series) => [series.spec.label, series.query?.mode]));

describe('the fallback ladder: one run gives the right numbers on every endpoint', () => {
	it('AWS (all metric math): SUM(SEARCH) stays, one GetMetricData call, numbers right', async () => {
		const setupResult = await setup('full');
		const {engine, sim} = setupResult;
		sim.resetCalls();
		await engine.refreshAll();
		expect(sim.calls()['cloudwatch:GetMetricData']).toBe(1);
		expect(modes(engine)).toMatchObject({
			'Connect.Success': 'search',
			'PublishIn.Success': 'search',
			RulesExecuted: 'stat',
			'Rule action Failure': 'search',
		});
		await expectBoardMatches(setupResult);
	});

	it.each<[MetricMathSupport, string, 'math' | 'client']>([
		['no-search', 'SEARCH answered empty: SUM([...]) over the listed series', 'math'],
		['ids-only', 'like moto: SEARCH and SUM answered empty, each series summed here', 'client'],
		['none', 'like LocalStack: any expression refused with HTTP 500, each series summed here', 'client'],
	])('%s (%s): the same numbers as AWS, in the first run', async (metricMath, _what, lowest) => {
		const setupResult = await setup(metricMath);
		const {engine, sim} = setupResult;
		sim.resetCalls();
		await engine.refreshAll();
		expect(sim.calls()['cloudwatch:ListMetrics']).toBe(1);
		// Every summed metric that has series reached the step the endpoint evaluates.
		expect(modes(engine)).toMatchObject({
			'Connect.Success': lowest,
			'PublishIn.Success': lowest,
			RulesExecuted: 'stat',
			'Rule action Failure': lowest,
			'Rule ParseError': lowest,
		});
		// Connect.Success is summed over its protocols that reported in the last three hours.
		const protocols = activeSeries(sim.metrics, 'Connect.Success', START);
		expect(protocols).toBeGreaterThan(0);
		const connects = engine.store.getSnapshot().sources.metrics.series.find((series) => series.spec.label === 'Connect.Success')!;
		expect(connects.query).toMatchObject({mode: lowest, series: protocols});
		const frame = await expectBoardMatches(setupResult);
		expect(stripAnsi(frame)).toMatch(/Metrics last 1h · period 60s · \d+ summed via ListMetrics/);

		// Enter on Connect.Success: the chart's subtitle says how it is summed.
		await rendered!.press('enter');
		const chart = stripAnsi(await rendered!.waitForFrame((text) => text.includes('Esc back')));
		expect(chart).toContain(
			`Metric Connect.Success · last 1h · ${lowest === 'math' ? 'summed' : 'summed here'} over ${protocols} series from ListMetrics · Esc back`,
		);

		// The next refresh asks once, at the step reached, and reads ListMetrics again only after resourcesInterval (a minute).
		setupResult.clock.advance(30_000);
		sim.resetCalls();
		await engine.refreshAll();
		expect(sim.calls()['cloudwatch:GetMetricData']).toBe(1);
		expect(sim.calls()['cloudwatch:ListMetrics'] ?? 0).toBe(0);
		rendered!.unmount();
		rendered = undefined;
		await expectBoardMatches(setupResult);
	});

	it('a summed metric that never reported reads "no data" on every endpoint', async () => {
		for (const metricMath of ['full', 'ids-only', 'none'] as const) {
			const {engine, sim} = await setup(metricMath, defaultBoard(60), {incidents: []});
			await engine.refreshAll();
			const throttles = engine.store.getSnapshot().sources.metrics.series.find((series) => series.spec.label === 'Connect.Throttle')!;
			expect({metricMath, hasData: throttles.hasData, status: throttles.status}).toEqual({metricMath, hasData: false, status: 'Complete'});
			expect(paneRows(await renderMetrics(engine, START), ['Connect.Throttle'])).toEqual({'Connect.Throttle': 'no data'});
			rendered!.unmount();
			rendered = undefined;
			clients!.destroy();
			clients = undefined;
			await sim.close();
			simulator = undefined;
		}
	});

	it('a new series (a protocol, a site) is summed after resourcesInterval, with its earlier periods', async () => {
		const temperature: MetricSpec = {
			id: 'custom0',
			label: 'Fleet temp',
			namespace: 'Fleet',
			metricName: 'Temp',
			dimensions: [],
			statistic: 'Sum',
			period: 60,
			unit: '',
			sumOverDimensions: ['Site'],
		};
		const {engine, clock, sim} = await setup('ids-only', [temperature], {incidents: []});
		const put = (site: string, minutesAgo: number, value: number) =>
			sim.metrics.put('Fleet', [
				{
					MetricName: 'Temp',
					Dimensions: [{Name: 'Site', Value: site}],
					Value: value,
					Timestamp: (Math.floor(clock.now() / MINUTE) * MINUTE - minutesAgo * MINUTE + 1000) / 1000,
				},
			]);
		put('lab', 5, 10);
		put('lab', 3, 20);
		await engine.refreshAll();
		const points = () => snapshotMetrics(engine, clock.now()).items[0].points.map((point) => point.value);
		expect(points()).toEqual([10, 20]);
		expect(modes(engine)).toEqual({'Fleet temp': 'client'});

		// A second site reports, also in a period already read: not summed until ListMetrics is read again.
		put('plant', 3, 1);
		put('plant', 1, 2);
		clock.advance(30_000);
		sim.resetCalls();
		await engine.refreshAll();
		expect(sim.calls()['cloudwatch:ListMetrics'] ?? 0).toBe(0);
		expect(points()).toEqual([10, 20]);

		clock.advance(60_000);
		await engine.refreshAll();
		expect(sim.calls()['cloudwatch:ListMetrics']).toBe(1);
		expect(points()).toEqual([10, 21, 2]);
		expect(engine.store.getSnapshot().sources.metrics.series[0].query).toMatchObject({mode: 'client', series: 2});
	});
});

describe('GetMetricData limits', () => {
	it.each<MetricMathSupport>(['full', 'ids-only'])('%s: data over many NextToken pages is complete and right', async (metricMath) => {
		const setupResult = await setup(metricMath);
		const {engine, sim} = setupResult;
		sim.limits.maxDatapointsPerCall = 37;
		sim.resetCalls();
		await engine.refreshAll();
		// Paging happened (several hundred datapoints in pages of 37).
		expect(sim.calls()['cloudwatch:GetMetricData']).toBeGreaterThanOrEqual(5);
		await expectBoardMatches(setupResult);
		for (const series of engine.store.getSnapshot().sources.metrics.series)
			expect({label: series.spec.label, status: series.status}).toEqual({label: series.spec.label, status: 'Complete'});
	});

	it.each<MetricMathSupport>(['no-search', 'ids-only'])(
		'%s: a metric summed over 600 series (two ListMetrics pages, two calls of queries) adds up every one',
		async (metricMath) => {
			const sites: MetricSpec = {
				id: 'custom0',
				label: 'Site heartbeats',
				namespace: 'Fleet',
				metricName: 'Heartbeat',
				dimensions: [],
				statistic: 'Sum',
				period: 60,
				unit: '',
				sumOverDimensions: ['Site'],
			};
			const {engine, sim, clock} = await setup(metricMath, [sites], {incidents: []});
			const minute = Math.floor(START / MINUTE) * MINUTE;
			const beats = (minutesAgo: number, value: (site: number) => number) =>
				sim.metrics.put(
					'Fleet',
					Array.from({length: 600}, (_, site) => ({
						MetricName: 'Heartbeat',
						Dimensions: [{Name: 'Site', Value: `site-${site}`}],
						Value: value(site),
						Timestamp: (minute - minutesAgo * MINUTE + 1000) / 1000,
					})),
				);
			beats(4, () => 1);
			beats(2, (site) => site);
			sim.resetCalls();
			await engine.refreshAll();
			expect(sim.calls()['cloudwatch:ListMetrics']).toBe(2);
			// SUM over 600 series cannot share one call with them: summed here, in two calls of queries.
			expect(engine.store.getSnapshot().sources.metrics.series[0]).toMatchObject({
				status: 'Complete',
				query: {mode: 'client', series: 600},
			});
			expect(snapshotMetrics(engine, clock.now()).items[0].points.map((point) => point.value)).toEqual([600, (599 * 600) / 2]);
		},
	);

	it('a board of 501 metrics: every one of them shows its own value (two calls)', async () => {
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
		const {engine, sim, clock} = await setup('full', many, {incidents: []});
		const at = (Math.floor(START / MINUTE) * MINUTE - 10 * MINUTE + 1000) / 1000;
		for (let index = 0; index < many.length; index += 500) {
			sim.metrics.put(
				'Fleet',
				many.slice(index, index + 500).map((_, offset) => ({MetricName: `M${index + offset}`, Value: index + offset + 1, Timestamp: at})),
			);
		}
		sim.resetCalls();
		await engine.refreshAll();
		expect(sim.calls()['cloudwatch:GetMetricData']).toBe(2);
		const items = snapshotMetrics(engine, clock.now()).items;
		expect(items.map((item) => item.last)).toEqual(many.map((_, index) => index + 1));
		expect(engine.store.getSnapshot().sources.metrics.series.filter((series) => series.status !== 'Complete')).toEqual([]);
	});
});

describe('an answer with fields left out or garbled shows as unknown, never as a wrong value', () => {
	type Result = {Id?: string; Timestamps?: unknown[]; Values?: unknown[]; StatusCode?: string; Messages?: unknown[]};

	async function cwSetup(rewrite: (results: Result[], response: Record<string, unknown>) => void, metricMath: MetricMathSupport = 'full') {
		cwSim = await startCwSim({incidents: [], metricMath});
		cwSim.rewrite = (operation, response) => {
			if (operation === 'GetMetricData') rewrite(response.MetricDataResults as Result[], response);
			return response;
		};
		clients = clientsFor(cwSim.url);
		const engine = testEngine(clients, {windowMs: WINDOW, now: () => cwSim!.clock.now()}, [metricsSource]);
		await engine.refreshAll();
		const series = (label: string) => engine.store.getSnapshot().sources.metrics.series.find((item) => item.spec.label === label)!;
		rendered = renderAt(<App engine={engine} initialPane="metrics" initialZoom now={cwSim.clock.now()} />, {columns: 120, rows: 36});
		const frame = stripAnsi(await rendered.waitForFrame((text) => stripAnsi(text).includes('Rule ParseError')));
		return {engine, series, frame};
	}
	const byId = (results: Result[], id: string) => results.find((result) => result.Id === id);

	it('results without an Id: their metrics read unknown, not "no data", on every step of the ladder', async () => {
		const {series, frame} = await cwSetup((results) => {
			// RulesExecuted (a MetricStat) and every query of Connect.Success (SEARCH, SUM, its series).
			for (const result of results) if (/^iot(0|6)(_|$)/.test(result.Id ?? '')) delete result.Id;
		});
		expect(series('RulesExecuted')).toMatchObject({
			hasData: false,
			status: 'Unknown',
			messages: ['GetMetricData returned no result for this query'],
		});
		expect(series('Connect.Success')).toMatchObject({hasData: false, status: 'Unknown', query: {mode: 'client'}});
		expect(paneRows(frame, ['Connect.Success', 'RulesExecuted'])).toEqual({'Connect.Success': 'unknown', RulesExecuted: 'unknown'});
		expect(series('PublishIn.Success').status).toBe('Complete');
	});

	it('Timestamps and Values of different lengths: none of its values is used', async () => {
		const {series, frame} = await cwSetup((results) => {
			byId(results, 'iot6')?.Values!.pop();
		});
		expect(series('RulesExecuted')).toMatchObject({hasData: false, status: 'Unknown'});
		expect(series('RulesExecuted').messages?.[0]).toMatch(/gave \d+ timestamps for \d+ values/);
		expect(paneRows(frame, ['RulesExecuted']).RulesExecuted).toBe('unknown');
	});

	it('no StatusCode: the values are shown, marked "?"; a non-finite value is left out, not drawn', async () => {
		let newest: number | undefined;
		const {series, frame, engine} = await cwSetup((results) => {
			delete byId(results, 'iot6')!.StatusCode;
			const publishes = byId(results, 'iot3')!;
			newest = publishes.Values!.at(-1) as number;
			publishes.Values![publishes.Values!.length - 1] = 'NaN';
		});
		const rules = series('RulesExecuted');
		expect(rules).toMatchObject({hasData: true, status: 'Unknown'});
		expect(frame).toMatch(new RegExp(`RulesExecuted\\s+${formatValue(rules.values.at(-1), '')}\\? `));
		const publishes = series('PublishIn.Success');
		expect(publishes.status).toBe('Unknown');
		expect(publishes.values).not.toContain(Number.NaN);
		// The NaN period is missing, not 0 and not the value it replaced.
		const raw = engine.store.getSnapshot().sources.metrics.series.find((item) => item.spec.label === 'PublishIn.Success')!;
		expect(raw.values.at(-1)).not.toBe(newest);
		expect(raw.timestamps.at(-1)).toBeLessThan(Math.floor(CW_START / MINUTE) * MINUTE - MINUTE);
	});

	it("CloudWatch's messages and a PartialData that no page completed are shown with the chart", async () => {
		const {series, frame} = await cwSetup((results, response) => {
			Object.assign(byId(results, 'iot4')!, {
				StatusCode: 'PartialData',
				Messages: [{Code: 'MaxQueryTimeRangeExceed', Value: 'Too much data'}],
			});
			response.Messages = [{Code: 'Notice', Value: 'a message\u001b[31m for the call'}];
		});
		const throttles = series('PublishIn.Throttle');
		expect(throttles.status).toBe('PartialData');
		expect(throttles.messages).toEqual(['MaxQueryTimeRangeExceed: Too much data', 'Notice: a message for the call']);
		expect(frame).toMatch(/PublishIn\.Throttle\s+(\S+\?|unknown)/);
	});

	it('ListMetrics refused on an endpoint that answers SEARCH empty: unknown, not "no data", and the pane says why', async () => {
		cwSim = await startCwSim({incidents: [], metricMath: 'ids-only', faults: ['cloudwatch:ListMetrics=denied']});
		clients = clientsFor(cwSim.url);
		const engine = testEngine(clients, {windowMs: WINDOW, now: () => cwSim!.clock.now()}, [metricsSource]);
		await engine.refreshAll();
		const connects = engine.store.getSnapshot().sources.metrics.series.find((series) => series.spec.label === 'Connect.Success')!;
		expect(connects).toMatchObject({hasData: false, status: 'Unknown', query: {mode: 'search'}});
		rendered = renderAt(<App engine={engine} initialPane="metrics" initialZoom now={cwSim.clock.now()} />, {columns: 120, rows: 36});
		const frame = stripAnsi(await rendered.waitForFrame((text) => stripAnsi(text).includes('Rule ParseError')));
		expect(frame).toContain('⚠ ListMetrics failed (AccessDeniedException): an empty SEARCH reads as unknown.');
		expect(paneRows(frame, ['Connect.Success', 'RulesExecuted'])).toMatchObject({'Connect.Success': 'unknown'});
		expect(paneRows(frame, ['RulesExecuted']).RulesExecuted).toMatch(/^\d+ ↓/);
	});

	it('ListMetrics lists a series without a dimension value: the sum of the others is shown, marked "?"', async () => {
		cwSim = await startCwSim({incidents: [], metricMath: 'ids-only'});
		cwSim.rewrite = (operation, response) => {
			const metrics = response.Metrics as Array<{MetricName: string; Dimensions: Array<{Name: string; Value?: string}>}> | undefined;
			if (operation === 'ListMetrics')
				for (const metric of metrics ?? [])
					if (metric.MetricName === 'PublishIn.Success' && metric.Dimensions[0].Value === 'HTTP') delete metric.Dimensions[0].Value;
			return response;
		};
		clients = clientsFor(cwSim.url);
		const engine = testEngine(clients, {windowMs: WINDOW, now: () => cwSim!.clock.now()}, [metricsSource]);
		await engine.refreshAll();
		const publishes = engine.store.getSnapshot().sources.metrics.series.find((series) => series.spec.label === 'PublishIn.Success')!;
		expect(publishes).toMatchObject({hasData: true, status: 'Unknown', query: {mode: 'client', series: 1}});
		expect(publishes.messages).toContain('ListMetrics listed 1 series of this metric without a dimension name or value: not summed');
		rendered = renderAt(<App engine={engine} initialPane="metrics" initialZoom now={cwSim.clock.now()} />, {columns: 120, rows: 36});
		const frame = stripAnsi(await rendered.waitForFrame((text) => stripAnsi(text).includes('Rule ParseError')));
		expect(frame).toMatch(/PublishIn\.Success\s+\S+\? /);
	});

	it('a SEARCH answered InternalError steps down to the listed series', async () => {
		let calls = 0;
		const {series} = await cwSetup((results) => {
			// Only the first call's SEARCH: the SUM([...]) that follows is answered as it is.
			if (calls++ === 0) Object.assign(byId(results, 'iot0')!, {StatusCode: 'InternalError', Timestamps: [], Values: []});
		});
		expect(series('Connect.Success')).toMatchObject({hasData: true, status: 'Complete', query: {mode: 'math', series: 2}});
	});
});
