import type {LiveState} from '../../live/engine.js';

/**
 * What every pane gets from the App: the live state, its own UI state (cursor, filter, detail:
 * held by the App, so that no layout change loses them), its box, focus, and the clock. A pane
 * only draws; what it asks of the engine the App derives from the same state.
 */
export type PaneProps<Ui> = {
	live: LiveState;
	ui: Ui;
	width: number;
	height: number;
	focused: boolean;
	now: number;
	/** The metrics window, ms (`--window`). */
	windowMs: number;
};
