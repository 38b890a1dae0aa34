// A cell-level renderer between Ink and the terminal, as ncurses and htop draw. Ink, in debug
// mode, hands this stdout stand-in each frame whole (lines joined by '\n', chalk's SGR codes
// inside); only the cells that differ from what the terminal shows are written. Ink's own
// incremental output rewrites every changed line in full: with two panes side by side, one
// changing value on the right rewrote the left pane's text on that line too.
// Here: frame pacing and the model of the screen; ansiCells.ts turns a frame's lines into
// cells, frameEncoder.ts the changed cells into bytes.
import {EventEmitter} from 'node:events';
import {blankRow, escapeEnd, parseLine, RESET, sgrBetween, StyleTable, type Row} from './ansiCells.js';
import {FrameEncoder} from './frameEncoder.js';

export const BEGIN_SYNC = '\u001B[?2026h';
export const END_SYNC = '\u001B[?2026l';
const CLEAR_SCREEN = '\u001B[2J\u001B[H';
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
		const out = new FrameEncoder(this.width, this.table.styles, this.table.plain);
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
	for (let index = 0; index < text.length;) {
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
