// The header as the on-call engineer reads it: the alarm state and the sources' health first,
// never `0 ALARM` or `● live` for sources that fail, and the data age kept when narrow.
import {afterEach, describe, expect, it} from 'vitest';
import type {SourceError} from '../../source/aws/errors.js';
import {initialState, withSlice, type LiveState, type SourceStatus} from '../../source/live/state.js';
import {setDisplayZone} from '../../source/model/duration.js';
import type {AlarmRow} from '../../source/model/types.js';
import {dataAgeLabel, headerLine} from '../../source/ui/Header.js';
import {fitLine, type Line} from '../../source/ui/widgets/line.js';

const fetchedAt = Date.UTC(2026, 11, 2, 8, 21, 58);
const NOW = fetchedAt + 1000;
const LONG_ENDPOINT = 'https://iot-top-gateway.eu-central-1.internal.example.com:4566/tenants/fleet-operations';

describe('dataAgeLabel', () => {
	it('says when the data was fetched while it is on time (a label that does not move)', () => {
		expect(dataAgeLabel(fetchedAt, 5000, fetchedAt + 1000)).toBe('updated 08:21:58');
		expect(dataAgeLabel(fetchedAt, 5000, fetchedAt + 14_000)).toBe('updated 08:21:58');
	});

	it('says how old the data is once two refreshes and a tick have not come', () => {
		expect(dataAgeLabel(fetchedAt, 5000, fetchedAt + 16_000)).toBe('data 16s old (late)');
		expect(dataAgeLabel(fetchedAt, 60_000, fetchedAt + 200_000)).toBe('data 3m20s old (late)');
	});

	it('says so before the first data', () => {
		expect(dataAgeLabel(undefined, 5000, fetchedAt)).toBe('no data yet');
	});
});

const alarm = (name: string, state: string): AlarmRow => ({
	name,
	kind: 'metric',
	state,
	stateReason: 'r',
	stateTransitionedAt: fetchedAt - 60_000,
});
const ROWS = [alarm('auth', 'ALARM'), ...['a', 'b', 'c', 'd', 'e'].map((name) => alarm(name, 'OK'))];

function failure(kind: SourceError['kind'], operation: string): SourceError {
	return {kind, operation, code: 'X', message: `${operation} failed.`, throttled: kind === 'throttled', at: NOW};
}

type Scenario = {
	alarms?: Partial<LiveState['sources']['alarms']>;
	metrics?: Partial<LiveState['sources']['metrics']>;
	logs?: Partial<LiveState['sources']['logs']>;
	things?: Partial<LiveState['sources']['resources']['things']>;
	caCertificates?: Partial<LiveState['sources']['resources']['caCertificates']>;
	endpointUrl?: string;
	paused?: boolean;
	throttles?: number;
};

const good = {fetchedAt, loading: false};

/** A state as the engine leaves it: every source answered, unless the scenario says otherwise. */
function state(scenario: Scenario = {}): LiveState {
	const base = initialState({
		interval: 5000,
		logBuffer: 100,
		logGroups: ['AWSIotLogsV2'],
		resourcesInterval: 60_000,
		source: scenario.endpointUrl
			? {demo: false, region: 'eu-central-1', account: '123456789012', endpointUrl: scenario.endpointUrl}
			: {demo: true, region: 'us-east-1'},
	});
	const {sources} = base;
	return {
		...base,
		paused: scenario.paused ?? false,
		calls: {perMinute: 7, throttles: scenario.throttles ?? 0, total: 7},
		sources: {
			changes: sources.changes,
			health: sources.health,
			fleet: sources.fleet,
			alarms: {...sources.alarms, ...good, rows: ROWS, ...scenario.alarms},
			metrics: {...sources.metrics, ...good, ...scenario.metrics},
			logs: {...sources.logs, ...good, ...scenario.logs},
			resources: {
				...sources.resources,
				...good,
				things: {rows: [], complete: true, opened: true, via: 'ListThings', ...scenario.things},
				caCertificates: {...sources.resources.caCertificates, ...scenario.caCertificates},
			},
		},
	};
}

const text = (line: Line) => line.map((segment) => segment.text).join('');

function header(live: LiveState, width: number, focus: SourceStatus = live.sources.alarms, now = NOW): {text: string; line: Line} {
	const line = headerLine(live, focus, width, now);
	const shown = text(fitLine(line, width));
	expect([...shown].length, shown).toBe(width);
	return {text: shown.trimEnd(), line};
}

/** The style of the segment whose text starts with `start`. */
const styleOf = (line: Line, start: string) => line.find((segment) => segment.text.startsWith(start));

describe('the header', () => {
	it.each([
		[
			200,
			' iot-top  1 ALARM  0 INSUFFICIENT  5 OK │ ● live │ updated 08:21:58 │ UTC │ demo · us-east-1 │ every 5s │ 7 calls/min 0 throttled',
		],
		[120, ' iot-top  1 ALARM  0 INSUFFICIENT  5 OK │ ● live │ updated 08:21:58 │ UTC │ demo · us-east-1 │ every 5s │ 7 calls/min'],
		[80, ' iot-top  1 ALARM  0 INSUFFICIENT  5 OK │ ● live │ updated 08:21:58 │ UTC │ demo'],
	])('all well at %i columns: counts in red (an alarm fires), live in green', (width, expected) => {
		const {text: shown, line} = header(state(), width);
		expect(shown).toBe(expected);
		expect(styleOf(line, '1 ALARM')).toMatchObject({color: 'red', bold: true});
		expect(styleOf(line, '● live')).toMatchObject({color: 'green'});
	});

	it.each([
		[200, ` 1 ALARM  0 INSUFFICIENT  5 OK │ ● live │ updated 08:21:58 │ UTC │ account 123456789012 · eu-central-1 · ${LONG_ENDPOINT}`],
		[
			120,
			/^ 1 ALARM {2}0 INSUFFICIENT {2}5 OK │ ● live │ updated 08:21:58 │ UTC │ account 123456789012 · eu-central-1 · \S*…( │ every 5s)?$/,
		],
		[80, /^ 1 ALARM {2}0 INSUFFICIENT {2}5 OK │ ● live │ updated 08:21:58 │ UTC │ eu-central-1$/],
	])('a long --endpoint-url at %i columns is cut before the data age is lost', (width, expected) => {
		const {text: shown} = header(state({endpointUrl: LONG_ENDPOINT}), width);
		if (typeof expected === 'string') expect(shown).toBe(expected);
		else expect(shown).toMatch(expected);
	});

	it.each([80, 120, 200])(
		'alarms failing after a good fetch, at %i columns: unknown with the last good counts, never counts as now',
		(width) => {
			const live = state({
				endpointUrl: LONG_ENDPOINT,
				alarms: {fetchedAt: NOW - 130_000, error: failure('transient', 'cloudwatch:DescribeAlarms')},
			});
			const {text: shown, line} = header(live, width, live.sources.alarms);
			expect(shown).not.toMatch(/\d ALARM {2}\d INSUFFICIENT/);
			expect(shown).toMatch(
				width >= 120
					? /^ (iot-top {2})?alarms \? \(last good 2m10s ago: 1 ALARM 0 INSUFF 5 OK\) │ ◐ degraded: alarms │ data 2m10s old \(late\) \(stale\)/
					: /^ alarms \? \(2m10s ago: ✖1 ◌0 ✔5\) │ ◐ degraded: alarms │ 2m10s old \(stale\) │ UTC$/,
			);
			expect(styleOf(line, 'alarms ?')).toMatchObject({color: 'yellow', bold: true});
			expect(styleOf(line, '◐ degraded')).toMatchObject({color: 'yellow'});
			expect(shown).not.toContain('● live');
		},
	);

	it('before the first answer: loading and starting, not 0 ALARM and not live', () => {
		const {text: shown} = header(initialLike(), 120);
		expect(shown).toBe(
			' iot-top  alarms loading… │ ◌ starting │ no data yet │ UTC │ demo · us-east-1 │ every 5s │ 7 calls/min 0 throttled',
		);
	});

	it('alarms failing before any answer: unknown, not zero', () => {
		const {text: shown} = header(
			state({alarms: {fetchedAt: undefined, rows: [], error: failure('denied', 'cloudwatch:DescribeAlarms')}}),
			120,
		);
		expect(shown).toMatch(/^ iot-top {2}alarms \? \(no answer yet\) │ ◐ degraded: alarms │ no data yet/);
	});

	it('several sources failing are named; all failing is offline, in red', () => {
		const some = state({
			alarms: {error: failure('transient', 'cloudwatch:DescribeAlarms')},
			logs: {error: failure('throttled', 'logs:FilterLogEvents')},
		});
		expect(header(some, 120).text).toContain('│ ◐ degraded: alarms, logs │');
		expect(header(some, 80).text).toMatch(/│ ◐ degraded: alarms, logs │|│ ◐ degraded \(2\) │/);
		const down = failure('transient', 'any');
		const all = state({alarms: {error: down}, metrics: {error: down}, logs: {error: down}, things: {error: down}});
		for (const width of [80, 120, 200]) {
			const {text: shown, line} = header(all, width);
			expect(shown).toMatch(/ │ ○ offline(: no source answers)? │ /);
			expect(styleOf(line, '○ offline')).toMatchObject({color: 'red', bold: true});
		}
	});

	it('a feature the endpoint lacks (moto: ListCACertificates) is no failure: still live and green, nothing more', () => {
		const {text: shown, line} = header(
			state({caCertificates: {opened: true, rows: [], error: failure('unavailable', 'iot:ListCACertificates')}}),
			120,
		);
		expect(shown).toContain('│ ● live │');
		expect(styleOf(line, '● live')).toMatchObject({color: 'green'});
	});

	it('a whole source the endpoint lacks is named quietly; the alarms it would count read n/a, never 0', () => {
		const live = state({alarms: {fetchedAt: undefined, rows: [], error: failure('unavailable', 'cloudwatch:DescribeAlarms')}});
		const {text: shown, line} = header(live, 200, live.sources.metrics);
		expect(shown).toMatch(
			/^ iot-top {2}alarms n\/a: DescribeAlarms is not available from this endpoint │ ● live \(alarms n\/a\) │ updated/,
		);
		expect(styleOf(line, ' (alarms n/a)')).toMatchObject({dim: true});
		expect(header(live, 80, live.sources.metrics).text).toMatch(/^ (iot-top {2})?alarms n\/a │ ● live/);
	});

	it('an operation that answered before and now says "not implemented" is failing', () => {
		expect(header(state({alarms: {error: failure('unavailable', 'cloudwatch:DescribeAlarms')}}), 120).text).toContain('◐ degraded: alarms');
	});

	it('every source "not available" (a wrong --endpoint-url) is offline, not live', () => {
		const lacking = failure('unavailable', 'any');
		const live = state({
			alarms: {fetchedAt: undefined, rows: [], error: lacking},
			metrics: {fetchedAt: undefined, error: lacking},
			logs: {fetchedAt: undefined, error: lacking},
			things: {via: undefined, error: lacking},
		});
		expect(header(live, 120).text).toContain('○ offline');
	});

	it('paused says so, and which sources were failing', () => {
		expect(header(state({paused: true, logs: {error: failure('transient', 'logs:FilterLogEvents')}}), 120).text).toContain(
			'│ ⏸ paused · failing: logs │',
		);
	});

	it('throttles seen outlast the call rate when narrow', () => {
		const {text: shown} = header(state({throttles: 3, endpointUrl: LONG_ENDPOINT}), 120);
		expect(shown).toMatch(/│ 3 throttled$/);
		expect(shown).toContain('updated 08:21:58');
	});
});

/** The state before any source answered. */
function initialLike(): LiveState {
	const base = initialState({
		interval: 5000,
		logBuffer: 100,
		logGroups: ['AWSIotLogsV2'],
		resourcesInterval: 60_000,
		source: {demo: true, region: 'us-east-1'},
	});
	return {...base, calls: {perMinute: 7, throttles: 0, total: 7}};
}

describe('the header in the local zone (TZ honoured, the default) and with --utc', () => {
	const tz = process.env.TZ;
	afterEach(() => {
		if (tz === undefined) delete process.env.TZ;
		else process.env.TZ = tz;
		setDisplayZone('utc');
	});

	it.each([
		[
			200,
			' iot-top  1 ALARM  0 INSUFFICIENT  5 OK │ ● live │ updated 13:51:58 │ UTC+05:30 │ demo · us-east-1 │ every 5s │ 7 calls/min 0 throttled',
		],
		[120, ' iot-top  1 ALARM  0 INSUFFICIENT  5 OK │ ● live │ updated 13:51:58 │ UTC+05:30 │ demo · us-east-1 │ every 5s'],
		[80, ' 1 ALARM  0 INSUFFICIENT  5 OK │ ● live │ updated 13:51:58 │ UTC+05:30 │ demo'],
	])('TZ=Asia/Kolkata at %i columns: the time in +05:30 and the zone named once', (width, expected) => {
		process.env.TZ = 'Asia/Kolkata';
		setDisplayZone('local');
		const {text: shown} = header(state(), width);
		expect(shown).toBe(expected);
		expect(shown.match(/UTC/g)).toHaveLength(1);
	});

	it('--utc: the same moment in UTC, whatever TZ says', () => {
		process.env.TZ = 'Asia/Kolkata';
		setDisplayZone('utc');
		expect(header(state(), 120).text).toContain('│ updated 08:21:58 │ UTC │');
	});

	it("while the data is late the time goes but the zone of the panes' times stays", () => {
		process.env.TZ = 'America/New_York';
		setDisplayZone('local');
		const late = state({alarms: {fetchedAt: NOW - 60_000}});
		expect(header(late, 120, late.sources.alarms).text).toMatch(/│ data 1m00s old \(late\) │ UTC-05:00 │/);
	});
	it('AWS Health: an open event is a yellow mark, shortened then dropped first when narrow; none, or no support plan, is no mark and no failure', () => {
		const event = {arn: 'arn:aws:health:us-east-1::event/IOT/X/1', service: 'IOT', statusCode: 'open', lastUpdatedTime: NOW};
		const open = withSlice(state(), 'health', (health) => ({
			...health,
			...good,
			events: [event, {...event, arn: 'b', statusCode: 'closed'}],
		}));
		const wide = header(open, 200);
		expect(wide.text).toContain('│ health: 1 open (IOT) │');
		expect(styleOf(wide.line, 'health: 1 open')).toMatchObject({color: 'yellow'});
		expect(header(open, 200).text).toContain('● live');
		// Narrow: the mark goes before the alarm counts, the health of the sources and the data age.
		const narrow = header(open, 80).text;
		expect(narrow).not.toContain('health:');
		expect(narrow).toContain('● live');
		const closedOnly = withSlice(state(), 'health', (health) => ({...health, ...good, events: [{...event, statusCode: 'closed'}]}));
		expect(header(closedOnly, 200).text).not.toContain('health:');
		const unsubscribed = withSlice(state(), 'health', (health) => ({...health, ...good, unavailable: 'needs a plan'}));
		expect(header(unsubscribed, 200).text).not.toContain('health');
		expect(header(unsubscribed, 200).text).toContain('│ ● live │');
	});

	it('a failing CloudTrail is degraded: changes', () => {
		const failing = withSlice(state(), 'changes', (changes) => ({
			...changes,
			...good,
			error: failure('throttled', 'cloudtrail:LookupEvents'),
		}));
		expect(header(failing, 120).text).toContain('◐ degraded: changes');
	});
});
