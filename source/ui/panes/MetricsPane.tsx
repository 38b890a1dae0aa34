import React from 'react';
import {formatValue} from '../../model/format.js';
import {sparkline} from '../../model/sparkline.js';
import type {MetricSeries} from '../../model/types.js';
import {cell, type Line} from '../widgets/line.js';
import {Panel} from '../widgets/Panel.js';
import {useListCursor, usePaneKeys} from '../paneInput.js';
import {useScrollOffset} from '../useScrollOffset.js';
import type {PaneProps} from './paneProps.js';
import {paneStatusLine} from './paneStatus.js';

/**
 * One value per period over the window. CloudWatch leaves out periods with no events, so
 * for a metric that has reported a gap is 0; a metric that never reported has no values.
 */
export function windowValues(series: MetricSeries, windowMs: number, now: number): Array<number | undefined> {
	const period = series.spec.period * 1000;
	const end = Math.ceil(now / period) * period;
	const count = Math.max(1, Math.ceil(windowMs / period));
	const start = end - count * period;
	const values: Array<number | undefined> = new Array<number | undefined>(count).fill(series.hasData ? 0 : undefined);
	for (let i = 0; i < series.timestamps.length; i++) {
		const bucket = Math.floor((series.timestamps[i] - start) / period);
		if (bucket >= 0 && bucket < count) values[bucket] = series.values[i];
	}
	return values;
}

export function metricLine(series: MetricSeries, width: number, windowMs: number, now: number, selected: boolean): Line {
	const labelWidth = Math.min(22, Math.max(18, Math.floor(width * 0.3)));
	const {unit} = series.spec;
	if (!series.hasData) {
		return [
			{text: selected ? '›' : ' ', color: 'cyan', bold: true},
			{text: `${cell(series.spec.label, labelWidth)} `, inverse: selected},
			{text: cell('no data', 8, 'right'), color: 'gray'},
		];
	}
	const last = series.values.at(-1);
	let min = Number.POSITIVE_INFINITY;
	let max = Number.NEGATIVE_INFINITY;
	for (const value of series.values) {
		if (value < min) min = value;
		if (value > max) max = value;
	}
	const stats = ` ${cell(`↓${formatValue(min, unit)} ↑${formatValue(max, unit)}`, 14)}`;
	const sparkWidth = Math.max(0, width - 1 - labelWidth - 1 - 8 - 1 - stats.length);
	return [
		{text: selected ? '›' : ' ', color: 'cyan', bold: true},
		{text: `${cell(series.spec.label, labelWidth)} `, inverse: selected},
		{text: cell(formatValue(last, unit), 8, 'right'), bold: true},
		{text: ' '},
		{text: sparkline(windowValues(series, windowMs, now), sparkWidth), color: 'cyan'},
		{text: stats, dim: true},
	];
}

export function MetricsPane({engine, live, width, height, focused, now}: PaneProps) {
	const metrics = live.sources.metrics;
	const {windowMs} = engine.context.options;
	const inner = width - 2;
	const bodyRows = Math.max(0, height - 2);
	const {series} = metrics;
	const list = useListCursor(series.length, Math.max(1, bodyRows - 1));
	const {cursor} = list;
	usePaneKeys('metrics', ({command}) => list.handle(command));
	const status = paneStatusLine(metrics, series.length === 0, 'metrics');
	const offset = useScrollOffset(cursor, bodyRows - (status ? 1 : 0), series.length);
	const lines: Line[] = status ? [status] : [];
	for (let index = offset; index < series.length && lines.length < bodyRows; index++) {
		lines.push(metricLine(series[index], inner, windowMs, now, focused && index === cursor));
	}
	const minutes = Math.round(windowMs / 60_000);
	return (
		<Panel
			title="Metrics"
			subtitle={`AWS/IoT · last ${minutes >= 60 ? `${minutes / 60}h` : `${minutes}m`}`}
			width={width}
			height={height}
			focused={focused}
			lines={lines}
			footer={series.length > 0 ? `${Math.min(cursor + 1, series.length)}/${series.length}` : undefined}
		/>
	);
}
