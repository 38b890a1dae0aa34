import {Text} from 'ink';
import React, {useEffect, useState} from 'react';
import {formatStateSummary, summarizeStates} from '../model/alarms.js';
import {formatAge, formatDuration} from '../model/duration.js';
import type {LiveState, SourceStatus} from '../live/engine.js';
import {fitLine, type Line} from './widgets/line.js';
import {StyledLine} from './widgets/StyledLine.js';

export type HeaderProps = {
	live: LiveState;
	focusStatus: SourceStatus;
	width: number;
	/** A fixed clock (tests, snapshots); the live header ticks each second on its own. */
	now?: number;
};

export function sourceLabel(source: LiveState['source']): string {
	if (source.demo) return `demo${source.region ? ` · ${source.region}` : ''}`;
	const parts = [source.account ? `account ${source.account}` : undefined, source.region, source.profile ? `profile ${source.profile}` : undefined];
	if (source.endpointUrl) parts.push(source.endpointUrl);
	return parts.filter(Boolean).join(' · ');
}

/**
 * The data age moves every 5 s between refreshes: enough to see data going stale, and each
 * tick is a whole Ink frame of CPU (Ink lays out and diffs the screen on every commit).
 */
const AGE_TICK = 5000;

function useAgeClock(fixed: number | undefined): number {
	const [now, setNow] = useState(() => fixed ?? Date.now());
	useEffect(() => {
		if (fixed !== undefined) return;
		const timer = setInterval(() => setNow(Date.now()), AGE_TICK);
		return () => clearInterval(timer);
	}, [fixed]);
	return fixed ?? now;
}

export function Header({live, focusStatus, width, now: fixedNow}: HeaderProps) {
	const now = useAgeClock(fixedNow);
	const summary = summarizeStates(live.sources.alarms.rows);
	const age = focusStatus.fetchedAt === undefined ? 'no data yet' : `data ${formatAge(focusStatus.fetchedAt, now)} ago`;
	const stale = focusStatus.error !== undefined && focusStatus.fetchedAt !== undefined;
	const line: Line = [
		{text: ' iot-top ', bold: true, inverse: true},
		{text: ' '},
		{text: formatStateSummary(summary), color: summary.alarm > 0 ? 'red' : 'green', bold: summary.alarm > 0},
		{text: ` │ ${sourceLabel(live.source)} `, color: 'cyan'},
		{text: `│ every ${formatDuration(live.interval)} `},
		live.paused ? {text: '⏸ paused ', color: 'yellow', bold: true} : {text: '● live ', color: 'green'},
		{text: `│ ${age}${stale ? ' (stale)' : ''} `, color: stale ? 'yellow' : undefined},
		{text: `│ ${live.calls.perMinute} calls/min `, dim: true},
		{text: `${live.calls.throttles} throttled`, color: live.calls.throttles > 0 ? 'yellow' : undefined, dim: live.calls.throttles === 0},
	];
	return (
		<Text wrap="truncate">
			<StyledLine line={fitLine(line, width)} />
		</Text>
	);
}
