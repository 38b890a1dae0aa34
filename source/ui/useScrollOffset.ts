import {useRef} from 'react';

/** The first visible row of a list so the cursor stays in view, scrolling only when it must. */
export function useScrollOffset(cursor: number, visibleRows: number, total: number): number {
	const offset = useRef(0);
	const rows = Math.max(1, visibleRows);
	let next = offset.current;
	if (cursor < next) next = cursor;
	if (cursor >= next + rows) next = cursor - rows + 1;
	next = Math.max(0, Math.min(next, Math.max(0, total - rows)));
	offset.current = next;
	return next;
}
