import {describe, expect, it} from 'vitest';
import {countExpiry, expiryState, formatExpiryCounts, parseResourceFilter, sortRows} from '../../source/model/resources.js';

const NOW = Date.UTC(2026, 2, 10);
const DAY = 86_400_000;

describe('certificate expiry', () => {
	it.each([
		[undefined, 'unknown'],
		[NOW - 1, 'expired'],
		[NOW, 'expired'],
		[NOW + DAY, 'expiring'],
		[NOW + 30 * DAY, 'expiring'],
		[NOW + 31 * DAY, 'valid'],
	] as const)('notAfter %s is %s', (notAfter, state) => {
		expect(expiryState(notAfter, NOW)).toBe(state);
	});

	it('counts listed rows with validity from the row or from the Describe cache', () => {
		const rows = [
			{id: 'a', status: 'ACTIVE', notAfter: NOW - DAY},
			{id: 'b', status: 'ACTIVE'},
			{id: 'c', status: 'ACTIVE'},
			{id: 'd', status: 'ACTIVE'},
		];
		const extras = {'certificates:b': {notAfter: NOW + 5 * DAY}, 'certificates:c': {notAfter: NOW + 400 * DAY}};
		expect(countExpiry('certificates', rows, extras, NOW)).toEqual({expired: 1, expiring: 1, checking: 1, unknown: 0});
	});

	it('tells a certificate not yet described (checking) from one whose Describe gave no validity or failed (unknown)', () => {
		const rows = [{id: 'a'}, {id: 'b'}, {id: 'c', notAfter: NOW + 400 * DAY}];
		const extras = {'certificates:b': {}};
		expect(countExpiry('certificates', rows, extras, NOW)).toEqual({expired: 0, expiring: 0, checking: 1, unknown: 1});
		expect(formatExpiryCounts(countExpiry('certificates', rows, extras, NOW))).toBe(
			'0 expired · 0 expiring ≤30d · checking 1 · 1 expiry unknown',
		);
	});
});

describe('filters', () => {
	it.each([
		[
			'things',
			'type:Gateway site=osaka sensor',
			false,
			{server: {thingTypeName: 'Gateway', attributeName: 'site', attributeValue: 'osaka'}, local: ['sensor']},
		],
		[
			'things',
			'type:Gateway site=osaka sensor',
			true,
			{server: {searchQuery: 'thingTypeName:Gateway AND attributes.site:osaka AND thingName:sensor*'}, local: []},
		],
		['things', 'disconnected', true, {server: {searchQuery: 'connectivity.connected:false'}, local: []}],
		['rules', 'disabled s3', false, {server: {ruleDisabled: true}, local: ['s3']}],
		['certificates', 'expired ACTIVE', false, {local: ['expired', 'ACTIVE']}],
	] as const)('%s "%s" (index %s)', (kind, text, indexing, parsed) => {
		expect(parseResourceFilter(kind, text, indexing)).toEqual(parsed);
	});
});

describe('sorting', () => {
	it('sorts by a column either way, unknown values last', () => {
		const rows = [
			{id: 'a', status: 'ACTIVE'},
			{id: 'b', status: 'ACTIVE', notAfter: NOW + 9 * DAY},
			{id: 'c', status: 'ACTIVE', notAfter: NOW + 2 * DAY},
		];
		const ids = (descending: boolean) => sortRows('certificates', rows, {}, {column: 4, descending}, NOW).map((row) => row.id);
		expect(ids(false)).toEqual(['c', 'b', 'a']);
		expect(ids(true)).toEqual(['b', 'c', 'a']);
	});
});
