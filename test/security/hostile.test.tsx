// Device- and user-controlled text is hostile. Every string of the shared hostile-strings
// file goes in through the simulator (as AWS would hand it over) in every field that can hold
// it; the frames Ink draws, pane by pane, and the bytes the frame writer sends the terminal
// carry none of its control or escape sequences: only SGR colours, and the writer's own
// cursor moves and erases.
import {CreateLogStreamCommand, PutLogEventsCommand} from '@aws-sdk/client-cloudwatch-logs';
import React from 'react';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {type AwsClients} from '../../source/aws/clients.js';
import {startSimulator, type Simulator} from '../../source/sim/index.js';
import {FrameWriter} from '../../source/terminal/frameWriter.js';
import {App} from '../../source/ui/App.js';
import {loadHostileStrings} from '../helpers/hostile.js';
import {renderAt, stripAnsi} from '../helpers/render.js';
import {clientsFor, testEngine} from '../helpers/engine.js';

// Plus each bidi control alone in plain text (`invoice-‮fdp.exe` reads as `invoice-exe.pdf`):
// with no escape or C0/C1 beside it, only the sanitizer's check for any unsafe character catches it.
const BIDI_CONTROLS = [
	'\u202A',
	'\u202B',
	'\u202C',
	'\u202D',
	'\u202E',
	'\u2066',
	'\u2067',
	'\u2068',
	'\u2069',
	'\u200E',
	'\u200F',
	'\u061C',
];
const hostile = [
	...loadHostileStrings(),
	...BIDI_CONTROLS.map((control) => ({name: `bidi-only-${control.codePointAt(0)!.toString(16)}`, text: `invoice-${control}fdp.exe`})),
];

let simulator: Simulator;
let clients: AwsClients;

/** What the frame writer writes: SGR, cursor moves (CUF, CHA, CUP), erases (ED, EL, ECH), synchronized output. */
const ALLOWED_ESCAPE = /^\u001B\[(?:[0-9;]*[mCGHJKX]|\?2026[hl])/;
/** What Ink's frames hold: SGR only. */
const FRAME_ESCAPE = /^\u001B\[[0-9;]*m/;

function forbiddenIn(output: string, allowed = ALLOWED_ESCAPE): string[] {
	const found: string[] = [];
	for (let index = output.indexOf('\u001B'); index !== -1; index = output.indexOf('\u001B', index + 1)) {
		const sequence = output.slice(index, index + 12);
		if (!allowed.test(sequence)) found.push(JSON.stringify(sequence));
	}
	const controls =
		output.match(/[\u0000-\u0009\u000B-\u001A\u001C-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g) ?? [];
	for (const control of controls) found.push(`U+${control.codePointAt(0)!.toString(16).padStart(4, '0')}`);
	return found;
}

beforeAll(async () => {
	simulator = await startSimulator({port: 0, seed: 2, things: 0, logRate: 0, defaultAlarms: false});
	clients = clientsFor(simulator.url);
	for (const [index, {text}] of hostile.entries()) {
		const name = `${text.slice(0, 200)}-alarm-${index}`;
		simulator.alarms.putMetricAlarm({
			AlarmName: name,
			AlarmDescription: text,
			Namespace: 'AWS/IoT',
			MetricName: 'Connect.AuthError',
			Dimensions: [{Name: 'Protocol', Value: text}],
			Statistic: 'Sum',
			Period: 60,
			EvaluationPeriods: 1,
			Threshold: 1,
			ComparisonOperator: 'GreaterThanThreshold',
		});
		simulator.alarms.setAlarmState(name, 'ALARM', text);
		simulator.resources.addThing({
			thingName: `${text.slice(0, 100)}-thing-${index}`,
			attributes: {note: text.slice(0, 800), [text.slice(0, 20)]: 'x'},
		});
	}
	await clients.logs.send(new CreateLogStreamCommand({logGroupName: 'AWSIotLogsV2', logStreamName: 'hostile'}));
	const now = Date.now();
	await clients.logs.send(
		new PutLogEventsCommand({
			logGroupName: 'AWSIotLogsV2',
			logStreamName: 'hostile',
			logEvents: hostile.flatMap(({text}, index) => [
				{timestamp: now - 10_000 + index, message: text},
				{
					timestamp: now - 10_000 + index,
					message: JSON.stringify({
						logLevel: 'ERROR',
						eventType: text,
						status: text,
						clientId: text,
						topicName: text,
						reason: text,
						details: text,
						[text]: text,
					}),
				},
			]),
		}),
	);
});

afterAll(async () => {
	clients?.destroy();
	await simulator?.close();
});

describe('hostile text', () => {
	it('reaches the screen inert in every pane', async () => {
		const engine = testEngine(clients, {interval: 60_000, logBuffer: 1000});
		await engine.refreshAll();
		const state = engine.store.getSnapshot().sources;
		expect(state.alarms.rows).toHaveLength(hostile.length);
		expect(state.logs.buffer.length).toBeGreaterThanOrEqual(hostile.length * 2);
		expect(state.resources.things.rows).toHaveLength(hostile.length);

		// As the full-screen session draws: Ink's whole frames through the frame writer.
		let writer!: FrameWriter;
		const screen = renderAt(
			<App engine={engine} initialPane="alarms" />,
			{columns: 200, rows: 60},
			{through: (terminal) => (writer = new FrameWriter(terminal, {intervalMs: 0}))},
		);
		const {press} = screen;
		try {
			await screen.waitForFrame((frame) => frame.includes('Resources'));
			// Each pane zoomed, scrolled through every row, with details opened where a pane has them.
			for (const pane of ['1', '2', '3', '4']) {
				await press(pane);
				await press('z');
				for (let row = 0; row < hostile.length + 2; row++) {
					await press('down');
					if (row % 5 === 0) {
						await press('enter');
						// What the detail fetches (an alarm's history, a thing's description) is drawn too.
						await screen.waitForFrame((frame) => !/Loading (history|details)…/.test(stripAnsi(frame)));
						await press('escape');
					}
				}
				await press('escape');
			}
		} finally {
			screen.unmount();
			writer.close();
		}
		const frames = screen.frames.join('\n');
		const output = screen.stdout.writes.join('');
		expect(forbiddenIn(frames.replaceAll('\u001B[?25h', ''), FRAME_ESCAPE)).toEqual([]);
		expect(output.length).toBeGreaterThan(10_000);
		expect(output).toContain('ALL SYSTEMS NORMAL');
		// CR LF is the writer's move to the next line.
		expect(forbiddenIn(output.replaceAll('\r\n', '\n'))).toEqual([]);
	}, 120_000);
});
