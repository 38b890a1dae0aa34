// The fork's measuring, wrapping and sanitizing of text (source/vendor/ink/): the same answers
// as Ink 6.8's own, from caches that stay bounded however many lines a log flood brings.
import {Box, Text} from 'ink';
import {render} from 'ink-testing-library';
import React from 'react';
import widestLine from 'widest-line';
import {describe, expect, it} from 'vitest';
import inkSanitizeAnsi from '../../../node_modules/ink/build/sanitize-ansi.js';
import inkWrapText from '../../../node_modules/ink/build/wrap-text.js';
import measureText, {measuredTextCount} from '../../../source/vendor/ink/measure-text.js';
import sanitizeAnsi from '../../../source/vendor/ink/sanitize-ansi.js';
import wrapText, {wrappedTextCount} from '../../../source/vendor/ink/wrap-text.js';
import {loadHostileStrings} from '../../helpers/hostile.js';
import {seededRandom} from '../../helpers/random.js';

const {random, pick, below} = seededRandom(42);
const codes = ['\u001B[1m', '\u001B[22m', '\u001B[31m', '\u001B[39m', '\u001B[90m', '\u001B[7m', '\u001B[0m', '\u001B[38;5;208m', '\u001B[1;31m'];
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

describe('measureText (fork)', () => {
	it('gives the width and height Ink measures, for styled one-column text and text with wide and combining characters', () => {
		for (let index = 0; index < 400; index++) {
			const block = Array.from({length: 1 + (index % 5)}, () => randomLine(index % 2 === 1)).join('\n');
			expect([block, measureText(block)]).toEqual([block, {width: widestLine(block), height: 1 + (index % 5)}]);
		}
		expect(measureText('')).toEqual({width: 0, height: 0});
	});
});

describe('wrapText (fork)', () => {
	it.each([
		['a long line of text that does not fit', 10, 'wrap'],
		['\u001B[31ma red line\u001B[39m that goes on and on', 8, 'wrap'],
		['sensor-000123 connected from 10.0.0.1', 12, 'truncate'],
		['sensor-000123 connected from 10.0.0.1', 12, 'truncate-middle'],
		['sensor-000123 connected from 10.0.0.1', 12, 'truncate-start'],
		['東京 🙂 wide characters wrap too', 7, 'wrap'],
	] as const)('wraps %j at %i columns (%s) as Ink does', (text, width, wrap) => {
		expect(wrapText(text, width, wrap)).toBe(inkWrapText(text, width, wrap));
	});
});

describe('sanitizeAnsi (fork)', () => {
	const pieces = ['plain', ' ', '│', '\u001B[31m', '\u001B[39m', '\u001B[1;38;5;208m', '\u001B[38:2::1:2:3m', '\u001B[m', '\u001B[2J', '\u001B[5A', '\u001B[?25l', '\u001B[1 m', '\u001B]8;;http://x\u0007', '\u001B]0;title\u001B\\', '\u009B31m', '\u0085', '\u001B', '\u001B[', '\u001B[31', '\u0007', '\r', '日本', 'e\u0301'];

	it('strips what Ink strips and keeps what it keeps, for random mixes of colour codes, other sequences and C1 controls', () => {
		const mixes = seededRandom(7);
		for (let index = 0; index < 2000; index++) {
			const text = Array.from({length: 1 + mixes.below(8)}, () => mixes.pick(pieces)).join('');
			expect([text, sanitizeAnsi(text)]).toEqual([text, inkSanitizeAnsi(text)]);
		}
	});

	it('for the shared hostile strings, plain and inside colour codes', () => {
		for (const {name, text} of loadHostileStrings()) {
			for (const variant of [text, `\u001B[31m${text}\u001B[39m`]) expect([name, sanitizeAnsi(variant)]).toEqual([name, inkSanitizeAnsi(variant)]);
		}
	});

	it('gives back text whose only escapes are colour codes as it is', () => {
		const styled = '\u001B[36m│\u001B[39m\u001B[1;7m Logs \u001B[22;27m 12/s │';
		expect(sanitizeAnsi(styled)).toBe(styled);
		expect(sanitizeAnsi('a\u001B[2Jb\u001B[31mc')).toBe('ab\u001B[31mc');
	});
});

describe('the text caches Ink draws through', () => {
	it('stay bounded under a flood of new log lines, as Ink measures, wraps and draws them', () => {
		const lines = (frame: number) => Array.from({length: 30}, (_, row) => `12:00:${String(frame % 60).padStart(2, '0')} INFO Publish-In sensor-${frame * 30 + row} a message long enough to be cut`);
		const Frame = ({frame}: {frame: number}) => (
			<Box flexDirection="column" width={40}>
				{lines(frame).map((line) => (
					<Text key={line} wrap="truncate">
						{line}
					</Text>
				))}
			</Box>
		);
		const {rerender, lastFrame, unmount} = render(<Frame frame={0} />);
		let measured = 0;
		let wrapped = 0;
		// 6,000 lines: more than the caches keep.
		for (let frame = 1; frame < 200; frame++) {
			rerender(<Frame frame={frame} />);
			measured = Math.max(measured, measuredTextCount());
			wrapped = Math.max(wrapped, wrappedTextCount());
		}
		expect(lastFrame()).toContain('sensor-5999');
		expect(measured).toBeGreaterThan(1000);
		expect(measured).toBeLessThanOrEqual(4000);
		expect(wrapped).toBeGreaterThan(1000);
		expect(wrapped).toBeLessThanOrEqual(4000);
		unmount();
	});
});
