// Top talkers' pure parts: what counts as a failure, the buffer's tally, Insights rows summed,
// the window steps, the merged top lists, and bytes scanned with their cost.
import {describe, expect, it} from 'vitest';
import {appendLogEvents, emptyLogBuffer} from '../../source/model/logBuffer.js';
import {
	bufferTally,
	formatBytes,
	isFailure,
	scanCost,
	stepWindow,
	tallyFromRows,
	topTalkers,
	type TalkerTally,
} from '../../source/model/talkers.js';
import type {LogEvent} from '../../source/model/types.js';

const event = (fields: Partial<LogEvent>, at = 0): LogEvent => ({
	id: `e${at}`,
	timestamp: 1_000_000 + at,
	logGroup: 'g',
	message: '{}',
	...fields,
});

describe('top talkers (model)', () => {
	it.each([
		[{status: 'Failure'}, true],
		[{status: 'FAILURE'}, true],
		[{level: 'ERROR'}, true],
		[{level: 'WARN', status: 'Success'}, true],
		[{level: 'INFO', status: 'Success'}, false],
		[{}, false],
	])('isFailure(%j) is %s', (fields, expected) => {
		expect(isFailure(fields)).toBe(expected);
	});

	it('tallies the buffer by client id, event type and reason, with the span it covers', () => {
		const events = [
			event({status: 'Failure', clientId: 'a', eventType: 'Connect', reason: 'AUTH'}, 1),
			event({status: 'Success', clientId: 'a', eventType: 'Connect'}, 2),
			event({level: 'ERROR', clientId: 'b', eventType: 'Publish-In', reason: 'THROTTLED'}, 3),
			event({level: 'WARN', eventType: 'Publish-In'}, 4),
			event({status: 'Failure', clientId: 'a', eventType: 'Connect', reason: 'AUTH'}, 5),
		];
		const tally = bufferTally(appendLogEvents(emptyLogBuffer(10), events));
		expect(tally.failures).toBe(4);
		expect(tally.events).toBe(5);
		expect(Object.fromEntries(tally.clientId)).toEqual({a: 2, b: 1, '': 1});
		expect(Object.fromEntries(tally.eventType)).toEqual({Connect: 2, 'Publish-In': 2});
		expect(Object.fromEntries(tally.reason)).toEqual({AUTH: 2, THROTTLED: 1, '': 1});
		expect([tally.from, tally.to]).toEqual([1_000_001, 1_000_005]);
	});

	it('sums Insights rows; rows without a whole count are unreadable, never zero', () => {
		const result = tallyFromRows([
			{clientId: 'a', eventType: 'Connect', reason: 'AUTH', failures: '5'},
			{clientId: 'a', eventType: 'Publish-In', failures: '2'},
			{clientId: 'b', eventType: 'Connect', reason: 'AUTH', failures: '1'},
		]);
		expect(result.unreadable).toBe(0);
		expect(result.tally.failures).toBe(8);
		expect(Object.fromEntries(result.tally.clientId)).toEqual({a: 7, b: 1});
		expect(Object.fromEntries(result.tally.reason)).toEqual({AUTH: 6, '': 2});
		// moto ignores stats: each row is an event with only @ptr.
		const moto = tallyFromRows([{'@ptr': '1'}, {'@ptr': '2'}, {failures: 'x'}, {failures: '1.5'}]);
		expect(moto).toMatchObject({unreadable: 4, rows: 4});
		expect(moto.tally.failures).toBe(0);
	});

	it.each([
		[15 * 60_000, 1, 60 * 60_000],
		[15 * 60_000, -1, 5 * 60_000],
		[5 * 60_000, -1, 5 * 60_000],
		[24 * 60 * 60_000, 1, 24 * 60 * 60_000],
		[3 * 60 * 60_000, 1, 24 * 60 * 60_000],
		[10 * 60_000, 1, 60 * 60_000],
	] as const)('stepWindow(%i, %i) = %i', (from, direction, expected) => {
		expect(stepWindow(from, direction)).toBe(expected);
	});

	it("merges the buffer's and the window's counts, ordered by the window's", () => {
		const tally = (counts: Record<string, number>): TalkerTally => ({
			failures: 0,
			clientId: new Map(Object.entries(counts)),
			eventType: new Map(),
			reason: new Map(),
		});
		const buffer = tally({a: 5, b: 1});
		expect(topTalkers('clientId', buffer, tally({b: 9, c: 3}), 10)).toEqual([
			{key: 'b', buffer: 1, window: 9},
			{key: 'c', buffer: 0, window: 3},
			{key: 'a', buffer: 5, window: 0},
		]);
		// Without the window (not known yet): by the buffer, with no window count at all.
		expect(topTalkers('clientId', buffer, undefined, 1)).toEqual([{key: 'a', buffer: 5, window: undefined}]);
	});

	it.each([
		[0, '0 B', 'scanned 0 B ≈ $0'],
		[999, '999 B', 'scanned 999 B < $0.000001'],
		[447_000, '447 kB', 'scanned 447 kB ≈ $0.0000022'],
		[12_345_678, '12.3 MB', 'scanned 12.3 MB ≈ $0.000062'],
		[2_000_000_000, '2.0 GB', 'scanned 2.0 GB ≈ $0.01'],
		[450_000_000_000, '450 GB', 'scanned 450 GB ≈ $2.25'],
	])('%i bytes: %s, %s', (bytes, size, cost) => {
		expect(formatBytes(bytes)).toBe(size);
		expect(scanCost(bytes)).toBe(cost);
	});
});
