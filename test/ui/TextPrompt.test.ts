import {describe, expect, it} from 'vitest';
import {editText, EMPTY_PROMPT, promptKey, promptLine, type Prompt} from '../../source/ui/widgets/TextPrompt.js';

const textOf = (line: ReturnType<typeof promptLine>) => line?.map((segment) => segment.text).join('');

describe('editText', () => {
	it.each([
		['', 'a', 'a'],
		['ab', 'c', 'abc'],
		['ab', ' ', 'ab '],
		['ab', 'backspace', 'a'],
		['', 'backspace', ''],
		['a😀', 'backspace', 'a'],
		['abc', 'ctrl+u', ''],
		['ab', 'enter', 'ab'],
		['ab', 'escape', 'ab'],
		['ab', 'ctrl+x', 'ab'],
		['ab', 'up', 'ab'],
		['ab', '\u0007', 'ab'],
	])('%j + %j = %j', (value, key, expected) => {
		expect(editText(value, key)).toBe(expected);
	});
});

describe('promptKey', () => {
	const editing = (text: string): Prompt => ({text, editing: true});
	const kept = (text: string): Prompt => ({text, editing: false});
	it.each<[string, Prompt, Parameters<typeof promptKey>[1], Prompt | undefined]>([
		['/ opens it, keeping the text', kept('auth'), {name: '/', command: 'list.filter'}, editing('auth')],
		['a letter types', editing('au'), {name: 't'}, editing('aut')],
		['q is a letter while editing', editing(''), {name: 'q', command: 'app.quit'}, editing('q')],
		['a paste arrives whole', editing('site='), {name: '', paste: 'lyon'}, editing('site=lyon')],
		['Enter keeps (trimmed)', editing('auth '), {name: 'enter'}, kept('auth')],
		['Esc clears', editing('auth'), {name: 'escape'}, EMPTY_PROMPT],
		['Esc clears a kept text', kept('auth'), {name: 'escape', command: 'view.back'}, EMPTY_PROMPT],
		["Esc without a text is not the prompt's", EMPTY_PROMPT, {name: 'escape', command: 'view.back'}, undefined],
		['other keys pass while not editing', kept('auth'), {name: 'j', command: 'list.down'}, undefined],
		['named keys do nothing while editing', editing('a'), {name: 'up', command: 'list.up'}, editing('a')],
	])('%s', (_name, prompt, key, expected) => {
		expect(promptKey(prompt, key)).toEqual(expected);
	});
});

describe('promptLine: the same look in every pane, edited or kept', () => {
	it('shows the text being edited with a cursor and what Enter and Esc do', () => {
		expect(textOf(promptLine({text: 'auth', editing: true}, 60))).toBe(`/ auth▌  Enter keeps · Esc clears${' '.repeat(27)}`);
	});

	it('keeps the end of a long text in view, next to the cursor', () => {
		expect(textOf(promptLine({text: 'abcdefghijklmnop', editing: true}, 10))).toBe('/ …klmnop▌');
	});

	it('says a kept filter is kept, how it applies, and how to edit or clear it', () => {
		expect(textOf(promptLine({text: 'auth', editing: false}, 60, '1 match'))?.trimEnd()).toBe(
			'filter: auth · 1 match · / edits · Esc clears',
		);
	});

	it('shows nothing without a text', () => {
		expect(promptLine(EMPTY_PROMPT, 60)).toBeUndefined();
	});
});
