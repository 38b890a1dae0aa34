// What the bundle's patches to Ink's Output do (scripts/inkPatches.mjs): Ink's Output and the
// tokenizer's cell maker are bundled here with the same esbuild plugin as the app, and driven
// frame by frame as Ink's renderer drives them.
import xterm from '@xterm/headless';
import {build} from 'esbuild';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';
import * as original from '@alcalzone/ansi-tokenize';
import widestLine from 'widest-line';
import {ONE_COLUMN_TEXT} from '../../source/model/format.js';
import {loadHostileStrings} from '../helpers/hostile.js';
import {seededRandom} from '../helpers/random.js';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';

type Cell = {type: string; value: string; fullWidth: boolean; styles: unknown[]};
type OutputInstance = {
	caches: {styledChars: {size: number; get(line: string): Cell[] | undefined}};
	write(x: number, y: number, text: string, options: {transformers: unknown[]}): void;
	clip(clip: {x1?: number; x2?: number; y1?: number; y2?: number}): void;
	unclip(): void;
	get(): {output: string; height: number};
	/** Ink's own way, through a grid of cells (the patched get() takes it when lines overlap or are cut). */
	gridGet?(): {output: string; height: number};
};
type Patched = {
	Output: new (options: {width: number; height: number}) => OutputInstance;
	styledCharsFromTokens(tokens: unknown[]): Cell[];
	tokenize(text: string): unknown[];
	styledCharsToString(cells: Cell[]): string;
	measureText(text: string): {width: number; height: number};
	sanitizeAnsi(text: string): string;
	Yoga: {Node: {create(): {setWidth(width: number): void; calculateLayout(width?: number, height?: number): void; getComputedWidth(): number}}};
};

const root = fileURLToPath(new URL('../..', import.meta.url));
let dir: string;
let patched: Patched;
let OriginalOutput: Patched['Output'];
let originalSanitize: Patched['sanitizeAnsi'];
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
	const sanitize = JSON.stringify(path.join(modules, 'ink/build/sanitize-ansi.js'));
	fs.writeFileSync(
		path.join(dir, 'entry.js'),
		`export {default as Output} from ${output};\nexport {styledCharsFromTokens, styledCharsToString, tokenize} from ${tokenizer};\nexport {default as Yoga} from ${yoga};\nexport {default as measureText} from ${measure};\nexport {default as sanitizeAnsi} from ${sanitize};\n`,
	);
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
	originalSanitize = ((await import(pathToFileURL(path.join(modules, 'ink/build/sanitize-ansi.js')).href)) as {default: Patched['sanitizeAnsi']}).default;
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

/** One frame as Ink's renderer makes it: a new Output, the lines written, the text read (through the grid of cells). */
function frame(lines: string[]): {output: OutputInstance; text: string} {
	const output = new patched.Output({width: 80, height: lines.length});
	lines.forEach((line, y) => output.write(0, y, line, {transformers: []}));
	return {output, text: output.gridGet!().output};
}

/**
 * What a terminal shows for an Output's text: each cell's character, width, colours and
 * attributes. Each row starts on the default pen, as the app's frame writer draws it.
 */
async function screenOf(text: string, columns: number, rows: number): Promise<string[]> {
	const terminal = new xterm.Terminal({cols: columns, rows, allowProposedApi: true, scrollback: 0});
	await new Promise<void>((resolve) => terminal.write(text.split('\n').map((row) => `\u001B[0m${row}`).join('\r\n'), resolve));
	const buffer = terminal.buffer.active;
	const cell = buffer.getNullCell();
	const screen: string[] = [];
	for (let y = 0; y < rows; y++) {
		const line = buffer.getLine(y)!;
		const cells: string[] = [];
		for (let x = 0; x < columns; x++) {
			line.getCell(x, cell);
			const attributes = [cell.isBold(), cell.isDim(), cell.isItalic(), cell.isUnderline(), cell.isInverse(), cell.isStrikethrough()].map((on) => (on ? 1 : 0)).join('');
			cells.push(`${cell.getChars() || ' '}/${cell.getWidth()}/${cell.getFgColorMode()}:${cell.getFgColor()}/${cell.getBgColorMode()}:${cell.getBgColor()}/${attributes}`);
		}
		screen.push(`${y}: ${cells.join(' ')}`);
	}
	terminal.dispose();
	return screen;
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
	it('puts lines side by side as they came, a reset where a styled line meets a blank', () => {
		const output = new patched.Output({width: 20, height: 3});
		output.write(0, 0, '│\n│\n│', {transformers: []});
		output.write(2, 0, '\u001B[31mred\u001B[39m\nplain', {transformers: []});
		output.write(12, 1, '\u001B[7mon', {transformers: []});
		output.write(19, 0, '│\n│\n│', {transformers: []});
		expect(output.get().output.split('\n')).toEqual([`│ \u001B[31mred\u001B[39m\u001B[0m${' '.repeat(14)}│`, '│ plain     \u001B[7mon\u001B[0m     │', `│${' '.repeat(18)}│`]);
	});

	const {random, pick} = seededRandom(42);
	const codes = ['\u001B[1m', '\u001B[22m', '\u001B[2m', '\u001B[31m', '\u001B[39m', '\u001B[90m', '\u001B[7m', '\u001B[27m', '\u001B[0m', '\u001B[m', '\u001B[38;5;208m', '\u001B[1;31m', '\u001B[4m', '\u001B[24m', '\u001B[36m'];
	const narrow = [...'abcXYZ 019 -_/:.=', ...'│─╭╮╰╯┤└╌█▁▂▃▄▅▆▇▌', ...'·—•…›←↑→↓∞≤≥⏎⏸ⓘ▲▼◌●⚑⚠✔✖'];
	const other = ['東', 'é', 'e\u0301', '⚠\uFE0F', '🙂', '\t'];
	// Ink's tokenizer does not take a bare ESC[m for a reset, as a terminal does: lines put side
	// by side pass it to the terminal as it came, so the terminal comparison leaves it out.
	const terminalCodes = codes.filter((code) => code !== '\u001B[m');
	const line = (wide: boolean, longest = 50, from = codes) => {
		let text = '';
		const length = 1 + Math.floor(random() * longest);
		for (let index = 0; index < length; index++) {
			const roll = random();
			text += roll < 0.15 ? pick(from) : wide && roll > 0.95 ? pick(other) : pick(narrow);
		}
		return text;
	};

	it('puts on a terminal what Ink does, for random frames of panes side by side, overlapping, clipped and cut', async () => {
		const columns = 60;
		const rows = 12;
		let fast = 0;
		for (let frameIndex = 0; frameIndex < 400; frameIndex++) {
			const ours = new patched.Output({width: columns, height: rows});
			const ink = new OriginalOutput({width: columns, height: rows});
			const writes = 1 + Math.floor(random() * 8);
			for (let index = 0; index < writes; index++) {
				// Mostly two columns of panes; now and then anywhere, over another or past the edge.
				const anywhere = random() < 0.15;
				const x = anywhere ? Math.floor(random() * columns) : pick([0, 1, 30, 31]);
				const y = Math.floor(random() * rows) - (random() < 0.1 ? 2 : 0);
				const text = Array.from({length: 1 + Math.floor(random() * 4)}, () => line(frameIndex % 3 === 2, anywhere ? 40 : 28, terminalCodes)).join('\n');
				const clip = random() < 0.2 ? {x1: Math.floor(random() * 20), x2: 20 + Math.floor(random() * 40), y1: Math.floor(random() * 4), y2: 4 + Math.floor(random() * 8)} : undefined;
				// A Text's colours reach the output as a transformer of each line (Ink's Text does this).
				const transformers = random() < 0.4 ? [(line: string, index: number) => `\u001B[3${index % 8}m${line}\u001B[39m`] : [];
				if (random() < 0.2) transformers.push((line: string) => `\u001B[1m${line.toUpperCase()}\u001B[22m`);
				for (const output of [ours, ink]) {
					if (clip) output.clip(clip);
					output.write(x, y, text, {transformers});
					if (clip) output.unclip();
				}
			}
			const [mine, theirs] = [ours.get().output, ink.get().output];
			// Lines put side by side keep their colour codes as they came; the grid re-encodes them.
			if (mine !== ours.gridGet!().output) fast++;
			expect(await screenOf(mine, columns, rows), `frame ${frameIndex}`).toEqual(await screenOf(theirs, columns, rows));
		}
		// Most random frames overlap somewhere and go Ink's way; enough must not, to test the other.
		expect(fast).toBeGreaterThan(40);
	});

	it('for random frames of styled one-column text, and of text with wide and combining characters', () => {
		for (let frameIndex = 0; frameIndex < 120; frameIndex++) {
			const lines = Array.from({length: 12}, () => line(frameIndex % 2 === 1));
			const ours = new patched.Output({width: 60, height: lines.length});
			const ink = new OriginalOutput({width: 60, height: lines.length});
			lines.forEach((text, y) => {
				ours.write(0, y, text, {transformers: []});
				ink.write(0, y, text, {transformers: []});
			});
			expect(ours.gridGet!().output).toBe(ink.get().output);
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

describe('control sequences in text (bundle patch of sanitize-ansi)', () => {
	const pieces = ['plain', ' ', '│', '\u001B[31m', '\u001B[39m', '\u001B[1;38;5;208m', '\u001B[38:2::1:2:3m', '\u001B[m', '\u001B[2J', '\u001B[5A', '\u001B[?25l', '\u001B[1 m', '\u001B]8;;http://x\u0007', '\u001B]0;title\u001B\\', '\u009B31m', '\u0085', '\u001B', '\u001B[', '\u001B[31', '\u0007', '\r', '日本', 'e\u0301'];
	it('strips what Ink strips and keeps what it keeps, for random mixes of colour codes, other sequences and C1 controls', () => {
		const {below, pick} = seededRandom(7);
		for (let index = 0; index < 2000; index++) {
			const text = Array.from({length: 1 + below(8)}, () => pick(pieces)).join('');
			expect([text, patched.sanitizeAnsi(text)]).toEqual([text, originalSanitize(text)]);
		}
	});
	it('for the shared hostile strings, plain and inside colour codes', () => {
		for (const {name, text} of loadHostileStrings()) {
			for (const variant of [text, `\u001B[31m${text}\u001B[39m`]) expect([name, patched.sanitizeAnsi(variant)]).toEqual([name, originalSanitize(variant)]);
		}
	});
	it('gives back text whose only escapes are colour codes as it is', () => {
		const styled = '\u001B[36m│\u001B[39m\u001B[1;7m Logs \u001B[22;27m 12/s │';
		expect(patched.sanitizeAnsi(styled)).toBe(styled);
		expect(patched.sanitizeAnsi('a\u001B[2Jb\u001B[31mc')).toBe('ab\u001B[31mc');
	});
});
