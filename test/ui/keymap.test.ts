import {describe, expect, it} from 'vitest';
import {KEYMAP, commandFor, helpSections, keyName, statusHints} from '../../source/ui/keymap.js';
import {initialUiState, moveCursor, reduceUi} from '../../source/ui/uiState.js';
import type {Key} from 'ink';

const noKey: Key = {
	upArrow: false,
	downArrow: false,
	leftArrow: false,
	rightArrow: false,
	pageDown: false,
	pageUp: false,
	home: false,
	end: false,
	return: false,
	escape: false,
	ctrl: false,
	shift: false,
	tab: false,
	backspace: false,
	delete: false,
	meta: false,
	super: false,
	hyper: false,
	capsLock: false,
	numLock: false,
};

describe('keymap', () => {
	it.each([
		['q', {}, 'app.quit'],
		['c', {ctrl: true}, 'app.quit'],
		['', {tab: true}, 'pane.next'],
		['', {tab: true, shift: true}, 'pane.previous'],
		['1', {}, 'pane.alarms'],
		['4', {}, 'pane.resources'],
		['j', {}, 'list.down'],
		['', {downArrow: true}, 'list.down'],
		['k', {}, 'list.up'],
		['G', {shift: true}, 'list.bottom'],
		['?', {}, 'app.help'],
		['z', {}, 'view.zoom'],
		['', {escape: true}, 'view.back'],
	] as Array<[string, Partial<Key>, string]>)('%j %j runs %s', (input, key, command) => {
		const name = keyName(input, {...noKey, ...key});
		expect(name && commandFor(name, 'alarms')).toBe(command);
	});

	it('binds each key once in a scope', () => {
		const seen = new Map<string, string>();
		for (const binding of KEYMAP) {
			for (const key of binding.keys) {
				const scope = `${JSON.stringify(binding.scope)}:${key}`;
				expect(seen.get(scope), `${key} bound twice`).toBeUndefined();
				seen.set(scope, binding.id);
			}
		}
	});

	it('generates the help and the status bar from the same table', () => {
		const help = helpSections().flatMap((section) => section.rows.map((row) => row.description));
		for (const binding of KEYMAP) expect(help).toContain(binding.description);
		const hints = statusHints('alarms').map((hint) => hint.hint);
		expect(hints).toEqual(expect.arrayContaining(['quit', 'help', 'zoom', 'move']));
		// Help and quit lead, so a narrow status bar never cuts them off; the pane's own keys follow.
		for (const pane of ['alarms', 'metrics', 'logs', 'resources'] as const) {
			expect(statusHints(pane).slice(0, 2).map((hint) => hint.hint)).toEqual(['help', 'quit']);
		}
		expect(statusHints('logs')[2].hint).toBe('follow');
	});
});

describe('reduceUi and moveCursor', () => {
	it('switches panes with numbers, Tab and Shift-Tab', () => {
		let state = initialUiState('alarms');
		state = reduceUi(state, 'pane.next');
		expect(state.focus).toBe('metrics');
		state = reduceUi(state, 'pane.previous');
		state = reduceUi(state, 'pane.previous');
		expect(state.focus).toBe('resources');
		expect(reduceUi(state, 'pane.logs').focus).toBe('logs');
	});

	it.each([
		['list.down', 0, 1],
		['list.down', 4, 4],
		['list.up', 0, 0],
		['list.bottom', 1, 4],
		['list.top', 3, 0],
		['list.pageDown', 0, 4],
		['list.pageUp', 4, 0],
	] as const)('%s from %i in a list of 5 goes to %i', (command, from, to) => {
		expect(moveCursor(command, from, 5, 10)).toBe(to);
	});

	it('is not a move for other commands', () => {
		expect(moveCursor('view.zoom', 1, 5, 10)).toBeUndefined();
	});

	it('zooms and closes help and zoom with Esc', () => {
		let state = reduceUi(initialUiState('alarms'), 'view.zoom');
		expect(state.zoomed).toBe(true);
		state = reduceUi(state, 'app.help');
		expect(state.help).toBe(true);
		expect(reduceUi(state, 'pane.next')).toBe(state);
		state = reduceUi(state, 'view.back');
		expect(state).toMatchObject({help: false, zoomed: true});
		expect(reduceUi(state, 'view.back').zoomed).toBe(false);
	});
});

describe('keyNames', () => {
	it('splits keys that arrived in one chunk', async () => {
		const {keyNames} = await import('../../source/ui/keymap.js');
		expect(keyNames('\tjq', noKey)).toEqual(['tab', 'j', 'q']);
		expect(keyNames('z?', noKey)).toEqual(['z', '?']);
		expect(keyNames('j', noKey)).toEqual(['j']);
		expect(keyNames('', {...noKey, downArrow: true})).toEqual(['down']);
	});
});
