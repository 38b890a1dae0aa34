// Snapshots of the real app against the simulator: every format's content, the schema, the
// `s` key's atomic files, and failures that do not stop the app.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {CreateLogStreamCommand, PutLogEventsCommand} from '@aws-sdk/client-cloudwatch-logs';
import {CreateThingCommand} from '@aws-sdk/client-iot';
import {Ajv2020} from 'ajv/dist/2020.js';
import {XMLValidator} from 'fast-xml-parser';
import React from 'react';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {type AwsClients} from '../../source/aws/clients.js';
import {Engine, withSlice} from '../../source/live/engine.js';
import {buildSnapshot} from '../../source/snapshot/json.js';
import {startSimulator, type Simulator} from '../../source/sim/index.js';
import {ansiToScreenText} from '../../source/snapshot/svg.js';
import {FrameWriter} from '../../source/terminal/frameWriter.js';
import {shownScreen, snapshotToDirectory} from '../../source/cli/tui.js';
import {App} from '../../source/ui/App.js';
import {renderOffscreen} from '../../source/ui/offscreen.js';
import {renderSnapshot, savedMessage} from '../../source/ui/snapshotActions.js';
import {renderAt, stripAnsi} from '../helpers/render.js';
import {clientsFor, testEngine} from '../helpers/engine.js';

const schema = JSON.parse(fs.readFileSync(fileURLToPath(new URL('../../snapshot.schema.json', import.meta.url)), 'utf8')) as object;
const validate = new Ajv2020({allErrors: true, strict: false}).compile(schema);
const size = {columns: 120, rows: 36};

let simulator: Simulator;
let clients: AwsClients;
let engine: Engine;

beforeAll(async () => {
	simulator = await startSimulator({port: 0, seed: 3, things: 8});
	clients = clientsFor(simulator.url);
	await clients.iot.send(new CreateThingCommand({thingName: 'snapshot-boiler', attributePayload: {attributes: {site: 'plant-9'}}}));
	await clients.logs.send(new CreateLogStreamCommand({logGroupName: 'AWSIotLogsV2', logStreamName: 'snap'}));
	await clients.logs.send(
		new PutLogEventsCommand({
			logGroupName: 'AWSIotLogsV2',
			logStreamName: 'snap',
			logEvents: [
				{
					timestamp: Date.now(),
					message: JSON.stringify({
						logLevel: 'WARN',
						eventType: 'Publish-In',
						status: 'Failure',
						clientId: 'snapshot-boiler',
						reason: 'SNAPSHOT-REASON\u001b[2J',
					}),
				},
			],
		}),
	);
	simulator.alarms.putMetricAlarm({
		AlarmName: 'snapshot-seeded-alarm',
		Namespace: 'AWS/IoT',
		MetricName: 'Connect.AuthError',
		Dimensions: [{Name: 'Protocol', Value: 'MQTT'}],
		Statistic: 'Sum',
		Period: 60,
		EvaluationPeriods: 1,
		Threshold: 100_000,
		ComparisonOperator: 'GreaterThanThreshold',
	});
	engine = testEngine(clients, {logBuffer: 20_000});
	await engine.refreshAll();
});

afterAll(async () => {
	clients?.destroy();
	await simulator?.close();
});

describe('snapshot formats', () => {
	it('json validates against snapshot.schema.json and holds the seeded data', async () => {
		const json = JSON.parse(await renderSnapshot(engine, 'json', size, Date.now())) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- a parsed document
		expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
		expect(json.schemaVersion).toBe(3);
		expect(json.alarms.items.map((alarm: {name: string}) => alarm.name)).toContain('snapshot-seeded-alarm');
		expect(json.resources.things.items).toContainEqual(expect.objectContaining({name: 'snapshot-boiler', attributes: {site: 'plant-9'}}));
		const event = json.logs.items.find((item: {clientId?: string}) => item.clientId === 'snapshot-boiler');
		expect(event).toMatchObject({level: 'WARN', eventType: 'Publish-In', reason: 'SNAPSHOT-REASON'});
		expect(new Date(json.generatedAt).toISOString()).toBe(json.generatedAt);
		expect(typeof json.metrics.items[0].points[0].value).toBe('number');
		for (const name of ['alarms', 'metrics', 'logs', 'resources']) expect(json[name].error).toBeNull();
	});

	it('the document in memory (the text, markdown and exit code read it) is the one its JSON reads back as: no undefined members, no number JSON cannot hold', () => {
		const state = engine.store.getSnapshot();
		const [first, ...rest] = state.sources.metrics.series;
		// A value JSON has no number for: the file says null, and so must the document.
		const odd = withSlice(state, 'metrics', (metrics) => ({
			...metrics,
			series: [{...first, values: [Number.NaN, ...first.values.slice(1)]}, ...rest],
		}));
		const snapshot = buildSnapshot(odd, {version: 'test', windowMs: 3_600_000, logGroups: ['AWSIotLogsV2'], now: Date.now()});
		expect(snapshot.metrics.items[0].points[0].value).toBeNull();
		expect(snapshot.logs.items.length).toBeGreaterThan(0);
		expect(snapshot).toStrictEqual(JSON.parse(JSON.stringify(snapshot)));
	});

	it('a source that failed is in the JSON with its error, and the rest still is', async () => {
		const failing = new Engine(clients, {...engine.context.options});
		simulator.faults.add('iot=denied');
		try {
			await failing.refreshAll();
		} finally {
			simulator.faults.clear();
		}
		const json = JSON.parse(await renderSnapshot(failing, 'json', size, Date.now())) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- a parsed document
		expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
		expect(json.resources.error.message).toContain('iot:ListThings');
		expect(json.alarms.items.length).toBeGreaterThan(0);
	});

	it('alarms that fail after a good round: the error, counts null (never 0), the last good rows with their fetchedAt; the text says the counts are unknown and promises no retry', async () => {
		const failing = new Engine(clients, {...engine.context.options});
		const before = JSON.parse(await renderSnapshot(failing, 'json', size, Date.now())) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- a parsed document
		// Before the first answer the counts are not known either.
		expect(before.alarms.summary).toEqual({alarm: null, insufficient: null, ok: null, other: null});
		await failing.refreshAll();
		const good = failing.store.getSnapshot().sources.alarms;
		expect(good.rows.length).toBeGreaterThan(0);
		simulator.faults.add('cloudwatch:DescribeAlarms=error:503');
		try {
			await failing.refreshAll();
		} finally {
			simulator.faults.clear();
		}
		const json = JSON.parse(await renderSnapshot(failing, 'json', size, Date.now())) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- a parsed document
		expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
		expect(json.alarms.summary).toEqual({alarm: null, insufficient: null, ok: null, other: null});
		expect(json.alarms.error).toMatchObject({
			kind: 'transient',
			operation: 'cloudwatch:DescribeAlarms',
			message: 'AWS had a server error on cloudwatch:DescribeAlarms (HTTP 503 ServiceUnavailable).',
		});
		expect(json.alarms.fetchedAt).toBe(new Date(good.fetchedAt!).toISOString());
		expect(json.alarms.items.map((alarm: {name: string}) => alarm.name).sort()).toEqual(good.rows.map((row) => row.name).sort());
		const text = await renderSnapshot(failing, 'text', size, Date.now());
		expect(text).toContain('== Alarms (counts unknown)');
		expect(text).toMatch(/fetched \d+s ago · ERROR: AWS had a server error on cloudwatch:DescribeAlarms \(HTTP 503 ServiceUnavailable\)\./);
		expect(text).toContain('snapshot-seeded-alarm');
		expect(text).not.toMatch(/Alarms \(\d+ ALARM/);
		expect(text).not.toMatch(/retry/i);
	});

	it('says what the Logs source is doing as the pane does: following with a rate; paused or failing with no rate (unknown, not 0), never following', async () => {
		const logs = new Engine(clients, {...engine.context.options, logPollInterval: 2000, logSince: 600_000});
		const read = async () => JSON.parse(await renderSnapshot(logs, 'json', size, Date.now())) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- a parsed document
		const before = await read();
		expect(before.logs).toMatchObject({state: 'starting', eventsPerSecond: null, pollIntervalSeconds: 2, sinceSeconds: 600, mode: 'poll'});
		await logs.refreshAll();
		const following = await read();
		expect(validate(following), JSON.stringify(validate.errors)).toBe(true);
		expect(following.logs.state).toBe('following');
		expect(typeof following.logs.eventsPerSecond).toBe('number');
		simulator.faults.add('logs:FilterLogEvents=error:503');
		try {
			await logs.refreshAll();
		} finally {
			simulator.faults.clear();
		}
		const failing = await read();
		expect(validate(failing), JSON.stringify(validate.errors)).toBe(true);
		expect(failing.logs).toMatchObject({state: 'failing', eventsPerSecond: null});
		expect(failing.logs.error.operation).toBe('logs:FilterLogEvents');
		expect(await renderSnapshot(logs, 'text', size, Date.now())).toMatch(/== Logs \(\d+ events from AWSIotLogsV2; failing\)/);
		logs.togglePause();
		try {
			expect((await read()).logs).toMatchObject({state: 'paused', eventsPerSecond: null});
		} finally {
			logs.stop();
		}
	});

	it('says how each metric was asked for: SEARCH on AWS, summed here where the endpoint evaluates no metric math (moto)', async () => {
		const asMoto = await startSimulator({port: 0, seed: 3, things: 0, metricMath: 'ids-only'});
		const motoClients = clientsFor(asMoto.url);
		try {
			const onMoto = testEngine(motoClients);
			await onMoto.refreshAll();
			const json = JSON.parse(await renderSnapshot(onMoto, 'json', size, Date.now())) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- a parsed document
			expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
			const connects = json.metrics.items.find((item: {label: string}) => item.label === 'Connect.Success');
			expect(connects.query.mode).toBe('client');
			expect(connects.query.series).toBeGreaterThan(0);
			expect(connects.hasData).toBe(true);
			const onAws = JSON.parse(await renderSnapshot(engine, 'json', size, Date.now())) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- a parsed document
			expect(onAws.metrics.items.find((item: {label: string}) => item.label === 'Connect.Success').query.mode).toBe('search');
		} finally {
			motoClients.destroy();
			await asMoto.close();
		}
	});

	it('text shows what the panes show, with no escape byte', async () => {
		const text = await renderSnapshot(engine, 'text', size, Date.now());
		expect(text).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/);
		for (const heading of ['== Alarms', '== Metrics', '== Logs', '== Resources']) expect(text).toContain(heading);
		expect(text).toMatch(/INSUFFICIENT_DATA\s+snapshot-seeded-alarm\s+\S+\s+Connect\.AuthError Sum > 100000 for 1 of 1 x 1 min/);
		expect(text).toMatch(/WARN\s+Publish-In\s+snapshot-boiler\s+.*Failure\s+SNAPSHOT-REASON/);
		expect(text).toMatch(/snapshot-boiler\s+.*site=plant-9/);
	});

	it('markdown has the same content as tables for a ticket', async () => {
		const markdown = await renderSnapshot(engine, 'markdown', size, Date.now());
		expect(markdown).toContain('## Alarms');
		expect(markdown).toMatch(/^\| STATE \| NAME \| FOR \| CONDITION \| REASON \|$/m);
		expect(markdown).toMatch(/^\| INSUFFICIENT_DATA \| snapshot-seeded-alarm \| \S+ \| Connect\.AuthError Sum > 100000/m);
		expect(markdown).toMatch(/^\| snapshot-boiler \|/m);
	});

	it('svg is well-formed XML and holds the pane texts, in colour', async () => {
		const svg = await renderSnapshot(engine, 'svg', size, Date.now());
		expect(XMLValidator.validate(svg)).toBe(true);
		const texts = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((match) => match[1]).join(' ');
		for (const title of ['Alarms', 'Metrics', 'Logs', 'Resources']) expect(texts).toContain(title);
		expect(texts).toContain('snapshot-boiler');
		expect(svg).not.toContain('\u001B');
		// Focus colour and state colours come through the terminal emulator.
		expect(new Set([...svg.matchAll(/fill="(#[0-9a-f]{6})"/g)].map((match) => match[1])).size).toBeGreaterThan(4);
	});
});

describe('the s key', () => {
	it('writes JSON, text and SVG atomically and names them in the status bar', async () => {
		const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'iot-top-snap-'));
		// What the test terminal shows is its last whole frame (Ink's debug mode writes whole frames).
		const shown = async () => ({...size, ansi: rendered.lastFrame()});
		const rendered = renderAt(
			<App engine={engine} initialPane="alarms" onSnapshot={() => snapshotToDirectory(engine, directory, shown)} />,
			size,
		);
		try {
			await rendered.waitForFrame((frame) => frame.includes('snapshot-seeded'));
			await rendered.press('s');
			const frame = stripAnsi(await rendered.waitForFrame((text) => text.includes('Saved')));
			const files = fs.readdirSync(directory).sort();
			expect(files).toHaveLength(3);
			expect(files.map((file) => path.extname(file))).toEqual(['.json', '.svg', '.txt']);
			const base = path.basename(files[0], '.json');
			expect(base).toMatch(/^iot-top-\d{8}T\d{6}Z$/);
			// Every file by its full path (the status bar is 120 columns: the short form names the json in full).
			expect(frame).toContain(`Saved ${path.join(directory, base)}.json`);
			expect(validate(JSON.parse(fs.readFileSync(path.join(directory, files[0]), 'utf8')))).toBe(true);
		} finally {
			rendered.unmount();
		}
	});

	it('reports a failure in the status bar and the app carries on', async () => {
		const missing = path.join(os.tmpdir(), 'iot-top-no-such-dir', 'deeper');
		const shown = async () => ({...size, ansi: rendered.lastFrame()});
		const rendered = renderAt(
			<App engine={engine} initialPane="alarms" onSnapshot={() => snapshotToDirectory(engine, missing, shown)} />,
			size,
		);
		try {
			await rendered.waitForFrame((frame) => frame.includes('snapshot-seeded'));
			await rendered.press('s');
			const frame = stripAnsi(await rendered.waitForFrame((text) => text.includes('Snapshot failed')));
			expect(frame).toContain(`Snapshot failed: directory ${missing} does not exist`);
			await rendered.press('4');
			expect(stripAnsi(await rendered.waitForFrame((text) => text.includes('snapshot-boiler')))).toContain('Resources');
		} finally {
			rendered.unmount();
		}
	});
});

/** The App as the full-screen session draws it (Ink -> frame writer), with `s` wired as runTui wires it. */
function fullScreenApp(directory: string, columns = 120, rows = 36) {
	let writer!: FrameWriter;
	const onSnapshot = () => snapshotToDirectory(engine, directory, () => shownScreen(writer));
	const screen = renderOffscreen(<App engine={engine} initialPane="alarms" onSnapshot={onSnapshot} />, {
		columns,
		rows,
		through: (terminal) => (writer = new FrameWriter(terminal, {intervalMs: 0})),
	});
	return {
		async press(...keys: string[]) {
			for (const key of keys) await screen.type(key);
		},
		/** Waits for a frame that shows it; returns the terminal's screen the frame writer left. */
		async waitFor(predicate: (text: string) => boolean, what: string): Promise<string> {
			await screen
				.waitForFrame((frame) => predicate(stripAnsi(frame)))
				.catch((error: Error) => {
					throw new Error(`never shown: ${what}; ${error.message}`);
				});
			writer.flush();
			return (await ansiToScreenText(writer.screenAnsi().ansi, columns, rows)).join('\n');
		},
		unmount() {
			screen.unmount();
			writer.close();
		},
	};
}

/** The text of an SVG's rows, as one string per row (by their y), for what a user would read. */
function svgRows(svg: string): string[] {
	const rows = new Map<string, string[]>();
	for (const [, y, text] of svg.matchAll(/<text x="[^"]*" y="([^"]*)"[^>]*>([^<]*)<\/text>/g)) rows.set(y, [...(rows.get(y) ?? []), text]);
	return [...rows.values()].map((texts) => texts.join(' '));
}

describe('the s key saves the screen the user sees', () => {
	it('zoomed on a filtered Logs pane: the SVG holds the filter and the zoomed pane, not the other panes; every file by its absolute path', async () => {
		const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'iot-top-shown-'));
		// Given relative, as --snapshot-dir . is: the status bar still names where the files are.
		const relative = path.relative(process.cwd(), directory);
		const app = fullScreenApp(relative);
		try {
			await app.waitFor((text) => text.includes('Resources') && text.includes('snapshot-seeded'), 'the dashboard');
			await app.press('3', 'z', '/', ...'snapshot-boiler', '\r');
			await app.waitFor((text) => text.includes('filter: snapshot-boiler') && !text.includes('Resources'), 'Logs zoomed and filtered');
			await app.press('s');
			const shown = await app.waitFor((text) => text.includes('Saved'), 'the saved message');
			const files = fs.readdirSync(directory).sort();
			expect(files.map((file) => path.extname(file))).toEqual(['.json', '.svg', '.txt']);
			expect(shown).toContain(`Saved ${directory}${path.sep}iot-top-`);
			const svg = fs.readFileSync(path.join(directory, files[1]), 'utf8');
			expect(XMLValidator.validate(svg)).toBe(true);
			const rows = svgRows(svg);
			expect(rows.some((row) => /filter: snapshot-boiler/.test(row))).toBe(true);
			expect(rows.some((row) => /╭─ +Logs/.test(row))).toBe(true);
			for (const other of ['Alarms', 'Metrics', 'Resources']) expect(rows.join('\n')).not.toMatch(new RegExp(`─ +${other} `));
			// Every row shown is one the filter lets through.
			const events = rows.filter((row) => /^│ \d\d:\d\d:\d\d /.test(row));
			expect(events.length).toBeGreaterThan(0);
			expect(events.every((row) => row.includes('snapshot-boiler'))).toBe(true);
			// The JSON and text still hold every pane's data.
			const json = JSON.parse(fs.readFileSync(path.join(directory, files[0]), 'utf8')) as {
				alarms: {items: unknown[]};
				resources: {things: {items: unknown[]}};
			};
			expect(json.alarms.items.length).toBeGreaterThan(0);
			expect(json.resources.things.items.length).toBeGreaterThan(0);
			expect(fs.readFileSync(path.join(directory, files[2]), 'utf8')).toContain('== Resources');
		} finally {
			app.unmount();
		}
	});

	it('a filter cleared before s is not in the SVG', async () => {
		const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'iot-top-shown-'));
		const app = fullScreenApp(directory);
		try {
			await app.waitFor((text) => text.includes('Resources') && text.includes('snapshot-seeded'), 'the dashboard');
			await app.press('3', '/', ...'snapshot-boiler', '\r');
			await app.waitFor((text) => text.includes('filter: snapshot-boiler'), 'the filter');
			await app.press('\u001B');
			await app.waitFor((text) => !text.includes('filter: snapshot-boiler'), 'the filter cleared');
			await app.press('s');
			await app.waitFor((text) => text.includes('Saved'), 'the saved message');
			const svg = fs.readFileSync(
				path.join(
					directory,
					fs.readdirSync(directory).find((file) => file.endsWith('.svg'))!,
				),
				'utf8',
			);
			const rows = svgRows(svg).join('\n');
			expect(rows).not.toContain('snapshot-boiler ▌');
			expect(rows).not.toMatch(/\/ ?snapshot-boiler|filter: snapshot-boiler/);
			// The dashboard, Logs focused: all four panes.
			for (const pane of ['Alarms', 'Metrics', 'Logs', 'Resources']) expect(rows).toMatch(new RegExp(`─ +${pane} `));
		} finally {
			app.unmount();
		}
	});

	it('keys that arrive in one read with s (z then s): the SVG is the screen the keys before s left', async () => {
		const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'iot-top-shown-'));
		const app = fullScreenApp(directory);
		try {
			await app.waitFor((text) => text.includes('Resources') && text.includes('snapshot-seeded'), 'the dashboard');
			await app.press('3');
			await app.press('zs');
			await app.waitFor((text) => text.includes('Saved'), 'the saved message');
			const svg = fs.readFileSync(
				path.join(
					directory,
					fs.readdirSync(directory).find((file) => file.endsWith('.svg'))!,
				),
				'utf8',
			);
			const rows = svgRows(svg).join('\n');
			expect(rows).toMatch(/╭─ +Logs /);
			expect(rows).not.toMatch(/─ +Resources /);
		} finally {
			app.unmount();
		}
	});

	it('the status bar sentence names each file by its full path, and fits the bar', () => {
		const files = {
			json: '/home/oncall/snaps/iot-top-20261124T033000Z.json',
			txt: '/home/oncall/snaps/iot-top-20261124T033000Z.txt',
			svg: '/home/oncall/snaps/iot-top-20261124T033000Z.svg',
		};
		expect(savedMessage(files)).toBe(`Saved ${files.json}, ${files.txt} and ${files.svg}`);
		expect(savedMessage(files, 200)).toBe(`Saved ${files.json}, ${files.txt} and ${files.svg}`);
		expect(savedMessage(files, 120)).toBe(`Saved ${files.json} .txt .svg`);
	});
});
