// Panel rows are memoized on what they read: a row whose text and styles are unchanged is not
// rendered again, and any change of text or style is drawn.
import React from 'react';
import {afterEach, describe, expect, it} from 'vitest';
import {setColorEnabled} from '../../source/terminal/colorLevel.js';
import type {Line} from '../../source/ui/widgets/line.js';
import {Panel} from '../../source/ui/widgets/Panel.js';
import {renderAt, stripAnsi} from '../helpers/render.js';
import {colorCodes, shownCells} from '../helpers/sgr.js';

const lines = (second: string, color?: string): Line[] => [
	[{text: 'first row'}],
	[{text: second, color}],
	[{text: 'third ', bold: true}, {text: 'row'}],
];

describe('Panel rows', () => {
	it('draw a changed row, text or style, and keep the rows that read the same', async () => {
		const panel = (body: Line[], focused = false) => <Panel title="T" width={30} height={5} focused={focused} lines={body} />;
		const rendered = renderAt(panel(lines('second row')), {columns: 30, rows: 5});
		await rendered.waitForFrame((frame) => frame.includes('second row'));
		// New arrays with the same content, one row's text changed.
		rendered.instance.rerender(panel(lines('second ROW')));
		let frame = await rendered.waitForFrame((text) => text.includes('second ROW'));
		expect(stripAnsi(frame).split('\n').slice(1, 4)).toEqual([
			'│first row                   │',
			'│second ROW                  │',
			'│third row                   │',
		]);
		// Only a style changed: the row is drawn in red.
		rendered.instance.rerender(panel(lines('second ROW', 'red')));
		frame = await rendered.waitForFrame((text) => text.includes('\u001B[31msecond ROW'));
		expect(frame).toContain('\u001B[1mthird \u001B[22m');
		// Focus recolours every border, in unchanged rows too.
		rendered.instance.rerender(panel(lines('second ROW', 'red'), true));
		frame = await rendered.waitForFrame((text) => text.split('\n')[3]?.startsWith('\u001B[36m│'));
		expect(
			frame
				.split('\n')
				.slice(1, 4)
				.every((row) => row.startsWith('\u001B[36m│')),
		).toBe(true);
		rendered.unmount();
	});
});

describe('Panel without colour (NO_COLOR, --no-color)', () => {
	afterEach(() => setColorEnabled(true));

	it('tells the focused pane apart without colour: a heavy bold border, the title in reverse and bold; no colour code', async () => {
		setColorEnabled(false);
		const body: Line[] = [[{text: 'row', color: 'red'}]];
		const both = (
			<>
				<Panel title="Alarms" width={20} height={4} focused lines={body} footer="1/1" />
				<Panel title="Metrics" width={20} height={4} focused={false} lines={body} footer="1/1" />
			</>
		);
		const rendered = renderAt(both, {columns: 20, rows: 9});
		const frame = await rendered.waitForFrame((text) => text.includes('Metrics'));
		rendered.unmount();
		expect(colorCodes(frame)).toEqual([]);
		const rows = frame.split('\n');
		expect(stripAnsi(rows.slice(0, 4).join('\n'))).toBe(
			['┏━ Alarms ━━━━━━━━━┓', '┃row               ┃', '┃                  ┃', '┗━━━━━━━━━━━━ 1/1 ━┛'].join('\n'),
		);
		const cells = await shownCells(frame, 20, 9);
		const attributes = (y: number, from: number, to: number) =>
			cells[y]
				.slice(from, to)
				.map(({char, bold, dim, inverse}) => `${char}${bold ? 'B' : ''}${dim ? 'D' : ''}${inverse ? 'R' : ''}`)
				.join(' ');
		expect(attributes(0, 0, 11)).toBe('┏B ━B  BR ABR lBR aBR rBR mBR sBR  BR ━B');
		expect(attributes(1, 0, 2)).toBe('┃B rB');
		expect(attributes(3, 19, 20)).toBe('┛B');
		// The other pane: light lines, dim (its grey), its title plain.
		expect(stripAnsi(rows[4])).toBe('╭─ Metrics ────────╮');
		expect(attributes(4, 0, 5)).toBe('╭D ─D   M e');
		expect(attributes(5, 0, 2)).toBe('│D rB');
	});

	it('with colour, the focused pane keeps its light cyan border', async () => {
		const rendered = renderAt(<Panel title="Alarms" width={20} height={3} focused lines={[]} />, {columns: 20, rows: 4});
		const frame = await rendered.waitForFrame((text) => text.includes('Alarms'));
		rendered.unmount();
		expect(frame.split('\n')[0]).toMatch(/^\u001B\[36m╭─/);
		expect(stripAnsi(frame)).not.toMatch(/[┏┃━]/);
	});
});
