import React from 'react';
import {PANES, type PaneId} from './paneIds.js';
import type {Line} from './widgets/line.js';
import {StyledLine} from './widgets/StyledLine.js';

export const PANE_TITLES: Record<PaneId, string> = {alarms: 'Alarms', metrics: 'Metrics', logs: 'Logs', resources: 'Resources'};

/** The panes' tabs, and `5 Fleet`: the Resources pane on its Fleet sub-tab (`fleet`: that is what is shown). */
export function TabBar({focus, width, fleet = false}: {focus: PaneId; width: number; fleet?: boolean}) {
	const line: Line = [];
	const tab = (label: string, active: boolean) =>
		line.push({text: ` ${label} `, inverse: active, bold: active, color: active ? 'cyan' : undefined}, {text: ' '});
	for (const [index, pane] of PANES.entries()) tab(`${index + 1} ${PANE_TITLES[pane]}`, pane === focus && !(pane === 'resources' && fleet));
	tab('5 Fleet', focus === 'resources' && fleet);
	return <StyledLine line={line} width={width} />;
}
