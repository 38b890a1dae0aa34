// The Logs pane's event-type picker: every event type in the buffer with its count, each with
// a check box; the pane shows only the checked ones.
import {logEventAt, type LogBuffer} from '../../model/logBuffer.js';
import {cell, type Line} from '../widgets/line.js';

export type TypeCount = {type: string; count: number};

/** Event types held in the buffer (and those already picked), most frequent first; '' = none. */
export function typeCounts(buffer: LogBuffer, picked?: ReadonlySet<string>): TypeCount[] {
	const counts = new Map<string, number>();
	for (const type of picked ?? []) counts.set(type, 0);
	for (let index = 0; index < buffer.length; index++) {
		const type = logEventAt(buffer, index)!.eventType ?? '';
		counts.set(type, (counts.get(type) ?? 0) + 1);
	}
	return [...counts].map(([type, count]) => ({type, count})).sort((a, b) => b.count - a.count || a.type.localeCompare(b.type));
}

export function typePickerLines({
	types,
	cursor,
	shown,
	rows,
}: {
	types: TypeCount[];
	cursor: number;
	shown?: ReadonlySet<string>;
	rows: number;
}): Line[] {
	if (types.length === 0) return [[{text: 'No events yet.', dim: true}]];
	const top = cursor >= rows ? cursor - rows + 1 : 0;
	return types.slice(top, top + rows).map(({type, count}, offset) => {
		const selected = top + offset === cursor;
		const checked = !shown || shown.has(type);
		return [
			{text: selected ? '›' : ' ', color: 'cyan', bold: true},
			{text: checked ? '[x] ' : '[ ] ', color: checked ? 'green' : 'gray'},
			{text: cell(type === '' ? '(no event type)' : type, 28), inverse: selected},
			{text: ` ${count}`, dim: true},
		];
	});
}
