// The five resource lists in the store and the calls that fill them: a list's pages (the
// first, the next, the whole list again as far as it was loaded), the Describe/Get calls that
// complete a row (expiry, version, actions), and whether SearchIndex answers. The refresh
// source (sources/resources.ts) and the UI's actions (actions.ts) both page through these.
import {
	fetchCertificatesPage,
	fetchCertificateValidity,
	fetchIndexingEnabled,
	fetchPoliciesPage,
	fetchPolicyVersion,
	fetchRuleActionTypes,
	fetchRulesPage,
	fetchThingsPage,
	searchThingsPage,
	type Page,
} from '../aws/resources.js';
import {describeAwsError} from '../aws/errors.js';
import {
	extraKey,
	needsExtra,
	RESOURCE_KINDS,
	rowKey,
	type ResourceKind,
	type RowExtra,
	type RowOf,
	type ServerQuery,
} from '../model/resources.js';
import type {SourceContext} from './context.js';
import {withAccount, withSlice, type ResourceList, type ResourcesSlice} from './state.js';

/**
 * A refresh lists again at most this many pages of a list the user paged far into; the rows
 * loaded beyond them stay as they were (with the token that follows them), so a user deep in
 * a list is not thrown back to its start once a minute.
 */
export const REFRESH_MAX_PAGES = 8;

const OPERATIONS: Record<ResourceKind, string> = {
	things: 'iot:ListThings',
	certificates: 'iot:ListCertificates',
	caCertificates: 'iot:ListCACertificates',
	policies: 'iot:ListPolicies',
	rules: 'iot:ListTopicRules',
};

export type AnyList = ResourceList<RowOf[ResourceKind]>;

export function resources(context: SourceContext): ResourcesSlice {
	return context.store.getSnapshot().sources.resources;
}

function updateList(context: SourceContext, kind: ResourceKind, change: (list: AnyList) => AnyList): void {
	context.store.update((state) => withSlice(state, 'resources', (slice) => ({...slice, [kind]: change(slice[kind] as AnyList)})));
}

/** Whether the fleet index answers connectivity queries (connected, disconnected): as far as the Fleet source has read its mode. */
export function connectivityIndexed(context: SourceContext, indexing: boolean): boolean {
	const mode = context.store.getSnapshot().sources.fleet.mode;
	return indexing && (mode === undefined || mode.connectivityMode === 'STATUS');
}

/** Whether SearchIndex answers: asked once (GetIndexingConfiguration); any failure means listing. */
export async function indexingEnabled(context: SourceContext): Promise<boolean> {
	const known = resources(context).indexing;
	if (known !== undefined) return known;
	let enabled = false;
	try {
		enabled = await fetchIndexingEnabled(context.clients);
	} catch {
		// No permission for GetIndexingConfiguration (or no such API): list instead.
	}
	context.store.update((state) => withSlice(state, 'resources', (slice) => ({...slice, indexing: enabled})));
	return enabled;
}

async function fetchPage(
	context: SourceContext,
	kind: ResourceKind,
	query: ServerQuery | undefined,
	token: string | undefined,
): Promise<Page<RowOf[ResourceKind]>> {
	const {clients} = context;
	switch (kind) {
		case 'things': {
			if (await indexingEnabled(context)) {
				try {
					return await searchThingsPage(clients, query?.searchQuery ?? 'thingName:*', token);
				} catch (error) {
					// The index went away (or was never readable): fall back to listing for good.
					if (query?.searchQuery) throw error;
					context.store.update((state) => withSlice(state, 'resources', (slice) => ({...slice, indexing: false})));
				}
			}
			return fetchThingsPage(clients, query, token);
		}
		case 'certificates':
		case 'caCertificates': {
			return fetchCertificatesPage(clients, kind === 'caCertificates', token);
		}
		case 'policies': {
			return fetchPoliciesPage(clients, token);
		}
		case 'rules': {
			return fetchRulesPage(clients, query, token);
		}
	}
}

/** Loads the next page of a list (the first when it has none); one at a time per list. */
export async function loadMore(context: SourceContext, kind: ResourceKind): Promise<void> {
	const list = resources(context)[kind] as AnyList;
	if (list.loading || (list.opened && list.complete)) return;
	const generation = list.generation ?? 0;
	updateList(context, kind, (current) => ({...current, opened: true, loading: true}));
	try {
		const page = await fetchPage(context, kind, list.query, list.opened ? list.nextToken : undefined);
		const fetchedAt = context.now();
		context.store.update((state) => {
			const current = state.sources.resources[kind] as AnyList;
			if ((current.generation ?? 0) !== generation) return state;
			const next = withSlice(state, 'resources', (slice) => ({
				...slice,
				fetchedAt,
				loading: false,
				error: undefined,
				[kind]: {
					...current,
					rows: [...current.rows, ...page.rows],
					nextToken: page.nextToken,
					complete: page.nextToken === undefined,
					loading: false,
					error: undefined,
					via: page.via,
				},
			}));
			return kind === 'things' ? withAccount(next, (page.rows[0] as RowOf['things'] | undefined)?.arn) : next;
		});
	} catch (error) {
		const failure = describeAwsError(error, OPERATIONS[kind], {now: context.now(), profile: context.options.source.profile});
		updateList(context, kind, (current) =>
			(current.generation ?? 0) === generation ? {...current, loading: false, error: failure} : current,
		);
		throw error;
	}
}

/** A sub-tab shown for the first time loads its first page (so does every list of a snapshot). */
export async function openList(context: SourceContext, kind: ResourceKind): Promise<void> {
	if (resources(context)[kind].opened) return;
	await loadMore(context, kind);
}

/** Starts a list again, empty, for another server-side query: a late page of the old one is dropped. */
export function restartList(context: SourceContext, kind: ResourceKind, query: ServerQuery | undefined): void {
	updateList(context, kind, (current) => ({rows: [], complete: false, query, generation: (current.generation ?? 0) + 1}));
}

/**
 * The rows loaded beyond what a capped relist reached: those after the last fresh row's
 * place in the old list (after as many rows as were fresh when that row is gone), minus any
 * the fresh pages already hold.
 */
export function rowsBeyond<Row>(old: readonly Row[], fresh: readonly Row[], key: (row: Row) => string): Row[] {
	const last = fresh.at(-1);
	const at = last === undefined ? -1 : old.findIndex((row) => key(row) === key(last));
	const seen = new Set(fresh.map(key));
	return old.slice(at === -1 ? fresh.length : at + 1).filter((row) => !seen.has(key(row)));
}

/** Lists an opened list again from its first page, as far as it had been loaded (bounded). */
async function relist(context: SourceContext, kind: ResourceKind): Promise<void> {
	const before = resources(context)[kind] as AnyList;
	const generation = (before.generation ?? 0) + 1;
	updateList(context, kind, (current) => ({...current, loading: true, generation}));
	const rows: AnyList['rows'] = [];
	let token: string | undefined;
	let via: string | undefined;
	let pages = 0;
	try {
		do {
			const page = await fetchPage(context, kind, before.query, token);
			rows.push(...page.rows);
			token = page.nextToken;
			via = page.via;
			pages++;
		} while (token !== undefined && rows.length < before.rows.length && pages < REFRESH_MAX_PAGES);
	} catch (error) {
		const failure = describeAwsError(error, OPERATIONS[kind], {now: context.now(), profile: context.options.source.profile});
		updateList(context, kind, (current) => (current.generation === generation ? {...current, loading: false, error: failure} : current));
		throw error;
	}
	const fetchedAt = context.now();
	context.store.update((state) =>
		withSlice(state, 'resources', (slice) => {
			const current = slice[kind] as AnyList;
			if (current.generation !== generation) return slice;
			// Versions and actions may change between rounds; validity never does.
			const extras = kind === 'policies' || kind === 'rules' ? dropExtras(slice.extras, kind) : slice.extras;
			// Capped short of what was loaded: the rows beyond stay, and so does the token after them.
			const beyond = token === undefined ? [] : rowsBeyond(current.rows, rows, (row) => rowKey(kind, row));
			const list =
				beyond.length > 0
					? {rows: [...rows, ...beyond], nextToken: current.nextToken, complete: current.complete}
					: {rows, nextToken: token, complete: token === undefined};
			return {...slice, extras, fetchedAt, [kind]: {...current, ...list, loading: false, error: undefined, via}};
		}),
	);
}

function dropExtras(extras: ResourcesSlice['extras'], kind: ResourceKind): ResourcesSlice['extras'] {
	const prefix = extraKey(kind, '');
	return Object.fromEntries(Object.entries(extras).filter(([key]) => !key.startsWith(prefix)));
}

const pending = new WeakMap<SourceContext, Set<string>>();

function pendingOf(context: SourceContext): Set<string> {
	let set = pending.get(context);
	if (!set) {
		set = new Set();
		pending.set(context, set);
	}
	return set;
}

async function fetchExtra(context: SourceContext, kind: ResourceKind, key: string): Promise<RowExtra> {
	switch (kind) {
		case 'certificates':
		case 'caCertificates': {
			return fetchCertificateValidity(context.clients, key, kind === 'caCertificates');
		}
		case 'policies': {
			return fetchPolicyVersion(context.clients, key);
		}
		case 'rules': {
			return fetchRuleActionTypes(context.clients, key);
		}
		case 'things': {
			return {};
		}
	}
}

/**
 * Describes the rows that lack their extra (expiry, version, actions), each once: the rows
 * on screen, and the background sweep. A failure is remembered as an empty extra so the
 * sweep moves on; the next refresh round tries policies and rules again.
 */
export async function describeRows(context: SourceContext, kind: ResourceKind, keys: readonly string[]): Promise<void> {
	if (!needsExtra(kind)) return;
	const inFlight = pendingOf(context);
	const {extras} = resources(context);
	const todo = keys.filter((key) => !extras[extraKey(kind, key)] && !inFlight.has(extraKey(kind, key)));
	if (todo.length === 0) return;
	for (const key of todo) inFlight.add(extraKey(kind, key));
	const results = await Promise.all(
		todo.map(async (key) => {
			try {
				return [extraKey(kind, key), await fetchExtra(context, kind, key)] as const;
			} catch {
				return [extraKey(kind, key), {}] as const;
			} finally {
				inFlight.delete(extraKey(kind, key));
			}
		}),
	);
	context.store.update((state) =>
		withSlice(state, 'resources', (slice) => ({...slice, extras: {...slice.extras, ...Object.fromEntries(results)}})),
	);
}

/** Lists every opened list again now (the pane's `r`). */
export async function refreshLists(context: SourceContext): Promise<void> {
	const slice = resources(context);
	// A list loading right now (its first page, say) is fresh already.
	const opened = RESOURCE_KINDS.filter((kind) => slice[kind].opened && !slice[kind].loading);
	if (!slice.things.opened) {
		// The first round: Things is the sub-tab shown first.
		await loadMore(context, 'things');
	}
	const results = await Promise.allSettled(opened.map(async (kind) => relist(context, kind)));
	const failures = results.flatMap((result) => (result.status === 'rejected' ? [result.reason as unknown] : []));
	// The source's error is the one that matters: a list the endpoint lacks (moto's CA
	// certificates) must not hide another list's failure.
	if (failures.length > 0) throw failures.find((error) => describeAwsError(error, '').kind !== 'unavailable') ?? failures[0];
}
