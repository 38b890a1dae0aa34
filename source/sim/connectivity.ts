// Each generated thing's connectivity (connected, since when, why it last disconnected) as a
// pure function of (seed, thing index, time): nothing is stored per thing, so a fleet of
// 1,000,000 things costs no memory for it, and the scenario's disconnect waves move it.
// At the fleet's anchor about 12% of things are disconnected for good (old reasons); a
// `disconnectWave` incident drops a share of the connected ones (its intensity, in percent)
// during the incident, with the reasons a real outage gives, and they come back over the
// 20 minutes after it.
import type {Incident} from './scenario.js';
import {MINUTE} from './scenario.js';

export type ThingConnectivity = {connected: boolean; timestamp: number; disconnectReason?: string};

/** AWS IoT's documented disconnectReason values (lifecycle events, fleet indexing). */
export const DISCONNECT_REASONS = [
	'AUTH_ERROR',
	'CLIENT_INITIATED_DISCONNECT',
	'CLIENT_ERROR',
	'CONNECTION_LOST',
	'DUPLICATE_CLIENTID',
	'FORBIDDEN_ACCESS',
	'MQTT_KEEP_ALIVE_TIMEOUT',
	'SERVER_ERROR',
	'SERVER_INITIATED_DISCONNECT',
	'THROTTLED',
	'WEBSOCKET_TTL_EXPIRATION',
	'CUSTOMAUTH_TTL_EXPIRATION',
	'UNKNOWN',
	'NONE',
] as const;

/** Why things that stay disconnected left, long ago. */
export const RESTING_REASONS = ['CLIENT_INITIATED_DISCONNECT', 'CONNECTION_LOST', 'MQTT_KEEP_ALIVE_TIMEOUT', 'SERVER_INITIATED_DISCONNECT'];

/** A wave's reasons and their cumulative shares (a network outage: mostly lost connections). */
export const WAVE_REASONS: ReadonlyArray<[reason: string, upTo: number]> = [
	['CONNECTION_LOST', 0.45],
	['MQTT_KEEP_ALIVE_TIMEOUT', 0.75],
	['SERVER_INITIATED_DISCONNECT', 0.85],
	['THROTTLED', 0.93],
	['DUPLICATE_CLIENTID', 0.97],
	['AUTH_ERROR', 1],
];

/** How long after a wave's end its things are all back. */
export const RECONNECT_SPREAD = 20 * MINUTE;
const DAY = 86_400_000;
/** Share of the fleet disconnected at the anchor, for good. */
export const RESTING_SHARE = 0.12;

/** Fast integer hash of (seed, index, salt): uniform 32-bit (same as resources.ts's). */
function mix(seed: number, index: number, salt: number): number {
	let x = Math.imul(seed ^ 0x9e_37_79_b9, 0x85_eb_ca_6b);
	x ^= Math.imul(index + 0x63_2b_e5_ab, 0xc2_b2_ae_35);
	x ^= Math.imul(salt + 0x16_56_67_b1, 0x27_d4_eb_2f);
	x ^= x >>> 15;
	x = Math.imul(x, 0x2c_1b_3c_6d);
	x ^= x >>> 12;
	x = Math.imul(x, 0x29_7a_2d_39);
	x ^= x >>> 15;
	return x >>> 0;
}

const unit = (seed: number, index: number, salt: number) => mix(seed, index, salt) / 0x1_00_00_00_00;

export type WaveEffect = {disconnectAt: number; reconnectAt: number; reason: string};

export type ConnectivityModel = {
	/** The disconnect waves, oldest first. */
	readonly waves: readonly Incident[];
	/** Connectivity of generated thing `index` at `atMs`. */
	at(index: number, atMs: number): ThingConnectivity;
	/** What wave `w` does to thing `index` (undefined: untouched). */
	waveEffect(index: number, w: number): WaveEffect | undefined;
};

export function createConnectivity(options: {seed: number; anchorMs: number; incidents: readonly Incident[]}): ConnectivityModel {
	const {seed, anchorMs} = options;
	const waves = options.incidents.filter((incident) => incident.kind === 'disconnectWave').sort((a, b) => a.from - b.from);
	const starts = waves.map((wave) => wave.from);

	function waveEffect(index: number, w: number): WaveEffect | undefined {
		const wave = waves[w];
		if (unit(seed, index, 4) < RESTING_SHARE) return undefined;
		if (unit(seed, index, 7000 + w) >= wave.intensity / 100) return undefined;
		const disconnectAt = wave.from + Math.floor(unit(seed, index, 7100 + w) * (wave.to - wave.from));
		const reconnectAt = wave.to + Math.floor(unit(seed, index, 7200 + w) * RECONNECT_SPREAD);
		const pick = unit(seed, index, 7300 + w);
		const reason = WAVE_REASONS.find(([, upTo]) => pick < upTo)?.[0] ?? 'CONNECTION_LOST';
		return {disconnectAt, reconnectAt, reason};
	}

	function at(index: number, atMs: number): ThingConnectivity {
		if (unit(seed, index, 4) < RESTING_SHARE) {
			return {
				connected: false,
				timestamp: anchorMs - (mix(seed, index, 9) % (3 * DAY)),
				disconnectReason: RESTING_REASONS[mix(seed, index, 11) % RESTING_REASONS.length],
			};
		}
		// The latest wave that has begun and touched the thing decides; waves are short and sparse.
		let w = lastAtOrBefore(starts, atMs);
		for (; w >= 0; w--) {
			const effect = waveEffect(index, w);
			if (!effect || atMs < effect.disconnectAt) continue;
			if (atMs >= effect.reconnectAt) return {connected: true, timestamp: effect.reconnectAt};
			return {connected: false, timestamp: effect.disconnectAt, disconnectReason: effect.reason};
		}
		return {connected: true, timestamp: anchorMs - (mix(seed, index, 9) % (3 * DAY))};
	}

	return {waves, at, waveEffect};
}

/** Index of the last of the ascending `values` that is <= `target` (-1: none). */
function lastAtOrBefore(values: readonly number[], target: number): number {
	let lo = 0;
	let hi = values.length;
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if (values[mid] <= target) lo = mid + 1;
		else hi = mid;
	}
	return lo - 1;
}
