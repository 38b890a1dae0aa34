// The CloudWatch Logs Insights query language, the subset the simulator answers: `fields`,
// `filter` (=, !=, <, <=, >, >=, like / =~ with a /regex/ or a string, in [...], not, and, or,
// isPresent(f), parentheses), `stats count(*|f) [as name], ... [by f1, f2]`, `sort f [asc|desc]`,
// `limit N`. Fields of JSON messages are discovered as Insights does (nested keys joined with
// `.`), beside @timestamp, @message, @logStream, @log and @ptr. Anything else is a
// MalformedQueryException naming where it stopped, never a quietly wrong answer.

export class QueryCompileError extends Error {
	constructor(
		message: string,
		readonly startCharOffset: number,
		readonly endCharOffset: number,
	) {
		super(message);
		this.name = 'QueryCompileError';
	}
}

type Token = {kind: 'word' | 'string' | 'number' | 'regex' | 'op' | 'end'; text: string; value: string; start: number; end: number};

const OPERATORS = ['!=', '<=', '>=', '=~', '=', '<', '>', '|', ',', '(', ')', '[', ']', '*'];

function tokenize(query: string): Token[] {
	const tokens: Token[] = [];
	let at = 0;
	while (at < query.length) {
		const char = query[at];
		if (/\s/.test(char)) {
			at++;
			continue;
		}
		const start = at;
		if (char === '"' || char === "'") {
			let value = '';
			at++;
			while (at < query.length && query[at] !== char) {
				if (query[at] === '\\' && at + 1 < query.length) at++;
				value += query[at++];
			}
			if (at >= query.length) throw new QueryCompileError(`unterminated string starting at position ${start}`, start, query.length - 1);
			at++;
			tokens.push({kind: 'string', text: query.slice(start, at), value, start, end: at - 1});
			continue;
		}
		if (char === '`') {
			const close = query.indexOf('`', at + 1);
			if (close === -1) throw new QueryCompileError(`unterminated field name starting at position ${start}`, start, query.length - 1);
			at = close + 1;
			tokens.push({kind: 'word', text: query.slice(start, at), value: query.slice(start + 1, close), start, end: close});
			continue;
		}
		if (char === '/' && tokens.length > 0 && ['like', '=~', 'match'].includes(tokens.at(-1)!.value.toLowerCase())) {
			let value = '';
			at++;
			while (at < query.length && query[at] !== '/') {
				if (query[at] === '\\' && query[at + 1] === '/') at++;
				value += query[at++];
			}
			if (at >= query.length) throw new QueryCompileError(`unterminated regular expression at position ${start}`, start, query.length - 1);
			at++;
			const flags = /^i\b/.test(query.slice(at)) ? 'i' : '';
			at += flags.length;
			tokens.push({kind: 'regex', text: query.slice(start, at), value: `${flags}/${value}`, start, end: at - 1});
			continue;
		}
		const number = /^-?\d+(\.\d+)?/.exec(query.slice(at));
		if (number && !/[\w@.]/.test(query[at + number[0].length] ?? '')) {
			at += number[0].length;
			tokens.push({kind: 'number', text: number[0], value: number[0], start, end: at - 1});
			continue;
		}
		const word = /^[@A-Za-z_][\w@.-]*/.exec(query.slice(at));
		if (word) {
			at += word[0].length;
			tokens.push({kind: 'word', text: word[0], value: word[0], start, end: at - 1});
			continue;
		}
		const op = OPERATORS.find((candidate) => query.startsWith(candidate, at));
		if (!op) throw new QueryCompileError(`unexpected symbol found ${char} at line 1 and position ${at}`, at, at);
		at += op.length;
		tokens.push({kind: 'op', text: op, value: op, start, end: at - 1});
	}
	tokens.push({kind: 'end', text: '', value: '', start: query.length, end: query.length});
	return tokens;
}

export type Value = string | number | undefined;
export type Fields = (name: string) => Value;

export type Operand = {field: string} | {literal: string | number};

export type Condition =
	| {kind: 'compare'; op: '=' | '!=' | '<' | '<=' | '>' | '>='; left: Operand; right: Operand}
	| {kind: 'match'; field: string; pattern: RegExp}
	| {kind: 'in'; field: string; values: Array<string | number>; negated: boolean}
	| {kind: 'present'; field: string}
	| {kind: 'not'; condition: Condition}
	| {kind: 'and' | 'or'; left: Condition; right: Condition};

export type Aggregate = {fn: 'count'; field?: string; name: string};

export type Command =
	| {kind: 'fields'; fields: string[]}
	| {kind: 'filter'; condition: Condition}
	| {kind: 'stats'; aggregates: Aggregate[]; by: string[]}
	| {kind: 'sort'; keys: Array<{field: string; descending: boolean}>}
	| {kind: 'limit'; count: number};

export type InsightsQuery = {commands: Command[]};

const COMMANDS = new Set(['fields', 'filter', 'stats', 'sort', 'limit']);

class Parser {
	private index = 0;
	constructor(private readonly tokens: Token[]) {}

	peek(): Token {
		return this.tokens[this.index];
	}

	next(): Token {
		return this.tokens[this.index++];
	}

	fail(token = this.peek(), what?: string): never {
		const found = token.kind === 'end' ? 'end of query' : token.text;
		throw new QueryCompileError(
			`${what ?? `unexpected symbol found ${found}`} at line 1 and position ${token.start}`,
			token.start,
			Math.max(token.start, token.end),
		);
	}

	isWord(text: string): boolean {
		const token = this.peek();
		return token.kind === 'word' && token.value.toLowerCase() === text;
	}

	isOp(text: string): boolean {
		const token = this.peek();
		return token.kind === 'op' && token.value === text;
	}

	expectOp(text: string): void {
		if (!this.isOp(text)) this.fail(this.peek(), `expected ${text} but found ${this.peek().text || 'end of query'}`);
		this.index++;
	}

	field(): string {
		const token = this.peek();
		if (token.kind !== 'word' || (COMMANDS.has(token.value.toLowerCase()) && !token.text.startsWith('`'))) this.fail();
		this.index++;
		return token.value;
	}

	query(): InsightsQuery {
		const commands: Command[] = [this.command()];
		while (this.isOp('|')) {
			this.index++;
			commands.push(this.command());
		}
		if (this.peek().kind !== 'end') this.fail();
		return {commands};
	}

	command(): Command {
		const token = this.next();
		const name = token.kind === 'word' ? token.value.toLowerCase() : '';
		switch (name) {
			case 'fields': {
				const fields = [this.field()];
				while (this.isOp(',')) {
					this.index++;
					fields.push(this.field());
				}
				return {kind: 'fields', fields};
			}
			case 'filter': {
				return {kind: 'filter', condition: this.or()};
			}
			case 'stats': {
				return this.stats();
			}
			case 'sort': {
				const keys = [this.sortKey()];
				while (this.isOp(',')) {
					this.index++;
					keys.push(this.sortKey());
				}
				return {kind: 'sort', keys};
			}
			case 'limit': {
				const count = this.next();
				if (count.kind !== 'number' || !/^\d+$/.test(count.value) || Number(count.value) < 1 || Number(count.value) > 10_000)
					this.fail(count, `limit takes a whole number from 1 to 10000, found ${count.text || 'end of query'}`);
				return {kind: 'limit', count: Number(count.value)};
			}
			default: {
				return this.fail(token);
			}
		}
	}

	sortKey(): {field: string; descending: boolean} {
		const field = this.field();
		let descending = false;
		if (this.isWord('desc')) {
			descending = true;
			this.index++;
		} else if (this.isWord('asc')) {
			this.index++;
		}
		return {field, descending};
	}

	stats(): Command {
		const aggregates: Aggregate[] = [];
		do {
			if (aggregates.length > 0) this.index++;
			const fn = this.next();
			if (fn.kind !== 'word' || fn.value.toLowerCase() !== 'count') this.fail(fn, `unsupported aggregate ${fn.text || 'end of query'}`);
			this.expectOp('(');
			let field: string | undefined;
			if (this.isOp('*')) this.index++;
			else if (!this.isOp(')')) field = this.field();
			this.expectOp(')');
			let name = field === undefined ? 'count(*)' : `count(${field})`;
			if (this.isWord('as')) {
				this.index++;
				name = this.field();
			}
			aggregates.push({fn: 'count', field, name});
		} while (this.isOp(','));
		const by: string[] = [];
		if (this.isWord('by')) {
			this.index++;
			by.push(this.field());
			while (this.isOp(',')) {
				this.index++;
				by.push(this.field());
			}
		}
		return {kind: 'stats', aggregates, by};
	}

	or(): Condition {
		let left = this.and();
		while (this.isWord('or')) {
			this.index++;
			left = {kind: 'or', left, right: this.and()};
		}
		return left;
	}

	and(): Condition {
		let left = this.unary();
		while (this.isWord('and')) {
			this.index++;
			left = {kind: 'and', left, right: this.unary()};
		}
		return left;
	}

	unary(): Condition {
		if (this.isWord('not')) {
			this.index++;
			return {kind: 'not', condition: this.unary()};
		}
		if (this.isOp('(')) {
			this.index++;
			const inner = this.or();
			this.expectOp(')');
			return inner;
		}
		if (this.isWord('ispresent')) {
			this.index++;
			this.expectOp('(');
			const field = this.field();
			this.expectOp(')');
			return {kind: 'present', field};
		}
		return this.comparison();
	}

	operand(): Operand {
		const token = this.peek();
		if (token.kind === 'string') {
			this.index++;
			return {literal: token.value};
		}
		if (token.kind === 'number') {
			this.index++;
			return {literal: Number(token.value)};
		}
		return {field: this.field()};
	}

	comparison(): Condition {
		const left = this.operand();
		const token = this.peek();
		const word = token.kind === 'word' ? token.value.toLowerCase() : '';
		if (word === 'like' || (token.kind === 'op' && token.value === '=~')) {
			if (!('field' in left)) this.fail(token);
			this.index++;
			const pattern = this.next();
			if (pattern.kind === 'regex') {
				const flags = pattern.value.startsWith('i/') ? 'i' : '';
				try {
					return {kind: 'match', field: left.field, pattern: new RegExp(pattern.value.slice(pattern.value.indexOf('/') + 1), flags)};
				} catch {
					this.fail(pattern, `invalid regular expression ${pattern.text}`);
				}
			}
			if (pattern.kind === 'string') {
				return {kind: 'match', field: left.field, pattern: new RegExp(pattern.value.replaceAll(/[.*+?^${}()|[\]\\]/g, '\\$&'))};
			}
			return this.fail(pattern);
		}
		if (word === 'in' || (word === 'not' && this.tokens[this.index + 1]?.value.toLowerCase() === 'in')) {
			if (!('field' in left)) this.fail(token);
			const negated = word === 'not';
			this.index += negated ? 2 : 1;
			this.expectOp('[');
			const values: Array<string | number> = [];
			do {
				if (values.length > 0) this.index++;
				const value = this.next();
				if (value.kind === 'string') values.push(value.value);
				else if (value.kind === 'number') values.push(Number(value.value));
				else this.fail(value);
			} while (this.isOp(','));
			this.expectOp(']');
			return {kind: 'in', field: left.field, values, negated};
		}
		if (token.kind === 'op' && ['=', '!=', '<', '<=', '>', '>='].includes(token.value)) {
			this.index++;
			return {kind: 'compare', op: token.value as '=', left, right: this.operand()};
		}
		return this.fail(token);
	}
}

/** Parses a query string, or throws QueryCompileError. */
export function parseInsightsQuery(query: string): InsightsQuery {
	if (query.trim() === '') throw new QueryCompileError('the query string is empty', 0, 0);
	const parsed = new Parser(tokenize(query)).query();
	const statsAt = parsed.commands.findIndex((command) => command.kind === 'stats');
	if (statsAt !== -1 && parsed.commands.slice(statsAt + 1).some((command) => command.kind === 'stats'))
		throw new QueryCompileError('only one stats command is supported by the simulator', 0, query.length - 1);
	return parsed;
}

// ---- fields of an event ------------------------------------------------------------------

export type QueryEvent = {timestamp: number; message: string; logStreamName: string; logGroup: string; accountId: string; ptr: string};

/** `2026-12-06 09:00:00.000`, as Insights shows @timestamp. */
export function insightsTime(ms: number): string {
	return new Date(ms).toISOString().replace('T', ' ').slice(0, 23);
}

function flatten(value: unknown, prefix: string, out: Map<string, Value>): void {
	if (value === null || value === undefined) return;
	if (Array.isArray(value)) {
		for (const [index, item] of value.entries()) flatten(item, `${prefix}.${index}`, out);
		return;
	}
	if (typeof value === 'object') {
		for (const [key, item] of Object.entries(value)) flatten(item, prefix === '' ? key : `${prefix}.${key}`, out);
		return;
	}
	out.set(prefix, typeof value === 'number' ? value : String(value));
}

/** The fields Insights discovers in an event: the @ ones and, for a JSON message, its keys. */
export function eventFields(event: QueryEvent): Fields {
	let json: Map<string, Value> | undefined;
	return (name) => {
		switch (name) {
			case '@timestamp': {
				return insightsTime(event.timestamp);
			}
			case '@message': {
				return event.message;
			}
			case '@logStream': {
				return event.logStreamName;
			}
			case '@log': {
				return `${event.accountId}:${event.logGroup}`;
			}
			case '@ptr': {
				return event.ptr;
			}
		}
		if (!json) {
			json = new Map();
			if (event.message.trimStart().startsWith('{')) {
				try {
					flatten(JSON.parse(event.message), '', json);
				} catch {
					// Not JSON after all: no discovered fields.
				}
			}
		}
		return json.get(name);
	};
}

// ---- evaluation --------------------------------------------------------------------------

function operandValue(operand: Operand, fields: Fields): Value {
	return 'field' in operand ? fields(operand.field) : operand.literal;
}

function compare(op: string, left: Value, right: Value): boolean {
	if (left === undefined || right === undefined) return false;
	const numeric = typeof left === 'number' || typeof right === 'number';
	const a = numeric ? Number(left) : String(left);
	const b = numeric ? Number(right) : String(right);
	if (numeric && (Number.isNaN(a) || Number.isNaN(b))) return op === '!=';
	switch (op) {
		case '=': {
			return a === b;
		}
		case '!=': {
			return a !== b;
		}
		case '<': {
			return a < b;
		}
		case '<=': {
			return a <= b;
		}
		case '>': {
			return a > b;
		}
		default: {
			return a >= b;
		}
	}
}

export function matches(condition: Condition, fields: Fields): boolean {
	switch (condition.kind) {
		case 'compare': {
			return compare(condition.op, operandValue(condition.left, fields), operandValue(condition.right, fields));
		}
		case 'match': {
			const value = fields(condition.field);
			return value !== undefined && condition.pattern.test(String(value));
		}
		case 'in': {
			const value = fields(condition.field);
			if (value === undefined) return false;
			const found = condition.values.some((candidate) => compare('=', value, candidate));
			return condition.negated ? !found : found;
		}
		case 'present': {
			return fields(condition.field) !== undefined;
		}
		case 'not': {
			return !matches(condition.condition, fields);
		}
		case 'and': {
			return matches(condition.left, fields) && matches(condition.right, fields);
		}
		case 'or': {
			return matches(condition.left, fields) || matches(condition.right, fields);
		}
	}
}

const NUMBER_TEXT = /^-?\d+(\.\d+)?$/;

/** Insights' ascending order: every non-number before every number, numbers by value, text by code unit. */
export function compareValues(a: Value, b: Value): number {
	if (a === b) return 0;
	if (a === undefined) return -1;
	if (b === undefined) return 1;
	const aNumber = typeof a === 'number' || NUMBER_TEXT.test(a);
	const bNumber = typeof b === 'number' || NUMBER_TEXT.test(b);
	if (aNumber !== bNumber) return aNumber ? 1 : -1;
	if (aNumber) return Number(a) - Number(b);
	return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

export type ResultField = {field: string; value: string};

export type QueryOutcome = {
	/** Rows as GetQueryResults returns them (a field with no value is left out of its row). */
	rows: ResultField[][];
	recordsMatched: number;
};

const DEFAULT_FIELDS = ['@timestamp', '@message', '@logStream', '@log'];

/**
 * Runs a parsed query over events (in time order): `recordsMatched` counts the events that
 * passed every filter. Without `stats` each row carries @ptr, as on AWS; aggregated rows do not.
 */
export function runInsightsQuery(query: InsightsQuery, events: readonly QueryEvent[], limit = 10_000): QueryOutcome {
	type Row = Fields;
	let rows: Row[] = [];
	let columns: string[] | undefined;
	let aggregated = false;
	let recordsMatched = 0;
	let rowLimit = limit;
	const statsAt = query.commands.findIndex((command) => command.kind === 'stats');
	const eventFilters = query.commands.slice(0, statsAt === -1 ? query.commands.length : statsAt).filter((c) => c.kind === 'filter');
	for (const event of events) {
		const fields = eventFields(event);
		if (eventFilters.every((command) => command.kind === 'filter' && matches(command.condition, fields))) {
			recordsMatched++;
			rows.push(fields);
		}
	}
	for (const [index, command] of query.commands.entries()) {
		switch (command.kind) {
			case 'fields': {
				columns = [...(columns ?? []), ...command.fields.filter((field) => !columns?.includes(field))];
				break;
			}
			case 'filter': {
				// Filters before stats have run over the events already.
				if (index > statsAt && statsAt !== -1) rows = rows.filter((row) => matches(command.condition, row));
				break;
			}
			case 'stats': {
				const groups = new Map<string, {key: Value[]; counts: number[]}>();
				for (const row of rows) {
					const key = command.by.map((field) => row(field));
					const id = JSON.stringify(key);
					let group = groups.get(id);
					if (!group) {
						group = {key, counts: command.aggregates.map(() => 0)};
						groups.set(id, group);
					}
					for (const [at, aggregate] of command.aggregates.entries())
						if (aggregate.field === undefined || row(aggregate.field) !== undefined) group.counts[at]++;
				}
				rows = [...groups.values()].map((group) => {
					const values = new Map<string, Value>();
					for (const [at, field] of command.by.entries()) values.set(field, group.key[at]);
					for (const [at, aggregate] of command.aggregates.entries()) values.set(aggregate.name, group.counts[at]);
					return (name: string) => values.get(name);
				});
				columns = [...command.by, ...command.aggregates.map((aggregate) => aggregate.name)];
				aggregated = true;
				break;
			}
			case 'sort': {
				const {keys} = command;
				rows = rows
					.map((row, at) => ({row, at}))
					.sort((a, b) => {
						for (const key of keys) {
							const order = compareValues(a.row(key.field), b.row(key.field));
							if (order !== 0) return key.descending ? -order : order;
						}
						return a.at - b.at;
					})
					.map(({row}) => row);
				break;
			}
			case 'limit': {
				rowLimit = Math.min(rowLimit, command.count);
				break;
			}
		}
	}
	if (!aggregated && !query.commands.some((command) => command.kind === 'sort')) rows.reverse();
	const shown = aggregated ? columns! : [...(columns ?? DEFAULT_FIELDS), '@ptr'];
	return {
		rows: rows.slice(0, rowLimit).map((row) =>
			shown.flatMap((field) => {
				const value = row(field);
				return value === undefined ? [] : [{field, value: String(value)}];
			}),
		),
		recordsMatched,
	};
}
