// The column model every table shares: a table declares its columns (minimum, preferred and
// flexible widths, which stay whole, which go first when the pane is narrow), `layoutColumns` gives each a
// width from the pane's width and the widest cell of the rows on screen, and the header and
// every row are cut from that one layout, so they line up. Room the pane has goes first to
// the columns whose cells were cut (a topic, a reason, a client id), not to blank padding.
// Pure.
import {displayWidth, padCell, truncateToWidth} from '../../model/format.js';
import type {Line, Segment} from './line.js';

export type ColumnSpec = {
	/** Header text; a column asks for at least its width (tables without a header use ''). */
	title: string;
	/**
	 * Narrowest width worth showing (it asks for at least this); a line too narrow for every
	 * column's minimum drops columns instead. `content`: never cut, as wide as its widest cell (up to `max`).
	 */
	min: number | 'content';
	/** The width it asks for: a number of columns, or `content`: its widest cell on screen (and its title). */
	preferred: number | 'content';
	/** Never wider than this (spare room included). */
	max?: number;
	/** Its share (a weight) of the room left once every column has its preferred width; none without. */
	flex?: number;
	/**
	 * Kept whole while a droppable column can go instead (a client id: a cut one names no
	 * device): the drops count its preferred width, and it gets that width first.
	 */
	whole?: true;
	/**
	 * Gets its preferred width, as far as the room allows, before the columns without one get
	 * more than their minimum; the lowest first (a `whole` column without one before all).
	 */
	priority?: number;
	/**
	 * Its minimum is a short form of its cells (a status as `✖`): it is either that or its
	 * preferred width, never cut in between, and whole only with room to spare (no priority).
	 */
	compact?: true;
	align?: 'left' | 'right';
	/** When the line cannot hold every column at its minimum, the highest goes first; never dropped without one. */
	drop?: number;
};

/** Each column's width for one line width and the rows on screen; 0 = not shown. */
export type TableLayout = {
	readonly columns: readonly ColumnSpec[];
	readonly widths: readonly number[];
};

/** One space between shown columns. */
const GAP = 1;

const NONE = Number.POSITIVE_INFINITY;

/**
 * Widths for `columns` in `width` terminal columns. `content[i]` is the widest cell of column
 * i among the rows on screen; without `content` (no rows) a `content` column asks for its
 * title, and with it a `content` column whose cells are all empty is not shown. In order:
 * drop columns (highest `drop` first) while the minimums (the preferred width of a `whole`
 * column) do not fit; give the `whole` and `priority` columns (lowest priority first) their
 * preferred width as far as the room goes; share what is left among the other columns
 * short of theirs (by `flex`, 1 without), so every cut column gets room before any gets
 * padding; then compact columns whole where room is left; then the rest to the `flex`
 * columns, up to their `max`. Never wider than `width` unless the minimums of the columns
 * that cannot be dropped are.
 */
export function layoutColumns(columns: readonly ColumnSpec[], width: number, content?: ReadonlyArray<number | undefined>): number[] {
	const count = columns.length;
	const preferred: number[] = [];
	const min: number[] = [];
	const shown: boolean[] = [];
	for (let index = 0; index < count; index++) {
		const column = columns[index];
		const measured = content?.[index] ?? 0;
		const asked = Math.min(
			column.preferred === 'content' ? Math.max(displayWidth(column.title), measured) : column.preferred,
			column.max ?? NONE,
		);
		// A shown column is at least one column wide.
		min.push(Math.max(1, column.min === 'content' ? asked : column.min));
		preferred.push(Math.max(min[index], asked));
		shown.push(asked > 0 && !(content !== undefined && column.preferred === 'content' && measured === 0));
	}
	const needed = () => {
		let sum = 0;
		let visible = 0;
		for (let index = 0; index < count; index++) {
			if (!shown[index]) continue;
			sum += columns[index].whole ? preferred[index] : min[index];
			visible++;
		}
		return sum + Math.max(0, visible - 1) * GAP;
	};
	while (needed() > width) {
		let victim = -1;
		for (let index = 0; index < count; index++) {
			const {drop} = columns[index];
			if (shown[index] && drop !== undefined && (victim < 0 || drop >= columns[victim].drop!)) victim = index;
		}
		if (victim < 0) break;
		shown[victim] = false;
	}
	const widths = min.map((floor, index) => (shown[index] ? floor : 0));
	let visible = 0;
	let room = width;
	for (let index = 0; index < count; index++) {
		if (!shown[index]) continue;
		room -= widths[index] + (visible > 0 ? GAP : 0);
		visible++;
	}
	const grow = (index: number, whole: boolean) => {
		const short = preferred[index] - widths[index];
		const given = Math.max(0, Math.min(short, room));
		if (whole && given < short) return;
		widths[index] += given;
		room -= given;
	};
	const indexes = widths.map((_, index) => index).filter((index) => shown[index]);
	// Whole and priority columns, the lowest priority first (a whole column without one before all).
	const rank = (index: number) => columns[index].priority ?? Number.NEGATIVE_INFINITY;
	const first = (column: ColumnSpec) => !column.compact && (column.whole || column.priority !== undefined);
	for (const index of indexes.filter((index) => first(columns[index])).sort((a, b) => rank(a) - rank(b))) grow(index, false);
	const weight = (column: ColumnSpec) => column.flex ?? 1;
	const others = indexes.filter((index) => !first(columns[index]) && !columns[index].compact);
	room = share(room, widths, preferred, others, weight, columns);
	for (const index of indexes) if (columns[index].compact) grow(index, true);
	const flexible = indexes.filter((index) => (columns[index].flex ?? 0) > 0 && !columns[index].compact);
	share(
		room,
		widths,
		columns.map((column) => column.max ?? NONE),
		flexible,
		weight,
		columns,
	);
	return widths;
}

/** Shares `room` among `takers` below their cap, by weight (water-filling); returns what is left. */
function share(
	room: number,
	widths: number[],
	caps: readonly number[],
	candidates: readonly number[],
	weightOf: (column: ColumnSpec) => number,
	columns: readonly ColumnSpec[],
): number {
	let takers = candidates.filter((index) => weightOf(columns[index]) > 0 && widths[index] < caps[index]);
	while (room > 0 && takers.length > 0) {
		const weights = takers.reduce((sum, index) => sum + weightOf(columns[index]), 0);
		let given = 0;
		for (const index of takers) {
			const part = Math.min(caps[index] - widths[index], Math.floor((room * weightOf(columns[index])) / weights));
			widths[index] += part;
			given += part;
		}
		// Shares below one column each: one at a time, in column order.
		if (given === 0) {
			for (const index of takers) {
				if (given >= room) break;
				widths[index]++;
				given++;
			}
		}
		room -= given;
		takers = takers.filter((index) => widths[index] < caps[index]);
	}
	return room;
}

/** The layout of `columns` in `width` for the rows on screen, as measured by `content`. */
export function tableLayout(columns: readonly ColumnSpec[], width: number, content?: ReadonlyArray<number | undefined>): TableLayout {
	return {columns, widths: layoutColumns(columns, width, content)};
}

/** A header title in `width` columns: whole, cut with `…`, or its first letters below 3 columns. */
function titleCell(title: string, width: number, align: 'left' | 'right' | undefined): string {
	if (width < 3 && displayWidth(title) > width) return title.slice(0, width);
	return padCell(title, width, align);
}

/** The header: each shown column's title (or `titles[i]`) over its column, after `lead` (the marks' room). */
export function tableHeader(layout: TableLayout, lead: string, titles?: readonly string[]): Line {
	let text = lead;
	let first = true;
	for (let index = 0; index < layout.columns.length; index++) {
		const width = layout.widths[index];
		if (width <= 0) continue;
		const column = layout.columns[index];
		text += `${first ? '' : ' '}${titleCell(titles?.[index] ?? column.title, width, column.align)}`;
		first = false;
	}
	return [{text, dim: true}];
}

/**
 * A row: each shown column's cell fitted to its width (padded or cut with `…`), one space
 * between, after `lead` (marks). Cells of dropped columns are left out; the last is not padded.
 * The cells are the caller's, made for this row: their text is fitted in place.
 */
export function tableRow(layout: TableLayout, lead: readonly Segment[], cells: ReadonlyArray<Segment | undefined>): Line {
	const {columns, widths} = layout;
	const line: Line = [];
	for (const segment of lead) line.push(segment);
	let last = -1;
	for (let index = 0; index < widths.length; index++) if (widths[index] > 0) last = index;
	for (let index = 0; index <= last; index++) {
		const width = widths[index];
		if (width <= 0) continue;
		const cell = cells[index] ?? {text: ''};
		const {align} = columns[index];
		// The last cell is cut, not padded: the pane pads the line.
		if (index === last && align !== 'right') cell.text = truncateToWidth(cell.text, width);
		else cell.text = index === last ? padCell(cell.text, width, align) : `${padCell(cell.text, width, align)} `;
		line.push(cell);
	}
	return line;
}
