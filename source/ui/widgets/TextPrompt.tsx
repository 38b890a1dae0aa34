// A one-line text prompt (a `/` filter): the text typed so far after a label, with a cursor
// block. Editing is a pure reducer over canonical key names, so panes own the value.
import {Text} from 'ink';
import React from 'react';
import {fitLine, type Line} from './line.js';
import {StyledLine} from './StyledLine.js';

/** The value after one key: printable characters append, backspace deletes, Ctrl-u clears. */
export function editText(value: string, key: string): string {
	if (key === 'backspace') return [...value].slice(0, -1).join('');
	if (key === 'ctrl+u') return '';
	// One grapheme-ish character (not a named key such as 'enter' or 'left').
	if ([...key].length === 1 && key >= ' ' && key !== '\u007F') return value + key;
	return value;
}

/** The prompt as a fitted line, for panes that draw their body from lines. */
export function textPromptLine(label: string, value: string, width: number): Line {
	return fitLine([{text: label, color: 'cyan', bold: true}, {text: value}, {text: '▌', color: 'cyan'}], width);
}

export function TextPrompt({label, value, width}: {label: string; value: string; width: number}) {
	return (
		<Text wrap="truncate">
			<StyledLine line={textPromptLine(label, value, width)} />
		</Text>
	);
}
