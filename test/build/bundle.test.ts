// The built CLI (dist/, made by the tests' global setup from the current source): split at
// its dynamic imports and minified, because V8 holds each file's text on the heap for the
// life of the process and parses a whole file at once (`npm run bench` measures what that
// costs in memory; this checks the shape that keeps it low).
import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';

const dist = fileURLToPath(new URL('../../dist', import.meta.url));

function files(): Array<{name: string; text: string}> {
	const entry = path.join(dist, 'cli.js');
	const chunks = path.join(dist, 'chunks-cli');
	return [entry, ...fs.readdirSync(chunks).map((name) => path.join(chunks, name))].map((file) => ({
		name: path.relative(dist, file),
		text: fs.readFileSync(file, 'utf8'),
	}));
}

describe('the built CLI', () => {
	it('starts from a small entry file: the app, the SDK clients and the simulator are files of their own, read when first imported', () => {
		const [entry, ...chunks] = files();
		expect(entry.text.length).toBeLessThan(256 * 1024);
		expect(chunks.length).toBeGreaterThan(3);
		// The simulator's code (only --demo and `simulate` need it) is not in the entry.
		expect(entry.text).not.toMatch(/ThrottlingException/);
		expect(chunks.some((chunk) => /ThrottlingException/.test(chunk.text))).toBe(true);
	});

	it('is minified, no file near the size the single bundle had, and ASCII only (one byte a character on the heap)', () => {
		const all = files();
		const total = all.reduce((sum, file) => sum + file.text.length, 0);
		expect(total).toBeLessThan(3 * 1024 * 1024);
		for (const file of all) {
			expect(file.text.length, file.name).toBeLessThan(1024 * 1024);
			expect(/[^\x00-\x7f]/.test(file.text), file.name).toBe(false);
		}
	});
});
