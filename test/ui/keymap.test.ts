import {describe, expect, it} from 'vitest';
import {KEYMAP, MODES, commandFor, helpSections, modesOf, statusHints, type Mode} from '../../source/ui/keymap.js';
import {moveCursor} from '../../source/ui/listCursor.js';

describe('keymap', () => {
	it.each([
		['q', 'list', 'app.quit'],
		['ctrl+c', 'list', 'app.quit'],
		['tab', 'list', 'pane.next'],
		['shift+tab', 'list', 'pane.previous'],
		['1', 'list', 'pane.alarms'],
		['4', 'list', 'pane.resources'],
		['j', 'list', 'list.down'],
		['down', 'list', 'list.down'],
		['k', 'list', 'list.up'],
		['G', 'list', 'list.bottom'],
		['?', 'list', 'app.help'],
		['z', 'list', 'view.zoom'],
		['escape', 'list', 'view.back'],
		// A detail view scrolls with the list keys and goes back with Esc; its list's keys do not act.
		['j', 'detail', 'list.down'],
		['escape', 'detail', 'view.back'],
		['/', 'detail', undefined],
		['enter', 'detail', undefined],
		// Editing a prompt, every key is text but Enter and Esc.
		['q', 'prompt', undefined],
		['j', 'prompt', undefined],
		['1', 'prompt', undefined],
		['enter', 'prompt', 'prompt.keep'],
		['escape', 'prompt', 'prompt.clear'],
		// The help scrolls, closes and quits; nothing else acts under it.
		['j', 'help', 'list.down'],
		['pagedown', 'help', 'list.pageDown'],
		['G', 'help', 'list.bottom'],
		['?', 'help', 'app.help'],
		['q', 'help', 'app.quit'],
		['1', 'help', undefined],
		['z', 'help', undefined],
	] as Array<[string, Mode, string | undefined]>)('%s in %s runs %s', (name, mode, command) => {
		expect(commandFor(name, 'alarms', mode)).toBe(command);
	});

	it('gives the panes their own keys: Space and a in the Logs event-type picker, L in a Resources detail', () => {
		expect(commandFor(' ', 'logs', 'picker')).toBe('logs.toggleType');
		expect(commandFor('a', 'logs', 'picker')).toBe('logs.allTypes');
		expect(commandFor('l', 'logs', 'picker')).toBeUndefined();
		expect(commandFor('L', 'resources', 'detail')).toBe('resources.logs');
		expect(commandFor('l', 'resources', 'list')).toBe('resources.nextTab');
		expect(commandFor('l', 'logs', 'list')).toBe('logs.level');
	});

	it('binds each key once in a scope and mode', () => {
		const seen = new Map<string, string>();
		for (const binding of KEYMAP) {
			for (const mode of modesOf(binding)) {
				for (const key of binding.keys) {
					const scope = `${JSON.stringify(binding.scope)}:${mode}:${key}`;
					expect(seen.get(scope), `${key} bound twice in ${mode}`).toBeUndefined();
					seen.set(scope, binding.id);
				}
			}
		}
	});

	it('generates the help and the status bar from the same table', () => {
		const help = helpSections().flatMap((section) => section.rows.map((row) => row.description));
		for (const binding of KEYMAP) expect(help).toContain(binding.description);
		const hints = statusHints('alarms').map((hint) => hint.hint);
		expect(hints).toEqual(expect.arrayContaining(['quit', 'help', 'zoom', 'move', 'filter']));
		// Help and quit lead, so a narrow status bar never cuts them off; the pane's own keys follow.
		for (const pane of ['alarms', 'metrics', 'logs', 'resources'] as const) {
			expect(
				statusHints(pane)
					.slice(0, 2)
					.map((hint) => hint.hint),
			).toEqual(['help', 'quit']);
		}
		expect(statusHints('logs')[2].hint).toBe('follow');
	});

	it('offers in each mode only keys that act in it', () => {
		for (const mode of MODES) {
			for (const {hint} of statusHints('resources', mode)) {
				const binding = KEYMAP.find((candidate) => candidate.hint === hint)!;
				expect(modesOf(binding), `${hint} offered in ${mode}`).toContain(mode);
			}
		}
		expect(statusHints('alarms', 'prompt').map((hint) => hint.hint)).toEqual(['keep', 'clear']);
		expect(statusHints('alarms', 'detail').map((hint) => hint.hint)).toContain('back');
		expect(statusHints('alarms', 'detail').map((hint) => hint.hint)).not.toContain('filter');
		expect(statusHints('alarms', 'list').map((hint) => hint.hint)).not.toContain('back');
		expect(statusHints('logs', 'picker').map((hint) => hint.hint)).toEqual(expect.arrayContaining(['toggle', 'all/none', 'back']));
		// A command that cannot act is not offered.
		expect(statusHints('resources', 'list', new Set(['resources.logs'])).map((hint) => hint.hint)).not.toContain('logs');
	});

	it("lists the focused pane's keys first in the help", () => {
		expect(helpSections('logs')[0].title).toBe('In Logs');
		expect(helpSections('resources')[0].title).toBe('In Resources');
		expect(helpSections('alarms')[0].title).toBe('In Alarms');
	});
});

describe('moveCursor', () => {
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
});
