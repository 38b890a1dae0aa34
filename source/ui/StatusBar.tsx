import React from 'react';
import type {PaneId} from './paneIds.js';
import {statusHints, type CommandId, type Mode} from './keymap.js';
import type {Line} from './widgets/line.js';
import {StyledLine} from './widgets/StyledLine.js';

export type StatusBarProps = {
	pane: PaneId;
	/** What the focused pane shows: its hints are the keys that act in it. */
	mode: Mode;
	/** Commands that cannot act here now: not offered. */
	unavailable?: ReadonlySet<CommandId>;
	width: number;
	message?: string;
	messageIsError?: boolean;
	/** Why the last key could not act. */
	notice?: string;
};

export function StatusBar({pane, mode, unavailable, width, message, messageIsError, notice}: StatusBarProps) {
	const line: Line = [];
	// What the user just asked about comes first: why a key did nothing, a saved snapshot, a failure.
	if (notice) line.push({text: ` ${notice} `, color: 'yellow', bold: true});
	else if (message) line.push({text: ` ${message} `, color: messageIsError ? 'red' : 'green', bold: true});
	for (const {keys, hint} of statusHints(pane, mode, unavailable)) {
		line.push({text: ` ${keys}`, bold: true, color: 'cyan'}, {text: ` ${hint} `});
	}
	return <StyledLine line={line} width={width} />;
}
