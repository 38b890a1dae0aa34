// Each generated thing's connectivity (connected, since when, why it last disconnected) as a
// pure function of (seed, thing index, time): nothing is stored per thing, so a fleet of
// 1,000,000 things costs no memory for it, and the scenario's disconnect waves move it.
// At the fleet's anchor about 12% of things are disconnected for good (old reasons); a
// `disconnectWave` incident drops a share of the connected ones (its intensity, in percent)
// during the incident, with the reasons a real outage gives, and they come back over the
// 20 minutes after it. Who drops when, and each thing's last change before the anchor, come
// from keyed permutations of blocks of 1,024 things, so the things that change in any second are
// found by inverting them (changesIn: what the simulator's Connect and Disconnect log lines say).
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
/** Things per block of a wave's permutation (a power of two: 2 x 5 bits). */
const BLOCK = 1024;
/** How far before the anchor the things' last changes reach. */
const INITIAL_SPAN = 3 * DAY;
const INITIAL_SALT = 7399;

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
	/**
	 * The changes of things [0, things) at times in [fromMs, toMs): their last change before the
	 * anchor (wave -1) and the waves' disconnects and reconnects,
	 * by time, optionally only of the things `keep` takes (tested before anything else).
	 * Cost: the changes in the window plus a few positions per block of things, never the fleet.
	 */
	changesIn(fromMs: number, toMs: number, things: number, keep?: (index: number, w: number) => boolean): ConnectivityChange[];
};

/** A thing's connectivity changing: it dropped (with why) or came back, in wave `wave` (-1: its last change before the anchor). */
export type ConnectivityChange = {index: number; at: number; connected: boolean; reason?: string; wave: number};

export function createConnectivity(options: {seed: number; anchorMs: number; incidents: readonly Incident[]}): ConnectivityModel {
	const {seed, anchorMs} = options;
	const waves = options.incidents.filter((incident) => incident.kind === 'disconnectWave').sort((a, b) => a.from - b.from);
	const starts = waves.map((wave) => wave.from);

	// Each wave orders each block of BLOCK things by a keyed permutation: the first K positions
	// (K/BLOCK = the wave's share) drop, position k in the k-th slice of the wave, and come back
	// in the order (k * multiplier) mod K. So the things that change in any second are found by
	// inverting the permutation, block by block, instead of testing every thing.
	const shapes = waves.map((wave, w) => {
		const k = Math.max(0, Math.min(BLOCK, Math.round((wave.intensity / 100) * BLOCK)));
		const multiplier = coprimeNear(Math.floor(k * 0.618), k);
		return {k, multiplier, inverse: inverseMod(multiplier, k), salt: 7400 + w};
	});

	function waveEffect(index: number, w: number): WaveEffect | undefined {
		const wave = waves[w];
		const {k: share, multiplier, salt} = shapes[w];
		if (share === 0 || unit(seed, index, 4) < RESTING_SHARE) return undefined;
		const k = permute(mix(seed, Math.floor(index / BLOCK), salt), index % BLOCK);
		if (k >= share) return undefined;
		const disconnectAt = wave.from + Math.floor(((k + unit(seed, index, 7100 + w)) / share) * (wave.to - wave.from));
		const rank = (k * multiplier) % share;
		const reconnectAt = wave.to + Math.floor(((rank + unit(seed, index, 7200 + w)) / share) * RECONNECT_SPREAD);
		const pick = unit(seed, index, 7300 + w);
		const reason = WAVE_REASONS.find(([, upTo]) => pick < upTo)?.[0] ?? 'CONNECTION_LOST';
		return {disconnectAt, reconnectAt, reason};
	}

	const longestLife = Math.max(0, ...waves.map((wave) => wave.to - wave.from)) + RECONNECT_SPREAD;

	// Each wave's permutation keys per block, kept for the waves last asked about.
	const keyCache = new Map<number, Uint32Array>();
	function blockKeys(w: number, salt: number, blocks: number): Uint32Array {
		let keys = keyCache.get(w);
		if (!keys || keys.length < blocks) {
			keys = Uint32Array.from({length: blocks}, (_, b) => mix(seed, b, salt));
			if (keyCache.size >= 8) keyCache.clear();
			keyCache.set(w, keys);
		}
		return keys;
	}

	function changesIn(fromMs: number, toMs: number, things: number, keep?: (index: number, w: number) => boolean): ConnectivityChange[] {
		const out: ConnectivityChange[] = [];
		const blocks = Math.ceil(things / BLOCK);
		// Positions whose slice of [start, start + span) meets [fromMs, toMs), for `count` positions.
		// Position k's offsets, floor((k + u) * span / count), are in [k*span/count, (k+1)*span/count): those that meet [lo, hi).
		const positionsIn = (lo: number, hi: number, span: number, count: number): [number, number] => [
			Math.max(0, Math.floor((lo * count) / span - 1e-9)),
			Math.min(count - 1, Math.ceil((hi * count) / span + 1e-9) - 1),
		];
		const positions = (start: number, span: number, count: number) => positionsIn(fromMs - start, toMs - start, span, count);
		// The fleet's state at the anchor: each thing's last change before it, within 3 days.
		if (fromMs < anchorMs && toMs > anchorMs - INITIAL_SPAN) {
			const keys = blockKeys(-1, INITIAL_SALT, blocks);
			const [lo, hi] = positionsIn(anchorMs - toMs + 1, anchorMs - fromMs + 1, INITIAL_SPAN, BLOCK);
			for (let k = lo; k <= hi; k++) {
				for (let b = 0; b < blocks; b++) {
					const index = b * BLOCK + unpermute(keys[b], k);
					if (index >= things || (keep && !keep(index, -1))) continue;
					const at = initialAt(index);
					if (at < fromMs || at >= toMs) continue;
					const resting = unit(seed, index, 4) < RESTING_SHARE;
					out.push(
						resting
							? {index, at, connected: false, reason: RESTING_REASONS[mix(seed, index, 11) % RESTING_REASONS.length], wave: -1}
							: {index, at, connected: true, wave: -1},
					);
				}
			}
		}
		// Only the waves begun before toMs whose things may still be coming back at fromMs.
		for (let w = lastAtOrBefore(starts, toMs - 1); w >= 0 && starts[w] > fromMs - longestLife; w--) {
			const wave = waves[w];
			const {k: share, inverse, salt} = shapes[w];
			if (share === 0 || fromMs >= wave.to + RECONNECT_SPREAD) continue;
			const keys = blockKeys(w, salt, blocks);
			const visit = (k: number, down: boolean) => {
				for (let b = 0; b < blocks; b++) {
					const index = b * BLOCK + unpermute(keys[b], k);
					if (index >= things || (keep && !keep(index, w))) continue;
					const effect = waveEffect(index, w);
					if (!effect) continue;
					const at = down ? effect.disconnectAt : effect.reconnectAt;
					if (at < fromMs || at >= toMs) continue;
					out.push(down ? {index, at, connected: false, reason: effect.reason, wave: w} : {index, at, connected: true, wave: w});
				}
			};
			if (fromMs < wave.to) {
				const [lo, hi] = positions(wave.from, wave.to - wave.from, share);
				for (let k = lo; k <= hi; k++) visit(k, true);
			}
			if (toMs > wave.to) {
				const [lo, hi] = positions(wave.to, RECONNECT_SPREAD, share);
				for (let rank = lo; rank <= hi; rank++) visit((rank * inverse) % share, false);
			}
		}
		return out.sort((a, b) => a.at - b.at || a.index - b.index);
	}

	/** When the thing last connected or disconnected before the anchor (and before any wave): up to 3 days earlier, by a per-block permutation too. */
	function initialAt(index: number): number {
		const k = permute(mix(seed, Math.floor(index / BLOCK), INITIAL_SALT), index % BLOCK);
		return anchorMs - Math.floor(((k + unit(seed, index, 9)) / BLOCK) * INITIAL_SPAN);
	}

	function at(index: number, atMs: number): ThingConnectivity {
		if (unit(seed, index, 4) < RESTING_SHARE) {
			return {
				connected: false,
				timestamp: initialAt(index),
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
		return {connected: true, timestamp: initialAt(index)};
	}

	return {waves, at, waveEffect, changesIn};
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

/** A keyed permutation of [0, 1024): four Feistel rounds over two 5-bit halves. */
function permute(key: number, j: number): number {
	let left = j >>> 5;
	let right = j & 31;
	for (let round = 0; round < 4; round++) [left, right] = [right, left ^ (mix(key, right, round) & 31)];
	return (left << 5) | right;
}

/** The inverse of `permute` for the same key. */
function unpermute(key: number, k: number): number {
	let left = k >>> 5;
	let right = k & 31;
	for (let round = 3; round >= 0; round--) [left, right] = [right ^ (mix(key, left, round) & 31), left];
	return (left << 5) | right;
}

function gcd(a: number, b: number): number {
	return b === 0 ? a : gcd(b, a % b);
}

/** The first multiplier from `near` up that is coprime with `modulus` (a permutation of [0, modulus) by multiplying). */
function coprimeNear(near: number, modulus: number): number {
	if (modulus <= 1) return 1;
	let m = Math.max(1, near);
	while (gcd(m, modulus) !== 1) m++;
	return m;
}

/** x with (m * x) mod modulus = 1 (modulus <= 1024: a search is enough). */
function inverseMod(m: number, modulus: number): number {
	if (modulus <= 1) return 0;
	for (let x = 1; x < modulus; x++) if ((m * x) % modulus === 1) return x;
	return 1;
}
