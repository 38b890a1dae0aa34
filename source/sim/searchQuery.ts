// SearchIndex's query string (fleet indexing), the subset the simulator answers, as a list
// of tests over a thing.

import {SimError} from './contract.js';
import type {ThingRecord} from './resources.js';

type Term = (thing: ThingRecord) => boolean;

function valueMatcher(raw: string): (value: string | undefined) => boolean {
	let value = raw;
	if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
	if (value === '*') return (v) => v !== undefined;
	if (value.endsWith('*')) {
		const prefix = value.slice(0, -1);
		return (v) => v !== undefined && v.startsWith(prefix);
	}
	return (v) => v === value;
}

/** The supported subset of the fleet-indexing query language: field:value terms joined by AND. */
export function parseSearchQuery(query: string): Term[] {
	const tokens = query.match(/(?:[^\s"]+|"[^"]*")+/g) ?? [];
	const terms: Term[] = [];
	for (const token of tokens) {
		if (token === 'AND') continue;
		if (token === '*') continue;
		if (token === 'OR' || token === 'NOT' || token.startsWith('(')) {
			throw new SimError('InvalidQueryException', `Syntax error in query string: '${token}' is not supported by the simulator`, 400);
		}
		const colon = token.indexOf(':');
		if (colon <= 0) throw new SimError('InvalidQueryException', `Syntax error in query string near '${token}'`, 400);
		const field = token.slice(0, colon);
		const match = valueMatcher(token.slice(colon + 1));
		if (field === 'thingName') terms.push((t) => match(t.thingName));
		else if (field === 'thingTypeName') terms.push((t) => match(t.thingTypeName));
		else if (field === 'thingId') terms.push((t) => match(t.thingId));
		else if (field === 'thingGroupNames') terms.push((t) => t.groups.some((g) => match(g)));
		else if (field === 'connectivity.connected') terms.push((t) => match(String(t.connected)));
		else if (field === 'connectivity.disconnectReason') terms.push((t) => match(t.disconnectReason));
		else if (field.startsWith('attributes.')) {
			const name = field.slice('attributes.'.length);
			terms.push((t) => match(Object.hasOwn(t.attributes, name) ? t.attributes[name] : undefined));
		} else throw new SimError('InvalidQueryException', `Unsupported field in query string: ${field}`, 400);
	}
	return terms;
}
