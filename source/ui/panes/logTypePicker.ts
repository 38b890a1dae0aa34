// The Logs pane's event-type picker: every event type in the buffer with its count, each with
// a check box; the pane shows only the checked ones. CloudTrail event names and EventBridge
// detail-types are listed after the IoT event types, each group under its kind's name.
import {KIND_LABELS, typeKey, typeOfKey} from '../../model/logFormats.js';
import {logEventAt, type LogBuffer} from '../../model/logBuffer.js';
import {cell, type Line} from '../widgets/line.js';

export type TypeCount = {type: string; count: number};

const KIND_ORDER: Record<string, number> = {iot: 0, cloudtrail: 1, eventbridge: 2, text: 3};

/** Event types held in the buffer (and those already picked), by kind (IoT first), then most frequent first; '' = none. */
export function typeCounts(buffer: LogBuffer, picked?: ReadonlySet<string>): TypeCount[] {
	const counts = new Map<string, number>();
	for (const type of picked ?? []) counts.set(type, 0);
	for (let index = 0; index < buffer.length; index++) {
		const type = typeKey(logEventAt(buffer, index)!);
		counts.set(type, (counts.get(type) ?? 0) + 1);
	}
	const kindRank = (type: string) => KIND_ORDER[typeOfKey(type).kind] ?? 0;
	return [...counts]
		.map(([type, count]) => ({type, count}))
		.sort((a, b) => kindRank(a.type) - kindRank(b.type) || b.count - a.count || a.type.localeCompare(b.type));
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
	// Only when CloudTrail or EventBridge types are listed does each type say its kind.
	const mixed = types.some(({type}) => ['cloudtrail', 'eventbridge'].includes(typeOfKey(type).kind));
	return types.slice(top, top + rows).map(({type, count}, offset) => {
		const selected = top + offset === cursor;
		const checked = !shown || shown.has(type);
		const {kind, name} = typeOfKey(type);
		return [
			{text: selected ? '›' : ' ', color: 'cyan', bold: true},
			{text: checked ? '[x] ' : '[ ] ', color: checked ? 'green' : 'gray'},
			...(mixed ? [{text: cell(KIND_LABELS[kind], 12), dim: true}] : []),
			{text: cell(name === '' ? '(no event type)' : name, 28), inverse: selected},
			{text: ` ${count}`, dim: true},
		];
	});
}
