import {describe, expect, it} from 'vitest';
import {
	connectivityTime,
	ago,
	breakdownRows,
	connText,
	fleetFromLogs,
	formatShare,
	indexGap,
	recentDisconnectQuery,
	recentWindows,
	shareBar,
	withHistory,
} from '../../source/model/fleet.js';
import type {LogEvent} from '../../source/model/types.js';

const NOW = Date.UTC(2026, 2, 10, 12, 0, 0);

describe('fleet model', () => {
	it.each([
		[true, NOW - 3 * 60_000, '● 3m'],
		[false, NOW - 12 * 60_000, '○ 12m'],
		[false, NOW - 45_000, '○ 45s'],
		[true, NOW - 5 * 3_600_000, '● 5h'],
		[true, undefined, '●'],
		[undefined, NOW, ''],
	] as const)('connText(%s, %s) is %j', (connected, since, text) => {
		expect(connText(connected, since, NOW)).toBe(text);
	});

	it.each([
		[0, 100, 10, '░░░░░░░░░░'],
		[1, 1000, 10, '█░░░░░░░░░'],
		[50, 100, 10, '█████░░░░░'],
		[100, 100, 4, '████'],
		[5, 0, 4, '░░░░'],
	])('shareBar(%i, %i, %i)', (part, whole, width, bar) => {
		expect(shareBar(part, whole, width)).toBe(bar);
	});

	it.each([
		[1, 3, '33%'],
		[1, 200, '0.5%'],
		[0, 10, '0%'],
		[3, 0, '—'],
	])('formatShare(%i, %i) is %s', (part, whole, text) => {
		expect(formatShare(part, whole)).toBe(text);
	});

	it('asks the recent disconnects narrowest window first', () => {
		expect(recentWindows(15)).toEqual([1, 5, 15]);
		expect(recentWindows(5)).toEqual([1, 5]);
		expect(recentDisconnectQuery(NOW, 15)).toBe(`connectivity.connected:false AND connectivity.timestamp>${NOW - 15 * 60_000}`);
	});

	it('knows when the index cannot answer connectivity', () => {
		expect(indexGap(undefined)).toBeUndefined();
		expect(indexGap({thingIndexingMode: 'OFF', connectivityMode: 'OFF', customFields: []})).toBe('off');
		expect(indexGap({thingIndexingMode: 'REGISTRY', connectivityMode: 'OFF', customFields: []})).toBe('registryOnly');
		expect(indexGap({thingIndexingMode: 'REGISTRY_AND_SHADOW', connectivityMode: 'STATUS', customFields: []})).toBeUndefined();
	});

	it('breaks down by value with the disconnected share, unknown when the second aggregation is missing', () => {
		expect(
			breakdownRows(
				[
					{key: 'a', count: 10},
					{key: 'b', count: 5},
				],
				[{key: 'b', count: 2}],
			),
		).toEqual([
			{key: 'a', total: 10, disconnected: 0},
			{key: 'b', total: 5, disconnected: 2},
		]);
		expect(breakdownRows([{key: 'a', count: 10}], undefined)).toEqual([{key: 'a', total: 10, disconnected: undefined}]);
	});

	it('keeps the connected history bounded and skips an unknown count', () => {
		expect(withHistory([1, 2], undefined)).toEqual([1, 2]);
		expect(withHistory([1, 2, 3], 4, 3)).toEqual([2, 3, 4]);
	});

	it("reads each client id's last Connect or Disconnect from the logs", () => {
		const event = (clientId: string, eventType: string, at: number, extra: Partial<LogEvent> = {}): LogEvent => ({
			id: `${clientId}${at}`,
			timestamp: at,
			logGroup: 'g',
			message: '',
			clientId,
			eventType,
			...extra,
		});
		const logs = fleetFromLogs([
			event('a', 'Connect', 1),
			event('b', 'Connect', 2),
			event('a', 'Disconnect', 3, {reason: 'CONNECTION_LOST'}),
			event('c', 'Connect', 4, {status: 'Failure'}),
			event('b', 'Publish-In', 5),
			event('d', 'Disconnect', 6, {reason: 'CONNECTION_LOST'}),
		]);
		expect([logs.connected, logs.disconnected, logs.since]).toEqual([1, 2, 1]);
		expect(logs.reasons).toEqual([{key: 'CONNECTION_LOST', count: 2}]);
		expect(logs.clients.get('a')).toMatchObject({connected: false, at: 3});
		expect(logs.clients.has('c')).toBe(false);
		expect(ago(NOW - 2 * 86_400_000, NOW)).toBe('2d');
	});
});

describe('connectivityTime', () => {
	const ms = Date.UTC(2026, 11, 6, 10, 0, 0);
	it.each([
		['epoch ms, as AWS documents', ms, ms],
		['epoch seconds, as moto gives: not January 1970', ms / 1000, ms],
		['none', undefined, undefined],
		['0: unknown, never 1970', 0, undefined],
		['not a number', Number.NaN, undefined],
	])('%s', (_name, timestamp, expected) => {
		expect(connectivityTime(timestamp)).toBe(expected);
	});
});
