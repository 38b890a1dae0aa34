// Bundles the CLI into one production-mode file: a few large files load much faster than
// hundreds of small ones, and React's development build is left out.
import {build} from 'esbuild';
import fs from 'node:fs/promises';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

/**
 * Exact-text patches to Ink 6.8 in the bundled copy. Each fails the build if the code it
 * patches has changed, so an Ink upgrade makes us look again.
 */
const inkPatches = {
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
	// across frames, bounded to a few screens of text (started afresh past 4,000 entries: an
	// entry is a line's cell objects, kilobytes, and a log flood brings new lines each frame);
	// the blank cells of the frame grid are one shared object instead of one allocation per
	// cell, and a row made of the same cell objects as last frame reuses last frame's text.
	'output.js': [
		['    caches = new OutputCaches();', '    caches = sharedOutputCaches();'],
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
let outputCaches;
function sharedOutputCaches() {
    if (outputCaches === undefined || outputCaches.widths.size + outputCaches.styledChars.size + outputCaches.blockWidths.size > 4000) {
        outputCaches = new OutputCaches();
    }
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
};

Object.assign(inkPatches, {
	// Ink measures and wraps text through module-level caches that never forget: every log
	// line ever shown stays in them, a leak under a log flood. They are bounded here (cleared
	// past 4,000 entries). And the renderer measures each text node again on every frame
	// without a cache; it goes through the (bounded) cached measure instead.
	'measure-text.js': [['    cache.set(text, dimensions);', '    if (cache.size >= 4000) cache.clear();\n    cache.set(text, dimensions);']],
	'wrap-text.js': [
		['const cache = {};', 'let cache = new Map();'],
		['    const cachedText = cache[cacheKey];', '    const cachedText = cache.get(cacheKey);'],
		['    cache[cacheKey] = wrappedText;', '    if (cache.size >= 4000) cache.clear();\n    cache.set(cacheKey, wrappedText);'],
	],
	'render-node-to-output.js': [
		["import wrapText from './wrap-text.js';", "import wrapText from './wrap-text.js';\nimport measureText from './measure-text.js';"],
		['                const currentWidth = widestLine(text);', '                const currentWidth = measureText(text).width;'],
	],
});

const inkFixes = {
	name: 'ink-fixes',
	setup(esbuild) {
		esbuild.onLoad({filter: /[\\/]ink[\\/]build[\\/](log-update|output|measure-text|wrap-text|render-node-to-output)\.js$/}, async (args) => {
			let source = await fs.readFile(args.path, 'utf8');
			for (const [broken, fixed] of inkPatches[path.basename(args.path)]) {
				if (!source.includes(broken)) {
					throw new Error(`ink's ${path.basename(args.path)} changed: re-check the patches in scripts/build.mjs (${args.path})`);
				}
				source = source.replace(broken, fixed);
			}
			return {contents: source, loader: 'js'};
		});
	},
};

const root = fileURLToPath(new URL('..', import.meta.url));

// `node scripts/build.mjs [cli|screenshots|soak]`: the CLI, or one of the dev commands.
const entries = {cli: 'source/cli.tsx', screenshots: 'source/screenshots.ts', soak: 'source/soak.ts'};
const entry = process.argv[2] ?? 'cli';
if (!(entry in entries)) throw new Error(`unknown build entry ${entry}: expected ${Object.keys(entries).join(', ')}`);

await build({
	absWorkingDir: root,
	entryPoints: [entries[entry]],
	outfile: `dist/${entry}.js`,
	bundle: true,
	platform: 'node',
	format: 'esm',
	target: 'node20',
	jsx: 'automatic',
	minifySyntax: true,
	legalComments: 'none',
	logLevel: 'warning',
	define: {'process.env.NODE_ENV': '"production"'},
	alias: {'react-devtools-core': './scripts/devtools-stub.mjs'},
	plugins: [inkFixes],
	banner: {
		js: "import {createRequire as __createRequire} from 'node:module'; const require = __createRequire(import.meta.url);",
	},
});

// V8 keeps the bundle's source text in memory for as long as the app runs, at one byte per
// character only if every character is ASCII: one accented letter in a kept comment (esbuild
// escapes strings, not comments) doubles it, 4 MB more for good. Escape what is left.
const outfile = fileURLToPath(new URL(`../dist/${entry}.js`, import.meta.url));
const text = await fs.readFile(outfile, 'utf8');
if (/[^\x00-\x7f]/.test(text)) await fs.writeFile(outfile, text.replace(/[^\x00-\x7f]/gu, (char) => `\\u{${char.codePointAt(0).toString(16)}}`));
