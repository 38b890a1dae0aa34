import {describe, expect, it} from 'vitest';
import {sharedText, sharedTextEntries} from '../../source/model/sharedText.js';

describe('sharedText', () => {
	it('gives back the same text, and keeps a bounded table however many values pass', () => {
		expect(sharedText('INFO')).toBe('INFO');
		expect(sharedText(`IN${'FO'}`)).toBe('INFO');
		const long = 'x'.repeat(40);
		expect(sharedText(long)).toBe(long);
		for (let index = 0; index < 20_000; index++) expect(sharedText(`trace-${index}`)).toBe(`trace-${index}`);
		expect(sharedTextEntries()).toBeGreaterThan(0);
		expect(sharedTextEntries()).toBeLessThanOrEqual(4096);
	});
});
