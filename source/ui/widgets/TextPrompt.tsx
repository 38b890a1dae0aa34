// A one-line text prompt (a `/` filter): the label, the text typed so far and a cursor block.
// Editing is the pure `editText`: the pane that owns the prompt feeds it every key.
import {Text} from 'ink';
import React from 'react';
import {fitLine, type Line} from './line.js';
import {StyledLine} from './StyledLine.js';

/** The text after one key (a keymap key name): printable characters append, Backspace deletes, Ctrl-u clears. */
export function editText(value: string, key: string): string {
	if (key === 'backspace') return [...value].slice(0, -1).join('');
	if (key === 'ctrl+u') return '';
	// One printable character (key names such as 'enter' or 'ctrl+x' are longer).
	if ([...key].length === 1 && key >= ' ' && key !== '\u007F') return value + key;
	return value;
}

/** The prompt as a line, for panes that draw their body from lines. */
export function promptLine(label: string, value: string, width: number): Line {
	// Keep the end of a long value in view, next to the cursor.
	const room = Math.max(1, width - label.length - 1);
	const shown = value.length > room ? `…${value.slice(value.length - room + 1)}` : value;
	return fitLine([{text: label, color: 'cyan', bold: true}, {text: shown}, {text: ' ', inverse: true}], width);
}

export function TextPrompt({label, value, width}: {label: string; value: string; width: number}) {
	return (
		<Text wrap="truncate">
			<StyledLine line={promptLine(label, value, width)} />
		</Text>
	);
}
