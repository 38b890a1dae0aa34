import {afterEach, describe, expect, it, vi} from 'vitest';
import {formatAge, formatDuration, formatTime, parseDuration, setDisplayZone, zoneLabel} from '../../source/model/duration.js';

describe('parseDuration', () => {
	it.each<[string, number | undefined]>([
		['5', 5000],
		['0', 0],
		['1.5', 1500],
		['5s', 5000],
		['2m', 120_000],
		['1h', 3_600_000],
		['1d', 86_400_000],
		['500ms', 500],
		['1h30m', 5_400_000],
		['1m30s', 90_000],
		['1.5h', 5_400_000],
		[' 10S ', 10_000],
		['', undefined],
		['   ', undefined],
		['-5', undefined],
		['-5s', undefined],
		['banana', undefined],
		['5x', undefined],
		['s', undefined],
		['5 s', undefined],
		['1h 30m', undefined],
		['.5s', undefined],
		['1e3', undefined],
	])('%j -> %s', (text, expected) => {
		expect(parseDuration(text)).toBe(expected);
	});
});

describe('formatDuration', () => {
	it.each<[number, string]>([
		[0, '0s'],
		[999, '0s'],
		[-5000, '0s'],
		[Number.NaN, '0s'],
		[45_000, '45s'],
		[59_999, '59s'],
		[60_000, '1m00s'],
		[200_000, '3m20s'],
		[3_599_000, '59m59s'],
		[3_600_000, '1h00m'],
		[7_500_000, '2h05m'],
		[86_400_000, '1d00h'],
		[3 * 86_400_000 + 4 * 3_600_000 + 59 * 60_000, '3d04h'],
		[400 * 86_400_000, '400d00h'],
	])('%d ms -> %s', (ms, expected) => {
		expect(formatDuration(ms)).toBe(expected);
	});
});

describe('formatAge', () => {
	it.each<[number | undefined, number, string]>([
		[undefined, 1000, '—'],
		[Number.NaN, 1000, '—'],
		[1000, 1000, '0s'],
		[0, 45_000, '45s'],
		[10_000, 5000, '0s'],
	])('then %s now %d -> %s', (then, now, expected) => {
		expect(formatAge(then, now)).toBe(expected);
	});
});

// Every time the panes show goes through formatTime: in the machine's zone (TZ) by default,
// in UTC with --utc; the header names the zone with zoneLabel.
describe('formatTime and zoneLabel', () => {
	const tz = process.env.TZ;
	afterEach(() => {
		if (tz === undefined) delete process.env.TZ;
		else process.env.TZ = tz;
		setDisplayZone('utc');
	});
	const at = Date.UTC(2026, 10, 24, 21, 2, 5); // 2026-11-24T21:02:05Z

	it.each<[string | undefined, 'local' | 'utc', Record<string, string>, string]>([
		['Asia/Kolkata', 'local', {minute: '02:32', second: '02:32:05', date: '2026-11-25 02:32:05', day: '2026-11-25'}, 'UTC+05:30'],
		['America/New_York', 'local', {minute: '16:02', second: '16:02:05', date: '2026-11-24 16:02:05', day: '2026-11-24'}, 'UTC-05:00'],
		['Europe/Paris', 'local', {minute: '22:02', second: '22:02:05', date: '2026-11-24 22:02:05', day: '2026-11-24'}, 'UTC+01:00'],
		['Australia/Adelaide', 'local', {minute: '07:32', second: '07:32:05', date: '2026-11-25 07:32:05', day: '2026-11-25'}, 'UTC+10:30'],
		['Etc/UTC', 'local', {minute: '21:02', second: '21:02:05', date: '2026-11-24 21:02:05', day: '2026-11-24'}, 'UTC'],
		// --utc: whatever TZ says.
		['Asia/Kolkata', 'utc', {minute: '21:02', second: '21:02:05', date: '2026-11-24 21:02:05', day: '2026-11-24'}, 'UTC'],
		['America/New_York', 'utc', {minute: '21:02', second: '21:02:05', date: '2026-11-24 21:02:05', day: '2026-11-24'}, 'UTC'],
	])('TZ=%s, %s: %j, zone %s', (zone, display, expected, label) => {
		process.env.TZ = zone;
		setDisplayZone(display);
		for (const [precision, text] of Object.entries(expected)) expect(formatTime(at, precision as 'minute')).toBe(text);
		expect(formatTime(at)).toBe(expected.second);
		expect(zoneLabel(at)).toBe(label);
	});

	it('names the offset in force at the time: summer time moves it', () => {
		process.env.TZ = 'Europe/Paris';
		setDisplayZone('local');
		const summer = Date.UTC(2026, 6, 1, 12);
		expect(zoneLabel(summer)).toBe('UTC+02:00');
		expect(formatTime(summer)).toBe('14:00:00');
	});

	it('is UTC until the config sets the zone (a library use draws the same on every machine)', async () => {
		process.env.TZ = 'Asia/Kolkata';
		vi.resetModules();
		const fresh = await import('../../source/model/duration.js');
		expect(fresh.formatTime).not.toBe(formatTime);
		expect(fresh.formatTime(at)).toBe('21:02:05');
		expect(fresh.zoneLabel(at)).toBe('UTC');
	});

	it('an explicit zone overrides the display zone (snapshot text is UTC)', () => {
		process.env.TZ = 'Asia/Kolkata';
		setDisplayZone('local');
		expect(formatTime(at, 'second', 'utc')).toBe('21:02:05');
		expect(formatTime(Number.NaN)).toBe('?');
	});
});
