// Whether a memory soak stayed flat. RSS sampled every 10 s under a log flood swings by ±10%
// from one sample to the next (a full collection every half second, 1 MB pages arriving), so
// one sample against another says more about when each was taken than about a trend: the
// soak's last minute is set against its first, by their medians, and the least-squares slope
// over the whole soak is given alongside.
const median = (values) => {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/**
 * `soak`: [{s, rssMb}] in time order. Flat: the last minute's median is at most `tolerance`
 * (10%) above the first minute's. A soak shorter than two minutes compares its first and last
 * thirds.
 */
export function soakFlatness(soak, {windowS = 60, tolerance = 0.1} = {}) {
	const end = soak.at(-1).s;
	const window = end >= 2 * windowS ? windowS : end / 3;
	const first = median(soak.filter((p) => p.s <= soak[0].s + window).map((p) => p.rssMb));
	const last = median(soak.filter((p) => p.s >= end - window).map((p) => p.rssMb));
	const meanS = soak.reduce((sum, p) => sum + p.s, 0) / soak.length;
	const meanMb = soak.reduce((sum, p) => sum + p.rssMb, 0) / soak.length;
	const spread = soak.reduce((sum, p) => sum + (p.s - meanS) ** 2, 0);
	const slope = spread > 0 ? soak.reduce((sum, p) => sum + (p.s - meanS) * (p.rssMb - meanMb), 0) / spread : 0;
	return {firstMb: first, lastMb: last, slopeMbPer10Min: slope * 600, flat: last <= first * (1 + tolerance)};
}
