// The fault matrix: every fault the simulator can inject, against the real engine and SDK
// clients. Each pane keeps its last good data, says what is wrong and how to fix it, and
// recovers by itself; the other panes keep working.
import React from 'react';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {type AwsClients} from '../../source/aws/clients.js';
import {Engine, retryDelay, type LiveState, type SourceName} from '../../source/live/engine.js';
import type {LiveSource} from '../../source/live/context.js';
import {openList} from '../../source/live/resourceLists.js';
import {defaultBoard} from '../../source/model/metricBoard.js';
import {startSimulator, type Simulator} from '../../source/sim/index.js';
import {App} from '../../source/ui/App.js';
import {clientsFor} from '../helpers/engine.js';
import {renderAt, stripAnsi, type Rendered} from '../helpers/render.js';
import {waitFor} from '../helpers/waitFor.js';

let simulator: Simulator;
let clients: AwsClients;

beforeAll(async () => {
	simulator = await startSimulator({port: 0, seed: 11, things: 20});
	// One attempt per call keeps the matrix fast; the SDK's own retries are exercised elsewhere.
	clients = clientsFor(simulator.url, {maxAttempts: 1, requestTimeout: 2000});
});

afterEach(() => simulator.faults.clear());

afterAll(async () => {
	clients?.destroy();
	await simulator?.close();
});

function newEngine(options: {interval?: number; profile?: string; sources?: LiveSource[]; resourcesInterval?: number} = {}): Engine {
	return new Engine(
		clients,
		{
			interval: options.interval ?? 5000,
			windowMs: 3_600_000,
			metricSpecs: defaultBoard(60),
			logGroups: ['AWSIotLogsV2'],
			logBuffer: 5000,
			resourcesInterval: options.resourcesInterval ?? options.interval ?? 60_000,
			logPollInterval: options.interval,
			source: {demo: false, region: 'us-east-1', profile: options.profile},
		},
		options.sources,
	);
}

const slice = (engine: Engine, name: SourceName) => engine.store.getSnapshot().sources[name];

async function waitForState(engine: Engine, predicate: (state: LiveState) => boolean, timeoutMs = 15_000): Promise<void> {
	await waitFor(() => predicate(engine.store.getSnapshot()), 'the state', timeoutMs).catch(() => {
		throw new Error(
			`state never matched: ${JSON.stringify(engine.store.getSnapshot().sources, (key, value) => (key === 'events' || key === 'series' || key === 'rows' ? `[${value.length}]` : key === 'buffer' ? `[${value.length} events]` : value))}`,
		);
	});
}

describe('fault matrix', () => {
	it.each([
		['throttle', 'cloudwatch:DescribeAlarms=throttle', 'alarms', 'throttled', 'cloudwatch:DescribeAlarms is throttled by AWS.'],
		[
			'5xx',
			'cloudwatch:GetMetricData=error:503',
			'metrics',
			'transient',
			'AWS had a server error on cloudwatch:GetMetricData (HTTP 503 ServiceUnavailable).',
		],
		[
			'500',
			'logs:FilterLogEvents=error:500',
			'logs',
			'transient',
			'AWS had a server error on logs:FilterLogEvents (HTTP 500 InternalFailure).',
		],
		['dropped connection', 'iot:ListThings=drop', 'resources', 'transient', /^Cannot reach AWS for iot:ListThings \(.+\)\.$/],
		[
			'AccessDenied',
			'logs:FilterLogEvents=denied',
			'logs',
			'denied',
			'Access denied to logs:FilterLogEvents: allow the IAM action logs:FilterLogEvents for this role or user.',
		],
		[
			'AccessDenied on a service',
			'iot=denied',
			'resources',
			'denied',
			'Access denied to iot:ListThings: allow the IAM action iot:ListThings for this role or user.',
		],
		[
			'not implemented (501)',
			'cloudwatch:DescribeAlarms=notimpl:501',
			'alarms',
			'unavailable',
			'cloudwatch:DescribeAlarms is not available from this endpoint.',
		],
		[
			'not implemented (500)',
			'cloudwatch:GetMetricData=notimpl:500',
			'metrics',
			'unavailable',
			'cloudwatch:GetMetricData is not available from this endpoint.',
		],
		[
			'expired token',
			'logs=expired',
			'logs',
			'credentials',
			'AWS credentials are expired or invalid: run `aws sso login --profile oncall` (or refresh them).',
		],
	] as const)(
		'%s: the pane keeps its data, says what is wrong, the others work, and it recovers',
		async (_name, fault, pane, kind, message) => {
			// Resource lists are listed again on every round here (normally once a minute).
			const engine = newEngine({profile: 'oncall', resourcesInterval: 1});
			await engine.refreshAll();
			const before = slice(engine, pane);
			expect(before.error).toBeUndefined();

			simulator.faults.add(fault);
			await engine.refreshAll();
			const failed = slice(engine, pane);
			expect(failed.error?.kind).toBe(kind);
			if (typeof message === 'string') expect(failed.error?.message).toBe(message);
			else expect(failed.error?.message).toMatch(message);
			// The last good data stays, with the time it was fetched (the header and pane show its age).
			expect(failed.fetchedAt).toBe(before.fetchedAt);
			const {error: _error, ...kept} = failed;
			const {error: _none, ...good} = before;
			if (pane === 'resources')
				expect(engine.store.getSnapshot().sources.resources.things.rows).toEqual(
					(before as typeof failed & {things: {rows: unknown[]}}).things.rows,
				);
			else if (pane !== 'logs') expect(kept).toEqual(good);
			for (const other of ['alarms', 'metrics', 'logs', 'resources'] as const) {
				if (other !== pane && !(fault.startsWith('iot=') && other === 'resources'))
					expect(slice(engine, other).error, other).toBeUndefined();
			}

			simulator.faults.clear();
			await engine.refreshAll();
			expect(slice(engine, pane).error).toBeUndefined();
			expect(slice(engine, pane).fetchedAt).toBeGreaterThan(before.fetchedAt!);
		},
	);

	it('counts throttles for the header', async () => {
		const engine = newEngine();
		simulator.faults.add('cloudwatch=throttle');
		await engine.refreshAll();
		expect(engine.store.getSnapshot().calls.throttles).toBeGreaterThanOrEqual(2);
	});

	it('recovers within one interval of the endpoint coming back, without a key press', async () => {
		const engine = newEngine({interval: 1000});
		engine.start();
		try {
			await waitForState(engine, (state) => state.sources.alarms.fetchedAt !== undefined && state.sources.logs.fetchedAt !== undefined);
			simulator.faults.add('down:2');
			await waitForState(
				engine,
				(state) => state.sources.alarms.error?.kind === 'transient' && state.sources.logs.error?.kind === 'transient',
			);
			const failedAt = engine.store.getSnapshot().sources.alarms.fetchedAt!;
			await waitForState(engine, (state) => !state.sources.alarms.error && !state.sources.metrics.error && !state.sources.logs.error);
			expect(engine.store.getSnapshot().sources.alarms.fetchedAt).toBeGreaterThan(failedAt);
		} finally {
			engine.stop();
		}
	});

	it('Resources, which lists again only once a minute, is retried at the refresh interval while it fails: it recovers with the others', async () => {
		const engine = newEngine({interval: 1000, resourcesInterval: 60_000});
		simulator.faults.add('down:3');
		engine.start();
		try {
			await waitForState(engine, (state) => state.sources.resources.error?.kind === 'transient');
			await waitForState(engine, (state) => !state.sources.resources.error && state.sources.resources.things.rows.length > 0, 10_000);
		} finally {
			engine.stop();
		}
	});

	it("a list the endpoint lacks does not hide another list's failure in the source's error", async () => {
		const engine = newEngine({resourcesInterval: 1});
		await engine.refreshAll();
		for (const kind of ['caCertificates', 'policies'] as const) await openList(engine.context, kind);
		simulator.faults.add('iot:ListCACertificates=notimpl:501');
		simulator.faults.add('iot:ListPolicies=error:503');
		await engine.refreshAll();
		const resources = slice(engine, 'resources');
		expect(resources.error).toMatchObject({kind: 'transient', operation: 'iot:ListPolicies'});
		expect(engine.store.getSnapshot().sources.resources.caCertificates.error?.kind).toBe('unavailable');
	});

	it("an unexpected exception in a source is that pane's error, not a crash", async () => {
		const broken: LiveSource = {
			name: 'metrics',
			operation: 'cloudwatch:GetMetricData',
			cadence: () => 1000,
			run: async () => {
				throw new TypeError("Cannot read properties of undefined (reading 'Values')");
			},
		};
		const engine = newEngine({sources: [broken]});
		await engine.refreshAll();
		expect(slice(engine, 'metrics').error).toMatchObject({
			kind: 'failed',
			message: "cloudwatch:GetMetricData failed: TypeError (Cannot read properties of undefined (reading 'Values')).",
		});
	});
});

describe('what the screen says while sources fail', () => {
	let rendered: Rendered | undefined;
	afterEach(() => {
		rendered?.unmount();
		rendered = undefined;
	});

	/** The dashboard at 120x36, once the frame shows `text`. */
	async function screen(engine: Engine, text: string | RegExp): Promise<string[]> {
		rendered = renderAt(React.createElement(App, {engine, initialPane: 'alarms'}), {columns: 120, rows: 36});
		const frame = await rendered.waitForFrame((raw) =>
			typeof text === 'string' ? stripAnsi(raw).includes(text) : text.test(stripAnsi(raw)),
		);
		return stripAnsi(frame).split('\n');
	}

	/** The text of the Alarms panel (top left, 60 columns), its wrapped lines joined as one reads them. */
	const alarmsPanel = (rows: string[]) =>
		rows
			.slice(2, 17)
			.map((row) => row.slice(1, 59).trim())
			.join(' ');

	it('alarms failing after a good round: the header says the counts are unknown and names the source; the pane shows the whole error and what to do', async () => {
		const engine = newEngine();
		await engine.refreshAll();
		simulator.faults.add('cloudwatch:DescribeAlarms=error:503');
		await engine.refreshAll();
		const rows = await screen(engine, 'degraded');
		expect(rows[0]).toMatch(/^ (iot-top {2})?alarms \? \(last good \d+s ago: \d+ ALARM \d+ INSUFF \d+ OK\) │ ◐ degraded: alarms │ /);
		expect(rows[0]).not.toContain('● live');
		expect(rows[0]).not.toMatch(/\d ALARM {2}\d INSUFFICIENT/);
		// The pane's title says its counts are the last good ones, not now's.
		expect(rows[1]).toMatch(/^╭─ Alarms \? \(as of \d+s ago: \d+ ALARM {2}\d+ INSUFFICIENT {2}\d+ OK\) ─/);
		expect(alarmsPanel(rows)).toContain(
			'⚠ AWS had a server error on cloudwatch:DescribeAlarms (HTTP 503 ServiceUnavailable). Retrying every 5s; recovers by itself.',
		);
		expect(alarmsPanel(rows)).toMatch(/showing data from \d+s ago/);
	});

	it('the endpoint gone: offline, in the header; every pane says it cannot reach AWS', async () => {
		// Resource lists are listed again on every round here (normally once a minute).
		const engine = newEngine({resourcesInterval: 1});
		await engine.refreshAll();
		simulator.faults.add('down:30');
		await engine.refreshAll();
		const rows = await screen(engine, 'offline');
		expect(rows[0]).toMatch(/ │ ○ offline: no source answers │ /);
		expect(rows[0]).not.toContain('● live');
		expect(alarmsPanel(rows)).toMatch(/⚠ Cannot reach AWS for cloudwatch:DescribeAlarms \(.+\)\. Retrying every 5s; recovers by itself\./);
	});

	it('a list the endpoint does not implement (CA certificates) leaves the header live and green', async () => {
		const engine = newEngine();
		await engine.refreshAll();
		simulator.faults.add('iot:ListCACertificates=notimpl:501');
		await openList(engine.context, 'caCertificates').catch(() => undefined);
		expect(engine.store.getSnapshot().sources.resources.caCertificates.error?.kind).toBe('unavailable');
		const rows = await screen(engine, '● live');
		expect(rows[0]).toMatch(/ │ ● live │ /);
		expect(rows[0]).not.toContain('degraded');
	});

	it('that list counts nothing it does not know: its title says it is not loaded, not "0 of 0" or "0 expired"', async () => {
		const engine = newEngine();
		await engine.refreshAll();
		simulator.faults.add('iot:ListCACertificates=notimpl:501');
		rendered = renderAt(React.createElement(App, {engine, initialPane: 'resources'}), {columns: 120, rows: 36});
		await rendered.waitForFrame((raw) => stripAnsi(raw).includes('THING'));
		await rendered.press(']');
		await rendered.press(']');
		const frame = stripAnsi(await rendered.waitForFrame((raw) => stripAnsi(raw).includes('ListCACertificates is not available')));
		expect(frame).toMatch(/Resources not loaded ─/);
		expect(frame).not.toMatch(/0 of 0|0 expired/);
	});
});

describe('retryDelay', () => {
	it.each([
		[5000, 0, 0.5, 5000],
		[5000, 1, 0, 5000],
		[5000, 1, 1, 10_000],
		[5000, 3, 0.5, 30_000],
		[5000, 20, 1, 300_000],
		[60_000, 0, 1, 60_000],
	])('cadence %i after %i throttled runs (random %f) waits %i ms', (cadence, runs, random, expected) => {
		expect(retryDelay(cadence, runs, random)).toBe(expected);
	});
});
