// The fleet index's query string (SearchIndex and the aggregations), the subset the simulator
// answers: `field:value` terms with `*`/`?` wildcards, ranges (`field:[a TO b]`, `{a TO b}`,
// `field>N`, `>=`, `<`, `<=`), AND / OR / NOT (juxtaposition is AND), parentheses, `*` for
// everything, and a bare word for a thing name. Fields: thingName, thingId, thingTypeName,
// thingGroupNames, attributes.*, connectivity.connected|timestamp|disconnectReason, shadow.*.
// A query is parsed once into a predicate over an indexed thing that reads its fields lazily.

import {SimError} from './contract.js';

export type FieldValue = string | number | boolean | undefined;

/** A thing as the index reads it: one field at a time. */
export type IndexedThing = {field(name: string): FieldValue; groups(): readonly string[]};

export type SearchPredicate = (thing: IndexedThing) => boolean;

const FIELDS = new Set([
	'thingName',
	'thingId',
	'thingTypeName',
	'thingGroupNames',
	'connectivity.connected',
	'connectivity.timestamp',
	'connectivity.disconnectReason',
]);

function invalidQuery(message: string): SimError {
	return new SimError('InvalidQueryException', message, 400);
}

/** Whether a field name is one the index knows (attributes and shadow fields are open-ended). */
export function knownField(field: string): boolean {
	return FIELDS.has(field) || /^attributes\.[\w.:-]+$/.test(field) || /^shadow\.[\w.]+$/.test(field);
}

/** Words, parentheses, and terms whose quoted values or ranges hold spaces. */
export function tokenize(query: string): string[] {
	const tokens: string[] = [];
	let i = 0;
	while (i < query.length) {
		const c = query[i];
		if (/\s/.test(c)) {
			i++;
			continue;
		}
		if (c === '(' || c === ')') {
			tokens.push(c);
			i++;
			continue;
		}
		let token = '';
		while (i < query.length && !/\s/.test(query[i]) && query[i] !== '(' && query[i] !== ')') {
			const d = query[i];
			const close = d === '"' ? '"' : d === '[' || d === '{' ? /[\]}]/ : undefined;
			if (close === undefined) {
				token += d;
				i++;
				continue;
			}
			let j = i + 1;
			while (j < query.length && !(typeof close === 'string' ? query[j] === close : close.test(query[j]))) j++;
			if (j >= query.length) throw invalidQuery(`Syntax error in query string: unclosed ${d} in '${query.slice(i)}'`);
			token += query.slice(i, j + 1);
			i = j + 1;
		}
		tokens.push(token);
	}
	return tokens;
}

function unquote(value: string): string {
	return value.length >= 2 && value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value;
}

function compare(a: FieldValue, b: string): number | undefined {
	if (a === undefined) return undefined;
	if (typeof a === 'number') {
		const n = Number(b);
		return Number.isFinite(n) ? a - n : undefined;
	}
	const text = String(a);
	return text < b ? -1 : text > b ? 1 : 0;
}

function valueTest(operator: string, raw: string): (value: FieldValue) => boolean {
	if (operator !== ':') {
		if (raw === '') throw invalidQuery(`Syntax error in query string: '${operator}' needs a value`);
		const bound = unquote(raw);
		const ok = {'>': (c: number) => c > 0, '>=': (c: number) => c >= 0, '<': (c: number) => c < 0, '<=': (c: number) => c <= 0}[operator];
		return (value) => {
			const c = compare(value, bound);
			return c !== undefined && ok!(c);
		};
	}
	if (raw === '') throw invalidQuery('Syntax error in query string: a field needs a value');
	const range = /^([[{])\s*(\S+)\s+TO\s+(\S+)\s*([\]}])$/.exec(raw);
	if (range) {
		const [, open, low, high, close] = range;
		return (value) => {
			if (value === undefined) return false;
			const lo = low === '*' ? 1 : compare(value, unquote(low));
			const hi = high === '*' ? -1 : compare(value, unquote(high));
			if (lo === undefined || hi === undefined) return false;
			return (open === '[' ? lo >= 0 : lo > 0) && (close === ']' ? hi <= 0 : hi < 0);
		};
	}
	if (raw.startsWith('[') || raw.startsWith('{')) throw invalidQuery(`Syntax error in query string: bad range '${raw}'`);
	const quoted = raw.startsWith('"');
	const text = unquote(raw);
	if (text === '*') return (value) => value !== undefined;
	if (!quoted && /[*?]/.test(text)) {
		const pattern = new RegExp(
			`^${text
				.replaceAll(/[.+^${}()|[\]\\]/g, '\\$&')
				.replaceAll('*', '.*')
				.replaceAll('?', '.')}$`,
			's',
		);
		return (value) => value !== undefined && pattern.test(String(value));
	}
	return (value) => value !== undefined && String(value) === (typeof value === 'boolean' ? text.toLowerCase() : text);
}

function term(token: string): SearchPredicate {
	if (token === '*') return () => true;
	const match = /^([A-Za-z_][\w.:-]*?)(:|>=|<=|>|<)(.*)$/s.exec(token);
	if (!match) {
		if (/^[\w.*?-]+$/.test(token)) {
			const test = valueTest(':', token);
			return (thing) => test(thing.field('thingName'));
		}
		throw invalidQuery(`Syntax error in query string near '${token}'`);
	}
	const [, field, operator, raw] = match;
	if (!knownField(field)) throw invalidQuery(`Unsupported field in query string: ${field}`);
	const test = valueTest(operator, raw);
	if (field === 'thingGroupNames') return (thing) => thing.groups().some((group) => test(group));
	return (thing) => test(thing.field(field));
}

/** Parses a query string into a predicate; InvalidQueryException for what it cannot read. */
export function parseSearchQuery(query: string): SearchPredicate {
	const tokens = tokenize(query);
	if (tokens.length === 0) throw invalidQuery('Syntax error in query string: the query is empty');
	let at = 0;
	const peek = () => tokens[at];

	function orExpression(): SearchPredicate {
		const parts = [andExpression()];
		while (peek() === 'OR') {
			at++;
			parts.push(andExpression());
		}
		return parts.length === 1 ? parts[0] : (thing) => parts.some((part) => part(thing));
	}

	function andExpression(): SearchPredicate {
		const parts = [notExpression()];
		while (at < tokens.length && peek() !== 'OR' && peek() !== ')') {
			if (peek() === 'AND') at++;
			parts.push(notExpression());
		}
		return parts.length === 1 ? parts[0] : (thing) => parts.every((part) => part(thing));
	}

	function notExpression(): SearchPredicate {
		if (peek() === 'NOT') {
			at++;
			const inner = notExpression();
			return (thing) => !inner(thing);
		}
		return primary();
	}

	function primary(): SearchPredicate {
		const token = peek();
		if (token === undefined) throw invalidQuery(`Syntax error in query string: '${query}' ends too early`);
		if (token === 'AND' || token === 'OR' || token === ')') throw invalidQuery(`Syntax error in query string near '${token}'`);
		at++;
		if (token === '(') {
			const inner = orExpression();
			if (peek() !== ')') throw invalidQuery(`Syntax error in query string: unbalanced parentheses in '${query}'`);
			at++;
			return inner;
		}
		return term(token);
	}

	const predicate = orExpression();
	if (at < tokens.length) throw invalidQuery(`Syntax error in query string near '${tokens[at]}'`);
	return predicate;
}
