// A line's segments as one styled string carry the colour codes Ink's own nested <Text> would
// give them: the same text and colours on screen, for every style a segment can have.
import {Text} from 'ink';
import React from 'react';
import {afterEach, describe, expect, it} from 'vitest';
import {setColorEnabled} from '../../source/terminal/colorLevel.js';
import type {Line} from '../../source/ui/widgets/line.js';
import {styledText} from '../../source/ui/widgets/StyledLine.js';
import {seededRandom} from '../helpers/random.js';
import {renderAt} from '../helpers/render.js';
import {colorCodes, shownCells} from '../helpers/sgr.js';

const COLORS = [
	undefined,
	'red',
	'cyan',
	'cyanBright',
	'gray',
	'yellow',
	'white',
	'#ff8800',
	'ansi256(208)',
	'rgb(1, 2, 3)',
	'ansi256(x',
	'notacolor',
];

/** The line as nested <Text>, as the panes drew it before. */
function nested(line: Line) {
	return (
		<Text>
			{line.map((segment, index) => (
				<Text
					key={index}
					color={segment.color}
					backgroundColor={segment.backgroundColor}
					bold={segment.bold}
					dimColor={segment.dim}
					inverse={segment.inverse}
				>
					{segment.text}
				</Text>
			))}
		</Text>
	);
}

function frameOf(element: React.ReactElement): string {
	const {lastFrame, unmount} = renderAt(element, {columns: 100, rows: 24});
	const frame = lastFrame();
	unmount();
	return frame;
}

describe('styledText', () => {
	it('gives each segment the colour codes nested <Text> gives it, for random mixes of styles', () => {
		const {below, pick} = seededRandom(11);
		for (let index = 0; index < 150; index++) {
			const line: Line = Array.from({length: 1 + below(5)}, () => ({
				text: pick(['', 'a', 'Logs', ' 12/s ', '│', '✖ ALARM']),
				color: pick(COLORS),
				backgroundColor: below(4) === 0 ? pick(COLORS) : undefined,
				bold: below(3) === 0,
				dim: below(4) === 0,
				inverse: below(5) === 0,
			}));
			expect([line, frameOf(<Text>{styledText(line)}</Text>)]).toEqual([line, frameOf(nested(line))]);
		}
	});

	it('colours a segment (the codes are there, not only the text)', () => {
		expect(styledText([{text: 'ok '}, {text: 'ALARM', color: 'red', bold: true}])).toBe('ok \u001B[1m\u001B[31mALARM\u001B[39m\u001B[22m');
	});
});

describe('styledText without colour (NO_COLOR, --no-color)', () => {
	afterEach(() => setColorEnabled(true));

	it('keeps bold, dim and reverse on every character, and writes no colour code, for random mixes of styles', async () => {
		setColorEnabled(false);
		const {below, pick} = seededRandom(23);
		for (let index = 0; index < 120; index++) {
			const line: Line = Array.from({length: 1 + below(5)}, () => ({
				text: pick(['', 'a', 'Logs', ' 12/s ', '│', '✖ ALARM']),
				color: pick(COLORS),
				backgroundColor: below(4) === 0 ? pick(COLORS) : undefined,
				bold: below(3) === 0,
				dim: below(4) === 0,
				inverse: below(3) === 0,
			}));
			const text = styledText(line);
			expect(colorCodes(text)).toEqual([]);
			const expected = line.flatMap((segment) =>
				[...segment.text].map((char) => ({
					char,
					bold: Boolean(segment.bold) || segment.color === 'red',
					dim: Boolean(segment.dim) || segment.color === 'gray',
					inverse: Boolean(segment.inverse),
					underline: segment.color === 'yellow',
					colored: false,
				})),
			);
			const width = Math.max(1, expected.length);
			expect([line, (await shownCells(text, width, 1))[0].slice(0, expected.length)]).toEqual([line, expected]);
		}
	});

	it('the selection (reverse) and an alarm (bold) read without colour; grey reads as dim, red as bold, yellow (expiring, WARN) as underlined', () => {
		setColorEnabled(false);
		expect(
			styledText([
				{text: '✖ ALARM', color: 'red', bold: true},
				{text: ' auth ', inverse: true},
				{text: 'n/a', color: 'gray'},
				{text: ' expired', color: 'red'},
				{text: ' 12', color: 'yellow'},
				{text: ' ok', color: 'green'},
			]),
		).toBe('\u001B[1m✖ ALARM\u001B[22m\u001B[7m auth \u001B[27m\u001B[2mn/a\u001B[22m\u001B[1m expired\u001B[22m\u001B[4m 12\u001B[24m ok');
	});

	it("with colour, the codes are chalk's, as before (the frame writer and the bench count these bytes)", () => {
		setColorEnabled(true);
		expect(styledText([{text: 'ok '}, {text: 'ALARM', color: 'red', bold: true}, {text: ' x', inverse: true, color: 'gray'}])).toBe(
			'ok \u001B[1m\u001B[31mALARM\u001B[39m\u001B[22m\u001B[7m\u001B[90m x\u001B[39m\u001B[27m',
		);
	});
});
