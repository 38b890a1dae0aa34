import {describe, expect, it} from 'vitest';
import {editText, textPromptLine} from '../../source/ui/widgets/TextPrompt.js';

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

	it('draws the label, the text and a cursor, keeping the end of a long text in view', () => {
		expect(textPromptLine('/', 'auth', 10).map((segment) => segment.text).join('')).toBe('/auth▌    ');
		expect(textPromptLine('/', 'abcdefghijklmnop', 10).map((segment) => segment.text).join('')).toBe('/…jklmnop▌');
	});
});
