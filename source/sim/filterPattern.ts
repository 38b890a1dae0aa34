// CloudWatch Logs filter patterns, compiled to a matcher over an event's message: what
// FilterLogEvents and StartLiveTail of the simulator filter with.

import {SimError} from './contract.js';

export type EventMatcher = (message: string) => boolean;

function invalidPattern(detail: string): SimError {
	return new SimError('InvalidParameterException', `Invalid filter pattern: ${detail}`);
}

function glob(pattern: string): (value: string) => boolean {
	if (!pattern.includes('*')) return (value) => value === pattern;
	const parts = pattern.split('*').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
	const re = new RegExp(`^${parts.join('.*')}$`, 's');
	return (value) => re.test(value);
}

function selectPath(root: unknown, path: string): unknown {
	// $.a.b[0].c
	const parts = path.slice(1).match(/\.[^.[\]]+|\[\d+\]/g);
	if (path !== '$' && (!parts || parts.join('') !== path.slice(1))) throw invalidPattern(`bad selector ${path}`);
	let value = root;
	for (const part of parts ?? []) {
		if (value === null || typeof value !== 'object') return undefined;
		const key = part.startsWith('[') ? Number(part.slice(1, -1)) : part.slice(1);
		value = (value as Record<string | number, unknown>)[key];
	}
	return value;
}

type Comparison = (root: unknown) => boolean;

function compileComparison(text: string): Comparison {
	const match = /^\s*(\$[^\s=!<>]*)\s*(=|!=|<=|>=|<|>)\s*(.+?)\s*$/s.exec(text);
	if (!match) {
		const exists = /^\s*(\$[^\s]*)\s+(NOT\s+EXISTS|IS\s+NULL)\s*$/i.exec(text);
		if (exists) {
			const path = exists[1];
			const notExists = /NOT/i.test(exists[2]);
			selectPath({}, path);
			return (root) => (notExists ? selectPath(root, path) === undefined : selectPath(root, path) === null);
		}
		throw invalidPattern(text.trim());
	}
	const [, path, op, rawValue] = match;
	selectPath({}, path);
	let expected: string | number | boolean | null;
	let quoted = false;
	if (rawValue.length >= 2 && rawValue.startsWith('"') && rawValue.endsWith('"')) {
		expected = rawValue.slice(1, -1).replace(/\\(.)/g, '$1');
		quoted = true;
	} else if (/^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(rawValue)) expected = Number(rawValue);
	else if (rawValue === 'true' || rawValue === 'false') expected = rawValue === 'true';
	else if (rawValue === 'NULL' || rawValue === 'null') expected = null;
	else expected = rawValue;
	if (op === '<' || op === '>' || op === '<=' || op === '>=') {
		if (typeof expected !== 'number') throw invalidPattern(`${op} needs a number`);
		const limit = expected;
		return (root) => {
			const v = selectPath(root, path);
			if (typeof v !== 'number') return false;
			return op === '<' ? v < limit : op === '>' ? v > limit : op === '<=' ? v <= limit : v >= limit;
		};
	}
	let equal: (v: unknown) => boolean;
	if (typeof expected === 'string') {
		const test = glob(expected);
		equal = (v) => (typeof v === 'string' || (!quoted && typeof v === 'number')) && test(String(v));
	} else {
		const value = expected;
		equal = (v) => v === value;
	}
	return op === '='
		? (root) => equal(selectPath(root, path))
		: (root) => {
				const v = selectPath(root, path);
				return v !== undefined && !equal(v);
			};
}

function splitTopLevel(text: string, separator: string): string[] {
	const out: string[] = [];
	let depth = 0;
	let inQuote = false;
	let start = 0;
	for (let i = 0; i < text.length; i++) {
		const ch = text[i];
		if (inQuote) {
			if (ch === '\\') i++;
			else if (ch === '"') inQuote = false;
			continue;
		}
		if (ch === '"') inQuote = true;
		else if (ch === '(') depth++;
		else if (ch === ')') depth--;
		else if (depth === 0 && text.startsWith(separator, i)) {
			out.push(text.slice(start, i));
			i += separator.length - 1;
			start = i + 1;
		}
	}
	out.push(text.slice(start));
	return out;
}

function compileJsonExpression(text: string): Comparison {
	const ors = splitTopLevel(text, '||');
	if (ors.length > 1) {
		const parts = ors.map((p) => compileJsonExpression(p));
		return (root) => parts.some((p) => p(root));
	}
	const ands = splitTopLevel(text, '&&');
	if (ands.length > 1) {
		const parts = ands.map((p) => compileJsonExpression(p));
		return (root) => parts.every((p) => p(root));
	}
	const trimmed = text.trim();
	if (trimmed.startsWith('(') && trimmed.endsWith(')')) return compileJsonExpression(trimmed.slice(1, -1));
	return compileComparison(trimmed);
}

/**
 * CloudWatch Logs filter patterns, the subset the simulator knows: empty (all); plain terms
 * (all must appear, case-sensitive), "quoted phrases", `-term` exclusions, `?a ?b` (any);
 * `%regex%`; JSON `{ $.a = "v" && $.b != "w" || $.n > 3 }` with `*` wildcards in strings.
 */
export function compileFilterPattern(pattern: string | undefined): EventMatcher | undefined {
	const text = (pattern ?? '').trim();
	if (text === '') return undefined;
	if (text.startsWith('{')) {
		if (!text.endsWith('}')) throw invalidPattern('missing }');
		const expression = compileJsonExpression(text.slice(1, -1));
		return (message) => {
			const first = message.trimStart()[0];
			if (first !== '{' && first !== '[') return false;
			let root: unknown;
			try {
				root = JSON.parse(message);
			} catch {
				return false;
			}
			return expression(root);
		};
	}
	if (text.length >= 2 && text.startsWith('%') && text.endsWith('%')) {
		let re: RegExp;
		try {
			re = new RegExp(text.slice(1, -1));
		} catch {
			throw invalidPattern('bad regular expression');
		}
		return (message) => re.test(message);
	}
	if (text.startsWith('[')) throw invalidPattern('space-delimited patterns are not supported by the simulator');
	const required: string[] = [];
	const excluded: string[] = [];
	const any: string[] = [];
	for (const token of text.match(/[-?]?"(?:[^"\\]|\\.)*"|\S+/g) ?? []) {
		let list = required;
		let term = token;
		if (term.startsWith('-') && term.length > 1) {
			list = excluded;
			term = term.slice(1);
		} else if (term.startsWith('?') && term.length > 1) {
			list = any;
			term = term.slice(1);
		}
		if (term.length >= 2 && term.startsWith('"') && term.endsWith('"')) term = term.slice(1, -1).replace(/\\(.)/g, '$1');
		list.push(term);
	}
	return (message) =>
		required.every((t) => message.includes(t)) &&
		!excluded.some((t) => message.includes(t)) &&
		(any.length === 0 || any.some((t) => message.includes(t)));
}
