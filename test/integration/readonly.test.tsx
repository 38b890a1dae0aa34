// iot-top is read-only: driven through every pane and every key of the keymap against the
// simulator, it calls nothing but read operations (the simulator counts every call).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import React from 'react';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {PANES} from '../../source/ui/paneIds.js';
import {type AwsClients} from '../../source/aws/clients.js';
import {startSimulator, type Simulator} from '../../source/sim/index.js';
import {snapshotToDirectory} from '../../source/cli/tui.js';
import {App} from '../../source/ui/App.js';
import {KEYMAP, inScope} from '../../source/ui/keymap.js';
import {renderAt} from '../helpers/render.js';
import {clientsFor, notifications, testEngine} from '../helpers/engine.js';

const READ_OPERATION = /^(cloudwatch|logs|iot):(Describe|List|Get|Filter|Search|StartLiveTail)[A-Za-z0-9]*$/;
// Logs Insights reads (and is stopped when left): exactly these three, the top talkers' (t in Logs).
const INSIGHTS_OPERATION = /^logs:(StartQuery|GetQueryResults|StopQuery)$/;
/** The Changes and Health sub-tabs' reads: exactly these (README's IAM policy). */
const READ_OPERATIONS_OF_CHANGES_AND_HEALTH = ['cloudtrail:LookupEvents', 'health:DescribeEvents', 'health:DescribeEventDetails'];

let simulator: Simulator;
let clients: AwsClients;

beforeAll(async () => {
	// The fleet index on: the Fleet view (5) calls its aggregations too.
	simulator = await startSimulator({port: 0, seed: 5, things: 300, fleetIndex: 'connectivity'});
	clients = clientsFor(simulator.url);
});

afterAll(async () => {
	clients?.destroy();
	await simulator?.close();
});

describe('read-only', () => {
	it('every pane and every key calls only read operations', async () => {
		const engine = testEngine(clients, {interval: 1000, logBuffer: 5000, resourcesInterval: 5000});
		const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'iot-top-readonly-'));
		simulator.resetCalls();
		engine.start();
		const shown = async () => ({columns: 120, rows: 36, ansi: rendered.lastFrame()});
		const saves: Array<Promise<unknown>> = [];
		const onSnapshot = () => {
			const saved = snapshotToDirectory(engine, directory, shown);
			saves.push(saved);
			return saved;
		};
		const rendered = renderAt(<App engine={engine} initialPane="alarms" onSnapshot={onSnapshot} />, {columns: 120, rows: 36});
		try {
			await rendered.waitForFrame((frame) => frame.includes('Resources'));
			let pressed = 0;
			for (const [index, pane] of PANES.entries()) {
				await rendered.press(String(index + 1));
				for (const binding of KEYMAP) {
					if (binding.id === 'app.quit' || !inScope(binding, pane, true)) continue;
					for (const key of binding.keys) {
						await rendered.press(key);
						// Open whatever the key selected, then back out of details, prompts, zoom.
						await rendered.press('enter');
						await rendered.press('escape');
						await rendered.press('escape');
						pressed++;
					}
				}
			}
			expect(pressed).toBeGreaterThan(40);
			// The top talkers view (global keys above leave the focus elsewhere before the Logs keys come):
			// its Logs Insights query runs, is read, and is stopped when the view is left.
			await rendered.press('3');
			await rendered.press('t');
			await rendered.waitForFrame((frame) => /Logs Insights, last 15m: (Scheduled|Running|Complete)/.test(frame));
			await rendered.press(']');
			await rendered.waitForFrame((frame) => /Logs Insights, last 1h: (Scheduled|Running)/.test(frame));
			await rendered.press('escape');
			// The Changes and Health sub-tabs: a change's record, a filter, a health event's description.
			for (const key of ['1', ']', 'j', 'enter', 'escape', '/', 'x', 'enter', 'escape', 'H', 'enter', 'escape', '4', 'enter', 'escape']) {
				await rendered.press(key);
			}
			await rendered.waitForFrame((frame) => frame.includes('AWS Health'));
			// A couple of refresh cycles with everything opened and closed, and every snapshot written.
			await notifications(engine, 2);
			await Promise.allSettled(saves);
		} finally {
			rendered.unmount();
			engine.stop();
		}
		const calls = simulator.calls();
		const operations = Object.keys(calls);
		expect(operations.length).toBeGreaterThanOrEqual(4);
		expect(
			operations.filter(
				(operation) =>
					!READ_OPERATION.test(operation) &&
					!INSIGHTS_OPERATION.test(operation) &&
					!READ_OPERATIONS_OF_CHANGES_AND_HEALTH.includes(operation),
			),
		).toEqual([]);
		// The top talkers view was driven: its query started.
		expect(calls['logs:StartQuery']).toBeGreaterThan(0);
		// The new views were driven: their reads were made.
		for (const operation of READ_OPERATIONS_OF_CHANGES_AND_HEALTH) expect(operations).toContain(operation);
		// The Fleet view was driven: its read operations were called.
		for (const operation of ['iot:GetIndexingConfiguration', 'iot:GetStatistics', 'iot:GetBucketsAggregation', 'iot:SearchIndex']) {
			expect(calls[operation], operation).toBeGreaterThan(0);
		}
		// Every operation the app called is in the README's read-only IAM policy: a user who applies it gets every view.
		const readme = fs.readFileSync(path.join(import.meta.dirname, '../../README.md'), 'utf8');
		const policy = new Set(
			/## Read-only IAM policy[\s\S]*?```json([\s\S]*?)```/
				.exec(readme)![1]
				.match(/"[a-z]+:\w+"/g)!
				.map((quoted) => quoted.slice(1, -1)),
		);
		expect(operations.filter((operation) => !policy.has(operation))).toEqual([]);
		// The snapshot key wrote its files (three a press, one press a second kept): the keys were really pressed.
		expect(saves.length).toBe(PANES.length);
		const written = fs.readdirSync(directory).length;
		expect(written).toBeGreaterThanOrEqual(3);
		expect(written % 3).toBe(0);
	}, 120_000);
});
