// The Metrics pane's table: one metric a row (label, last value, sparkline, min/max, alarm
// flag), its columns laid out for the board, and one metric as a row.
import {displayWidth, formatValue} from '../../model/format.js';
import {alarmFlag, type AlarmFlag} from '../../model/metricBoard.js';
import {isTrusted} from '../../model/metricQueries.js';
import {seriesStats, windowValues} from '../../model/metricWindow.js';
import {sparkline, stretch} from '../../model/sparkline.js';
import type {AlarmRow, MetricSeries} from '../../model/types.js';
import {tableLayout, tableRow, type ColumnSpec, type TableLayout} from '../widgets/columns.js';
import type {Line, Segment} from '../widgets/line.js';

const LABEL = 0;
const LAST = 1;
const SPARK = 2;
const RANGE = 3;
const FLAG = 4;

/** What a row shows, worked out once a frame. */
type MetricCells = {
	series: MetricSeries;
	flag: AlarmFlag;
	/** The fetch was not complete: the value ends in `?`. */
	doubtful: boolean;
	values: Array<number | undefined>;
	last: string;
	range: string;
};

export type MetricTable = TableLayout & {rows: readonly MetricCells[]};

/** Room for the selection mark before the columns. */
const LEAD = 1;

/**
 * The columns: the sparkline has at least half the line (`sparkMin`) and takes what
 * is left; min/max goes before the label is cut, and the alarm flag (the threshold) is never
 * cut. Numbers are never cut either: their columns are as wide as the widest on the board.
 */
function metricColumns(sparkMin: number): ColumnSpec[] {
	return [
		{title: '', min: 12, preferred: 'content', max: 40, whole: true},
		{title: '', min: 'content', preferred: 'content', align: 'right'},
		{title: '', min: sparkMin, preferred: sparkMin, flex: 1},
		{title: '', min: 'content', preferred: 'content', drop: 1},
		{title: '', min: 'content', preferred: 'content'},
	];
}

/**
 * The board as a table in `width` columns (every metric, so the columns hold still while the
 * list scrolls): label, last value, sparkline over the window (a period without a datapoint is
 * blank), min/max over the periods that have one, and the threshold of an alarm that watches
 * it: red while that alarm is in ALARM, `⚑>10?` in yellow when the alarm rows are stale (their
 * state now is unknown). A value whose fetch was not complete ends in `?`.
 */
export function metricTable(
	series: readonly MetricSeries[],
	watching: ReadonlyArray<readonly AlarmRow[]>,
	width: number,
	windowMs: number,
	now: number,
	alarmsStale = false,
): MetricTable {
	const content = [0, 0, 0, 0, 0];
	const rows = series.map((item, index): MetricCells => {
		const flag = alarmFlag(watching[index] ?? [], alarmsStale);
		const doubtful = item.status !== undefined && !isTrusted(item.status);
		content[LABEL] = Math.max(content[LABEL], displayWidth(item.spec.label));
		content[FLAG] = Math.max(content[FLAG], displayWidth(flag.text));
		if (!item.hasData) return {series: item, flag, doubtful, values: [], last: '', range: ''};
		const {unit} = item.spec;
		const values = windowValues(item, windowMs, now);
		const stats = seriesStats(item, values);
		const last = `${formatValue(stats.last, unit)}${doubtful ? '?' : ''}`;
		const range = `↓${formatValue(stats.min, unit)} ↑${formatValue(stats.max, unit)}`;
		content[LAST] = Math.max(content[LAST], displayWidth(last));
		content[RANGE] = Math.max(content[RANGE], displayWidth(range));
		return {series: item, flag, doubtful, values, last, range};
	});
	// A blank column at the right: the last number does not touch the pane's border.
	const available = width - LEAD - 1;
	return {...tableLayout(metricColumns(Math.ceil(width / 2)), available, content), rows};
}

/** One metric of the table; a metric never seen reads "no data", "unknown" if the fetch failed, "loading…" until first fetched (a row just added). */
export function metricLine(table: MetricTable, index: number, selected: boolean): Line {
	const {series, flag, doubtful, values, last, range} = table.rows[index];
	const {firing} = flag;
	const marker: Segment = {text: selected ? '›' : ' ', color: 'cyan', bold: true};
	const label: Segment = {text: series.spec.label, inverse: selected, color: firing ? 'red' : undefined, bold: firing};
	if (!series.hasData) {
		// Where the value and the sparkline would be: right-aligned under the values, as far as it needs.
		const note: Segment = doubtful
			? {text: 'unknown', color: 'yellow'}
			: series.status === undefined
				? {text: 'loading…', color: 'gray'}
				: {text: 'no data', color: 'gray'};
		const room = Math.max(table.widths[LAST], displayWidth(note.text));
		return tableRow({columns: table.columns.slice(0, 2), widths: [table.widths[LABEL], room]}, [marker], [label, note]);
	}
	const sparkWidth = table.widths[SPARK];
	return tableRow(
		table,
		[marker],
		[
			label,
			doubtful ? {text: last, bold: true, color: 'yellow'} : {text: last, bold: true, color: firing ? 'red' : undefined},
			{text: sparkline(stretch(values, sparkWidth), sparkWidth), color: firing ? 'red' : 'cyan'},
			{text: range, dim: true},
			{text: flag.text, color: firing ? 'red' : 'yellow', bold: firing},
		],
	);
}
