// One metric as a row of the Metrics pane: label, last value, sparkline, min/max, alarm flag.
import {formatValue} from '../../model/format.js';
import {alarmFlag} from '../../model/metricBoard.js';
import {isTrusted} from '../../model/metricQueries.js';
import {seriesStats, windowValues} from '../../model/metricWindow.js';
import {sparkline, stretch} from '../../model/sparkline.js';
import type {AlarmRow, MetricSeries} from '../../model/types.js';
import {cell, type Line} from '../widgets/line.js';

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

