// The heap settings (runtime/heap.ts), each in a process of its own: V8 flags are process-wide.
import {transform} from 'esbuild';
import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
let dir: string;
let heapModule: string;

beforeAll(async () => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iot-top-heap-'));
	const {code} = await transform(fs.readFileSync(path.join(root, 'source/runtime/heap.ts'), 'utf8'), {loader: 'ts', format: 'esm'});
	heapModule = path.join(dir, 'heap.mjs');
	fs.writeFileSync(heapModule, code);
});

afterAll(() => {
	if (dir) fs.rmSync(dir, {recursive: true, force: true});
});

/** Runs `script` in a node process of its own (V8 flags are process-wide) and returns the first number it prints. */
function childFigure(script: string, flags: string[] = []): number {
	const output = execFileSync(process.execPath, [...flags, '--input-type=module', '-e', script], {encoding: 'utf8'});
	const figure = Number(output.trim().split(' ')[0]);
	if (!Number.isFinite(figure)) throw new Error(`the child printed ${output}`);
	return figure;
}

/**
 * Allocates a steady set and a stream of short-lived objects (as a log flood does), then
 * prints the largest the young generation got, in MB.
 */
function largestYoungGeneration(cap: number | undefined, burst = false): number {
	const script = `
		import v8 from 'node:v8';
		import {capYoungGeneration} from ${JSON.stringify(pathToFileURL(heapModule).href)};
		const remove = ${cap === undefined ? 'undefined' : `capYoungGeneration(${cap})`};
		const newSpace = () => v8.getHeapSpaceStatistics().find((space) => space.space_name === 'new_space').space_size;
		const kept = [];
		let largest = 0;
		for (let round = 0; round < 60; round++) {
			for (let index = 0; index < 40000; index++) {
				const event = {id: round + ':' + index, message: 'Publish-In ' + index, fields: {n: index}};
				if (index % 4 === 0) kept.push(event);
			}
			if (kept.length > 100000) kept.splice(0, 50000);
			largest = Math.max(largest, newSpace());
			${burst ? '' : 'await new Promise((resolve) => setTimeout(resolve, 5));'}
		}
		remove?.();
		process.stdout.write(String(largest / 1048576));
	`;
	return childFigure(script);
}

describe('capYoungGeneration', () => {
	it('keeps the young generation at the cap where V8 would let it grow to 32 MB', () => {
		expect(largestYoungGeneration(undefined)).toBeGreaterThan(16);
		expect(largestYoungGeneration(8)).toBeLessThanOrEqual(8);
	});

	it('holds in a synchronous burst too (loading the UI), where no GC observer can run', () => {
		expect(largestYoungGeneration(undefined, true)).toBeGreaterThan(16);
		expect(largestYoungGeneration(8, true)).toBeLessThanOrEqual(8);
	});
});

/**
 * Builds a fragmented old generation (600,000 promoted objects, then two of each five let go:
 * every page two-fifths empty), lets V8 collect six times, and prints the old generation's
 * committed size over what is live in it. `setup` runs first. V8's default compacts pages at
 * least half empty (more once it has timed its own compaction), so it leaves these as they are.
 */
function committedOverLive(setup: string): number {
	const script = `
		import v8 from 'node:v8';
		import {favourMemoryAtScale} from ${JSON.stringify(pathToFileURL(heapModule).href)};
		const tick = () => new Promise((resolve) => setTimeout(resolve, 20));
		${setup}
		const old = () => v8.getHeapSpaceStatistics().find((space) => space.space_name === 'old_space');
		let all = [];
		for (let index = 0; index < 600000; index++) all.push({index, text: 'thing-' + index, next: null});
		globalThis.gc();
		globalThis.gc();
		await tick();
		const kept = all.filter((_, index) => index % 5 < 3);
		all = undefined;
		for (let round = 0; round < 6; round++) {
			globalThis.gc();
			await tick();
		}
		process.stdout.write(String(old().space_size / old().space_used_size) + ' ' + kept.length);
	`;
	return childFigure(script, ['--expose-gc']);
}

/**
 * The old generation's committed size, in MB, sampled as events turn over past a steady set:
 * the mean of the samples (its peak moves with how busy the machine is, as V8 marks on helper
 * threads while the program allocates on).
 */
function meanOldGeneration(setup: string): number {
	const script = `
		import v8 from 'node:v8';
		import {HEAP_GROWING_PERCENT, favourMemoryAtScale} from ${JSON.stringify(pathToFileURL(heapModule).href)};
		v8.setFlagsFromString('--heap-growing-percent=' + HEAP_GROWING_PERCENT);
		${setup}
		const old = () => v8.getHeapSpaceStatistics().find((space) => space.space_name === 'old_space');
		const things = [];
		for (let index = 0; index < 500000; index++) things.push({index, text: 'thing-' + index, next: null});
		const events = new Array(100000);
		let written = 0;
		let sum = 0;
		let samples = 0;
		for (let round = 0; round < 400; round++) {
			for (let index = 0; index < 5000; index++) events[written++ % events.length] = {round, index, text: 'event ' + round + ' ' + index};
			await new Promise((resolve) => setTimeout(resolve, 2));
			if (round >= 100) {
				sum += old().space_size;
				samples++;
			}
		}
		process.stdout.write(String(sum / samples / 1048576) + ' ' + things.length);
	`;
	return childFigure(script);
}

describe('favourMemoryAtScale', () => {
	it('compacts a fragmented old generation once the live heap is over the line', () => {
		// Left as they are, the pages hold 1.6 times what is live in them.
		expect(committedOverLive('favourMemoryAtScale(1000, 900);')).toBeGreaterThan(1.35);
		expect(committedOverLive('favourMemoryAtScale(10, 5);')).toBeLessThan(1.2);
	});

	it('lets the old generation grow by less before a full collection', () => {
		// The monitor's own growth (25%) against the setting's, sampled while a steady set
		// (the things) stays and a stream of promoted events turns over, a few thousand at a time.
		// Two runs of each: 0.90-0.95 of the monitor's own in single runs, on a quiet machine and a busy one.
		const favoured = meanOldGeneration('favourMemoryAtScale(10, 5);') + meanOldGeneration('favourMemoryAtScale(10, 5);');
		const own = meanOldGeneration('favourMemoryAtScale(1000, 900);') + meanOldGeneration('favourMemoryAtScale(1000, 900);');
		expect(favoured).toBeLessThan(0.97 * own);
	});

	it('lets go of the setting when stopped', () => {
		expect(committedOverLive('const stop = favourMemoryAtScale(1, 0); globalThis.gc(); await tick(); stop();')).toBeGreaterThan(1.35);
	});
});
