// V8's heap sizing for a long-running monitor. The defaults suit a server that wants
// throughput: the old generation may grow to several times what is live before a full
// collection, and the young generation doubles (after each busy scavenge) up to two 16 MB
// semi-spaces. iot-top holds a steady set (the log buffer, the lists) and allocates in bursts
// (a 1 MB log page, a frame), so both defaults show up as resident memory that is only garbage.
// Flags that size the heap at start-up (--max-semi-space-size) cannot be set from inside the
// process; the ones used here are read each time V8 decides, so they can.
import {constants, PerformanceObserver} from 'node:perf_hooks';
import v8 from 'node:v8';

/**
 * How far V8 lets the old generation grow past what is live before the next full collection.
 * A quarter: at fleet scale under a flood, clearly less resident memory than a half
 * (`npm run bench -- --only scale`; docs/performance.md, Heap); at idle the collections it
 * adds are one or two full ones every few minutes.
 */
export const HEAP_GROWING_PERCENT = 25;
/**
 * The young generation's cap (both semi-spaces): 2 MB each instead of V8's 16. V8 lets the old
 * generation grow by the young generation's size too before a full collection, so each MB here
 * counts about twice in resident memory. A larger cap was not always held (see
 * capYoungGeneration), and with 100,000 things loaded under a flood (`node bench/loaded.mjs
 * --soak 120`) it left the app more resident than this one does (docs/performance.md, Heap).
 * The price is more scavenges, which show only under a flood.
 */
export const YOUNG_GENERATION_MB = 4;

const V8_SEMI_SPACE_GROWTH = 2;
const MB = 1024 * 1024;

function newSpaceBytes(): number {
	return v8.getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')?.space_size ?? 0;
}

/**
 * Keeps the young generation at or under `megabytes`. V8 reads the semi-space growth factor
 * each time it grows them, so growth is off (factor 1) but for the moment after a collection
 * that found them at half the cap or less. The permission is given by a GC observer, which runs
 * after the collection (on the next turn of the event loop), never during a synchronous burst
 * of allocation (loading the UI, parsing a log page). A burst that starts with the permission
 * given can still double them more than once before the observer runs again (the app's first
 * log catch-up did). So the cap is best set at or under the size V8 has reached when the app
 * starts (the command line's loading grows it there).
 * Returns a function that removes the cap.
 */
export function capYoungGeneration(megabytes = YOUNG_GENERATION_MB): () => void {
	const cap = megabytes * MB;
	let growth = 1;
	v8.setFlagsFromString('--semi-space-growth-factor=1');
	const settle = () => {
		const wanted = newSpaceBytes() * V8_SEMI_SPACE_GROWTH <= cap ? V8_SEMI_SPACE_GROWTH : 1;
		if (wanted !== growth) {
			growth = wanted;
			v8.setFlagsFromString(`--semi-space-growth-factor=${growth}`);
		}
	};
	const observer = new PerformanceObserver(settle);
	observer.observe({entryTypes: ['gc']});
	return () => {
		observer.disconnect();
		v8.setFlagsFromString(`--semi-space-growth-factor=${V8_SEMI_SPACE_GROWTH}`);
	};
}

/**
 * The live heap (after a full collection) from which V8 is told to favour memory over speed,
 * and the one under which it is told to stop. At fleet scale (100,000 things, 10,000 events
 * under a flood) the old generation is fragmented: things loaded page by page stay,
 * the log events promoted between them go, and V8's default compaction moves only pages that
 * are at least half empty (70% until it has measured its own speed), 4 MB a collection. Told to
 * favour memory (--optimize-for-size), it moves pages a fifth empty, 6 MB a collection. The
 * old generation may then also grow by 15% of what is live before a full collection, not 25%:
 * the peaks come down, the troughs stay: `node bench/loaded.mjs --soak 120` reads less with
 * each of the two, least with both (docs/performance.md, Heap). The price is CPU under a flood
 * (more is copied, more often), so a small heap (the demo's), which has little to gain, is left
 * as it is. A flood can take a small fleet's heap over the line too; the setting then comes and
 * goes with it.
 */
export const FAVOUR_MEMORY_FROM_MB = 40;
export const FAVOUR_MEMORY_UNTIL_MB = 30;
export const FAVOUR_MEMORY_GROWING_PERCENT = 15;

/**
 * Sets V8's --optimize-for-size and the lower growth while the live heap, read after each full
 * collection, is at or over `fromMb`, and goes back to the monitor's settings once it is under
 * `untilMb` (lower, so a heap near the line does not flip them at every collection). V8 reads
 * both each time it decides. Returns a function that stops watching and goes back.
 */
export function favourMemoryAtScale(fromMb = FAVOUR_MEMORY_FROM_MB, untilMb = FAVOUR_MEMORY_UNTIL_MB): () => void {
	let favouring = false;
	const set = (wanted: boolean) => {
		if (wanted === favouring) return;
		favouring = wanted;
		v8.setFlagsFromString(wanted ? '--optimize-for-size' : '--no-optimize-for-size');
		v8.setFlagsFromString(`--heap-growing-percent=${wanted ? FAVOUR_MEMORY_GROWING_PERCENT : HEAP_GROWING_PERCENT}`);
	};
	const observer = new PerformanceObserver((list) => {
		const full = list
			.getEntries()
			.some((entry) => (entry as {detail?: {kind?: number}}).detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR);
		if (!full) return;
		const liveMb = v8.getHeapStatistics().used_heap_size / MB;
		set(favouring ? liveMb >= untilMb : liveMb >= fromMb);
	});
	observer.observe({entryTypes: ['gc']});
	return () => {
		observer.disconnect();
		set(false);
	};
}

/** The three settings, for the full-screen app's process. */
export function tuneHeapForMonitor(): void {
	v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
	capYoungGeneration();
	favourMemoryAtScale();
}
