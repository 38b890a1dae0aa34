import React, {useMemo, useState} from 'react';
import {formatValue, wrapText} from '../../model/format.js';
import {alarmFlag, alarmsWatching} from '../../model/metricBoard.js';
import {describeQuery, isTrusted} from '../../model/metricQueries.js';
import {seriesStats, windowValues} from '../../model/metricWindow.js';
import {sparkline, stretch} from '../../model/sparkline.js';
import type {AlarmRow, MetricSeries} from '../../model/types.js';
import {cell, type Line} from '../widgets/line.js';
import {Panel} from '../widgets/Panel.js';
import {useListCursor, usePaneKeys} from '../paneInput.js';
import {useScrollOffset} from '../useScrollOffset.js';
import {metricChartLines} from './MetricChart.js';
import type {PaneProps} from './paneProps.js';
import {paneStatusLines} from './paneStatus.js';

const THRESHOLD_WIDTH = 7;

/**
 * One metric: label, last value, sparkline over the window (as wide as the pane allows; a
 * period without a datapoint is blank), min/max over the periods that have one, and the
 * threshold of an alarm that watches it: red while that alarm is in ALARM, `⚑>10?` in yellow
 * when the alarm rows are stale (their state now is unknown). A value whose fetch was not
 * complete ends in `?`; a metric never seen reads "no data", or "unknown" if the fetch failed.
 */
export function metricLine(
	series: MetricSeries,
	watching: readonly AlarmRow[],
	width: number,
	windowMs: number,
	now: number,
	selected: boolean,
	alarmsStale = false,
): Line {
	const labelWidth = Math.min(22, Math.max(18, Math.floor(width * 0.3)));
	const {unit} = series.spec;
	const flag = alarmFlag(watching, alarmsStale);
	const {firing} = flag;
	// A fixed column, so every sparkline starts and ends at the same place.
	const thresholdText = ` ${cell(flag.text, THRESHOLD_WIDTH)}`;
	const marker = {text: selected ? '›' : ' ', color: 'cyan', bold: true};
	const label = {text: `${cell(series.spec.label, labelWidth)} `, inverse: selected, color: firing ? 'red' : undefined, bold: firing};
	const doubtful = series.status !== undefined && !isTrusted(series.status);
	if (!series.hasData) {
		return [marker, label, doubtful ? {text: cell('unknown', 8, 'right'), color: 'yellow'} : {text: cell('no data', 8, 'right'), color: 'gray'}];
	}
	const values = windowValues(series, windowMs, now);
	const stats = seriesStats(series, values);
	const statsText = ` ${cell(`↓${formatValue(stats.min, unit)} ↑${formatValue(stats.max, unit)}`, 12)}`;
	const sparkWidth = Math.max(0, width - 1 - labelWidth - 1 - 8 - 1 - statsText.length - thresholdText.length);
	const last = formatValue(stats.last, unit);
	return [
		marker,
		label,
		doubtful
			? {text: cell(`${last}?`, 8, 'right'), bold: true, color: 'yellow'}
			: {text: cell(last, 8, 'right'), bold: true, color: firing ? 'red' : undefined},
		{text: ' '},
		{text: sparkline(stretch(values, sparkWidth), sparkWidth), color: firing ? 'red' : 'cyan'},
		{text: statsText, dim: true},
		{text: thresholdText, color: firing ? 'red' : 'yellow', bold: firing},
	];
}

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
	for (let index = offset; index < series.length && lines.length < bodyRows; index++) {
		lines.push(metricLine(series[index], watching[index], inner, windowMs, now, focused && index === cursor, alarmsStale));
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
