// What the bundle's patches to Ink's Output do (scripts/inkPatches.mjs): Ink's Output and the
// tokenizer's cell maker are bundled here with the same esbuild plugin as the app, and driven
// frame by frame as Ink's renderer drives them.
import {build} from 'esbuild';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';
import * as original from '@alcalzone/ansi-tokenize';
import widestLine from 'widest-line';
import {ONE_COLUMN_TEXT} from '../../source/model/format.js';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';

type Cell = {type: string; value: string; fullWidth: boolean; styles: unknown[]};
type OutputInstance = {
	caches: {styledChars: {size: number; get(line: string): Cell[] | undefined}};
	write(x: number, y: number, text: string, options: {transformers: unknown[]}): void;
	get(): {output: string; height: number};
};
type Patched = {
	Output: new (options: {width: number; height: number}) => OutputInstance;
	styledCharsFromTokens(tokens: unknown[]): Cell[];
	tokenize(text: string): unknown[];
	styledCharsToString(cells: Cell[]): string;
	measureText(text: string): {width: number; height: number};
	Yoga: {Node: {create(): {setWidth(width: number): void; calculateLayout(width?: number, height?: number): void; getComputedWidth(): number}}};
};

const root = fileURLToPath(new URL('../..', import.meta.url));
let dir: string;
let patched: Patched;
let OriginalOutput: Patched['Output'];
const fetches: string[] = [];
let oneColumnClass: string;

beforeAll(async () => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iot-top-ink-patches-'));
	const patches = (await import(pathToFileURL(path.join(root, 'scripts/inkPatches.mjs')).href)) as {inkFixes: unknown; ONE_COLUMN_CLASS: string};
	const {inkFixes} = patches;
	oneColumnClass = patches.ONE_COLUMN_CLASS;
	// Ink's package exports do not reach its internals: the files are imported by path.
	const modules = path.join(root, 'node_modules');
	const output = JSON.stringify(path.join(modules, 'ink/build/output.js'));
	const tokenizer = JSON.stringify(path.join(modules, '@alcalzone/ansi-tokenize/build/index.js'));
	const yoga = JSON.stringify(path.join(modules, 'yoga-layout/dist/src/index.js'));
	const measure = JSON.stringify(path.join(modules, 'ink/build/measure-text.js'));
	fs.writeFileSync(path.join(dir, 'entry.js'), `export {default as Output} from ${output};\nexport {styledCharsFromTokens, styledCharsToString, tokenize} from ${tokenizer};\nexport {default as Yoga} from ${yoga};\nexport {default as measureText} from ${measure};\n`);
	await build({
		absWorkingDir: root,
		entryPoints: [path.join(dir, 'entry.js')],
		outfile: path.join(dir, 'bundle.mjs'),
		bundle: true,
		platform: 'node',
		format: 'esm',
		logLevel: 'silent',
		plugins: [inkFixes as never],
	});
	// Ink's own, unpatched Output, as node_modules has it.
	OriginalOutput = ((await import(pathToFileURL(path.join(modules, 'ink/build/output.js')).href)) as {default: Patched['Output']}).default;
	// Yoga loads while the bundle is imported: every fetch it makes meanwhile is counted.
	const realFetch = globalThis.fetch;
	globalThis.fetch = ((...args: Parameters<typeof fetch>) => {
		fetches.push(String(args[0]).slice(0, 40));
		return realFetch(...args);
	}) as typeof fetch;
	try {
		patched = (await import(pathToFileURL(path.join(dir, 'bundle.mjs')).href)) as Patched;
	} finally {
		globalThis.fetch = realFetch;
	}
});

afterAll(() => {
	if (dir) fs.rmSync(dir, {recursive: true, force: true});
});

/** One frame as Ink's renderer makes it: a new Output, the lines written, the text read. */
function frame(lines: string[]): {output: OutputInstance; text: string} {
	const output = new patched.Output({width: 80, height: lines.length});
	lines.forEach((line, y) => output.write(0, y, line, {transformers: []}));
	return {output, text: output.get().output};
}

const logLines = (frameIndex: number) => Array.from({length: 30}, (_, row) => `\u001B[90m12:00:${String(frameIndex).padStart(2, '0')}\u001B[39m INFO Publish-In sensor-${frameIndex * 30 + row}`);

describe('Ink output caches (bundle patch)', () => {
	it('keep only what the last frames drew, however many new lines a log flood brings', () => {
		let last: OutputInstance | undefined;
		for (let index = 0; index < 50; index++) last = frame(logLines(index)).output;
		// 1,500 distinct lines went through; the cache holds this frame's and the one before.
		expect(last!.caches.styledChars.size).toBeLessThanOrEqual(60);
		expect(last!.caches.styledChars.get(logLines(49)[0])).toBeDefined();
		expect(last!.caches.styledChars.get(logLines(10)[0])).toBeUndefined();
	});

	it('reuse a line that stays on screen from frame to frame, and draw it the same', () => {
		const steady = ['\u001B[1mAlarms\u001B[22m 3 ALARM', '\u001B[31m✖ ALARM\u001B[39m door-open'];
		const first = frame([...steady, 'value 1']);
		const cells = first.output.caches.styledChars.get(steady[1]);
		let text = '';
		for (let index = 2; index < 10; index++) text = frame([...steady, `value ${index}`]).text;
		const later = frame([...steady, 'value 10']);
		expect(later.output.caches.styledChars.get(steady[1])).toBe(cells);
		expect(text.split('\n').slice(0, 2)).toEqual(first.text.split('\n').slice(0, 2));
		expect(later.text).toContain('value 10');
	});
});

describe('character cells (bundle patch of the tokenizer)', () => {
	it('share one styles array per run of one style and keep every character', () => {
		const cells = patched.styledCharsFromTokens(patched.tokenize('\u001B[31mab\u001B[39mcd\u001B[1me\u001B[22m'));
		expect(cells.map((cell) => cell.value).join('')).toBe('abcde');
		expect(cells[0].styles).toBe(cells[1].styles);
		expect(cells[2].styles).toBe(cells[3].styles);
		expect(cells[1].styles).not.toBe(cells[2].styles);
		expect(cells[0].styles).toHaveLength(1);
		expect(cells[2].styles).toHaveLength(0);
		expect(cells[4].styles).toHaveLength(1);
		expect(Object.keys(cells[0])).toEqual(['type', 'value', 'fullWidth', 'styles']);
	});

	it.each([
		'plain text, no style',
		'\u001B[31mred\u001B[39m plain \u001B[1m\u001B[32mbold green\u001B[39m bold\u001B[22m',
		'\u001B[1mbold \u001B[2mand dim\u001B[22m plain',
		'\u001B[7m\u001B[1m iot-top \u001B[22m\u001B[27m \u001B[90m│\u001B[39m\u001B[36m›\u001B[39m',
		'\u001B[38;5;208morange\u001B[39m\u001B[48;2;1;2;3m bg \u001B[49m\u001B[0m reset \u001B[4mu',
		'東京 \u001B[33m⚠\uFE0F wide\u001B[39m',
	])('turn cells back into the same text as the tokenizer did before: %j', (line) => {
		const cells = patched.styledCharsFromTokens(patched.tokenize(line));
		const expected = original.styledCharsToString(original.styledCharsFromTokens(original.tokenize(line)));
		expect(patched.styledCharsToString(cells)).toBe(expected);
	});
});

describe('Yoga (bundle patch of its loader)', () => {
	it('loads its inlined wasm without fetch (which would load Node\'s HTTP client) and lays out', () => {
		expect(fetches).toEqual([]);
		const node = patched.Yoga.Node.create();
		node.setWidth(42);
		node.calculateLayout();
		expect(node.getComputedWidth()).toBe(42);
	});
});

describe('the one-column character class', () => {
	it('is the one displayWidth takes as one column each', () => {
		const patched = new RegExp(`^[${oneColumnClass}]$`);
		for (let code = 0; code <= 0xffff; code++) {
			const char = String.fromCharCode(code);
			expect([code, patched.test(char)]).toEqual([code, ONE_COLUMN_TEXT.test(char)]);
		}
	});
});

describe('patched Output draws what Ink draws', () => {
	// A small deterministic generator: the same frames on every run.
	let seed = 42;
	const random = () => {
		seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
		return seed / 2_147_483_648;
	};
	const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
	const codes = ['\u001B[1m', '\u001B[22m', '\u001B[2m', '\u001B[31m', '\u001B[39m', '\u001B[90m', '\u001B[7m', '\u001B[27m', '\u001B[0m', '\u001B[m', '\u001B[38;5;208m', '\u001B[1;31m', '\u001B[4m', '\u001B[24m', '\u001B[36m'];
	const narrow = [...'abcXYZ 019 -_/:.=', ...'│─╭╮╰╯┤└╌█▁▂▃▄▅▆▇▌', ...'·—•…›←↑→↓∞≤≥⏎⏸ⓘ▲▼◌●⚑⚠✔✖'];
	const other = ['東', 'é', 'e\u0301', '⚠\uFE0F', '🙂', '\t'];
	const line = (wide: boolean) => {
		let text = '';
		const length = 1 + Math.floor(random() * 50);
		for (let index = 0; index < length; index++) {
			const roll = random();
			text += roll < 0.15 ? pick(codes) : wide && roll > 0.95 ? pick(other) : pick(narrow);
		}
		return text;
	};

	it('for random frames of styled one-column text, and of text with wide and combining characters', () => {
		for (let frameIndex = 0; frameIndex < 120; frameIndex++) {
			const lines = Array.from({length: 12}, () => line(frameIndex % 2 === 1));
			const ours = new patched.Output({width: 60, height: lines.length});
			const ink = new OriginalOutput({width: 60, height: lines.length});
			lines.forEach((text, y) => {
				ours.write(0, y, text, {transformers: []});
				ink.write(0, y, text, {transformers: []});
			});
			expect(ours.get().output).toBe(ink.get().output);
			// Ink measures a text node's lines with widest-line (string-width).
			const block = lines.slice(0, 1 + (frameIndex % 5)).join('\n');
			expect(patched.measureText(block)).toEqual({width: widestLine(block), height: 1 + (frameIndex % 5)});
			for (const text of lines) {
				// Also cell by cell, where Ink's tokenizer made the cells.
				expect(ours.caches.styledChars.get(text)).toEqual(patched.styledCharsFromTokens(patched.tokenize(text)));
			}
		}
	});
});
