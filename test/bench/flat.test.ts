// The bench's "flat over 10 minutes": the soak's last minute against its first, by medians.
import {describe, expect, it} from 'vitest';
// @ts-expect-error: a plain ES module of the bench, without types.
import {soakFlatness} from '../../bench/flat.mjs';

const soak = (rss: (s: number) => number) => Array.from({length: 61}, (_, index) => ({s: index * 10, rssMb: rss(index * 10)}));
// A swing of ±8 MB from sample to sample around a level, as under the log flood.
const swing = (s: number) => [0, 6, -5, 8, -3, 2, -8][(s / 10) % 7];

describe('soakFlatness', () => {
	it('a level soak is flat, even when its last sample is a high one', () => {
		const samples = soak((s) => 120 + swing(s));
		samples[samples.length - 1].rssMb = 135;
		const result = soakFlatness(samples);
		expect(result.flat).toBe(true);
		expect(result.firstMb).toBe(120);
		expect(Math.abs(result.slopeMbPer10Min)).toBeLessThan(3);
	});

	it('a soak that grows by a fifth over ten minutes is not', () => {
		const result = soakFlatness(soak((s) => 120 + (24 * s) / 600 + swing(s)));
		expect(result.flat).toBe(false);
		expect(result.lastMb).toBeGreaterThan(result.firstMb * 1.1);
		expect(result.slopeMbPer10Min).toBeGreaterThan(20);
	});

	it('a soak shorter than two minutes compares its first and last thirds', () => {
		const result = soakFlatness([0, 10, 20, 30, 40, 50, 60, 70, 80, 90].map((s) => ({s, rssMb: 100 + s})));
		expect(result.firstMb).toBe(115);
		expect(result.lastMb).toBe(175);
		expect(result.flat).toBe(false);
	});
});
