// The off-screen terminal's promise to tests and snapshots: when a key, a resize or a wait
// resolves, what it caused is on the last frame (renders, the effects they ran and the renders
// those queued), without any fixed wait; a frame that never comes fails with the last one.
import {Text, useStdout} from 'ink';
import React, {useEffect, useState} from 'react';
import {afterEach, describe, expect, it} from 'vitest';
import {useKeyInput} from '../../source/ui/useKeyInput.js';
import {renderAt, type Rendered} from '../helpers/render.js';

/** Shows the keys read, an echo of them that an effect sets (one render later), and the size. */
function Probe() {
	const [keys, setKeys] = useState<string[]>([]);
	const [echo, setEcho] = useState('');
	const {stdout} = useStdout();
	const [size, setSize] = useState(`${stdout.columns}x${stdout.rows}`);
	useKeyInput((read) => setKeys((before) => [...before, ...read.map((key) => (key.kind === 'key' ? key.name : `paste:${key.text}`))]));
	useEffect(() => setEcho(keys.join(',')), [keys]);
	useEffect(() => {
		const onResize = () => setSize(`${stdout.columns}x${stdout.rows}`);
		stdout.on('resize', onResize);
		return () => {
			stdout.off('resize', onResize);
		};
	}, [stdout]);
	return <Text>{`keys ${keys.join(',')} | echo ${echo} | size ${size}`}</Text>;
}

let rendered: Rendered | undefined;
afterEach(() => {
	rendered?.unmount();
	rendered = undefined;
});

describe('the off-screen terminal', () => {
	it('resolves a key once its frame, and the frame its effect caused, are drawn', async () => {
		rendered = renderAt(<Probe />, {columns: 60, rows: 5});
		await rendered.press('j');
		expect(rendered.lastFrame()).toContain('keys j | echo j |');
		await rendered.send('k', 'down');
		expect(rendered.lastFrame()).toContain('keys j,k,down | echo j,k,down |');
	});

	it('resolves a lone Esc once Ink has told it from the start of a sequence, and drawn it', async () => {
		rendered = renderAt(<Probe />, {columns: 60, rows: 5});
		await rendered.press('escape');
		expect(rendered.lastFrame()).toContain('keys escape | echo escape |');
		// Esc and an arrow in one read are two keys, not a lone Esc.
		await rendered.send('escape', 'up');
		expect(rendered.lastFrame()).toContain('keys escape,escape,up |');
	});

	it('resolves a resize once the new size is drawn', async () => {
		rendered = renderAt(<Probe />, {columns: 60, rows: 5});
		await rendered.resize(50, 4);
		expect(rendered.lastFrame()).toContain('size 50x4');
	});

	it('wakes a wait on the frame that matches, and fails a wait with the last frame', async () => {
		rendered = renderAt(<Probe />, {columns: 60, rows: 5});
		const waiting = rendered.waitForFrame((frame) => frame.includes('keys x'));
		await rendered.press('x');
		expect(await waiting).toContain('keys x |');
		await expect(rendered.waitForFrame((frame) => frame.includes('never'), 50)).rejects.toThrow(
			/no frame matched within 50 ms; last frame:\nkeys x \| echo x/,
		);
	});
});
