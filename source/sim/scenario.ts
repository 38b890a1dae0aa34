// The script of the simulated fleet: how busy it is at any minute, and the incidents that
// make alarms fire. Metrics (cloudwatch) and logs both read it, so an auth-error burst in
// the metrics shows up as Connection.AuthNError lines in the logs at the same minutes.
// Everything is a pure function of (seed, start time, minute), so any minute can be
// computed on demand, in any order, and a seed always gives the same fleet.

export const MINUTE = 60_000;

export type IncidentKind = 'authErrors' | 'throttling' | 'ruleFailure' | 'disconnectWave';

export type Incident = {
	kind: IncidentKind;
	/** Epoch ms, inclusive. */
	from: number;
	/** Epoch ms, exclusive. */
	to: number;
	/** Multiplier or absolute extra count, depending on the kind (disconnectWave: percent of the connected things it drops). */
	intensity: number;
};

export type Scenario = {
	seed: number;
	/** Epoch ms the simulator started; incidents are placed relative to it. */
	startMs: number;
	/** How many things are connected (drives connect/publish volume). */
	things: number;
	incidents: Incident[];
	/** False: an empty account; the fleet counts nothing of its own, only what is recorded. */
	traffic: boolean;
	/** Expected count for one minute of an AWS/IoT metric series (Sum per minute), >= 0, integer. */
	count(metricName: string, dimensions: Record<string, string>, minuteStartMs: number): number;
	/** The fleet's own part of `count`, without what was recorded (0 without traffic); reading it never blocks a later record. */
	trafficCount(metricName: string, dimensions: Record<string, string>, minuteStartMs: number): number;
	/** Whether a count above 0 was recorded for the series in a minute starting in [fromMs, toMs). */
	recordedIn(metricName: string, dimensions: Record<string, string>, fromMs: number, toMs: number): boolean;
	/** 0..1: how much of the minute is inside an incident of the kind (0 = none). */
	incidentLevel(kind: IncidentKind, atMs: number): number;
	/**
	 * Adds `value` to a series' count in the minute of `atMs`: what AWS IoT itself publishes (no
	 * caller may PutMetricData into an AWS/ namespace), for tests that seed a quiet fleet. Record
	 * before anything reads that minute: the metric store caches the counts it has computed.
	 */
	record(metricName: string, dimensions: Record<string, string>, atMs: number, value: number): void;
};

export const PROTOCOLS = ['MQTT', 'HTTP'] as const;

/** 32-bit hash of numbers and strings; the building block of the deterministic noise. */
export function hash32(...parts: Array<number | string>): number {
	let h = 0x81_1c_9d_c5;
	for (const part of parts) {
		const text = String(part);
		for (let i = 0; i < text.length; i++) {
			h ^= text.charCodeAt(i);
			h = Math.imul(h, 0x01_00_01_93);
		}
		h ^= 0xff;
		h = Math.imul(h, 0x01_00_01_93);
	}
	h ^= h >>> 16;
	h = Math.imul(h, 0x85_eb_ca_6b);
	h ^= h >>> 13;
	return h >>> 0;
}

/** Uniform in [0, 1), deterministic for its arguments. */
export function noise(...parts: Array<number | string>): number {
	return hash32(...parts) / 0x1_00_00_00_00;
}

/** A small seeded PRNG (mulberry32) for sequences (fleet generation). */
export function createRandom(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d_2b_79_f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 0x1_00_00_00_00;
	};
}

/**
 * The default incident script, relative to the simulator's start: an auth-error burst that
 * begins a minute in (so the AuthError alarm goes to ALARM within the first two minutes)
 * and ends at minute 7, a disconnect wave from minute 2 to 6 (the things come back over the
 * 20 minutes after it), a throttling episode later, and a failing rule action; then the
 * cycle repeats every 30 minutes so a long-running demo keeps moving. History before the
 * start is quiet except for one old incident, so the first screen has a past.
 */
export function defaultIncidents(startMs: number): Incident[] {
	const base = Math.floor(startMs / MINUTE) * MINUTE;
	const incidents: Incident[] = [{kind: 'ruleFailure', from: base - 45 * MINUTE, to: base - 38 * MINUTE, intensity: 30}];
	for (let cycle = 0; cycle < 48 * 2; cycle++) {
		const offset = base + cycle * 30 * MINUTE;
		incidents.push(
			{kind: 'authErrors', from: offset + 1 * MINUTE, to: offset + 7 * MINUTE, intensity: 40},
			{kind: 'throttling', from: offset + 12 * MINUTE, to: offset + 17 * MINUTE, intensity: 25},
			{kind: 'ruleFailure', from: offset + 20 * MINUTE, to: offset + 24 * MINUTE, intensity: 30},
			// A network outage at a site-wide scale: a fifth of the connected things drop within 4 minutes.
			{kind: 'disconnectWave', from: offset + 2 * MINUTE, to: offset + 6 * MINUTE, intensity: 20},
		);
	}
	return incidents;
}

export type ScenarioOptions = {
	seed: number;
	startMs: number;
	things: number;
	/** Replace the default incident script (tests use an empty list for a quiet fleet). */
	incidents?: Incident[];
	/** False: the fleet makes no traffic of its own, only what is recorded (an empty account). Default true. */
	traffic?: boolean;
};

/** Daily shape: busiest mid-afternoon UTC, quietest before dawn; 0.55..1.0. */
function dailyShape(atMs: number): number {
	const hour = (atMs / 3_600_000) % 24;
	return 0.775 + 0.225 * Math.sin(((hour - 9) / 24) * 2 * Math.PI);
}

export function createScenario(options: ScenarioOptions): Scenario {
	const {seed, startMs, things} = options;
	const incidents = options.incidents ?? defaultIncidents(startMs);
	const traffic = options.traffic ?? true;
	// Connected devices publish about once a minute each; scaled down for huge fleets so the
	// numbers stay plausible but busy.
	const publishBase = Math.max(5, Math.round(Math.sqrt(things) * 12));
	const connectBase = Math.max(1, Math.round(Math.sqrt(things) * 0.8));

	function incidentLevel(kind: IncidentKind, atMs: number): number {
		for (const incident of incidents) {
			if (incident.kind === kind && atMs >= incident.from && atMs < incident.to) return 1;
		}
		return 0;
	}

	function incidentIntensity(kind: IncidentKind, atMs: number): number {
		for (const incident of incidents) {
			if (incident.kind === kind && atMs >= incident.from && atMs < incident.to) return incident.intensity;
		}
		return 0;
	}

	function jitter(name: string, dims: Record<string, string>, minute: number, spread: number): number {
		const key = Object.entries(dims)
			.sort(([a], [b]) => a.localeCompare(b))
			.map(([k, v]) => `${k}=${v}`)
			.join(',');
		return 1 + (noise(seed, name, key, minute) - 0.5) * 2 * spread;
	}

	const recorded = new Map<string, number>();
	const seriesKey = (metricName: string, dims: Record<string, string>) =>
		`${metricName}\u0000${Object.keys(dims)
			.sort()
			.map((name) => `${name}=${dims[name]}`)
			.join(',')}`;
	const recordKey = (metricName: string, dims: Record<string, string>, minute: number) => `${seriesKey(metricName, dims)}\u0000${minute}`;
	// Per series, the ascending minutes with a count above 0 recorded: ListMetrics asks whether
	// a series reported in a window without reading (and so freezing) any minute.
	const recordedMinutes = new Map<string, number[]>();

	// Without traffic (an empty account, where tests record): the minutes already counted, so a
	// late record, which the metric store's cache would hide, fails loudly instead.
	const answered = new Set<string>();

	function record(metricName: string, dims: Record<string, string>, atMs: number, value: number): void {
		if (!Number.isFinite(value) || value < 0) throw new RangeError(`A recorded count must be a finite number >= 0, not ${value}.`);
		const key = recordKey(metricName, dims, Math.floor(atMs / MINUTE));
		if (answered.has(key))
			throw new Error(
				`${metricName} ${JSON.stringify(dims)} at ${new Date(atMs).toISOString()} was already read: record a minute before anything reads it.`,
			);
		recorded.set(key, (recorded.get(key) ?? 0) + value);
		if (value > 0) {
			const minute = Math.floor(atMs / MINUTE);
			const series = seriesKey(metricName, dims);
			const minutes = recordedMinutes.get(series) ?? [];
			recordedMinutes.set(series, minutes);
			const at = firstAtOrAfter(minutes, minute);
			if (minutes[at] !== minute) minutes.splice(at, 0, minute);
		}
	}

	function recordedIn(metricName: string, dims: Record<string, string>, fromMs: number, toMs: number): boolean {
		const minutes = recordedMinutes.get(seriesKey(metricName, dims));
		if (!minutes) return false;
		const at = firstAtOrAfter(minutes, Math.ceil(fromMs / MINUTE));
		return at < minutes.length && minutes[at] * MINUTE < toMs;
	}

	function trafficCount(metricName: string, dims: Record<string, string>, minuteStartMs: number): number {
		return traffic ? generatedCount(metricName, dims, Math.floor(minuteStartMs / MINUTE)) : 0;
	}

	function count(metricName: string, dims: Record<string, string>, minuteStartMs: number): number {
		const minute = Math.floor(minuteStartMs / MINUTE);
		if (!traffic) {
			const key = recordKey(metricName, dims, minute);
			answered.add(key);
			return recorded.get(key) ?? 0;
		}
		const extra = recorded.size > 0 ? (recorded.get(recordKey(metricName, dims, minute)) ?? 0) : 0;
		return generatedCount(metricName, dims, minute) + extra;
	}

	function generatedCount(metricName: string, dims: Record<string, string>, minute: number): number {
		const atMs = minute * MINUTE;
		const shape = dailyShape(atMs);
		const protocolShare = dims.Protocol === 'HTTP' ? 0.15 : dims.Protocol === 'MQTT' ? 0.85 : 1;
		const j = (spread: number) => jitter(metricName, dims, minute, spread);
		const sparse = (p: number, max: number) =>
			noise(seed, 'sparse', metricName, JSON.stringify(dims), minute) < p
				? 1 + Math.floor(noise(seed, 'sparse-n', metricName, minute) * max)
				: 0;
		let value: number;
		switch (metricName) {
			case 'Connect.Success': {
				value = connectBase * shape * protocolShare * j(0.25);
				if (incidentLevel('authErrors', atMs)) value *= 0.6;
				break;
			}
			case 'Connect.AuthError':
			case 'Connection.AuthNError': {
				value = sparse(0.08, 2) * protocolShare;
				value += incidentIntensity('authErrors', atMs) * protocolShare * j(0.3);
				break;
			}
			case 'Connect.ClientError':
			case 'Connect.ServerError':
			case 'PublishIn.ClientError':
			case 'PublishIn.ServerError':
			case 'PublishIn.AuthError':
			case 'PublishOut.ClientError': {
				value = sparse(0.05, 2) * protocolShare;
				break;
			}
			case 'Connect.Throttle':
			case 'Connect.ClientIDThrottle': {
				value = incidentIntensity('throttling', atMs) * 0.3 * protocolShare * j(0.3);
				break;
			}
			case 'PublishIn.Throttle':
			case 'PublishOut.Throttle': {
				value = incidentIntensity('throttling', atMs) * protocolShare * j(0.3) + sparse(0.03, 3);
				break;
			}
			case 'PublishIn.Success': {
				value = publishBase * shape * protocolShare * j(0.1);
				if (incidentLevel('throttling', atMs)) value *= 0.8;
				break;
			}
			case 'PublishOut.Success': {
				value = publishBase * 0.4 * shape * protocolShare * j(0.12);
				break;
			}
			case 'Subscribe.Success': {
				value = connectBase * shape * protocolShare * j(0.3);
				break;
			}
			case 'Ping.Success': {
				value = publishBase * 0.2 * shape * protocolShare * j(0.1);
				break;
			}
			case 'RulesExecuted': {
				value = publishBase * 0.7 * shape * j(0.1);
				break;
			}
			case 'TopicMatch': {
				value = publishBase * 0.35 * shape * j(0.1);
				break;
			}
			case 'Success': {
				value = publishBase * 0.3 * shape * j(0.1);
				if (incidentLevel('ruleFailure', atMs)) value *= 0.5;
				break;
			}
			case 'Failure': {
				value = sparse(0.04, 1) + incidentIntensity('ruleFailure', atMs) * j(0.3);
				break;
			}
			case 'RuleMessageThrottled': {
				value = incidentIntensity('throttling', atMs) * 0.4 * j(0.3);
				break;
			}
			case 'ParseError':
			case 'RuleNotFound': {
				value = sparse(0.02, 1);
				break;
			}
			default: {
				value = 0;
			}
		}
		return Math.max(0, Math.round(value));
	}

	return {seed, startMs, things, incidents, traffic, count, trafficCount, recordedIn, incidentLevel, record};
}

/** Index of the first of the ascending `values` that is >= `target`. */
function firstAtOrAfter(values: number[], target: number): number {
	let lo = 0;
	let hi = values.length;
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if (values[mid] < target) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}
