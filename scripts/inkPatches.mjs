// Exact-text patches to Ink 6.8 (and the tokenizer it draws with) in the bundled copy, as an
// esbuild plugin: scripts/build.mjs bundles with it, and test/build/inkPatches.test.ts checks
// what the patched code does.
import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * One code unit, one grapheme and one column each: printable ASCII, box drawing and block
 * elements, and the symbols the UI draws. The same class as ONE_COLUMN_TEXT in
 * source/model/format.ts (test/build/inkPatches.test.ts checks that they agree).
 */
export const ONE_COLUMN_CLASS = String.raw`\x20-\x7e\u2500-\u259f\u00b7\u2014\u2022\u2026\u203a\u2190-\u2193\u221e\u2264\u2265\u23ce\u23f8\u24d8\u25b2\u25bc\u25cc\u25cf\u2691\u26a0\u2714\u2716`;

/** Each patch fails the build if the code it patches has changed: an upgrade makes us look again. */
export const inkPatches = {
	// The incremental renderer rewinds `previousVisible - 1` rows, one short when the frame
	// ended with a newline (every frame shorter than the terminal does), so each repaint slid
	// down a row and left ghost lines. Ink 7 fixed it but needs Node 22.
	'log-update.js': [
		[
			'buffer.push(ansiEscapes.cursorUp(previousVisible - 1));',
			"buffer.push(ansiEscapes.cursorUp(previousVisible - (previousOutput.endsWith('\\n') ? 0 : 1)));",
		],
	],
	// Ink tokenizes every line of text and measures every character's width on every frame,
	// in caches it throws away after the frame: most of a refresh's CPU. The caches are kept
	// across frames, but only for what the last frame used: each frame starts a new generation
	// and takes over from the previous one the entries it uses again, so the rest (log lines
	// that scrolled away: an entry is a line's cell objects, kilobytes) goes with the frame
	// after. A cache bounded by entry count instead grew by ~12 MB/min under a log flood until
	// it reset. The blank cells of the frame grid are one shared object instead of one
	// allocation per cell, and a row made of the same cell objects as last frame reuses last
	// frame's text.
	'output.js': [
		['    widths = new Map();\n    blockWidths = new Map();\n    styledChars = new Map();', '    widths = new FrameCache();\n    blockWidths = new FrameCache();\n    styledChars = new FrameCache();'],
		['    caches = new OutputCaches();', '    caches = sharedOutputCaches();'],
		// The tokenizer walks every line grapheme by grapheme through Intl.Segmenter (~400 bytes
		// of garbage a character); a line of one-column characters and colour codes, all the
		// panes draw, is made into cells directly, the same cells (a test compares them).
		[
			"import { styledCharsFromTokens, styledCharsToString, tokenize, } from '@alcalzone/ansi-tokenize';",
			"import { reduceAnsiCodesIncremental, styledCharsFromTokens, styledCharsToString, tokenize, } from '@alcalzone/ansi-tokenize';",
		],
		['            cached = styledCharsFromTokens(tokenize(line));', '            cached = narrowStyledChars(line) ?? styledCharsFromTokens(tokenize(line));'],
		[
			"                row.push({\n                    type: 'char',\n                    value: ' ',\n                    fullWidth: false,\n                    styles: [],\n                });",
			'                row.push(BLANK_CELL);',
		],
		[
			"            .map(line => {\n            // See https://github.com/vadimdemedes/ink/pull/564#issuecomment-1637022742\n            const lineWithoutEmptyItems = line.filter(item => item !== undefined);\n            return styledCharsToString(lineWithoutEmptyItems).trimEnd();\n        })",
			'            .map(rowToString)',
		],
		[
			'export default class Output {',
			`const BLANK_CELL = Object.freeze({type: 'char', value: ' ', fullWidth: false, styles: Object.freeze([])});
// Two generations: this frame's entries and the last frame's; a hit in the last frame's
// moves the entry into this one, and a new frame drops whatever the last one did not use.
class FrameCache {
    current = new Map();
    previous = new Map();
    get(key) {
        let value = this.current.get(key);
        if (value === undefined) {
            value = this.previous.get(key);
            if (value !== undefined) this.current.set(key, value);
        }
        return value;
    }
    set(key, value) {
        this.current.set(key, value);
    }
    get size() {
        return this.current.size + this.previous.size;
    }
    nextFrame() {
        this.previous = this.current;
        this.current = new Map();
    }
}
const NARROW = /^[${ONE_COLUMN_CLASS}]$/;
const SGR = /\\x1b\\[[0-9;]*m/y;
const sgrTokens = new Map();
function narrowStyledChars(line) {
    const cells = [];
    let codes = [];
    for (let index = 0; index < line.length;) {
        const char = line[index];
        if (char === '\\x1b') {
            SGR.lastIndex = index;
            const match = SGR.exec(line);
            if (match === null) return undefined;
            let tokens = sgrTokens.get(match[0]);
            if (tokens === undefined) {
                tokens = tokenize(match[0]);
                if (tokens.some(token => token.type !== 'ansi')) return undefined;
                if (sgrTokens.size < 256) sgrTokens.set(match[0], tokens);
            }
            codes = reduceAnsiCodesIncremental(codes, tokens);
            index = SGR.lastIndex;
            continue;
        }
        if (!NARROW.test(char)) return undefined;
        cells.push({ type: 'char', value: char, fullWidth: false, styles: codes });
        index++;
    }
    return cells;
}
let outputCaches;
// One Output per frame (and one more for <Static> output, which this app does not use).
function sharedOutputCaches() {
    if (outputCaches === undefined) outputCaches = new OutputCaches();
    outputCaches.widths.nextFrame();
    outputCaches.blockWidths.nextFrame();
    outputCaches.styledChars.nextFrame();
    return outputCaches;
}
// A row whose cells are the very objects of the row drawn last time (cached characters and
// the shared blank) has the same text: it is not turned into a string again.
let previousRows = [];
function rowToString(line, y) {
    const previous = previousRows[y];
    if (previous !== undefined && previous.cells.length === line.length) {
        let same = true;
        for (let x = 0; x < line.length; x++) {
            if (previous.cells[x] !== line[x]) {
                same = false;
                break;
            }
        }
        if (same) return previous.text;
    }
    // See https://github.com/vadimdemedes/ink/pull/564#issuecomment-1637022742
    const text = styledCharsToString(line.filter(item => item !== undefined)).trimEnd();
    previousRows[y] = {cells: line, text};
    if (previousRows.length > 1000) previousRows = [];
    return text;
}
export default class Output {`,
		],
	],
	// Ink measures and wraps text through module-level caches that never forget: every log
	// line ever shown stays in them, a leak under a log flood. They are bounded here (cleared
	// past 4,000 entries). A text of one-column characters and colour codes is as wide as its
	// longest line is long once the codes are removed: string-width walks it grapheme by
	// grapheme instead. And the renderer measures each text node again on every frame without
	// a cache; it goes through the cached measure instead (render-node-to-output.js below).
	'measure-text.js': [
		['    cache.set(text, dimensions);', '    if (cache.size >= 4000) cache.clear();\n    cache.set(text, dimensions);'],
		['    const width = widestLine(text);', '    const width = narrowWidestLine(text) ?? widestLine(text);'],
		[
			'const cache = new Map();',
			`const cache = new Map();
const NARROW_TEXT = /^[\\n${ONE_COLUMN_CLASS}]*$/;
const SGR_CODES = /\\x1b\\[[0-9;]*m/g;
function narrowWidestLine(text) {
    const plain = text.includes('\\x1b') ? text.replace(SGR_CODES, '') : text;
    if (!NARROW_TEXT.test(plain)) return undefined;
    let widest = 0;
    for (const line of plain.split('\\n')) widest = Math.max(widest, line.length);
    return widest;
}`,
		],
	],
	'wrap-text.js': [
		['const cache = {};', 'let cache = new Map();'],
		['    const cachedText = cache[cacheKey];', '    const cachedText = cache.get(cacheKey);'],
		['    cache[cacheKey] = wrappedText;', '    if (cache.size >= 4000) cache.clear();\n    cache.set(cacheKey, wrappedText);'],
	],
	// Each character cell was made by spreading the tokenizer's object and copying the styles
	// array: in optimized code V8 (Node 20) gave every such object its own hidden class, so a
	// cached line cost a hidden class, a descriptor array and an array per character. A literal
	// of four fields shares one hidden class, and cells in one style share its (never mutated)
	// styles array, as reduceAnsiCodesIncremental returns a new array for each change. Turning
	// a row back into text diffed each character's styles with the last one's (three Sets and
	// four arrays a character, ~2 MB a minute at idle): a shared or empty styles array needs none.
	'styledChars.js': [
		[
			'            ret.push({\n                ...token,\n                styles: [...codes],\n            });',
			"            ret.push({ type: 'char', value: token.value, fullWidth: token.fullWidth, styles: codes });",
		],
		[
			'            ret += ansiCodesToString(diffAnsiCodes(chars[i - 1].styles, char.styles));',
			'            const last = chars[i - 1].styles;\n            if (last !== char.styles && (last.length !== 0 || char.styles.length !== 0)) ret += ansiCodesToString(diffAnsiCodes(last, char.styles));',
		],
	],
	// Yoga's loader fetches its own inlined wasm binary (a data: URL) with fetch() when fetch
	// exists, as it does in Node: the first fetch loads Node's HTTP client, undici, ~12 MB of
	// resident memory and tens of milliseconds at start, for nothing else in this app. The
	// loader's other path decodes the same base64 itself.
	'yoga-wasm-base64-esm.js': [
		[
			'function ya(){return w||"function"!=typeof fetch?Promise.resolve()',
			'function ya(){return true?Promise.resolve()',
		],
	],
	'render-node-to-output.js': [
		["import wrapText from './wrap-text.js';", "import wrapText from './wrap-text.js';\nimport measureText from './measure-text.js';"],
		['                const currentWidth = widestLine(text);', '                const currentWidth = measureText(text).width;'],
	],
};

export const inkFixes = {
	name: 'ink-fixes',
	setup(esbuild) {
		esbuild.onLoad({filter: /[\\/](ink[\\/]build[\\/](log-update|output|measure-text|wrap-text|render-node-to-output)|ansi-tokenize[\\/]build[\\/]styledChars|yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm)\.js$/}, async (args) => {
			let source = await fs.readFile(args.path, 'utf8');
			for (const [broken, fixed] of inkPatches[path.basename(args.path)]) {
				if (!source.includes(broken)) {
					throw new Error(`ink's ${path.basename(args.path)} changed: re-check the patches in scripts/inkPatches.mjs (${args.path})`);
				}
				source = source.replace(broken, fixed);
			}
			return {contents: source, loader: 'js'};
		});
	},
};
