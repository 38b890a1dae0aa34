import React, {useMemo, useState} from 'react';
import {wrapText} from '../../model/format.js';
import {alarmsWatching} from '../../model/metricBoard.js';
import {describeQuery} from '../../model/metricQueries.js';
import {type Line} from '../widgets/line.js';
import {Panel} from '../widgets/Panel.js';
import {useListCursor, usePaneKeys} from '../paneInput.js';
import {useScrollOffset} from '../useScrollOffset.js';
import {metricChartLines} from './MetricChart.js';
import type {PaneProps} from './paneProps.js';
import {paneStatusLines} from './paneStatus.js';

import {metricLine, metricTable} from './metricLines.js';

export {metricLine};

export function MetricsPane({engine, live, width, height, focused, now}: PaneProps) {
	const metrics = live.sources.metrics;
	const alarmRows = live.sources.alarms.rows;
	// The alarms source failed: its rows are the last good ones, their state may be old.
	const alarmsStale = live.sources.alarms.error !== undefined;
	const {windowMs} = engine.context.options;
	const inner = width - 2;
	const bodyRows = Math.max(0, height - 2);
	const {series} = metrics;
	const watching = useMemo(() => series.map((item) => alarmsWatching(item.spec, alarmRows)), [series, alarmRows]);
	const [chart, setChart] = useState<string | undefined>();
	const list = useListCursor(series.length, Math.max(1, bodyRows - 1));
	const {cursor} = list;
	usePaneKeys('metrics', ({command}) => {
		if (chart !== undefined) {
			if (command !== 'view.back') return false;
			setChart(undefined);
			return true;
		}
		if (command === 'view.open' && series[cursor]) {
			setChart(series[cursor].spec.id);
			return true;
		}
		return list.handle(command);
	});
	const statusLines = paneStatusLines(metrics, series.length === 0, 'metrics', inner, live.interval, now);
	// The metrics' own note (e.g. ListMetrics failing) when the source itself answered.
	const status: Line[] =
		statusLines.length > 0 || !metrics.notice ? statusLines : wrapText(`⚠ ${metrics.notice}`, Math.max(10, inner)).map((text) => [{text, color: 'yellow'}]);
	const offset = useScrollOffset(cursor, bodyRows - status.length, series.length);
	const minutes = Math.round(windowMs / 60_000);
	const windowText = `last ${minutes >= 60 ? `${Math.round((minutes / 60) * 10) / 10}h` : `${minutes}m`}`;
	const chartIndex = chart === undefined ? -1 : series.findIndex((item) => item.spec.id === chart);
	if (chartIndex >= 0) {
		const how = describeQuery(series[chartIndex].query);
		return (
			<Panel
				title="Metric"
				subtitle={`${series[chartIndex].spec.label} · ${windowText}${how ? ` · ${how}` : ''} · Esc back`}
				width={width}
				height={height}
				focused={focused}
				lines={metricChartLines(series[chartIndex], watching[chartIndex], inner, bodyRows, windowMs, now, alarmsStale)}
			/>
		);
	}
	const lines: Line[] = [...status];
	const table = metricTable(series, watching, inner, windowMs, now, alarmsStale);
	for (let index = offset; index < series.length && lines.length < bodyRows; index++) {
		lines.push(metricLine(table, index, focused && index === cursor));
	}
	// Summed from ListMetrics: the endpoint did not evaluate SEARCH (moto, LocalStack).
	const listed = series.filter((item) => item.query?.mode === 'math' || item.query?.mode === 'client').length;
	return (
		<Panel
			title="Metrics"
			subtitle={`${windowText} · period ${series[0]?.spec.period ?? 60}s${listed > 0 ? ` · ${listed} summed via ListMetrics` : ''}`}
			width={width}
			height={height}
			focused={focused}
			lines={lines}
			footer={series.length > 0 ? `${Math.min(cursor + 1, series.length)}/${series.length}` : undefined}
		/>
	);
}
