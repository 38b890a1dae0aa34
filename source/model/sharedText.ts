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

// Small records recur the same way: a fleet's things mostly carry the same few attribute sets
// (model, firmware, site), and each listed thing kept its own object for them: at fleet scale,
// megabytes of the heap (docs/performance.md, Shared text). Shared copies are frozen, so a
// caller that tried to change one would fail, not change every row that holds it.
const MAX_RECORDS = 4096;
/**
 * Records with more fields than this, or longer text, are as they are: sets that long rarely
 * recur, and the table (whose keys are the records' text) stays under ~1 MB.
 */
const MAX_RECORD_FIELDS = 16;
const MAX_RECORD_KEY = 256;
const emptyRecord: Readonly<Record<string, string>> = Object.freeze({});
let records = new Map<string, Readonly<Record<string, string>>>();

/** The shared, frozen copy of a record equal to `record` (same fields in the same order); a large one as it is. */
export function sharedRecord(record: Record<string, string>): Record<string, string> {
	const entries = Object.entries(record);
	if (entries.length === 0) return emptyRecord as Record<string, string>;
	if (entries.length > MAX_RECORD_FIELDS) return record;
	const key = JSON.stringify(entries);
	if (key.length > MAX_RECORD_KEY) return record;
	const known = records.get(key);
	if (known !== undefined) return known as Record<string, string>;
	if (records.size >= MAX_RECORDS) records = new Map();
	records.set(key, Object.freeze(record));
	return record;
}

/** Records held (for tests of the bound). */
export function sharedRecordEntries(): number {
	return records.size;
}
