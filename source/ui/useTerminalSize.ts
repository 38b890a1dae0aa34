// Our own size hook on the stdout 'resize' event: Ink ignores resize when CI is set.
import {useStdout} from 'ink';
import {useEffect, useState} from 'react';
import type {TerminalSize} from './layout.js';

export type {TerminalSize} from './layout.js';

/** The terminal's size now (what a key is applied against, whatever the last render saw). */
export function readTerminalSize(stdout: NodeJS.WriteStream): TerminalSize {
	return {columns: stdout.columns || 80, rows: stdout.rows || 24};
}

export function useTerminalSize(): TerminalSize {
	const {stdout} = useStdout();
	const [size, setSize] = useState(() => readTerminalSize(stdout));
	useEffect(() => {
		const onResize = () => {
			const next = readTerminalSize(stdout);
			setSize((previous) => (previous.columns === next.columns && previous.rows === next.rows ? previous : next));
		};
		stdout.on('resize', onResize);
		onResize();
		return () => {
			stdout.off('resize', onResize);
		};
	}, [stdout]);
	return size;
}
