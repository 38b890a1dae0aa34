import {describe, expect, it} from 'vitest';
import {defaultBoard} from '../../source/model/metricBoard.js';
import {fetchRange, mergeSeries, seriesStats, windowRange, windowValues} from '../../source/model/metricWindow.js';

const MINUTE = 60_000;
const NOW = Date.UTC(2026, 10, 24, 3, 0, 30);
const HOUR = 60 * MINUTE;
const spec = defaultBoard(60)[0];

describe('fetchRange', () => {
	it('asks for the whole window the first time, in whole periods, ending after now', () => {
		const range = fetchRange(NOW, HOUR, MINUTE, undefined);
		expect(range).toEqual({start: Date.UTC(2026, 10, 24, 2, 1, 0), end: Date.UTC(2026, 10, 24, 3, 1, 0)});
		expect((range.end - range.start) / MINUTE).toBe(60);
	});

	it('afterwards asks only for the last two periods and what is new', () => {
		const first = fetchRange(NOW, HOUR, MINUTE, undefined);
		expect(fetchRange(NOW + 5000, HOUR, MINUTE, first.end)).toEqual({start: first.end - 2 * MINUTE, end: first.end});
		expect(fetchRange(NOW + 3 * MINUTE, HOUR, MINUTE, first.end)).toEqual({start: first.end - 2 * MINUTE, end: first.end + 3 * MINUTE});
	});

	it('never asks for more than the window after a long pause', () => {
		const first = fetchRange(NOW, HOUR, MINUTE, undefined);
		expect(fetchRange(NOW + 5 * HOUR, HOUR, MINUTE, first.end)).toEqual(windowRange(NOW + 5 * HOUR, HOUR, MINUTE));
	});
});

describe('mergeSeries', () => {
	const range = {start: NOW - 2 * MINUTE, end: NOW + MINUTE};
	const previous = {spec, timestamps: [NOW - 4 * MINUTE, NOW - 3 * MINUTE, NOW - 2 * MINUTE], values: [1, 2, 3], hasData: true};

	it('keeps the points before the range, replaces the re-read ones and trims to the window', () => {
		const merged = mergeSeries(previous, spec, {timestamps: [NOW - 2 * MINUTE, NOW - MINUTE], values: [30, 40]}, range, NOW - 3 * MINUTE);
		expect(merged.timestamps).toEqual([NOW - 3 * MINUTE, NOW - 2 * MINUTE, NOW - MINUTE]);
		expect(merged.values).toEqual([2, 30, 40]);
		expect(merged.hasData).toBe(true);
	});

	it('a metric that has reported keeps hasData when a fetch returns nothing new', () => {
		expect(mergeSeries(previous, spec, {timestamps: [], values: []}, range, 0).hasData).toBe(true);
		expect(mergeSeries(undefined, spec, {timestamps: [], values: []}, range, 0).hasData).toBe(false);
	});
});

describe('windowValues', () => {
	it('a period without a datapoint is missing (drawn blank), never 0; a metric that never reported has no values', () => {
		const reported = windowValues({spec, timestamps: [NOW - 2 * MINUTE - 30_000], values: [5], hasData: true}, 5 * MINUTE, NOW);
		expect(reported).toEqual([undefined, undefined, 5, undefined, undefined]);
		const gap = windowValues({spec, timestamps: [NOW - 4 * MINUTE, NOW - MINUTE], values: [5, 0], hasData: true}, 5 * MINUTE, NOW);
		expect(gap).toEqual([5, undefined, undefined, 0, undefined]);
		const never = windowValues({spec, timestamps: [], values: [], hasData: false}, 5 * MINUTE, NOW);
		expect(never).toEqual([undefined, undefined, undefined, undefined, undefined]);
	});
});

describe('seriesStats', () => {
	// One datapoint a minute from `from` minutes before NOW's minute, with these values.
	const reporting = (from: number, values: number[]) => ({
		spec,
		timestamps: values.map((_, index) => Math.floor(NOW / MINUTE) * MINUTE - (from - index) * MINUTE),
		values,
		hasData: true,
	});

	it.each<[string, ReturnType<typeof reporting>, {last?: number; min?: number; max?: number}]>([
		[
			'100-149 over the last half of the hour: min 100, not 0',
			reporting(
				50,
				Array.from({length: 50}, (_, index) => 100 + index),
			),
			{last: 149, min: 100, max: 149},
		],
		['one datapoint', reporting(3, [5]), {last: 5, min: 5, max: 5}],
		['a reported 0 counts', reporting(3, [7, 0, 4]), {last: 4, min: 0, max: 7}],
		['negative values', reporting(3, [-2, -8]), {last: -8, min: -8, max: -2}],
		['never reported: nothing', {spec, timestamps: [], values: [], hasData: false}, {last: undefined, min: undefined, max: undefined}],
	])('%s', (_name, series, expected) => {
		expect(seriesStats(series, windowValues(series, HOUR, NOW))).toEqual(expected);
	});
});
