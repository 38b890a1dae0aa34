// Composite alarm rules (AlarmRule): parsed when the alarm is put, then evaluated against the
// states of the alarms they name.

import type {AlarmStateValue} from './alarms.js';
import {SimError} from './contract.js';

/** The states an alarm can be in, and a rule can test. */
export const ALARM_STATES: AlarmStateValue[] = ['OK', 'ALARM', 'INSUFFICIENT_DATA'];

export type RuleNode =
	| {type: 'const'; value: boolean}
	| {type: 'state'; state: AlarmStateValue; name: string}
	| {type: 'not'; arg: RuleNode}
	| {type: 'and' | 'or'; left: RuleNode; right: RuleNode};

/** Parses an AlarmRule: ALARM(x) / OK(x) / INSUFFICIENT_DATA(x), AND, OR, NOT, parentheses, TRUE, FALSE. */
export function parseAlarmRule(rule: string): RuleNode {
	const tokens: string[] = [];
	const regex = /\s*(\(|\)|"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|[^\s()]+)/gy;
	let m: RegExpExecArray | null;
	while ((m = regex.exec(rule)) !== null) tokens.push(m[1]);
	if (rule.slice(regex.lastIndex).trim() !== '' && tokens.length === 0) tokens.push(rule.trim());
	let pos = 0;
	const fail = (why: string): never => {
		throw new SimError('InvalidParameterValueException', `AlarmRule '${rule}' is invalid: ${why}.`);
	};
	const unquote = (text: string) => (/^["']/.test(text) ? text.slice(1, -1).replace(/\\(.)/g, '$1') : text);
	function primary(): RuleNode {
		const token = tokens[pos++];
		if (token === undefined) return fail('unexpected end of rule');
		const upper = token.toUpperCase();
		if (upper === 'TRUE') return {type: 'const', value: true};
		if (upper === 'FALSE') return {type: 'const', value: false};
		if (upper === 'NOT') return {type: 'not', arg: primary()};
		if (token === '(') {
			const inner = orExpr();
			if (tokens[pos++] !== ')') fail("expected ')'");
			return inner;
		}
		if ((ALARM_STATES as string[]).includes(upper)) {
			if (tokens[pos++] !== '(') fail(`expected '(' after ${upper}`);
			const nameToken = tokens[pos++];
			if (nameToken === undefined || nameToken === ')') return fail(`${upper}() needs an alarm name`);
			let name = unquote(nameToken);
			const arnMatch = /^arn:aws[^:]*:cloudwatch:[^:]*:\d*:alarm:(.+)$/.exec(name);
			if (arnMatch) name = arnMatch[1];
			if (tokens[pos++] !== ')') fail(`expected ')' after the alarm name`);
			return {type: 'state', state: upper as AlarmStateValue, name};
		}
		return fail(`unexpected '${token}'`);
	}
	function andExpr(): RuleNode {
		let left = primary();
		while (tokens[pos]?.toUpperCase() === 'AND') {
			pos++;
			left = {type: 'and', left, right: primary()};
		}
		return left;
	}
	function orExpr(): RuleNode {
		let left = andExpr();
		while (tokens[pos]?.toUpperCase() === 'OR') {
			pos++;
			left = {type: 'or', left, right: andExpr()};
		}
		return left;
	}
	const node = orExpr();
	if (pos < tokens.length) fail(`unexpected '${tokens[pos]}'`);
	return node;
}

export function ruleNames(node: RuleNode, into: string[] = []): string[] {
	if (node.type === 'state') into.push(node.name);
	else if (node.type === 'not') ruleNames(node.arg, into);
	else if (node.type === 'and' || node.type === 'or') {
		ruleNames(node.left, into);
		ruleNames(node.right, into);
	}
	return into;
}

export function evalRule(node: RuleNode, stateOf: (name: string) => AlarmStateValue | undefined): boolean {
	switch (node.type) {
		case 'const':
			return node.value;
		case 'state':
			return stateOf(node.name) === node.state;
		case 'not':
			return !evalRule(node.arg, stateOf);
		case 'and':
			return evalRule(node.left, stateOf) && evalRule(node.right, stateOf);
		case 'or':
			return evalRule(node.left, stateOf) || evalRule(node.right, stateOf);
	}
}
