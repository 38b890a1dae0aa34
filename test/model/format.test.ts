import {describe, expect, it} from 'vitest';
import stringWidth from 'string-width';
import {NARROW_SYMBOLS, displayWidth, formatValue, padCell, truncateToWidth, wrapIndented} from '../../source/model/format.js';

describe('formatValue', () => {
	it.each<[number | undefined, string, string]>([
		[undefined, '', '—'],
		[Number.NaN, '', '—'],
		[Number.POSITIVE_INFINITY, '', '∞'],
		[0, '', '0'],
		[7, '', '7'],
		[950, '', '950'],
		[999, '', '999'],
		[999.7, '', '1k'],
		[1000, '', '1k'],
		[1234, '', '1.2k'],
		[34_000, '', '34k'],
		[340_400, '', '340k'],
		[999_999, '', '1M'],
		[3_400_000, '', '3.4M'],
		[1_100_000_000, '', '1.1G'],
		[0.25, '', '0.25'],
		[12.5, '', '12.5'],
		[12.345, '', '12.3'],
		[0.001234, '', '0.00123'],
		[-1234, '', '-1.2k'],
		[-3, '', '-3'],
		[12.5, '%', '12.5%'],
		[100, '%', '100%'],
		[0, '%', '0%'],
		[340, 'ms', '340ms'],
		[0.5, 'ms', '0.5ms'],
		[1200, 'ms', '1.2s'],
		[12_345, 'ms', '12.3s'],
		[512, 'B', '512B'],
		[1229, 'B', '1.2KB'],
		[5 * 1024 * 1024, 'B', '5MB'],
		[12, '/s', '12/s'],
		[3_400_000, 'Count', '3.4M Count'],
	])('%s %j -> %s', (value, unit, expected) => {
		expect(formatValue(value, unit)).toBe(expected);
	});
});

describe('truncateToWidth', () => {
	it.each<[string, number, string]>([
		['abc', 3, 'abc'],
		['abcd', 3, 'ab…'],
		['abc', 0, ''],
		['abc', 1, '…'],
		['', 2, ''],
		['温度センサー', 6, '温度…'],
		['温度センサー', 5, '温度…'],
		['温度センサー', 12, '温度センサー'],
		['ok 😀😀', 5, 'ok …'],
		['e\u0301e\u0301e\u0301', 2, 'e\u0301…'],
	])('%j to %d -> %j', (text, width, expected) => {
		const cut = truncateToWidth(text, width);
		expect(cut).toBe(expected);
		expect(displayWidth(cut)).toBeLessThanOrEqual(Math.max(0, width));
	});
});

describe('padCell', () => {
	it.each<[string, number, 'left' | 'right' | undefined, string]>([
		['ab', 4, undefined, 'ab  '],
		['ab', 4, 'left', 'ab  '],
		['ab', 4, 'right', '  ab'],
		['abcdef', 4, 'left', 'abc…'],
		['温度', 5, 'left', '温度 '],
		['温度セ', 5, 'right', '温度…'],
		['温度セ', 4, 'right', ' 温…'],
		['x', 0, 'left', ''],
	])('%j in %d %s -> %j', (text, width, align, expected) => {
		const cell = padCell(text, width, align);
		expect(cell).toBe(expected);
		expect(displayWidth(cell)).toBe(width);
	});
});

describe('displayWidth', () => {
	it('counts the symbols it takes as one column each as string-width does', () => {
		const box = Array.from({length: 0x25a0 - 0x2500}, (_, index) => String.fromCodePoint(0x2500 + index)).join('');
		for (const char of NARROW_SYMBOLS + box) {
			expect(char.length).toBe(1);
			expect(stringWidth(char)).toBe(1);
		}
	});

	it.each([
		['│ sensor-1 ████▁▁ ↓0 ↑3 ✖', 25],
		['⚠\uFE0F emoji presentation', 21],
		['✖ 東京 gateway', 14],
		['e\u0301 combining', 11],
		['🙂 ok', 5],
		['', 0],
	])('%s is %i columns, as string-width says', (text, width) => {
		expect(displayWidth(text)).toBe(width);
		expect(displayWidth(text)).toBe(stringWidth(text));
	});
});

describe('wrapIndented', () => {
	it.each<[string, string, number, number, string[]]>([
		['a line that fits is kept as it is, runs of spaces too', '  "a":  1', 20, 4, ['  "a":  1']],
		[
			'breaks between words; continuations indented',
			'group     AWSIotLogsV2 and more words here',
			24,
			10,
			['group     AWSIotLogsV2', '          and more words', '          here'],
		],
		[
			'a word longer than the room beside the indent breaks where it must',
			'id        0123456789abcdef0123456789',
			20,
			10,
			['id        0123456789', '          abcdef0123', '          456789'],
		],
		['the spaces at a break are dropped', 'aaaa    bbbb', 6, 0, ['aaaa', 'bbbb']],
		[
			"keeps the first line's indentation",
			'    "topicName": "devices/pump-station-000032/telemetry"',
			30,
			6,
			['    "topicName": "devices/pump', '      -station-000032/telemetr', '      y"'],
		],
		[
			'a word that fits beside the indent goes to the next line whole',
			'    "clientId": "pump-station-000032",',
			30,
			6,
			['    "clientId":', '      "pump-station-000032",'],
		],
		['an indent leaves at least a third of the line', 'x '.repeat(10).trim(), 9, 20, ['x x x x x', '      x x', '      x x', '      x']],
		['wide characters count two columns', '日本語のテキスト', 6, 0, ['日本語', 'のテキ', 'スト']],
	])('%s', (_name, text, width, indent, expected) => {
		const lines = wrapIndented(text, width, indent);
		expect(lines).toEqual(expected);
		for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(width);
	});

	it('loses no character: the lines, unindented, are the text less the spaces at the breaks', () => {
		const text =
			'Threshold Crossed: 3 out of the last 3 datapoints [12.0 (24/11/26 02:57:00), 14.0 (24/11/26 02:56:00)] were greater than the threshold (10.0).';
		for (const width of [10, 17, 33, 80]) {
			const lines = wrapIndented(text, width, 4);
			expect(
				lines
					.map((line) => line.trim())
					.join(' ')
					.replaceAll(' ', ''),
			).toBe(text.replaceAll(' ', ''));
		}
	});
});
