import React, {useEffect, useState} from 'react';
import {formatStateSummary, summarizeStates} from '../model/alarms.js';
import {formatAge, formatDuration, formatUtc} from '../model/duration.js';
import type {LiveState, SourceStatus} from '../live/engine.js';
import type {Line} from './widgets/line.js';
import {StyledLine} from './widgets/StyledLine.js';

export type HeaderProps = {
	live: LiveState;
	focusStatus: SourceStatus;
	width: number;
	/** A fixed clock (tests, snapshots); the live header checks the data age on its own. */
	now?: number;
};

export function sourceLabel(source: LiveState['source']): string {
	if (source.demo) return `demo${source.region ? ` · ${source.region}` : ''}`;
	const parts = [source.account ? `account ${source.account}` : undefined, source.region, source.profile ? `profile ${source.profile}` : undefined];
	if (source.endpointUrl) parts.push(source.endpointUrl);
	return parts.filter(Boolean).join(' · ');
}

/** ms between checks that the data is still arriving. */
const AGE_TICK = 5000;

/**
 * What the header says of the focused pane's data: the time it was fetched while refreshes
 * arrive on time, and its age once it is late (two intervals and a tick without a refresh).
 * The clock ticks every 5 s but only a changed label re-renders, so an idle screen on time
 * draws one frame per refresh and none in between.
 */
export function dataAgeLabel(fetchedAt: number | undefined, interval: number, now: number): string {
	if (fetchedAt === undefined) return 'no data yet';
	if (now - fetchedAt > 2 * interval + AGE_TICK) return `data ${formatAge(fetchedAt, now)} old (late)`;
	return `updated ${formatUtc(fetchedAt)}`;
}

function useDataAge(fetchedAt: number | undefined, interval: number, fixed: number | undefined): string {
	// Read at render (a refresh re-renders anyway); the tick re-renders only late data.
	const [, setTick] = useState(0);
	useEffect(() => {
		if (fixed !== undefined) return;
		const timer = setInterval(() => {
			if (dataAgeLabel(fetchedAt, interval, Date.now()).endsWith('(late)')) setTick((tick) => tick + 1);
		}, AGE_TICK);
		return () => clearInterval(timer);
	}, [fetchedAt, interval, fixed]);
	return dataAgeLabel(fetchedAt, interval, fixed ?? Date.now());
}

export function Header({live, focusStatus, width, now: fixedNow}: HeaderProps) {
	// Late against the focused pane's own cadence: Resources lists again once a minute, not each refresh.
	const age = useDataAge(focusStatus.fetchedAt, Math.max(live.interval, focusStatus.cadence ?? 0), fixedNow);
	const summary = summarizeStates(live.sources.alarms.rows);
	const stale = focusStatus.error !== undefined && focusStatus.fetchedAt !== undefined;
	const late = age.endsWith('(late)');
	const line: Line = [
		{text: ' iot-top ', bold: true, inverse: true},
		{text: ' '},
		{text: formatStateSummary(summary), color: summary.alarm > 0 ? 'red' : 'green', bold: summary.alarm > 0},
		{text: ` │ ${sourceLabel(live.source)} `, color: 'cyan'},
		{text: `│ every ${formatDuration(live.interval)} `},
		live.paused ? {text: '⏸ paused ', color: 'yellow', bold: true} : {text: '● live ', color: 'green'},
		{text: `│ ${age}${stale ? ' (stale)' : ''} `, color: stale || late ? 'yellow' : undefined},
		{text: `│ ${live.calls.perMinute} calls/min `, dim: true},
		{text: `${live.calls.throttles} throttled`, color: live.calls.throttles > 0 ? 'yellow' : undefined, dim: live.calls.throttles === 0},
	];
	return <StyledLine line={line} width={width} />;
}
