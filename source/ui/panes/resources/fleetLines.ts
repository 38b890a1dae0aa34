// The Fleet sub-tab's lines: connected and disconnected now (counts, shares, a bar, the
// sparkline of the connected count), why things dropped, the breakdowns by type and by the
// chosen field, and the recent disconnects; two columns when the pane is wide. Each figure
// says for itself when it failed or when the endpoint lacks it (never a 0). With the index
// off, or without connectivity, one sentence says what turning it on would give, and the
// logs' view follows, labelled as such.
import type {FleetSlice} from '../../../live/engine.js';
import {
	ago,
	formatCount,
	formatShare,
	indexGap,
	shareBar,
	type FleetBreakdownRow,
	type FleetBucket,
	type FleetFigure,
	type FleetFromLogs,
} from '../../../model/fleet.js';
import {sparkline} from '../../../model/sparkline.js';
import {cell, fitLine, textWidth, type Line} from '../../widgets/line.js';
import {wrapped} from '../paneStatus.js';

const LABEL = 13;
/** At least this many columns: two columns side by side. */
const TWO_COLUMNS = 100;
/** Rows of a list (reasons, breakdowns) shown at most. */
const LIST_ROWS = 10;

/** What a figure shows instead of a value: loading, its error, or that the endpoint lacks it. */
function figureProblem(figure: FleetFigure<unknown>): Line | undefined {
	if (figure.error) {
		if (figure.error.kind === 'unavailable') return [{text: 'not available from this endpoint', color: 'gray'}];
		return [{text: `⚠ ${figure.error.message}`, color: 'yellow'}];
	}
	if (figure.value === undefined) return [{text: '…', dim: true}];
	return undefined;
}

function heading(text: string): Line {
	return [{text, bold: true, color: 'cyan'}];
}

function countLine(label: string, figure: FleetFigure<number>, whole: number | undefined, color: string, barWidth: number): Line {
	const problem = figureProblem(figure);
	const head: Line = [{text: cell(label, LABEL), dim: true}];
	if (problem) return [...head, ...problem];
	const count = figure.value!;
	return [
		...head,
		{text: cell(formatCount(count), 10, 'right'), color, bold: true},
		{text: ` ${cell(whole === undefined ? '' : formatShare(count, whole), 5, 'right')} `},
		{text: whole === undefined ? '' : shareBar(count, whole, barWidth), color},
	];
}

function bucketLines(buckets: readonly FleetBucket[], width: number, color: string): Line[] {
	if (buckets.length === 0) return [[{text: '  none', dim: true}]];
	const keyWidth = Math.min(28, Math.max(...buckets.map((bucket) => textWidth(bucket.key))));
	const max = Math.max(...buckets.map((bucket) => bucket.count));
	const barWidth = Math.max(4, width - keyWidth - 12);
	const lines = buckets
		.slice(0, LIST_ROWS)
		.map((bucket): Line => [
			{text: `  ${cell(bucket.key, keyWidth)} `},
			{text: cell(formatCount(bucket.count), 7, 'right')},
			{text: ' '},
			{text: shareBar(bucket.count, max, barWidth).replaceAll('░', ' '), color},
		]);
	if (buckets.length > LIST_ROWS) lines.push([{text: `  … ${buckets.length - LIST_ROWS} more`, dim: true}]);
	return lines;
}

function breakdownLines(title: string, figure: FleetFigure<FleetBreakdownRow[]>, width: number): Line[] {
	const problem = figureProblem(figure);
	if (problem) return [[...heading(title), {text: ' '}, ...problem]];
	const rows = figure.value!;
	const lines: Line[] = [[...heading(title), {text: '  down / all', dim: true}]];
	if (rows.length === 0) return [...lines, [{text: '  none', dim: true}]];
	const keyWidth = Math.min(24, Math.max(...rows.map((row) => textWidth(row.key))));
	const barWidth = Math.max(4, width - keyWidth - 22);
	for (const row of rows.slice(0, LIST_ROWS)) {
		const down = row.disconnected;
		lines.push([
			{text: `  ${cell(row.key, keyWidth)} `},
			{text: cell(down === undefined ? '?' : formatCount(down), 6, 'right'), color: down ? 'yellow' : undefined},
			{text: ` / ${cell(formatCount(row.total), 7)} `, dim: true},
			{text: down === undefined ? '' : shareBar(down, row.total, barWidth), color: 'yellow'},
		]);
	}
	if (rows.length > LIST_ROWS) lines.push([{text: `  … ${rows.length - LIST_ROWS} more`, dim: true}]);
	return lines;
}

function recentLines(slice: FleetSlice, width: number, now: number): Line[] {
	const {recent, recentCount, recentMinutes} = slice;
	const count = recentCount.value === undefined || recentCount.error ? undefined : recentCount.value;
	const lines: Line[] = [
		[
			...heading(`Recent disconnects`),
			{
				text: count === undefined ? ` (last ${recentMinutes} min)` : ` ${formatCount(count)} (last ${recentMinutes} min, still down)`,
				dim: true,
			},
		],
	];
	const problem = figureProblem(recent);
	if (problem) return [...lines, [{text: '  '}, ...problem]];
	const {things, more} = recent.value!;
	if (things.length === 0) return [...lines, [{text: '  none', dim: true}]];
	const nameWidth = Math.min(32, Math.max(...things.map((thing) => textWidth(thing.thingName))), Math.max(10, width - 30));
	for (const thing of things) {
		lines.push([
			{text: `  ${cell(thing.thingName, nameWidth)} `},
			{text: cell(thing.at === undefined ? '?' : ago(thing.at, now), 4, 'right'), dim: true},
			{text: ` ${thing.reason ?? '?'}`, color: 'yellow'},
		]);
	}
	if (more) lines.push([{text: `  … more than ${formatCount(things.length)}`, dim: true}]);
	return lines;
}

/** What the logs say (the index cannot): each client id's last Connect or Disconnect. */
function logLines(logs: FleetFromLogs, width: number, now: number): Line[] {
	const minutes = logs.since === undefined ? 0 : Math.max(1, Math.round((now - logs.since) / 60_000));
	const clients = logs.connected + logs.disconnected;
	const lines: Line[] = [
		heading(`From the logs, last ${minutes} minutes`),
		...wrapped("each client id's last Connect or Disconnect in the log buffer; devices that logged nothing are not counted", width, '', {
			dim: true,
		}),
	];
	if (clients === 0) return [...lines, [{text: '  no Connect or Disconnect events in the buffer', dim: true}]];
	lines.push(
		[
			{text: cell('Connected', LABEL), dim: true},
			{text: cell(formatCount(logs.connected), 10, 'right'), color: 'green'},
			{text: ` of ${formatCount(clients)} clients`},
		],
		[
			{text: cell('Disconnected', LABEL), dim: true},
			{text: cell(formatCount(logs.disconnected), 10, 'right'), color: 'yellow'},
		],
		heading('Disconnect reasons (logs)'),
		...bucketLines(logs.reasons, width, 'yellow'),
		heading('Recent disconnects (logs)'),
	);
	const down = [...logs.clients.values()].filter((client) => !client.connected).sort((a, b) => b.at - a.at);
	if (down.length === 0) lines.push([{text: '  none', dim: true}]);
	for (const client of down.slice(0, 50)) {
		lines.push([
			{text: `  ${cell(client.clientId, Math.min(32, Math.max(10, width - 30)))} `},
			{text: cell(ago(client.at, now), 4, 'right'), dim: true},
			{text: ` ${client.reason ?? '?'}`, color: 'yellow'},
		]);
	}
	return lines;
}

/** Side by side: `left` in `leftWidth` columns, then `right`. */
function besideEachOther(left: Line[], right: Line[], leftWidth: number, rightWidth: number): Line[] {
	const out: Line[] = [];
	for (let index = 0; index < Math.max(left.length, right.length); index++) {
		out.push([...fitLine(left[index] ?? [], leftWidth), {text: ' '}, ...fitLine(right[index] ?? [], rightWidth)]);
	}
	return out;
}

/** The Fleet view's lines for `width` columns (the caller scrolls them). */
export function fleetLines(slice: FleetSlice, width: number, now: number): Line[] {
	const gap = indexGap(slice.mode);
	if (gap) {
		const what =
			'connected and disconnected counts, disconnect reasons and breakdowns by type and attribute computed by AWS, and the recent disconnects';
		const sentence =
			gap === 'off'
				? `Fleet indexing is off for this account: turn on fleet indexing with connectivity (thingConnectivityIndexingMode STATUS) to see ${what}. iot-top never turns it on.`
				: `The fleet index has no connectivity (thingConnectivityIndexingMode OFF): turn it on (STATUS) to see ${what}. iot-top never turns it on.`;
		const logs = slice.fromLogs ? logLines(slice.fromLogs, width, now) : [[{text: 'Reading the logs…', dim: true}]];
		return [...wrapped(sentence, width, 'ⓘ ', {color: 'cyan'}), [], ...logs];
	}
	const two = width >= TWO_COLUMNS;
	const leftWidth = two ? Math.floor(width * 0.55) : width;
	const left: Line[] = [];
	if (slice.modeError) left.push(...wrapped(slice.modeError.message, leftWidth, '⚠ ', {color: 'gray'}));
	const {connected, disconnected} = slice;
	const whole =
		connected.value !== undefined && disconnected.value !== undefined && !connected.error && !disconnected.error
			? connected.value + disconnected.value
			: undefined;
	// The room after the label, count and share: the sparkline of the connected count gets a third, the bar the rest.
	const room = leftWidth - 31;
	const trendWidth = slice.history.length > 1 ? Math.min(slice.history.length, Math.max(8, Math.floor(room / 3))) : 0;
	const barWidth = Math.max(4, Math.min(24, room - (trendWidth > 0 ? trendWidth + 1 : 0)));
	// Scaled to its own range: a drop from 88% to 78% of a million things must show.
	const range = {min: Math.min(...slice.history), max: Math.max(...slice.history)};
	const trend = trendWidth > 0 ? sparkline(slice.history, trendWidth, range) : '';
	left.push(
		[...countLine('Connected', connected, whole, 'green', barWidth), ...(trend ? [{text: ` ${trend}`, color: 'green'}] : [])],
		countLine('Disconnected', disconnected, whole, 'yellow', barWidth),
	);
	const reasonsProblem = figureProblem(slice.reasons);
	left.push(
		reasonsProblem ? [...heading('Disconnect reasons'), {text: ' '}, ...reasonsProblem] : heading('Disconnect reasons'),
		...(reasonsProblem ? [] : bucketLines(slice.reasons.value!, leftWidth, 'yellow')),
		...breakdownLines('By thing type', slice.byType, leftWidth),
		...breakdownLines(`By ${slice.groupBy}`, slice.byGroup, leftWidth),
	);
	if (!two) return [...left, ...recentLines(slice, width, now)];
	const rightWidth = width - leftWidth - 1;
	return besideEachOther(left, recentLines(slice, rightWidth, now), leftWidth, rightWidth);
}
