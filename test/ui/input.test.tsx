// The App from the keyboard as a terminal drives it: several keys in ONE write (tmux
// send-keys, a laggy SSH link), a bracketed paste split over writes, Ctrl-c in a prompt, and
// resizes (down to too small and back, or to 80x23 under tmux's status line) in the middle of a
// filter and of an open detail, at 80x23, 80x24, 120x36 and 200x60.
import React from 'react';
import {afterEach, describe, expect, it} from 'vitest';
import {Engine, withSlice} from '../../source/live/engine.js';
import {appendLogEvents} from '../../source/model/logBuffer.js';
import {defaultBoard} from '../../source/model/metricBoard.js';
import type {AlarmRow, LogEvent} from '../../source/model/types.js';
import {App} from '../../source/ui/App.js';
import type {PaneId} from '../../source/ui/paneIds.js';
import {clientsFor, testEngine} from '../helpers/engine.js';
import {bracketedPaste, renderAt, stripAnsi, type Rendered} from '../helpers/render.js';

const NOW = Date.UTC(2026, 10, 24, 3, 0, 0);

const alarm = (name: string, minutes: number): AlarmRow => ({
	name,
	kind: 'metric',
	state: 'OK',
	stateReason: `reason of ${name}`,
	stateTransitionedAt: NOW - minutes * 60_000,
	metricName: 'Connect.Success',
	statistic: 'Sum',
	comparisonOperator: 'LessThanThreshold',
	threshold: 1,
	period: 60,
	evaluationPeriods: 1,
});
const event = (index: number): LogEvent => ({
	id: `e${index}`,
	timestamp: NOW - (60 - index) * 1000,
	logGroup: 'AWSIotLogsV2',
	message: JSON.stringify({clientId: `dev-${index}`}),
	level: 'INFO',
	eventType: 'Connect',
	clientId: `dev-${index}`,
	topicName: 't',
	status: 'Success',
	json: true,
});

function seededEngine(): Engine {
	// Never started: the store is filled by hand; what a key asks for (a detail) finds nothing at this endpoint.
	const engine = testEngine(clientsFor('http://127.0.0.1:9'), {logBuffer: 1000});
	engine.store.update((state) => {
		let live = withSlice(state, 'alarms', (slice) => ({
			...slice,
			loading: false,
			fetchedAt: NOW,
			rows: ['alpha-alarm', 'bravo-alarm', 'charlie-alarm', 'delta-alarm'].map((name, index) => alarm(name, 50 - index)),
		}));
		live = withSlice(live, 'metrics', (slice) => ({
			...slice,
			loading: false,
			fetchedAt: NOW,
			series: defaultBoard(60).map((spec) => ({spec, timestamps: [NOW - 120_000, NOW - 60_000], values: [3, 5], hasData: true})),
		}));
		live = withSlice(live, 'logs', (slice) => ({
			...slice,
			loading: false,
			fetchedAt: NOW,
			buffer: appendLogEvents(
				slice.buffer,
				Array.from({length: 60}, (_, index) => event(index)),
			),
		}));
		return withSlice(live, 'resources', (slice) => ({
			...slice,
			loading: false,
			fetchedAt: NOW,
			// Complete, opened, with a detail for each: the App asks for nothing it has not.
			things: {
				opened: true,
				complete: true,
				via: 'ListThings',
				rows: ['thing-alpha', 'thing-bravo', 'thing-charlie'].map((name) => ({name, type: 'Gateway', attributes: {site: 'lyon'}})),
			},
			detail: {
				kind: 'things',
				key: 'thing-charlie',
				loading: false,
				data: {
					kind: 'things',
					name: 'thing-charlie',
					clientId: 'thing-charlie',
					attributes: {},
					groups: [],
					principals: [],
					morePrincipals: 0,
				},
			},
		}));
	});
	return engine;
}

let rendered: Rendered | undefined;
afterEach(() => {
	rendered?.unmount();
	rendered = undefined;
});

const text = () => stripAnsi(rendered!.lastFrame());
const see = async (expected: string | RegExp) =>
	stripAnsi(
		await rendered!.waitForFrame((frame) =>
			typeof expected === 'string' ? stripAnsi(frame).includes(expected) : expected.test(stripAnsi(frame)),
		),
	);
const gone = (unexpected: string) => rendered!.waitForFrame((frame) => !stripAnsi(frame).includes(unexpected));

async function open(pane: PaneId, size: {columns: number; rows: number}, engine = seededEngine()): Promise<Rendered> {
	rendered = renderAt(<App engine={engine} initialPane={pane} now={NOW} />, size);
	await see('? help');
	return rendered;
}

const SIZES = [
	{columns: 80, rows: 23},
	{columns: 80, rows: 24},
	{columns: 120, rows: 36},
	{columns: 200, rows: 60},
];

describe.each(SIZES)('at $columns x $rows', (size) => {
	it('draws within the screen, and three keys in one write open the third alarm', async () => {
		const view = await open('alarms', size);
		const lines = text().split('\n');
		expect(lines.length).toBe(size.rows - 1);
		for (const line of lines) expect(line.length).toBeLessThanOrEqual(size.columns);
		expect(text()).not.toContain('too small');
		await view.send('j', 'j', 'enter');
		const detail = await see('Esc back');
		expect(detail).toContain('Alarm charlie-alarm · Esc back');
		expect(detail).toContain('reason of charlie-alarm');
	});

	it('a resize in the middle of a filter and of an open detail keeps both', async () => {
		const view = await open('logs', size);
		// Zoomed Logs with a filter being typed; an open metric chart behind it.
		await view.send('2', 'j', 'enter', '3', 'z', '/', ...'dev-1');
		await see('/ dev-1▌');
		await view.resize(60, 15);
		await see('too small');
		await view.resize(size.columns, size.rows);
		await see('/ dev-1▌');
		// The prompt is still being edited: typing goes on, Enter keeps it.
		await view.send('2', 'enter');
		await see('filter: dev-12 · 1 shown');
		await view.send('z', '2');
		await see(`Metric ${defaultBoard(60)[1].label}`);
	});
});

describe('keys in one write each act on the state the one before left', () => {
	it('and are drawn in one render, not one per key', async () => {
		let commits = 0;
		rendered = renderAt(
			<React.Profiler id="app" onRender={() => commits++}>
				<App engine={seededEngine()} initialPane="metrics" now={NOW} />
			</React.Profiler>,
			{columns: 120, rows: 36},
		);
		await see('? help');
		await see(/›Connect\.Success/);
		const before = commits;
		// Ink cuts this read into five events (the arrows are sequences of their own): still one render.
		await rendered.send('j', 'down', 'j', 'down', 'j');
		await see(/›PublishOut\.Success/);
		expect(commits - before).toBe(1);
	});

	it.each<[PaneId, string[], string]>([
		['metrics', ['j', 'j', 'enter'], `Metric ${defaultBoard(60)[2].label} · last 1h`],
		['resources', ['j', 'j', 'enter'], 'Resources thing-charlie · Esc back'],
		// Logs follow the newest event: g to the oldest first.
		['logs', ['g', 'j', 'j', 'enter'], '"clientId": "dev-2"'],
	])('%s: %j opens row 3', async (pane, keys, expected) => {
		const view = await open(pane, {columns: 120, rows: 36});
		await view.send(...keys);
		await see(expected);
	});
});

describe('a prompt', () => {
	it('takes text typed fast in one write, and a paste split over writes whole', async () => {
		const view = await open('resources', {columns: 120, rows: 36});
		await view.send('z', '/', ...'type:Gateway');
		await see('/ type:Gateway▌');
		await view.send('ctrl+u');
		// Copied with its line break: pasted, the break is a space, not an Enter that ends the edit.
		const paste = bracketedPaste('site=lyon\r\n');
		await view.write(paste.slice(0, 9));
		await view.write(paste.slice(9));
		await see('/ site=lyon ▌  Enter keeps · Esc clears');
		await view.send('enter');
		await see('filter: site=lyon');
		expect(text()).not.toContain('site=lyon▌');
	});

	it('quits on Ctrl-c while it is being edited', async () => {
		const view = await open('alarms', {columns: 120, rows: 36});
		await view.send('/', 'a', 'u');
		await see('/ au▌');
		const exited = view.instance.waitUntilExit();
		await view.send('ctrl+c');
		await exited;
	});

	it('looks and sits the same in every pane: the last row of the pane, edited, then kept', async () => {
		const view = await open('alarms', {columns: 120, rows: 36});
		for (const pane of ['1', '2', '3', '4']) {
			await view.send(pane, 'z', '/', 'a');
			const editing = await see('/ a▌  Enter keeps · Esc clears');
			// The prompt is on the row above the pane's bottom border.
			const lines = editing.split('\n');
			const bottom = lines.length - 1 - [...lines].reverse().findIndex((line) => line.startsWith('╰'));
			expect(lines[bottom - 1]).toContain('/ a▌');
			await view.send('enter');
			const kept = await see(/filter: a · .*\/ edits · Esc clears/);
			expect(kept).not.toContain('a▌');
			await view.send('escape', 'z');
			await gone('filter: a');
		}
	});
});

describe('the status bar', () => {
	it('offers only keys that act, and says why one cannot', async () => {
		const view = await open('resources', {columns: 120, rows: 36});
		expect(text().split('\n').at(-1)).toContain('L logs');
		// The Rules sub-tab (it has no rows here): L is not offered, and pressing it says why.
		await view.send(']', ']', ']', ']');
		await see(/Rules/);
		await view.waitForFrame((frame) => !stripAnsi(frame).split('\n').at(-1)!.includes('L logs'));
		await view.send('L');
		await see("L shows a thing's log lines; select a thing");
		expect(text()).toMatch(/╭─ Resources/);
		// Editing a prompt, the keys offered are the prompt's.
		await view.send('/');
		await see(/Enter keep {2}Esc clear\s*$/);
	});
});
