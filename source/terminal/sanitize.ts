// The one sanitizer for untrusted text (log messages, client ids, topics, thing names,
// attributes, alarm reasons, policy documents, rule SQL). Applied once, where data enters the
// app, so that nothing a device sends can drive the terminal or pass for something else.

/** Shown where a single-line cell had a line break, so `a\nINFO ok` cannot pass as two lines. */
export const LINE_BREAK_MARKER = ' ⏎ ';
export const ELLIPSIS = '…';

// Escape sequences, removed whole. A string sequence (OSC, DCS, SOS, PM, APC) is removed
// only with its terminator; an unterminated one loses just its introducer (falls through to
// the lone-ESC / C1 rules) so that a stray ESC cannot hide the rest of a message.
const osc = /(?:\x1b\]|\x9d)[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)/.source;
// tmux passthrough doubles every ESC inside a DCS, so `ESC ESC` is part of the body.
const stringSequence = /(?:\x1b[PX^_]|[\x90\x98\x9e\x9f])[^\x1b\x9c]*(?:\x1b\x1b[^\x1b\x9c]*)*(?:\x1b\\|\x9c)/.source;
const csi = /(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?/.source;
const loneEscape = /\x1b[ -/]*[0-~]?/.source;
const escapeSequence = `${osc}|${stringSequence}|${csi}|${loneEscape}`;

const lineBreak = /\r\n?|[\n\v\f\x85\u2028\u2029]/.source;
// C0 (except tab and line breaks), DEL, C1 (except NEL), bidi controls, zero-width and other
// invisible format characters, interlinear annotations and Unicode tag characters.
const invisible =
	/[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\xad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb\u{e0000}-\u{e007f}]/u
		.source;
// With the `u` flag a surrogate range matches only unpaired surrogates.
const loneSurrogate = /[\u{d800}-\u{dfff}]/u.source;

const unsafe = new RegExp(
	`[\\x00-\\x1f\\x7f-\\x9f\\xad\\u061c\\u180e\\u200b-\\u200f\\u2028-\\u202e\\u2060-\\u206f\\ufeff\\ufff9-\\ufffb\\u{e0000}-\\u{e007f}\\u{d800}-\\u{dfff}]`,
	'u',
);
const textPattern = new RegExp(`(${escapeSequence})|((?:${lineBreak})+)|(\\t)|(${loneSurrogate})|${invisible}`, 'gu');
const blockPattern = new RegExp(`(${escapeSequence})|(${lineBreak})|(\\t)|(${loneSurrogate})|${invisible}`, 'gu');
const remaining = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/;
const remainingInText = /[\n\u2028\u2029]/;

const decoder = new TextDecoder('utf-8');

function toText(value: unknown): string {
	if (typeof value === 'string') return value;
	if (value === undefined || value === null || typeof value === 'function') return '';
	if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
	if (typeof value === 'symbol') return value.description ?? '';
	// Invalid UTF-8 becomes U+FFFD.
	if (value instanceof Uint8Array) return decoder.decode(value);
	try {
		return JSON.stringify(value) ?? '';
	} catch {
		return String(value);
	}
}

/** Cuts to at most `maxLength` code points, the last one an ellipsis when anything was cut. */
function truncateCodePoints(text: string, maxLength: number, alreadyCut: boolean): string {
	if (maxLength <= 0) return '';
	if (text.length <= maxLength && !alreadyCut) return text;
	let codePoints = 0;
	let index = 0;
	while (index < text.length && codePoints < maxLength) {
		const code = text.charCodeAt(index);
		index += code >= 0xd800 && code <= 0xdbff && index + 1 < text.length ? 2 : 1;
		codePoints++;
	}
	if (index >= text.length && !alreadyCut) return text;
	// Step back one code point to make room for the ellipsis.
	let keep = index;
	if (codePoints >= maxLength) {
		const low = text.charCodeAt(keep - 1);
		keep -= low >= 0xdc00 && low <= 0xdfff && keep >= 2 ? 2 : 1;
	}
	return text.slice(0, keep).trimEnd() + ELLIPSIS;
}

function sanitize(value: unknown, maxLength: number, block: boolean): string {
	let text = toText(value);
	// Bound the work on huge input: whatever sanitizing removes, 8 UTF-16 units per kept code
	// point is far more than any real text needs.
	const bound = maxLength * 8 + 64;
	const cut = text.length > bound;
	if (cut) text = text.slice(0, bound);
	if (unsafe.test(text)) {
		text = text.replace(
			block ? blockPattern : textPattern,
			(_match, escape?: string, lineBreaks?: string, tab?: string, surrogate?: string) => {
				if (escape !== undefined) return '';
				if (lineBreaks !== undefined) return block ? '\n' : LINE_BREAK_MARKER;
				if (tab !== undefined) return block ? '  ' : ' ';
				if (surrogate !== undefined) return '\uFFFD';
				return '';
			},
		);
		if (!block) {
			if (text.startsWith(LINE_BREAK_MARKER)) text = text.slice(LINE_BREAK_MARKER.length);
			if (text.endsWith(LINE_BREAK_MARKER)) text = text.slice(0, -LINE_BREAK_MARKER.length);
		}
	}
	return truncateCodePoints(text, maxLength, cut);
}

/**
 * One line for a table cell: every escape sequence and control character removed, line
 * breaks shown as {@link LINE_BREAK_MARKER}, tabs as a space, at most `maxLength` code points.
 */
export function sanitizeText(value: unknown, maxLength = 4096): string {
	return sanitize(value, maxLength, false);
}

/** Like {@link sanitizeText}, but keeps line breaks as `\n` (tabs become two spaces). */
export function sanitizeBlock(value: unknown, maxLength = 65_536): string {
	return sanitize(value, maxLength, true);
}

/** True if a control character, escape or bidi control remains; `\n` is allowed in blocks. */
export function hasControlSequences(text: string, block = false): boolean {
	return remaining.test(text) || (!block && remainingInText.test(text));
}
