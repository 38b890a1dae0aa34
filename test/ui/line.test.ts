// Detail lines wrapped whole: a styled line broken to the pane's width keeps every character
// and every style; a label and its value, the value wrapped under itself.
import {describe, expect, it} from 'vitest';
import {displayWidth} from '../../source/model/format.js';
import {fieldLines, wrapLine, type Line} from '../../source/ui/widgets/line.js';

const text = (line: Line) => line.map((segment) => segment.text).join('');

describe('wrapLine', () => {
	it('keeps a line that fits as it is', () => {
		const line: Line = [{text: 'Type  ', dim: true}, {text: 'metric alarm'}];
		expect(wrapLine(line, 40, 6)).toEqual([line]);
	});

	it('breaks between words across segments, continuations indented, each piece with its style', () => {
		const line: Line = [
			{text: '✖ ALARM', color: 'red', bold: true},
			{text: '  iot-connect-auth-errors-eu', bold: true},
		];
		const lines = wrapLine(line, 30, 2);
		expect(lines).toEqual([
			[{text: '✖ ALARM', color: 'red', bold: true}],
			[{text: '  '}, {text: 'iot-connect-auth-errors-eu', bold: true}],
		]);
	});

	it('breaks a word longer than the room where it must, and loses no character', () => {
		const name = 'iot-connect-auth-errors-production-eu-west-1';
		const lines = wrapLine(
			[
				{text: '✖ ALARM', color: 'red'},
				{text: `  ${name}`, bold: true},
			],
			24,
			2,
		);
		expect(lines.map(text)).toEqual(['✖ ALARM  iot-connect-aut', '  h-errors-production-eu', '  -west-1']);
		expect(lines[1]).toEqual([{text: '  '}, {text: 'h-errors-production-eu', bold: true}]);
		expect(lines.map((each) => text(each).trim()).join('')).toBe(`✖ ALARM  ${name}`);
		for (const each of lines) expect(displayWidth(text(each))).toBeLessThanOrEqual(24);
	});
});

describe('fieldLines', () => {
	it('wraps the value under itself, beside its label', () => {
		const lines = fieldLines('  site', [{text: 'a rather long attribute value that does not fit'}], 10, 30);
		expect(lines.map(text)).toEqual(['  site    a rather long', '          attribute value that', '          does not fit']);
		expect(lines[0][0]).toEqual({text: '  site    ', dim: true});
	});

	it('gives a label too long for its column a line of its own', () => {
		const lines = fieldLines('  calibration.offset.celsius', [{text: '0.25'}], 10, 40);
		expect(lines.map(text)).toEqual(['  calibration.offset.celsius', '          0.25']);
	});
});
