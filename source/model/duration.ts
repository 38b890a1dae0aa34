// Durations as users type them (`5`, `5s`, `2m`, `1h30m`, `500ms`) and as the screen shows
// them: two units at most, the second zero-padded (`45s`, `3m20s`, `2h05m`, `3d04h`).

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const unitMs: Record<string, number> = {ms: 1, s: SECOND, m: MINUTE, h: HOUR, d: DAY};

const bareSeconds = /^\d+(?:\.\d+)?$/;
const compound = /^(?:\d+(?:\.\d+)?(?:ms|s|m|h|d))+$/;
const part = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/g;

/** Milliseconds, or undefined when the text is not a duration. A bare number is seconds. */
export function parseDuration(text: string): number | undefined {
	const trimmed = text.trim().toLowerCase();
	let ms: number;
	if (bareSeconds.test(trimmed)) {
		ms = Number(trimmed) * SECOND;
	} else if (compound.test(trimmed)) {
		ms = 0;
		for (const [, amount, unit] of trimmed.matchAll(part)) ms += Number(amount) * unitMs[unit];
	} else {
		return undefined;
	}
	return Number.isFinite(ms) ? Math.round(ms) : undefined;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** Compact "for how long": `0s`, `45s`, `3m20s`, `2h05m`, `3d04h`. Rounds down; negative is `0s`. */
export function formatDuration(ms: number): string {
	if (!Number.isFinite(ms) || ms < SECOND) return '0s';
	const total = Math.floor(ms / SECOND);
	const days = Math.floor(total / 86_400);
	const hours = Math.floor((total % 86_400) / 3600);
	const minutes = Math.floor((total % 3600) / 60);
	const seconds = total % 60;
	if (days > 0) return `${days}d${pad2(hours)}h`;
	if (hours > 0) return `${hours}h${pad2(minutes)}m`;
	if (minutes > 0) return `${minutes}m${pad2(seconds)}s`;
	return `${seconds}s`;
}

/** How long ago `thenMs` was, as {@link formatDuration}; '—' when unknown. */
export function formatAge(thenMs: number | undefined, nowMs: number): string {
	if (thenMs === undefined || !Number.isFinite(thenMs)) return '—';
	return formatDuration(nowMs - thenMs);
}

/** Where the panes' times are read: the machine's zone (TZ honoured), or UTC (`--utc`). */
export type DisplayZone = 'local' | 'utc';

// Set once at start from the config (setDisplayZone); UTC until then, so that a library use
// (tests, the screenshots) draws the same times on every machine.
let displayZone: DisplayZone = 'utc';

export function setDisplayZone(zone: DisplayZone): void {
	displayZone = zone;
}

let localZone: {tz: string | undefined; utc: boolean} | undefined;

/** Whether the machine's zone is UTC itself (not one that is at +00:00 in winter, as London). */
function localZoneIsUtc(): boolean {
	// Node follows a TZ changed at run time; so does this.
	const tz = process.env.TZ;
	if (!localZone || localZone.tz !== tz)
		localZone = {tz, utc: /^(Etc\/)?(UTC|UCT|Universal|Zulu)$/.test(Intl.DateTimeFormat().resolvedOptions().timeZone)};
	return localZone.utc;
}

/**
 * The zone the panes' times are in, as the header names it: `UTC`, or the local offset at
 * `at` (`UTC+05:30`, `UTC-04:00`): one form for every zone, where the abbreviations Intl
 * gives differ by locale and repeat (IST is India's, Ireland's and Israel's).
 */
export function zoneLabel(at: number, zone: DisplayZone = displayZone): string {
	if (zone === 'utc' || localZoneIsUtc()) return 'UTC';
	const offset = -new Date(at).getTimezoneOffset();
	const minutes = Math.abs(offset);
	return `UTC${offset < 0 ? '-' : '+'}${pad2(Math.floor(minutes / 60))}:${pad2(minutes % 60)}`;
}

/**
 * A time as the panes print it, in the display zone: `03:02` (minute), `03:02:05` (second),
 * `2026-11-24 03:02:05` (date), `2026-11-24` (day). The header names the zone once.
 */
export function formatTime(
	epochMs: number,
	precision: 'minute' | 'second' | 'date' | 'day' = 'second',
	zone: DisplayZone = displayZone,
): string {
	const date = new Date(epochMs);
	if (Number.isNaN(date.getTime())) return '?';
	const utc = zone === 'utc';
	const clock = `${pad2(utc ? date.getUTCHours() : date.getHours())}:${pad2(utc ? date.getUTCMinutes() : date.getMinutes())}`;
	if (precision === 'minute') return clock;
	const seconds = `${clock}:${pad2(utc ? date.getUTCSeconds() : date.getSeconds())}`;
	if (precision === 'second') return seconds;
	const year = utc ? date.getUTCFullYear() : date.getFullYear();
	const day = `${String(year).padStart(4, '0')}-${pad2((utc ? date.getUTCMonth() : date.getMonth()) + 1)}-${pad2(utc ? date.getUTCDate() : date.getDate())}`;
	return precision === 'day' ? day : `${day} ${seconds}`;
}
