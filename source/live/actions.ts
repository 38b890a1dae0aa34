// What the UI asks of the engine, as data: the UI's reducer returns these as effects (Enter on
// an alarm asks for its history) and computes the rest from what is on screen (a sub-tab's
// first page, the next page near the end, the rows shown described); the engine runs them
// here. Every action writes its result to the store, never to a pane, and is safe to ask for
// again: what is loaded, loading or described already is not asked for twice.
import {AlarmGraphUnavailable, fetchAlarmGraph, fetchAlarmHistory} from '../aws/alarms.js';
import {describeAwsError} from '../aws/errors.js';
import {fetchCertificateDetail, fetchPolicyDetail, fetchRuleDetail, fetchThingDetail} from '../aws/resources.js';
import {parseResourceFilter, sameQuery, type ResourceDetail, type ResourceKind} from '../model/resources.js';
import type {MetricSpec} from '../model/types.js';
import type {SourceContext} from './context.js';
import {loadCatalog, loadDashboard, loadDashboardList, loadPreview, editBoard, writeBoard} from './metricBoardActions.js';
import {describeRows, indexingEnabled, loadMore, openList, refreshLists, resources, restartList} from './resourceLists.js';
import {withSlice, type AlarmGraphView, type AlarmHistoryView, type ResourceDetailView} from './state.js';
import {runTalkersQuery, stopTalkersQuery} from './talkers.js';
import {loadResourceChanges} from './sources/changes.js';
import {loadHealthDetail} from './sources/health.js';
import {connectivityIndexed} from './resourceLists.js';

export type EngineAction =
	| {type: 'refresh'}
	| {type: 'pause'}
	| {type: 'interval'; direction: 1 | -1}
	| {type: 'alarms.history'; name: string}
	| {type: 'resources.open'; kind: ResourceKind}
	| {type: 'resources.more'; kind: ResourceKind}
	| {type: 'resources.toEnd'; kind: ResourceKind}
	| {type: 'resources.stop'; kind: ResourceKind}
	| {type: 'resources.filter'; kind: ResourceKind; text: string}
	| {type: 'resources.describe'; kind: ResourceKind; keys: readonly string[]}
	| {type: 'resources.detail'; kind: ResourceKind; key: string}
	| {type: 'resources.relist'}
	| {type: 'alarms.graph'; name: string}
	| {type: 'logs.talkers'; windowMs: number; force?: boolean}
	| {type: 'logs.talkers.stop'}
	| {type: 'metrics.catalog'; fresh?: boolean}
	| {type: 'metrics.preview'; spec: MetricSpec}
	| {type: 'metrics.board'; add?: MetricSpec; remove?: string}
	| {type: 'metrics.dashboards'; fresh?: boolean}
	| {type: 'metrics.dashboard'; name: string}
	| {type: 'metrics.write'}
	| {type: 'changes.resource'; name: string}
	| {type: 'health.detail'; arn: string};

/** The actions that are no engine command of their own (refresh, pause and interval are). */
export type DataAction = Exclude<EngineAction, {type: 'refresh' | 'pause' | 'interval'}>;

export async function runAction(context: SourceContext, action: DataAction): Promise<void> {
	switch (action.type) {
		case 'alarms.history': {
			return loadAlarmHistory(context, action.name);
		}
		case 'resources.open': {
			return openList(context, action.kind);
		}
		case 'resources.more': {
			return loadMore(context, action.kind);
		}
		case 'resources.toEnd': {
			return loadToEnd(context, action.kind);
		}
		case 'resources.stop': {
			return stopLoading(context, action.kind);
		}
		case 'resources.filter': {
			return applyFilter(context, action.kind, action.text);
		}
		case 'resources.describe': {
			return describeRows(context, action.kind, action.keys);
		}
		case 'resources.detail': {
			return loadResourceDetail(context, action.kind, action.key);
		}
		case 'resources.relist': {
			return refreshLists(context);
		}
		case 'alarms.graph': {
			return loadAlarmGraph(context, action.name);
		}
		case 'logs.talkers': {
			return runTalkersQuery(context, action.windowMs, action.force);
		}
		case 'logs.talkers.stop': {
			return stopTalkersQuery(context);
		}
		case 'metrics.catalog': {
			return loadCatalog(context, action.fresh);
		}
		case 'metrics.preview': {
			return loadPreview(context, action.spec);
		}
		case 'metrics.board': {
			return editBoard(context, action);
		}
		case 'metrics.dashboards': {
			return loadDashboardList(context, action.fresh);
		}
		case 'metrics.dashboard': {
			return loadDashboard(context, action.name);
		}
		case 'metrics.write': {
			return writeBoard(context);
		}
		case 'changes.resource': {
			return loadResourceChanges(context, action.name);
		}
		case 'health.detail': {
			return loadHealthDetail(context, action.arn);
		}
	}
}

/**
 * The detail view's graph of an alarm, into the alarms slice (the alarm open last): the last
 * graph stays on screen while the next loads; a failure is kept with it, and the next alarms
 * refresh asks again.
 */
export async function loadAlarmGraph({clients, store, now, options}: SourceContext, alarmName: string): Promise<void> {
	const basis = store.getSnapshot().sources.alarms.fetchedAt;
	store.update((state) =>
		withSlice(state, 'alarms', (slice) => {
			const kept = slice.graph?.alarmName === alarmName ? slice.graph : undefined;
			return {...slice, graph: {alarmName, data: kept?.data, fetchedAt: kept?.fetchedAt, error: kept?.error, loading: true, basis}};
		}),
	);
	const write = (change: (graph: AlarmGraphView) => AlarmGraphView) =>
		store.update((state) =>
			withSlice(state, 'alarms', (slice) => (slice.graph?.alarmName === alarmName ? {...slice, graph: change(slice.graph)} : slice)),
		);
	try {
		const data = await fetchAlarmGraph(clients, alarmName, now());
		write((graph) => ({...graph, data, loading: false, error: undefined, fetchedAt: now()}));
	} catch (error) {
		const failure =
			error instanceof AlarmGraphUnavailable
				? {
						message: error.message,
						code: 'NoGraph',
						kind: 'failed' as const,
						throttled: false,
						operation: 'cloudwatch:DescribeAlarms',
						at: now(),
					}
				: describeAwsError(error, 'cloudwatch:GetMetricData', {now: now(), profile: options.source.profile});
		write((graph) => ({...graph, loading: false, error: failure}));
	}
}

/** The detail view's history of an alarm, into the alarms slice (one at a time: the alarm open last). */
export async function loadAlarmHistory({clients, store, now, options}: SourceContext, alarmName: string): Promise<void> {
	store.update((state) => withSlice(state, 'alarms', (slice) => ({...slice, history: {alarmName, items: [], loading: true}})));
	const write = (history: AlarmHistoryView) =>
		store.update((state) => withSlice(state, 'alarms', (slice) => (slice.history?.alarmName === alarmName ? {...slice, history} : slice)));
	try {
		const items = await fetchAlarmHistory(clients, alarmName);
		write({alarmName, items, loading: false, fetchedAt: now()});
	} catch (error) {
		write({
			alarmName,
			items: [],
			loading: false,
			error: describeAwsError(error, 'cloudwatch:DescribeAlarmHistory', {now: now(), profile: options.source.profile}),
		});
	}
}

/**
 * `G`: page after page to the end of the list. The pane shows the progress from the store;
 * `resources.stop` (Esc), an error, or the list starting again (a filter) ends it.
 */
export async function loadToEnd(context: SourceContext, kind: ResourceKind): Promise<void> {
	const setToEnd = (toEnd: boolean) =>
		context.store.update((state) =>
			withSlice(state, 'resources', (slice) =>
				Boolean(slice[kind].toEnd) === toEnd ? slice : {...slice, [kind]: {...slice[kind], toEnd: toEnd || undefined}},
			),
		);
	const start = resources(context)[kind];
	if (start.toEnd || (start.opened && start.complete)) return;
	const generation = start.generation ?? 0;
	setToEnd(true);
	try {
		for (;;) {
			const list = resources(context)[kind];
			if (!list.toEnd || (list.generation ?? 0) !== generation || list.error || (list.opened && list.complete)) break;
			// A page already on its way (the one near the end): wait for it rather than ask twice.
			if (list.loading) await new Promise((resolve) => setTimeout(resolve, 50));
			else await loadMore(context, kind);
		}
	} finally {
		if ((resources(context)[kind].generation ?? 0) === generation) setToEnd(false);
	}
}

export async function stopLoading(context: SourceContext, kind: ResourceKind): Promise<void> {
	context.store.update((state) =>
		withSlice(state, 'resources', (slice) => (slice[kind].toEnd ? {...slice, [kind]: {...slice[kind], toEnd: undefined}} : slice)),
	);
}

/**
 * Applies a `/` filter: what the list API can filter on starts the list again with that
 * query; the rest the pane matches over the loaded rows.
 */
export async function applyFilter(context: SourceContext, kind: ResourceKind, text: string): Promise<void> {
	const indexing = kind === 'things' ? await indexingEnabled(context) : false;
	const {server} = parseResourceFilter(kind, text, indexing, connectivityIndexed(context, indexing));
	const list = resources(context)[kind];
	if (list.opened && sameQuery(list.query, server)) return;
	restartList(context, kind, server);
	await loadMore(context, kind);
}

const DETAIL_OPERATIONS: Record<ResourceKind, string> = {
	things: 'iot:DescribeThing',
	certificates: 'iot:DescribeCertificate',
	caCertificates: 'iot:DescribeCACertificate',
	policies: 'iot:GetPolicy',
	rules: 'iot:GetTopicRule',
};

async function fetchDetail(context: SourceContext, kind: ResourceKind, key: string): Promise<ResourceDetail> {
	switch (kind) {
		case 'things': {
			return fetchThingDetail(context.clients, key);
		}
		case 'certificates':
		case 'caCertificates': {
			return fetchCertificateDetail(context.clients, key, kind === 'caCertificates');
		}
		case 'policies': {
			return fetchPolicyDetail(context.clients, key);
		}
		case 'rules': {
			return fetchRuleDetail(context.clients, key);
		}
	}
}

/** The detail view's data (Enter): a few calls, made only when asked, into the resources slice. */
export async function loadResourceDetail(context: SourceContext, kind: ResourceKind, key: string): Promise<void> {
	const same = (detail: ResourceDetailView | undefined) => detail?.kind === kind && detail.key === key;
	const write = (detail: ResourceDetailView) =>
		context.store.update((state) =>
			withSlice(state, 'resources', (slice) => (same(slice.detail) || detail.loading ? {...slice, detail} : slice)),
		);
	write({kind, key, loading: true});
	try {
		write({kind, key, loading: false, data: await fetchDetail(context, kind, key)});
	} catch (error) {
		write({
			kind,
			key,
			loading: false,
			error: describeAwsError(error, DETAIL_OPERATIONS[kind], {now: context.now(), profile: context.options.source.profile}),
		});
	}
}
