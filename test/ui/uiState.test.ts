// The one key reducer, table-driven: keys that arrive together each act on the state the key
// before left (a burst opens the row the cursor ends on), a paste arrives whole in a prompt and
// nowhere else, Ctrl-c quits from anywhere, a key that cannot act says why, and the UI state
// does not depend on the screen size it was made at.
import {describe, expect, it} from 'vitest';
import {initialState, withSlice, type LiveState} from '../../source/live/state.js';
import {appendLogEvents} from '../../source/model/logBuffer.js';
import {defaultBoard} from '../../source/model/metricBoard.js';
import type {AlarmRow, LogEvent} from '../../source/model/types.js';
import {parseInput, type InputKey} from '../../source/ui/inputParser.js';
import {dataNeeds, initialUiState, paneMode, reduceKey, type Effect, type KeyContext, type UiState} from '../../source/ui/uiState.js';
import type {PaneId} from '../../source/ui/paneIds.js';

const NOW = Date.UTC(2026, 10, 24, 3, 0, 0);

const alarm = (name: string, state: AlarmRow['state'], minutes: number): AlarmRow => ({
	name,
	kind: 'metric',
	state,
	stateTransitionedAt: NOW - minutes * 60_000,
	metricName: 'Connect.Success',
	statistic: 'Sum',
	comparisonOperator: 'GreaterThanThreshold',
	threshold: 1,
	period: 60,
	evaluationPeriods: 1,
});
const event = (index: number): LogEvent => ({
	id: `e${index}`,
	timestamp: NOW - (100 - index) * 1000,
	logGroup: 'AWSIotLogsV2',
	message: `event ${index}`,
	clientId: `dev-${index}`,
	eventType: 'Connect',
	json: true,
});

function liveState(): LiveState {
	let live = initialState({interval: 5000, logBuffer: 1000, liveTail: false, logGroups: ['AWSIotLogsV2'], source: {demo: true}});
	live = withSlice(live, 'alarms', (slice) => ({
		...slice,
		loading: false,
		fetchedAt: NOW,
		rows: ['a-first', 'b-second', 'c-third', 'd-fourth'].map((name, index) => alarm(name, 'OK', 20 - index)),
	}));
	live = withSlice(live, 'metrics', (slice) => ({
		...slice,
		loading: false,
		fetchedAt: NOW,
		series: defaultBoard(60).map((spec) => ({spec, timestamps: [NOW - 60_000], values: [1], hasData: true})),
	}));
	live = withSlice(live, 'logs', (slice) => ({
		...slice,
		loading: false,
		fetchedAt: NOW,
		buffer: appendLogEvents(
			slice.buffer,
			Array.from({length: 100}, (_, index) => event(index)),
		),
	}));
	live = withSlice(live, 'resources', (slice) => ({
		...slice,
		loading: false,
		fetchedAt: NOW,
		things: {
			opened: true,
			complete: true,
			via: 'ListThings',
			rows: ['thing-a', 'thing-b', 'thing-c', 'thing-d'].map((name) => ({name, attributes: {}})),
		},
		rules: {opened: true, complete: true, via: 'ListTopicRules', rows: [{name: 'rule_one', disabled: false}]},
	}));
	return live;
}

const context = (size = {columns: 120, rows: 36}, live = liveState()): KeyContext => ({live, size, now: NOW, windowMs: 3_600_000});

/**
 * Every key of the events (as Ink cuts a read: runs of text, and each escape sequence on its
 * own), applied in order to the state the one before left.
 */
function type(ui: UiState, chunks: string | string[], ctx = context()): {ui: UiState; effects: Effect[]} {
	let state = {};
	const keys: InputKey[] = [];
	for (const chunk of [chunks].flat()) {
		const parsed = parseInput(state, chunk);
		state = parsed.state;
		keys.push(...parsed.keys);
	}
	const effects: Effect[] = [];
	let next = ui;
	for (const key of keys) {
		const step = reduceKey(next, key, ctx);
		next = step.ui;
		effects.push(...step.effects);
	}
	return {ui: next, effects};
}

describe('keys that arrive together', () => {
	it.each<[PaneId, string, (ui: UiState) => unknown, unknown]>([
		['alarms', 'jj\r', (ui) => ui.alarms.detail?.name, 'c-third'],
		['metrics', 'jj\r', (ui) => ui.metrics.chart, defaultBoard(60)[2].id],
		['resources', 'jj\r', (ui) => ui.resources.detail?.key, 'thing-c'],
		// Logs follow the newest event: g goes to the oldest first.
		['logs', 'gjj\r', (ui) => ui.logs.detail?.event.id, 'e2'],
	])('in %s, %j in one chunk opens row 3', (pane, chunk, opened, expected) => {
		expect(opened(type(initialUiState(pane), chunk).ui)).toBe(expected);
	});

	it('each key sees the focus the one before left: "2j" moves the Metrics cursor, not the Alarms one', () => {
		const {ui} = type(initialUiState('alarms'), '2j');
		expect(ui.focus).toBe('metrics');
		expect(ui.metrics.cursor.index).toBe(1);
		expect(ui.alarms.cursor.index).toBe(0);
	});

	it('asks for the history and the graph of the alarm it opens', () => {
		expect(type(initialUiState('alarms'), 'jj\r').effects).toEqual([
			{type: 'alarms.history', name: 'c-third'},
			{type: 'alarms.graph', name: 'c-third'},
		]);
	});

	it('types text typed fast into the prompt, every character', () => {
		const {ui, effects} = type(initialUiState('resources'), '/type:Gateway\r');
		expect(ui.resources.lists.things).toMatchObject({filter: {text: 'type:Gateway', editing: false}, applied: 'type:Gateway'});
		expect(effects).toEqual([{type: 'resources.filter', kind: 'things', text: 'type:Gateway'}]);
	});
});

describe('pastes', () => {
	it('arrive whole in a prompt, however the terminal split them', () => {
		const {ui} = type(initialUiState('resources'), ['/', '\u001B[200~', 'site', '=ly', 'on', '\u001B[201~']);
		expect(ui.resources.lists.things.filter).toEqual({text: 'site=lyon', editing: true});
	});

	it('with line breaks as spaces and controls stripped', () => {
		const {ui} = type(initialUiState('alarms'), ['/', '\u001B[200~auth\r\nerrors\u0007\u001B[201~']);
		expect(ui.alarms.filter).toEqual({text: 'auth errors', editing: true});
	});

	it('outside a prompt do nothing (a pasted q does not quit) and say where a paste goes', () => {
		const {ui, effects} = type(initialUiState('alarms'), ['\u001B[200~qjj\u001B[201~']);
		expect(effects).toEqual([]);
		expect(ui.alarms.cursor.index).toBe(0);
		expect(ui.notice).toMatch(/paste goes into a filter prompt/);
	});
});

describe('Ctrl-c', () => {
	it.each<[string, string]>([
		['in a list', ''],
		['while editing a prompt', '/au'],
		['in the help', '?'],
		['in a detail view', '\r'],
	])('quits %s', (_name, before) => {
		const {effects} = type(initialUiState('alarms'), `${before}\u0003`);
		expect(effects.at(-1)).toEqual({type: 'quit'});
	});

	it('while q is a letter in a prompt', () => {
		const {ui, effects} = type(initialUiState('alarms'), '/q');
		expect(effects).toEqual([]);
		expect(ui.alarms.filter.text).toBe('q');
	});
});

describe('the prompt, the same in every pane', () => {
	it.each<PaneId>(['alarms', 'metrics', 'logs', 'resources'])('in %s: / edits, Enter keeps, / edits again, Esc clears', (pane) => {
		const filterOf = (ui: UiState) => (pane === 'resources' ? ui.resources.lists.things.filter : ui[pane].filter);
		let {ui} = type(initialUiState(pane), '/ab');
		expect(filterOf(ui)).toEqual({text: 'ab', editing: true});
		expect(paneMode(ui)).toBe('prompt');
		ui = type(ui, '\r').ui;
		expect(filterOf(ui)).toEqual({text: 'ab', editing: false});
		expect(paneMode(ui)).toBe('list');
		ui = type(ui, '/c\r').ui;
		expect(filterOf(ui)).toEqual({text: 'abc', editing: false});
		ui = type(ui, '\u001B').ui;
		expect(filterOf(ui)).toEqual({text: '', editing: false});
	});

	it('filters the Metrics board by label', () => {
		const {ui} = type(initialUiState('metrics'), '/throttle\r\r');
		expect(ui.metrics.chart).toBe(defaultBoard(60).find((spec) => spec.label.toLowerCase().includes('throttle'))!.id);
	});
});

describe('keys that cannot act say why', () => {
	it('L on a rule', () => {
		const {ui, effects} = type(initialUiState('resources'), ']]]]L');
		expect(ui.resources.kind).toBe('rules');
		expect(ui.focus).toBe('resources');
		expect(effects).toEqual([]);
		expect(ui.notice).toBe("L shows a thing's log lines; select a thing (Things sub-tab).");
		// The next key clears it.
		expect(type(ui, 'j').ui.notice).toBeUndefined();
	});

	it('L on a thing fills the Logs filter as kept, following', () => {
		const {ui} = type(initialUiState('resources'), 'jL');
		expect(ui.focus).toBe('logs');
		expect(ui.logs.filter).toEqual({text: 'thing-b', editing: false});
		expect(ui.logs.following).toBe(true);
		expect(paneMode(ui)).toBe('list');
	});
});

describe('G', () => {
	it('goes to the end of the list, loading the rest; Esc stops it and holds the cursor on the last row loaded', () => {
		let live = liveState();
		live = withSlice(live, 'resources', (slice) => ({...slice, things: {...slice.things, complete: false, nextToken: 't'}}));
		const ctx = context(undefined, live);
		let {ui, effects} = type(initialUiState('resources'), 'G', ctx);
		expect(effects).toEqual([{type: 'resources.toEnd', kind: 'things'}]);
		expect(ui.resources.lists.things.cursor.atEnd).toBe(true);
		// While it loads (the store says so), Esc stops it.
		const loading = withSlice(live, 'resources', (slice) => ({...slice, things: {...slice.things, toEnd: true}}));
		({ui, effects} = type(ui, '\u001B', context(undefined, loading)));
		expect(effects).toEqual([{type: 'resources.stop', kind: 'things'}]);
		expect(ui.resources.lists.things.cursor).toMatchObject({key: 'thing-d', index: 3});
		// Stopped at the end, nothing more loads by itself until the cursor moves.
		expect(dataNeeds(live, ui, {columns: 120, rows: 36}, NOW).filter((need) => need.type === 'resources.more')).toEqual([]);
	});
});

describe('the UI state is the same whatever the size', () => {
	it('a filter being typed and an open detail survive the screen going too small and back', () => {
		let {ui} = type(initialUiState('alarms'), 'j\r');
		ui = type(ui, '3/dev', context()).ui;
		// Too small: keys other than quit do nothing, the state is kept as it was.
		const small = context({columns: 60, rows: 15});
		ui = type(ui, 'xyz', small).ui;
		expect(ui.logs.filter).toEqual({text: 'dev', editing: true});
		expect(ui.alarms.detail?.name).toBe('b-second');
		expect(type(ui, 'q', small).effects).toEqual([{type: 'quit'}]);
		// Back at 80x23: typing goes on where it was.
		ui = type(ui, '-7\r', context({columns: 80, rows: 23})).ui;
		expect(ui.logs.filter).toEqual({text: 'dev-7', editing: false});
		expect(ui.alarms.detail?.name).toBe('b-second');
	});

	it('pages by the rows the pane has at the size of the moment', () => {
		const big = type(initialUiState('logs'), ['g', '\u001B[6~'], context({columns: 200, rows: 60})).ui;
		const small = type(initialUiState('logs'), ['g', '\u001B[6~'], context({columns: 80, rows: 23})).ui;
		expect(big.logs.anchor).toBeGreaterThan(small.logs.anchor);
	});
});

describe('the help', () => {
	it('scrolls with the list keys and takes no other key', () => {
		let {ui} = type(initialUiState('logs'), '?');
		ui = type(ui, 'jj').ui;
		expect(ui.help.scroll).toBe(2);
		ui = type(ui, 'G').ui;
		const end = ui.help.scroll;
		expect(end).toBeGreaterThan(2);
		ui = type(ui, '1z').ui;
		expect(ui).toMatchObject({focus: 'logs', zoomed: false, help: {open: true, scroll: end}});
		ui = type(ui, '\u001B').ui;
		expect(ui.help.open).toBe(false);
	});
});

describe('the metric chart', () => {
	it('goes from chart to chart with the list keys, the list cursor along', () => {
		const board = defaultBoard(60);
		let {ui} = type(initialUiState('metrics'), '\rjj');
		expect(ui.metrics.chart).toBe(board[2].id);
		ui = type(ui, 'k\u001B').ui;
		expect(ui.metrics.chart).toBeUndefined();
		expect(ui.metrics.cursor.key).toBe(board[1].id);
	});
});

describe('Resources: what loads by itself', () => {
	const incomplete = () =>
		withSlice(liveState(), 'resources', (slice) => ({...slice, things: {...slice.things, complete: false, nextToken: 't'}}));
	const more = (ui: UiState, live: LiveState) =>
		dataNeeds(live, ui, {columns: 120, rows: 36}, NOW).filter((need) => need.type === 'resources.more');

	it('the next page near the end of what is loaded', () => {
		const live = incomplete();
		expect(more(type(initialUiState('resources'), 'jjj', context(undefined, live)).ui, live)).toEqual([
			{type: 'resources.more', kind: 'things'},
		]);
	});

	it('nothing while sorted (a page sorts in anywhere: the cursor would stay near the end); a new order starts at its top', () => {
		const live = incomplete();
		const {ui} = type(initialUiState('resources'), 'jjj>', context(undefined, live));
		expect(ui.resources.lists.things.cursor).toEqual({index: 0});
		expect(more(type(ui, 'G', context(undefined, live)).ui, live)).toEqual([]);
		expect(more(type(ui, 'jjj', context(undefined, live)).ui, live)).toEqual([]);
	});
});
