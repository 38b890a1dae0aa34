import {describe, expect, it} from 'vitest';
import {alarmsWatching, customBoard, defaultBoard} from '../../source/model/metricBoard.js';
import {
	alarmCountsKnown,
	CHANGE_MARK_MS,
	describeCondition,
	formatAlarmFor,
	describePeriod,
	describeThreshold,
	filterAlarms,
	formatStateSummary,
	trackChanges,
	sortAlarms,
	stateLabel,
	stateSymbol,
	summarizeStates,
	type StateSummary,
} from '../../source/model/alarms.js';
import type {AlarmRow} from '../../source/model/types.js';

function alarm(name: string, state: string, stateTransitionedAt?: number, extra: Partial<AlarmRow> = {}): AlarmRow {
	return {name, kind: 'metric', state, stateReason: '', stateTransitionedAt, ...extra};
}

describe('sortAlarms', () => {
	it.each<[string, AlarmRow[], string[]]>([
		[
			'state order, then unknown states',
			[alarm('a', 'OK', 1), alarm('b', 'WEIRD', 1), alarm('c', 'INSUFFICIENT_DATA', 1), alarm('d', 'ALARM', 1)],
			['d', 'c', 'a', 'b'],
		],
		[
			'longest-standing first within a state',
			[alarm('new', 'ALARM', 300), alarm('old', 'ALARM', 100), alarm('mid', 'ALARM', 200)],
			['old', 'mid', 'new'],
		],
		[
			'unknown transition time last, ties by name',
			[alarm('z', 'OK'), alarm('y', 'OK', 5), alarm('b', 'OK', 5), alarm('a', 'OK')],
			['b', 'y', 'a', 'z'],
		],
		['different unknown states grouped by name', [alarm('1', 'ZZZ', 1), alarm('2', 'AAA', 2), alarm('3', 'ZZZ', 0)], ['2', '3', '1']],
		['empty', [], []],
		[
			'no state after every state; the update time ranks an alarm that has no transition time',
			[
				alarm('none', undefined as never, 1),
				alarm('late', 'OK', 300),
				alarm('updated', 'OK', undefined, {stateUpdatedAt: 100}),
				alarm('never', 'OK'),
			],
			['updated', 'late', 'never', 'none'],
		],
	])('%s', (_name, rows, expected) => {
		const before = rows.map((row) => row.name);
		expect(sortAlarms(rows).map((row) => row.name)).toEqual(expected);
		expect(rows.map((row) => row.name)).toEqual(before);
	});
});

describe('describeCondition', () => {
	const authErrors: Partial<AlarmRow> = {
		namespace: 'AWS/IoT',
		metricName: 'Connect.AuthError',
		statistic: 'Sum',
		dimensions: [{name: 'Protocol', value: 'MQTT'}],
		period: 60,
		evaluationPeriods: 3,
		datapointsToAlarm: 3,
		threshold: 10,
		comparisonOperator: 'GreaterThanThreshold',
	};
	it.each<[string, Partial<AlarmRow>, string]>([
		['metric alarm', authErrors, 'Connect.AuthError Sum > 10 for 3 of 3 x 1 min'],
		[
			'>=, 5 min, M of N',
			{...authErrors, comparisonOperator: 'GreaterThanOrEqualToThreshold', period: 300, datapointsToAlarm: 2, evaluationPeriods: 5},
			'Connect.AuthError Sum >= 10 for 2 of 5 x 5 min',
		],
		[
			'<, 30 s',
			{...authErrors, comparisonOperator: 'LessThanThreshold', period: 30, threshold: 0.5},
			'Connect.AuthError Sum < 0.5 for 3 of 3 x 30 s',
		],
		[
			'<=, 1 h',
			{...authErrors, comparisonOperator: 'LessThanOrEqualToThreshold', period: 3600},
			'Connect.AuthError Sum <= 10 for 3 of 3 x 1 h',
		],
		[
			'datapoints default to evaluation periods',
			{...authErrors, datapointsToAlarm: undefined},
			'Connect.AuthError Sum > 10 for 3 of 3 x 1 min',
		],
		[
			'extended statistic',
			{...authErrors, statistic: undefined, extendedStatistic: 'p99'},
			'Connect.AuthError p99 > 10 for 3 of 3 x 1 min',
		],
		[
			'anomaly band',
			{...authErrors, comparisonOperator: 'LessThanLowerOrGreaterThanUpperThreshold', threshold: undefined},
			'Connect.AuthError Sum outside the anomaly band for 3 of 3 x 1 min',
		],
		[
			'above band',
			{...authErrors, comparisonOperator: 'GreaterThanUpperThreshold'},
			'Connect.AuthError Sum above the anomaly band for 3 of 3 x 1 min',
		],
		[
			'below band',
			{...authErrors, comparisonOperator: 'LessThanLowerThreshold'},
			'Connect.AuthError Sum below the anomaly band for 3 of 3 x 1 min',
		],
		[
			'unknown operator shown as is',
			{...authErrors, comparisonOperator: 'NewOperator'},
			'Connect.AuthError Sum NewOperator 10 for 3 of 3 x 1 min',
		],
		[
			'metric math',
			{expression: 'm1  /\n m2 * 100', comparisonOperator: 'GreaterThanThreshold', threshold: 5, evaluationPeriods: 2},
			'm1 / m2 * 100 > 5 for 2 of 2',
		],
		['composite', {kind: 'composite', alarmRule: 'ALARM("a")\n   OR\tALARM("b") '}, 'ALARM("a") OR ALARM("b")'],
		['composite without rule: unknown, not blank', {kind: 'composite'}, '?'],
		['metric alarm with nothing of its condition', {}, '?'],
		['bare metric', {metricName: 'X'}, 'X'],
	])('%s', (_name, extra, expected) => {
		expect(describeCondition(alarm('n', 'OK', 1, extra))).toBe(expected);
	});
});

describe('describePeriod', () => {
	it.each<[number, string]>([
		[10, '10 s'],
		[30, '30 s'],
		[60, '1 min'],
		[90, '90 s'],
		[300, '5 min'],
		[3600, '1 h'],
		[5400, '90 min'],
		[86_400, '1 d'],
	])('%d -> %s', (seconds, expected) => {
		expect(describePeriod(seconds)).toBe(expected);
	});
});

describe('state summary', () => {
	it.each<[string, string[], StateSummary, string]>([
		[
			'mixed',
			['ALARM', 'OK', 'ALARM', 'INSUFFICIENT_DATA', 'OK'],
			{alarm: 2, insufficient: 1, ok: 2, other: 0},
			'2 ALARM  1 INSUFFICIENT  2 OK',
		],
		['unknown states counted', ['OK', 'PENDING'], {alarm: 0, insufficient: 0, ok: 1, other: 1}, '0 ALARM  0 INSUFFICIENT  1 OK  1 OTHER'],
		['none', [], {alarm: 0, insufficient: 0, ok: 0, other: 0}, '0 ALARM  0 INSUFFICIENT  0 OK'],
	])('%s', (_name, states, summary, text) => {
		const counted = summarizeStates(states.map((state, index) => alarm(String(index), state)));
		expect(counted).toEqual(summary);
		expect(formatStateSummary(counted)).toBe(text);
	});
});

describe('stateSymbol and stateLabel', () => {
	it.each<[string, string, string]>([
		['ALARM', '✖', 'ALARM'],
		['INSUFFICIENT_DATA', '◌', 'INSUFFICIENT'],
		['OK', '✔', 'OK'],
		['SOMETHING_NEW', '·', 'SOMETHING_NEW'],
	])('%s', (state, symbol, label) => {
		expect(stateSymbol(state)).toBe(symbol);
		expect(stateLabel(state)).toBe(label);
	});
});

describe('trackChanges', () => {
	const at = 1_000_000;
	it('marks a changed state or a new transition, not a new alarm, and counts entries into ALARM', () => {
		const before = [alarm('a', 'OK', 1), alarm('b', 'ALARM', 1), alarm('c', 'OK', 1), alarm('flap', 'ALARM', 1)];
		const after = [
			alarm('a', 'ALARM', 900_000),
			alarm('b', 'OK', 900_000),
			alarm('c', 'OK', 1),
			alarm('flap', 'ALARM', 950_000),
			alarm('new', 'ALARM', 2),
		];
		const {changes, enteredAlarm} = trackChanges(before, after, {}, at);
		expect(changes).toEqual({a: {at, from: 'OK', to: 'ALARM'}, b: {at, from: 'ALARM', to: 'OK'}, flap: {at, from: 'ALARM', to: 'ALARM'}});
		expect(enteredAlarm).toBe(2);
	});

	it('keeps earlier marks for a while, then drops them', () => {
		const rows = [alarm('a', 'ALARM', 1)];
		const kept = {a: {at, from: 'OK', to: 'ALARM'}};
		expect(trackChanges(rows, rows, kept, at + CHANGE_MARK_MS - 1).changes).toEqual(kept);
		expect(trackChanges(rows, rows, kept, at + CHANGE_MARK_MS).changes).toEqual({});
	});
});

describe('filterAlarms', () => {
	it.each<[string, string[]]>([
		['', ['iot-auth', 'IoT-Throttle', 'billing']],
		['iot', ['iot-auth', 'IoT-Throttle']],
		[' THROT ', ['IoT-Throttle']],
		['nothing', []],
	])('"%s"', (text, expected) => {
		expect(
			filterAlarms([alarm('iot-auth', 'OK'), alarm('IoT-Throttle', 'OK'), alarm('billing', 'OK')], text).map((row) => row.name),
		).toEqual(expected);
	});
});

describe('alarmsWatching', () => {
	const [success, authErrors] = defaultBoard(60);
	const custom = customBoard(
		[{label: 'Queue depth', namespace: 'Fleet', metricName: 'Depth', dimensions: {Queue: 'q1'}, statistic: 'Maximum', unit: ''}],
		60,
	)[0];
	const onMetric = (name: string, metricName: string, namespace: string, dimensions: Array<{name: string; value: string}>) =>
		alarm(name, 'ALARM', 1, {namespace, metricName, dimensions, threshold: 10, comparisonOperator: 'GreaterThanThreshold'});
	const alarms = [
		onMetric('auth-mqtt', 'Connect.AuthError', 'AWS/IoT', [{name: 'Protocol', value: 'MQTT'}]),
		onMetric('auth-rule', 'Connect.AuthError', 'AWS/IoT', [{name: 'RuleName', value: 'r'}]),
		onMetric('q1', 'Depth', 'Fleet', [{name: 'Queue', value: 'q1'}]),
		onMetric('q2', 'Depth', 'Fleet', [{name: 'Queue', value: 'q2'}]),
		{...onMetric('composite', 'Connect.AuthError', 'AWS/IoT', []), kind: 'composite' as const},
		// A metric-math alarm that also names the metric (as an endpoint's row may): its threshold is the expression's.
		{...onMetric('rate', 'Connect.AuthError', 'AWS/IoT', [{name: 'Protocol', value: 'MQTT'}]), expression: '100 * m1 / m2'},
	];
	it.each([
		['a summed board metric: any alarm on the metric over the summed dimensions', authErrors, ['auth-mqtt']],
		['another metric', success, []],
		['a custom metric: exact dimensions', custom, ['q1']],
	])('%s', (_name, spec, expected) => {
		expect(alarmsWatching(spec, alarms).map((row) => row.name)).toEqual(expected);
	});

	it('describes the threshold', () => {
		expect(describeThreshold(alarms[0])).toBe('> 10');
	});
});

describe('formatAlarmFor: exact from the transition, a lower bound from the update time alone', () => {
	const now = 1_000_000;
	it.each<[string, Partial<AlarmRow>, string]>([
		['transition', {stateTransitionedAt: now - 200_000, stateUpdatedAt: now - 5000}, '3m20s'],
		['update time only: at least that long', {stateUpdatedAt: now - 200_000}, '≥3m20s'],
		['neither', {}, '—'],
	])('%s', (_name, times, expected) => {
		expect(formatAlarmFor({...alarm('a', 'ALARM'), ...times}, now)).toBe(expected);
	});
});

describe('alarmCountsKnown', () => {
	it.each([
		['before the first answer', {}, false],
		['after a good fetch', {fetchedAt: 1}, true],
		['after a failed fetch, with last good rows', {fetchedAt: 1, error: {kind: 'transient'}}, false],
		['failed before any answer', {error: {kind: 'unavailable'}}, false],
	])('%s: %s', (_name, status, known) => {
		expect(alarmCountsKnown(status)).toBe(known);
	});
});
