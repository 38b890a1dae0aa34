import {describe, expect, it} from 'vitest';
import {filterChanges, mergeChanges, type ChangeEvent} from '../../source/model/changes.js';
import {openHealthSummary, sortHealthEvents, type HealthEventRow} from '../../source/model/health.js';

const change = (id: string, time: number | undefined, extra: Partial<ChangeEvent> = {}): ChangeEvent => ({
	id,
	time,
	eventName: 'UpdateThing',
	resources: [],
	record: '{}',
	...extra,
});

describe('mergeChanges', () => {
	it('keeps each event once, newest first, at most the cap', () => {
		const kept = [change('b', 20), change('a', 10)];
		const merged = mergeChanges(kept, [change('c', 30), change('b', 20, {eventName: 'CreateThing'}), change('d', 5)], 3);
		expect(merged.map((event) => event.id)).toEqual(['c', 'b', 'a']);
		expect(merged[1].eventName).toBe('CreateThing');
	});

	it('puts an event without a time last (unknown, not the newest)', () => {
		expect(mergeChanges([], [change('x', undefined), change('y', 1)], 10).map((event) => event.id)).toEqual(['y', 'x']);
	});
});

describe('filterChanges', () => {
	const events = [
		change('1', 3, {user: 'maria.ops', sourceIp: '198.51.100.23', resources: ['GatewayPolicy'], eventName: 'CreatePolicyVersion'}),
		change('2', 2, {user: 'li.wei', errorCode: 'AccessDenied', resources: ['pump-1']}),
		change('3', 1, {user: 'iot-deployer', userType: 'AssumedRole', region: 'eu-west-1'}),
	];
	it.each([
		['', ['1', '2', '3']],
		['MARIA', ['1']],
		['198.51', ['1']],
		['gatewaypolicy', ['1']],
		['createpolicy', ['1']],
		['accessdenied', ['2']],
		['pump', ['2']],
		['assumedrole', ['3']],
		['eu-west', ['3']],
		['nothing', []],
	])('"%s" keeps %j', (text, ids) => {
		expect(filterChanges(events, text).map((event) => event.id)).toEqual(ids);
	});
});

describe('AWS Health events', () => {
	const event = (arn: string, statusCode: string | undefined, lastUpdatedTime: number, service = 'IOT'): HealthEventRow => ({
		arn,
		statusCode,
		lastUpdatedTime,
		service,
	});
	it('sorts open, then upcoming, then closed; the latest update first within each', () => {
		const sorted = sortHealthEvents([event('c', 'closed', 9), event('o1', 'open', 1), event('u', 'upcoming', 5), event('o2', 'open', 2)]);
		expect(sorted.map((row) => row.arn)).toEqual(['o2', 'o1', 'u', 'c']);
	});

	it('summarizes the open events and their services, none when nothing is open', () => {
		expect(openHealthSummary([event('a', 'open', 1), event('b', 'open', 2, 'IOTDEVICEDEFENDER'), event('c', 'closed', 3)])).toEqual({
			count: 2,
			services: ['IOT', 'IOTDEVICEDEFENDER'],
		});
		expect(openHealthSummary([event('c', 'closed', 3), event('u', undefined, 1)])).toBeUndefined();
	});
});
