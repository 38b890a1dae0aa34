// The GetMetricData query engine over the simulator's metric store: MetricStat, metric math
// with SUM/AVG/MIN/MAX, METRICS(), SEARCH(), + - * /; shared by the CloudWatch handlers and
// the alarm model.

import {SimError} from './contract.js';
import {fromAwsDimensions, isKnownStat, type AwsDimension, type MetricKey, type MetricStore, type Series} from './metrics.js';

export type MetricDataQueryInput = {
	Id?: string;
	Label?: string;
	ReturnData?: boolean;
	Period?: number;
	Expression?: string;
	MetricStat?: {
		Metric?: {Namespace?: string; MetricName?: string; Dimensions?: AwsDimension[]};
		Period?: number;
		Stat?: string;
		Unit?: string;
	};
	AccountId?: string;
};

export type QueryResult = {id: string; label: string; returnData: boolean; series: Series; messages: Array<{Code: string; Value: string}>};

type Value =
	| {kind: 'number'; value: number}
	| {kind: 'series'; label: string; series: Series}
	| {kind: 'array'; items: Array<{label: string; series: Series}>};

type Token = {type: 'num' | 'ident' | 'str' | 'punct'; text: string};

function validation(message: string): SimError {
	return new SimError('ValidationException', message);
}

function tokenize(expression: string): Token[] {
	const tokens: Token[] = [];
	let i = 0;
	while (i < expression.length) {
		const ch = expression[i];
		if (/\s/.test(ch)) {
			i++;
		} else if (/[0-9.]/.test(ch)) {
			const m = /^\d*\.?\d+(e[+-]?\d+)?/i.exec(expression.slice(i));
			if (!m) throw validation(`Error in expression '${expression}': unexpected '${ch}'.`);
			tokens.push({type: 'num', text: m[0]});
			i += m[0].length;
		} else if (/[A-Za-z_]/.test(ch)) {
			const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(expression.slice(i))!;
			tokens.push({type: 'ident', text: m[0]});
			i += m[0].length;
		} else if (ch === "'" || ch === '"') {
			let j = i + 1;
			let text = '';
			while (j < expression.length && expression[j] !== ch) {
				if (expression[j] === '\\' && j + 1 < expression.length) j++;
				text += expression[j];
				j++;
			}
			if (j >= expression.length) throw validation(`Error in expression '${expression}': unterminated string.`);
			tokens.push({type: 'str', text});
			i = j + 1;
		} else if ('()[],+-*/'.includes(ch)) {
			tokens.push({type: 'punct', text: ch});
			i++;
		} else {
			throw validation(`Error in expression '${expression}': unexpected character '${ch}'.`);
		}
	}
	return tokens;
}

type Node =
	| {type: 'num'; value: number}
	| {type: 'str'; value: string}
	| {type: 'ref'; id: string}
	| {type: 'list'; items: Node[]}
	| {type: 'call'; name: string; args: Node[]}
	| {type: 'neg'; arg: Node}
	| {type: 'bin'; op: string; left: Node; right: Node};

function parseExpression(expression: string): Node {
	const tokens = tokenize(expression);
	let pos = 0;
	const peek = () => tokens[pos];
	const fail = (what: string): never => {
		throw validation(`Error in expression '${expression}': ${what}.`);
	};
	const expect = (text: string) => {
		if (peek()?.text !== text) fail(`expected '${text}'`);
		pos++;
	};
	function primary(): Node {
		const token = tokens[pos++];
		if (!token) return fail('unexpected end');
		if (token.type === 'num') return {type: 'num', value: Number(token.text)};
		if (token.type === 'str') return {type: 'str', value: token.text};
		if (token.text === '(') {
			const inner = additive();
			expect(')');
			return inner;
		}
		if (token.text === '[') {
			const items: Node[] = [];
			if (peek()?.text !== ']') {
				items.push(additive());
				while (peek()?.text === ',') {
					pos++;
					items.push(additive());
				}
			}
			expect(']');
			return {type: 'list', items};
		}
		if (token.type === 'ident') {
			if (peek()?.text === '(') {
				pos++;
				const args: Node[] = [];
				if (peek()?.text !== ')') {
					args.push(additive());
					while (peek()?.text === ',') {
						pos++;
						args.push(additive());
					}
				}
				expect(')');
				return {type: 'call', name: token.text.toUpperCase(), args};
			}
			return {type: 'ref', id: token.text};
		}
		return fail(`unexpected '${token.text}'`);
	}
	function unary(): Node {
		if (peek()?.text === '-') {
			pos++;
			return {type: 'neg', arg: unary()};
		}
		return primary();
	}
	function multiplicative(): Node {
		let left = unary();
		while (peek()?.text === '*' || peek()?.text === '/') {
			const op = tokens[pos++].text;
			left = {type: 'bin', op, left, right: unary()};
		}
		return left;
	}
	function additive(): Node {
		let left = multiplicative();
		while (peek()?.text === '+' || peek()?.text === '-') {
			const op = tokens[pos++].text;
			left = {type: 'bin', op, left, right: multiplicative()};
		}
		return left;
	}
	const node = additive();
	if (pos < tokens.length) fail(`unexpected '${tokens[pos].text}'`);
	return node;
}

/** SEARCH's first argument: `{Namespace,Dim1,Dim2} term Key="Value" ...` (a subset). */
export function searchMetrics(all: MetricKey[], text: string): MetricKey[] {
	let rest = text.trim();
	let schema: {namespace: string; dims: string[]} | undefined;
	const schemaMatch = /^\{([^}]*)\}/.exec(rest);
	if (schemaMatch) {
		const parts = schemaMatch[1].split(',').map((s) => s.trim().replace(/^"|"$/g, ''));
		schema = {namespace: parts[0], dims: parts.slice(1).filter((p) => p !== '')};
		rest = rest.slice(schemaMatch[0].length);
	}
	const terms: Array<{key?: string; value: string}> = [];
	const termRegex = /\s*(?:([A-Za-z_.:/-]+)\s*=\s*)?(?:"([^"]*)"|'([^']*)'|([^\s"']+))/g;
	let m: RegExpExecArray | null;
	while ((m = termRegex.exec(rest)) !== null) {
		if (m[0].trim() === '') break;
		const value = m[2] ?? m[3] ?? m[4] ?? '';
		if (!m[1] && (value === 'AND' || value === '')) continue;
		terms.push({key: m[1], value});
	}
	return all.filter((metric) => {
		if (schema) {
			if (metric.namespace !== schema.namespace) return false;
			const names = Object.keys(metric.dimensions);
			if (names.length !== schema.dims.length || !schema.dims.every((d) => d in metric.dimensions)) return false;
		}
		return terms.every((term) => {
			if (term.key === 'MetricName') return metric.metricName === term.value;
			if (term.key === 'Namespace') return metric.namespace === term.value;
			if (term.key) return metric.dimensions[term.key] === term.value;
			const words = [metric.metricName, metric.namespace, ...Object.values(metric.dimensions)];
			return words.some(
				(w) =>
					w
						.toLowerCase()
						.split(/[^a-z0-9]+/i)
						.includes(term.value.toLowerCase()) || w === term.value,
			);
		});
	});
}

function combine(a: Series, b: Series, op: (x: number, y: number) => number): Series {
	const out: Series = {timestamps: [], values: []};
	const bm = new Map<number, number>();
	b.timestamps.forEach((t, i) => bm.set(t, b.values[i]));
	a.timestamps.forEach((t, i) => {
		const y = bm.get(t);
		if (y !== undefined) {
			out.timestamps.push(t);
			out.values.push(op(a.values[i], y));
		}
	});
	return out;
}

function mapSeries(a: Series, op: (x: number) => number): Series {
	return {timestamps: [...a.timestamps], values: a.values.map(op)};
}

function reduceAcross(items: Series[], kind: string): Series {
	const byTime = new Map<number, number[]>();
	for (const s of items) {
		s.timestamps.forEach((t, i) => {
			let list = byTime.get(t);
			if (!list) {
				list = [];
				byTime.set(t, list);
			}
			list.push(s.values[i]);
		});
	}
	const times = [...byTime.keys()].sort((a, b) => a - b);
	return {
		timestamps: times,
		values: times.map((t) => reduceValues(byTime.get(t)!, kind)),
	};
}

function reduceValues(values: number[], kind: string): number {
	switch (kind) {
		case 'SUM':
			return values.reduce((a, b) => a + b, 0);
		case 'AVG':
			return values.reduce((a, b) => a + b, 0) / values.length;
		case 'MIN':
			return Math.min(...values);
		case 'MAX':
			return Math.max(...values);
		default:
			return Number.NaN;
	}
}

function safeDivide(x: number, y: number): number {
	return y === 0 ? Number.NaN : x / y;
}

/** GetMetricData's engine: the results of the queries in order (a SEARCH may give several). */
export function runQueries(store: MetricStore, queries: MetricDataQueryInput[], startMs: number, endMs: number): QueryResult[] {
	const byId = new Map<string, MetricDataQueryInput>();
	for (const q of queries) if (q.Id) byId.set(q.Id, q);
	const memo = new Map<string, Value>();
	const visiting = new Set<string>();

	function metricStatValue(q: MetricDataQueryInput): Value {
		const stat = q.MetricStat!;
		const metric = stat.Metric ?? {};
		const key: MetricKey = {
			namespace: metric.Namespace ?? '',
			metricName: metric.MetricName ?? '',
			dimensions: fromAwsDimensions(metric.Dimensions),
		};
		const series = store.statSeries(key, stat.Stat ?? 'Sum', stat.Period ?? 60, startMs, endMs);
		return {kind: 'series', label: q.Label ?? key.metricName, series};
	}

	function evalQuery(id: string): Value {
		const cached = memo.get(id);
		if (cached) return cached;
		const q = byId.get(id);
		if (!q) throw validation(`Error in expression: Unrecognized metric or expression id '${id}'.`);
		if (visiting.has(id)) throw validation(`Error in expression: circular reference to '${id}'.`);
		visiting.add(id);
		let value: Value;
		if (q.MetricStat) {
			value = metricStatValue(q);
		} else {
			const node = parseExpression(q.Expression ?? '');
			value = evalNode(node, q);
			if (value.kind === 'series' && q.Label) value = {...value, label: q.Label};
		}
		visiting.delete(id);
		memo.set(id, value);
		return value;
	}

	function asSeriesList(value: Value): Array<{label: string; series: Series}> {
		if (value.kind === 'array') return value.items;
		if (value.kind === 'series') return [{label: value.label, series: value.series}];
		throw validation('Error in expression: a function expected a time series or an array of time series.');
	}

	function evalNode(node: Node, q: MetricDataQueryInput): Value {
		switch (node.type) {
			case 'num':
				return {kind: 'number', value: node.value};
			case 'str':
				throw validation(`Error in expression '${q.Expression}': unexpected string.`);
			case 'ref':
				return evalQuery(node.id);
			case 'list': {
				const items = node.items.flatMap((item) => asSeriesList(evalNode(item, q)));
				return {kind: 'array', items};
			}
			case 'neg': {
				const v = evalNode(node.arg, q);
				if (v.kind === 'number') return {kind: 'number', value: -v.value};
				if (v.kind === 'series') return {...v, series: mapSeries(v.series, (x) => -x)};
				return {kind: 'array', items: v.items.map((it) => ({...it, series: mapSeries(it.series, (x) => -x)}))};
			}
			case 'bin': {
				const ops: Record<string, (x: number, y: number) => number> = {
					'+': (x, y) => x + y,
					'-': (x, y) => x - y,
					'*': (x, y) => x * y,
					'/': safeDivide,
				};
				const op = ops[node.op];
				const l = evalNode(node.left, q);
				const r = evalNode(node.right, q);
				if (l.kind === 'number' && r.kind === 'number') return {kind: 'number', value: op(l.value, r.value)};
				if (l.kind === 'array' || r.kind === 'array') {
					throw validation(
						`Error in expression '${q.Expression}': arithmetic on an array of time series is not supported by this endpoint.`,
					);
				}
				if (l.kind === 'number' && r.kind === 'series')
					return {kind: 'series', label: r.label, series: mapSeries(r.series, (y) => op(l.value, y))};
				if (l.kind === 'series' && r.kind === 'number')
					return {kind: 'series', label: l.label, series: mapSeries(l.series, (x) => op(x, r.value))};
				if (l.kind === 'series' && r.kind === 'series')
					return {kind: 'series', label: q.Label ?? q.Id ?? '', series: combine(l.series, r.series, op)};
				throw validation(`Error in expression '${q.Expression}'.`);
			}
			case 'call':
				return evalCall(node, q);
		}
	}

	function evalCall(node: Extract<Node, {type: 'call'}>, q: MetricDataQueryInput): Value {
		switch (node.name) {
			case 'SUM':
			case 'AVG':
			case 'MIN':
			case 'MAX': {
				if (node.args.length !== 1) throw validation(`Error in expression '${q.Expression}': ${node.name} takes one argument.`);
				const arg = evalNode(node.args[0], q);
				if (arg.kind === 'series') {
					// A single time series reduces to one number.
					return {kind: 'number', value: arg.series.values.length === 0 ? Number.NaN : reduceValues(arg.series.values, node.name)};
				}
				if (arg.kind === 'number') return arg;
				return {
					kind: 'series',
					label: q.Label ?? q.Id ?? '',
					series: reduceAcross(
						arg.items.map((it) => it.series),
						node.name,
					),
				};
			}
			case 'METRICS': {
				const filter = node.args[0]?.type === 'str' ? node.args[0].value : undefined;
				const items = queries
					.filter((other) => other.MetricStat && other.Id !== q.Id)
					.filter((other) => !filter || (other.Label ?? other.Id ?? '').includes(filter) || (other.Id ?? '').includes(filter))
					.map((other) => {
						const v = evalQuery(other.Id!);
						return asSeriesList(v)[0];
					});
				return {kind: 'array', items};
			}
			case 'SEARCH': {
				const [exprNode, statNode, periodNode] = node.args;
				if (exprNode?.type !== 'str' || statNode?.type !== 'str') {
					throw validation(`Error in expression '${q.Expression}': SEARCH takes a search expression, a statistic and a period.`);
				}
				if (!isKnownStat(statNode.value)) throw validation(`Error in expression '${q.Expression}': invalid statistic '${statNode.value}'.`);
				const period = periodNode?.type === 'num' ? periodNode.value : (q.Period ?? 300);
				const found = searchMetrics(store.listMetrics(), exprNode.value);
				if (found.length > 500) found.length = 500;
				const items = found.map((metric) => ({
					label: [
						metric.metricName,
						...Object.keys(metric.dimensions)
							.sort()
							.map((d) => metric.dimensions[d]),
					].join(' '),
					series: store.statSeries(metric, statNode.value, period, startMs, endMs),
				}));
				return {kind: 'array', items};
			}
			case 'ANOMALY_DETECTION_BAND': {
				const [metric, widthNode] = node.args;
				const source = metric?.type === 'ref' ? byId.get(metric.id) : undefined;
				if (!source || (widthNode !== undefined && widthNode.type !== 'num')) {
					throw validation(`Error in expression '${q.Expression}': ANOMALY_DETECTION_BAND takes a metric id and a band width.`);
				}
				const periodSec = source.MetricStat?.Period ?? source.Period ?? q.Period ?? 60;
				const periodMs = periodSec * 1000;
				// The model "trains" on the periods before each one: the source is read from earlier on.
				const others = queries
					.filter((other) => other.Id !== q.Id && !/ANOMALY_DETECTION_BAND/i.test(other.Expression ?? ''))
					.map((other) => ({...other, ReturnData: other.Id === source.Id}));
				const trained = runQueries(store, others, startMs - BAND_TRAINING_PERIODS * periodMs, endMs).find(
					(result) => result.id === source.Id,
				);
				const label = q.Label ?? q.Id ?? '';
				const band = anomalyBand(
					trained?.series ?? {timestamps: [], values: []},
					widthNode?.value ?? 2,
					periodMs,
					store.periodStart(startMs, periodSec),
					endMs,
				);
				return {
					kind: 'array',
					items: [
						{label: `${label} Lower`, series: band.lower},
						{label: `${label} Upper`, series: band.upper},
					],
				};
			}
			default:
				throw validation(`Error in expression '${q.Expression}': Unknown function ${node.name}.`);
		}
	}

	const results: QueryResult[] = [];
	for (const q of queries) {
		const returnData = q.ReturnData !== false;
		const id = q.Id ?? '';
		const value = evalQuery(id);
		if (!returnData) continue;
		if (value.kind === 'number') {
			// A constant: one value per period of the range.
			const periodSec = q.Period ?? q.MetricStat?.Period ?? 60;
			const periodMs = periodSec * 1000;
			const series: Series = {timestamps: [], values: []};
			if (Number.isFinite(value.value)) {
				const last = Math.min(endMs, Math.floor(Number.MAX_SAFE_INTEGER));
				for (let t = store.periodStart(startMs, periodSec); t < last && series.timestamps.length < 100_800; t += periodMs) {
					series.timestamps.push(t);
					series.values.push(value.value);
				}
			}
			results.push({id, label: q.Label ?? id, returnData, series, messages: []});
		} else if (value.kind === 'series') {
			results.push({id, label: q.Label ?? value.label, returnData, series: dropNaN(value.series), messages: []});
		} else {
			for (const item of value.items) results.push({id, label: item.label, returnData, series: dropNaN(item.series), messages: []});
		}
	}
	return results;
}

/** How many periods before each one the simulated anomaly model averages over. */
export const BAND_TRAINING_PERIODS = 20;

/**
 * ANOMALY_DETECTION_BAND's stand-in for CloudWatch's trained model: for each period of
 * [firstMs, endMs), the mean of the source's datapoints in the periods before it, plus and minus
 * `width` standard deviations (at least a little, so a flat series still has a band). No band
 * where fewer than three datapoints came before.
 */
export function anomalyBand(
	source: Series,
	width: number,
	periodMs: number,
	firstMs: number,
	endMs: number,
): {lower: Series; upper: Series} {
	const lower: Series = {timestamps: [], values: []};
	const upper: Series = {timestamps: [], values: []};
	for (let at = firstMs; at < endMs; at += periodMs) {
		const from = at - BAND_TRAINING_PERIODS * periodMs;
		const window = source.values.filter((_, index) => source.timestamps[index] >= from && source.timestamps[index] < at);
		if (window.length < 3) continue;
		const mean = window.reduce((sum, value) => sum + value, 0) / window.length;
		const deviation = Math.sqrt(window.reduce((sum, value) => sum + (value - mean) ** 2, 0) / window.length);
		const half = width * Math.max(deviation, 0.05 * Math.abs(mean), 0.5);
		lower.timestamps.push(at);
		lower.values.push(mean - half);
		upper.timestamps.push(at);
		upper.values.push(mean + half);
	}
	return {lower, upper};
}

function dropNaN(series: Series): Series {
	if (series.values.every(Number.isFinite)) return series;
	const out: Series = {timestamps: [], values: []};
	series.values.forEach((v, i) => {
		if (Number.isFinite(v)) {
			out.timestamps.push(series.timestamps[i]);
			out.values.push(v);
		}
	});
	return out;
}
