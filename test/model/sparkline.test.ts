import {describe, expect, it} from 'vitest';
import {chartRows, scaleTicks, sparkline, type ValueRange} from '../../source/model/sparkline.js';

describe('sparkline', () => {
	it.each<[string, Array<number | undefined>, number, ValueRange | undefined, string]>([
		['empty series is blank', [], 4, undefined, '    '],
		['pads on the left', [0, 8], 4, undefined, '  ▁█'],
		['all zero is the bottom bar, not blank', [0, 0, 0], 3, undefined, '▁▁▁'],
		['missing points are blank', [0, undefined, 0], 3, undefined, '▁ ▁'],
		['NaN counts as missing', [Number.NaN, 1], 2, undefined, ' █'],
		['constant non-zero is full', [5, 5], 2, undefined, '██'],
		['scales from zero', [0, 1, 2, 3, 4, 5, 6, 7], 8, undefined, '▁▂▃▄▅▆▇█'],
		['a small count is not zero', [0, 1, 1000], 3, undefined, '▁▂█'],
		['max of bucket keeps spikes', [0, 0, 0, 9, 0, 0, 0, 0], 4, undefined, '▁█▁▁'],
		['bucket of only missing is blank', [undefined, undefined, 1, 1], 2, undefined, ' █'],
		['explicit range clamps', [0, 50, 200], 3, {min: 0, max: 100}, '▁▅█'],
		['explicit range below min', [-5, 10], 2, {min: 0, max: 10}, '▁█'],
		['zero width', [1, 2], 0, undefined, ''],
	])('%s', (_name, values, width, range, expected) => {
		const line = sparkline(values, width, range);
		expect(line).toBe(expected);
		expect([...line]).toHaveLength(width);
	});
});

describe('chartRows', () => {
	it.each<[string, Array<number | undefined>, number, number, ValueRange | undefined, string[]]>([
		['two rows: zero, half, full', [0, 8, 16], 3, 2, undefined, [' ▁█', '▁██']],
		['two rows, a third', [0, 1, 3], 3, 2, undefined, ['  █', '▁▆█']],
		['zero and missing differ', [0, undefined, 4], 3, 2, undefined, ['  █', '▁ █']],
		['pads left', [1], 3, 2, undefined, ['  █', '  █']],
		['explicit range', [5, 1], 2, 2, {min: 0, max: 10}, ['▁ ', '█▃']],
		['no height', [1], 3, 0, undefined, []],
	])('%s', (_name, values, width, height, range, expected) => {
		const rows = chartRows(values, width, height, range);
		expect(rows).toEqual(expected);
		for (const row of rows) expect([...row]).toHaveLength(width);
	});

	it('single row matches sparkline', () => {
		const values = [0, 3, 1, undefined, 9, 2];
		expect(chartRows(values, 6, 1)).toEqual([sparkline(values, 6)]);
	});
});

describe('scaleTicks', () => {
	it.each<[number, number, number, number[]]>([
		[0, 100, 5, [100, 75, 50, 25, 0]],
		[0, 10, 2, [10, 0]],
		[0, 10, 1, [10]],
		[-10, 10, 3, [10, 0, -10]],
		[0, 1, 0, []],
	])('%d..%d in %d', (min, max, count, expected) => {
		expect(scaleTicks(min, max, count)).toEqual(expected);
	});
});
