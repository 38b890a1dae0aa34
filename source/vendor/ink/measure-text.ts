// iot-top's fork of Ink 6.8.0's src/measure-text.ts (put in place of Ink's by scripts/inkFork.mjs; docs/ink.md). Differs from upstream:
// - the cache is emptied once it holds 4,000 texts: upstream's keeps every text ever measured, every log line shown (a leak under a log flood).
import widestLine from 'widest-line';

type Dimensions = {
	width: number;
	height: number;
};

const CACHE_LIMIT = 4000;
const cache = new Map<string, Dimensions>();

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

	const width = widestLine(text);
	const height = text.split('\n').length;
	const dimensions = {width, height};
	if (cache.size >= CACHE_LIMIT) cache.clear();
	cache.set(text, dimensions);

	return dimensions;
};

/** How many texts the cache holds (for the tests). */
export const measuredTextCount = (): number => cache.size;

export default measureText;
