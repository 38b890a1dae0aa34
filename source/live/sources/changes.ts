// Changes: CloudTrail's AWS IoT management events. The first read goes a day back (within its
// page budget); each later one, on the resources cadence, asks for what is new since the newest
// event seen, less the delivery delay (an event can arrive minutes after later ones). Pages
// are spaced within the account's 2 requests/s quota (aws/cloudtrail.ts); a read that fails
// halfway keeps the pages it got, and the slice keeps its events beside the error.
import {lookupIotChanges, lookupResourceChanges} from '../../aws/cloudtrail.js';
import {describeAwsError} from '../../aws/errors.js';
import {mergeChanges, type ChangeEvent} from '../../model/changes.js';
import type {LiveSource, SourceContext} from '../context.js';
import {withSlice, type ResourceChangesView} from '../state.js';

export const CHANGES_LOOKBACK_MS = 24 * 3_600_000;
/** CloudTrail delivers an event minutes after the call: a poll reads again this far before the newest seen. */
const DELIVERY_OVERLAP_MS = 15 * 60_000;
const FIRST_READ_PAGES = 6;
const POLL_PAGES = 4;
const RESOURCE_PAGES = 2;
/** Events kept (newest first). */
export const CHANGES_KEPT = 1000;

export const changesSource: LiveSource = {
	name: 'changes',
	operation: 'cloudtrail:LookupEvents',
	// Failing for any reason but throttling, it tries again with the other panes; throttled, the engine backs off.
	cadence: (state, options) =>
		state.sources.changes.error && !state.sources.changes.error.throttled
			? Math.min(state.interval, options.resourcesInterval)
			: options.resourcesInterval,
	async run({clients, store, now}) {
		const slice = store.getSnapshot().sources.changes;
		const first = slice.fetchedAt === undefined;
		const newest = slice.events.find((event) => event.time !== undefined)?.time;
		const since = newest === undefined ? now() - CHANGES_LOOKBACK_MS : newest - DELIVERY_OVERLAP_MS;
		const add = (events: ChangeEvent[]) =>
			store.update((state) =>
				withSlice(state, 'changes', (changes) => ({...changes, events: mergeChanges(changes.events, events, CHANGES_KEPT)})),
			);
		const result = await lookupIotChanges(clients, {since, pageBudget: first ? FIRST_READ_PAGES : POLL_PAGES, onPage: add});
		const oldest = [...result.events].reverse().find((event) => event.time !== undefined)?.time;
		const fetchedAt = now();
		store.update((state) =>
			withSlice(state, 'changes', (changes) => ({
				...changes,
				since: changes.since ?? since,
				readBackTo: first ? (result.complete ? undefined : oldest) : changes.readBackTo,
				fetchedAt,
				loading: false,
				error: undefined,
			})),
		);
	},
};

/** A resource's detail: the events CloudTrail recorded against it (thing, policy or rule name; certificate id). */
export async function loadResourceChanges({clients, store, now, options}: SourceContext, name: string): Promise<void> {
	const current = store.getSnapshot().sources.changes.resource;
	if (current?.name === name && current.loading) return;
	const write = (view: ResourceChangesView) =>
		store.update((state) =>
			withSlice(state, 'changes', (slice) => (slice.resource?.name === name || view.loading ? {...slice, resource: view} : slice)),
		);
	write({name, events: [], complete: false, loading: true});
	try {
		const result = await lookupResourceChanges(clients, name, {since: now() - 90 * 24 * 3_600_000, pageBudget: RESOURCE_PAGES});
		write({name, events: result.events, complete: result.complete, loading: false, fetchedAt: now()});
	} catch (error) {
		write({
			name,
			events: [],
			complete: false,
			loading: false,
			error: describeAwsError(error, 'cloudtrail:LookupEvents', {now: now(), profile: options.source.profile}),
		});
	}
}
