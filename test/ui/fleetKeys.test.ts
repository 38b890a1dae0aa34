// The Fleet sub-tab's keys: 5 focuses Resources on Fleet from anywhere, it sits first (before
// Things: [ from Things, ] from Rules), and keys that have nothing to act on there say why.
import {describe, expect, it} from 'vitest';
import {initialState} from '../../source/live/state.js';
import {parseInput} from '../../source/ui/inputParser.js';
import {initialUiState, reduceKey, type KeyContext, type UiState} from '../../source/ui/uiState.js';
import {KEYMAP, statusHints} from '../../source/ui/keymap.js';

const NOW = Date.UTC(2026, 10, 24, 3, 0, 0);
const live = initialState({interval: 5000, logBuffer: 100, liveTail: false, logGroups: [], source: {demo: true}});
const context: KeyContext = {live, size: {columns: 120, rows: 36}, now: NOW, windowMs: 3_600_000};

function press(ui: UiState, ...keys: string[]): UiState {
	for (const key of keys) for (const input of parseInput({}, key).keys) ui = reduceKey(ui, input, context).ui;
	return ui;
}

describe('Fleet keys', () => {
	it('5 focuses the Resources pane on its Fleet sub-tab, from any pane', () => {
		for (const pane of ['alarms', 'logs', 'resources'] as const) {
			const ui = press(initialUiState(pane), '5');
			expect(ui.focus).toBe('resources');
			expect(ui.resources.fleet).toBe(true);
		}
		expect(KEYMAP.find((binding) => binding.id === 'pane.alarms')?.label).toBe('1-5');
	});

	it('Fleet comes before Things and after Rules', () => {
		const things = initialUiState('resources');
		expect(press(things, '[').resources.fleet).toBe(true);
		expect(press(things, '[', ']').resources).toMatchObject({fleet: false, kind: 'things'});
		expect(press(things, '[', '[').resources).toMatchObject({fleet: false, kind: 'rules'});
		expect(press(things, '[', '[', ']').resources.fleet).toBe(true);
	});

	it('/, Enter and the sort keys say why they do nothing on Fleet', () => {
		const fleet = press(initialUiState('resources'), '5');
		for (const key of ['/', '\r', '>']) {
			const after = press(fleet, key);
			expect(after.notice).toMatch(/Fleet view/);
			expect(after.resources.lists.things.filter.editing).toBeFalsy();
		}
		expect(statusHints('resources').map((hint) => hint.hint)).toContain('sub-tab');
	});
});
