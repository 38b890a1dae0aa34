// The fork's Output (source/vendor/ink/output.ts) against Ink 6.8's own: a frame whose writes
// sit side by side is put together as text, and a terminal must show what Ink's grid shows.
import xterm from '@xterm/headless';
import {describe, expect, it} from 'vitest';
import InkOutput from '../../../node_modules/ink/build/output.js';
import Output from '../../../source/vendor/ink/output.js';
import {seededRandom} from '../../helpers/random.js';

/**
 * What a terminal shows for an Output's text: each cell's character, width, colours and
 * attributes. Each row starts on the default pen, as the app's frame writer draws it.
 */
async function screenOf(text: string, columns: number, rows: number): Promise<string[]> {
	const terminal = new xterm.Terminal({cols: columns, rows, allowProposedApi: true, scrollback: 0});
	await new Promise<void>((resolve) =>
		terminal.write(
			text
				.split('\n')
				.map((row) => `\u001B[0m${row}`)
				.join('\r\n'),
			resolve,
		),
	);
	const buffer = terminal.buffer.active;
	const cell = buffer.getNullCell();
	const screen: string[] = [];
	for (let y = 0; y < rows; y++) {
		const line = buffer.getLine(y)!;
		const cells: string[] = [];
		for (let x = 0; x < columns; x++) {
			line.getCell(x, cell);
			const attributes = [cell.isBold(), cell.isDim(), cell.isItalic(), cell.isUnderline(), cell.isInverse(), cell.isStrikethrough()]
				.map((on) => (on ? 1 : 0))
				.join('');
			cells.push(
				`${cell.getChars() || ' '}/${cell.getWidth()}/${cell.getFgColorMode()}:${cell.getFgColor()}/${cell.getBgColorMode()}:${cell.getBgColor()}/${attributes}`,
			);
		}
		screen.push(`${y}: ${cells.join(' ')}`);
	}
	terminal.dispose();
	return screen;
}

describe('Output (fork)', () => {
	it('puts lines side by side as they came, a reset where a styled line meets a blank', () => {
		const output = new Output({width: 20, height: 3});
		output.write(0, 0, '│\n│\n│', {transformers: []});
		output.write(2, 0, '\u001B[31mred\u001B[39m\nplain', {transformers: []});
		output.write(12, 1, '\u001B[7mon', {transformers: []});
		output.write(19, 0, '│\n│\n│', {transformers: []});
		expect(output.get().output.split('\n')).toEqual([
			`│ \u001B[31mred\u001B[39m\u001B[0m${' '.repeat(14)}│`,
			'│ plain     \u001B[7mon\u001B[0m     │',
			`│${' '.repeat(18)}│`,
		]);
	});

	const {random, pick} = seededRandom(42);
	// Ink's tokenizer does not take a bare ESC[m for a reset, as a terminal does: lines put side
	// by side pass it to the terminal as it came, so the terminal comparison leaves it out.
	const codes = [
		'\u001B[1m',
		'\u001B[22m',
		'\u001B[2m',
		'\u001B[31m',
		'\u001B[39m',
		'\u001B[90m',
		'\u001B[7m',
		'\u001B[27m',
		'\u001B[0m',
		'\u001B[38;5;208m',
		'\u001B[1;31m',
		'\u001B[4m',
		'\u001B[24m',
		'\u001B[36m',
	];
	const narrow = [...'abcXYZ 019 -_/:.=', ...'│─╭╮╰╯┤└╌█▁▂▃▄▅▆▇▌', ...'·—•…›←↑→↓∞≤≥⏎⏸ⓘ▲▼◌●⚑⚠✔✖'];
	const other = ['東', 'é', 'e\u0301', '⚠\uFE0F', '🙂', '\t'];
	const line = (wide: boolean, longest: number) => {
		let text = '';
		const length = 1 + Math.floor(random() * longest);
		for (let index = 0; index < length; index++) {
			const roll = random();
			text += roll < 0.15 ? pick(codes) : wide && roll > 0.95 ? pick(other) : pick(narrow);
		}
		return text;
	};

	it('puts on a terminal what Ink does, for random frames of panes side by side, overlapping, clipped and cut', async () => {
		const columns = 60;
		const rows = 12;
		let sideBySide = 0;
		for (let frameIndex = 0; frameIndex < 400; frameIndex++) {
			const ours = new Output({width: columns, height: rows});
			const ink = new InkOutput({width: columns, height: rows});
			const writes = 1 + Math.floor(random() * 8);
			for (let index = 0; index < writes; index++) {
				// Mostly two columns of panes; now and then anywhere, over another or past the edge.
				const anywhere = random() < 0.15;
				const x = anywhere ? Math.floor(random() * columns) : pick([0, 1, 30, 31]);
				const y = Math.floor(random() * rows) - (random() < 0.1 ? 2 : 0);
				const text = Array.from({length: 1 + Math.floor(random() * 4)}, () => line(frameIndex % 3 === 2, anywhere ? 40 : 28)).join('\n');
				const clip =
					random() < 0.2
						? {
								x1: Math.floor(random() * 20),
								x2: 20 + Math.floor(random() * 40),
								y1: Math.floor(random() * 4),
								y2: 4 + Math.floor(random() * 8),
							}
						: undefined;
				// A Text's colours reach the output as a transformer of each line (Ink's Text does this).
				const transformers = random() < 0.4 ? [(line: string, index: number) => `\u001B[3${index % 8}m${line}\u001B[39m`] : [];
				if (random() < 0.2) transformers.push((line: string) => `\u001B[1m${line.toUpperCase()}\u001B[22m`);
				for (const output of [ours, ink]) {
					if (clip) output.clip(clip);
					output.write(x, y, text, {transformers});
					if (clip) output.unclip();
				}
			}
			const [mine, theirs] = [ours.get().output, ink.get().output];
			// Lines put side by side keep their colour codes as they came; the grid encodes them again.
			if (mine !== ours.gridGet().output) sideBySide++;
			expect(await screenOf(mine, columns, rows), `frame ${frameIndex}`).toEqual(await screenOf(theirs, columns, rows));
		}
		// Most random frames overlap somewhere and go Ink's way; enough must not, to test the other.
		expect(sideBySide).toBeGreaterThan(40);
	});
});
