import {describe, expect, test} from 'vitest';
import {parseAlarmRule} from '../../source/sim/compositeRule.js';

describe('parseAlarmRule', () => {
	test('precedence: AND binds tighter than OR; NOT; ARNs', () => {
		expect(parseAlarmRule('ALARM(a) OR ALARM(b) AND NOT OK("c")')).toEqual({
			type: 'or',
			left: {type: 'state', state: 'ALARM', name: 'a'},
			right: {
				type: 'and',
				left: {type: 'state', state: 'ALARM', name: 'b'},
				right: {type: 'not', arg: {type: 'state', state: 'OK', name: 'c'}},
			},
		});
		expect(parseAlarmRule('ALARM("arn:aws:cloudwatch:us-east-1:123456789012:alarm:x y")')).toEqual({
			type: 'state',
			state: 'ALARM',
			name: 'x y',
		});
		expect(() => parseAlarmRule('ALARM(a) XOR ALARM(b)')).toThrow(/unexpected 'XOR'/);
	});
});
