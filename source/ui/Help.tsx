import React from 'react';
import type {PaneId} from './paneIds.js';
import {helpLines} from './helpLines.js';
import {PANE_TITLES} from './TabBar.js';
import {Panel} from './widgets/Panel.js';

/** The help overlay, scrolled with the list keys; the footer says where in it you are. */
export function Help({focus, scroll, width, height}: {focus: PaneId; scroll: number; width: number; height: number}) {
	const lines = helpLines(focus, width - 2);
	const visible = Math.max(1, height - 2);
	const top = Math.max(0, Math.min(scroll, lines.length - visible));
	const footer =
		lines.length > visible ? `${top + 1}-${Math.min(lines.length, top + visible)} of ${lines.length} · j/k, PgDn, g/G scroll` : undefined;
	return (
		<Panel
			title="Help"
			subtitle={`${PANE_TITLES[focus]} keys first · ? or Esc to close`}
			width={width}
			height={height}
			focused
			lines={lines.slice(top, top + visible)}
			footer={footer}
		/>
	);
}
