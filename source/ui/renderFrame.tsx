// One frame of the app as a terminal would receive it (ANSI text), for snapshots and
// screenshots: the same App the full-screen session shows, rendered off-screen.
import React from 'react';
import type {PaneId} from './paneIds.js';
import type {Engine} from '../live/engine.js';
import {App} from './App.js';
import {renderOffscreen} from './offscreen.js';

export type FrameOptions = {
	columns: number;
	rows: number;
	pane?: PaneId;
	/** Show the pane alone, as `z` does. */
	zoom?: boolean;
	now?: number;
	/** Keys typed once the App is up, one at a time (e.g. '\r' opens the selected item). */
	keys?: string[];
	/** What the frame shows once what the keys started (a detail fetch) has finished; without it, the frame the keys drew. */
	until?: (frame: string) => boolean;
};

/** Renders the App once (after its effects settle) and returns the last frame. */
export async function renderFrame(engine: Engine, options: FrameOptions): Promise<string> {
	const screen = renderOffscreen(
		<App engine={engine} initialPane={options.pane ?? 'alarms'} initialZoom={options.zoom} now={options.now ?? Date.now()} />,
		{
			columns: options.columns,
			rows: options.rows,
			keepFrames: false,
		},
	);
	try {
		await screen.settled();
		for (const key of options.keys ?? []) await screen.type(key);
		if (options.until) await screen.waitForFrame(options.until);
		return screen.lastFrame();
	} finally {
		screen.unmount();
	}
}
