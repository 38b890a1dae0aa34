import React from 'react';
import type {PaneId} from '../config.js';
import {statusHints} from './keymap.js';
import type {Line} from './widgets/line.js';
import {StyledLine} from './widgets/StyledLine.js';

export function StatusBar({pane, width, message, messageIsError}: {pane: PaneId; width: number; message?: string; messageIsError?: boolean}) {
	const line: Line = [];
	// A message (a saved snapshot, a failure) comes first: it is what the user just asked about.
	if (message) line.push({text: ` ${message} `, color: messageIsError ? 'red' : 'green', bold: true});
	for (const {keys, hint} of statusHints(pane)) {
		line.push({text: ` ${keys}`, bold: true, color: 'cyan'}, {text: ` ${hint} `});
	}
	return <StyledLine line={line} width={width} />;
}
