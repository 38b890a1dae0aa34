// The Logs pane's top talkers view (talkersView.ts): failures by client id, event type and
// reason, from the buffer and from Logs Insights over a longer window.
import React from 'react';
import {settingText} from './logLines.js';
import {Panel} from '../widgets/Panel.js';
import type {PaneProps} from './paneProps.js';
import {talkersLines, type TalkersUi} from './talkersView.js';

export function Talkers({live, ui, width, height, focused, now}: PaneProps<TalkersUi>) {
	const groups = live.sources.logs.talkers?.groups ?? [];
	return (
		<Panel
			title="Top talkers: failures"
			subtitle={[`last ${settingText(ui.windowMs)}`, ...groups].join(' · ')}
			width={width}
			height={height}
			focused={focused}
			lines={talkersLines(live, ui, {width, height}, now, focused)}
		/>
	);
}
