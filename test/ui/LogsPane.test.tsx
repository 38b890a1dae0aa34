// The Logs pane from the keyboard, against a store filled by hand (the engine never runs):
// follow, scroll-back with "n new" and a selection that stays on its event while events arrive
// and old ones drop, `/` filter, `l` level, `e` event types, Enter detail and Esc back.
import React from 'react';
import {afterEach, describe, expect, it} from 'vitest';
import {Engine, withSlice} from '../../source/live/engine.js';
import {toLogEvent} from '../../source/model/iotLog.js';
import {appendLogEvents} from '../../source/model/logBuffer.js';
import type {LogEvent} from '../../source/model/types.js';
import {App} from '../../source/ui/App.js';
import {clientsFor, testEngine} from '../helpers/engine.js';
import {renderAt, stripAnsi, type Rendered} from '../helpers/render.js';

const NOW = Date.UTC(2026, 10, 24, 3, 0, 0);

function levelOf(index: number): string {
	return index % 10 === 0 ? 'ERROR' : index % 10 === 5 ? 'WARN' : 'INFO';
}

function typeOf(index: number): string {
	return index % 10 === 0 ? 'Connection.AuthNError' : index % 10 === 5 ? 'Publish-In' : index % 2 === 0 ? 'Connect' : 'Subscribe';
}

function events(from: number, count: number): LogEvent[] {
	return Array.from({length: count}, (_, offset) => {
		const index = from + offset;
		const message = JSON.stringify({
			timestamp: '2026-11-24 03:00:00.000',
			logLevel: levelOf(index),
			traceId: `trace-${index}`,
			accountId: '123456789012',
			status: levelOf(index) === 'INFO' ? 'Success' : 'Failure',
			eventType: typeOf(index),
			clientId: `dev-${index}`,
			topicName: `fleet/${index}/telemetry`,
			reason: levelOf(index) === 'INFO' ? undefined : `reason-${index}`,
		});
		return toLogEvent({eventId: `e${index}`, timestamp: NOW - 600_000 + index * 100, message, logStreamName: 's'}, 'AWSIotLogsV2');
	});
}

function engineWith(count: number, logBuffer = 300): Engine {
	// Never started: nothing is ever sent to this endpoint.
	const engine = testEngine(clientsFor('http://127.0.0.1:9'), {logBuffer});
	append(engine, 0, count);
	return engine;
}

function append(engine: Engine, from: number, count: number): void {
	engine.store.update((state) =>
		withSlice(state, 'logs', (logs) => ({...logs, loading: false, fetchedAt: NOW, buffer: appendLogEvents(logs.buffer, events(from, count))})),
	);
}

let rendered: Rendered | undefined;
afterEach(() => {
	rendered?.unmount();
	rendered = undefined;
});

const frameText = () => stripAnsi(rendered!.lastFrame());
/** The table rows of the frame that show a client id. */
const rows = () => frameText().split('\n').filter((line) => /\d\d:\d\d:\d\d .*dev-\d+/.test(line));
const selectedRow = () => rows().find((line) => line.includes('›'));
/** Waits for the frame to stop showing the text. */
const gone = (text: string) => rendered!.waitForFrame((frame) => !stripAnsi(frame).includes(text));
/** Waits for the frame to show the text (a frame can take longer than press() waits under load). */
const see = (expected: string | RegExp) =>
	rendered!.waitForFrame((frame) => (typeof expected === 'string' ? stripAnsi(frame).includes(expected) : expected.test(stripAnsi(frame))));

async function open(engine: Engine): Promise<Rendered> {
	rendered = renderAt(<App engine={engine} initialPane="logs" now={NOW} />, {columns: 120, rows: 36});
	await rendered.waitForFrame((frame) => frame.includes('dev-'));
	await rendered.press('z');
	return rendered;
}

describe('Logs pane keys', () => {
	it('follows the newest line; scrolling up holds the view on its event and counts what is newer; f and G follow again', async () => {
		const engine = engineWith(200);
		const view = await open(engine);
		await see('following');
		expect(rows().at(-1)).toContain('dev-199');
		append(engine, 200, 10);
		await view.waitForFrame((frame) => frame.includes('dev-209'));
		expect(stripAnsi(view.lastFrame())).toContain('following');

		for (let index = 0; index < 5; index++) await view.press('k');
		await see('5 new');
		expect(frameText()).not.toContain('following');
		expect(selectedRow()).toContain('dev-204');

		// Events arrive and the oldest drop out of the 300-event buffer: the selection stays on dev-204.
		append(engine, 210, 250);
		await view.waitForFrame((frame) => stripAnsi(frame).includes('255 new'));
		expect(selectedRow()).toContain('dev-204');
		await see('160 dropped');
		expect(frameText()).not.toContain('dev-459');

		await view.press('f');
		await see('following');
		expect(rows().at(-1)).toContain('dev-459');
		await view.press('k');
		await see('1 new');
		await view.press('G');
		await see('following');
	});

	it('/ filters the view by text; Esc clears the filter', async () => {
		const view = await open(engineWith(200));
		await view.press('/');
		await view.press('dev-12');
		await see('/dev-12');
		const shown = rows().map((line) => /dev-\d+/.exec(line)![0]);
		expect(shown).toEqual(['dev-12', ...Array.from({length: 10}, (_, index) => `dev-${120 + index}`)]);
		await view.press('enter');
		await see('11 shown');
		await view.press('escape');
		await gone('/dev-12');
		expect(rows().at(-1)).toContain('dev-199');
	});

	it('l cycles the minimum level: INFO, WARN, ERROR, then all', async () => {
		const view = await open(engineWith(200));
		await view.press('l');
		await see('≥INFO');
		await view.press('l');
		await see('≥WARN');
		expect(rows().length).toBeGreaterThan(5);
		expect(rows().every((line) => /\b(WARN|ERROR)\b/.test(line))).toBe(true);
		await view.press('l');
		await see('≥ERROR');
		expect(rows().every((line) => /\bERROR\b/.test(line))).toBe(true);
		await view.press('l');
		await gone('≥ERROR');
		expect(rows().some((line) => /\bINFO\b/.test(line))).toBe(true);
	});

	it('e picks the event types shown', async () => {
		const view = await open(engineWith(200));
		await view.press('e');
		await see(/\[x\] Connect\s+80/);
		await see(/\[x\] Connection\.AuthNError\s+20/);
		// The list is most frequent first: Connect, Subscribe, Connection.AuthNError, Publish-In.
		await view.press(' ');
		await see(/\[ \] Connect\s+80/);
		await view.press('j');
		await view.press(' ');
		await view.press('escape');
		await see('2 types');
		expect(rows().every((line) => /Connection\.AuthNError|Publish-In/.test(line))).toBe(true);
		await view.press('e');
		await view.press('a');
		await view.press('escape');
		await gone('2 types');
		expect(frameText()).not.toMatch(/\d types?/);
		expect(rows().some((line) => /\bConnect\b/.test(line))).toBe(true);
	});

	it('Enter shows the selected event in full as pretty JSON; Esc goes back to the list', async () => {
		const view = await open(engineWith(200));
		await view.press('k');
		await view.press('enter');
		const detail = stripAnsi(await see('Log event'));
		expect(detail).toContain('"clientId": "dev-198"');
		expect(detail).toContain('"traceId": "trace-198"');
		expect(detail).toMatch(/id\s+e198/);
		await view.press('escape');
		await gone('"clientId"');
		expect(selectedRow()).toContain('dev-198');
	});
});
