// The simulator's Logs Insights query language: what it parses, what it refuses, and what each
// query answers over a handful of IoT v2 lines.
import {describe, expect, it} from 'vitest';
import {
	compareValues,
	parseInsightsQuery,
	QueryCompileError,
	runInsightsQuery,
	type QueryEvent,
	type ResultField,
} from '../../source/sim/insightsQuery.js';

const T0 = Date.UTC(2026, 11, 6, 9, 0, 0);

function iot(at: number, fields: Record<string, unknown>): QueryEvent {
	return {
		timestamp: T0 + at * 1000,
		message: JSON.stringify({timestamp: 'x', logLevel: 'INFO', status: 'Success', ...fields}),
		logStreamName: 'stream-a',
		logGroup: 'AWSIotLogsV2',
		accountId: '123456789012',
		ptr: `ptr-${at}`,
	};
}

const EVENTS: QueryEvent[] = [
	iot(1, {eventType: 'Connect', clientId: 'a', status: 'Failure', logLevel: 'ERROR', reason: 'AUTHORIZATION_FAILURE'}),
	iot(2, {eventType: 'Connect', clientId: 'a', status: 'Failure', logLevel: 'ERROR', reason: 'AUTHORIZATION_FAILURE'}),
	iot(3, {eventType: 'Publish-In', clientId: 'b', status: 'Failure', logLevel: 'WARN', reason: 'PAYLOAD_LIMIT_EXCEEDED'}),
	iot(4, {eventType: 'Publish-In', clientId: 'b'}),
	iot(5, {eventType: 'Connect', clientId: 'c', status: 'Failure', logLevel: 'ERROR', reason: 'AUTHORIZATION_FAILURE'}),
	iot(6, {eventType: 'RuleExecution', clientId: 'a', status: 'Failure', logLevel: 'ERROR', resources: {FunctionArn: 'arn:fn'}}),
	{...iot(7, {}), message: '2026-12-06 09:00:07 ERROR [rule] plain text line'},
	iot(8, {eventType: 'Connect', clientId: 'a', sourcePort: 4000}),
];

const rowsOf = (query: string, events = EVENTS) => runInsightsQuery(parseInsightsQuery(query), events).rows.map(asObject);

function asObject(row: ResultField[]): Record<string, string> {
	return Object.fromEntries(row.map(({field, value}) => [field, value]));
}

describe('Logs Insights query engine (simulator)', () => {
	it.each([
		[
			'stats count(*) as failures by clientId, reason | sort failures desc',
			'filter status = "Failure" | stats count(*) as failures by clientId, reason | sort failures desc',
			[
				{clientId: 'a', reason: 'AUTHORIZATION_FAILURE', failures: '2'},
				{clientId: 'b', reason: 'PAYLOAD_LIMIT_EXCEEDED', failures: '1'},
				{clientId: 'c', reason: 'AUTHORIZATION_FAILURE', failures: '1'},
				// No reason: the field is left out of the row, not given as "".
				{clientId: 'a', failures: '1'},
			],
		],
		[
			'in [...] and or',
			'filter logLevel in ["ERROR", "WARN"] and (eventType = "Connect" or eventType = "Publish-In") | stats count(*) as n by eventType | sort n desc',
			[
				{eventType: 'Connect', n: '3'},
				{eventType: 'Publish-In', n: '1'},
			],
		],
		['!= leaves out events without the field', 'filter reason != "AUTHORIZATION_FAILURE" | stats count(*) as n', [{n: '1'}]],
		['like /regex/', 'filter reason like /^PAY/ | stats count(*) as n by clientId', [{clientId: 'b', n: '1'}]],
		['=~ with a string is a substring match', 'filter @message =~ "plain text" | stats count(*) as n', [{n: '1'}]],
		[
			'isPresent of a nested field',
			'filter isPresent(resources.FunctionArn) | stats count(*) as n by resources.FunctionArn',
			[{'resources.FunctionArn': 'arn:fn', n: '1'}],
		],
		['not in', 'filter eventType not in ["Connect"] | stats count(*) as n', [{n: '3'}]],
		['numbers compare as numbers', 'filter sourcePort > 3999 | stats count(*) as n', [{n: '1'}]],
		['count(field) counts events that have it', 'stats count(reason) as withReason, count(*) as all', [{withReason: '4', all: '8'}]],
		['default name of count(*)', 'filter clientId = "c" | stats count(*)', [{'count(*)': '1'}]],
		[
			'sort asc and limit',
			'stats count(*) as n by clientId | sort n asc, clientId asc | limit 2',
			[
				// The plain-text line has no clientId: its group comes first (fewest events).
				{n: '1'},
				{clientId: 'c', n: '1'},
			],
		],
	])('%s', (_name, query, expected) => {
		expect(rowsOf(query)).toEqual(expected);
	});

	it('a query without stats returns events, newest first, with @ptr; fields picks the fields', () => {
		expect(rowsOf('filter clientId = "b" | fields @timestamp, eventType')).toEqual([
			{'@timestamp': '2026-12-06 09:00:04.000', eventType: 'Publish-In', '@ptr': 'ptr-4'},
			{'@timestamp': '2026-12-06 09:00:03.000', eventType: 'Publish-In', '@ptr': 'ptr-3'},
		]);
	});

	it('counts the records that passed the filters', () => {
		expect(runInsightsQuery(parseInsightsQuery('filter status = "Failure" | stats count(*) by clientId'), EVENTS).recordsMatched).toBe(5);
		expect(runInsightsQuery(parseInsightsQuery('fields @message'), EVENTS).recordsMatched).toBe(8);
	});

	it.each([
		['stats count(*) by', /unexpected symbol found end of query/],
		['filter status = ', /unexpected symbol found end of query/],
		['stats sum(bytes) by clientId', /unsupported aggregate sum/],
		['parse @message "* *" as a, b', /unexpected symbol found parse at line 1 and position 0/],
		['filter status = "Failure', /unterminated string/],
		['fields a | limit 0', /limit takes a whole number from 1 to 10000/],
		['filter reason like /[/', /invalid regular expression/],
		['filter status = "Failure" stats count(*)', /unexpected symbol found stats/],
		['stats count(*) | stats count(*)', /only one stats command/],
		['', /empty/],
		['filter a ~ b', /unexpected symbol found ~/],
	])('refuses %j', (query, message) => {
		expect(() => parseInsightsQuery(query)).toThrow(QueryCompileError);
		expect(() => parseInsightsQuery(query)).toThrow(message);
	});

	it('orders as Insights does: text before numbers, numbers by value', () => {
		expect(['10', 'b', '9', 'a', '100'].sort(compareValues)).toEqual(['a', 'b', '9', '10', '100']);
	});
});
