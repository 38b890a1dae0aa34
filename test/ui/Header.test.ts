// The header's data age: the fetch time while refreshes arrive, the age once they are late.
import {describe, expect, it} from 'vitest';
import {dataAgeLabel} from '../../source/ui/Header.js';

const fetchedAt = Date.UTC(2026, 11, 2, 8, 21, 58);

describe('dataAgeLabel', () => {
	it('says when the data was fetched while it is on time (a label that does not move)', () => {
		expect(dataAgeLabel(fetchedAt, 5000, fetchedAt + 1000)).toBe('updated 08:21:58');
		expect(dataAgeLabel(fetchedAt, 5000, fetchedAt + 14_000)).toBe('updated 08:21:58');
	});

	it('says how old the data is once two refreshes and a tick have not come', () => {
		expect(dataAgeLabel(fetchedAt, 5000, fetchedAt + 16_000)).toBe('data 16s old (late)');
		expect(dataAgeLabel(fetchedAt, 60_000, fetchedAt + 200_000)).toBe('data 3m20s old (late)');
	});

	it('says so before the first data', () => {
		expect(dataAgeLabel(undefined, 5000, fetchedAt)).toBe('no data yet');
	});
});
