// The one-line text prompt of every pane (the `/` filter): the same keys, the same look and
// the same place (the pane's last row) everywhere. Editing, it takes every key: Enter keeps
// the text, Esc clears it, Backspace deletes, Ctrl-u empties, a paste arrives whole. Kept, it
// says so, and `/` edits it again, Esc clears it. Pure: the prompt lives in the UI state.
import type {CommandId} from '../keymap.js';
import {fitLine, textWidth, type Line} from './line.js';

export type Prompt = {text: string; editing: boolean};

export const EMPTY_PROMPT: Prompt = {text: '', editing: false};

const MAX_LENGTH = 200;

/** A key as a prompt sees it: its name, its command where it is not being typed, or a paste. */
export type PromptKey = {name: string; command?: CommandId; paste?: string};

/** The text after one key: printable characters append, Backspace deletes, Ctrl-u clears. */
export function editText(value: string, key: string): string {
	if (key === 'backspace') return [...value].slice(0, -1).join('');
	if (key === 'ctrl+u') return '';
	// One printable character; named keys (arrows, Tab, ...) do nothing while typing.
	const printable = [...key].length === 1 && !/[\p{Cc}\p{Cf}]/u.test(key);
	return printable && value.length < MAX_LENGTH ? value + key : value;
}

/**
 * The prompt after a key, or undefined when the prompt does not take it (it is not being
 * edited, and the key is neither `/` nor Esc on a kept text).
 */
export function promptKey(prompt: Prompt, key: PromptKey): Prompt | undefined {
	if (prompt.editing) {
		if (key.paste !== undefined) return {text: (prompt.text + key.paste).slice(0, MAX_LENGTH), editing: true};
		if (key.name === 'enter') return {text: prompt.text.trim(), editing: false};
		if (key.name === 'escape') return EMPTY_PROMPT;
		const text = editText(prompt.text, key.name);
		return text === prompt.text ? prompt : {text, editing: true};
	}
	if (key.command === 'list.filter') return {text: prompt.text, editing: true};
	if (key.command === 'view.back' && prompt.text !== '') return EMPTY_PROMPT;
	return undefined;
}

export const promptShown = (prompt: Prompt) => prompt.editing || prompt.text !== '';

/**
 * `/ text▌  Enter keeps · Esc clears` while editing; `filter: text · <note> · / edits · Esc
 * clears` once kept; nothing without a text. The note says how the pane applies it.
 */
export function promptLine(prompt: Prompt, width: number, note?: string): Line | undefined {
	if (prompt.editing) {
		const help = '  Enter keeps · Esc clears';
		// Keep the end of a long text in view, next to the cursor.
		const room = Math.max(1, width - 3 - (width >= 40 ? help.length : 0));
		const shown = textWidth(prompt.text) > room ? `…${[...prompt.text].slice(-(room - 1)).join('')}` : prompt.text;
		return fitLine([{text: '/ ', color: 'cyan', bold: true}, {text: shown}, {text: '▌', color: 'cyan'}, {text: help, dim: true}], width);
	}
	if (!prompt.text) return undefined;
	return fitLine(
		[
			{text: 'filter: ', dim: true},
			{text: prompt.text, color: 'cyan'},
			{text: `${note ? ` · ${note}` : ''} · / edits · Esc clears`, dim: true},
		],
		width,
	);
}

/** The body lines with the prompt on the last of `rows` rows (the same place in every pane). */
export function withPromptLast(lines: Line[], rows: number, prompt: Line | undefined): Line[] {
	return withLinesLast(lines, rows, prompt ? [prompt] : []);
}

/** The body lines with `bottom` on the last rows of `rows`, the rest cut to make room. */
export function withLinesLast(lines: Line[], rows: number, bottom: Line[]): Line[] {
	if (bottom.length === 0) return lines;
	const body = lines.slice(0, Math.max(0, rows - bottom.length));
	while (body.length < rows - bottom.length) body.push([]);
	return [...body, ...bottom];
}
