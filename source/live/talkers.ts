// The top talkers' Logs Insights query, run for the UI: StartQuery over the followed groups,
// GetQueryResults every second until it ends, StopQuery when the user leaves the view, starts
// another, or quits. Everything lands in the logs slice's `talkers`; a late answer of an older
// query is dropped (generation). A query is never left running: one that starts after the user
// left is stopped as soon as its id is known.
import {describeAwsError, type SourceError} from '../aws/errors.js';
import {fetchInsightsResults, startInsightsQuery, stopInsightsQuery} from '../aws/insights.js';
import {talkersRunning, tallyFromRows, TALKERS_LIMIT, TALKERS_QUERY, type TalkersQuery} from '../model/talkers.js';
import type {SourceContext} from './context.js';
import {withSlice} from './state.js';

/** GetQueryResults at most once a second (its quota is 5 a second per account). */
export const TALKERS_POLL_MS = 1000;
/** Failed GetQueryResults in a row before the query is given up (and stopped). */
const POLL_FAILURES = 3;

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function current(context: SourceContext): TalkersQuery | undefined {
	return context.store.getSnapshot().sources.logs.talkers;
}

/** Changes the query of `generation`, if it is still the one in the store. */
function update(context: SourceContext, generation: number, change: (query: TalkersQuery) => TalkersQuery): void {
	context.store.update((state) =>
		withSlice(state, 'logs', (logs) => (logs.talkers?.generation === generation ? {...logs, talkers: change(logs.talkers)} : logs)),
	);
}

function failure(context: SourceContext, error: unknown, operation: string): SourceError {
	return describeAwsError(error, operation, {now: context.now(), profile: context.options.source.profile});
}

async function stopQuietly(context: SourceContext, queryId: string): Promise<boolean> {
	try {
		return await stopInsightsQuery(context.clients, queryId);
	} catch {
		// It ended on its own meanwhile (AWS then refuses to stop it), or the endpoint is gone.
		return false;
	}
}

/**
 * Runs the top talkers' query over the last `windowMs`, unless one for that window is running or
 * has answered (`force`: run it again). A running query of another window is stopped first.
 * `queryString` is for tests (a query the endpoint refuses).
 */
export async function runTalkersQuery(context: SourceContext, windowMs: number, force = false, queryString = TALKERS_QUERY): Promise<void> {
	const before = current(context);
	if (!force && before && before.windowMs === windowMs && before.stoppedBy === undefined) return;
	const generation = (before?.generation ?? 0) + 1;
	const endTime = Math.floor(context.now() / 1000);
	const query: TalkersQuery = {
		generation,
		windowMs,
		groups: [...context.options.logGroups],
		startTime: endTime - Math.round(windowMs / 1000),
		endTime,
		status: 'Starting',
	};
	// Written before anything is awaited: the screen's next look finds it and asks for nothing more.
	context.store.update((state) => withSlice(state, 'logs', (logs) => ({...logs, talkers: query})));
	if (before?.queryId && talkersRunning(before)) void stopQuietly(context, before.queryId);
	let queryId: string;
	try {
		queryId = await startInsightsQuery(context.clients, {
			groups: query.groups,
			startTime: query.startTime,
			endTime: query.endTime,
			queryString,
			limit: TALKERS_LIMIT,
		});
	} catch (error) {
		update(context, generation, (q) => ({...q, status: 'Failed', error: failure(context, error, 'logs:StartQuery')}));
		return;
	}
	const now = current(context);
	if (now?.generation !== generation || now.stoppedBy !== undefined) {
		// The user left (or asked for another) while StartQuery was on its way.
		await stopQuietly(context, queryId);
		update(context, generation, (q) => ({...q, queryId, status: 'Cancelled'}));
		return;
	}
	update(context, generation, (q) => ({...q, queryId}));
	await pollTalkers(context, generation, queryId);
}

async function pollTalkers(context: SourceContext, generation: number, queryId: string): Promise<void> {
	let failures = 0;
	for (;;) {
		const before = current(context);
		if (before?.generation !== generation || before.stoppedBy !== undefined) return;
		try {
			const answer = await fetchInsightsResults(context.clients, queryId);
			failures = 0;
			update(context, generation, (q) =>
				// A stop sent meanwhile decides the status; the rows are still what the query had found.
				q.stoppedBy === undefined
					? {
							...q,
							status: answer.status,
							result: tallyFromRows(answer.rows),
							statistics: answer.statistics,
							error: undefined,
							fetchedAt: context.now(),
						}
					: q,
			);
			if (!talkersRunning({...before, status: answer.status})) return;
		} catch (error) {
			failures++;
			const described = failure(context, error, 'logs:GetQueryResults');
			update(context, generation, (q) => ({...q, error: described}));
			if (failures >= POLL_FAILURES || described.kind === 'denied' || described.kind === 'unavailable') {
				// Not to be read: not to be left running either.
				await stopQuietly(context, queryId);
				update(context, generation, (q) => ({...q, status: 'Failed'}));
				return;
			}
		}
		await delay(TALKERS_POLL_MS);
	}
}

/** StopQuery of the running query (the user left the view, or quits); the rows found so far stay. */
export async function stopTalkersQuery(context: SourceContext, reason: 'left' | 'quit' = 'left'): Promise<void> {
	const query = current(context);
	if (!query || !talkersRunning(query) || query.stoppedBy !== undefined) return;
	const {generation, queryId} = query;
	update(context, generation, (q) => ({...q, stoppedBy: reason, status: queryId ? 'Stopping' : 'Cancelled'}));
	// No id yet: runTalkersQuery stops it as soon as StartQuery answers.
	if (!queryId) return;
	const stopped = await stopQuietly(context, queryId);
	if (stopped) {
		update(context, generation, (q) => ({...q, status: 'Cancelled'}));
		return;
	}
	// Not stopped: it had ended by itself; say how.
	try {
		const answer = await fetchInsightsResults(context.clients, queryId);
		update(context, generation, (q) => ({...q, status: answer.status, result: tallyFromRows(answer.rows), statistics: answer.statistics}));
	} catch {
		update(context, generation, (q) => ({...q, status: 'Unknown'}));
	}
}
