import {describe, expect, it} from 'vitest';
import {appendLogEvents, emptyLogBuffer, logEventAt, logEvents, type LogBuffer} from '../../source/model/logBuffer.js';
import type {LogEvent} from '../../source/model/types.js';

let counter = 0;
function batch(count: number): LogEvent[] {
	return Array.from({length: count}, () => {
		const id = counter++;
		return {id: String(id), timestamp: id, logGroup: 'g', message: `event ${id}`};
	});
}

function ids(buffer: LogBuffer): number[] {
	return [...logEvents(buffer)].map((event) => Number(event.id));
}

describe('log ring buffer', () => {
	it.each([
		['fits', 10, [3, 4], 7, 0],
		['exactly full', 8, [5, 3], 8, 0],
		['overflows by one batch', 5, [3, 4], 5, 2],
		['a batch larger than the buffer', 5, [2, 12], 5, 9],
		['across chunk boundaries', 2500, [1000, 1000, 1000, 30], 2500, 530],
	])('%s', (_name, capacity, batches, length, dropped) => {
		counter = 0;
		let buffer = emptyLogBuffer(capacity);
		for (const size of batches) buffer = appendLogEvents(buffer, batch(size));
		const total = batches.reduce((sum, size) => sum + size, 0);
		expect(buffer.length).toBe(length);
		expect(buffer.dropped).toBe(dropped);
		// The newest `capacity` events, oldest first, with their sequence numbers.
		expect(ids(buffer)).toEqual(Array.from({length}, (_, index) => total - length + index));
		expect(buffer.first).toBe(total - length);
		expect(logEventAt(buffer, 0)?.id).toBe(String(total - length));
		expect(logEventAt(buffer, length)).toBeUndefined();
	});

	it('counts events skipped before a batch as appended and dropped, with their sequence numbers', () => {
		counter = 0;
		let buffer = appendLogEvents(emptyLogBuffer(5), batch(3));
		// A poll read 9 events and kept the newest 5 (the capacity): 4 skipped, all 3 held dropped.
		counter = 7;
		buffer = appendLogEvents(buffer, batch(5), 4);
		expect(ids(buffer)).toEqual([7, 8, 9, 10, 11]);
		expect(buffer.first).toBe(7);
		expect(buffer.dropped).toBe(7);
		expect(appendLogEvents(buffer, [], 0)).toBe(buffer);
	});

	it('is an immutable value: an older snapshot still reads the same', () => {
		counter = 0;
		const before = appendLogEvents(emptyLogBuffer(4), batch(3));
		const after = appendLogEvents(before, batch(3));
		expect(ids(before)).toEqual([0, 1, 2]);
		expect(ids(after)).toEqual([2, 3, 4, 5]);
	});

	it('stays at capacity under a 100,000-event flood in small and large batches, holding no more chunks than it needs', () => {
		counter = 0;
		let buffer = emptyLogBuffer(10_000);
		for (let index = 0; index < 90; index++) buffer = appendLogEvents(buffer, batch(1000));
		buffer = appendLogEvents(buffer, batch(10_000));
		expect(buffer.length).toBe(10_000);
		expect(buffer.dropped).toBe(90_000);
		expect(buffer.chunks.reduce((sum, chunk) => sum + chunk.length, 0)).toBeLessThanOrEqual(10_000 + 1024);
		expect(logEventAt(buffer, 9999)?.id).toBe('99999');
	});
});
