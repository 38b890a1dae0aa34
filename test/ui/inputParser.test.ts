// Ink's input events -> keys and pastes: runs of text split into keys, escape sequences named,
// a bracketed paste whole however the terminal split it, unknown sequences typing nothing.
import {describe, expect, it} from 'vitest';
import {parseInput, pasteText, type InputKey, type InputState} from '../../source/ui/inputParser.js';

/** The keys of a series of events, as names and `paste:<text>`. */
function parse(...events: string[]): {keys: string[]; state: InputState} {
	let state: InputState = {};
	const keys: InputKey[] = [];
	for (const event of events) {
		const result = parseInput(state, event);
		state = result.state;
		keys.push(...result.keys);
	}
	return {keys: keys.map((key) => (key.kind === 'key' ? key.name : `paste:${key.text}`)), state};
}

describe('parseInput', () => {
	it.each<[string, string[], string[]]>([
		['one key', ['j'], ['j']],
		['a burst in one event (tmux send-keys j j Enter)', ['jj\r'], ['j', 'j', 'enter']],
		['typed fast into a prompt', ['/type:Gateway\r'], ['/', ...'type:Gateway', 'enter']],
		['Tab, a letter and q', ['\tjq'], ['tab', 'j', 'q']],
		['line feed is Enter too', ['\n'], ['enter']],
		['Backspace (DEL and BS)', ['\u007F\b'], ['backspace', 'backspace']],
		['control keys', ['\u0003\u0004\u0015\u0012'], ['ctrl+c', 'ctrl+d', 'ctrl+u', 'ctrl+r']],
		['Ctrl-c inside a burst', ['ab\u0003c'], ['a', 'b', 'ctrl+c', 'c']],
		['arrows', ['\u001B[A', '\u001B[B', '\u001B[C', '\u001B[D'], ['up', 'down', 'right', 'left']],
		['arrows in application mode', ['\u001BOA', '\u001BOB'], ['up', 'down']],
		['a modified arrow reads as the arrow', ['\u001B[1;5A'], ['up']],
		[
			'page keys, Home, End',
			['\u001B[5~', '\u001B[6~', '\u001B[H', '\u001B[F', '\u001B[1~', '\u001B[4~'],
			['pageup', 'pagedown', 'home', 'end', 'home', 'end'],
		],
		['Shift-Tab', ['\u001B[Z'], ['shift+tab']],
		['a lone Esc', ['\u001B'], ['escape']],
		['Esc then a key, read together', ['\u001Bj'], ['escape', 'j']],
		['Esc Esc', ['\u001B\u001B'], ['escape', 'escape']],
		['Esc then an arrow, read together', ['\u001B\u001B[A'], ['escape', 'up']],
		['an unknown sequence types nothing', ['\u001B[15~', '\u001B[I', '\u001B[?1;2c'], []],
		// Esc, [ and a letter sent in one burst (tmux send-keys Escape [ g): the three keys, not one unknown sequence.
		['Esc, [ and a letter, read together', ['\u001B[g'], ['escape', '[', 'g']],
		['wide characters are one key each', ['日本'], ['日', '本']],
		['NUL and other controls are no key', ['\u0000\u001C'], []],
	])('%s', (_name, events, expected) => {
		expect(parse(...events).keys).toEqual(expected);
	});

	it.each<[string, string[], string[]]>([
		['whole, in one event', ['\u001B[200~', 'site=lyon', '\u001B[201~'], ['paste:site=lyon']],
		['split over several events', ['\u001B[200~', 'type:Gate', 'way', '\u001B[201~'], ['paste:type:Gateway']],
		['keys after it in the same read', ['\u001B[200~', 'abc', '\u001B[201~', 'jj'], ['paste:abc', 'j', 'j']],
		['line breaks as spaces, controls dropped', ['\u001B[200~', 'a\r\nb\tc\u0007d', '\u001B[201~'], ['paste:a b cd']],
		['an empty paste is nothing', ['\u001B[200~', '\u001B[201~'], []],
		// Keys inside a paste are its text, never commands: a pasted q must not quit.
		['q and Ctrl-c inside are text', ['\u001B[200~', 'q\u0003', '\u001B[201~'], ['paste:q']],
		['an escape sequence inside loses its ESC, no more', ['\u001B[200~', 'a', '\u001B[A', 'b', '\u001B[201~'], ['paste:a[Ab']],
	])('a bracketed paste: %s', (_name, events, expected) => {
		const result = parse(...events);
		expect(result.keys).toEqual(expected);
		expect(result.state.paste).toBeUndefined();
	});

	it('holds an unfinished paste until its end comes', () => {
		const open = parse('\u001B[200~', 'half');
		expect(open.keys).toEqual([]);
		expect(open.state.paste).toBe('half');
	});

	it('cuts a huge paste', () => {
		expect(pasteText('x'.repeat(10_000))).toHaveLength(4096);
	});
});
