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
export const ONE_COLUMN_CLASS = String.raw`\x20-\x7e\u2500-\u259f\u00b7\u2014\u2022\u2026\u203a\u2190-\u2193\u221e\u2264\u2265\u23ce\u23f8\u24d8\u25b2\u25bc\u25cb\u25cc\u25cf\u25d0\u2691\u26a0\u2714\u2716`;

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
		// A frame whose writes neither overlap nor need cutting (panes side by side, their borders
		// and lines: every frame this app draws but the help over the panes) is each row's lines
		// put side by side, colour codes as they came: no grid of cells, no re-encoding. Anything
		// else goes Ink's way (a test checks that both put the same on a terminal).
		[
			'    get() {\n        // Initialize output array with a specific set of rows',
			'    get() {\n        return sideBySide(this) ?? this.gridGet();\n    }\n    gridGet() {\n        // Initialize output array with a specific set of rows',
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
const NARROW_LINE = /^[${ONE_COLUMN_CLASS}]*$/;
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
        if (!NARROW_LINE.test(char)) return undefined;
        cells.push({ type: 'char', value: char, fullWidth: false, styles: codes });
        index++;
    }
    return cells;
}
let outputCaches;
const gridWidths = new FrameCache();
// One Output per frame (and one more for <Static> output, which this app does not use).
function sharedOutputCaches() {
    if (outputCaches === undefined) outputCaches = new OutputCaches();
    gridWidths.nextFrame();
    outputCaches.widths.nextFrame();
    outputCaches.blockWidths.nextFrame();
    outputCaches.styledChars.nextFrame();
    return outputCaches;
}
const SGR_ALL = /\\x1b\\[[0-9;]*m/g;
// The columns a line takes in Ink's grid (each character at least one), times two, plus one
// if it has a character other than one-column ones.
function gridWidth(caches, line) {
    let width = gridWidths.get(line);
    if (width === undefined) {
        const plain = line.includes('\\x1b') ? line.replace(SGR_ALL, '') : line;
        if (NARROW_LINE.test(plain)) width = plain.length * 2;
        else {
            width = 0;
            for (const character of caches.getStyledChars(line)) width += Math.max(1, caches.getStringWidth(character.value));
            width = width * 2 + 1;
        }
        gridWidths.set(line, width);
    }
    return width;
}
const bySegmentX = (a, b) => a.x - b.x;
function sideBySide(output) {
    const { width, height, caches } = output;
    const rows = [];
    const clips = [];
    for (const operation of output.operations) {
        if (operation.type === 'clip') {
            clips.push(operation.clip);
            continue;
        }
        if (operation.type === 'unclip') {
            clips.pop();
            continue;
        }
        if (operation.type !== 'write') continue;
        const { x, y, transformers } = operation;
        const clip = clips.at(-1);
        const clipX = clip !== undefined && typeof clip.x1 === 'number' && typeof clip.x2 === 'number';
        const clipY = clip !== undefined && typeof clip.y1 === 'number' && typeof clip.y2 === 'number';
        // Ink draws nothing of a text that starts above the top, unless a clip cuts it there.
        const first = clipY && y < clip.y1 ? clip.y1 - y : 0;
        if (y + first < 0) return undefined;
        const lines = operation.text.split('\\n');
        for (let index = first; index < lines.length; index++) {
            const row = y + index;
            if (row >= height || (clipY && row >= clip.y2)) break;
            let line = lines[index];
            if (clipX) {
                // Ink cuts every clipped line with slice-ansi, which counts some characters (a tab) otherwise.
                const measured = gridWidth(caches, line);
                const columns = measured >> 1;
                if (x + columns <= clip.x1 || x >= clip.x2) continue;
                if (x < clip.x1 || x + columns > clip.x2 || (measured & 1) === 1) return undefined;
            }
            // As Ink does: each transformer (a Text's colours) on each line, numbered from the first drawn.
            for (const transformer of transformers) line = transformer(line, index - first);
            const columns = gridWidth(caches, line) >> 1;
            if (columns === 0) continue;
            if (x < 0 || x + columns > width) return undefined;
            (rows[row] ??= []).push({ x, end: x + columns, line });
        }
    }
    const text = [];
    for (let y = 0; y < height; y++) {
        const segments = rows[y];
        if (segments === undefined) {
            text.push('');
            continue;
        }
        if (segments.length > 1) segments.sort(bySegmentX);
        let row = '';
        let column = 0;
        let styled = false;
        for (const segment of segments) {
            if (segment.x < column) return undefined;
            // Whatever style a line leaves on stops before the blank after it (a grid blank has none).
            if (styled) row += '\\x1b[0m';
            if (segment.x > column) row += ' '.repeat(segment.x - column);
            row += segment.line;
            styled = segment.line.includes('\\x1b');
            column = segment.end;
        }
        // Blanks at the end are dropped as Ink drops them, unless a style is on (they show).
        text.push(styled ? row : row.trimEnd());
    }
    return { output: text.join('\\n'), height };
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
	// Ink strips control sequences from every text node's text, measured and drawn, each frame:
	// a text with a colour code in it went through the tokenizer (an object per token), and a
	// text without one was walked code point by code point looking for C1 controls. Text whose
	// only escapes are SGR colour codes (all this app writes: device text is sanitized where it
	// enters) is what the tokenizer would give back unchanged, so it is returned as it is.
	'sanitize-ansi.js': [
		[
			'const sanitizeAnsi = (text) => {\n    if (!hasAnsiControlCharacters(text)) {',
			`const SGR_AT = /\\u001B\\[[\\d:;]*m/y;
const C1_CONTROL = /[\\u0080-\\u009F]/;
const onlySgr = (text) => {
    if (C1_CONTROL.test(text)) return false;
    let index = text.indexOf('\\u001B');
    while (index !== -1) {
        SGR_AT.lastIndex = index;
        if (!SGR_AT.test(text)) return false;
        index = text.indexOf('\\u001B', SGR_AT.lastIndex);
    }
    return true;
};
const sanitizeAnsi = (text) => {
    if (onlySgr(text)) {`,
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
		esbuild.onLoad({filter: /[\\/](ink[\\/]build[\\/](log-update|output|measure-text|wrap-text|render-node-to-output|sanitize-ansi)|ansi-tokenize[\\/]build[\\/]styledChars|yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm)\.js$/}, async (args) => {
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
