// Numbers and cells as the screen shows them: short SI-style numbers that fit a narrow
// column, and padding/truncation by terminal display width (CJK and emoji take 2 columns).
import stringWidth from 'string-width';

export const MISSING = '—';
const ELLIPSIS = '…';

const siPrefixes = ['', 'k', 'M', 'G', 'T', 'P', 'E'];
const binaryPrefixes = ['', 'K', 'M', 'G', 'T', 'P', 'E'];

function trimmedPrecision(value: number, digits: number): string {
	return String(Number(value.toPrecision(digits)));
}

/** At most 3 significant digits below the first prefix, 2 above it: `950`, `12.5`, `1.2k`, `34k`. */
function shortNumber(value: number, base: number, prefixes: string[]): string {
	if (value === 0) return '0';
	const sign = value < 0 ? '-' : '';
	let abs = Math.abs(value);
	if (Number.isInteger(abs) && abs < base) return sign + String(abs);
	if (Number(abs.toPrecision(3)) < base) return sign + trimmedPrecision(abs, 3);
	let tier = 0;
	while (abs >= base && tier < prefixes.length - 1) {
		abs /= base;
		tier++;
	}
	let rounded = abs < 10 ? Math.round(abs * 10) / 10 : Math.round(abs);
	if (rounded >= base && tier < prefixes.length - 1) {
		tier++;
		rounded = Math.round((rounded / base) * 10) / 10;
	}
	return `${sign}${rounded}${prefixes[tier]}`;
}

/**
 * A metric value with its unit: `''` counts (`1.2k`), `%` (`12.5%`), `ms` (`340ms`, `1.2s`),
 * `B` (binary, `1.2KB`); another unit follows the number (`3.4M Count`). Undefined is `—`.
 */
export function formatValue(value: number | undefined, unit: string): string {
	if (value === undefined || Number.isNaN(value)) return MISSING;
	if (!Number.isFinite(value)) return value > 0 ? '∞' : '-∞';
	switch (unit) {
		case '':
			return shortNumber(value, 1000, siPrefixes);
		case '%':
			return `${shortNumber(value, 1000, siPrefixes)}%`;
		case 'ms':
			return Math.abs(value) < 1000 ? `${shortNumber(value, 1000, siPrefixes)}ms` : `${shortNumber(value / 1000, 1000, siPrefixes)}s`;
		case 'B':
			return `${shortNumber(value, 1024, binaryPrefixes)}B`;
		default:
			return unit.length <= 2 || unit.startsWith('/')
				? `${shortNumber(value, 1000, siPrefixes)}${unit}`
				: `${shortNumber(value, 1000, siPrefixes)} ${unit}`;
	}
}

/**
 * Characters the UI draws besides printable ASCII (box drawing and block elements, arrows,
 * marks): one code unit and one column each, as string-width counts them (a test checks), so
 * a line made only of these is as wide as it is long. string-width itself costs far more a
 * character than a length does, and the panes measure every line they draw.
 */
export const NARROW_SYMBOLS =
	'\u00b7\u2014\u2022\u2026\u203a\u2190\u2191\u2192\u2193\u221e\u2264\u2265\u23ce\u23f8\u24d8\u25b2\u25bc\u25cb\u25cc\u25cf\u25d0\u2691\u26a0\u2714\u2716';
/** Text of printable ASCII, box drawing and block elements, and NARROW_SYMBOLS only. */
export const ONE_COLUMN_TEXT = new RegExp(`^[\\x20-\\x7e\\u2500-\\u259f${NARROW_SYMBOLS}]*$`);
const graphemes = new Intl.Segmenter(undefined, {granularity: 'grapheme'});

/** The text's user-perceived characters (an emoji with its modifiers is one). */
export function graphemesOf(text: string): string[] {
	if (ONE_COLUMN_TEXT.test(text)) return [...text];
	return Array.from(graphemes.segment(text), ({segment}) => segment);
}

/** Display width in terminal columns. */
export function displayWidth(text: string): number {
	return ONE_COLUMN_TEXT.test(text) ? text.length : stringWidth(text);
}

/** Cuts `text` to at most `width` columns, ending in '…' when anything was cut. */
export function truncateToWidth(text: string, width: number): string {
	if (width <= 0) return '';
	if (ONE_COLUMN_TEXT.test(text)) return text.length <= width ? text : text.slice(0, width - 1) + ELLIPSIS;
	if (stringWidth(text) <= width) return text;
	let used = 0;
	let kept = '';
	for (const {segment} of graphemes.segment(text)) {
		const segmentWidth = stringWidth(segment);
		if (used + segmentWidth > width - 1) break;
		used += segmentWidth;
		kept += segment;
	}
	return kept + ELLIPSIS;
}

/** Exactly `width` columns: truncated with '…' or padded with spaces. */
export function padCell(text: string, width: number, align: 'left' | 'right' = 'left'): string {
	// One column a character (nearly every cell): measured once, by its length.
	if (ONE_COLUMN_TEXT.test(text)) {
		if (text.length === width) return text;
		if (text.length > width) return width <= 0 ? '' : text.slice(0, width - 1) + ELLIPSIS;
		return align === 'left' ? text + ' '.repeat(width - text.length) : ' '.repeat(width - text.length) + text;
	}
	const cut = truncateToWidth(text, width);
	const padding = ' '.repeat(Math.max(0, width - displayWidth(cut)));
	return align === 'left' ? cut + padding : padding + cut;
}

/** Word-wraps text into lines of at most `width` columns; a word longer than a line is cut. */
export function wrapText(text: string, width: number): string[] {
	if (width <= 0) return [];
	const lines: string[] = [];
	let line = '';
	for (const word of text.split(/\s+/).filter(Boolean)) {
		const candidate = line ? `${line} ${word}` : word;
		if (displayWidth(candidate) <= width) {
			line = candidate;
			continue;
		}
		if (line) lines.push(line);
		line = '';
		for (const {segment} of graphemes.segment(word)) {
			if (line && displayWidth(line + segment) > width) {
				lines.push(line);
				line = '';
			}
			line += segment;
		}
	}
	if (line) lines.push(line);
	return lines;
}

/** The indent of a wrapped line's continuations: as asked, but leaving at least a third of the line. */
export function hangingIndent(width: number, indent: number): number {
	return Math.max(0, Math.min(indent, Math.floor((width * 2) / 3)));
}

/**
 * Where a text breaks into lines of at most `width` columns, each continuation to be indented
 * by {@link hangingIndent}: the [start, end) of each line's text. Breaks between words (the
 * spaces at a break are dropped), inside a word only when it is longer than a line. The text
 * is kept as it is otherwise (runs of spaces, indentation of the first line).
 */
export function lineBreaks(text: string, width: number, indent = 0): Array<[number, number]> {
	if (width <= 0 || displayWidth(text) <= width) return [[0, text.length]];
	const pad = hangingIndent(width, indent);
	const lines: Array<[number, number]> = [];
	let start = 0;
	let end = 0;
	// Where the last word on the line ends: a line that breaks before a word ends there, without the spaces.
	let wordEnd = 0;
	let used = 0;
	let continuation = false;
	const next = (at: number) => {
		lines.push([start, Math.max(start, wordEnd)]);
		start = at;
		end = at;
		wordEnd = at;
		used = pad;
		continuation = true;
	};
	for (const match of text.matchAll(/\S+|\s+/g)) {
		const token = match[0];
		const at = match.index;
		const tokenWidth = displayWidth(token);
		const empty = end === start;
		if (/^\s/.test(token)) {
			if (continuation && empty) {
				start = at + token.length;
				end = start;
				wordEnd = start;
			} else if (used + tokenWidth > width) {
				next(at + token.length);
			} else {
				end = at + token.length;
				used += tokenWidth;
			}
			continue;
		}
		if (used + tokenWidth <= width) {
			end = at + token.length;
			wordEnd = end;
			used += tokenWidth;
			continue;
		}
		if (!empty && tokenWidth <= width - pad) {
			next(at);
			end = at + token.length;
			wordEnd = end;
			used += tokenWidth;
			continue;
		}
		let offset = at;
		for (const character of graphemesOf(token)) {
			const characterWidth = displayWidth(character);
			if (used + characterWidth > width && end > start) {
				wordEnd = end;
				next(offset);
			}
			offset += character.length;
			end = offset;
			wordEnd = end;
			used += characterWidth;
		}
	}
	if (end > start || lines.length === 0) lines.push([start, end]);
	return lines;
}

/** Text wrapped by {@link lineBreaks}, continuations indented. */
export function wrapIndented(text: string, width: number, indent = 0): string[] {
	const breaks = lineBreaks(text, width, indent);
	const pad = ' '.repeat(hangingIndent(width, indent));
	return breaks.map(([start, end], index) => `${index === 0 ? '' : pad}${text.slice(start, end)}`);
}
