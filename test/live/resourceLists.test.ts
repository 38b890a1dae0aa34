import {describe, expect, it} from 'vitest';
import {rowsBeyond} from '../../source/live/resourceLists.js';

describe('rowsBeyond: what a capped relist keeps of the rows loaded past it', () => {
	const id = (row: string) => row;
	it.each<[string, string[], string[], string[]]>([
		['the rest after the last fresh row', ['a', 'b', 'c', 'd', 'e'], ['a', 'b'], ['c', 'd', 'e']],
		['a row added at the top: the seam moves, nothing twice', ['a', 'b', 'c', 'd'], ['new', 'a', 'b'], ['c', 'd']],
		['the last fresh row is new: after as many rows as are fresh, without the fresh ones', ['a', 'b', 'c', 'd'], ['a', 'x'], ['c', 'd']],
		['nothing beyond', ['a', 'b'], ['a', 'b'], []],
		['no fresh rows', ['a', 'b'], [], ['a', 'b']],
	])('%s', (_name, old, fresh, expected) => {
		expect(rowsBeyond(old, fresh, id)).toEqual(expected);
	});
});
