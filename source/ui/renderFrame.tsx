// One frame of the app as a terminal would receive it (ANSI text), for snapshots and
// screenshots: the same App the full-screen session shows, rendered off-screen.
import {render} from 'ink';
import React from 'react';
import type {PaneId} from './paneIds.js';
import type {Engine} from '../live/engine.js';
import {App} from './App.js';
import {OffscreenStdout, SilentStdin} from './offscreen.js';

export type FrameOptions = {
	columns: number;
	rows: number;
	pane?: PaneId;
	/** Show the pane alone, as `z` does. */
	zoom?: boolean;
	now?: number;
	/** Keys typed once the App is up, one at a time (e.g. '\r' opens the selected item). */
	keys?: string[];
	/** How long to let what the keys started (a detail fetch) finish, ms. */
	settle?: number;
};

/** Renders the App once (after its effects settle) and returns the last frame. */
export async function renderFrame(engine: Engine, options: FrameOptions): Promise<string> {
	const stdout = new OffscreenStdout(options.columns, options.rows);
	const stdin = new SilentStdin();
	const instance = render(<App engine={engine} initialPane={options.pane ?? 'alarms'} initialZoom={options.zoom} now={options.now ?? Date.now()} />, {
		stdout: stdout as unknown as NodeJS.WriteStream,
		stdin: stdin as unknown as NodeJS.ReadStream,
		stderr: stdout as unknown as NodeJS.WriteStream,
		debug: true,
		exitOnCtrlC: false,
		patchConsole: false,
	});
	// Effects (terminal size, key registration) render once more; let them.
	const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
	await wait(50);
	for (const key of options.keys ?? []) {
		stdin.type(key);
		await wait(50);
	}
	if (options.keys?.length) await wait(options.settle ?? 300);
	const frame = stdout.frames.at(-1) ?? '';
	instance.unmount();
	instance.cleanup();
	return frame;
}
