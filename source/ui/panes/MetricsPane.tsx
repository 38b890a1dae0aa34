import React, {useMemo, useState} from 'react';
import {describeThreshold} from '../../model/alarms.js';
import {formatValue} from '../../model/format.js';
import {alarmsWatching} from '../../model/metricBoard.js';
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

const THRESHOLD_WIDTH = 6;

/**
 * One metric: label, last value, sparkline over the window (as wide as the pane allows),
 * min/max and the threshold of an alarm that watches it; red while that alarm is in ALARM.
 */
export function metricLine(series: MetricSeries, watching: readonly AlarmRow[], width: number, windowMs: number, now: number, selected: boolean): Line {
	const labelWidth = Math.min(22, Math.max(18, Math.floor(width * 0.3)));
	const {unit} = series.spec;
	const firing = watching.some((alarm) => alarm.state === 'ALARM');
	const threshold = watching.find((alarm) => alarm.threshold !== undefined);
	// A fixed column, so every sparkline starts and ends at the same place.
	const thresholdText = ` ${cell(threshold ? `${firing ? '✖' : '⚑'}${describeThreshold(threshold).replace(' ', '')}` : '', THRESHOLD_WIDTH)}`;
	const marker = {text: selected ? '›' : ' ', color: 'cyan', bold: true};
	const label = {text: `${cell(series.spec.label, labelWidth)} `, inverse: selected, color: firing ? 'red' : undefined, bold: firing};
	if (!series.hasData) {
		return [marker, label, {text: cell('no data', 8, 'right'), color: 'gray'}];
	}
	const values = windowValues(series, windowMs, now);
	const stats = seriesStats(series, values);
	const statsText = ` ${cell(`↓${formatValue(stats.min, unit)} ↑${formatValue(stats.max, unit)}`, 12)}`;
	const sparkWidth = Math.max(0, width - 1 - labelWidth - 1 - 8 - 1 - statsText.length - thresholdText.length);
	return [
		marker,
		label,
		{text: cell(formatValue(stats.last, unit), 8, 'right'), bold: true, color: firing ? 'red' : undefined},
		{text: ' '},
		{text: sparkline(stretch(values, sparkWidth), sparkWidth), color: firing ? 'red' : 'cyan'},
		{text: statsText, dim: true},
		{text: thresholdText, color: firing ? 'red' : 'yellow', bold: firing},
	];
}

export function MetricsPane({engine, live, width, height, focused, now}: PaneProps) {
	const metrics = live.sources.metrics;
	const alarmRows = live.sources.alarms.rows;
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
	const status = paneStatusLines(metrics, series.length === 0, 'metrics', inner, live.interval, now);
	const offset = useScrollOffset(cursor, bodyRows - status.length, series.length);
	const minutes = Math.round(windowMs / 60_000);
	const windowText = `last ${minutes >= 60 ? `${Math.round((minutes / 60) * 10) / 10}h` : `${minutes}m`}`;
	const chartIndex = chart === undefined ? -1 : series.findIndex((item) => item.spec.id === chart);
	if (chartIndex >= 0) {
		return (
			<Panel
				title="Metric"
				subtitle={`${series[chartIndex].spec.label} · ${windowText} · Esc back`}
				width={width}
				height={height}
				focused={focused}
				lines={metricChartLines(series[chartIndex], watching[chartIndex], inner, bodyRows, windowMs, now)}
			/>
		);
	}
	const lines: Line[] = [...status];
	for (let index = offset; index < series.length && lines.length < bodyRows; index++) {
		lines.push(metricLine(series[index], watching[index], inner, windowMs, now, focused && index === cursor));
	}
	return (
		<Panel
			title="Metrics"
			subtitle={`${windowText} · period ${series[0]?.spec.period ?? 60}s`}
			width={width}
			height={height}
			focused={focused}
			lines={lines}
			footer={series.length > 0 ? `${Math.min(cursor + 1, series.length)}/${series.length}` : undefined}
		/>
	);
}
