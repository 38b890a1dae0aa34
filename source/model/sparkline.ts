// Sparklines and bar charts from eighth blocks. Zero is drawn (a bottom eighth) and any value
// above the minimum gets at least two eighths, so zero, a small count and "no data" (blank)
// never look alike. A point's height is 1 + its fraction of the range times (eighths - 1).

export type ValueRange = {min: number; max: number};

const EIGHTHS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/** `width` points: padded on the left with missing points, or max-of-bucket when longer. */
function resample(values: ReadonlyArray<number | undefined>, width: number): Array<number | undefined> {
	const clean = (value: number | undefined) => (value === undefined || Number.isNaN(value) ? undefined : value);
	const n = values.length;
	if (n <= width) {
		const padded: Array<number | undefined> = new Array<number | undefined>(width - n).fill(undefined);
		for (const value of values) padded.push(clean(value));
		return padded;
	}
	const buckets: Array<number | undefined> = [];
	for (let bucket = 0; bucket < width; bucket++) {
		const end = Math.floor(((bucket + 1) * n) / width);
		let max: number | undefined;
		for (let index = Math.floor((bucket * n) / width); index < end; index++) {
			const value = clean(values[index]);
			if (value !== undefined && (max === undefined || value > max)) max = value;
		}
		buckets.push(max);
	}
	return buckets;
}

/** The default scale starts at zero (or below, for negative data). */
function rangeOf(values: ReadonlyArray<number | undefined>, range: ValueRange | undefined): ValueRange {
	if (range) return range;
	let min = 0;
	let max = 0;
	for (const value of values) {
		if (value === undefined) continue;
		if (value < min) min = value;
		if (value > max) max = value;
	}
	return {min, max};
}

/** Height in eighths (1..levels) of a point, 0 when missing. */
function eighths(value: number | undefined, {min, max}: ValueRange, levels: number): number {
	if (value === undefined) return 0;
	if (value <= min || max <= min) return 1;
	const fraction = Math.min(1, (value - min) / (max - min));
	// Rounds up (spikes stay visible); the epsilon keeps 3/7 of 7 levels at 3, not 4.
	return Math.max(2, Math.min(levels, 1 + Math.ceil(fraction * (levels - 1) - 1e-9)));
}

/** Exactly `width` characters of ▁..█; missing points are spaces. */
export function sparkline(values: ReadonlyArray<number | undefined>, width: number, range?: ValueRange): string {
	return chartRows(values, width, 1, range)[0] ?? '';
}

/** `height` rows (top first) of `width` characters, a column of full and eighth blocks per point. */
export function chartRows(values: ReadonlyArray<number | undefined>, width: number, height: number, range?: ValueRange): string[] {
	if (width <= 0 || height <= 0) return [];
	const points = resample(values, width);
	const scale = rangeOf(points, range);
	const levels = height * 8;
	const heights = points.map((point) => eighths(point, scale, levels));
	const rows: string[] = [];
	for (let row = height - 1; row >= 0; row--) {
		const base = row * 8;
		let line = '';
		for (const columnHeight of heights) {
			const fill = Math.min(8, columnHeight - base);
			line += fill <= 0 ? ' ' : EIGHTHS[fill - 1];
		}
		rows.push(line);
	}
	return rows;
}

/** `count` evenly spaced y-axis values, top (max) first to match {@link chartRows}. */
export function scaleTicks(min: number, max: number, count: number): number[] {
	if (count <= 0) return [];
	if (count === 1) return [max];
	const step = (max - min) / (count - 1);
	return Array.from({length: count}, (_, index) => (index === count - 1 ? min : max - index * step));
}

/** Widens a series to `width` points by repeating each point over its share of the columns. */
export function stretch<T>(values: readonly T[], width: number): T[] {
	const n = values.length;
	if (n === 0 || n >= width) return [...values];
	return Array.from({length: width}, (_, column) => values[Math.floor((column * n) / width)]);
}
