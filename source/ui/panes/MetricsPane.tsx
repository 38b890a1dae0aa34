import React from 'react';
import {wrapText} from '../../model/format.js';
import {describeQuery} from '../../model/metricQueries.js';
import {fitLine, type Line} from '../widgets/line.js';
import {Panel} from '../widgets/Panel.js';
import {promptLine, withPromptLast} from '../widgets/TextPrompt.js';
import {metricChartLines} from './MetricChart.js';
import {BrowserPanel} from './BrowserPanel.js';
import {boardNotes, metricsView, type MetricsUi} from './metricsView.js';
import type {PaneProps} from './paneProps.js';

import {metricLine, metricTable} from './metricLines.js';

export {metricLine};

export function MetricsPane({live, ui, width, height, focused, now, windowMs}: PaneProps<MetricsUi>) {
	const metrics = live.sources.metrics;
	// The alarms source failed: its rows are the last good ones, their state may be old.
	const alarmsStale = live.sources.alarms.error !== undefined;
	const minutes = Math.round(windowMs / 60_000);
	const windowText = `last ${minutes >= 60 ? `${Math.round((minutes / 60) * 10) / 10}h` : `${minutes}m`}`;
	if (ui.browser || ui.picker)
		return <BrowserPanel live={live} ui={ui} width={width} height={height} focused={focused} now={now} windowMs={windowMs} />;
	const view = metricsView(live, ui, {width, height}, now);
	const {series, watching, inner, bodyRows, cursor, top} = view;
	if (ui.chart !== undefined) {
		const chart = view.chart;
		const how = chart ? describeQuery(chart.series.query) : undefined;
		return (
			<Panel
				title="Metric"
				subtitle={`${chart?.series.spec.label ?? ui.chart} · ${windowText}${how ? ` · ${how}` : ''} · Esc back`}
				width={width}
				height={height}
				focused={focused}
				lines={
					chart
						? metricChartLines(chart.series, chart.watching, inner, bodyRows, windowMs, now, alarmsStale)
						: [[{text: 'Loading metrics…', dim: true}]]
				}
			/>
		);
	}
	const lines: Line[] = [...view.status];
	for (const note of boardNotes(live)) {
		// A warning is read whole; the other notes are cut at the edge (z shows more).
		if (note.warn) for (const text of wrapText(note.text, Math.max(10, inner))) lines.push([{text, color: 'yellow'}]);
		else lines.push(fitLine([{text: note.text, dim: true}], inner));
	}
	if (metrics.series.length > 0 && series.length === 0) lines.push([{text: `No metric label contains "${ui.filter.text}".`, dim: true}]);
	const table = metricTable(series, watching, inner, windowMs, now, alarmsStale);
	for (let index = top; index < series.length && index < top + view.listRows; index++) {
		// A dashboard widget's title over its rows (also over the first row shown when scrolled into a widget).
		const heading = view.headings[index] ?? (index === top ? series[index].spec.group : undefined);
		if (heading !== undefined) lines.push(fitLine([{text: `─ ${heading} `, bold: true, color: 'magenta'}], inner));
		lines.push(metricLine(table, index, focused && index === cursor));
	}
	// Summed from ListMetrics: the endpoint did not evaluate SEARCH (moto, LocalStack).
	const listed = metrics.series.filter((item) => item.query?.mode === 'math' || item.query?.mode === 'client').length;
	const shown = series.length === metrics.series.length ? `${series.length}` : `${series.length} of ${metrics.series.length}`;
	return (
		<Panel
			title="Metrics"
			subtitle={`${metrics.board?.dashboard ? `dashboard ${metrics.board.dashboard} · ` : ''}${windowText} · period ${metrics.series[0]?.spec.period ?? 60}s${listed > 0 ? ` · ${listed} summed via ListMetrics` : ''}`}
			width={width}
			height={height}
			focused={focused}
			lines={withPromptLast(lines, bodyRows, promptLine(ui.filter, inner, `${series.length} match`))}
			footer={series.length > 0 ? `${Math.min(cursor + 1, series.length)}/${shown}` : undefined}
		/>
	);
}
