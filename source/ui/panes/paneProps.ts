import type {Engine, LiveState} from '../../live/engine.js';

/** What every pane gets from the App: the engine (for actions), the state, its box, the clock. */
export type PaneProps = {
	engine: Engine;
	live: LiveState;
	width: number;
	height: number;
	focused: boolean;
	now: number;
};
