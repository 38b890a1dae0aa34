// The size hook renders the app again when, and only when, the terminal's size changed: a
// resize redraws at the new size, and mounting at an unchanged size costs no extra render.
import {Text} from 'ink';
import React, {useState} from 'react';
import {afterEach, describe, expect, it} from 'vitest';
import {useKeyInput} from '../../source/ui/useKeyInput.js';
import {useTerminalSize} from '../../source/ui/useTerminalSize.js';
import {renderAt, type Rendered} from '../helpers/render.js';

let renders = 0;

/** Shows the size the hook gives and the keys read; counts its renders. */
function Probe() {
	renders++;
	const {columns, rows} = useTerminalSize();
	const [keys, setKeys] = useState('');
	useKeyInput((read) => setKeys((before) => before + read.map((key) => (key.kind === 'key' ? key.name : '')).join('')));
	return <Text>{`size ${columns}x${rows} keys ${keys}`}</Text>;
}

let rendered: Rendered | undefined;
afterEach(() => {
	rendered?.unmount();
	rendered = undefined;
	renders = 0;
});

describe('useTerminalSize', () => {
	it('draws the new size after a resize', async () => {
		rendered = renderAt(<Probe />, {columns: 60, rows: 5});
		await rendered.settled();
		expect(rendered.lastFrame()).toContain('size 60x5');
		await rendered.resize(80, 10);
		expect(rendered.lastFrame()).toContain('size 80x10');
	});

	it('adds no render of its own: mounting is one render, a key one more, a resize to the same size none', async () => {
		rendered = renderAt(<Probe />, {columns: 60, rows: 5});
		await rendered.settled();
		expect(renders).toBe(1);
		await rendered.press('j');
		expect(rendered.lastFrame()).toContain('keys j');
		expect(renders).toBe(2);
		// A resize event at the same size (a tmux pane nudged and back, the frame writer's own).
		await rendered.resize(60, 5);
		expect(renders).toBe(2);
	});
});
