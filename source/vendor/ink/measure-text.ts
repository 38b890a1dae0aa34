// iot-top's fork of Ink 6.8.0's src/measure-text.ts (put in place of Ink's by scripts/inkFork.mjs; docs/ink.md). Differs from upstream:
// - the cache is emptied once it holds 4,000 texts: upstream's keeps every text ever measured, every log line shown (a leak under a log flood);
// - a text of one-column characters and colour codes is as wide as its longest line without the codes: no walk through string-width.
import widestLine from 'widest-line';
import {ONE_COLUMN_TEXT} from '../../model/format.js';

type Dimensions = {
	width: number;
	height: number;
};

const CACHE_LIMIT = 4000;
const cache = new Map<string, Dimensions>();
const SGR_CODES = /\u001B\[[\d;]*m/g;

/** The longest line's length when every character takes one column, else undefined. */
function oneColumnWidth(text: string): number | undefined {
	const plain = text.includes('\u001B') ? text.replace(SGR_CODES, '') : text;
	let widest = 0;
	for (const line of plain.split('\n')) {
		if (!ONE_COLUMN_TEXT.test(line)) return undefined;
		widest = Math.max(widest, line.length);
	}
	return widest;
}

const measureText = (text: string): Dimensions => {
	if (text.length === 0) {
		return {
			width: 0,
			height: 0,
		};
	}

	const cachedDimensions = cache.get(text);

	if (cachedDimensions) {
		return cachedDimensions;
	}

	const width = oneColumnWidth(text) ?? widestLine(text);
	const height = text.split('\n').length;
	const dimensions = {width, height};
	if (cache.size >= CACHE_LIMIT) cache.clear();
	cache.set(text, dimensions);

	return dimensions;
};

/** How many texts the cache holds (for the tests). */
export const measuredTextCount = (): number => cache.size;

export default measureText;
