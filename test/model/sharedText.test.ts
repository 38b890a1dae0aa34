import {describe, expect, it} from 'vitest';
import {sharedRecord, sharedRecordEntries, sharedText, sharedTextEntries} from '../../source/model/sharedText.js';

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

describe('sharedRecord', () => {
	it('gives one frozen copy of records with the same fields in the same order', () => {
		const first = sharedRecord({model: 'x1', site: 'ams'});
		const again = sharedRecord({model: 'x1', site: 'ams'});
		expect(again).toBe(first);
		expect(Object.isFrozen(first)).toBe(true);
		expect(() => {
			'use strict';
			first.model = 'changed';
		}).toThrow(TypeError);
		expect(sharedRecord({site: 'ams', model: 'x1'})).not.toBe(first);
		expect(sharedRecord({model: 'x1', site: 'fra'})).toEqual({model: 'x1', site: 'fra'});
		expect(sharedRecord({model: 'x1', site: 'fra'})).not.toBe(first);
		expect(sharedRecord({})).toBe(sharedRecord({}));
	});

	it('keys cannot be confused by what the values hold', () => {
		const a = sharedRecord({a: 'b","c'});
		const b = sharedRecord({'a","b': 'c'});
		expect(a).toEqual({a: 'b","c'});
		expect(b).toEqual({'a","b': 'c'});
		const own = sharedRecord(Object.fromEntries([['__proto__', 'x']]));
		expect(own).not.toBe(sharedRecord({}));
		expect(Object.keys(own)).toEqual(['__proto__']);
	});

	it('leaves large records as they are and keeps a bounded table', () => {
		const wide = Object.fromEntries(Array.from({length: 40}, (_, index) => [`k${index}`, 'v']));
		expect(sharedRecord(wide)).toBe(wide);
		expect(Object.isFrozen(wide)).toBe(false);
		const long = {note: 'n'.repeat(300)};
		expect(sharedRecord(long)).toBe(long);
		for (let index = 0; index < 10_000; index++) expect(sharedRecord({serial: `s-${index}`})).toEqual({serial: `s-${index}`});
		expect(sharedRecordEntries()).toBeGreaterThan(0);
		expect(sharedRecordEntries()).toBeLessThanOrEqual(4096);
	});
});
