// ANSI text -> cells: the pen moves between two styles in the fewest bytes (the frame writer's
// output and the `s` key's screen both use it).
import {describe, expect, it} from 'vitest';
import {sgrBetween} from '../../source/terminal/ansiCells.js';

describe('sgrBetween', () => {
	it('chooses the shorter of a reset or the changed attributes for the pen', () => {
		const plain = {fg: -1, bg: -1, attrs: 0};
		expect(sgrBetween(plain, plain)).toBe('');
		expect(sgrBetween({fg: 1, bg: -1, attrs: 1}, plain)).toBe('\u001B[m');
		expect(sgrBetween({fg: 1, bg: -1, attrs: 1}, {fg: 2, bg: -1, attrs: 1})).toBe('\u001B[32m');
		// Bold off but dim on: 22 turns off both, so dim comes back.
		expect(sgrBetween({fg: 1, bg: -1, attrs: 3}, {fg: 1, bg: -1, attrs: 2})).toBe('\u001B[22;2m');
		expect(sgrBetween({fg: 1, bg: 4, attrs: 0}, {fg: -1, bg: 4, attrs: 8})).toBe('\u001B[4;39m');
		expect(sgrBetween({fg: 1, bg: 4, attrs: 8}, {fg: 300, bg: -1, attrs: 0})).toBe('\u001B[0;38;5;44m');
	});
});
