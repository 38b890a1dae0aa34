// Alarm rows as the Alarms pane orders and describes them: trouble first, the longest-standing
// trouble at the top, and each condition in words (`Connect.AuthError Sum > 10 for 3 of 3 x 1 min`).
import {formatDuration} from './duration.js';
import type {AlarmRow} from './types.js';

export type StateSummary = {alarm: number; insufficient: number; ok: number; other: number};

const stateOrder: Record<string, number> = {ALARM: 0, INSUFFICIENT_DATA: 1, OK: 2};
const OTHER_STATE = 3;
const NO_STATE = 4;

const orderOf = (state: string | undefined) => (state === undefined ? NO_STATE : (stateOrder[state] ?? OTHER_STATE));

/** Since when the alarm has been in its state, and whether that time is exact. */
export type AlarmSince = {at: number; exact: boolean};

/**
 * StateTransitionedTimestamp is the real change; without it (emulators, some alarms) the
 * state has held at least since StateUpdatedTimestamp, which moves on every evaluation and
 * so is at most the true time: a lower bound, never shown as the exact time.
 */
export function alarmSince(alarm: AlarmRow): AlarmSince | undefined {
	if (alarm.stateTransitionedAt !== undefined) return {at: alarm.stateTransitionedAt, exact: true};
	if (alarm.stateUpdatedAt !== undefined) return {at: alarm.stateUpdatedAt, exact: false};
	return undefined;
}

/** The FOR column: `3m20s`, `≥3m20s` from StateUpdatedTimestamp only, `—` without either time. */
export function formatAlarmFor(alarm: AlarmRow, now: number): string {
	const since = alarmSince(alarm);
	if (!since) return '—';
	return `${since.exact ? '' : '≥'}${formatDuration(now - since.at)}`;
}

/** ALARM, INSUFFICIENT_DATA, OK, then undocumented states, then no state; longest-standing first; then by name. */
export function sortAlarms(rows: AlarmRow[]): AlarmRow[] {
	const since = (row: AlarmRow) => alarmSince(row)?.at ?? Number.POSITIVE_INFINITY;
	return [...rows].sort((a, b) => {
		const byState = orderOf(a.state) - orderOf(b.state);
		if (byState !== 0) return byState;
		if (a.state !== b.state) return (a.state ?? '') < (b.state ?? '') ? -1 : 1;
		const bySince = since(a) - since(b);
		if (bySince !== 0 && !Number.isNaN(bySince)) return bySince;
		return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
	});
}

const operators: Record<string, string> = {
	GreaterThanThreshold: '>',
	GreaterThanOrEqualToThreshold: '>=',
	LessThanThreshold: '<',
	LessThanOrEqualToThreshold: '<=',
};

const bandOperators: Record<string, string> = {
	LessThanLowerOrGreaterThanUpperThreshold: 'outside the anomaly band',
	GreaterThanUpperThreshold: 'above the anomaly band',
	LessThanLowerThreshold: 'below the anomaly band',
};

/** CloudWatch periods in words: `30 s`, `5 min`, `1 h`, `1 d`. */
export function describePeriod(seconds: number): string {
	if (seconds >= 86_400 && seconds % 86_400 === 0) return `${seconds / 86_400} d`;
	if (seconds >= 3600 && seconds % 3600 === 0) return `${seconds / 3600} h`;
	if (seconds >= 60 && seconds % 60 === 0) return `${seconds / 60} min`;
	return `${seconds} s`;
}

/** The alarm's condition in one short line, without dimensions; `?` when AWS gave none of it. */
export function describeCondition(alarm: AlarmRow): string {
	if (alarm.kind === 'composite') return alarm.alarmRule?.replace(/\s+/g, ' ').trim() || '?';
	const subject = alarm.expression
		? alarm.expression.replace(/\s+/g, ' ').trim()
		: [alarm.metricName, alarm.statistic ?? alarm.extendedStatistic].filter(Boolean).join(' ');
	const operator = alarm.comparisonOperator;
	let test = '';
	if (operator && bandOperators[operator]) {
		test = bandOperators[operator];
	} else if (operator || alarm.threshold !== undefined) {
		test = [operator ? (operators[operator] ?? operator) : undefined, alarm.threshold].filter((part) => part !== undefined).join(' ');
	}
	const parts = [subject, test].filter(Boolean);
	if (alarm.evaluationPeriods !== undefined) {
		parts.push(`for ${alarm.datapointsToAlarm ?? alarm.evaluationPeriods} of ${alarm.evaluationPeriods}`);
		if (alarm.period !== undefined) parts.push(`x ${describePeriod(alarm.period)}`);
	} else if (alarm.period !== undefined) {
		parts.push(`per ${describePeriod(alarm.period)}`);
	}
	return parts.join(' ') || '?';
}

/**
 * Whether the alarm counts describe now: only while the last fetch worked. After a failure
 * the rows are the last good ones (still shown, with their age), but counting them as the
 * present would show a fleet in ALARM as fine.
 */
export function alarmCountsKnown(status: {fetchedAt?: number; error?: unknown}): boolean {
	return status.fetchedAt !== undefined && status.error === undefined;
}

/** Counts by state; an undocumented state, or none at all, counts as other. */
export function summarizeStates(rows: AlarmRow[]): StateSummary {
	const summary: StateSummary = {alarm: 0, insufficient: 0, ok: 0, other: 0};
	for (const row of rows) {
		if (row.state === 'ALARM') summary.alarm++;
		else if (row.state === 'INSUFFICIENT_DATA') summary.insufficient++;
		else if (row.state === 'OK') summary.ok++;
		else summary.other++;
	}
	return summary;
}

/** `2 ALARM  1 INSUFFICIENT  41 OK`, plus `  3 OTHER` only when there are unknown states. */
export function formatStateSummary(summary: StateSummary): string {
	const parts = [`${summary.alarm} ALARM`, `${summary.insufficient} INSUFFICIENT`, `${summary.ok} OK`];
	if (summary.other > 0) parts.push(`${summary.other} OTHER`);
	return parts.join('  ');
}

/** One column wide, readable without colour; `?` when AWS gave no state. */
export function stateSymbol(state: string | undefined): string {
	switch (state) {
		case 'ALARM':
			return '✖';
		case 'INSUFFICIENT_DATA':
			return '◌';
		case 'OK':
			return '✔';
		case undefined:
			return '?';
		default:
			return '·';
	}
}

/** Short state text for a table cell; an undocumented state shows as itself, none as `?`. */
export function stateLabel(state: string | undefined): string {
	return state === 'INSUFFICIENT_DATA' ? 'INSUFFICIENT' : (state ?? '?');
}

/** A state change seen between two refreshes (undefined: AWS gave no state). */
export type AlarmChange = {at: number; from?: string; to?: string};

/** How long a changed alarm stays marked. */
export const CHANGE_MARK_MS = 3 * 60_000;

/**
 * The changes between two refreshes: an alarm seen before whose state or transition time
 * moved (ALARM -> OK -> ALARM between two refreshes is a change too). New alarms are not.
 * Earlier changes are kept until they are CHANGE_MARK_MS old.
 */
export function trackChanges(
	previous: readonly AlarmRow[],
	next: readonly AlarmRow[],
	kept: Readonly<Record<string, AlarmChange>>,
	at: number,
): {changes: Record<string, AlarmChange>; enteredAlarm: number} {
	const changes: Record<string, AlarmChange> = {};
	const names = new Set(next.map((row) => row.name));
	for (const [name, change] of Object.entries(kept)) {
		if (names.has(name) && at - change.at < CHANGE_MARK_MS) changes[name] = change;
	}
	const before = new Map(previous.map((row) => [row.name, row]));
	let enteredAlarm = 0;
	for (const row of next) {
		const old = before.get(row.name);
		if (!old || (old.state === row.state && old.stateTransitionedAt === row.stateTransitionedAt)) continue;
		changes[row.name] = {at, from: old.state, to: row.state};
		if (row.state === 'ALARM') enteredAlarm++;
	}
	return {changes, enteredAlarm};
}

/** Rows whose name contains the text, ignoring case; all rows for an empty text. */
export function filterAlarms(rows: AlarmRow[], text: string): AlarmRow[] {
	const needle = text.trim().toLowerCase();
	if (!needle) return rows;
	return rows.filter((row) => row.name.toLowerCase().includes(needle));
}

/** The alarm's threshold in words: `> 10`, `<= 0.5`. */
export function describeThreshold(alarm: AlarmRow): string {
	const operator = alarm.comparisonOperator ? (operators[alarm.comparisonOperator] ?? alarm.comparisonOperator) : '';
	return [operator, alarm.threshold].filter((part) => part !== '' && part !== undefined).join(' ');
}
