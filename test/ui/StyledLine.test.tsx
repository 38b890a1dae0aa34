// A line's segments as one styled string carry the colour codes Ink's own nested <Text> would
// give them: the same text and colours on screen, for every style a segment can have.
import {Text} from 'ink';
import {render} from 'ink-testing-library';
import React from 'react';
import {describe, expect, it} from 'vitest';
import type {Line} from '../../source/ui/widgets/line.js';
import {styledText} from '../../source/ui/widgets/StyledLine.js';
import {seededRandom} from '../helpers/random.js';

const COLORS = [undefined, 'red', 'cyan', 'cyanBright', 'gray', 'white', '#ff8800', 'ansi256(208)', 'rgb(1, 2, 3)', 'ansi256(x', 'notacolor'];

/** The line as nested <Text>, as the panes drew it before. */
function nested(line: Line) {
	return (
		<Text>
			{line.map((segment, index) => (
				<Text key={index} color={segment.color} backgroundColor={segment.backgroundColor} bold={segment.bold} dimColor={segment.dim} inverse={segment.inverse}>
					{segment.text}
				</Text>
			))}
		</Text>
	);
}

function frameOf(element: React.ReactElement): string {
	const {lastFrame, unmount} = render(element);
	const frame = lastFrame() ?? '';
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
