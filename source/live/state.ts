// The store's shape: one slice per source, plus what the header shows.
import type {SourceError} from '../aws/errors.js';
import type {AlarmChange} from '../model/alarms.js';
import type {AlarmGraphData} from '../model/alarmGraph.js';
import {LOG_DEFAULTS} from '../config/config.js';
import {emptyLogBuffer, type LogBuffer} from '../model/logBuffer.js';
import type {MetricListing} from '../model/metricQueries.js';
import type {TalkersQuery} from '../model/talkers.js';
import type {BoardState, BoardWrite, CatalogState, DashboardsState, PreviewState} from './metricBoardActions.js';
import {logCadence, type EngineOptions} from './context.js';
import type {ResourceDetail, ResourceKind, RowExtras, RowOf, ServerQuery} from '../model/resources.js';
import type {AlarmHistoryItem, AlarmRow, MetricSeries} from '../model/types.js';
import type {ChangeEvent} from '../model/changes.js';
import type {HealthEventRow} from '../model/health.js';
import {
	FLEET_DEFAULTS,
	type FleetBreakdownRow,
	type FleetBucket,
	type FleetFigure,
	type FleetFromLogs,
	type FleetIndexingMode,
	type RecentDisconnect,
} from '../model/fleet.js';

export type SourceStatus = {
	/** Epoch ms of the last successful fetch. */
	fetchedAt?: number;
	/** ms between this source's refreshes where it is not `interval` (Resources: resourcesInterval). */
	cadence?: number;
	/** The last fetch's error; cleared by the next success. The data is kept. */
	error?: SourceError;
	loading: boolean;
};

export type AlarmsSlice = SourceStatus & {
	rows: AlarmRow[];
	/** Alarms whose state changed between two refreshes, by name, kept for a while. */
	changes: Record<string, AlarmChange>;
	/** How many times an alarm entered ALARM since start (the bell rings when it grows). */
	enteredAlarm: number;
	/** The detail view's history, fetched when it opens. */
	history?: AlarmHistoryView;
	/** The detail view's graph, fetched when it opens and again after each alarms refresh. */
	graph?: AlarmGraphView;
};

export type AlarmHistoryView = SourceStatus & {alarmName: string; items: AlarmHistoryItem[]};

/** The last graph fetched stays (`data`) while the next one loads; `basis` is the alarms' fetchedAt it was asked for after. */
export type AlarmGraphView = SourceStatus & {alarmName: string; data?: AlarmGraphData; basis?: number};

export type MetricsSlice = SourceStatus & {
	/** One per board spec; each says how it is queried now (`query`: search, math, client). */
	series: MetricSeries[];
	/** End (epoch ms) of the last range fetched completely: the next fetch starts near it. */
	fetchedUntil?: number;
	/** The series ListMetrics lists for each summed spec (raw dimension values: sent back to AWS, never drawn). */
	listing?: MetricListing;
	/** Something the pane must say about how the metrics were read (a ListMetrics read failed). */
	notice?: string;
	/** The board changed at run time (the browser, a dashboard), the metric browser's data, the dashboards: live/metricBoardActions.ts. */
	board?: BoardState;
	catalog?: CatalogState;
	preview?: PreviewState;
	dashboards?: DashboardsState;
	written?: BoardWrite;
};

export type LogsSlice = SourceStatus & {
	/** Oldest first, at most `--log-buffer` events; counts what it dropped. */
	buffer: LogBuffer;
	/** Events received since start. */
	received: number;
	/** Event time passed over unread, ms: polls so far behind that the buffer could not have held it. */
	unread?: number;
	/** Events per second arriving while the source follows (0 while it catches up). */
	rate: number;
	/** How events arrive: FilterLogEvents polling or a StartLiveTail session. */
	mode: 'poll' | 'live';
	/** Live tail: CloudWatch sampled an update within the rate window (not every event was sent). */
	sampled: boolean;
	/** Something the pane must say, e.g. that live tail failed and polling took over. */
	notice?: string;
	/** ms between reads when keeping up: a poll every `--log-interval`, or a live-tail drain every second. */
	cadence: number;
	/** How far back the first poll reads, ms (`--since`). */
	since: number;
	/** The last poll ran out of its page budget: events are read up to this event time (epoch ms), more are waiting. */
	readTo?: number;
	/**
	 * No read has finished within two cadences of the last one (a request hangs, the network is
	 * gone, a live-tail session went silent), or reading was paused: what the pane holds may be
	 * behind. The next read to finish clears it.
	 */
	late?: true;
	/** The first read stopped short of `since`: how far back the events it kept go, and why. */
	backfill?: LogBackfill;
	/** The top talkers' Logs Insights query (live/talkers.ts), while the view asks for it and after. */
	talkers?: TalkersQuery;
};

export type LogBackfill = {
	/** Event time (epoch ms) of the oldest event kept: everything from there to now was read. */
	readBackTo: number;
	/** The buffer could not hold more, or the read's page budget (`pages`) ran out. */
	stoppedBy: 'buffer' | 'budget';
	pages: number;
	/** Sequence number just past the first read's last event: once the buffer has dropped up to it, nothing of the first read is left. */
	endSeq: number;
};

/** Where the Logs source stands: what the pane's title (and a snapshot) says of it. */
export type LogFollowState = 'following' | 'behind' | 'late' | 'failing' | 'starting' | 'paused';

/**
 * `following` only when the last read worked (`error`), reached the end (`readTo`) and a read has
 * finished within about two cadences (`late`, set by the source's watchdog); never while paused.
 */
export function logFollowState(logs: LogsSlice, paused: boolean): LogFollowState {
	if (paused) return 'paused';
	if (logs.error) return 'failing';
	if (logs.fetchedAt === undefined) return 'starting';
	if (logs.late) return 'late';
	if (logs.readTo !== undefined) return 'behind';
	return 'following';
}

/** One sub-tab's rows: loaded lazily, page by page, for one server-side query. */
export type ResourceList<Row> = {
	rows: Row[];
	/** The last page has been loaded. */
	complete: boolean;
	/** Token (or marker) of the next page. */
	nextToken?: string;
	/** The first page has been asked for (a sub-tab loads when first shown). */
	opened?: boolean;
	loading?: boolean;
	error?: SourceError;
	/** The server-side filter these rows were listed with. */
	query?: ServerQuery;
	/** The API that answered (ListThings or SearchIndex, ...). */
	via?: string;
	/** Bumped when the list restarts, so a late page of the old list is dropped. */
	generation?: number;
	/** Loading page after page to the end (`G`), until complete, an error, or Esc stops it. */
	toEnd?: boolean;
};

/** The detail view's data (Enter on a row): one entry, for what was opened last. */
export type ResourceDetailView = {kind: ResourceKind; key: string; loading: boolean; data?: ResourceDetail; error?: SourceError};

export type ResourceLists = {[Kind in ResourceKind]: ResourceList<RowOf[Kind]>};

export type ResourcesSlice = SourceStatus &
	ResourceLists & {
		/** Describe/Get results by extraKey(kind, key): validity (kept for good), versions, actions. */
		extras: RowExtras;
		/** Fleet indexing on (SearchIndex); undefined until asked. */
		indexing?: boolean;
		/** The Describe/Get calls of the detail view opened last. */
		detail?: ResourceDetailView;
	};

/** CloudTrail's AWS IoT management events (the Changes view), newest first. */
export type ChangesSlice = SourceStatus & {
	events: ChangeEvent[];
	/** Epoch ms the first read asked back to. */
	since?: number;
	/** The first read ran out of its page budget: nothing older than this call time was read. */
	readBackTo?: number;
	/** A resource's own changes (its detail view): the one opened last. */
	resource?: ResourceChangesView;
};

export type ResourceChangesView = SourceStatus & {name: string; events: ChangeEvent[]; complete: boolean};

/** AWS Health events of the AWS IoT services (the Health view and the header's mark). */
export type HealthSlice = SourceStatus & {
	events: HealthEventRow[];
	/** AWS Health answered that the account's support plan does not include it: why, said once, never an error. */
	unavailable?: string;
	/** The detail view's description (DescribeEventDetails) of the event opened last. */
	detail?: SourceStatus & {arn: string; description?: string};
};
/** The Fleet view: the fleet index's figures, each with its own status (model/fleet.ts). */
export type FleetSlice = SourceStatus & {
	/** The index's configuration; undefined until read (or when reading it failed: modeError). */
	mode?: FleetIndexingMode;
	modeError?: SourceError;
	/** The field of the breakdown the user chose (`--fleet-group-by`). */
	groupBy: string;
	/** The window of the recent disconnects, minutes. */
	recentMinutes: number;
	connected: FleetFigure<number>;
	disconnected: FleetFigure<number>;
	reasons: FleetFigure<FleetBucket[]>;
	byType: FleetFigure<FleetBreakdownRow[]>;
	byGroup: FleetFigure<FleetBreakdownRow[]>;
	/** How many things disconnected in the window and are still down (GetStatistics). */
	recentCount: FleetFigure<number>;
	/** Those things, most recent first (SearchIndex, paged up to a limit). */
	recent: FleetFigure<{things: RecentDisconnect[]; more: boolean}>;
	/** The connected count of each refresh, oldest first (the sparkline). */
	history: number[];
	/** While the index cannot answer connectivity: what the log buffer says, read on the refresh interval. */
	fromLogs?: FleetFromLogs;
};

export function initialFleetSlice(groupBy: string = FLEET_DEFAULTS.groupBy): FleetSlice {
	return {
		loading: true,
		groupBy,
		recentMinutes: FLEET_DEFAULTS.recentMinutes,
		connected: {},
		disconnected: {},
		reasons: {},
		byType: {},
		byGroup: {},
		recentCount: {},
		recent: {},
		history: [],
	};
}

export type SourceDescription = {
	demo: boolean;
	region?: string;
	profile?: string;
	account?: string;
	endpointUrl?: string;
};

export type LiveState = {
	sources: {
		alarms: AlarmsSlice;
		metrics: MetricsSlice;
		logs: LogsSlice;
		resources: ResourcesSlice;
		changes: ChangesSlice;
		health: HealthSlice;
		fleet: FleetSlice;
	};
	source: SourceDescription;
	paused: boolean;
	/** Refresh interval of alarms and metrics, ms. */
	interval: number;
	calls: {perMinute: number; throttles: number; total: number};
};

export type SourceName = keyof LiveState['sources'];

export function initialState(
	options: Pick<EngineOptions, 'interval' | 'logBuffer' | 'liveTail' | 'logGroups' | 'logPollInterval' | 'logSince' | 'source'> & {
		resourcesInterval?: number;
		fleetGroupBy?: string;
	},
): LiveState {
	return {
		sources: {
			alarms: {rows: [], changes: {}, enteredAlarm: 0, loading: true},
			metrics: {series: [], loading: true},
			logs: {
				buffer: emptyLogBuffer(options.logBuffer),
				received: 0,
				rate: 0,
				mode: options.liveTail ? 'live' : 'poll',
				sampled: false,
				loading: true,
				cadence: logCadence(options, options.liveTail === true),
				since: options.logSince ?? LOG_DEFAULTS.since,
			},
			resources: {...initialResourcesSlice(), cadence: options.resourcesInterval},
			changes: {events: [], loading: true, cadence: options.resourcesInterval},
			health: {events: [], loading: true},
			fleet: {...initialFleetSlice(options.fleetGroupBy), cadence: options.resourcesInterval},
		},
		source: options.source,
		paused: false,
		interval: options.interval,
		calls: {perMinute: 0, throttles: 0, total: 0},
	};
}

export function initialResourcesSlice(): ResourcesSlice {
	const list = () => ({rows: [], complete: false});
	return {things: list(), certificates: list(), caCertificates: list(), policies: list(), rules: list(), extras: {}, loading: true};
}

/** Replaces one source's slice: the one way sources write the store. */
export function withSlice<Name extends SourceName>(
	state: LiveState,
	name: Name,
	change: (slice: LiveState['sources'][Name]) => LiveState['sources'][Name],
): LiveState {
	const next = change(state.sources[name]);
	return next === state.sources[name] ? state : {...state, sources: {...state.sources, [name]: next}};
}

export function accountFromArn(arn: string | undefined): string | undefined {
	const account = arn?.split(':')[4];
	return account && /^\d{12}$/.test(account) ? account : undefined;
}

/** Fills in the account from the first ARN seen, once. */
export function withAccount(state: LiveState, arn: string | undefined): LiveState {
	if (state.source.account) return state;
	const account = accountFromArn(arn);
	return account ? {...state, source: {...state.source, account}} : state;
}
