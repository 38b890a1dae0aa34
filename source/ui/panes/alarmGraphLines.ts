// The alarm detail's graph: the alarm's metric over 3x its evaluation periods in eighth blocks,
// the threshold as a dashed row (the anomaly band as a shaded band instead), breaching
// datapoints red and marked ▲ on the axis, the time in ALARM shaded and drawn ━ on a row under
// the axis, and the y-scale and time marks of the big metric chart.
import {describePeriod, describeThreshold} from '../../model/alarms.js';
import {alarmSpans, breaches, columnPeriods, graphRange, rowOf, type AlarmGraphData, type TimeSpan} from '../../model/alarmGraph.js';
import {formatDuration} from '../../model/duration.js';
import {formatValue, wrapText} from '../../model/format.js';
import {chartRows, scaleTicks} from '../../model/sparkline.js';
import type {AlarmRow} from '../../model/types.js';
import type {AlarmGraphView, AlarmHistoryView} from '../../live/state.js';
import {cell, wrapLine, type Line, type Segment} from '../widgets/line.js';
import {timeMarks} from './MetricChart.js';

const AXIS_WIDTH = 7;
export const GRAPH_MARKS = {threshold: '╌', band: '░', breach: '▲', alarm: '━', axis: '─'} as const;
/**
 * The background of the columns in ALARM: one of the 16 named colours, as the whole UI uses, so
 * every colour level (16, 256, truecolor) draws the same screen; the bars, red breaches and the
 * yellow threshold stay readable on it, and the ━ row under the axis says ALARM in red.
 */
const ALARM_SHADE = 'gray';

/** `15m`, `2h`, `1h30m`: how long the graph spans. */
const spanText = (data: AlarmGraphData) => formatDuration(data.end - data.start).replace(/(\d+[hm])00[ms]$/, '$1');

type Column = {value?: number; breach?: boolean; inAlarm: boolean; lower?: number; upper?: number};

function columnsOf(data: AlarmGraphData, width: number, spans: readonly TimeSpan[] | undefined): Column[] {
	const periods = data.values.length;
	const step = (data.end - data.start) / width;
	return Array.from({length: width}, (_, column) => {
		const indices = columnPeriods(column, width, periods);
		let value: number | undefined;
		let lower: number | undefined;
		let upper: number | undefined;
		let breach: boolean | undefined;
		for (const index of indices) {
			const point = data.values[index];
			const edges = {lower: data.band?.lower[index], upper: data.band?.upper[index]};
			if (point !== undefined && (value === undefined || point > value)) value = point;
			if (edges.lower !== undefined && (lower === undefined || edges.lower < lower)) lower = edges.lower;
			if (edges.upper !== undefined && (upper === undefined || edges.upper > upper)) upper = edges.upper;
			const breached = breaches(point, data.comparison, data.threshold, edges);
			if (breached) breach = true;
			else if (breached === false && breach === undefined) breach = false;
		}
		const from = data.start + column * step;
		const inAlarm = spans?.some((span) => span.from < from + step && span.to > from) ?? false;
		return {value, breach, inAlarm, lower, upper};
	});
}

/** Runs of equal style as segments: a row of a few segments rather than one per column. */
function joinRuns(cells: Segment[]): Line {
	const line: Line = [];
	for (const next of cells) {
		const last = line.at(-1);
		if (
			last &&
			last.color === next.color &&
			last.backgroundColor === next.backgroundColor &&
			last.bold === next.bold &&
			last.dim === next.dim
		) {
			last.text += next.text;
		} else {
			line.push({...next});
		}
	}
	return line;
}

/**
 * The graph's lines for `width` columns, its chart `height` rows tall: a title, the chart with
 * its y-scale, the axis (breaches and ALARM time on it) and the time marks. While the first
 * graph loads, or when it failed, a line says so instead.
 */
export function alarmGraphLines(
	alarm: AlarmRow,
	graph: AlarmGraphView | undefined,
	history: AlarmHistoryView | undefined,
	width: number,
	height: number,
	now: number,
): Line[] {
	const data = graph?.data;
	const title: Line = [{text: 'Graph', bold: true}];
	if (data) {
		title.push({text: `  ${data.label} · ${describePeriod(data.periodSec)} periods · last ${spanText(data)}`, dim: true});
	}
	const lines: Line[] = wrapLine(title, width, 7);
	const note = (text: string, color: string) => {
		for (const part of wrapText(text, Math.max(10, width))) lines.push([{text: part, color}]);
	};
	if (graph?.error) {
		const age = data && graph.fetchedAt !== undefined ? ` The graph below is from ${formatDuration(now - graph.fetchedAt)} ago.` : '';
		note(`⚠ ${graph.error.message}${age}`, 'yellow');
	}
	if (!data) {
		if (!graph?.error) lines.push([{text: 'Loading the graph (GetMetricData)…', dim: true}]);
		return lines;
	}
	if (data.status) note(`${data.status}${data.messages?.length ? `: ${data.messages.join('; ')}` : ''}`, 'yellow');
	const bandAlarm = data.comparison !== undefined && /Upper|Lower/.test(data.comparison);
	const legend: Line = [];
	if (bandAlarm) {
		legend.push(
			data.band
				? {text: `${GRAPH_MARKS.band} anomaly band`, color: 'gray'}
				: {text: 'anomaly band unknown (not in the answer)', color: 'yellow'},
		);
	} else if (data.threshold === undefined) {
		legend.push({text: 'threshold unknown (not in the answer)', color: 'yellow'});
	} else {
		legend.push({
			text: `${GRAPH_MARKS.threshold} ${describeThreshold({...alarm, comparisonOperator: data.comparison, threshold: data.threshold})}`,
			color: 'yellow',
		});
	}
	legend.push({text: '  '}, {text: `${GRAPH_MARKS.breach} breaching`, color: 'red', bold: true});
	const spans =
		history && !history.loading && !history.error
			? alarmSpans(history.items, data.start, data.end, {state: alarm.state, since: alarm.stateTransitionedAt})
			: undefined;
	legend.push(
		{text: '  '},
		spans
			? {text: `${GRAPH_MARKS.alarm} in ALARM`, color: 'red'}
			: {text: history?.loading || !history ? 'ALARM time: loading history' : 'ALARM time unknown (no history)', dim: true},
	);
	lines.push(...wrapLine(legend, width, 0));
	if (data.values.every((value) => value === undefined)) {
		// An endpoint without metric math (moto) answers an expression empty: not the same as a quiet metric.
		const what = alarm.expression
			? `the expression returned nothing in the last ${spanText(data)} (an endpoint without metric math, such as moto, answers it empty).`
			: `the metric reported nothing in the last ${spanText(data)}.`;
		lines.push([{text: `no data: ${what}`, color: 'gray'}]);
		return lines;
	}

	const chartWidth = Math.max(1, width - AXIS_WIDTH - 1);
	const chartHeight = Math.max(2, height);
	const range = graphRange(data);
	const columns = columnsOf(data, chartWidth, spans);
	// One value per column: chartRows draws it as it is (no resampling), blank where undefined.
	const rows = chartRows(
		columns.map((column) => column.value),
		chartWidth,
		chartHeight,
		range,
	);
	// Against a band the values are drawn as their tops only, so the band shows around them.
	const topOnly = data.band !== undefined;
	const topRow = columns.map((_, index) => rows.findIndex((row) => row[index] !== ' '));
	const ticks = scaleTicks(range.min, range.max, chartHeight);
	const thresholdRow = data.threshold === undefined || bandAlarm ? -1 : rowOf(data.threshold, range, chartHeight);
	rows.forEach((row, rowIndex) => {
		const labelled = rowIndex === 0 || rowIndex === chartHeight - 1 || rowIndex === Math.floor((chartHeight - 1) / 2);
		const axis = `${cell(labelled ? formatValue(ticks[rowIndex], alarm.unit ?? '') : '', AXIS_WIDTH - 1, 'right')}${labelled ? '┤' : '│'}`;
		const cells: Segment[] = columns.map((column, index) => {
			const glyph = topOnly && rowIndex !== topRow[index] ? ' ' : row[index];
			const background = column.inAlarm ? ALARM_SHADE : undefined;
			if (glyph !== ' ') return {text: glyph, color: column.breach ? 'red' : 'cyan', bold: column.breach, backgroundColor: background};
			if (rowIndex === thresholdRow) return {text: GRAPH_MARKS.threshold, color: 'yellow', backgroundColor: background};
			const inBand =
				column.lower !== undefined &&
				column.upper !== undefined &&
				rowIndex >= rowOf(column.upper, range, chartHeight) &&
				rowIndex <= rowOf(column.lower, range, chartHeight);
			if (inBand) return {text: GRAPH_MARKS.band, color: 'gray', backgroundColor: background};
			return {text: ' ', backgroundColor: background};
		});
		lines.push([{text: axis, dim: true}, ...joinRuns(cells)]);
	});
	const axisCells: Segment[] = columns.map((column) =>
		column.breach ? {text: GRAPH_MARKS.breach, color: 'red', bold: true} : {text: GRAPH_MARKS.axis, dim: true},
	);
	lines.push([{text: `${' '.repeat(AXIS_WIDTH - 1)}└`, dim: true}, ...joinRuns(axisCells)]);
	// The time in ALARM on a row of its own under the axis: it reads without colour, breaching or not.
	if (columns.some((column) => column.inAlarm)) {
		const alarmCells: Segment[] = columns.map((column) => (column.inAlarm ? {text: GRAPH_MARKS.alarm, color: 'red'} : {text: ' '}));
		lines.push([{text: `${cell('ALARM', AXIS_WIDTH - 1, 'right')} `, color: 'red'}, ...joinRuns(alarmCells)]);
	}
	lines.push([{text: `${' '.repeat(AXIS_WIDTH)}${timeMarks(data.start, data.end, chartWidth)}`, dim: true}]);
	return lines;
}
