// Panel rows are memoized on what they read: a row whose text and styles are unchanged is not
// rendered again, and any change of text or style is drawn.
import React from 'react';
import {describe, expect, it} from 'vitest';
import type {Line} from '../../source/ui/widgets/line.js';
import {Panel} from '../../source/ui/widgets/Panel.js';
import {renderAt, stripAnsi} from '../helpers/render.js';

const lines = (second: string, color?: string): Line[] => [[{text: 'first row'}], [{text: second, color}], [{text: 'third ', bold: true}, {text: 'row'}]];

describe('Panel rows', () => {
	it('draw a changed row, text or style, and keep the rows that read the same', async () => {
		const panel = (body: Line[], focused = false) => <Panel title="T" width={30} height={5} focused={focused} lines={body} />;
		const rendered = renderAt(panel(lines('second row')), {columns: 30, rows: 5});
		await rendered.waitForFrame((frame) => frame.includes('second row'));
		// New arrays with the same content, one row's text changed.
		rendered.instance.rerender(panel(lines('second ROW')));
		let frame = await rendered.waitForFrame((text) => text.includes('second ROW'));
		expect(stripAnsi(frame).split('\n').slice(1, 4)).toEqual(['│first row                   │', '│second ROW                  │', '│third row                   │']);
		// Only a style changed: the row is drawn in red.
		rendered.instance.rerender(panel(lines('second ROW', 'red')));
		frame = await rendered.waitForFrame((text) => text.includes('\u001B[31msecond ROW'));
		expect(frame).toContain('\u001B[1mthird \u001B[22m');
		// Focus recolours every border, in unchanged rows too.
		rendered.instance.rerender(panel(lines('second ROW', 'red'), true));
		frame = await rendered.waitForFrame((text) => text.split('\n')[3]?.startsWith('\u001B[36m│'));
		expect(frame.split('\n').slice(1, 4).every((row) => row.startsWith('\u001B[36m│'))).toBe(true);
		rendered.unmount();
	});
});
