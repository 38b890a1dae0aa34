// A cell-level renderer between Ink and the terminal, as ncurses and htop draw. Ink, in debug
// mode, hands this stdout stand-in each frame whole (lines joined by '\n', chalk's SGR codes
// inside); only the cells that differ from what the terminal shows are written. Ink's own
// incremental output rewrites every changed line in full: with two panes side by side, one
// changing value on the right rewrote the left pane's text on that line too.
import {EventEmitter} from 'node:events';
import stringWidth from 'string-width';
import {ONE_COLUMN_TEXT} from '../model/format.js';

export const BEGIN_SYNC = '\u001B[?2026h';
export const END_SYNC = '\u001B[?2026l';
const RESET = '\u001B[m';
const CLEAR_SCREEN = '\u001B[2J\u001B[H';
const ERASE_LINE_END = '\u001B[K';
/** ECH: erase `n` cells from the cursor on, which stays where it is. */
const eraseCells = (n: number) => `\u001B[${n}X`;
const BELL = '\u0007';

/** The real terminal: process.stdout, or a test double. */
export type TerminalStream = {
	write(chunk: string): boolean;
	columns?: number;
	rows?: number;
	destroyed?: boolean;
	writableEnded?: boolean;
	writable?: boolean;
	on(event: 'resize', listener: () => void): unknown;
	off(event: 'resize', listener: () => void): unknown;
};

export type FrameWriterOptions = {
	/** Frames closer together than this are coalesced, the latest written (Ink's maxFps 12). */
	intervalMs?: number;
	/** Wrap each frame in synchronized output (BSU/ESU) so the terminal shows it at once. */
	synchronized?: boolean;
};

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

type Style = {fg: number; bg: number; attrs: number};

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

class StyleTable {
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
type Row = {
	chars: string[];
	styles: Uint32Array;
	/** Columns up to the last cell that is not a blank in the default style. */
	extent: number;
};

function blankRow(columns: number): Row {
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
function escapeEnd(line: string, start: number): number {
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
function parseLine(line: string, columns: number, table: StyleTable): Row {
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
			if (line.charCodeAt(index + 1) === 0x5b && line.charCodeAt(end - 1) === 0x6d && SGR_PARAMETERS.test(parameters)) pen.apply(parameters);
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

// ---- The writer ----

/**
 * Ink's stdout in debug mode. Each write is a whole frame; the terminal gets the cells that
 * changed, positioned absolutely (we draw on the alternate screen from the top-left), at most
 * one frame per `intervalMs`. Writes that are not frames (BEL from the alarm bell, Ink's cursor
 * show on unmount) are passed on (BEL) or dropped: the screen session owns the cursor.
 */
export class FrameWriter extends EventEmitter {
	readonly isTTY = true;
	/** Frames Ink handed over. */
	framesReceived = 0;
	/** Frames that changed the screen (each one write). */
	framesWritten = 0;
	/** Bytes written to the terminal, frames and bells. */
	bytesWritten = 0;

	private readonly intervalMs: number;
	private readonly synchronized: boolean;
	private table = new StyleTable();
	private width = 0;
	private height = 0;
	/** The lines of the last frame parsed, and their rows: what the terminal should show. */
	private lines: string[] = [];
	private target: Row[] = [];
	/** What the terminal shows now. */
	private screen: Row[] = [];
	private blank: Row = blankRow(0);
	/** The screen must be cleared before the next frame (start, resize, invalidate). */
	private invalid = true;
	private pending: string | undefined;
	private lastFrame: string | undefined;
	private timer: NodeJS.Timeout | undefined;
	private lastWriteAt = Number.NEGATIVE_INFINITY;
	private closed = false;
	/** Frames wait while the resize event is being handled. */
	private holding = false;

	constructor(
		private readonly stream: TerminalStream,
		options: FrameWriterOptions = {},
	) {
		super();
		this.intervalMs = options.intervalMs ?? 80;
		this.synchronized = options.synchronized ?? true;
		stream.on('resize', this.onResize);
	}

	get columns(): number {
		return this.stream.columns || 80;
	}

	get rows(): number {
		return this.stream.rows || 24;
	}

	// Ink writes its last frame on unmount only when stdout can take it.
	get destroyed(): boolean {
		return this.closed || Boolean(this.stream.destroyed);
	}

	get writableEnded(): boolean {
		return this.closed || Boolean(this.stream.writableEnded);
	}

	get writable(): boolean {
		return !this.closed && this.stream.writable !== false;
	}

	/** Ink's write: a frame, or a bell or mode change from Ink or a hook. */
	write = (chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
		const callback = rest.find((argument) => typeof argument === 'function') as (() => void) | undefined;
		if (callback) process.nextTick(callback);
		const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
		if (this.closed || text === '') return true;
		if (!isFrame(text)) {
			if (text.includes(BELL)) this.send(BELL);
			return true;
		}
		this.framesReceived++;
		this.pending = text;
		this.schedule();
		return true;
	};

	/** Writes the pending frame now, if there is one. */
	flush(): void {
		this.clearTimer();
		const frame = this.pending;
		this.pending = undefined;
		if (frame === undefined || this.closed) return;
		this.lastFrame = frame;
		let output: string;
		try {
			output = this.render(frame);
		} catch {
			// A bug here must not take the app down: repaint the frame whole, and start over.
			this.reset();
			output = `${RESET}${CLEAR_SCREEN}${frame.split('\n').slice(0, this.rows).join('\r\n')}${RESET}`;
		}
		if (output === '') return;
		this.framesWritten++;
		this.lastWriteAt = performance.now();
		this.send(this.synchronized ? BEGIN_SYNC + output + END_SYNC : output);
	}

	/**
	 * What the terminal shows now, as ANSI text that draws it on a blank screen of `columns` x
	 * `rows` (each row placed absolutely, ending on the default pen): the `s` key's SVG is this
	 * screen, not the app drawn again.
	 */
	screenAnsi(): {ansi: string; columns: number; rows: number} {
		const {styles} = this.table;
		let ansi = '';
		for (const [y, row] of this.screen.entries()) {
			if (row.extent === 0) continue;
			ansi += `\u001B[${y + 1}H`;
			let pen = 0;
			for (let x = 0; x < row.extent; x++) {
				const char = row.chars[x];
				if (char === '') continue;
				if (row.styles[x] !== pen) {
					ansi += sgrBetween(styles[pen], styles[row.styles[x]]);
					pen = row.styles[x];
				}
				ansi += char;
			}
			if (pen !== 0) ansi += RESET;
		}
		return {ansi, columns: this.width || this.columns, rows: this.height || this.rows};
	}

	/** Forget what the terminal shows: the next frame clears the screen and repaints it all. */
	invalidate(): void {
		this.reset();
		if (this.pending === undefined) this.pending = this.lastFrame;
		if (this.pending !== undefined) this.schedule();
	}

	/** Writes what is pending, then nothing more: the screen session is about to give the terminal back. */
	close(): void {
		if (this.closed) return;
		try {
			this.flush();
		} finally {
			this.closed = true;
			this.clearTimer();
			this.stream.off('resize', this.onResize);
		}
	}

	private readonly onResize = () => {
		if (this.closed) return;
		this.reset();
		// Ink renders at once, at the new width but with the App's old size; useTerminalSize's
		// render follows in a microtask. Hold both and repaint once, with the last, right after.
		this.holding = true;
		try {
			this.emit('resize');
		} finally {
			this.holding = false;
		}
		if (this.pending === undefined) this.pending = this.lastFrame;
		this.clearTimer();
		this.timer = setTimeout(() => {
			this.timer = undefined;
			this.flush();
		}, 0);
		this.timer.unref();
	};

	private schedule(): void {
		if (this.timer || this.holding) return;
		const wait = this.lastWriteAt + this.intervalMs - performance.now();
		if (wait <= 0) {
			this.flush();
			return;
		}
		// Coalesce: the latest frame is written when the interval is up.
		this.timer = setTimeout(() => {
			this.timer = undefined;
			this.flush();
		}, wait);
		this.timer.unref();
	}

	private clearTimer(): void {
		if (this.timer) clearTimeout(this.timer);
		this.timer = undefined;
	}

	private send(text: string): void {
		const {stream} = this;
		if (this.closed || stream.destroyed || stream.writableEnded) return;
		this.bytesWritten += Buffer.byteLength(text);
		try {
			stream.write(text);
		} catch {
			// EPIPE and friends are the stream's 'error' event; the next frame cannot help it.
		}
	}

	/** Start over at the terminal's size with a blank screen model and no parsed lines. */
	private reset(): void {
		this.width = this.columns;
		this.height = this.rows;
		// Styles are interned for the life of a model; a flood of true colours must not grow it for ever.
		if (this.table.size > 4096) this.table = new StyleTable();
		this.blank = blankRow(this.width);
		this.lines = [];
		this.target = Array.from({length: this.height}, () => this.blank);
		this.screen = Array.from({length: this.height}, () => this.blank);
		this.invalid = true;
	}

	/** The bytes that take the terminal from what it shows to `frame`; '' when nothing changed. */
	private render(frame: string): string {
		if (this.invalid || this.width !== this.columns || this.height !== this.rows) this.reset();
		const lines = frame.split('\n');
		for (let y = 0; y < this.height; y++) {
			const line = lines[y];
			if (line === this.lines[y]) continue;
			this.target[y] = line === undefined || line === '' ? this.blank : parseLine(line, this.width, this.table);
		}
		this.lines = lines;
		const out = new Output(this.width, this.table.styles, this.table.plain);
		if (this.invalid) {
			out.text = RESET + CLEAR_SCREEN;
			out.cursorRow = 0;
			out.cursorColumn = 0;
			this.invalid = false;
		}
		for (let y = 0; y < this.height; y++) {
			if (this.target[y] === this.screen[y]) continue;
			out.row(y, this.target[y], this.screen[y]);
			this.screen[y] = this.target[y];
		}
		if (out.text === '') return '';
		// End on the default pen so that a crash between frames leaves no colour on.
		if (out.pen !== 0) out.text += RESET;
		return out.text;
	}
}

/** A frame has text or line breaks; a write with neither is a bell or a mode change. */
function isFrame(text: string): boolean {
	if (text.includes('\n')) return true;
	for (let index = 0; index < text.length; ) {
		const code = text.charCodeAt(index);
		if (code === 0x1b) {
			index = escapeEnd(text, index);
			continue;
		}
		if (code >= 0x20 && code !== 0x7f) return true;
		index++;
	}
	return false;
}

/** The bytes of one frame's changes, with the terminal's cursor and pen as they will be. */
class Output {
	text = '';
	/** The terminal's pen, a style id: every frame ends on the default one (0). */
	pen = 0;
	cursorRow = -1;
	/** The cursor's column; `width` after the last column was written (a wrap is pending). */
	cursorColumn = -1;

	constructor(
		private readonly width: number,
		private readonly styles: Style[],
		/** By style id: whether a blank drawn with it looks like a default blank (StyleTable.plain). */
		private readonly plain: boolean[],
	) {}

	/** Writes the cells of row `y` in which `next` differs from `shown`. */
	row(y: number, next: Row, shown: Row): void {
		const end = Math.max(next.extent, shown.extent);
		const changed = new Uint8Array(end);
		for (let x = 0; x < end; x++) {
			if (next.chars[x] !== shown.chars[x] || next.styles[x] !== shown.styles[x]) changed[x] = 1;
		}
		// A wide character's halves change together: its right half ('') carries the left
		// half's style, and where a cell was or becomes a right half, its left neighbour
		// changed as well. So a run starts on a whole character, and cell() writes it whole.
		let x = 0;
		while (x < end) {
			if (!changed[x]) {
				x++;
				continue;
			}
			if (x >= next.extent) {
				// The rest of the new row is blank: erase it, in the default background.
				this.moveTo(y, x, next);
				this.plainPen();
				this.text += ERASE_LINE_END;
				return;
			}
			this.moveTo(y, x, next);
			while (x < end && x < next.extent && changed[x]) {
				const erased = this.erase(next, x, changed, end);
				if (erased > x) {
					// The cursor stayed at x: the next change is moved to.
					x = erased;
					break;
				}
				x = this.cell(next, x);
			}
		}
	}

	/**
	 * Erases the changed blanks from `x` on with ECH when that, and the move over them after,
	 * costs fewer bytes than writing them; returns the column after them, or `x` when it did not.
	 */
	private erase(row: Row, x: number, changed: Uint8Array, end: number): number {
		if (row.chars[x] !== ' ' || row.styles[x] !== 0) return x;
		let runEnd = x + 1;
		while (runEnd < row.extent && changed[runEnd] && row.chars[runEnd] === ' ' && row.styles[runEnd] === 0) runEnd++;
		const count = runEnd - x;
		// Below 5 blanks ECH (4 bytes) and a move (3) never pay.
		if (count < 5) return x;
		let nextChange = runEnd;
		while (nextChange < end && !changed[nextChange]) nextChange++;
		// When nothing more changes on the row, the cursor is not moved on.
		const rest = nextChange < end;
		const writing = count + (rest ? forwardBy(nextChange - runEnd).length : 0);
		const erasing = eraseCells(count).length + (rest ? forwardBy(nextChange - x).length : 0);
		if (erasing >= writing) return x;
		// Erased cells take the pen's background.
		this.plainPen();
		this.text += eraseCells(count);
		return runEnd;
	}

	/** Writes the cell at `x` (a whole wide character) and returns the column after it. */
	private cell(row: Row, x: number): number {
		if (!this.penDraws(this.pen, row.chars[x], row.styles[x])) this.setPen(row.styles[x]);
		this.text += row.chars[x];
		const next = x + 1 < this.width && row.chars[x + 1] === '' ? x + 2 : x + 1;
		this.cursorColumn = next;
		return next;
	}

	/** Whether `pen` draws `char` in `style` as it looks: its own style, or any plain pen for a default blank (no SGR for it). */
	private penDraws(pen: number, char: string, style: number): boolean {
		return style === pen || (style === 0 && char === ' ' && this.plain[pen]);
	}

	/** A pen in which blanks and erased cells look like default blanks: the one there is, or the default. */
	private plainPen(): void {
		if (!this.plain[this.pen]) this.setPen(0);
	}

	private setPen(style: number): void {
		if (style === this.pen) return;
		this.text += sgrBetween(this.styles[this.pen], this.styles[style]);
		this.pen = style;
	}

	/**
	 * Puts the cursor at (y, x), the cheapest way: rewriting the few unchanged cells in between
	 * (`row` is what they hold), a forward move, CR LF to the next line, or an absolute move.
	 */
	private moveTo(y: number, x: number, row: Row): void {
		if (this.cursorRow === y && this.cursorColumn === x) return;
		if (this.cursorRow === y && this.cursorColumn >= 0 && this.cursorColumn < x) {
			const forward = forwardBy(x - this.cursorColumn);
			// The gap's cells are unchanged: rewrite them when that costs fewer bytes than moving.
			const rewrite = this.rewriteCost(row, this.cursorColumn, x);
			if (rewrite !== undefined && rewrite.bytes + sgrCost(this.styles, rewrite.pen, row.styles[x]) <= forward.length + sgrCost(this.styles, this.pen, row.styles[x])) {
				for (let column = this.cursorColumn; column < x; ) column = this.cell(row, column);
				return;
			}
			this.text += forward;
			this.cursorColumn = x;
			return;
		}
		const absolute = y === 0 && x === 0 ? '\u001B[H' : x === 0 ? `\u001B[${y + 1}H` : `\u001B[${y + 1};${x + 1}H`;
		// The next line down: LF and the column (CHA), right whether or not the tty turns LF into
		// CR LF (ONLCR) and a byte shorter than CR LF and a forward move; CR LF to its start, and
		// after the last column was written (CR ends the pending wrap, which not every terminal's LF does).
		const pendingWrap = this.cursorColumn >= this.width;
		const nextLine = this.cursorRow >= 0 && this.cursorRow + 1 === y ? (x === 0 || pendingWrap ? `\r\n${forwardBy(x)}` : `\n\u001B[${x + 1}G`) : undefined;
		this.text += nextLine !== undefined && nextLine.length < absolute.length ? nextLine : absolute;
		this.cursorRow = y;
		this.cursorColumn = x;
	}

	/** The bytes of rewriting columns [from, to) of `row`, and the pen after; undefined when surely dearer than moving. */
	private rewriteCost(row: Row, from: number, to: number): {bytes: number; pen: number} | undefined {
		if (to - from > 6) return undefined;
		let bytes = 0;
		let pen = this.pen;
		for (let column = from; column < to; column++) {
			const char = row.chars[column];
			if (char === '') continue;
			if (!this.penDraws(pen, char, row.styles[column])) {
				bytes += sgrCost(this.styles, pen, row.styles[column]);
				pen = row.styles[column];
			}
			bytes += Buffer.byteLength(char);
		}
		return {bytes, pen};
	}
}

function forwardBy(columns: number): string {
	return columns === 0 ? '' : columns === 1 ? '\u001B[C' : `\u001B[${columns}C`;
}

function sgrCost(styles: Style[], from: number, to: number): number {
	if (from === to) return 0;
	return sgrBetween(styles[from], styles[to]).length;
}
