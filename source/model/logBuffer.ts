// The Logs pane's ring buffer: at most `capacity` events, oldest dropped first, as an
// immutable value so the store can hold it. Events live in fixed-size chunks: appending copies
// only the last, partly filled chunk and the list of chunk references, and dropping the oldest
// events moves a head offset and releases whole chunks, so a poll's update costs what it
// added, never a copy of the whole buffer.
import type {LogEvent} from './types.js';

const CHUNK = 1024;

export type LogBuffer = {
	readonly capacity: number;
	/** Full chunks of CHUNK events, except the last. */
	readonly chunks: ReadonlyArray<readonly LogEvent[]>;
	/** Index of the oldest event in chunks[0]. */
	readonly head: number;
	readonly length: number;
	/** Sequence number of the oldest event: every event ever appended has one, 0 first. */
	readonly first: number;
	/** Events pushed out since the start. */
	readonly dropped: number;
};

export function emptyLogBuffer(capacity: number): LogBuffer {
	return {capacity: Math.max(1, Math.floor(capacity)), chunks: [], head: 0, length: 0, first: 0, dropped: 0};
}

/**
 * Appends events (oldest first); the result holds the newest `capacity` of old + fresh.
 * `skipped` counts events that arrived before `fresh` but were never turned into events (a
 * poll keeps only the newest `capacity`): they take sequence numbers and count as dropped,
 * and so does everything older, since the buffer holds no gap.
 */
export function appendLogEvents(buffer: LogBuffer, fresh: readonly LogEvent[], skipped = 0): LogBuffer {
	if (fresh.length === 0 && skipped === 0) return buffer;
	const {capacity} = buffer;
	const end = buffer.first + buffer.length + skipped + fresh.length;
	if (fresh.length >= capacity || skipped > 0) {
		// A flood larger than the buffer: only its newest events survive.
		const kept = fresh.length > capacity ? fresh.slice(fresh.length - capacity) : fresh;
		const chunks: LogEvent[][] = [];
		for (let index = 0; index < kept.length; index += CHUNK) chunks.push(kept.slice(index, index + CHUNK));
		return {
			capacity,
			chunks,
			head: 0,
			length: kept.length,
			first: end - kept.length,
			dropped: buffer.dropped + end - kept.length - buffer.first,
		};
	}
	const chunks = buffer.chunks.slice() as Array<readonly LogEvent[]>;
	let index = 0;
	const last = chunks.at(-1);
	if (last && last.length < CHUNK) {
		const take = Math.min(CHUNK - last.length, fresh.length);
		chunks[chunks.length - 1] = last.concat(fresh.slice(0, take));
		index = take;
	}
	for (; index < fresh.length; index += CHUNK) chunks.push(fresh.slice(index, index + CHUNK));
	const overflow = Math.max(0, buffer.length + fresh.length - capacity);
	let head = buffer.head + overflow;
	while (chunks.length > 0 && head >= chunks[0].length) {
		head -= chunks[0].length;
		chunks.shift();
	}
	return {
		capacity,
		chunks,
		head,
		length: buffer.length + fresh.length - overflow,
		first: buffer.first + overflow,
		dropped: buffer.dropped + overflow,
	};
}

/** The event at `index` (0 = oldest held). */
export function logEventAt(buffer: LogBuffer, index: number): LogEvent | undefined {
	if (index < 0 || index >= buffer.length) return undefined;
	const position = buffer.head + index;
	return buffer.chunks[Math.floor(position / CHUNK)]?.[position % CHUNK];
}

/** Every held event, oldest first (for filtering; the pane reads only the visible window). */
export function* logEvents(buffer: LogBuffer): Generator<LogEvent> {
	for (let index = 0; index < buffer.length; index++) yield logEventAt(buffer, index)!;
}
