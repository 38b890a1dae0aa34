// A CloudWatch dashboard's body (GetDashboard's DashboardBody, a JSON string) as a metrics
// board: each metric widget's rows in the dashboard's order, under the widget's title, with
// the "." rule, per-row and widget stat/period, metric math and hidden rows; the widgets and
// rows iot-top cannot draw are named, never silently dropped. Pure: aws/dashboards.ts
// sanitizes what it returns.
import type {Dimension, MathInput, MetricSpec} from './types.js';

/** CloudWatch's defaults for a metric widget without `stat` / `period`. */
const DEFAULT_STAT = 'Average';
const DEFAULT_PERIOD = 300;

export type DashboardBoard = {
	specs: MetricSpec[];
	/** The widgets not drawn, in words: `text "Runbook"`, `alarm status "Alarms"`. */
	skipped: string[];
	/** Rows not drawn and why (another region, a row that is not a metric). */
	notes: string[];
};

export type DashboardParse = {board: DashboardBoard} | {error: string};

type Options = {
	/** The region iot-top reads: a widget or row of another region is not shown. */
	region?: string;
};

const SKIPPED_TYPES: Record<string, string> = {
	text: 'text',
	log: 'logs',
	alarm: 'alarm status',
	explorer: 'explorer',
	custom: 'custom',
};

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | undefined {
	return typeof value === 'string' && value !== '' ? value : undefined;
}

/** A period CloudWatch accepts (1, 5, 10, 20, 30 or a multiple of 60), else undefined. */
function period(value: unknown): number | undefined {
	return typeof value === 'number' && Number.isInteger(value) && ([1, 5, 10, 20, 30].includes(value) || (value >= 60 && value % 60 === 0))
		? value
		: undefined;
}

/** A GetMetricData id: starts with a lowercase letter, then letters, digits, underscores. */
const ID = /^[a-z][a-zA-Z0-9_]*$/;

/**
 * The expression with each of `ids` renamed by `rename`; quoted strings (SEARCH's) are left
 * as they are.
 */
export function renameIds(expression: string, ids: ReadonlySet<string>, rename: (id: string) => string): string {
	return expression.replace(/'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|[A-Za-z_][A-Za-z0-9_]*/g, (token) =>
		ids.has(token) ? rename(token) : token,
	);
}

/** The ids an expression names (outside quoted strings). */
function namedIds(expression: string): Set<string> {
	const ids = new Set<string>();
	renameIds(expression, new Set([...expression.matchAll(/[A-Za-z_][A-Za-z0-9_]*/g)].map((match) => match[0])), (id) => {
		ids.add(id);
		return id;
	});
	return ids;
}

type Row = {
	kind: 'metric' | 'expression';
	id: string;
	visible: boolean;
	label?: string;
	stat: string;
	period: number;
	region?: string;
	namespace: string;
	metricName: string;
	dimensions: Dimension[];
	expression?: string;
};

/** A widget's rows with "." resolved, options applied over the widget's; undefined rows are not metrics. */
function widgetRows(properties: Record<string, unknown>): {rows: Row[]; bad: number} {
	const widgetStat = text(properties.stat) ?? DEFAULT_STAT;
	const widgetPeriod = period(properties.period) ?? DEFAULT_PERIOD;
	const widgetRegion = text(properties.region);
	const rows: Row[] = [];
	let bad = 0;
	let above: unknown[] = [];
	const metrics = Array.isArray(properties.metrics) ? properties.metrics : [];
	metrics.forEach((entry, index) => {
		if (!Array.isArray(entry)) {
			bad++;
			return;
		}
		const last = entry.at(-1);
		const options = isObject(last) ? last : {};
		const positional = isObject(last) ? entry.slice(0, -1) : entry;
		// CloudWatch names a row without an id by its place: m1, m2, ...
		const id = text(options.id) && ID.test(options.id as string) ? (options.id as string) : `m${index + 1}`;
		const common = {
			id,
			visible: options.visible !== false,
			label: text(options.label),
			stat: text(options.stat) ?? widgetStat,
			period: period(options.period) ?? widgetPeriod,
			region: text(options.region) ?? widgetRegion,
		};
		if (positional.length === 0 && text(options.expression)) {
			rows.push({...common, kind: 'expression', namespace: '', metricName: '', dimensions: [], expression: options.expression as string});
			return;
		}
		// "." repeats the value in the same place of the row above.
		const values = positional.map((value, place) => (value === '.' ? above[place] : value));
		above = values;
		if (values.length < 2 || values.length % 2 !== 0 || !values.every((value) => typeof value === 'string' && value !== '')) {
			bad++;
			return;
		}
		const strings = values as string[];
		const dimensions: Dimension[] = [];
		for (let place = 2; place < strings.length; place += 2) dimensions.push({name: strings[place], value: strings[place + 1]});
		rows.push({...common, kind: 'metric', namespace: strings[0], metricName: strings[1], dimensions});
	});
	return {rows, bad};
}

function defaultLabel(row: Row): string {
	if (row.kind === 'expression') return row.expression!;
	return [row.metricName, ...row.dimensions.map((dimension) => dimension.value)].join(' ');
}

/** The board of a dashboard body, or one sentence saying why the body cannot be read. */
export function parseDashboardBody(body: string, options: Options = {}): DashboardParse {
	let json: unknown;
	try {
		json = JSON.parse(body);
	} catch {
		return {error: 'its body is not valid JSON'};
	}
	if (!isObject(json) || !Array.isArray(json.widgets)) return {error: 'its body has no "widgets" list'};
	const specs: MetricSpec[] = [];
	const skipped: string[] = [];
	const notes: string[] = [];
	const otherRegions = new Map<string, number>();
	let badRows = 0;
	json.widgets.forEach((widget: unknown, index: number) => {
		if (!isObject(widget)) return;
		const properties = isObject(widget.properties) ? widget.properties : {};
		const type = text(widget.type) ?? 'unknown';
		const title = text(properties.title);
		const named = (kind: string) => `${kind}${title ? ` "${title}"` : ''}`;
		if (type !== 'metric') {
			skipped.push(named(SKIPPED_TYPES[type] ?? type));
			return;
		}
		if (!Array.isArray(properties.metrics)) {
			// A Metrics Insights query widget (properties.query) or an empty one.
			skipped.push(named(text(properties.query) ? 'Metrics Insights query' : 'metric widget without metrics'));
			return;
		}
		const {rows, bad} = widgetRows(properties);
		badRows += bad;
		const group = title ?? `widget ${index + 1}`;
		const byId = new Map(rows.filter((row) => row.kind === 'metric').map((row) => [row.id, row]));
		for (const row of rows) {
			if (!row.visible) continue;
			if (row.region && options.region && row.region !== options.region) {
				otherRegions.set(row.region, (otherRegions.get(row.region) ?? 0) + 1);
				continue;
			}
			const id = `dash${specs.length}`;
			const base = {id, label: row.label ?? defaultLabel(row), statistic: row.stat, period: row.period, unit: '', group};
			if (row.kind === 'metric') {
				specs.push({...base, namespace: row.namespace, metricName: row.metricName, dimensions: row.dimensions});
				continue;
			}
			const names = namedIds(row.expression!);
			const inputs: MathInput[] = [...byId.values()]
				.filter((input) => names.has(input.id))
				.map((input) => ({
					id: input.id,
					namespace: input.namespace,
					metricName: input.metricName,
					dimensions: input.dimensions,
					statistic: input.stat,
					period: input.period,
				}));
			specs.push({...base, namespace: '', metricName: row.expression!, dimensions: [], math: {expression: row.expression!, inputs}});
		}
	});
	for (const [region, count] of otherRegions) {
		notes.push(`${count} metric${count === 1 ? '' : 's'} in ${region} not shown: iot-top reads ${options.region}`);
	}
	if (badRows > 0) notes.push(`${badRows} row${badRows === 1 ? '' : 's'} that name no metric not shown`);
	return {board: {specs, skipped, notes}};
}
