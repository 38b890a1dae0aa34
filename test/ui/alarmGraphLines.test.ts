// The alarm graph's lines from known data: which columns are red and marked, which shaded,
// where the threshold or the band is, and what is said instead of a graph.
import {describe, expect, it} from 'vitest';
import type {AlarmGraphView, AlarmHistoryView} from '../../source/live/state.js';
import type {AlarmGraphData} from '../../source/model/alarmGraph.js';
import type {AlarmRow} from '../../source/model/types.js';
import {alarmGraphLines, GRAPH_MARKS} from '../../source/ui/panes/alarmGraphLines.js';
import type {Line} from '../../source/ui/widgets/line.js';

const MINUTE = 60_000;
const START = Date.UTC(2026, 10, 24, 2, 0);
const ALARM: AlarmRow = {name: 'load', kind: 'metric', state: 'OK', threshold: 40, comparisonOperator: 'GreaterThanThreshold'};
/** 10 periods over 8 + 40 columns: four columns a period. */
const WIDTH = 48;

const data = (values: Array<number | undefined>, extra: Partial<AlarmGraphData> = {}): AlarmGraphData => ({
	label: 'Load Maximum',
	periodSec: 60,
	start: START,
	end: START + values.length * MINUTE,
	values,
	threshold: 40,
	comparison: 'GreaterThanThreshold',
	...extra,
});
const view = (graph: AlarmGraphData | undefined, extra: Partial<AlarmGraphView> = {}): AlarmGraphView => ({
	alarmName: 'load',
	loading: false,
	data: graph,
	fetchedAt: START,
	...extra,
});
const noHistory: AlarmHistoryView = {alarmName: 'load', items: [], loading: false};
const text = (line: Line) => line.map((segment) => segment.text).join('');
/** The chart's columns (after the 8-column axis) of a line, one segment per column. */
function cells(line: Line) {
	const out: Array<{glyph: string; color?: string; bold?: boolean; background?: string}> = [];
	for (const segment of line)
		for (const glyph of segment.text) out.push({glyph, color: segment.color, bold: segment.bold, background: segment.backgroundColor});
	return out.slice(7);
}
const period = (column: number) => Math.floor(column / 4);
/** The chart's rows (from the top tick), its axis and the row of the time in ALARM under it. */
function chartOf(lines: Line[]): {rows: Line[]; axis: Line; alarm?: Line} {
	const first = lines.findIndex((line) => /^ *\S*┤/.test(text(line)));
	const axis = lines.findIndex((line) => text(line).includes('└'));
	const alarm = text(lines[axis + 1]).startsWith(' ALARM ') ? lines[axis + 1] : undefined;
	return {rows: lines.slice(first, axis), axis: lines[axis], alarm};
}

describe('alarmGraphLines', () => {
	const values = [10, 10, 60, 10, undefined, undefined, 10, 10, 80, 10];

	it('breaching columns red, bold and ▲ under the axis; the threshold dashed on its row; missing periods blank', () => {
		const lines = alarmGraphLines(ALARM, view(data(values)), noHistory, WIDTH, 6, START);
		expect(text(lines[0])).toBe('Graph  Load Maximum · 1 min periods · last 10m');
		const {rows: chart, axis: axisLine} = chartOf(lines);
		const axis = cells(axisLine);
		expect(axis).toHaveLength(40);
		axis.forEach((cell, column) => {
			const breach = values[period(column)] !== undefined && values[period(column)]! > 40;
			expect(cell.glyph).toBe(breach ? GRAPH_MARKS.breach : GRAPH_MARKS.axis);
			if (breach) expect(cell).toMatchObject({color: 'red', bold: true});
		});
		for (const row of chart) {
			cells(row).forEach((cell, column) => {
				if (cell.glyph === ' ' || cell.glyph === GRAPH_MARKS.threshold) return;
				expect(cell.color).toBe(values[period(column)]! > 40 ? 'red' : 'cyan');
			});
		}
		// 0..80 over six rows: 40 is on row 3 (rounded from 2.5), dashed only where nothing is drawn.
		expect(chart.map((row) => text(row).includes(GRAPH_MARKS.threshold))).toEqual([false, false, false, true, false, false]);
		// Never in ALARM: no row for it.
		expect(chartOf(lines).alarm).toBeUndefined();
		const bottom = cells(chart[5]);
		for (let column = 16; column < 24; column++) expect(bottom[column].glyph).toBe(' ');
		expect(bottom[0].glyph).not.toBe(' ');
	});

	it('shades the time in ALARM and draws it ━ on a row of its own under the axis, breaching or not', () => {
		const history: AlarmHistoryView = {
			alarmName: 'load',
			loading: false,
			items: [
				{timestamp: START + 2 * MINUTE, oldState: 'OK', newState: 'ALARM'},
				{timestamp: START + 5 * MINUTE, oldState: 'ALARM', newState: 'OK'},
			],
		};
		const lines = alarmGraphLines(ALARM, view(data(values)), history, WIDTH, 6, START);
		expect(text(lines[1])).toContain(`${GRAPH_MARKS.alarm} in ALARM`);
		const {rows, axis: axisLine, alarm} = chartOf(lines);
		const inAlarm = (column: number) => period(column) >= 2 && period(column) < 5;
		cells(alarm!).forEach((cell, column) => {
			if (inAlarm(column)) expect(cell).toMatchObject({glyph: GRAPH_MARKS.alarm, color: 'red'});
			else expect(cell.glyph).toBe(' ');
		});
		// Period 2 breached while in ALARM: ▲ on the axis, ━ under it.
		cells(axisLine).forEach((cell, column) =>
			expect(cell.glyph).toBe(period(column) === 2 || period(column) === 8 ? GRAPH_MARKS.breach : GRAPH_MARKS.axis),
		);
		const top = cells(rows[0]);
		top.forEach((cell, column) => expect(Boolean(cell.background)).toBe(inAlarm(column)));
	});

	it('an unknown threshold is not drawn (never as 0) and nothing is called breaching', () => {
		const lines = alarmGraphLines(ALARM, view(data(values, {threshold: undefined})), noHistory, WIDTH, 6, START);
		const all = lines.map(text).join('\n');
		expect(all).toContain('threshold unknown (not in the answer)');
		expect(all).not.toContain(GRAPH_MARKS.threshold);
		expect(all.split('\n').at(-2)).not.toContain(GRAPH_MARKS.breach);
	});

	it('an anomaly band is shaded around the values, which breach outside it', () => {
		// Above the band at period 2, below it at period 8.
		const around = [10, 10, 30, 10, undefined, undefined, 10, 10, 2, 10];
		const band = {lower: around.map(() => 5), upper: around.map(() => 20)};
		const graph = data(around, {threshold: undefined, comparison: 'LessThanLowerOrGreaterThanUpperThreshold', band});
		const lines = alarmGraphLines(
			{...ALARM, threshold: undefined, comparisonOperator: 'LessThanLowerOrGreaterThanUpperThreshold'},
			view(graph),
			noHistory,
			WIDTH,
			8,
			START,
		);
		const all = lines.map(text).join('\n');
		expect(all).toContain(`${GRAPH_MARKS.band} anomaly band`);
		expect(all).not.toContain(GRAPH_MARKS.threshold);
		const {rows, axis: axisLine} = chartOf(lines);
		expect(rows).toHaveLength(8);
		const chart = rows.map((row) => cells(row));
		// A quiet period (10): its column shows only its top, with the band above and below it.
		const column = 0;
		const drawn = chart.map((row) => row[column].glyph);
		expect(drawn.filter((glyph) => glyph !== ' ' && glyph !== GRAPH_MARKS.band)).toHaveLength(1);
		expect(drawn.filter((glyph) => glyph === GRAPH_MARKS.band).length).toBeGreaterThanOrEqual(2);
		const axis = cells(axisLine);
		expect(axis.map((cell, index) => (cell.glyph === GRAPH_MARKS.breach ? period(index) : -1)).filter((at) => at >= 0)).toEqual([
			2, 2, 2, 2, 8, 8, 8, 8,
		]);
	});

	it('says it loads, says what failed, and says no data rather than drawing zeros', () => {
		expect(alarmGraphLines(ALARM, undefined, undefined, WIDTH, 6, START).map(text)).toEqual([
			'Graph',
			'Loading the graph (GetMetricData)…',
		]);
		const error = {
			message: 'Access denied to cloudwatch:GetMetricData.',
			code: 'AccessDenied',
			kind: 'denied' as const,
			throttled: false,
			operation: 'x',
			at: START,
		};
		const failed = alarmGraphLines(ALARM, view(undefined, {error}), noHistory, WIDTH, 6, START).map(text);
		expect(failed.join(' ')).toContain('⚠ Access denied to cloudwatch:GetMetricData.');
		expect(failed.join(' ')).not.toContain('Loading');
		const empty = alarmGraphLines(ALARM, view(data([undefined, undefined])), noHistory, WIDTH, 6, START).map(text);
		expect(empty.at(-1)).toBe('no data: the metric reported nothing in the last 2m.');
		expect(empty.join('\n')).not.toContain('┤');
	});
});
