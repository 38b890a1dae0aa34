// The metric browser, the board changed at run time, and CloudWatch dashboards, against the
// simulator over HTTP: what the on-call engineer sees in the Metrics pane (levels, recent
// marks, the preview, the added row with its data, the dashboard's widgets under their
// titles) and gets (the config file `w` writes, the snapshot's exit code).
import {PutDashboardCommand, PutMetricDataCommand} from '@aws-sdk/client-cloudwatch';
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import React from 'react';
import {afterEach, describe, expect, it} from 'vitest';
import type {AwsClients} from '../../source/aws/clients.js';
import {resolveConfig} from '../../source/config/config.js';
import type {EngineOptions} from '../../source/live/context.js';
import type {Engine} from '../../source/live/engine.js';
import {createManualClock, type ManualClock} from '../../source/sim/contract.js';
import {startSimulator, type Simulator} from '../../source/sim/index.js';
import {MINUTE} from '../../source/sim/scenario.js';
import {App} from '../../source/ui/App.js';
import {runCli} from '../helpers/cli.js';
import {clientsFor, testEngine} from '../helpers/engine.js';
import {renderAt, stripAnsi, type Rendered} from '../helpers/render.js';

/** 2026-11-24 02:00:30 UTC. */
const START = Date.UTC(2026, 10, 24, 2, 0, 30);

let simulator: Simulator | undefined;
let clients: AwsClients | undefined;
let engine: Engine | undefined;
let rendered: Rendered | undefined;
let directory: string | undefined;

afterEach(async () => {
	rendered?.unmount();
	rendered = undefined;
	engine?.stop();
	engine = undefined;
	clients?.destroy();
	clients = undefined;
	await simulator?.close();
	simulator = undefined;
	if (directory) rmSync(directory, {recursive: true, force: true});
	directory = undefined;
});

async function setup(
	options: Partial<EngineOptions> = {},
	simulatorOptions: Parameters<typeof startSimulator>[0] = {},
): Promise<{clock: ManualClock; sim: Simulator; engine: Engine; clients: AwsClients}> {
	const clock = createManualClock(START);
	simulator = await startSimulator({port: 0, seed: 3, things: 5, logRate: 1, clock, ...simulatorOptions});
	clients = clientsFor(simulator.url);
	engine = testEngine(clients, {now: () => clock.now(), logGroups: [], ...options});
	return {clock, sim: simulator, engine, clients};
}

/** Custom metrics over the wire: Fleet/Temperature for two sites in the last 10 minutes, and one series last heard from 5 hours ago. */
async function seedCustomMetrics(client: AwsClients): Promise<void> {
	const minutes = Array.from({length: 10}, (_, index) => START - (index + 1) * MINUTE);
	await client.cloudwatch.send(
		new PutMetricDataCommand({
			Namespace: 'Fleet',
			MetricData: minutes.flatMap((at, index) => [
				{MetricName: 'Temperature', Dimensions: [{Name: 'Site', Value: 'lab'}], Timestamp: new Date(at), Value: 20 + index},
				{MetricName: 'Temperature', Dimensions: [{Name: 'Site', Value: 'dock'}], Timestamp: new Date(at), Value: 5},
			]),
		}),
	);
	await client.cloudwatch.send(
		new PutMetricDataCommand({
			Namespace: 'Archive',
			MetricData: [{MetricName: 'OldJobs', Timestamp: new Date(START - 5 * 60 * MINUTE), Value: 1}],
		}),
	);
}

const until = async (what: (text: string) => boolean) => stripAnsi(await rendered!.waitForFrame((text) => what(stripAnsi(text))));
/** The Metrics pane's column of the 120-column screen, zoomed: its rows without the borders. */
const rowOf = (text: string, label: string) => text.split('\n').find((row) => row.includes(label));

describe('the metric browser', () => {
	it('lists namespaces (recent first), drills down, filters, previews, adds a row that draws with data; d removes it', async () => {
		const setupDone = await setup();
		await seedCustomMetrics(setupDone.clients);
		await setupDone.engine.refreshAll();
		setupDone.engine.start();
		rendered = renderAt(<App engine={setupDone.engine} initialPane="metrics" initialZoom now={START} />, {columns: 120, rows: 36});
		await until((text) => text.includes('Connect.Success'));

		await rendered.press('a');
		let text = await until((text) => text.includes('3 namespaces'));
		expect(text).toContain('Metric browser Namespaces · Esc closes');
		// Active in the last 3 hours first and marked; Archive (5 hours quiet) last, unmarked.
		const names = text
			.split('\n')
			.map((row) => /│[› ]([● ]) (\S+)\s+(\d+) series/.exec(row))
			.filter((match) => match !== null)
			.map((match) => `${match[1] === '●' ? '●' : '-'}${match[2]}`);
		expect(names).toEqual(['●AWS/IoT', '●Fleet', '-Archive']);
		expect(text).toContain('2 active in the last 3h, listed first');

		// `/` filters the level; Enter keeps the filter, Enter again drills into Fleet.
		await rendered.send('/', 'F', 'l', 'e');
		text = await until((text) => text.includes('1 namespace ·'));
		expect(text).not.toContain('AWS/IoT');
		await rendered.press('enter');
		await rendered.press('enter');
		text = await until((text) => text.includes('Metric browser Fleet ·'));
		expect(text).toMatch(/›● Temperature +2 series/);
		await rendered.press('enter');
		text = await until((text) => text.includes('Fleet › Temperature') && text.includes('Site=lab'));
		expect(text).toMatch(/Site=dock/);
		// The selected series previewed over the window: dock reads 5 in each of its minutes.
		text = await until((text) => /[▁-█]+ +5 +↓5 ↑5/.test(text));
		expect(text).toContain('Average · 60s · Enter adds it to the board');

		// Esc goes up a level (the filter there is kept), Enter back down; j to lab, Enter adds it.
		await rendered.press('escape');
		await until((text) => text.includes('Metric browser Fleet ·'));
		await rendered.press('enter');
		await until((text) => text.includes('Site=lab'));
		await rendered.press('j');
		await rendered.press('enter');
		text = await until((text) => text.includes('Metrics last 1h') && /Temperature lab +\d+ /.test(text));
		// The new row draws like the others: its last value (20, the newest minute), a sparkline and min/max.
		expect(rowOf(text, 'Temperature lab')).toMatch(/›Temperature lab +20 [▁-█ ]+↓20 ↑29/);
		expect(text).toContain('Added Temperature lab to the board.');

		// d removes the selected row (the new one: the cursor went to it).
		await rendered.press('d');
		text = await until((text) => !text.includes('Temperature lab'));
		expect(text).toContain('Connect.Success');
		expect(setupDone.engine.store.getSnapshot().sources.metrics.series.map((series) => series.spec.label)).not.toContain('Temperature lab');
	});

	it('reads every ListMetrics page: a namespace listed only on the last page is there', async () => {
		const {sim, engine: app, clients: client} = await setup();
		await seedCustomMetrics(client);
		await client.cloudwatch.send(
			new PutMetricDataCommand({Namespace: 'Zulu', MetricData: [{MetricName: 'Late', Value: 1, Timestamp: new Date(START - MINUTE)}]}),
		);
		// Ten metrics a page: the AWS/IoT series, Fleet and Zulu span several pages; Zulu sorts last.
		sim.limits.listMetricsPageSize = 10;
		sim.resetCalls();
		rendered = renderAt(<App engine={app} initialPane="metrics" initialZoom now={START} />, {columns: 120, rows: 36});
		await rendered.press('a');
		const text = await until((text) => /\d+ namespaces/.test(text));
		expect(text).toMatch(/ Zulu +1 series/);
		expect(text).toMatch(/4 namespaces/);
		const listed = app.store.getSnapshot().sources.metrics.catalog!;
		expect(sim.calls()['cloudwatch:ListMetrics']).toBe(listed.pages);
		expect(listed.pages).toBeGreaterThan(2);
	});

	it('w writes the board into the config file: a fresh resolveConfig reads the new board, the other settings kept', async () => {
		directory = mkdtempSync(path.join(tmpdir(), 'iot-top-board-'));
		const file = path.join(directory, 'config.json');
		writeFileSync(file, '{\n\t"interval": "10s",\n\t"logGroups": ["AWSIotLogsV2", "fleet-events"],\n\t"bell": true\n}\n');
		const {engine: app, clients: client} = await setup({configFile: file});
		await seedCustomMetrics(client);
		await app.refreshAll();
		rendered = renderAt(<App engine={app} initialPane="metrics" initialZoom now={START} />, {columns: 120, rows: 36});
		await rendered.press('a');
		await until((text) => text.includes('3 namespaces'));
		await rendered.send('/', 'F', 'l', 'e', 'enter', 'enter', 'enter');
		await until((text) => text.includes('Site=lab'));
		await rendered.press('enter');
		await until((text) => text.includes('Temperature dock'));
		await rendered.press('w');
		const text = await until((text) => text.includes('Wrote the board'));
		expect(text).toContain(`Wrote the board (1 metric) to ${file}`);
		const written = readFileSync(file, 'utf8');
		expect(written).toMatch(/^\{\n\t"interval": "10s",\n\t"logGroups"/);
		const config = await resolveConfig({options: {config: file}, env: {HOME: directory}});
		expect(config.interval).toBe(10_000);
		expect(config.logGroups).toEqual(['AWSIotLogsV2', 'fleet-events']);
		expect(config.bell).toBe(true);
		expect(config.customMetrics).toEqual([
			{
				label: 'Temperature dock',
				namespace: 'Fleet',
				metricName: 'Temperature',
				dimensions: {Site: 'dock'},
				statistic: 'Average',
				period: undefined,
				unit: '',
			},
		]);
	});

	it('w creates the config file at the path the app reads when there is none', async () => {
		directory = mkdtempSync(path.join(tmpdir(), 'iot-top-board-'));
		const file = path.join(directory, 'iot-top', 'config.json');
		const {engine: app} = await setup({configFile: file});
		await app.refreshAll();
		rendered = renderAt(<App engine={app} initialPane="metrics" initialZoom now={START} />, {columns: 120, rows: 36});
		await until((text) => text.includes('Connect.Success'));
		await rendered.press('d');
		await until((text) => !text.includes('›Connect.Success'));
		await rendered.press('w');
		const text = await until((text) => text.includes('Wrote the board'));
		expect(text).toContain(`to ${file}`);
		expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({});
	});
});

describe('CloudWatch dashboards', () => {
	it('--dashboard shows its metric widgets in order under their titles, "." rows resolved, skipped widgets named', async () => {
		const {engine: app} = await setup({dashboard: 'iot-fleet-overview'});
		await app.refreshAll();
		rendered = renderAt(<App engine={app} initialPane="metrics" initialZoom now={START} />, {columns: 120, rows: 36});
		const text = await until((text) => text.includes('─ Connections'));
		expect(text).toContain('Metrics dashboard iot-fleet-overview · last 1h');
		expect(text).toContain('Skipped widgets: text, alarm status "Fleet alarms"');
		const order = text
			.split('\n')
			.map((row) => /^│[› ]?(─ .+?|[A-Za-z][\w .%()]+?)(?: {2,}| +\d|\s*│)/.exec(row)?.[1]?.trim())
			.filter((label): label is string => label !== undefined && !label.startsWith('Skipped'));
		expect(order).toEqual([
			'─ Connections',
			'MQTT connects',
			'HTTP connects',
			'Auth errors (MQTT)',
			'─ Auth error rate',
			'Auth errors % of connects',
			'─ Rules',
			'RulesExecuted',
			expect.stringMatching(/failures$/),
		]);
		// "." took the namespace, the metric name and the dimension name from the row above.
		const specs = app.store.getSnapshot().sources.metrics.series.map((series) => series.spec);
		expect(specs.find((spec) => spec.label === 'HTTP connects')).toMatchObject({
			namespace: 'AWS/IoT',
			metricName: 'Connect.Success',
			dimensions: [{name: 'Protocol', value: 'HTTP'}],
			statistic: 'Sum',
			period: 60,
		});
		expect(specs.find((spec) => spec.label === 'Auth errors (MQTT)')).toMatchObject({
			metricName: 'Connect.AuthError',
			dimensions: [{name: 'Protocol', value: 'MQTT'}],
		});
		// Every row drew data, the expression too (100 * e / (e + s) over the hidden rows).
		for (const label of ['MQTT connects', 'Auth errors % of connects', 'RulesExecuted']) {
			expect(rowOf(text, label)).toMatch(/ \d+(\.\d+)? [▁-█ ]+↓/);
		}
	});

	it.each([
		['evaluates no math but a bare id (as moto)', 'ids-only'],
		['fails any call with an expression (as LocalStack)', 'none'],
	] as const)('an endpoint that %s: the expression row reads unknown, never "no data"; the other rows draw', async (_, metricMath) => {
		const {engine: app} = await setup({dashboard: 'iot-fleet-overview'}, {metricMath});
		await app.refreshAll();
		rendered = renderAt(<App engine={app} initialPane="metrics" initialZoom now={START} />, {columns: 120, rows: 36});
		const text = await until((text) => text.includes('─ Auth error rate'));
		expect(rowOf(text, 'Auth errors % of connects')).toMatch(/Auth errors % of connects +unknown/);
		expect(rowOf(text, 'MQTT connects')).toMatch(/MQTT connects +\d+ [▁-█ ]+↓/);
		const rate = app.store.getSnapshot().sources.metrics.series.find((series) => series.spec.label === 'Auth errors % of connects')!;
		expect(rate.messages?.join(' ')).toMatch(metricMath === 'none' ? /refused the metric math/ : /may not evaluate it/);
	});

	it('an unknown dashboard: the pane says it could not be read and shows the default board', async () => {
		const {engine: app} = await setup({dashboard: 'nope'});
		await app.refreshAll();
		rendered = renderAt(<App engine={app} initialPane="metrics" initialZoom now={START} />, {columns: 120, rows: 36});
		const text = await until((text) => text.includes('Connect.Success'));
		const said = text.replace(/│\n│/g, ' ').replace(/ +/g, ' ');
		expect(said).toContain(
			'⚠ Dashboard nope could not be read: this account has no dashboard of that name in us-east-1. Showing the default board.',
		);
		expect(text).toMatch(/Connect\.Success +\d+/);
	});

	it('D lists the dashboards; Enter shows one as the board; a body the app cannot read says why', async () => {
		const {engine: app, clients: client} = await setup();
		await client.cloudwatch.send(
			new PutDashboardCommand({
				DashboardName: 'notes-only',
				DashboardBody: JSON.stringify({widgets: [{type: 'text', properties: {markdown: 'hi'}}]}),
			}),
		);
		await app.refreshAll();
		rendered = renderAt(<App engine={app} initialPane="metrics" initialZoom now={START} />, {columns: 120, rows: 36});
		await until((text) => text.includes('Connect.Success'));
		app.start();
		await rendered.press('D');
		let text = await until((text) => text.includes('3 dashboards'));
		expect(text).toMatch(/›iot-fleet-overview/);
		expect(text).toContain('iot-messaging');
		await rendered.send('/', 'm', 'e', 's', 's', 'enter');
		await until((text) => text.includes('1 dashboard ·'));
		await rendered.press('enter');
		text = await until((text) => text.includes('─ Messages') && /PublishIn\.Success MQTT +\d/.test(text));
		expect(text).toContain('Skipped widgets: logs "Recent errors"');
		expect(text).toMatch(/PublishIn\.Success MQTT +\d+/);
		expect(text).not.toContain('Connect.Success');

		await rendered.press('D');
		await until((text) => text.includes('3 dashboards'));
		await rendered.send('/', 'n', 'o', 't', 'enter');
		await until((text) => text.includes('1 dashboard ·'));
		await rendered.press('enter');
		text = await until((text) => text.includes('⚠ Dashboard notes-only'));
		expect(text).toContain('Dashboard notes-only has no metric iot-top can draw (skipped: text).');
		// The board stays what it was.
		expect(text).toContain('─ Messages');
	});

	it('snapshot --dashboard of an unknown dashboard exits 1 with one sentence', async () => {
		const result = await runCli(['snapshot', '--demo', '--dashboard', 'nope', '--format', 'json']);
		expect(result.code).toBe(1);
		expect(result.stderr.trim()).toBe(
			'iot-top: metrics: Dashboard nope could not be read: this account has no dashboard of that name in us-east-1.',
		);
		const ok = await runCli(['snapshot', '--demo', '--dashboard', 'iot-fleet-overview', '--format', 'json']);
		expect(ok.code).toBe(0);
		expect(
			JSON.parse(ok.stdout)
				.metrics.items.map((item: {label: string}) => item.label)
				.slice(0, 3),
		).toEqual(['MQTT connects', 'HTTP connects', 'Auth errors (MQTT)']);
	});
});
