// CloudWatch Logs store of the simulator: log groups, streams, and events, generated lazily
// and deterministically as the clock advances (no timers: each request materializes every
// complete second up to now), plus events put by tests or over the wire.
//
// - The first generated group (default `AWSIotLogsV2`) carries IoT v2 JSON events at `rate`
//   events/s (plus the scenario's error lines); the others (default `/aws/iot/rules`) plain-text
//   lines at a tenth of the rate; a group named `/aws/events/...` (default
//   `/aws/events/iot-fleet`) EventBridge events and one named `aws-cloudtrail-logs...`
//   (default `aws-cloudtrail-logs-iot`) CloudTrail records: the account's IoT management events
//   of sim/cloudtrail.ts (the same LookupEvents returns: the incident's policy change and
//   rollbacks, and background calls), with AWS Health's events (sim/health.ts) in the EventBridge
//   group (sim/trailStory.ts). A CloudTrail record's log event carries the call's time and is
//   ingested when CloudTrail delivers it (2-5 minutes later); EventBridge's, seconds after.
//   Before the model's creation there are `historyMinutes` of history at a lower density (at most
//   about 30,000 events per group in all).
// - Error lines follow the scenario's per-minute metric counts: Connection.AuthNError and
//   Connect Failure lines (authErrors), Publish-In throttled and RuleMessageThrottled lines
//   (throttling), RuleExecution failures of the model's failing rule (ruleFailure).
// - Late events: about 2% of generated events have an event timestamp 2-8 s older than their
//   ingestion time; an event exists (and FilterLogEvents can see it) only once ingested.
// - Events are kept sorted by (timestamp, sequence); each group keeps at most
//   `maxEventsPerGroup` events (oldest event timestamps dropped first).
// - Generated messages are not stored: they are recomputed from (group, second, index).

import {createConnectivity, RESTING_SHARE, type ConnectivityChange, type ConnectivityModel} from './connectivity.js';
import {SimError, type SimClock} from './contract.js';
import {compileFilterPattern} from './filterPattern.js';
import {hex8, mix, type ResourceModel} from './resources.js';
import {hash32, MINUTE, type Scenario} from './scenario.js';
import type {TrailEvents} from './cloudtrail.js';
import type {HealthEvent} from './health.js';
import {apiCallEvent, healthEvent, healthNotices} from './trailStory.js';

export type InputLogEvent = {timestamp: number; message: string};

export type OutputLogEvent = {
	logStreamName: string;
	timestamp: number;
	message: string;
	ingestionTime: number;
	eventId: string;
};

export type LogGroupInfo = {
	logGroupName: string;
	creationTime: number;
	storedBytes: number;
	retentionInDays?: number;
	arn: string;
	logGroupArn: string;
};

export type LogStreamInfo = {
	logStreamName: string;
	creationTime: number;
	firstEventTimestamp?: number;
	lastEventTimestamp?: number;
	lastIngestionTime?: number;
	storedBytes: number;
	arn: string;
};

export type FilterInput = {
	logGroupName: string;
	logStreamNames?: string[];
	logStreamNamePrefix?: string;
	startTime?: number;
	endTime?: number;
	filterPattern?: string;
	/** 1..10,000 events per page. */
	limit?: number;
	nextToken?: string;
};

export type FilterResult = {
	events: OutputLogEvent[];
	searchedLogStreams: Array<{logStreamName: string; searchedCompletely: boolean}>;
	nextToken?: string;
};

export type PutResult = {
	rejectedLogEventsInfo?: {tooNewLogEventStartIndex?: number; tooOldLogEventEndIndex?: number; expiredLogEventEndIndex?: number};
};

export type LogModel = {
	readonly clock: SimClock;
	readonly accountId: string;
	readonly region: string;
	/** Names of the generated groups, the IoT JSON one first. */
	readonly generatedGroups: string[];
	groups(): LogGroupInfo[];
	hasGroup(name: string): boolean;
	createGroup(name: string): void;
	streams(group: string): LogStreamInfo[];
	createStream(group: string, stream: string): void;
	/**
	 * Adds events with ingestion time = now. In-process, a missing group or stream is created;
	 * over the wire (`strict`), it is ResourceNotFoundException like AWS.
	 */
	putEvents(group: string, stream: string, events: InputLogEvent[], options?: {strict?: boolean}): PutResult;
	/** One page of FilterLogEvents. */
	filter(input: FilterInput): FilterResult;
	/** Every stored event of a group in [startTime, endTime] (inclusive), sorted: the simulator's own list for tests. */
	events(group: string, range?: {startTime?: number; endTime?: number}): OutputLogEvent[];
	/** Events of a group whose ingestion time is in [fromMs, toMs): for live tail. */
	ingestedBetween(group: string, fromMs: number, toMs: number): OutputLogEvent[];
	/** Brings every generated group up to now (requests do this themselves). */
	materialize(): void;
	rate(): number;
	setRate(eventsPerSecond: number): void;
	/** Stored event count of a group. */
	size(group: string): number;
	/** Events ever stored in each group (generated up to now, and put), evicted ones included. */
	ingested(): Record<string, number>;
};

export type LogModelOptions = {
	seed: number;
	clock: SimClock;
	scenario: Scenario;
	resources: ResourceModel;
	/** IoT JSON events per second in the first group, up to 50,000. */
	rate: number;
	historyMinutes: number;
	/** Generated groups; default ['AWSIotLogsV2', '/aws/iot/rules', '/aws/events/iot-fleet', 'aws-cloudtrail-logs-iot']. */
	groups?: string[];
	/** Default 200,000. */
	maxEventsPerGroup?: number;
	/** Stored events one FilterLogEvents page examines at most before returning; default 200,000. */
	scanBudget?: number;
	/** The management events (sim/cloudtrail.ts) the CloudTrail and EventBridge groups carry; none without. */
	trail?: TrailEvents;
	/** AWS Health's events (sim/health.ts) the EventBridge group announces. */
	healthEvents?: HealthEvent[];
	/** The things' connectivity the fleet index answers from (Connect and Disconnect lines follow it); default: the resources' default, no waves. */
	connectivity?: ConnectivityModel;
};

type StoredEvent = {
	timestamp: number;
	ingestionTime: number;
	/** Sort tie-breaker and eventId; generated events: second * 100000 + index. */
	n: number;
	stream: number;
	/** Put events only; generated messages are recomputed. */
	message?: string;
};

type Stream = {name: string; creationTime: number; first?: number; last?: number; lastIngestion?: number; bytes: number};

type Group = {
	name: string;
	index: number;
	kind: 'iot' | 'text' | 'cloudtrail' | 'eventbridge' | 'none';
	creationTime: number;
	streams: Stream[];
	streamIndex: Map<string, number>;
	events: StoredEvent[];
	/** Next second to generate. */
	doneSec: number;
	bytes: number;
	/** Events ever stored, evicted ones included. */
	ingested: number;
	/** Largest ingestionTime - timestamp stored: bounds the scan for events ingested in a window. */
	maxLag: number;
	/** Smallest ingestionTime - timestamp (negative for future-dated put events). */
	minLag: number;
};

const PUT_BASE = 4_000_000_000_000_000;
const EXTRA_BASE = 90_000;
/** Index of a second's first Connect or Disconnect line of the connectivity model; at most MAX_CHANGES a second. */
const CHANGE_BASE = 60_000;
const MAX_CHANGES = 20_000;
/** Index of a second's first CloudTrail or EventBridge item. */
const STORY_BASE = 80_000;
const MAX_RATE = 50_000;
const PAGE_BYTES = 1_048_576;
const DAY = 86_400_000;

const EXTRA_KINDS = ['authn', 'connectAuth', 'publishThrottle', 'ruleThrottle', 'ruleFailure'] as const;
type ExtraKind = (typeof EXTRA_KINDS)[number];

let cachedSecond = Number.NaN;
let cachedSecondText = '';

/** `2017-08-10 15:37:23.476` (UTC), as IoT v2 log lines carry it. */
function timestampText(ms: number): string {
	const second = Math.floor(ms / 1000);
	if (second !== cachedSecond) {
		cachedSecond = second;
		cachedSecondText = new Date(second * 1000).toISOString().replace('T', ' ').slice(0, 20);
	}
	const millis = ms - second * 1000;
	return cachedSecondText + (millis < 10 ? '00' : millis < 100 ? '0' : '') + millis;
}

function compareEvents(a: StoredEvent, b: StoredEvent): number {
	return a.timestamp - b.timestamp || a.n - b.n;
}

/** First index whose (timestamp, n) is > (t, n) (or >= when inclusive). */
function bound(events: StoredEvent[], t: number, n: number, inclusive: boolean): number {
	let lo = 0;
	let hi = events.length;
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		const e = events[mid];
		const cmp = e.timestamp - t || e.n - n;
		if (cmp < 0 || (!inclusive && cmp === 0)) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

// ---- tokens ------------------------------------------------------------------------------

function encodeToken(group: string, t: number, n: number): string {
	return Buffer.from(JSON.stringify({v: 1, g: group, t, n})).toString('base64url');
}

function decodeToken(token: string, group: string): {t: number; n: number} {
	try {
		const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as {v?: unknown; g?: unknown; t?: unknown; n?: unknown};
		if (parsed.v === 1 && parsed.g === group && Number.isFinite(parsed.t) && Number.isFinite(parsed.n)) {
			return {t: parsed.t as number, n: parsed.n as number};
		}
	} catch {
		// fall through
	}
	throw new SimError('InvalidParameterException', 'The specified nextToken is invalid.');
}

// ---- the model ---------------------------------------------------------------------------

export function createLogModel(options: LogModelOptions): LogModel {
	const {seed, clock, scenario, resources} = options;
	const accountId = resources.accountId;
	const region = resources.region;
	const maxEvents = Math.max(1000, options.maxEventsPerGroup ?? 200_000);
	const scanBudget = Math.max(1, options.scanBudget ?? 200_000);
	const generatedNames = options.groups ?? ['AWSIotLogsV2', '/aws/iot/rules', '/aws/events/iot-fleet', 'aws-cloudtrail-logs-iot'];
	let rate = Math.min(MAX_RATE, Math.max(0, options.rate));
	const createdAt = clock.now();
	const liveStartSec = Math.floor(createdAt / 1000);
	const historySeconds = Math.max(0, Math.round(options.historyMinutes * 60));
	const historyStartSec = liveStartSec - historySeconds;
	const historyBudget = Math.min(30_000, Math.floor(maxEvents / 2));
	const groups = new Map<string, Group>();
	let groupCounter = 0;
	let putCounter = 0;

	function makeGroup(name: string, kind: Group['kind'], creationTime: number, streamNames: string[]): Group {
		const group: Group = {
			name,
			index: groupCounter++,
			kind,
			creationTime,
			streams: [],
			streamIndex: new Map(),
			events: [],
			doneSec: historyStartSec,
			bytes: 0,
			ingested: 0,
			maxLag: 0,
			minLag: 0,
		};
		for (const stream of streamNames) addStream(group, stream, creationTime);
		groups.set(name, group);
		return group;
	}

	function addStream(group: Group, name: string, creationTime: number): Stream {
		const stream: Stream = {name, creationTime, bytes: 0};
		group.streamIndex.set(name, group.streams.length);
		group.streams.push(stream);
		return stream;
	}

	function streamUuid(g: number, k: number): string {
		const h = (salt: number) =>
			mix(seed, g * 16 + k, salt)
				.toString(16)
				.padStart(8, '0');
		const a = h(700) + h(701) + h(702) + h(703);
		return `${a.slice(0, 8)}-${a.slice(8, 12)}-${a.slice(12, 16)}-${a.slice(16, 20)}-${a.slice(20, 32)}`;
	}

	generatedNames.forEach((name, g) => {
		const kind = name.startsWith('/aws/events/')
			? 'eventbridge'
			: name.startsWith('aws-cloudtrail-logs')
				? 'cloudtrail'
				: g === 0
					? 'iot'
					: 'text';
		// CloudTrail names its stream account_CloudTrail_region; an EventBridge target, by an id.
		const streamNames =
			kind === 'iot'
				? [0, 1, 2, 3].map((k) => streamUuid(g, k))
				: kind === 'cloudtrail'
					? [`${accountId}_CloudTrail_${region}`]
					: kind === 'eventbridge'
						? [streamUuid(g, 0)]
						: ['rules-worker-1', 'rules-worker-2'];
		makeGroup(name, kind, createdAt - Math.max(historySeconds * 1000, 0) - 30 * DAY, streamNames);
	});

	function groupRate(group: Group, sec: number): number {
		const base = group.kind === 'iot' ? rate : group.kind === 'text' ? rate / 10 : 0;
		if (sec >= liveStartSec) return base;
		const perSecondBudget = historySeconds > 0 ? historyBudget / historySeconds : 0;
		return Math.min(base, group.kind === 'iot' ? perSecondBudget : perSecondBudget / 10);
	}

	function countFor(group: Group, sec: number): number {
		const r = groupRate(group, sec);
		if (r <= 0) return 0;
		const jittered = r * (0.9 + 0.2 * (mix(seed, sec, 800 + group.index) / 0x1_00_00_00_00));
		const whole = Math.floor(jittered);
		const fraction = jittered - whole;
		return whole + (mix(seed, sec, 820 + group.index) / 0x1_00_00_00_00 < fraction ? 1 : 0);
	}

	// Per-minute error-line counts from the scenario, cached.
	const extrasCache = new Map<number, number[]>();
	function extrasFor(minuteStart: number): number[] {
		let counts = extrasCache.get(minuteStart);
		if (counts) return counts;
		const mqtt = {Protocol: 'MQTT'};
		const rule = {RuleName: resources.failingRuleName};
		counts = [
			scenario.count('Connection.AuthNError', {}, minuteStart),
			scenario.count('Connect.AuthError', mqtt, minuteStart),
			scenario.count('PublishIn.Throttle', mqtt, minuteStart),
			scenario.count('RuleMessageThrottled', rule, minuteStart),
			scenario.count('Failure', {...rule, ActionType: 'Lambda'}, minuteStart),
		].map((c) => Math.min(99, c));
		if (extrasCache.size > 2000) extrasCache.clear();
		extrasCache.set(minuteStart, counts);
		return counts;
	}

	/** Event time of generated event (sec, idx): ingestion within the second, most a bit earlier, 2% late. */
	function generatedEvent(group: Group, sec: number, idx: number): StoredEvent {
		const h = mix(seed ^ group.index, sec, idx);
		const ingestionTime = sec * 1000 + (h % 1000);
		const h2 = mix(seed ^ group.index, sec, idx + 7_777_777);
		const late = h2 % 1000 < 20;
		// Coarse millisecond clustering so that many events share a timestamp.
		const delay = late ? 2000 + (h2 % 6000) : 20 + ((h2 >>> 10) % 300);
		const timestamp = Math.floor((ingestionTime - delay) / 4) * 4;
		return {timestamp, ingestionTime, n: sec * 100_000 + idx, stream: (h >>> 12) % group.streams.length, message: undefined};
	}

	// CloudTrail's and EventBridge's deliveries, by the second they are ingested in, an hour at a time.
	type Delivery = {timestamp: number; ingestionTime: number; key: string; message: () => Record<string, unknown>};
	const notices = healthNotices(options.healthEvents ?? []);
	const deliveryCache = new Map<string, Map<number, Delivery[]>>();
	const envelope = {seed, accountId, region};
	function deliveriesIn(kind: 'cloudtrail' | 'eventbridge', sec: number): Delivery[] {
		const hour = Math.floor(sec / 3600) * 3600 * 1000;
		const cacheKey = `${kind}:${hour}`;
		let bySecond = deliveryCache.get(cacheKey);
		if (!bySecond) {
			bySecond = new Map();
			const all: Delivery[] = [];
			const trail = options.trail;
			// A call is delivered at most 5 minutes (CloudTrail) after it is made.
			for (const item of trail?.eventsBetween(hour - 6 * MINUTE, hour + 60 * MINUTE) ?? []) {
				const ingestionTime = kind === 'cloudtrail' ? item.deliveredAt : item.time + 2000 + (hash32(seed, item.id, 'eventbridge') % 8000);
				const record = () => trail!.record(item);
				all.push({
					timestamp: item.time,
					ingestionTime,
					key: item.id,
					message: kind === 'cloudtrail' ? record : () => apiCallEvent(envelope, record(), item.time),
				});
			}
			if (kind === 'eventbridge') {
				for (const notice of notices) {
					const ingestionTime = notice.at + 1000 + (hash32(seed, notice.event.arn, notice.at) % 4000);
					all.push({
						timestamp: notice.at,
						ingestionTime,
						key: `${notice.event.arn}@${notice.at}`,
						message: () => healthEvent(envelope, notice),
					});
				}
			}
			all.sort((a, b) => a.timestamp - b.timestamp || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
			for (const delivery of all) {
				if (delivery.ingestionTime < hour || delivery.ingestionTime >= hour + 60 * MINUTE) continue;
				const at = Math.floor(delivery.ingestionTime / 1000);
				bySecond.set(at, [...(bySecond.get(at) ?? []), delivery]);
			}
			if (deliveryCache.size > 16) deliveryCache.clear();
			deliveryCache.set(cacheKey, bySecond);
		}
		return bySecond.get(sec) ?? [];
	}

	function storyMessage(group: Group, event: StoredEvent): string {
		if (group.kind !== 'cloudtrail' && group.kind !== 'eventbridge') return '{}';
		const delivery = deliveriesIn(group.kind, Math.floor(event.n / 100_000))[(event.n % 100_000) - STORY_BASE];
		return delivery ? JSON.stringify(delivery.message()) : '{}';
	}

	function generateSecond(group: Group, sec: number, out: StoredEvent[]): void {
		if (group.streams.length === 0) return;
		if (group.kind === 'cloudtrail' || group.kind === 'eventbridge') {
			deliveriesIn(group.kind, sec).forEach((delivery, pos) =>
				out.push({timestamp: delivery.timestamp, ingestionTime: delivery.ingestionTime, n: sec * 100_000 + STORY_BASE + pos, stream: 0}),
			);
			return;
		}
		const count = countFor(group, sec);
		for (let idx = 0; idx < count; idx++) out.push(generatedEvent(group, sec, idx));
		if (group.kind === 'iot') changesAt(sec).forEach((change, k) => out.push(changeEvent(group, sec, k, change)));
		if (group.kind !== 'iot' && group.kind !== 'text') return;
		const minuteStart = Math.floor((sec * 1000) / MINUTE) * MINUTE;
		const secondOfMinute = sec - minuteStart / 1000;
		const counts = extrasFor(minuteStart);
		for (let k = 0; k < EXTRA_KINDS.length; k++) {
			if (group.kind === 'text' && EXTRA_KINDS[k] !== 'ruleFailure') continue;
			for (let j = 0; j < counts[k]; j++) {
				if (mix(seed, minuteStart / 1000, k * 100 + j) % 60 !== secondOfMinute) continue;
				const idx = EXTRA_BASE + k * 100 + j;
				out.push(generatedEvent(group, sec, idx));
			}
		}
	}

	// Fixed at creation: a stored event's message is recomputed on every read and must not change
	// when things are added later.
	const fleetSize = resources.things();
	function thingIndex(sec: number, idx: number): number {
		const total = fleetSize;
		if (total === 0) return -1;
		// A small hot set of chatty devices, the rest spread over the fleet.
		const h = mix(seed, sec, idx + 31_000_000);
		return h % 4 === 0 ? h % Math.min(total, 40) : (h >>> 2) % total;
	}

	function ipFor(i: number): string {
		const h = mix(seed, i, 900);
		return `${10 + (h % 180)}.${(h >>> 8) & 255}.${(h >>> 16) & 255}.${1 + ((h >>> 24) % 254)}`;
	}

	function traceId(sec: number, idx: number): string {
		const a = hex8(mix(seed, sec, idx + 51_000_000));
		const b = hex8(mix(seed, sec, idx + 52_000_000));
		const c = hex8(mix(seed, sec, idx + 53_000_000));
		const d = hex8(mix(seed, sec, idx + 54_000_000));
		return `${a}-${b.slice(0, 4)}-${b.slice(4)}-${c.slice(0, 4)}-${c.slice(4)}${d}`;
	}

	// Thing identity (name, first certificate id) by fleet position, cached: messages are
	// recomputed on every read, and the chatty devices repeat.
	const identities = new Map<number, [string, string]>();
	function identity(ti: number, idx: number): [string, string] {
		if (ti < 0) return [`client-${idx}`, ''];
		let id = identities.get(ti);
		if (!id) {
			const thing = resources.thingIdentityAt(ti);
			id = [thing?.thingName ?? `client-${idx}`, thing?.principalId ?? ''];
			if (identities.size >= 50_000) identities.clear();
			identities.set(ti, id);
		}
		return id;
	}

	// Connect and Disconnect lines are the connectivity model's changes (each thing's last change
	// before the start, a wave's drops and returns), sampled per wave and thing so that they add at
	// most the IoT rate a second at a wave's peak (the history's budget before the start):
	// proportions and each sampled thing's story stay whole.
	const connectivity = options.connectivity ?? createConnectivity({seed, anchorMs: resources.anchorMs, incidents: []});
	// The rate at creation, not setRate's: a second's lines must be the same on every read.
	const startRate = Math.min(MAX_RATE, Math.max(0, options.rate));
	const historyCap = Math.min(startRate, historySeconds > 0 ? historyBudget / historySeconds : 0);
	const shareFor = (cap: number, perSecond: number) => (perSecond <= 0 ? 0 : Math.min(1, Math.max(0, cap) / perSecond));
	const changeShare = connectivity.waves.map((wave) =>
		shareFor(
			wave.from < liveStartSec * 1000 ? historyCap : startRate,
			(fleetSize * (1 - RESTING_SHARE) * (wave.intensity / 100)) / Math.max(1, (wave.to - wave.from) / 1000),
		),
	);
	const initialShare = shareFor(historyCap, fleetSize / ((3 * DAY) / 1000));
	const sampled = (index: number, w: number) => mix(seed, index, 7500 + w) / 0x1_00_00_00_00 < (w < 0 ? initialShare : changeShare[w]);
	const changesCache = new Map<number, ConnectivityChange[]>();
	/** The sampled changes in second `sec` that the model holds at their instant (overlapping waves: the latest decides). */
	function changesAt(sec: number): ConnectivityChange[] {
		let changes = changesCache.get(sec);
		if (changes) return changes;
		changes = connectivity
			.changesIn(sec * 1000, sec * 1000 + 1000, fleetSize, sampled)
			.filter((change) => {
				const now = connectivity.at(change.index, change.at);
				return now.connected === change.connected && now.timestamp === change.at;
			})
			.slice(0, MAX_CHANGES);
		if (changesCache.size >= 4096) changesCache.clear();
		changesCache.set(sec, changes);
		return changes;
	}

	/** A change's line: logged at the model's instant, ingested a little later within its second. */
	function changeEvent(group: Group, sec: number, k: number, change: ConnectivityChange): StoredEvent {
		const h = mix(seed ^ group.index, sec, CHANGE_BASE + k);
		const ingestionTime = Math.min(sec * 1000 + 999, change.at + 20 + (h % 300));
		return {
			timestamp: change.at,
			ingestionTime,
			n: sec * 100_000 + CHANGE_BASE + k,
			stream: (h >>> 12) % group.streams.length,
			message: undefined,
		};
	}

	// Snapshot at creation, for the same reason as fleetSize.
	const enabledRules = resources
		.topicRules()
		.filter((rule) => !rule.ruleDisabled)
		.map((rule) => rule.ruleName);

	const q = JSON.stringify;

	function iotMessage(event: StoredEvent): string {
		const sec = Math.floor(event.n / 100_000);
		const idx = event.n % 100_000;
		const change = idx >= CHANGE_BASE && idx < EXTRA_BASE ? changesAt(sec)[idx - CHANGE_BASE] : undefined;
		const ti = change ? change.index : thingIndex(sec, idx);
		const [name, principalId] = identity(ti, idx);
		const clientId = q(name);
		const principal = q(principalId);
		const head = (level: string, status: string, eventType: string) =>
			`{"timestamp":"${timestampText(event.timestamp)}","logLevel":"${level}","traceId":"${traceId(sec, idx)}","accountId":"${accountId}","status":"${status}","eventType":"${eventType}"`;
		const conn = `"protocol":"MQTT","clientId":${clientId},"principalId":${principal},"sourceIp":"${ipFor(ti)}","sourcePort":${1024 + (mix(seed, sec, idx + 61_000_000) % 60_000)}`;
		const topic = (suffix: string) => q(`devices/${name}/${suffix}`);
		if (change) {
			if (change.connected) return `${head('INFO', 'Success', 'Connect')},${conn}}`;
			return `${head('INFO', 'Success', 'Disconnect')},${conn},"disconnectReason":${q(change.reason ?? 'UNKNOWN')}}`;
		}
		if (idx >= EXTRA_BASE) {
			const kind: ExtraKind = EXTRA_KINDS[Math.floor((idx - EXTRA_BASE) / 100)];
			const rule = q(resources.failingRuleName);
			switch (kind) {
				case 'authn':
					return `${head('ERROR', 'Failure', 'Connection.AuthNError')},${conn},"reason":"AUTHENTICATION_FAILURE","details":"Connection refused: certificate is not active or unknown"}`;
				case 'connectAuth':
					return `${head('ERROR', 'Failure', 'Connect')},${conn},"reason":"AUTHORIZATION_FAILURE","details":"Authorization Failure"}`;
				case 'publishThrottle':
					return `${head('ERROR', 'Failure', 'Publish-In')},${conn},"topicName":${topic('telemetry')},"reason":"THROTTLED","details":"Publish-In request throttled: account-level publish rate exceeded"}`;
				case 'ruleThrottle':
					return `${head('ERROR', 'Failure', 'RuleMessageThrottled')},"clientId":${clientId},"topicName":${topic('telemetry')},"ruleName":${rule},"principalId":${principal},"reason":"RuleExecutionThrottled","details":${q(`Message for Rule ${resources.failingRuleName} throttled`)}}`;
				case 'ruleFailure':
					return `${head('ERROR', 'Failure', 'RuleExecution')},"clientId":${clientId},"topicName":${topic('alerts')},"ruleName":${rule},"ruleAction":"LambdaAction","resources":{"FunctionArn":"arn:aws:lambda:${region}:${accountId}:function:handle-alert"},"principalId":${principal},"reason":"LambdaInvokeFailure","details":"Lambda function returned error: Task timed out after 3.00 seconds"}`;
			}
		}
		const r = mix(seed, sec, idx + 71_000_000) % 1000;
		if (r < 420) return `${head('INFO', 'Success', 'Publish-In')},${conn},"topicName":${topic('telemetry')}}`;
		if (r < 560) return `${head('INFO', 'Success', 'Publish-Out')},${conn},"topicName":${topic('cmd')}}`;
		if (r < 620) return `${head('INFO', 'Success', 'Subscribe')},${conn},"topicName":${topic('cmd')}}`;
		// Connects and disconnects come only from the connectivity model (above): here, telemetry.
		if (r < 730) return `${head('INFO', 'Success', 'Publish-In')},${conn},"topicName":${topic('telemetry')}}`;
		if (r < 860) {
			const rules = enabledRules;
			const rule = q(rules.length > 0 ? rules[r % rules.length] : 'telemetry_to_timestream');
			if (r < 800)
				return `${head('INFO', 'Success', 'RuleMatch')},"clientId":${clientId},"topicName":${topic('telemetry')},"ruleName":${rule},"principalId":${principal}}`;
			return `${head('INFO', 'Success', 'RuleExecution')},"clientId":${clientId},"topicName":${topic('telemetry')},"ruleName":${rule},"principalId":${principal},"ruleAction":"TimestreamAction"}`;
		}
		if (r < 960)
			return `${head('INFO', 'Success', 'UpdateThingShadow')},"protocol":"MQTT","deviceShadowName":${clientId},"topicName":${q(`$aws/things/${name}/shadow/update`)}}`;
		if (r < 990)
			return `${head('INFO', 'Success', 'GetThingShadow')},"protocol":"MQTT","deviceShadowName":${clientId},"topicName":${q(`$aws/things/${name}/shadow/get`)}}`;
		return `${head('WARN', 'Failure', 'Publish-In')},${conn},"topicName":${topic('telemetry')},"reason":"PAYLOAD_LIMIT_EXCEEDED","details":"Message payload exceeds the maximum size of 128 KB"}`;
	}

	function textMessage(event: StoredEvent): string {
		const sec = Math.floor(event.n / 100_000);
		const idx = event.n % 100_000;
		const ti = thingIndex(sec, idx);
		const client = identity(ti, idx)[0];
		const when = new Date(event.timestamp).toISOString();
		const request = mix(seed, sec, idx + 81_000_000)
			.toString(16)
			.padStart(8, '0');
		if (idx >= EXTRA_BASE) {
			return `${when} ERROR [${resources.failingRuleName}] request=${request} action=lambda status=Failure client=${client} error="Task timed out after 3.00 seconds"`;
		}
		const duration = 3 + (mix(seed, sec, idx + 82_000_000) % 120);
		const rule = ['telemetry_to_timestream', 'archive_raw_s3', 'state_to_dynamodb', 'meter_to_kinesis'][idx % 4];
		return `${when} INFO [${rule}] request=${request} delivered message from ${client} in ${duration} ms`;
	}

	function messageOf(group: Group, event: StoredEvent): string {
		if (event.message !== undefined) return event.message;
		if (group.kind === 'cloudtrail' || group.kind === 'eventbridge') return storyMessage(group, event);
		return group.kind === 'text' ? textMessage(event) : iotMessage(event);
	}

	function insertSorted(group: Group, batch: StoredEvent[]): void {
		if (batch.length === 0) return;
		group.ingested += batch.length;
		batch.sort(compareEvents);
		const events = group.events;
		let i = events.length - 1;
		if (i < 0 || compareEvents(events[i], batch[0]) <= 0) {
			for (const e of batch) events.push(e);
		} else {
			// Merge from the end, in place: only the overlapping tail moves.
			let j = batch.length - 1;
			let k = events.length + batch.length - 1;
			events.length = k + 1;
			while (j >= 0) {
				if (i >= 0 && compareEvents(events[i], batch[j]) > 0) events[k--] = events[i--];
				else events[k--] = batch[j--];
			}
		}
		for (const e of batch) {
			const lag = e.ingestionTime - e.timestamp;
			if (lag > group.maxLag) group.maxLag = lag;
			if (lag < group.minLag) group.minLag = lag;
			const stream = group.streams[e.stream];
			if (stream.first === undefined || e.timestamp < stream.first) stream.first = e.timestamp;
			if (stream.last === undefined || e.timestamp > stream.last) stream.last = e.timestamp;
			if (stream.lastIngestion === undefined || e.ingestionTime > stream.lastIngestion) stream.lastIngestion = e.ingestionTime;
			const size = (e.message === undefined ? 300 : Buffer.byteLength(e.message)) + 26;
			stream.bytes += size;
			group.bytes += size;
		}
		if (events.length > maxEvents) events.splice(0, events.length - Math.floor(maxEvents * 0.9));
	}

	function materializeGroup(group: Group): void {
		if (group.kind === 'none') return;
		const target = Math.floor(clock.now() / 1000);
		if (target <= group.doneSec) return;
		// After a long jump of the clock, only the most recent seconds that fit in memory.
		const perSecond = Math.max(1, groupRate(group, target - 1));
		const maxSeconds = Math.ceil(maxEvents / perSecond) + 10;
		if (target - group.doneSec > maxSeconds && target - maxSeconds > liveStartSec) group.doneSec = target - maxSeconds;
		const batch: StoredEvent[] = [];
		for (let sec = group.doneSec; sec < target; sec++) generateSecond(group, sec, batch);
		group.doneSec = target;
		insertSorted(group, batch);
	}

	function materialize(): void {
		for (const group of groups.values()) materializeGroup(group);
	}

	function requireGroup(name: string): Group {
		const group = groups.get(name);
		if (!group) throw new SimError('ResourceNotFoundException', 'The specified log group does not exist.');
		materializeGroup(group);
		return group;
	}

	function eventId(group: Group, e: StoredEvent): string {
		return String(e.timestamp).padStart(20, '0') + String(group.index).padStart(4, '0') + String(e.n).padStart(32, '0');
	}

	function output(group: Group, e: StoredEvent, message = messageOf(group, e)): OutputLogEvent {
		return {
			logStreamName: group.streams[e.stream].name,
			timestamp: e.timestamp,
			message,
			ingestionTime: e.ingestionTime,
			eventId: eventId(group, e),
		};
	}

	function groupArn(name: string): string {
		return `arn:aws:logs:${region}:${accountId}:log-group:${name}`;
	}

	return {
		clock,
		accountId,
		region,
		generatedGroups: [...generatedNames],
		groups() {
			materialize();
			return [...groups.values()]
				.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
				.map((g) => ({
					logGroupName: g.name,
					creationTime: g.creationTime,
					storedBytes: g.bytes,
					arn: `${groupArn(g.name)}:*`,
					logGroupArn: groupArn(g.name),
				}));
		},
		hasGroup: (name) => groups.has(name),
		createGroup(name) {
			if (groups.has(name)) throw new SimError('ResourceAlreadyExistsException', 'The specified log group already exists');
			const group = makeGroup(name, 'none', clock.now(), []);
			group.doneSec = Number.MAX_SAFE_INTEGER;
		},
		streams(name) {
			const group = requireGroup(name);
			return group.streams.map((s) => ({
				logStreamName: s.name,
				creationTime: s.creationTime,
				firstEventTimestamp: s.first,
				lastEventTimestamp: s.last,
				lastIngestionTime: s.lastIngestion,
				storedBytes: s.bytes,
				arn: `${groupArn(group.name)}:log-stream:${s.name}`,
			}));
		},
		createStream(groupName, streamName) {
			const group = requireGroup(groupName);
			if (group.streamIndex.has(streamName))
				throw new SimError('ResourceAlreadyExistsException', 'The specified log stream already exists');
			addStream(group, streamName, clock.now());
		},
		putEvents(groupName, streamName, events, putOptions = {}) {
			let group = groups.get(groupName);
			if (!group) {
				if (putOptions.strict) throw new SimError('ResourceNotFoundException', 'The specified log group does not exist.');
				group = makeGroup(groupName, 'none', clock.now(), []);
				group.doneSec = Number.MAX_SAFE_INTEGER;
			}
			materializeGroup(group);
			let streamIdx = group.streamIndex.get(streamName);
			if (streamIdx === undefined) {
				if (putOptions.strict) throw new SimError('ResourceNotFoundException', 'The specified log stream does not exist.');
				addStream(group, streamName, clock.now());
				streamIdx = group.streams.length - 1;
			}
			const now = clock.now();
			const result: PutResult = {};
			const batch: StoredEvent[] = [];
			let tooOld = -1;
			let tooNew = -1;
			events.forEach((e, i) => {
				if (e.timestamp < now - 14 * DAY) tooOld = i;
				else if (e.timestamp > now + 2 * 3_600_000) {
					if (tooNew < 0) tooNew = i;
				} else batch.push({timestamp: e.timestamp, ingestionTime: now, n: PUT_BASE + putCounter++, stream: streamIdx, message: e.message});
			});
			if (tooOld >= 0 || tooNew >= 0) {
				result.rejectedLogEventsInfo = {};
				if (tooOld >= 0) result.rejectedLogEventsInfo.tooOldLogEventEndIndex = tooOld;
				if (tooNew >= 0) result.rejectedLogEventsInfo.tooNewLogEventStartIndex = tooNew;
			}
			insertSorted(group, batch);
			return result;
		},
		filter(input) {
			const group = requireGroup(input.logGroupName);
			const limit = input.limit ?? 10_000;
			const matcher = compileFilterPattern(input.filterPattern);
			const startTime = input.startTime ?? 0;
			const endTime = input.endTime ?? Number.MAX_SAFE_INTEGER;
			let streamFilter: ((stream: number) => boolean) | undefined;
			let searched = group.streams.map((_, k) => k);
			if (input.logStreamNames && input.logStreamNames.length > 0) {
				const wanted = new Set(input.logStreamNames.map((name) => group.streamIndex.get(name)).filter((k) => k !== undefined));
				streamFilter = (k) => wanted.has(k);
				searched = [...wanted];
			} else if (input.logStreamNamePrefix !== undefined) {
				const prefix = input.logStreamNamePrefix;
				const wanted = new Set(searched.filter((k) => group.streams[k].name.startsWith(prefix)));
				streamFilter = (k) => wanted.has(k);
				searched = [...wanted];
			}
			const events = group.events;
			let i: number;
			if (input.nextToken) {
				const position = decodeToken(input.nextToken, group.name);
				i = bound(events, position.t, position.n, false);
				if (i < events.length && events[i].timestamp < startTime) i = bound(events, startTime, -Infinity, true);
			} else i = bound(events, startTime, -Infinity, true);
			const page: OutputLogEvent[] = [];
			let bytes = 0;
			let scanned = 0;
			let last: StoredEvent | undefined;
			let more = false;
			for (; i < events.length; i++) {
				const e = events[i];
				if (e.timestamp > endTime) break;
				if (page.length >= limit || scanned >= scanBudget) {
					more = true;
					break;
				}
				scanned++;
				if (streamFilter && !streamFilter(e.stream)) {
					last = e;
					continue;
				}
				const message = messageOf(group, e);
				if (matcher && !matcher(message)) {
					last = e;
					continue;
				}
				const size = Buffer.byteLength(message) + 26;
				if (bytes + size > PAGE_BYTES && page.length > 0) {
					more = true;
					break;
				}
				bytes += size;
				page.push(output(group, e, message));
				last = e;
			}
			const completely = !more;
			return {
				events: page,
				searchedLogStreams: searched.map((k) => ({logStreamName: group.streams[k].name, searchedCompletely: completely})),
				nextToken: more && last ? encodeToken(group.name, last.timestamp, last.n) : more ? input.nextToken : undefined,
			};
		},
		events(name, range = {}) {
			const group = requireGroup(name);
			const startTime = range.startTime ?? 0;
			const endTime = range.endTime ?? Number.MAX_SAFE_INTEGER;
			const out: OutputLogEvent[] = [];
			for (let i = bound(group.events, startTime, -Infinity, true); i < group.events.length; i++) {
				const e = group.events[i];
				if (e.timestamp > endTime) break;
				out.push(output(group, e));
			}
			return out;
		},
		ingestedBetween(name, fromMs, toMs) {
			const group = requireGroup(name);
			const out: OutputLogEvent[] = [];
			// An event ingested at or after fromMs has a timestamp >= fromMs - maxLag.
			const events = group.events;
			for (let i = bound(events, fromMs - group.maxLag, -Infinity, true); i < events.length; i++) {
				const e = events[i];
				if (e.timestamp >= toMs - group.minLag) break;
				if (e.ingestionTime >= fromMs && e.ingestionTime < toMs) out.push(output(group, e));
			}
			return out;
		},
		materialize,
		rate: () => rate,
		setRate(next) {
			rate = Math.min(MAX_RATE, Math.max(0, next));
		},
		size: (name) => requireGroup(name).events.length,
		ingested() {
			materialize();
			return Object.fromEntries([...groups.values()].map((group) => [group.name, group.ingested]));
		},
	};
}
