// The Alarms pane on its Changes or Health sub-tab: the sub-tab bar, then the list (or the
// open detail, scrolled), in the pane's Panel.
import React from 'react';
import {formatDuration} from '../../model/duration.js';
import type {Line} from '../widgets/line.js';
import {Panel} from '../widgets/Panel.js';
import {promptLine, withPromptLast} from '../widgets/TextPrompt.js';
import {alarmsTabLine, type AlarmsTabsUi} from './alarmsTabs.js';
import {changeRowLine, changesHeaderLine, changesTable, changesView} from './changesView.js';
import {healthHeaderLine, healthRowLine, healthTable, healthView} from './healthView.js';
import type {PaneProps} from './paneProps.js';

/** A detail's lines scrolled to `scroll`, under the bar, with the range in the footer. */
function detailPanel(
	title: string,
	subtitle: string,
	lines: Line[],
	scroll: number,
	props: Omit<PaneProps<unknown>, 'ui' | 'live'>,
	bar: Line,
) {
	const rows = Math.max(1, props.height - 3);
	const top = Math.max(0, Math.min(scroll, lines.length - rows));
	return (
		<Panel
			title={title}
			subtitle={subtitle}
			width={props.width}
			height={props.height}
			focused={props.focused}
			lines={[bar, ...lines.slice(top, top + rows)]}
			footer={lines.length > rows ? `${top + 1}-${Math.min(lines.length, top + rows)}/${lines.length} · Esc back` : 'Esc back'}
		/>
	);
}

export function AlarmsTabPane({live, ui, ...props}: PaneProps<AlarmsTabsUi>) {
	const {width, height, focused, now} = props;
	const bar = alarmsTabLine(live, ui.tab);
	if (ui.tab === 'changes') {
		const own = ui.changes;
		const view = changesView(live, own, {width, height}, now);
		if (own.detail && view.detail)
			return detailPanel('Alarms', `change ${view.detail.event?.eventName ?? ''}`, view.detail.lines, own.detail.scroll, props, bar);
		const onScreen = view.rows.slice(view.top, view.top + view.listRows);
		const table = changesTable(onScreen, view.inner, now);
		const lines: Line[] = [changesHeaderLine(table.layout), ...view.status];
		const slice = live.sources.changes;
		if (slice.events.length > 0 && view.rows.length === 0) lines.push([{text: `No change matches "${own.filter.text}".`, dim: true}]);
		for (const [index, event] of onScreen.entries())
			lines.push(changeRowLine(table.layout, table.texts[index], event, focused && view.top + index === view.cursor));
		const since = slice.since === undefined ? '' : ` · last ${formatDuration(Math.max(0, now - slice.since))}`;
		const shown = view.rows.length === slice.events.length ? `${view.rows.length}` : `${view.rows.length} of ${slice.events.length}`;
		return (
			<Panel
				title="Alarms"
				subtitle={`CloudTrail · AWS IoT changes${since}`}
				width={width}
				height={height}
				focused={focused}
				lines={[bar, ...withPromptLast(lines, view.bodyRows, promptLine(own.filter, view.inner, `${view.rows.length} match`))]}
				footer={view.rows.length > 0 ? `${Math.min(view.cursor + 1, view.rows.length)}/${shown}` : undefined}
			/>
		);
	}
	const own = ui.health;
	const view = healthView(live, own, {width, height}, now);
	if (own.detail && view.detail)
		return detailPanel('Alarms', `health ${view.detail.event?.eventTypeCode ?? ''}`, view.detail.lines, own.detail.scroll, props, bar);
	const onScreen = view.rows.slice(view.top, view.top + view.listRows);
	const table = healthTable(onScreen, view.inner, now);
	const lines: Line[] = [healthHeaderLine(table.layout), ...view.status];
	for (const [index, event] of onScreen.entries())
		lines.push(healthRowLine(table.layout, table.texts[index], event, focused && view.top + index === view.cursor));
	return (
		<Panel
			title="Alarms"
			subtitle="AWS Health · AWS IoT services"
			width={width}
			height={height}
			focused={focused}
			lines={[bar, ...lines]}
			footer={view.rows.length > 0 ? `${Math.min(view.cursor + 1, view.rows.length)}/${view.rows.length}` : undefined}
		/>
	);
}
