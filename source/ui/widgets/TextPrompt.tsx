// A one-line text prompt any pane can use (the `/` filter): while open it takes every key;
// Enter keeps the text, Esc clears it, Backspace deletes, Ctrl-u empties. Once closed with a
// text, Esc clears the text. The pane draws `promptLine` where it wants the prompt.
import {useRef, useState} from 'react';
import type {PaneKey} from '../paneInput.js';
import {fitLine, type Line} from './line.js';

export type PromptState = {text: string; editing: boolean};

const MAX_LENGTH = 200;

/** The text after one key: printable characters append, Backspace deletes, Ctrl-u clears. */
export function editText(value: string, key: string): string {
	if (key === 'backspace') return [...value].slice(0, -1).join('');
	if (key === 'ctrl+u') return '';
	// One printable character; named keys (arrows, Tab, ...) do nothing while typing.
	const printable = [...key].length === 1 && !/[\p{Cc}\p{Cf}]/u.test(key);
	return printable && value.length < MAX_LENGTH ? value + key : value;
}

/** The prompt after one key while editing (a pure function of the key name). */
export function editPrompt(state: PromptState, name: string): PromptState {
	if (name === 'enter') return {text: state.text, editing: false};
	if (name === 'escape') return {text: '', editing: false};
	const text = editText(state.text, name);
	return text === state.text && name !== 'backspace' && name !== 'ctrl+u' ? state : {text, editing: true};
}

export type TextPromptHandle = PromptState & {
	/** Opens on the keymap's `list.filter`, edits while open, clears a kept text on `view.back`. */
	handle(key: PaneKey): boolean;
	clear(): void;
};

export function useTextPrompt(onChange?: (text: string) => void): TextPromptHandle {
	const [state, setState] = useState<PromptState>({text: '', editing: false});
	// Keys that arrive in one chunk ("/auth") are handled before React re-renders: each one
	// must see the text the previous one left.
	const current = useRef(state);
	const set = (next: PromptState) => {
		const before = current.current;
		current.current = next;
		setState(next);
		if (next.text !== before.text) onChange?.(next.text);
	};
	return {
		...state,
		handle(key) {
			const state = current.current;
			if (state.editing) {
				set(editPrompt(state, key.name));
				return true;
			}
			if (key.command === 'list.filter') {
				set({text: state.text, editing: true});
				return true;
			}
			if (key.command === 'view.back' && state.text) {
				set({text: '', editing: false});
				return true;
			}
			return false;
		},
		clear() {
			set({text: '', editing: false});
		},
	};
}

/** `/ text█` while editing; `filter: text · Esc clears` once kept. */
export function promptLine(prompt: PromptState, label = 'filter'): Line | undefined {
	if (prompt.editing) {
		return [
			{text: '/', color: 'cyan', bold: true},
			{text: prompt.text},
			{text: ' ', inverse: true},
			{text: '  Enter keeps · Esc clears', dim: true},
		];
	}
	if (!prompt.text) return undefined;
	return [
		{text: `${label}: `, dim: true},
		{text: prompt.text, color: 'cyan'},
		{text: '  / edits · Esc clears', dim: true},
	];
}

/** The prompt being typed, as a fitted line, for panes that keep the text themselves. */
export function textPromptLine(label: string, value: string, width: number): Line {
	// Keep the end of a long value in view, next to the cursor.
	const room = Math.max(1, width - label.length - 1);
	const shown = value.length > room ? `…${value.slice(value.length - room + 1)}` : value;
	return fitLine([{text: label, color: 'cyan', bold: true}, {text: shown}, {text: '▌', color: 'cyan'}], width);
}
