// The App against a store filled by hand: layout at each size, keys, help, zoom.
import React from 'react';
import {afterEach, describe, expect, it} from 'vitest';
import {Engine} from '../../source/live/engine.js';
import {appendLogEvents} from '../../source/model/logBuffer.js';
import {defaultBoard} from '../../source/model/metricBoard.js';
import {App} from '../../source/ui/App.js';
import {clientsFor, testEngine} from '../helpers/engine.js';
import {renderAt, stripAnsi, type Rendered} from '../helpers/render.js';

const NOW = Date.UTC(2026, 10, 24, 3, 0, 0);

function seededEngine(): Engine {
	// Never started: the store is filled by hand, so no request is ever sent.
	const engine = testEngine(clientsFor('http://127.0.0.1:9'), {logBuffer: 1000});
	const specs = defaultBoard(60);
	engine.store.update((state) => ({
		...state,
		sources: {
			changes: state.sources.changes,
			health: state.sources.health,
			fleet: state.sources.fleet,
			alarms: {
				...state.sources.alarms,
				loading: false,
				fetchedAt: NOW - 2000,
				rows: [
					{
						name: 'quiet-alarm',
						kind: 'metric',
						state: 'OK',
						stateReason: 'fine',
						stateTransitionedAt: NOW - 3_600_000,
						metricName: 'Connect.Success',
						statistic: 'Sum',
						comparisonOperator: 'LessThanThreshold',
						threshold: 1,
						period: 60,
						evaluationPeriods: 5,
					},
					{
						name: 'auth-errors',
						kind: 'metric',
						state: 'ALARM',
						stateReason: 'Threshold Crossed',
						stateTransitionedAt: NOW - 200_000,
						metricName: 'Connect.AuthError',
						statistic: 'Sum',
						comparisonOperator: 'GreaterThanThreshold',
						threshold: 10,
						period: 60,
						evaluationPeriods: 3,
						datapointsToAlarm: 3,
					},
				],
			},
			metrics: {
				loading: false,
				fetchedAt: NOW - 2000,
				series: specs.map((spec, index) => ({
					spec,
					timestamps: index === 1 ? [] : [NOW - 120_000, NOW - 60_000],
					values: index === 1 ? [] : [3, 1234],
					hasData: index !== 1,
					// Fetched: CloudWatch answered (a metric that never reported answers Complete with no datapoint).
					status: 'Complete',
				})),
			},
			logs: {
				...state.sources.logs,
				loading: false,
				fetchedAt: NOW,
				buffer: appendLogEvents(
					state.sources.logs.buffer,
					Array.from({length: 40}, (_, index) => ({
						id: String(index),
						timestamp: NOW - (40 - index) * 1000,
						logGroup: 'AWSIotLogsV2',
						message: '{}',
						level: index % 10 === 0 ? 'ERROR' : 'INFO',
						eventType: index % 10 === 0 ? 'Connection.AuthNError' : 'Publish-In',
						clientId: `sensor-${index}`,
						topicName: 'fleet/telemetry',
						status: index % 10 === 0 ? 'Failure' : 'Success',
						json: true,
					})),
				),
			},
			resources: {
				...state.sources.resources,
				loading: false,
				fetchedAt: NOW,
				things: {
					complete: false,
					opened: true,
					rows: [{name: 'thermostat-kitchen', type: 'thermostat', attributes: {site: 'lab'}, version: 3}],
				},
			},
		},
	}));
	return engine;
}

let rendered: Rendered | undefined;
afterEach(() => {
	rendered?.unmount();
	rendered = undefined;
});

const frameText = () => stripAnsi(rendered!.lastFrame());

describe('App layout', () => {
	it('shows all four panes at 120x36, one focused, within rows - 1 lines', async () => {
		rendered = renderAt(<App engine={seededEngine()} initialPane="alarms" now={NOW} />, {columns: 120, rows: 36});
		const frame = await rendered.waitForFrame((text) => stripAnsi(text).includes('thermostat-kitch'));
		const text = stripAnsi(frame);
		for (const title of [' Alarms ', ' Metrics ', ' Logs ', ' Resources ']) expect(text).toContain(title);
		expect(text.split('\n')).toHaveLength(35);
		for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(120);
		// ALARM first, with symbol, for how long, and the condition in words.
		expect(text).toMatch(/✖ ALARM\s+auth-errors\s+3m20s Connect\.Auth/);
		expect(text.indexOf('auth-errors')).toBeLessThan(text.indexOf('quiet-alarm'));
		expect(text).toContain('1 ALARM  0 INSUFFICIENT  1 OK');
		// A metric that never reported says so; one that did shows its last value.
		expect(text).toMatch(/Connect\.AuthError\s+no data/);
		expect(text).toMatch(/Connect\.Success\s+1\.2k/);
		expect(text).toContain('Connection.AuthNError');
		expect(text).toContain('1 of 1+ loaded');
		expect(text).toContain('│ demo · us-east-1 │');
	});

	it('below 120x36 shows the focused pane under a tab bar naming all four', async () => {
		rendered = renderAt(<App engine={seededEngine()} initialPane="resources" now={NOW} />, {columns: 100, rows: 30});
		const text = stripAnsi(await rendered.waitForFrame((frame) => frame.includes('thermostat-kitch')));
		expect(text).toMatch(/1 Alarms\s+2 Metrics\s+3 Logs\s+4 Resources/);
		expect(text).not.toContain('auth-errors');
		await rendered.press('1');
		expect(frameText()).toContain('auth-errors');
		expect(frameText()).not.toContain('thermostat-kitch');
		// 5: the Resources pane on its Fleet sub-tab, and the tab bar says so (5 Fleet in reverse, not 4 Resources).
		const reversed = (label: string) => new RegExp(String.raw`\u001B\[7m(?:\u001B\[[\d;]*m)* ` + label + ' ').test(rendered!.lastFrame());
		expect(frameText()).toMatch(/4 Resources\s+5 Fleet/);
		expect(reversed('5 Fleet')).toBe(false);
		await rendered.press('5');
		await rendered.waitForFrame((frame) => stripAnsi(frame).includes('Fleet   Things'));
		expect(reversed('5 Fleet')).toBe(true);
		expect(reversed('4 Resources')).toBe(false);
		// The pane keeps its sub-tab: ] goes on to Things, and the tab bar back to 4 Resources.
		await rendered.press(']');
		expect(reversed('4 Resources')).toBe(true);
		expect(reversed('5 Fleet')).toBe(false);
	});

	it('below 80x20 says the terminal is too small, and what it needs', async () => {
		rendered = renderAt(<App engine={seededEngine()} initialPane="alarms" now={NOW} />, {columns: 70, rows: 18});
		expect(stripAnsi(await rendered.waitForFrame((frame) => frame.includes('too small')))).toContain('terminal too small (need 80x20)');
	});

	it('follows a resize', async () => {
		rendered = renderAt(<App engine={seededEngine()} initialPane="alarms" now={NOW} />, {columns: 120, rows: 36});
		await rendered.waitForFrame((frame) => frame.includes('Resources'));
		await rendered.resize(70, 18);
		await rendered.waitForFrame((frame) => frame.includes('too small'));
		await rendered.resize(130, 40);
		await rendered.waitForFrame((frame) => frame.includes('thermostat-kitch'));
	});
});

describe('App keys', () => {
	it('Tab, Shift-Tab and numbers move the focus; z zooms', async () => {
		rendered = renderAt(<App engine={seededEngine()} initialPane="alarms" now={NOW} />, {columns: 120, rows: 36});
		await rendered.waitForFrame((frame) => frame.includes('thermostat-kitch'));
		await rendered.press('z');
		expect(frameText()).not.toContain('thermostat-kitch');
		expect(frameText()).toMatch(/✖ ALARM\s+auth-errors\s+3m20s Connect\.AuthError Sum > 10 for 3 of 3 x 1 min\s+Threshold Cross/);
		await rendered.press('tab');
		expect(frameText()).toContain('PublishIn.Success');
		expect(frameText()).not.toContain('auth-errors');
		await rendered.press('shift+tab');
		expect(frameText()).toContain('auth-errors');
		await rendered.press('4');
		expect(frameText()).toContain('thermostat-kitch');
		await rendered.press('z');
		expect(frameText()).toContain('auth-errors');
	});

	it('j/k move the selection and ? shows the help from the keymap, scrolled with the list keys', async () => {
		rendered = renderAt(<App engine={seededEngine()} initialPane="alarms" now={NOW} />, {columns: 120, rows: 36});
		await rendered.waitForFrame((frame) => frame.includes('auth-errors'));
		expect(frameText()).toMatch(/› ✖ ALARM/);
		await rendered.press('j');
		expect(frameText()).toMatch(/› ✔ OK/);
		await rendered.press('k');
		expect(frameText()).toMatch(/› ✖ ALARM/);
		await rendered.press('?');
		expect(frameText()).toContain('Move down');
		// More keys than rows: the footer says where you are, G goes to the end of it.
		expect(frameText()).toMatch(/─ 1-31 of \d+ · j\/k, PgDn, g\/G scroll ─/);
		expect(frameText()).not.toContain('Invert the sort order');
		await rendered.press('G');
		expect(frameText()).toContain('Invert the sort order');
		expect(frameText()).toContain('Quit');
		await rendered.press('g');
		expect(frameText()).toMatch(/─ 1-31 of /);
		await rendered.press('pagedown');
		const footer = () => /─ (\d+)-(\d+) of (\d+) /.exec(frameText())!.slice(1).map(Number);
		expect(footer()[0]).toBeGreaterThan(1);
		// Page after page reaches the end of the help, and stops there.
		for (let page = 0; page < 10 && footer()[1] < footer()[2]; page++) await rendered.press('pagedown');
		expect(footer()[1]).toBe(footer()[2]);
		await rendered.press('escape');
		expect(frameText()).not.toContain('Move down');
	});

	it('scrolling up in logs stops following and says how many are newer', async () => {
		rendered = renderAt(<App engine={seededEngine()} initialPane="logs" now={NOW} />, {columns: 100, rows: 30});
		await rendered.waitForFrame((frame) => frame.includes('sensor-39'));
		expect(frameText()).toContain('following');
		for (let i = 0; i < 30; i++) await rendered.press('k');
		expect(frameText()).toContain('30 new');
		expect(frameText()).not.toContain('sensor-39');
		await rendered.press('G');
		expect(frameText()).toContain('sensor-39');
	});
});

describe('a pane that fails to draw', () => {
	it('shows its error in its own box while the others keep working', async () => {
		const engine = seededEngine();
		// A series without its spec: the metrics pane throws while drawing it.
		engine.store.update((state) => ({...state, sources: {...state.sources, metrics: {...state.sources.metrics, series: [{} as never]}}}));
		rendered = renderAt(<App engine={engine} initialPane="alarms" now={NOW} />, {columns: 120, rows: 36});
		const text = stripAnsi(await rendered.waitForFrame((frame) => frame.includes('failed to draw')));
		expect(text).toContain('⚠ This pane failed to draw');
		expect(text).toContain('auth-errors');
		await rendered.press('4');
		expect(frameText()).toContain('thermostat-kitch');
	});
});

describe('layout changes keep each pane as it was', () => {
	it('zoom keeps the cursor, and keys in one chunk each see the focus the previous left', async () => {
		rendered = renderAt(<App engine={seededEngine()} initialPane="metrics" now={NOW} />, {columns: 120, rows: 36});
		await rendered.waitForFrame((frame) => frame.includes('thermostat-kitch'));
		await rendered.press('jj');
		expect(frameText()).toMatch(/›Connect\.Throttle/);
		await rendered.press('z');
		expect(frameText()).toMatch(/›Connect\.Throttle/);
		await rendered.press('z');
		// "1j" in one chunk: the j moves the Alarms cursor, not the Metrics one.
		await rendered.press('1j');
		expect(frameText()).toMatch(/›\S*\s*✔ OK/);
		await rendered.press('2');
		expect(frameText()).toMatch(/›Connect\.Throttle/);
	});
});

describe('a log buffer that a poll pushed events out of', () => {
	it('is let go once a quarter of the buffer went: the App renders the same data once more (React keeps the last props in its second tree); a small append does not', async () => {
		const engine = seededEngine();
		// The whole list loaded: the App asks the engine for no page, whose failure would land among the counted renders.
		engine.store.update((state) => ({
			...state,
			sources: {...state.sources, resources: {...state.sources.resources, things: {...state.sources.resources.things, complete: true}}},
		}));
		let commits = 0;
		const app = renderAt(
			<React.Profiler id="app" onRender={() => commits++}>
				<App engine={engine} initialPane="alarms" now={NOW} />
			</React.Profiler>,
			{columns: 120, rows: 36},
		);
		rendered = app;
		await app.waitForFrame((text) => stripAnsi(text).includes('sensor-39'));
		const event = (id: string) => ({id, timestamp: NOW, logGroup: 'AWSIotLogsV2', message: id});
		const events = (prefix: string, count: number) => Array.from({length: count}, (_, index) => event(`${prefix}-${index}`));
		const appendLogs = (fresh: ReturnType<typeof event>[], skipped = 0) =>
			engine.store.update((state) => ({
				...state,
				sources: {...state.sources, logs: {...state.sources.logs, buffer: appendLogEvents(state.sources.logs.buffer, fresh, skipped)}},
			}));
		// Counted from an idle React (renders left from the step before are not counted) to an idle React.
		const commitsFor = async (fresh: ReturnType<typeof event>[], skipped = 0) => {
			await app.settled();
			const before = commits;
			appendLogs(fresh, skipped);
			await app.waitForFrame((text) => stripAnsi(text).includes(fresh.at(-1)!.id));
			await app.settled();
			return commits - before;
		};
		// Fill the buffer (1,000 events), uncounted: the first render after mount also applies
		// the terminal-size hook's no-op update from mount, an empty commit of its own.
		await commitsFor(events('fill', 990));
		expect(engine.store.getSnapshot().sources.logs.buffer.length).toBe(1000);
		// A poll that pushes out less than a quarter: no extra render.
		expect(await commitsFor(events('append', 200))).toBe(1);
		// A quarter or more pushed out, part of the buffer kept: one more render.
		expect(await commitsFor(events('busy', 300))).toBe(2);
		// A flood: more than the buffer holds, none of the old events stay.
		expect(await commitsFor(events('flood', 1000), 500)).toBe(2);
		expect(engine.context.clients.stats.attempts).toBe(0);
	});
});
