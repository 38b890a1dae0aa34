import {describe, expect, it} from 'vitest';
import {
	alarmSpans,
	breaches,
	columnPeriods,
	graphRange,
	graphSpan,
	periodValues,
	rowOf,
	type AlarmGraphData,
} from '../../source/model/alarmGraph.js';
import {ruleChildren} from '../../source/model/alarmRule.js';
import type {AlarmHistoryItem} from '../../source/model/types.js';

const MINUTE = 60_000;
const NOW = Date.UTC(2026, 10, 24, 2, 30, 20);
const END = Date.UTC(2026, 10, 24, 2, 30);

describe('graphSpan', () => {
	it.each([
		['3 x 10 evaluation periods of a minute', 60, 10, 30],
		['never fewer than 15 periods', 60, 1, 15],
		['unknown evaluation periods: 15', 60, undefined, 15],
		['5-minute periods, 6 evaluated', 300, 6, 18],
	])('%s', (_name, period, evaluationPeriods, periods) => {
		const span = graphSpan(period, evaluationPeriods, NOW);
		expect(span.periods).toBe(periods);
		// Ends with the last whole period.
		expect(span.end).toBe(Math.floor(NOW / (period * 1000)) * period * 1000);
		expect(span.end - span.start).toBe(periods * period * 1000);
	});
});

describe('periodValues', () => {
	it('puts each datapoint in its period, leaves the others undefined and drops what is outside or not a number', () => {
		const start = END - 5 * MINUTE;
		const values = periodValues(
			[start - MINUTE, start, start + 2 * MINUTE, start + 3 * MINUTE, start + 5 * MINUTE],
			[9, 1, 3, Number.NaN, 7],
			start,
			60,
			5,
		);
		expect(values).toEqual([1, undefined, 3, undefined, undefined]);
	});
});

describe('breaches', () => {
	it.each([
		[11, 'GreaterThanThreshold', 10, undefined, true],
		[10, 'GreaterThanThreshold', 10, undefined, false],
		[10, 'GreaterThanOrEqualToThreshold', 10, undefined, true],
		[0, 'LessThanThreshold', 1, undefined, true],
		[1, 'LessThanOrEqualToThreshold', 1, undefined, true],
		[2, 'LessThanOrEqualToThreshold', 1, undefined, false],
		// No value, no threshold, an undocumented operator: unknown, not "fine".
		[undefined, 'GreaterThanThreshold', 10, undefined, undefined],
		[11, 'GreaterThanThreshold', undefined, undefined, undefined],
		[11, 'SomethingNew', 10, undefined, undefined],
		// Against a band.
		[21, 'GreaterThanUpperThreshold', undefined, {lower: 5, upper: 20}, true],
		[4, 'GreaterThanUpperThreshold', undefined, {lower: 5, upper: 20}, false],
		[4, 'LessThanLowerThreshold', undefined, {lower: 5, upper: 20}, true],
		[4, 'LessThanLowerOrGreaterThanUpperThreshold', undefined, {lower: 5, upper: 20}, true],
		[10, 'LessThanLowerOrGreaterThanUpperThreshold', undefined, {lower: 5, upper: 20}, false],
		[10, 'LessThanLowerOrGreaterThanUpperThreshold', undefined, {upper: 20}, undefined],
		[21, 'LessThanLowerOrGreaterThanUpperThreshold', undefined, {upper: 20}, true],
		[21, 'GreaterThanUpperThreshold', undefined, undefined, undefined],
	] as const)('%s %s %s %o: %s', (value, comparison, threshold, band, expected) => {
		expect(breaches(value, comparison, threshold, band)).toBe(expected);
	});
});

describe('alarmSpans', () => {
	const start = END - 15 * MINUTE;
	const change = (minutesBeforeEnd: number, oldState: string, newState: string): AlarmHistoryItem => ({
		timestamp: END - minutesBeforeEnd * MINUTE,
		type: 'StateUpdate',
		oldState,
		newState,
	});
	it.each([
		['one ALARM spell inside the range', [change(10, 'OK', 'ALARM'), change(6, 'ALARM', 'OK')], undefined, [[10, 6]]],
		['newest first, as DescribeAlarmHistory gives them', [change(6, 'ALARM', 'OK'), change(10, 'OK', 'ALARM')], undefined, [[10, 6]]],
		['in ALARM since before the range: from its start', [change(20, 'OK', 'ALARM'), change(3, 'ALARM', 'OK')], undefined, [[15, 3]]],
		['before the oldest change, its old state', [change(5, 'ALARM', 'OK')], undefined, [[15, 5]]],
		['still in ALARM: to the end', [change(4, 'OK', 'ALARM')], undefined, [[4, 0]]],
		['never in ALARM', [change(4, 'INSUFFICIENT_DATA', 'OK')], undefined, []],
		// The state changed since the history was fetched: the row's transition time counts.
		['a change the history has not seen yet', [change(10, 'INSUFFICIENT_DATA', 'OK')], {state: 'ALARM', since: END - 2 * MINUTE}, [[2, 0]]],
		['no history, the current ALARM state and when it began', [], {state: 'ALARM', since: END - 7 * MINUTE}, [[7, 0]]],
		['no history and no transition time: unknown', [], {state: 'ALARM'}, undefined],
	] as Array<[string, AlarmHistoryItem[], {state?: string; since?: number} | undefined, Array<[number, number]> | undefined]>)(
		'%s',
		(_name, items, current, expected) => {
			const spans = alarmSpans(items, start, END, current);
			expect(spans?.map((span) => [(END - span.from) / MINUTE, (END - span.to) / MINUTE])).toEqual(expected);
		},
	);
});

describe('graphRange and rowOf', () => {
	const data = (values: Array<number | undefined>, extra: Partial<AlarmGraphData> = {}): AlarmGraphData => ({
		label: 'm',
		periodSec: 60,
		start: 0,
		end: values.length * MINUTE,
		values,
		...extra,
	});
	it.each([
		['from 0 to the highest value', data([3, undefined, 8]), {min: 0, max: 8}],
		['the threshold above the values', data([3, 8], {threshold: 40}), {min: 0, max: 40}],
		['negative values go below 0', data([-5, 2]), {min: -5, max: 2}],
		['nothing: a unit range, never a division by 0', data([undefined]), {min: 0, max: 1}],
		[
			'a band: around the band and the values, a tenth of their spread either side',
			data([100, 120], {band: {lower: [90, 95], upper: [110, 130]}}),
			{min: 86, max: 134},
		],
	])('%s', (_name, graph, expected) => {
		expect(graphRange(graph)).toEqual(expected);
	});

	it('puts a value on the row of the big metric chart', () => {
		expect(rowOf(100, {min: 0, max: 100}, 6)).toBe(0);
		expect(rowOf(40, {min: 0, max: 100}, 6)).toBe(3);
		expect(rowOf(0, {min: 0, max: 100}, 6)).toBe(5);
	});
});

describe('columnPeriods', () => {
	it('spreads few periods over many columns, and groups many periods into few', () => {
		expect(Array.from({length: 6}, (_, column) => columnPeriods(column, 6, 3))).toEqual([[0], [0], [1], [1], [2], [2]]);
		expect(Array.from({length: 3}, (_, column) => columnPeriods(column, 3, 6))).toEqual([
			[0, 1],
			[2, 3],
			[4, 5],
		]);
	});
});

describe('ruleChildren', () => {
	it.each([
		[
			'two alarms, in order',
			'ALARM("a") OR ALARM("b")',
			[
				['a', 'ALARM'],
				['b', 'ALARM'],
			],
		],
		[
			'unquoted names, other states, NOT and parentheses',
			'NOT OK(a) AND (INSUFFICIENT_DATA(b) OR TRUE)',
			[
				['a', 'OK'],
				['b', 'INSUFFICIENT_DATA'],
			],
		],
		[
			'each alarm once',
			'ALARM(a) AND (OK(a) OR ALARM(c))',
			[
				['a', 'ALARM'],
				['c', 'ALARM'],
			],
		],
		['an ARN gives its name', "ALARM('arn:aws:cloudwatch:us-east-1:123456789012:alarm:fleet down')", [['fleet down', 'ALARM']]],
		['quotes and parentheses inside a name', 'ALARM("odd (name) \\"x\\"")', [['odd (name) "x"', 'ALARM']]],
		[
			'AT_LEAST names its alarms',
			'AT_LEAST(2, ALARM, (a, "b", c))',
			[
				['a', 'ALARM'],
				['b', 'ALARM'],
				['c', 'ALARM'],
			],
		],
		['no alarm', 'TRUE', []],
	])('%s', (_name, rule, expected) => {
		expect(ruleChildren(rule).map((child) => [child.name, child.tests])).toEqual(expected);
	});
});
