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

/** A UTC time as the panes print it: `03:02` (minute), `03:02:05` (second), `2026-11-24 03:02:05` (date). */
export function formatTime(epochMs: number, precision: 'minute' | 'second' | 'date' = 'second'): string {
	const iso = new Date(epochMs).toISOString();
	if (precision === 'minute') return iso.slice(11, 16);
	if (precision === 'second') return iso.slice(11, 19);
	return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}
