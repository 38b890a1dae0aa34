import {describe, expect, it} from 'vitest';
import {formatAge, formatDuration, parseDuration} from '../../source/model/duration.js';

describe('parseDuration', () => {
	it.each<[string, number | undefined]>([
		['5', 5000],
		['0', 0],
		['1.5', 1500],
		['5s', 5000],
		['2m', 120_000],
		['1h', 3_600_000],
		['1d', 86_400_000],
		['500ms', 500],
		['1h30m', 5_400_000],
		['1m30s', 90_000],
		['1.5h', 5_400_000],
		[' 10S ', 10_000],
		['', undefined],
		['   ', undefined],
		['-5', undefined],
		['-5s', undefined],
		['banana', undefined],
		['5x', undefined],
		['s', undefined],
		['5 s', undefined],
		['1h 30m', undefined],
		['.5s', undefined],
		['1e3', undefined],
	])('%j -> %s', (text, expected) => {
		expect(parseDuration(text)).toBe(expected);
	});
});

describe('formatDuration', () => {
	it.each<[number, string]>([
		[0, '0s'],
		[999, '0s'],
		[-5000, '0s'],
		[Number.NaN, '0s'],
		[45_000, '45s'],
		[59_999, '59s'],
		[60_000, '1m00s'],
		[200_000, '3m20s'],
		[3_599_000, '59m59s'],
		[3_600_000, '1h00m'],
		[7_500_000, '2h05m'],
		[86_400_000, '1d00h'],
		[3 * 86_400_000 + 4 * 3_600_000 + 59 * 60_000, '3d04h'],
		[400 * 86_400_000, '400d00h'],
	])('%d ms -> %s', (ms, expected) => {
		expect(formatDuration(ms)).toBe(expected);
	});
});

describe('formatAge', () => {
	it.each<[number | undefined, number, string]>([
		[undefined, 1000, '—'],
		[Number.NaN, 1000, '—'],
		[1000, 1000, '0s'],
		[0, 45_000, '45s'],
		[10_000, 5000, '0s'],
	])('then %s now %d -> %s', (then, now, expected) => {
		expect(formatAge(then, now)).toBe(expected);
	});
});
