// A frame's text as the terminal's cells: each line Ink writes (chalk's SGR codes inside)
// parsed into a row of graphemes and interned styles, laid out as Ink lays them out; and the
// shortest SGR from one style to another. The frame writer's model of the screen is made of these.
import stringWidth from 'string-width';
import {ONE_COLUMN_TEXT} from '../model/format.js';

export const RESET = '\u001B[m';

// ---- Styles: colours as numbers, attributes as bits, interned to small ids per writer ----

const DEFAULT_COLOR = -1;
// 0-15: the 16 colours as SGR 30-37/90-97 set them; 256 + n: SGR 38;5;n; TRUE_COLOR + rgb: 38;2.
// A terminal keeps 31 and 38;5;1 apart (bold may brighten only the first), so we do too.
const PALETTE = 256;
const TRUE_COLOR = 0x1000000;

const BOLD = 1;
const DIM = 2;
const ITALIC = 4;
const UNDERLINE = 8;
const BLINK = 16;
const INVERSE = 32;
const HIDDEN = 64;
const STRIKE = 128;
const OVERLINE = 256;
const ATTRIBUTES: Array<[bit: number, on: string, off: string]> = [
	[BOLD, '1', '22'],
	[DIM, '2', '22'],
	[ITALIC, '3', '23'],
	[UNDERLINE, '4', '24'],
	[BLINK, '5', '25'],
	[INVERSE, '7', '27'],
	[HIDDEN, '8', '28'],
	[STRIKE, '9', '29'],
	[OVERLINE, '53', '55'],
];

// What a frame's SGR codes turn on and off (6, rapid blink, reads as blink).
const ATTRIBUTE_ON = new Map<number, number>([...ATTRIBUTES.map(([bit, on]): [number, number] => [Number(on), bit]), [6, BLINK]]);
const ATTRIBUTE_OFF = new Map<number, number>(ATTRIBUTES.map(([bit, , off]): [number, number] => [Number(off), bit]));
ATTRIBUTE_OFF.set(22, BOLD | DIM);

export type Style = {fg: number; bg: number; attrs: number};

function colorParams(color: number, background: boolean): string {
	if (color === DEFAULT_COLOR) return background ? '49' : '39';
	if (color < 8) return String((background ? 40 : 30) + color);
	if (color < 16) return String((background ? 100 : 90) + color - 8);
	if (color < TRUE_COLOR) return `${background ? 48 : 38};5;${color - PALETTE}`;
	const rgb = color - TRUE_COLOR;
	return `${background ? 48 : 38};2;${(rgb >> 16) & 0xff};${(rgb >> 8) & 0xff};${rgb & 0xff}`;
}

/** The shortest SGR that takes the pen from one style to another: a reset and the new attributes, or just the changes. */
export function sgrBetween(from: Style, to: Style): string {
	if (from.fg === to.fg && from.bg === to.bg && from.attrs === to.attrs) return '';
	const full: string[] = [];
	for (const [bit, on] of ATTRIBUTES) if (to.attrs & bit) full.push(on);
	if (to.fg !== DEFAULT_COLOR) full.push(colorParams(to.fg, false));
	if (to.bg !== DEFAULT_COLOR) full.push(colorParams(to.bg, true));
	const reset = full.length === 0 ? RESET : `\u001B[0;${full.join(';')}m`;

	const changes: string[] = [];
	let attrs = from.attrs;
	// 22 turns off bold and dim together: whichever stays is turned on again below.
	if (attrs & ~to.attrs & (BOLD | DIM)) {
		changes.push('22');
		attrs &= ~(BOLD | DIM);
	}
	for (const [bit, on, off] of ATTRIBUTES) {
		if (bit === BOLD || bit === DIM) {
			if (to.attrs & bit && !(attrs & bit)) changes.push(on);
		} else if ((attrs ^ to.attrs) & bit) {
			changes.push(to.attrs & bit ? on : off);
		}
	}
	if (from.fg !== to.fg) changes.push(colorParams(to.fg, false));
	if (from.bg !== to.bg) changes.push(colorParams(to.bg, true));
	const incremental = `\u001B[${changes.join(';')}m`;
	return incremental.length < reset.length ? incremental : reset;
}

// A blank drawn in a style with these (or a background) may not look like a default blank (the
// Linux console draws a blinking blank in a bright background).
const SHOWN_ON_BLANK = INVERSE | UNDERLINE | STRIKE | OVERLINE | BLINK;

/** Whether a blank in `style` looks like a blank in the default style: no background, nothing drawn across it. */
function blankIsPlain(style: Style): boolean {
	return style.bg === DEFAULT_COLOR && (style.attrs & SHOWN_ON_BLANK) === 0;
}

export class StyleTable {
	readonly styles: Style[] = [{fg: DEFAULT_COLOR, bg: DEFAULT_COLOR, attrs: 0}];
	/** By style id: a blank in it looks like a default blank (a dim or coloured space does). */
	readonly plain: boolean[] = [true];
	private readonly ids = new Map<string, number>([['-1,-1,0', 0]]);

	id(fg: number, bg: number, attrs: number): number {
		const key = `${fg},${bg},${attrs}`;
		let id = this.ids.get(key);
		if (id === undefined) {
			id = this.styles.length;
			const style = {fg, bg, attrs};
			this.styles.push(style);
			this.plain.push(blankIsPlain(style));
			this.ids.set(key, id);
		}
		return id;
	}

	get size(): number {
		return this.styles.length;
	}
}

// ---- Rows: one grapheme and one style id per column ----

/**
 * A row of cells. `chars[c]` is the grapheme at column c, '' for the right half of a wide
 * character, ' ' for a blank. A blank that looks like a default one (a dim or coloured space)
 * has the default style, 0, so that a change of colour around it changes no cell. Rows are
 * never changed once built, so two equal references are equal rows and the screen model can
 * share the frame's rows.
 */
export type Row = {
	chars: string[];
	styles: Uint32Array;
	/** Columns up to the last cell that is not a blank in the default style. */
	extent: number;
};

export function blankRow(columns: number): Row {
	return {chars: new Array<string>(columns).fill(' '), styles: new Uint32Array(columns), extent: 0};
}

const SGR_PARAMETERS = /^[0-9;:]*$/;
const segmenter = new Intl.Segmenter(undefined, {granularity: 'grapheme'});
const widthCache = new Map<string, number>();

// Ink lays text out with string-width; so must we, or our columns would not be its columns.
function graphemeWidth(grapheme: string): number {
	let width = widthCache.get(grapheme);
	if (width === undefined) {
		width = stringWidth(grapheme);
		if (widthCache.size > 4096) widthCache.clear();
		widthCache.set(grapheme, width);
	}
	return width;
}

/** Where the escape sequence starting at `start` ends (the index after it). */
export function escapeEnd(line: string, start: number): number {
	const kind = line.charCodeAt(start + 1);
	if (kind === 0x5b) {
		// CSI: parameters and intermediates, then one final byte.
		let index = start + 2;
		while (index < line.length) {
			const code = line.charCodeAt(index);
			if (code >= 0x40 && code <= 0x7e) return index + 1;
			index++;
		}
		return line.length;
	}
	if (kind === 0x5d) {
		// OSC (a hyperlink, say): ends at BEL or ESC \.
		for (let index = start + 2; index < line.length; index++) {
			const code = line.charCodeAt(index);
			if (code === 0x07) return index + 1;
			if (code === 0x1b) return line.charCodeAt(index + 1) === 0x5c ? index + 2 : index;
		}
		return line.length;
	}
	return Math.min(start + 2, line.length);
}

/** The pen while a line is parsed. */
class Pen {
	fg = DEFAULT_COLOR;
	bg = DEFAULT_COLOR;
	attrs = 0;
	private id = 0;
	private dirty = false;

	constructor(private readonly table: StyleTable) {}

	styleId(): number {
		if (this.dirty) {
			this.id = this.table.id(this.fg, this.bg, this.attrs);
			this.dirty = false;
		}
		return this.id;
	}

	/** Applies the parameters of one SGR sequence (`1;38;5;208`). */
	apply(parameters: string): void {
		this.dirty = true;
		const parts = parameters.split(';');
		for (let index = 0; index < parts.length; index++) {
			const part = parts[index];
			if (part.includes(':')) {
				// ITU form, 38:2::r:g:b or 38:5:n: one parameter with sub-parameters.
				const sub = part.split(':');
				const color = extendedColor(sub[1], sub.length > 5 ? sub.slice(3) : sub.slice(2));
				if (sub[0] === '38' && color !== undefined) this.fg = color;
				else if (sub[0] === '48' && color !== undefined) this.bg = color;
				else if (sub[0] === '4') this.attrs = sub[1] === '0' ? this.attrs & ~UNDERLINE : this.attrs | UNDERLINE;
				continue;
			}
			const code = part === '' ? 0 : Number(part);
			if (code === 38 || code === 48 || code === 58) {
				const mode = parts[index + 1];
				const count = mode === '5' ? 1 : mode === '2' ? 3 : 0;
				const color = extendedColor(mode, parts.slice(index + 2, index + 2 + count));
				index += 1 + count;
				if (code === 38 && color !== undefined) this.fg = color;
				else if (code === 48 && color !== undefined) this.bg = color;
				continue;
			}
			this.applyCode(code);
		}
	}

	private applyCode(code: number): void {
		if (code === 0) {
			this.fg = DEFAULT_COLOR;
			this.bg = DEFAULT_COLOR;
			this.attrs = 0;
		} else if (code >= 30 && code <= 37) this.fg = code - 30;
		else if (code >= 90 && code <= 97) this.fg = code - 90 + 8;
		else if (code === 39) this.fg = DEFAULT_COLOR;
		else if (code >= 40 && code <= 47) this.bg = code - 40;
		else if (code >= 100 && code <= 107) this.bg = code - 100 + 8;
		else if (code === 49) this.bg = DEFAULT_COLOR;
		else this.attrs = (this.attrs | (ATTRIBUTE_ON.get(code) ?? 0)) & ~(ATTRIBUTE_OFF.get(code) ?? 0);
	}
}

function extendedColor(mode: string | undefined, values: string[]): number | undefined {
	const numbers = values.map((value) => Math.min(255, Math.max(0, Number(value) || 0)));
	if (mode === '5' && numbers.length >= 1) return PALETTE + numbers[0];
	if (mode === '2' && numbers.length >= 3) return TRUE_COLOR + ((numbers[0] << 16) | (numbers[1] << 8) | numbers[2]);
	return undefined;
}

/**
 * One line of a frame as cells, cut at `columns`. Control characters and escape sequences
 * other than SGR take no cells and do nothing (hyperlinks are dropped: the app draws none); a zero-width
 * grapheme joins the cell before it, as a terminal would put it.
 */
export function parseLine(line: string, columns: number, table: StyleTable): Row {
	const row = blankRow(columns);
	const {chars, styles} = row;
	const {plain} = table;
	const pen = new Pen(table);
	let column = 0;
	let index = 0;
	const put = (grapheme: string) => {
		const code = grapheme.charCodeAt(0);
		if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return;
		const width = graphemeWidth(grapheme);
		if (width === 0) {
			let lead = column - 1;
			if (lead >= 0 && chars[lead] === '') lead--;
			if (lead >= 0) chars[lead] += grapheme;
			return;
		}
		const style = pen.styleId();
		if (width >= 2 && column + 1 >= columns) {
			// A wide character cut by the right edge: the terminal would wrap it, so a blank.
			chars[column] = ' ';
			styles[column++] = plain[style] ? 0 : style;
			return;
		}
		chars[column] = grapheme;
		styles[column++] = grapheme === ' ' && plain[style] ? 0 : style;
		if (width >= 2) {
			chars[column] = '';
			styles[column++] = style;
		}
	};
	while (index < line.length && column < columns) {
		if (line.charCodeAt(index) === 0x1b) {
			const end = escapeEnd(line, index);
			const parameters = line.slice(index + 2, end - 1);
			// SGR only: CSI > 4;2 m (a key mode) and the like are not colours.
			if (line.charCodeAt(index + 1) === 0x5b && line.charCodeAt(end - 1) === 0x6d && SGR_PARAMETERS.test(parameters))
				pen.apply(parameters);
			index = end;
			continue;
		}
		let next = line.indexOf('\u001B', index);
		if (next === -1) next = line.length;
		const text = line.slice(index, next);
		index = next;
		// One code unit, one cell: ASCII, the box drawing and the symbols the panes draw.
		if (ONE_COLUMN_TEXT.test(text)) {
			const style = pen.styleId();
			const blankStyle = plain[style] ? 0 : style;
			for (let offset = 0; offset < text.length && column < columns; offset++) {
				const char = text[offset];
				chars[column] = char;
				styles[column++] = char === ' ' ? blankStyle : style;
			}
		} else {
			for (const {segment} of segmenter.segment(text)) {
				if (column >= columns) break;
				put(segment);
			}
		}
	}
	let extent = column;
	while (extent > 0 && chars[extent - 1] === ' ' && styles[extent - 1] === 0) extent--;
	row.extent = extent;
	return row;
}
