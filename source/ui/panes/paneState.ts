// What every pane's key reducer gets and gives: the live state of the moment, the pane's box
// and the clock in; its next UI state, the effects to run (engine actions), and a notice for
// the status bar (why a key cannot act) out.
import type {EngineAction, LiveState} from '../../live/engine.js';
import type {Box} from '../layout.js';
import type {PromptKey} from '../widgets/TextPrompt.js';

/** What a key asks of the world: quit, a snapshot, or an engine action. */
export type Effect = EngineAction | {type: 'quit'} | {type: 'snapshot'};

export type PaneContext = {live: LiveState; box: Box; now: number; windowMs: number};

export type PaneKey = PromptKey;

export type PaneStep<Ui> = {
	ui: Ui;
	effects?: Effect[];
	/** Why the key could not act, for the status bar. */
	notice?: string;
	/** The Logs pane, focused and filtered on this text (a thing's log lines). */
	jumpToLogs?: string;
};

/** The rows of a pane's body: its box less the border. */
export const bodyRowsOf = (box: Box) => Math.max(0, box.height - 2);
