// A list's cursor and scroll position as the UI state keeps them: the cursor anchored to the
// selected row's identity (an alarm's name, a metric's id, a resource's key), so it stays on
// its row while rows move (a state change re-sorts the alarms, a page arrives, a filter
// narrows the list), with its index to fall back on when the row is gone. Pure.
import type {CommandId} from './keymap.js';

export type Cursor = {
	/** The selected row's identity; none before the user moved (the first row). */
	key?: string;
	/** Where it was: the place to fall back on when that row is gone. */
	index: number;
	/** `G`: stays on the last row while more rows arrive (a list loading to its end). */
	atEnd?: boolean;
};

export const FIRST: Cursor = {index: 0};

const clampTo = (value: number, count: number) => Math.max(0, Math.min(value, count - 1));

/** The cursor's row index in a list of `count` rows whose identities `keyAt` gives. */
export function cursorAt(cursor: Cursor, count: number, keyAt: (index: number) => string): number {
	if (count === 0) return 0;
	if (cursor.atEnd) return count - 1;
	const index = clampTo(cursor.index, count);
	if (cursor.key === undefined || keyAt(index) === cursor.key) return index;
	for (let at = 0; at < count; at++) if (keyAt(at) === cursor.key) return at;
	return index;
}

/** A cursor on a row. */
export function cursorOn(index: number, count: number, keyAt: (index: number) => string): Cursor {
	return count === 0 ? FIRST : {key: keyAt(clampTo(index, count)), index: clampTo(index, count)};
}

/** The cursor after a list command, clamped to the list; undefined when the command is not a move. */
export function moveCursor(command: CommandId | undefined, cursor: number, count: number, pageSize: number): number | undefined {
	const clamp = (value: number) => Math.max(0, Math.min(value, count - 1));
	switch (command) {
		case 'list.down': {
			return clamp(cursor + 1);
		}
		case 'list.up': {
			return clamp(cursor - 1);
		}
		case 'list.top': {
			return 0;
		}
		case 'list.bottom': {
			return clamp(count - 1);
		}
		case 'list.pageDown': {
			return clamp(cursor + pageSize);
		}
		case 'list.pageUp': {
			return clamp(cursor - pageSize);
		}
		default: {
			return undefined;
		}
	}
}

/** The first row shown: where it was, moved only as far as the cursor needs to stay in view. */
export function scrollTop(top: number, cursor: number, rows: number, total: number): number {
	const visible = Math.max(1, rows);
	let next = top;
	if (cursor < next) next = cursor;
	if (cursor >= next + visible) next = cursor - visible + 1;
	return Math.max(0, Math.min(next, Math.max(0, total - visible)));
}

/** A scroll offset after a move command over `lines` lines of which `rows` show; undefined when not a move. */
export function scrollBy(command: CommandId | undefined, offset: number, lines: number, rows: number): number | undefined {
	return moveCursor(command, offset, Math.max(1, lines - rows + 1), Math.max(1, rows - 1));
}
