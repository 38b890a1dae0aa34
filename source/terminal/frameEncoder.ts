// The bytes that take the terminal from one screen of cells to the next: only the cells that
// changed, the cursor moved the cheapest way, runs of blanks erased where that is shorter,
// the pen changed by the shortest SGR. A cost model in bytes decides each step.
import {sgrBetween, type Row, type Style} from './ansiCells.js';

const ERASE_LINE_END = '\u001B[K';
/** ECH: erase `n` cells from the cursor on, which stays where it is. */
const eraseCells = (n: number) => `\u001B[${n}X`;

/** The bytes of one frame's changes, with the terminal's cursor and pen as they will be. */
export class FrameEncoder {
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
			if (
				rewrite !== undefined &&
				rewrite.bytes + sgrCost(this.styles, rewrite.pen, row.styles[x]) <= forward.length + sgrCost(this.styles, this.pen, row.styles[x])
			) {
				for (let column = this.cursorColumn; column < x;) column = this.cell(row, column);
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
		const nextLine =
			this.cursorRow >= 0 && this.cursorRow + 1 === y ? (x === 0 || pendingWrap ? `\r\n${forwardBy(x)}` : `\n\u001B[${x + 1}G`) : undefined;
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
