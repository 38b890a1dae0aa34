// What the bundle's patches to Ink's Output do (scripts/inkPatches.mjs): Ink's Output and the
// tokenizer's cell maker are bundled here with the same esbuild plugin as the app, and driven
// frame by frame as Ink's renderer drives them.
import {build} from 'esbuild';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';
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
	Yoga: {Node: {create(): {setWidth(width: number): void; calculateLayout(width?: number, height?: number): void; getComputedWidth(): number}}};
};

const root = fileURLToPath(new URL('../..', import.meta.url));
let dir: string;
let patched: Patched;
const fetches: string[] = [];

beforeAll(async () => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iot-top-ink-patches-'));
	const {inkFixes} = (await import(pathToFileURL(path.join(root, 'scripts/inkPatches.mjs')).href)) as {inkFixes: unknown};
	// Ink's package exports do not reach its internals: the files are imported by path.
	const modules = path.join(root, 'node_modules');
	const output = JSON.stringify(path.join(modules, 'ink/build/output.js'));
	const tokenizer = JSON.stringify(path.join(modules, '@alcalzone/ansi-tokenize/build/index.js'));
	const yoga = JSON.stringify(path.join(modules, 'yoga-layout/dist/src/index.js'));
	fs.writeFileSync(path.join(dir, 'entry.js'), `export {default as Output} from ${output};\nexport {styledCharsFromTokens, tokenize} from ${tokenizer};\nexport {default as Yoga} from ${yoga};\n`);
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
