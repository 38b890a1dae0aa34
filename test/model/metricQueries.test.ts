import {describe, expect, it} from 'vitest';
import {alarmFlag, defaultBoard} from '../../source/model/metricBoard.js';
import {
	batchQueries,
	describeQuery,
	isRejected,
	planQueries,
	seriesOfSpec,
	stepDown,
	sumByPeriod,
	worstStatus,
	type ListedMetric,
	type PlannedQuery,
	type QueryAnswer,
} from '../../source/model/metricQueries.js';
import type {Points} from '../../source/model/metricWindow.js';
import type {AlarmRow} from '../../source/model/types.js';

const board = defaultBoard(60);
const connects = board.find((spec) => spec.metricName === 'Connect.Success')!;
const ruleFailures = board.find((spec) => spec.metricName === 'Failure')!;
const rulesExecuted = board.find((spec) => spec.metricName === 'RulesExecuted')!;
const protocol = (value: string) => [{name: 'Protocol', value}];

describe('seriesOfSpec', () => {
	const listed: ListedMetric[] = [
		{namespace: 'AWS/IoT', metricName: 'Connect.Success', dimensions: protocol('MQTT')},
		{namespace: 'AWS/IoT', metricName: 'Connect.Success', dimensions: protocol('HTTP')},
		{namespace: 'AWS/IoT', metricName: 'Connect.Success', dimensions: protocol('MQTT')},
		{namespace: 'AWS/IoT', metricName: 'Connect.Success', dimensions: []},
		{namespace: 'AWS/IoT', metricName: 'Connect.Success', dimensions: [...protocol('WSS'), {name: 'Extra', value: 'x'}]},
		{namespace: 'Other', metricName: 'Connect.Success', dimensions: protocol('MQTT')},
		{namespace: 'AWS/IoT', metricName: 'Connect.AuthError', dimensions: protocol('MQTT')},
		{
			namespace: 'AWS/IoT',
			metricName: 'Failure',
			dimensions: [
				{name: 'RuleName', value: 'b'},
				{name: 'ActionType', value: 'S3'},
			],
		},
		{
			namespace: 'AWS/IoT',
			metricName: 'Failure',
			dimensions: [
				{name: 'ActionType', value: 'SNS'},
				{name: 'RuleName', value: 'a'},
			],
		},
	];

	it.each<[string, (typeof board)[number], unknown]>([
		['the summed dimension exactly, each series once, in a stable order', connects, [protocol('HTTP'), protocol('MQTT')]],
		[
			'two summed dimensions, in any order',
			ruleFailures,
			[
				[
					{name: 'RuleName', value: 'b'},
					{name: 'ActionType', value: 'S3'},
				],
				[
					{name: 'ActionType', value: 'SNS'},
					{name: 'RuleName', value: 'a'},
				],
			],
		],
		['nothing listed', board.find((spec) => spec.metricName === 'Connect.Throttle')!, []],
	])('%s', (_name, spec, expected) => {
		expect(seriesOfSpec(spec, listed)).toEqual(expected);
	});
});

describe('planQueries', () => {
	const series = [protocol('HTTP'), protocol('MQTT')];
	const shape = (queries: PlannedQuery[]) =>
		queries.map((query) => [query.id, query.returnData, query.expression ?? query.metric?.dimensions.map((d) => d.value).join(',')]);

	it.each<[string, PlannedQuery[], unknown]>([
		['stat: one MetricStat', planQueries(rulesExecuted, {mode: 'stat'}), [['iot6', true, '']]],
		[
			'search: one SUM(SEARCH)',
			planQueries(connects, {mode: 'search'}),
			[['iot0', true, `SUM(SEARCH('{AWS/IoT,Protocol} MetricName="Connect.Success"', 'Sum', 60))`]],
		],
		[
			'math: the series without data, their SUM with it',
			planQueries(connects, {mode: 'math'}, series),
			[
				['iot0_0', false, 'HTTP'],
				['iot0_1', false, 'MQTT'],
				['iot0', true, 'SUM([iot0_0,iot0_1])'],
			],
		],
		[
			'client: each series with its data',
			planQueries(connects, {mode: 'client'}, series),
			[
				['iot0_0', true, 'HTTP'],
				['iot0_1', true, 'MQTT'],
			],
		],
		['math without series asks for nothing', planQueries(connects, {mode: 'math'}, []), []],
	])('%s', (_name, queries, expected) => {
		expect(shape(queries)).toEqual(expected);
	});

	it('steps down search -> math -> client, and no further', () => {
		expect(['search', 'math', 'client', 'stat'].map((mode) => stepDown(mode as never))).toEqual(['math', 'client', 'client', 'stat']);
	});
});

describe('batchQueries', () => {
	const group = (name: string, size: number): PlannedQuery[] =>
		Array.from({length: size}, (_, index) => ({id: `${name}${index}`, specId: name, period: 60, returnData: true}));
	const sizes = (calls: PlannedQuery[][]) => calls.map((call) => call.length);

	it.each<[string, PlannedQuery[][], number, number[]]>([
		['501 single queries: 500 + 1', Array.from({length: 501}, (_, index) => group(`q${index}x`, 1)), 500, [500, 1]],
		['a group is never split across calls when it fits', [group('a', 3), group('b', 3), group('c', 3)], 5, [3, 3, 3]],
		['groups fill a call', [group('a', 2), group('b', 3), group('c', 1)], 5, [5, 1]],
		['a group larger than a call is split', [group('a', 7)], 5, [5, 2]],
		['empty groups are skipped', [[], group('a', 1)], 5, [1]],
	])('%s', (_name, groups, max, expected) => {
		const calls = batchQueries(groups, max);
		expect(sizes(calls)).toEqual(expected);
		expect(calls.flat().map((query) => query.id)).toEqual(groups.flat().map((query) => query.id));
	});
});

describe('sumByPeriod', () => {
	const points = (pairs: Array<[number, number]>, status = 'Complete'): Points => ({
		timestamps: pairs.map(([at]) => at),
		values: pairs.map(([, value]) => value),
		status,
	});

	it.each<[string, Points[], Points]>([
		[
			'per period, over the series with a datapoint there',
			[
				points([
					[0, 1],
					[60, 2],
				]),
				points([
					[60, 10],
					[120, 20],
				]),
			],
			points([
				[0, 1],
				[60, 12],
				[120, 20],
			]),
		],
		[
			'a period where none has data has no datapoint (not 0)',
			[points([[0, 1]]), points([[180, 3]])],
			points([
				[0, 1],
				[180, 3],
			]),
		],
		['no series: nothing, complete', [], points([])],
		['the worst status wins', [points([[0, 1]], 'Complete'), points([[0, 2]], 'PartialData')], points([[0, 3]], 'PartialData')],
	])('%s', (_name, answers, expected) => {
		expect(sumByPeriod(answers)).toEqual(expected);
	});
});

describe('statuses', () => {
	it.each<[Array<string | undefined>, string | undefined]>([
		[['Complete', 'Complete'], 'Complete'],
		[['Complete', 'PartialData'], 'PartialData'],
		[['PartialData', 'InternalError', 'Complete'], 'InternalError'],
		[['Complete', undefined], 'Unknown'],
		[[], undefined],
	])('worst of %j is %s', (statuses, expected) => {
		expect(worstStatus(statuses)).toBe(expected);
	});

	const answer = (status: string, answered = true): QueryAnswer => ({timestamps: [], values: [], status, answered});
	it.each<[string, QueryAnswer | undefined, boolean]>([
		['no answer', undefined, true],
		['unanswered', answer('Unknown', false), true],
		['InternalError', answer('InternalError'), true],
		['Forbidden', answer('Forbidden'), true],
		['Complete', answer('Complete'), false],
		['PartialData', answer('PartialData'), false],
	])('rejected: %s', (_name, value, expected) => {
		expect(isRejected(value)).toBe(expected);
	});
});

describe('describeQuery', () => {
	it.each<[Parameters<typeof describeQuery>[0], string | undefined]>([
		[{mode: 'stat'}, undefined],
		[undefined, undefined],
		[{mode: 'search'}, 'summed by SEARCH'],
		[{mode: 'math', series: 2}, 'summed over 2 series from ListMetrics'],
		[{mode: 'client', series: 3}, 'summed here over 3 series from ListMetrics'],
	])('%j', (query, expected) => {
		expect(describeQuery(query)).toBe(expected);
	});
});

describe('alarmFlag', () => {
	const alarm = (state: string): AlarmRow => ({
		name: 'a',
		kind: 'metric',
		state,
		stateReason: '',
		threshold: 10,
		comparisonOperator: 'GreaterThanThreshold',
	});
	it.each<[string, AlarmRow[], boolean, {firing: boolean; text: string}]>([
		['OK: the threshold', [alarm('OK')], false, {firing: false, text: '⚑>10'}],
		['ALARM: firing', [alarm('ALARM')], false, {firing: true, text: '✖>10'}],
		['stale ALARM: not firing, marked unknown', [alarm('ALARM')], true, {firing: false, text: '⚑>10?'}],
		['stale OK: marked unknown', [alarm('OK')], true, {firing: false, text: '⚑>10?'}],
		['no alarm', [], false, {firing: false, text: ''}],
	])('%s', (_name, watching, stale, expected) => {
		expect(alarmFlag(watching, stale)).toMatchObject(expected);
	});
});
