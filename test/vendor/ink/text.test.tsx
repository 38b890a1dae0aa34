// The fork's measuring of text (source/vendor/ink/): the same answers as Ink 6.8's own, from a
// cache that stays bounded however many new lines a log flood brings.
import {Box, Text} from 'ink';
import React from 'react';
import widestLine from 'widest-line';
import {describe, expect, it} from 'vitest';
import measureText, {measuredTextCount} from '../../../source/vendor/ink/measure-text.js';
import widestLineFromCache from '../../../source/vendor/ink/widest-line.js';
import {seededRandom} from '../../helpers/random.js';
import {renderAt} from '../../helpers/render.js';

const {random, pick, below} = seededRandom(42);
const codes = [
	'\u001B[1m',
	'\u001B[22m',
	'\u001B[31m',
	'\u001B[39m',
	'\u001B[90m',
	'\u001B[7m',
	'\u001B[0m',
	'\u001B[38;5;208m',
	'\u001B[1;31m',
];
const narrow = [...'abcXYZ 019 -_/:.=', ...'│─╭╮╰╯┤└╌█▁▂▃▄▅▆▇▌', ...'·—•…›←↑→↓∞≤≥⏎⏸ⓘ▲▼◌●⚑⚠✔✖'];
const other = ['東', 'é', 'e\u0301', '⚠\uFE0F', '🙂', '\t'];
const randomLine = (wide: boolean) => {
	let text = '';
	for (let index = 1 + below(50); index > 0; index--) {
		const roll = random();
		text += roll < 0.15 ? pick(codes) : wide && roll > 0.95 ? pick(other) : pick(narrow);
	}
	return text;
};

describe('measureText and widestLine (fork)', () => {
	it('give the width and height Ink measures, for styled one-column text and for text with wide and combining characters', () => {
		for (let index = 0; index < 400; index++) {
			const block = Array.from({length: 1 + (index % 5)}, () => randomLine(index % 2 === 1)).join('\n');
			expect([block, measureText(block)]).toEqual([block, {width: widestLine(block), height: 1 + (index % 5)}]);
			expect([block, widestLineFromCache(block)]).toEqual([block, widestLine(block)]);
		}
		expect(measureText('')).toEqual({width: 0, height: 0});
	});
});

describe('the measure cache Ink draws through', () => {
	it('stays bounded under a flood of new log lines, as Ink lays them out and draws them', async () => {
		const lines = (frame: number) =>
			Array.from({length: 30}, (_, row) => `12:00:${String(frame % 60).padStart(2, '0')} INFO Publish-In sensor-${frame * 30 + row}`);
		const Frame = ({frame}: {frame: number}) => (
			<Box flexDirection="column">
				{lines(frame).map((line) => (
					<Text key={line}>{line}</Text>
				))}
			</Box>
		);
		const {instance, settled, lastFrame, unmount} = renderAt(<Frame frame={0} />, {columns: 40, rows: 30}, {keepFrames: false});
		let measured = 0;
		// 6,000 lines: more than the cache keeps.
		for (let frame = 1; frame < 200; frame++) {
			instance.rerender(<Frame frame={frame} />);
			await settled();
			measured = Math.max(measured, measuredTextCount());
		}
		expect(lastFrame()).toContain('sensor-5999');
		expect(measured).toBeGreaterThan(1000);
		expect(measured).toBeLessThanOrEqual(4000);
		unmount();
	});
});
