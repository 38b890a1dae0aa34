// The header: what an on-call engineer reads first. Alarm state and the health of the
// sources come first and stay when the terminal is narrow; the data age and the zone every
// time on screen is in next; then where the data comes from, the interval and the calls
// iot-top makes, shortened and dropped in that order. A source that fails is never shown as
// zero alarms or as live.
import React, {useEffect, useState} from 'react';
import {alarmCountsKnown, formatStateSummary, summarizeStates, type StateSummary} from '../model/alarms.js';
import {formatAge, formatDuration, formatTime, zoneLabel} from '../model/duration.js';
import {truncateToWidth} from '../model/format.js';
import {RESOURCE_KINDS} from '../model/resources.js';
import {openHealthSummary} from '../model/health.js';
import type {LiveState, SourceName, SourceStatus} from '../live/engine.js';
import {sourceFailing} from './panes/paneStatus.js';
import {textWidth, type Line, type Segment} from './widgets/line.js';
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
	const parts = [
		source.account ? `account ${source.account}` : undefined,
		source.region,
		source.profile ? `profile ${source.profile}` : undefined,
	];
	if (source.endpointUrl) parts.push(source.endpointUrl);
	return parts.filter(Boolean).join(' · ');
}

/** Columns the source label is cut to, in turn, before only the region is left. */
const SOURCE_CUTS = [72, 56, 40, 28];

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
	return `updated ${formatTime(fetchedAt)}`;
}

/** The clock the header reads: re-rendered by a tick only while the data is late. */
function useAgeClock(fetchedAt: number | undefined, interval: number, fixed: number | undefined): number {
	// Read at render (a refresh re-renders anyway); the tick re-renders only late data.
	const [, setTick] = useState(0);
	useEffect(() => {
		if (fixed !== undefined) return;
		const timer = setInterval(() => {
			if (dataAgeLabel(fetchedAt, interval, Date.now()).endsWith('(late)')) setTick((tick) => tick + 1);
		}, AGE_TICK);
		return () => clearInterval(timer);
	}, [fetchedAt, interval, fixed]);
	return fixed ?? Date.now();
}

/** Late against the focused pane's own cadence: Resources lists again once a minute, Logs polls every 2 s, whatever the refresh interval. */
const ageInterval = (live: LiveState, focusStatus: SourceStatus) => focusStatus.cadence ?? live.interval;

// ---- Health ---------------------------------------------------------------------------------

/** ok: its last fetch worked; failing; unavailable: the endpoint lacks it (never answered); waiting: no answer yet. */
export type SourceHealth = 'ok' | 'failing' | 'unavailable' | 'waiting';

const SOURCE_NAMES: SourceName[] = ['alarms', 'metrics', 'logs', 'resources', 'changes', 'health'];
/**
 * What decides starting and offline: the four panes' own sources. Changes and Health make the
 * header degraded when they fail, but their slower first read does not hold `starting`.
 */
const CORE_SOURCES: SourceName[] = ['alarms', 'metrics', 'logs', 'resources'];

function statusHealth(status: Pick<SourceStatus, 'error' | 'fetchedAt'>): SourceHealth {
	if (status.error) return sourceFailing(status) ? 'failing' : 'unavailable';
	return status.fetchedAt === undefined ? 'waiting' : 'ok';
}

/**
 * Resources are judged list by list: a sub-tab the endpoint lacks (moto's CA certificates)
 * does not make the things that list fine a failure. A list answered before when it has `via`.
 */
function resourcesHealth(slice: LiveState['sources']['resources']): SourceHealth {
	const lists = RESOURCE_KINDS.map((kind) => slice[kind]).filter((list) => list.opened);
	const healths = lists.map((list) => statusHealth({error: list.error, fetchedAt: list.via === undefined ? undefined : 1}));
	if (healths.includes('failing')) return 'failing';
	// An error no list holds (a bug in the source): the slice's own.
	if (slice.error && !lists.some((list) => list.error)) return statusHealth(slice);
	if (healths.includes('ok')) return 'ok';
	if (healths.includes('unavailable')) return 'unavailable';
	return 'waiting';
}

export function sourceHealths(live: LiveState): Record<SourceName, SourceHealth> {
	const {alarms, metrics, logs, resources, changes, health} = live.sources;
	return {
		alarms: statusHealth(alarms),
		metrics: statusHealth(metrics),
		logs: statusHealth(logs),
		resources: resourcesHealth(resources),
		// AWS Health without the support plan answered (`unavailable` in its slice): no error, so ok.
		changes: statusHealth(changes),
		health: statusHealth(health),
		// Part of the Resources pane (its Fleet sub-tab): not counted in the header's health.
		fleet: statusHealth(live.sources.fleet),
	};
}

export type Health = {state: 'starting' | 'live' | 'degraded' | 'offline'; failing: SourceName[]; unavailable: SourceName[]};

/**
 * The sources together: offline when none answers (each failing, or lacking from the endpoint:
 * a wrong --endpoint-url lacks everything), degraded while any fails, starting before the first
 * answer. A source the endpoint does not implement is not a failure: it is named quietly.
 */
export function overallHealth(healths: Record<SourceName, SourceHealth>): Health {
	const failing = SOURCE_NAMES.filter((name) => healths[name] === 'failing');
	const unavailable = SOURCE_NAMES.filter((name) => healths[name] === 'unavailable');
	const answering = CORE_SOURCES.some((name) => healths[name] === 'ok');
	const waiting = CORE_SOURCES.some((name) => healths[name] === 'waiting');
	let state: Health['state'];
	if (!answering && !waiting) state = 'offline';
	else if (failing.length > 0) state = 'degraded';
	else if (!answering) state = 'starting';
	else state = 'live';
	return {state, failing, unavailable};
}

// ---- Parts and fitting ----------------------------------------------------------------------

/**
 * One part of the header: its forms from the fullest to the shortest, and what each step to
 * the next form costs (`steps[i]` takes form i to i + 1; a step past the last form drops the
 * part). The cheapest step is taken first: the call rate goes before the brand, the interval
 * and the source; the verbose forms of the alarm state and the health go before the data age
 * itself; the alarm state and the health are never dropped.
 */
export type HeaderPart = {id: string; forms: Line[]; steps: number[]};

/** What giving up a form costs, from the first given up to the last. */
const COST = {
	callsShort: 10,
	callsDrop: 11,
	awsHealthShort: 12,
	awsHealthDrop: 13,
	brandDrop: 20,
	unavailableNote: 25,
	intervalDrop: 30,
	sourceCut: 40,
	sourceDrop: 50,
	zoneDrop: 52,
	throttlesDrop: 55,
	ageShort: 60,
	alarmsCompact: 62,
	healthCompact: 64,
	alarmsSymbols: 70,
	healthSymbol: 72,
	ageDrop: 90,
} as const;

const SEPARATOR: Segment = {text: ' │ '};

function lineWidth(line: Line): number {
	let width = 0;
	for (const segment of line) width += textWidth(segment.text);
	return width;
}

/** The brand (when present), then the other shown parts between separators. */
function assemble(parts: HeaderPart[], chosen: number[]): Line {
	const line: Line = [];
	let first = true;
	for (const [index, part] of parts.entries()) {
		const form = part.forms[chosen[index]];
		if (!form) continue;
		if (part.id === 'brand') {
			line.push(...form);
			continue;
		}
		line.push(first ? {text: ' '} : SEPARATOR, ...form);
		first = false;
	}
	return line;
}

/**
 * Fits the parts into `width` columns: the cheapest step first (a shorter form, or the part
 * gone) until the line fits; then the room left is given back, the dearest step first (a
 * part dropped early may fit again once a longer one was cut).
 */
export function fitHeader(parts: HeaderPart[], width: number): Line {
	const chosen = parts.map(() => 0);
	const fits = () => lineWidth(assemble(parts, chosen)) <= width;
	const nextCost = (index: number) => parts[index].steps[chosen[index]];
	while (!fits()) {
		let pick = -1;
		for (const index of parts.keys()) {
			if (nextCost(index) !== undefined && (pick === -1 || nextCost(index) < nextCost(pick))) pick = index;
		}
		if (pick === -1) break;
		chosen[pick]++;
	}
	const stuck = new Set<number>();
	for (;;) {
		let pick = -1;
		for (const index of parts.keys()) {
			const cost = parts[index].steps[chosen[index] - 1];
			if (!stuck.has(index) && cost !== undefined && (pick === -1 || cost > parts[pick].steps[chosen[pick] - 1])) pick = index;
		}
		if (pick === -1) break;
		chosen[pick]--;
		if (!fits()) {
			chosen[pick]++;
			stuck.add(pick);
		}
	}
	return assemble(parts, chosen);
}

function compactSummary(summary: StateSummary): string {
	return `${summary.alarm} ALARM ${summary.insufficient} INSUFF ${summary.ok} OK${summary.other > 0 ? ` ${summary.other} OTHER` : ''}`;
}

const symbolSummary = (summary: StateSummary) =>
	`✖${summary.alarm} ◌${summary.insufficient} ✔${summary.ok}${summary.other > 0 ? ` ·${summary.other}` : ''}`;

/** The alarm counts, or why they are unknown: never `0 ALARM` for alarms that could not be read. */
export function alarmsPart(alarms: LiveState['sources']['alarms'], now: number): HeaderPart {
	const summary = summarizeStates(alarms.rows);
	const part = (forms: Line[]): HeaderPart => ({
		id: 'alarms',
		forms,
		steps: [COST.alarmsCompact, COST.alarmsSymbols].slice(0, forms.length - 1),
	});
	if (alarmCountsKnown(alarms)) {
		const style = {color: summary.alarm > 0 ? 'red' : 'green', bold: summary.alarm > 0};
		return part([
			[{text: formatStateSummary(summary), ...style}],
			[{text: compactSummary(summary), ...style}],
			[{text: symbolSummary(summary), ...style}],
		]);
	}
	const {error} = alarms;
	if (!error) return part([[{text: 'alarms loading…', dim: true}], [{text: 'alarms …', dim: true}]]);
	if (!sourceFailing(alarms))
		return part([
			[{text: 'alarms n/a: DescribeAlarms is not available from this endpoint', color: 'gray'}],
			[{text: 'alarms n/a', color: 'gray'}],
		]);
	const warning = {color: 'yellow', bold: true};
	if (alarms.fetchedAt === undefined) return part([[{text: 'alarms ? (no answer yet)', ...warning}], [{text: 'alarms ?', ...warning}]]);
	const ago = formatDuration(now - alarms.fetchedAt);
	return part([
		[{text: `alarms ? (last good ${ago} ago: ${compactSummary(summary)})`, ...warning}],
		[{text: `alarms ? (${ago} ago: ${symbolSummary(summary)})`, ...warning}],
		[{text: 'alarms ?', ...warning}],
	]);
}

/** `● live`, `◐ degraded: alarms, logs`, `○ offline`; paused says so first. */
export function healthPart(live: LiveState): HeaderPart {
	const health = overallHealth(sourceHealths(live));
	const failing = health.failing.join(', ');
	const part = (forms: Line[], steps: number[]): HeaderPart => ({id: 'health', forms, steps});
	if (live.paused) {
		const paused: Segment = {text: '⏸ paused', color: 'yellow', bold: true};
		return failing
			? part([[paused, {text: ` · failing: ${failing}`, color: 'yellow'}], [paused]], [COST.healthCompact])
			: part([[paused]], []);
	}
	switch (health.state) {
		case 'offline': {
			const style = {color: 'red', bold: true};
			return part([[{text: '○ offline: no source answers', ...style}], [{text: '○ offline', ...style}]], [COST.healthCompact]);
		}
		case 'degraded': {
			const style = {color: 'yellow', bold: true};
			return part(
				[
					[{text: `◐ degraded: ${failing}`, ...style}],
					[{text: `◐ degraded (${health.failing.length})`, ...style}],
					[{text: '◐', ...style}],
				],
				[COST.healthCompact, COST.healthSymbol],
			);
		}
		case 'starting': {
			return part([[{text: '◌ starting', dim: true}]], []);
		}
		case 'live': {
			const green: Segment = {text: '● live', color: 'green'};
			// A source the endpoint lacks is no failure and stays green: a quiet note, given up early.
			if (health.unavailable.length === 0) return part([[green]], []);
			return part([[green, {text: ` (${health.unavailable.join(', ')} n/a)`, dim: true}], [green]], [COST.unavailableNote]);
		}
	}
}

/**
 * AWS Health's open events for the IoT services (`health: 1 open (IOT)`, yellow); nothing when
 * none is open, when it never answered, or when the support plan lacks it (the Health sub-tab
 * says so): never an error here. Given up first when narrow.
 */
export function awsHealthPart(health: LiveState['sources']['health']): HeaderPart | undefined {
	const open = openHealthSummary(health.events);
	if (!open) return undefined;
	const style = {color: 'yellow'};
	return {
		id: 'awsHealth',
		forms: [
			[{text: `health: ${open.count} open (${open.services.join(', ')})`, ...style}],
			[{text: `health: ${open.count} open`, ...style}],
		],
		steps: [COST.awsHealthShort, COST.awsHealthDrop],
	};
}

/** The header as one line of `width` columns at most, its parts fitted by importance. */
export function headerLine(live: LiveState, focusStatus: SourceStatus, width: number, now: number): Line {
	const age = dataAgeLabel(focusStatus.fetchedAt, ageInterval(live, focusStatus), now);
	const stale = focusStatus.error !== undefined && focusStatus.fetchedAt !== undefined;
	const late = age.endsWith('(late)');
	const ageStyle = {color: stale || late ? 'yellow' : undefined};
	const shortAge =
		focusStatus.fetchedAt === undefined
			? 'no data'
			: late
				? `${formatAge(focusStatus.fetchedAt, now)} old`
				: formatTime(focusStatus.fetchedAt);
	const label = sourceLabel(live.source);
	const region = live.source.demo ? 'demo' : (live.source.region ?? '');
	const sourceForms = [...new Set([label, ...SOURCE_CUTS.map((columns) => truncateToWidth(label, columns)), region])].filter(Boolean);
	const {perMinute, throttles} = live.calls;
	const throttled: Segment = {text: `${throttles} throttled`, color: throttles > 0 ? 'yellow' : undefined, dim: throttles === 0};
	const parts: HeaderPart[] = [
		{id: 'brand', forms: [[{text: ' iot-top ', bold: true, inverse: true}]], steps: [COST.brandDrop]},
		alarmsPart(live.sources.alarms, now),
		healthPart(live),
		...[awsHealthPart(live.sources.health)].filter((part) => part !== undefined),
		{
			id: 'age',
			forms: [[{text: `${age}${stale ? ' (stale)' : ''}`, ...ageStyle}], [{text: `${shortAge}${stale ? ' (stale)' : ''}`, ...ageStyle}]],
			steps: [COST.ageShort, COST.ageDrop],
		},
		// The zone of every time the panes show, named once; kept longer than the source.
		{id: 'zone', forms: [[{text: zoneLabel(now)}]], steps: [COST.zoneDrop]},
		// A long --endpoint-url is cut, in steps, before anything more important goes.
		{
			id: 'source',
			forms: sourceForms.map((text) => [{text, color: 'cyan'}]),
			steps: [...sourceForms.slice(1).map(() => COST.sourceCut), COST.sourceDrop],
		},
		{id: 'interval', forms: [[{text: `every ${formatDuration(live.interval)}`}]], steps: [COST.intervalDrop]},
		// Throttles seen matter more than the call rate: they stay longer.
		throttles > 0
			? {
					id: 'calls',
					forms: [[{text: `${perMinute} calls/min `, dim: true}, throttled], [throttled]],
					steps: [COST.callsShort, COST.throttlesDrop],
				}
			: {
					id: 'calls',
					forms: [[{text: `${perMinute} calls/min `, dim: true}, throttled], [{text: `${perMinute} calls/min`, dim: true}]],
					steps: [COST.callsShort, COST.callsDrop],
				},
	];
	return fitHeader(parts, width);
}

export function Header({live, focusStatus, width, now: fixedNow}: HeaderProps) {
	const now = useAgeClock(focusStatus.fetchedAt, ageInterval(live, focusStatus), fixedNow);
	return <StyledLine line={headerLine(live, focusStatus, width, now)} width={width} />;
}
