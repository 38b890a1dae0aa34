// One copy of short text that recurs from row to row and event to event (log levels, event
// types, log streams, thing types, attribute values). Every parsed response brings its own
// copies, and a buffer of 10,000 events or a list of 100,000 things would keep them all. The
// table is bounded and starts afresh when full, so values that never recur cost little.
const MAX_ENTRIES = 4096;
let table = new Map<string, string>();

/** The shared copy of `text` (itself the first time); text longer than `maxLength` as it is. */
export function sharedText(text: string, maxLength = 32): string {
	if (text.length > maxLength) return text;
	const known = table.get(text);
	if (known !== undefined) return known;
	if (table.size >= MAX_ENTRIES) table = new Map();
	table.set(text, text);
	return text;
}

/** Entries held (for tests of the bound). */
export function sharedTextEntries(): number {
	return table.size;
}
