import {describe, expect, it} from 'vitest';
import {KEYMAP, commandFor, helpSections, keyName, statusHints} from '../../source/ui/keymap.js';
import {initialUiState, reduceUi} from '../../source/ui/uiState.js';
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
	});
});

describe('reduceUi', () => {
	const context = {counts: {alarms: 5, metrics: 3, logs: 100, resources: 0}, pageSize: 10};

	it('switches panes with numbers, Tab and Shift-Tab', () => {
		let state = initialUiState('alarms');
		state = reduceUi(state, 'pane.next', context);
		expect(state.focus).toBe('metrics');
		state = reduceUi(state, 'pane.previous', context);
		state = reduceUi(state, 'pane.previous', context);
		expect(state.focus).toBe('resources');
		expect(reduceUi(state, 'pane.logs', context).focus).toBe('logs');
	});

	it('moves the cursor within the list', () => {
		let state = initialUiState('alarms');
		for (let i = 0; i < 10; i++) state = reduceUi(state, 'list.down', context);
		expect(state.cursors.alarms).toBe(4);
		state = reduceUi(state, 'list.top', context);
		expect(state.cursors.alarms).toBe(0);
		state = reduceUi(state, 'list.up', context);
		expect(state.cursors.alarms).toBe(0);
	});

	it('stops following logs when moving up and resumes at the bottom', () => {
		let state = initialUiState('logs');
		expect(state.following).toBe(true);
		state = reduceUi(state, 'list.up', context);
		expect(state).toMatchObject({following: false, cursors: {logs: 98}});
		state = reduceUi(state, 'list.bottom', context);
		expect(state.following).toBe(true);
	});

	it('zooms and closes help and zoom with Esc', () => {
		let state = reduceUi(initialUiState('alarms'), 'view.zoom', context);
		expect(state.zoomed).toBe(true);
		state = reduceUi(state, 'app.help', context);
		expect(state.help).toBe(true);
		expect(reduceUi(state, 'list.down', context)).toBe(state);
		state = reduceUi(state, 'view.back', context);
		expect(state).toMatchObject({help: false, zoomed: true});
		expect(reduceUi(state, 'view.back', context).zoomed).toBe(false);
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
