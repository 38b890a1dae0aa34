// The Logs pane from the keyboard, against a store filled by hand (the engine never runs):
// follow, scroll-back with "n new" and a selection that stays on its event while events arrive
// and old ones drop, `/` filter, `l` level, `e` event types, Enter detail and Esc back.
import React from 'react';
import {afterEach, describe, expect, it} from 'vitest';
import {Engine, withSlice, type LogsSlice} from '../../source/live/engine.js';
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
		withSlice(state, 'logs', (logs) => ({
			...logs,
			loading: false,
			fetchedAt: NOW,
			buffer: appendLogEvents(logs.buffer, events(from, count)),
		})),
	);
}

let rendered: Rendered | undefined;
afterEach(() => {
	rendered?.unmount();
	rendered = undefined;
});

const frameText = () => stripAnsi(rendered!.lastFrame());
/** The table rows of the frame that show a client id. */
const rows = () =>
	frameText()
		.split('\n')
		.filter((line) => /\d\d:\d\d:\d\d .*dev-\d+/.test(line));
const selectedRow = () => rows().find((line) => line.includes('›'));
/** Waits for the frame to stop showing the text. */
const gone = (text: string) => rendered!.waitForFrame((frame) => !stripAnsi(frame).includes(text));
/** Waits for the frame to show the text (what the store is given reaches the screen after a notify delay). */
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
		await see('following every 2s');
		expect(rows().at(-1)).toContain('dev-199');
		append(engine, 200, 10);
		await view.waitForFrame((frame) => frame.includes('dev-209'));
		expect(frameText()).not.toMatch(/scrolled back|\d new/);

		for (let index = 0; index < 5; index++) await view.press('k');
		await see('5 new');
		// Where the view is says nothing of the source: it still follows the log group.
		expect(frameText()).toMatch(/following every 2s · 5 new/);
		expect(selectedRow()).toContain('dev-204');

		// Events arrive and the oldest drop out of the 300-event buffer: the selection stays on dev-204.
		append(engine, 210, 250);
		await view.waitForFrame((frame) => stripAnsi(frame).includes('255 new'));
		expect(selectedRow()).toContain('dev-204');
		await see('160 dropped');
		expect(frameText()).not.toContain('dev-459');

		await view.press('f');
		await gone('255 new');
		expect(rows().at(-1)).toContain('dev-459');
		await view.press('k');
		await see('1 new');
		await view.press('G');
		await gone('1 new');
		await view.press('f');
		await see('scrolled back');
	});

	it('/ filters the view by text; Esc clears the filter', async () => {
		const view = await open(engineWith(200));
		await view.press('/');
		await view.press('dev-12');
		await see('/ dev-12▌  Enter keeps · Esc clears');
		const shown = rows().map((line) => /dev-\d+/.exec(line)![0]);
		expect(shown).toEqual(['dev-12', ...Array.from({length: 10}, (_, index) => `dev-${120 + index}`)]);
		await view.press('enter');
		await see('11 shown');
		// Kept, it says so: no cursor, and how to edit or clear it.
		await see('filter: dev-12 · 11 shown · / edits · Esc clears');
		expect(frameText()).not.toContain('dev-12▌');
		await view.press('escape');
		await gone('filter: dev-12');
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

/** The Logs pane's top border: its title and what the source is doing. */
const titleOf = (frame: string) =>
	stripAnsi(frame)
		.split('\n')
		.find((line) => line.includes('─ Logs')) ?? '';

describe('Logs title: what the source is doing, never "following" when it is not', () => {
	const error = {
		message: 'Cannot reach AWS for logs:FilterLogEvents (HTTP 503 ServiceUnavailable); retrying.',
		code: 'ServiceUnavailable',
		kind: 'transient',
		throttled: false,
		operation: 'logs:FilterLogEvents',
		at: NOW,
	} as const;
	it.each<[string, Partial<LogsSlice>, boolean, string]>([
		['following, polling', {fetchedAt: NOW - 1000, rate: 21}, false, 'Logs 21/s · following every 2s'],
		['following at --log-interval 1.5s', {fetchedAt: NOW - 1000, rate: 3.2, cadence: 1500}, false, 'Logs 3.2/s · following every 1.5s'],
		['following, live tail', {fetchedAt: NOW - 1000, rate: 21, mode: 'live', cadence: 1000}, false, 'Logs 21/s · following · live tail'],
		['paused', {fetchedAt: NOW - 1000, rate: 21}, true, 'Logs paused'],
		['behind: the page budget ran out', {fetchedAt: NOW - 1000, rate: 21, readTo: NOW - 80_000}, false, 'Logs behind by 1m20s'],
		['failing: the status line gives the error', {fetchedAt: NOW - 25_000, rate: 21, error}, false, 'Logs not following, data 25s old'],
		['late: no poll finished for two cadences', {fetchedAt: NOW - 12_000, rate: 21, late: true}, false, 'Logs not following, data 12s old'],
		['the first read, back to --since', {fetchedAt: undefined, loading: true}, false, 'Logs reading back 10m…'],
		['the first read, --since 0', {fetchedAt: undefined, loading: true, since: 0}, false, 'Logs starting…'],
		['live tail opening', {fetchedAt: undefined, loading: true, mode: 'live', cadence: 1000}, false, 'Logs opening live tail…'],
	])('%s', async (_name, slice, paused, expected) => {
		const engine = engineWith(50);
		engine.store.update((state) => ({...withSlice(state, 'logs', (logs) => ({...logs, ...slice})), paused}));
		rendered = renderAt(<App engine={engine} initialPane="logs" now={NOW} />, {columns: 100, rows: 30});
		const title = titleOf(await rendered.waitForFrame((frame) => titleOf(frame).includes(expected)));
		if (!/(?<!not )following/.test(expected)) {
			expect(title).not.toMatch(/(?<!not )following/);
			// No rate that looks live.
			expect(title).not.toMatch(/\d\/s/);
		}
		if (slice.error) expect(frameText()).toContain(`⚠ ${error.message}`);
	});

	it('shows how far back the first read got while any of it is held', async () => {
		const engine = engineWith(300, 300);
		const readBackTo = NOW - 600_000;
		engine.store.update((state) =>
			withSlice(state, 'logs', (logs) => ({
				...logs,
				backfill: {readBackTo, stoppedBy: 'buffer', pages: 20, endSeq: logs.buffer.first + logs.buffer.length},
			})),
		);
		rendered = renderAt(<App engine={engine} initialPane="logs" now={NOW} />, {columns: 100, rows: 30});
		await see('ⓘ read back to 02:50:00 of --since 10m (stopped at the 300-event buffer)');
		// Once the buffer has dropped all of it, the line goes.
		append(engine, 300, 300);
		await gone('read back to');
	});

	it('a note (live tail fell back to polling) is shown whole, wrapped in a half-width pane, not cut at the border', async () => {
		const engine = engineWith(50);
		const notice = 'Live tail unavailable (logs:StartLiveTail is not available from this endpoint); polling FilterLogEvents instead.';
		engine.store.update((state) => withSlice(state, 'logs', (logs) => ({...logs, notice})));
		rendered = renderAt(<App engine={engine} initialPane="logs" now={NOW} />, {columns: 120, rows: 36});
		await see('ⓘ Live tail unavailable');
		// The Logs pane is the bottom-left half: its body rows, borders cut off, read as one text.
		const text = frameText()
			.split('\n')
			.slice(18, 34)
			.map((row) => row.slice(1, 59).trim())
			.join(' ');
		expect(text).toContain(notice);
	});
});

describe('Logs rows: a field CloudWatch or the message left out is unknown, never a wrong value', () => {
	const iot = (fields: Record<string, unknown>) => JSON.stringify({traceId: 't', accountId: '123456789012', ...fields});
	function engineWithEvents(raws: Array<Parameters<typeof toLogEvent>[0]>): Engine {
		const engine = testEngine(clientsFor('http://127.0.0.1:9'), {logBuffer: 300});
		const fresh = raws.map((raw) => toLogEvent(raw, 'AWSIotLogsV2', NOW));
		engine.store.update((state) =>
			withSlice(state, 'logs', (logs) => ({...logs, loading: false, fetchedAt: NOW, buffer: appendLogEvents(logs.buffer, fresh)})),
		);
		return engine;
	}
	const rowWith = (text: string) =>
		frameText()
			.split('\n')
			.find((line) => line.includes(text)) ?? '';

	it('shows a missing timestamp, level, status and message as unknown', async () => {
		const engine = engineWithEvents([
			{
				eventId: 'e1',
				ingestionTime: NOW,
				message: iot({logLevel: 'ERROR', eventType: 'Connect', status: 'Failure', clientId: 'no-time'}),
				logStreamName: 's',
			},
			{
				eventId: 'e2',
				timestamp: NOW - 5000,
				message: iot({eventType: 'Publish-In', status: 'Success', clientId: 'no-level'}),
				logStreamName: 's',
			},
			{
				eventId: 'e3',
				timestamp: NOW - 4000,
				message: iot({logLevel: 'INFO', eventType: 'Subscribe', clientId: 'no-status'}),
				logStreamName: 's',
			},
			{eventId: 'e4', timestamp: NOW - 3000, logStreamName: 's'},
			{eventId: 'e5', timestamp: NOW - 2000, message: '{"app":"billing","msg":"not an IoT event"}', logStreamName: 's'},
		]);
		rendered = renderAt(<App engine={engine} initialPane="logs" now={NOW} />, {columns: 120, rows: 36});
		await rendered.waitForFrame((frame) => frame.includes('not an IoT event'));
		await rendered.press('z');
		await see('no-status');
		// No timestamp: not shown as the time it was read (03:00:00).
		expect(rowWith('no-time')).toMatch(/--:--:-- ERROR/);
		expect(rowWith('no-time')).not.toContain('03:00:00');
		expect(rowWith('no-level')).toMatch(/02:59:55 \?\s+Publish-In/);
		expect(rowWith('no-level')).not.toContain('INFO');
		expect(rowWith('no-status')).toMatch(/no-status\s+\?\s/);
		expect(rowWith('no-status')).not.toContain('Success');
		expect(rowWith('02:59:57')).toContain('(no message)');
		expect(rowWith('02:59:58')).toContain('{"app":"billing","msg":"not an IoT event"}');

		// The detail of the event without a timestamp says so, and gives the ingestion time it has.
		for (let index = 0; index < 4; index++) await rendered.press('k');
		await rendered.press('enter');
		const detail = stripAnsi(await see('Log event'));
		expect(detail).toContain('time      unknown (CloudWatch sent no timestamp)');
		expect(detail).toContain(`ingested  ${new Date(NOW).toISOString()}`);
		expect(detail).not.toMatch(/ingested .*\(\+/);
	});

	it("a live-tail event (no eventId) does not show a made-up id as CloudWatch's", async () => {
		const engine = engineWithEvents([
			{
				timestamp: NOW - 1000,
				ingestionTime: NOW - 900,
				message: iot({logLevel: 'INFO', eventType: 'Connect', status: 'Success', clientId: 'pushed'}),
			},
		]);
		rendered = renderAt(<App engine={engine} initialPane="logs" now={NOW} />, {columns: 120, rows: 36});
		await rendered.waitForFrame((frame) => frame.includes('pushed'));
		await rendered.press('z');
		await rendered.press('k');
		await rendered.press('enter');
		const detail = stripAnsi(await see('Log event'));
		expect(detail).toContain('id        none (CloudWatch sent no eventId; live tail never does)');
		expect(detail).toContain('stream    unknown');
	});
});
