// Ink's input events -> the app's keys and pastes. Ink's App cuts stdin into events: a run of
// plain text is one event ("jj\r" typed fast, or sent in one write over SSH), an escape
// sequence is one of its own. Each character of a run is a key; a bracketed paste
// (ESC[200~ text ESC[201~, its text possibly split over several events) is one paste. Pure.

/** A key by its canonical name ('j', 'G', 'enter', 'ctrl+c', 'shift+tab', ...) or a whole paste. */
export type InputKey = {kind: 'key'; name: string} | {kind: 'paste'; text: string};

/** What the parser carries from one event to the next: the text of a paste still open. */
export type InputState = {paste?: string};

export const PASTE_START = '\u001B[200~';
export const PASTE_END = '\u001B[201~';

/** A paste longer than this is cut: no filter needs more, and the UI must not hold megabytes. */
const PASTE_MAX = 4096;

/** Escape sequences by their text after ESC; modifiers on arrows (ESC[1;5A) are read as the plain key. */
const SEQUENCES: Record<string, string> = {
	'[A': 'up',
	'[B': 'down',
	'[C': 'right',
	'[D': 'left',
	OA: 'up',
	OB: 'down',
	OC: 'right',
	OD: 'left',
	'[H': 'home',
	'[F': 'end',
	OH: 'home',
	OF: 'end',
	'[1~': 'home',
	'[7~': 'home',
	'[4~': 'end',
	'[8~': 'end',
	'[5~': 'pageup',
	'[6~': 'pagedown',
	'[[5~': 'pageup',
	'[[6~': 'pagedown',
	'[3~': 'delete',
	'[Z': 'shift+tab',
};

/** The name of one character typed on its own. */
export function charName(char: string): string | undefined {
	const code = char.codePointAt(0)!;
	if (char === '\t') return 'tab';
	if (char === '\r' || char === '\n') return 'enter';
	if (code === 0x7f || code === 0x08) return 'backspace';
	if (code >= 1 && code <= 26) return `ctrl+${String.fromCharCode(code + 96)}`;
	if (code === 0x1b) return 'escape';
	// NUL, the other C0 and the C1 controls, format characters: nothing a user means to type.
	if (code < 0x20 || (code >= 0x80 && code < 0xa0) || /\p{Cf}/u.test(char)) return undefined;
	return char;
}

function sequenceName(event: string): string | undefined {
	const body = event.slice(1);
	const modified = /^\[1;\d+([A-DHF])$/.exec(body);
	return SEQUENCES[modified ? `[${modified[1]}` : body];
}

/** Paste text as a one-line prompt takes it: line breaks and tabs as spaces, other controls dropped. */
export function pasteText(text: string): string {
	return text
		.replace(/\r\n?|\n|\t/g, ' ')
		.replace(/[\p{Cc}\p{Cf}]/gu, '')
		.slice(0, PASTE_MAX);
}

function keysOf(text: string): InputKey[] {
	const keys: InputKey[] = [];
	for (const char of text) {
		const name = charName(char);
		if (name) keys.push({kind: 'key', name});
	}
	return keys;
}

/**
 * The keys of one Ink input event, and the state the next event starts from. A sequence we
 * do not know (a function key, a focus report) is no key at all: it must not type its
 * letters into a prompt.
 */
export function parseInput(state: InputState, event: string): {state: InputState; keys: InputKey[]} {
	if (state.paste !== undefined) {
		const end = event.indexOf(PASTE_END);
		if (end === -1) return {state: {paste: (state.paste + event).slice(0, PASTE_MAX)}, keys: []};
		const text = pasteText(state.paste + event.slice(0, end));
		const rest = parseInput({}, event.slice(end + PASTE_END.length));
		return {state: rest.state, keys: [...(text ? [{kind: 'paste' as const, text}] : []), ...rest.keys]};
	}
	if (event.startsWith(PASTE_START)) return parseInput({paste: ''}, event.slice(PASTE_START.length));
	if (event === PASTE_END || event === '') return {state, keys: []};
	if (!event.startsWith('\u001B')) return {state, keys: keysOf(event)};
	if (event === '\u001B') return {state, keys: [{kind: 'key', name: 'escape'}]};
	const escape: InputKey = {kind: 'key', name: 'escape'};
	// Esc, then an arrow (ESC ESC [A): Ink reads them as one event.
	if (event.startsWith('\u001B\u001B') && event.length > 2) {
		const inner = parseInput(state, event.slice(1));
		return {state: inner.state, keys: [escape, ...inner.keys]};
	}
	const named = sequenceName(event);
	if (named) return {state, keys: [{kind: 'key', name: named}]};
	// ESC and a character in one event: Esc pressed just before the key (no key is bound to Alt).
	if ([...event].length === 2 || (event[1] !== '[' && event[1] !== 'O')) return {state, keys: [escape, ...keysOf(event.slice(1))]};
	// Esc, [ (a sub-tab, a window) and a lowercase letter typed together read as ESC [ g: no key or
	// terminal report is a CSI without parameters ending in a lowercase letter, so they are the
	// three keys (Esc out of a detail, [ to the previous sub-tab, g to its top).
	if (/^\u001B\[[a-z]$/.test(event)) return {state, keys: [escape, ...keysOf(event.slice(1))]};
	return {state, keys: []};
}
