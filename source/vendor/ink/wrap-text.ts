// iot-top's fork of Ink 6.8.0's src/wrap-text.ts (put in place of Ink's by scripts/inkFork.mjs; docs/ink.md). Differs from upstream:
// - the cache is a Map emptied once it holds 4,000 texts: upstream's object keeps every text ever wrapped (a leak under a log flood);
// - its key puts the width and wrap type first, then the text: upstream's text-first key gave 'ab' at 12 and 'ab1' at 2 one entry (Ink's #998).
import cliTruncate from 'cli-truncate';
import type {TextProps} from 'ink';
import wrapAnsi from 'wrap-ansi';

type TextWrap = TextProps['wrap'];

const CACHE_LIMIT = 4000;
const cache = new Map<string, string>();

const wrapText = (text: string, maxWidth: number, wrapType: TextWrap): string => {
	const cacheKey = `${maxWidth} ${String(wrapType)} ${text}`;
	const cachedText = cache.get(cacheKey);

	if (cachedText) {
		return cachedText;
	}

	let wrappedText = text;

	if (wrapType === 'wrap') {
		wrappedText = wrapAnsi(text, maxWidth, {
			trim: false,
			hard: true,
		});
	}

	if (wrapType!.startsWith('truncate')) {
		let position: 'end' | 'middle' | 'start' = 'end';

		if (wrapType === 'truncate-middle') {
			position = 'middle';
		}

		if (wrapType === 'truncate-start') {
			position = 'start';
		}

		wrappedText = cliTruncate(text, maxWidth, {position});
	}

	if (cache.size >= CACHE_LIMIT) cache.clear();
	cache.set(cacheKey, wrappedText);

	return wrappedText;
};

/** How many texts the cache holds (for the tests). */
export const wrappedTextCount = (): number => cache.size;

export default wrapText;
