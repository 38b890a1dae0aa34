// Mounts the App for the full-screen session, so that the entry point need not know Ink: Ink
// draws whole frames (debug mode) into `stdout`, in front of the terminal (the frame writer).
import {render, type Instance} from 'ink';
import React from 'react';
import {App, type AppProps} from './App.js';
import type {InkStdout} from './offscreen.js';

/** The App, drawn into `stdout` until unmounted; keys come from process.stdin, Ctrl+C is the App's. */
export function mountApp(props: AppProps, stdout: InkStdout): Instance {
	return render(<App {...props} />, {
		stdout: stdout as unknown as NodeJS.WriteStream,
		debug: true,
		exitOnCtrlC: false,
		patchConsole: false,
	});
}
