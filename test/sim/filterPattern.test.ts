import {describe, expect, it} from 'vitest';
import {compileFilterPattern} from '../../source/sim/filterPattern.js';

describe('filter patterns', () => {
	it('compiles filter patterns: terms, phrases, exclusions, any-of, JSON', () => {
		const msg = JSON.stringify({
			eventType: 'Connect',
			status: 'Failure',
			logLevel: 'ERROR',
			clientId: 'sensor-1',
			sourcePort: 4000,
			nested: {a: 'x'},
		});
		const m = (p: string) => compileFilterPattern(p)!(msg);
		expect(compileFilterPattern('')).toBeUndefined();
		expect(m('Connect Failure')).toBe(true);
		expect(m('Connect Success')).toBe(false);
		expect(m('"sensor-1"')).toBe(true);
		expect(m('Connect -Failure')).toBe(false);
		expect(m('?Success ?Failure')).toBe(true);
		expect(m('{ $.eventType = "Connect" }')).toBe(true);
		expect(m('{ $.eventType = "Conn*" && $.status = "Failure" }')).toBe(true);
		expect(m('{ $.eventType = "Connect" && $.status = "Success" }')).toBe(false);
		expect(m('{ $.eventType != "Connect" }')).toBe(false);
		expect(m('{ $.logLevel != "INFO" }')).toBe(true);
		expect(m('{ $.sourcePort > 3000 }')).toBe(true);
		expect(m('{ $.nested.a = "x" }')).toBe(true);
		expect(m('{ $.status = "Success" || $.logLevel = "ERROR" }')).toBe(true);
		expect(compileFilterPattern('{ $.eventType = "Connect" }')!('plain text line')).toBe(false);
		expect(() => compileFilterPattern('{ eventType = x }')).toThrow();
	});
});
