// The Fleet view's source, at the resources cadence: the fleet index's mode, then each figure
// computed on AWS's side (GetStatistics, GetBucketsAggregation) and the recent disconnects
// (SearchIndex), one call after another (the aggregations allow a few calls a second). Each
// figure keeps its own error: one failed aggregation never turns into a 0 or hides the others.
// With the index off (or without connectivity) it asks nothing more: the view falls back to
// the logs. The connected count of every refresh is kept for the sparkline.
import {fetchBuckets, fetchCount, fetchIndexingMode, fetchRecentDisconnects} from '../../aws/fleet.js';
import {describeAwsError} from '../../aws/errors.js';
import {
	breakdownRows,
	FLEET_DEFAULTS,
	fleetFromLogs,
	indexGap,
	recentDisconnectQuery,
	recentWindows,
	withHistory,
	type FleetFigure,
	type FleetIndexingMode,
} from '../../model/fleet.js';
import type {LiveSource, SourceContext} from '../context.js';
import {logEvents} from '../../model/logBuffer.js';
import {withSlice, type FleetSlice, type LiveState} from '../state.js';

const OPERATIONS = {
	mode: 'iot:GetIndexingConfiguration',
	count: 'iot:GetStatistics',
	buckets: 'iot:GetBucketsAggregation',
	search: 'iot:SearchIndex',
};

async function figure<T>(
	context: SourceContext,
	operation: string,
	previous: FleetFigure<T>,
	fetch: () => Promise<T>,
): Promise<FleetFigure<T>> {
	try {
		return {value: await fetch(), fetchedAt: context.now()};
	} catch (error) {
		return {...previous, error: describeAwsError(error, operation, {now: context.now(), profile: context.options.source.profile})};
	}
}

export function fleetGroupBy(context: SourceContext): string {
	return context.options.fleetGroupBy ?? FLEET_DEFAULTS.groupBy;
}

/** One round of the figures, written to the store together. */
export async function refreshFleet(context: SourceContext): Promise<void> {
	const before = context.store.getSnapshot().sources.fleet;
	let mode: FleetIndexingMode | undefined;
	let modeError: FleetSlice['modeError'];
	let modeFailure: unknown;
	try {
		mode = await fetchIndexingMode(context.clients);
	} catch (error) {
		modeFailure = error;
		// Not allowed to read the configuration (or the endpoint lacks it): the aggregations say for themselves.
		modeError = describeAwsError(error, OPERATIONS.mode, {now: context.now(), profile: context.options.source.profile});
	}
	if (indexGap(mode)) {
		const fetchedAt = context.now();
		context.store.update((state) => withSlice(state, 'fleet', (slice) => ({...slice, mode, modeError, fetchedAt, loading: false})));
		return;
	}
	const groupBy = fleetGroupBy(context);
	const minutes = FLEET_DEFAULTS.recentMinutes;
	const recentQuery = recentDisconnectQuery(context.now(), minutes);
	const connected = await figure(context, OPERATIONS.count, before.connected, () =>
		fetchCount(context.clients, 'connectivity.connected:true'),
	);
	const disconnected = await figure(context, OPERATIONS.count, before.disconnected, () =>
		fetchCount(context.clients, 'connectivity.connected:false'),
	);
	if (before.fetchedAt === undefined) {
		// The first round: the counts show as they land, before the breakdowns (a second at 1,000,000 things).
		context.store.update((state) => withSlice(state, 'fleet', (slice) => ({...slice, mode, modeError, connected, disconnected})));
	}
	const reasons = await figure(context, OPERATIONS.buckets, before.reasons, () =>
		fetchBuckets(context.clients, 'connectivity.connected:false', 'connectivity.disconnectReason', 50),
	);
	const breakdown = (field: string) => async () => {
		const total = await fetchBuckets(context.clients, '*', field, 50);
		const down = await fetchBuckets(context.clients, 'connectivity.connected:false', field, 1000);
		return breakdownRows(total, down);
	};
	const byType = await figure(context, OPERATIONS.buckets, before.byType, breakdown('thingTypeName'));
	const byGroup = await figure(context, OPERATIONS.buckets, before.byGroup, breakdown(groupBy));
	const recentCount = await figure(context, OPERATIONS.count, before.recentCount, () => fetchCount(context.clients, recentQuery));
	const recent = await figure(context, OPERATIONS.search, before.recent, () =>
		fetchRecentDisconnects(
			context.clients,
			recentWindows(minutes).map((window) => recentDisconnectQuery(context.now(), window)),
			FLEET_DEFAULTS.recentLimit,
		),
	);
	const fetchedAt = context.now();
	context.store.update((state) =>
		withSlice(state, 'fleet', (slice) => ({
			...slice,
			mode,
			modeError,
			groupBy,
			recentMinutes: minutes,
			connected,
			disconnected,
			reasons,
			byType,
			byGroup,
			recentCount,
			recent,
			history: withHistory(slice.history, connected.error ? undefined : connected.value),
			fetchedAt,
			loading: false,
		})),
	);
	// Nothing answered at all: the source's own error (the engine backs off on throttling).
	const figures = [connected, disconnected, reasons, byType, byGroup, recentCount, recent];
	if (modeFailure !== undefined && figures.every((one) => one.error)) throw modeFailure;
}

/** Without the index's connectivity, the logs' view is read again on the refresh interval (no calls). */
function readLogs(context: SourceContext): void {
	context.store.update((state) =>
		indexGap(state.sources.fleet.mode)
			? withSlice(state, 'fleet', (slice) => ({...slice, fromLogs: fleetFromLogs(logEvents(state.sources.logs.buffer))}))
			: state,
	);
}

export const fleetSource: LiveSource = {
	name: 'fleet',
	operation: OPERATIONS.count,
	cadence: (state: LiveState, options) =>
		state.sources.fleet.error === undefined && !indexGap(state.sources.fleet.mode)
			? options.resourcesInterval
			: Math.min(state.interval, options.resourcesInterval),
	async run(context) {
		const {fetchedAt} = context.store.getSnapshot().sources.fleet;
		const due =
			fetchedAt === undefined ||
			fetchedAt < (context.refreshRequestedAt ?? 0) ||
			context.now() - fetchedAt >= context.options.resourcesInterval - context.store.getSnapshot().interval / 2;
		if (due) await refreshFleet(context);
		readLogs(context);
	},
};
