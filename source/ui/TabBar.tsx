import React from 'react';
import {PANES, type PaneId} from './paneIds.js';
import type {Line} from './widgets/line.js';
import {StyledLine} from './widgets/StyledLine.js';

export const PANE_TITLES: Record<PaneId, string> = {alarms: 'Alarms', metrics: 'Metrics', logs: 'Logs', resources: 'Resources'};

export function TabBar({focus, width}: {focus: PaneId; width: number}) {
	const line: Line = [];
	for (const [index, pane] of PANES.entries()) {
		const active = pane === focus;
		line.push(
			{text: ` ${index + 1} ${PANE_TITLES[pane]} `, inverse: active, bold: active, color: active ? 'cyan' : undefined},
			{text: ' '},
		);
	}
	return <StyledLine line={line} width={width} />;
}
