// The fleet's resources, five lazily paged lists. On a slow cadence (resourcesInterval,
// default 60 s) the lists that have been opened are listed again, as far as they were
// loaded; between those rounds the source runs on the refresh beat only while certificates,
// policies or rules still lack their Describe/Get (the background sweep, about two calls a
// second). What the UI asks for (open a sub-tab, load more, filter, describe what is on
// screen, details) goes through live/actions.ts; both page through live/resourceLists.ts.
import {extraKey, needsExtra, RESOURCE_KINDS, rowKey, type ResourceKind} from '../../model/resources.js';
import type {LiveSource, SourceContext} from '../context.js';
import {describeRows, refreshLists, resources, type AnyList} from '../resourceLists.js';
import type {LiveState, ResourcesSlice} from '../state.js';

/**
 * The sweep's pace: about two Describe calls a second, made on the refresh beat (a batch per
 * cycle, its results in the cycle's frame) rather than on a clock of its own, which would
 * cost the screen a frame every few seconds for the first minutes.
 */
export const SWEEP_PER_SECOND = 2;
const SWEEP_BATCH_MAX = 20;

export function sweepBatch(interval: number): number {
	return Math.max(1, Math.min(SWEEP_BATCH_MAX, Math.round((SWEEP_PER_SECOND * interval) / 1000)));
}

/** The next rows the sweep would describe, across the opened lists. */
export function sweepBacklog(slice: ResourcesSlice, limit: number): Array<{kind: ResourceKind; key: string}> {
	const out: Array<{kind: ResourceKind; key: string}> = [];
	for (const kind of RESOURCE_KINDS) {
		if (!needsExtra(kind)) continue;
		for (const row of (slice[kind] as AnyList).rows) {
			const key = rowKey(kind, row);
			if (!slice.extras[extraKey(kind, key)]) out.push({kind, key});
			if (out.length >= limit) return out;
		}
	}
	return out;
}

async function sweep(context: SourceContext): Promise<void> {
	const batch = sweepBacklog(
		resources(context),
		sweepBatch(Math.min(context.store.getSnapshot().interval, context.options.resourcesInterval)),
	);
	for (const kind of RESOURCE_KINDS) {
		const keys = batch.filter((item) => item.kind === kind).map((item) => item.key);
		if (keys.length > 0) await describeRows(context, kind, keys);
	}
}

function listsDue(slice: ResourcesSlice, context: SourceContext): boolean {
	return (
		slice.fetchedAt === undefined ||
		context.now() - slice.fetchedAt >= context.options.resourcesInterval - context.store.getSnapshot().interval / 2
	);
}

export const resourcesSource: LiveSource = {
	name: 'resources',
	operation: 'iot:ListThings',
	// Failing (the endpoint gone, a denied call), it tries again at the refresh interval, not a
	// minute later: the pane recovers with the others.
	cadence: (state: LiveState, options) =>
		state.sources.resources.error !== undefined || sweepBacklog(state.sources.resources, 1).length > 0
			? Math.min(state.interval, options.resourcesInterval)
			: options.resourcesInterval,
	async run(context) {
		if (listsDue(resources(context), context)) await refreshLists(context);
		await sweep(context);
	},
};
