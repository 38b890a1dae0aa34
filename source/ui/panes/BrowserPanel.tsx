// The Metrics pane while the metric browser (`a`) or the dashboard picker (`D`) is open.
import React from 'react';
import {Panel} from '../widgets/Panel.js';
import {promptLine, withPromptLast} from '../widgets/TextPrompt.js';
import {pickerLines, pickerView} from './dashboardPicker.js';
import {browserLines, browserTitle, browserView} from './metricBrowser.js';
import type {MetricsUi} from './metricsView.js';
import type {PaneProps} from './paneProps.js';

export function BrowserPanel({live, ui, width, height, focused, now, windowMs}: PaneProps<MetricsUi>) {
	const inner = width - 2;
	const bodyRows = Math.max(0, height - 2);
	if (ui.browser) {
		const view = browserView(live, ui.browser, {width, height});
		const lines = browserLines(live, ui.browser, view, inner, windowMs, now);
		return (
			<Panel
				title="Metric browser"
				subtitle={`${browserTitle(live, ui.browser)} · Esc ${ui.browser.level === 'namespaces' ? 'closes' : 'up'}`}
				width={width}
				height={height}
				focused={focused}
				lines={withPromptLast(lines, bodyRows, promptLine(ui.browser.filter, inner, `${view.items.length} match`))}
				footer={view.items.length > 0 ? `${view.cursor + 1}/${view.items.length}` : undefined}
			/>
		);
	}
	const picker = ui.picker!;
	const view = pickerView(live, picker, {width, height});
	return (
		<Panel
			title="Dashboards"
			subtitle="CloudWatch · Esc closes"
			width={width}
			height={height}
			focused={focused}
			lines={withPromptLast(
				pickerLines(live, picker, view, inner, now),
				bodyRows,
				promptLine(picker.filter, inner, `${view.entries.length} match`),
			)}
			footer={view.entries.length > 0 ? `${view.cursor + 1}/${view.entries.length}` : undefined}
		/>
	);
}
