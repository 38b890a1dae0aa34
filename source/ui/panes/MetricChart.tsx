// The large chart of one metric (Enter in the Metrics pane): several rows of eighth blocks,
// a y-axis scale, the alarm threshold as a dashed row, and time marks (in the display zone) under the x axis.
import {describeThreshold} from '../../model/alarms.js';
import {formatTime} from '../../model/duration.js';
import {formatValue} from '../../model/format.js';
import {alarmFlag} from '../../model/metricBoard.js';
import {isTrusted} from '../../model/metricQueries.js';
import {seriesStats, windowRange, windowValues} from '../../model/metricWindow.js';
import {chartRows, scaleTicks, stretch} from '../../model/sparkline.js';
import type {AlarmRow, MetricSeries} from '../../model/types.js';
import {cell, type Line} from '../widgets/line.js';

const AXIS_WIDTH = 7;

/** Time marks `HH:MM` under a chart of `width` columns spanning [start, end). */
export function timeMarks(start: number, end: number, width: number): string {
	const label = 5;
	if (width < label) return ' '.repeat(Math.max(0, width));
	const count = Math.max(2, Math.floor(width / 14) + 1);
	const chars = Array.from({length: width}, () => ' ');
	for (let mark = 0; mark < count; mark++) {
		const column = Math.round((mark * (width - label)) / (count - 1));
		const text = formatTime(start + ((end - start) * column) / width, 'minute');
		for (let i = 0; i < label; i++) chars[column + i] = text[i];
	}
	return chars.join('');
}

export function metricChartLines(
	series: MetricSeries,
	watching: readonly AlarmRow[],
	width: number,
	height: number,
	windowMs: number,
	now: number,
	alarmsStale = false,
): Line[] {
	const {unit} = series.spec;
	const values = windowValues(series, windowMs, now);
	const stats = seriesStats(series, values);
	const {firing, alarm: threshold} = alarmFlag(watching, alarmsStale);
	const info: Line = [
		{text: series.spec.label, bold: true, color: firing ? 'red' : undefined},
		{
			text: `  ${series.spec.shownAs ?? `${series.spec.namespace} ${series.spec.metricName}`} ${series.spec.statistic} per ${series.spec.period}s`,
			dim: true,
		},
	];
	// A fetch that was not complete says so, with CloudWatch's (or iot-top's) reason.
	const doubt: Line | undefined =
		series.status !== undefined && !isTrusted(series.status)
			? [{text: `${series.status}${series.messages?.length ? `: ${series.messages.join('; ')}` : ''}`, color: 'yellow'}]
			: undefined;
	if (!series.hasData) {
		return [info, ...(doubt ? [doubt] : [[{text: 'no data: this metric has never reported in the window.', color: 'gray'}]])];
	}
	info.push({text: `  last ${formatValue(stats.last, unit)}  min ${formatValue(stats.min, unit)}  max ${formatValue(stats.max, unit)}`});
	// Stale alarm rows: the threshold is kept, on a line of its own that says the state is unknown.
	const staleAlarm: Line | undefined =
		threshold && alarmsStale
			? [{text: `alarm ${describeThreshold(threshold)} (${threshold.name}), state unknown: alarms not refreshed`, color: 'yellow'}]
			: undefined;
	if (threshold && !staleAlarm)
		info.push({text: `  alarm ${describeThreshold(threshold)} (${threshold.name})`, color: firing ? 'red' : 'yellow', bold: firing});

	const chartWidth = Math.max(1, width - AXIS_WIDTH - 1);
	const notes = [doubt, staleAlarm].filter((line): line is Line => line !== undefined);
	const chartHeight = Math.max(2, height - 3 - notes.length);
	const top = Math.max(stats.max ?? 0, threshold?.threshold ?? 0);
	const bottom = Math.min(0, stats.min ?? 0, threshold?.threshold ?? 0);
	const range = {min: bottom, max: top > bottom ? top : bottom + 1};
	const rows = chartRows(stretch(values, chartWidth), chartWidth, chartHeight, range);
	const ticks = scaleTicks(range.min, range.max, chartHeight);
	// The row whose value band holds the threshold.
	const thresholdRow =
		threshold?.threshold === undefined ? -1 : Math.round(((range.max - threshold.threshold) / (range.max - range.min)) * (chartHeight - 1));
	const lines: Line[] = [info, ...notes];
	rows.forEach((row, index) => {
		const labelled = index === 0 || index === chartHeight - 1 || index === Math.floor((chartHeight - 1) / 2);
		const axis = `${cell(labelled ? formatValue(ticks[index], unit) : '', AXIS_WIDTH - 1, 'right')}${labelled ? '┤' : '│'}`;
		if (index === thresholdRow) {
			lines.push([
				{text: axis, dim: true},
				{text: row.replace(/ /g, '╌'), color: firing ? 'red' : 'yellow'},
			]);
		} else {
			lines.push([
				{text: axis, dim: true},
				{text: row, color: firing ? 'red' : 'cyan'},
			]);
		}
	});
	const {start, end} = windowRange(now, windowMs, series.spec.period * 1000);
	lines.push([{text: `${' '.repeat(AXIS_WIDTH - 1)}└${'─'.repeat(chartWidth)}`, dim: true}]);
	lines.push([{text: `${' '.repeat(AXIS_WIDTH)}${timeMarks(start, end, chartWidth)}`, dim: true}]);
	return lines;
}
