// Our own size hook on the stdout 'resize' event: Ink ignores resize when CI is set.
import {useStdout} from 'ink';
import {useEffect, useRef, useState} from 'react';
import type {TerminalSize} from './layout.js';

export type {TerminalSize} from './layout.js';

/** The terminal's size now (what a key is applied against, whatever the last render saw). */
export function readTerminalSize(stdout: NodeJS.WriteStream): TerminalSize {
	return {columns: stdout.columns || 80, rows: stdout.rows || 24};
}

export function useTerminalSize(): TerminalSize {
	const {stdout} = useStdout();
	const [size, setSize] = useState(() => readTerminalSize(stdout));
	// Compared here, not in a setSize updater: an update that changes nothing still costs a render.
	const shown = useRef(size);
	useEffect(() => {
		const onResize = () => {
			const next = readTerminalSize(stdout);
			if (next.columns === shown.current.columns && next.rows === shown.current.rows) return;
			shown.current = next;
			setSize(next);
		};
		stdout.on('resize', onResize);
		// A resize between the first render and this effect.
		onResize();
		return () => {
			stdout.off('resize', onResize);
		};
	}, [stdout]);
	return size;
}
