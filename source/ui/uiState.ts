// The one UI state (focus, zoom, help, and each pane's filter, cursor, scroll, sort, sub-tab
// and open detail) and the one reducer every key goes through: reduceKey(ui, key, ctx) gives
// the next state and the effects to run. The App holds the state above the layout, so no
// resize or layout change loses it, and applies the keys of one read in order, each to the
// state the one before it left, against the store's snapshot and the screen size of that
// moment (ctx), never a render's. Pure.
import {PANES, type PaneId} from './paneIds.js';
import type {LiveState} from '../live/engine.js';
import type {InputKey} from './inputParser.js';
import {commandFor, type CommandId, type Mode} from './keymap.js';
import {screenLayout, type TerminalSize} from './layout.js';
import {scrollBy} from './listCursor.js';
import {helpLines} from './helpLines.js';
import {alarmGraphDue, alarmsView, INITIAL_ALARMS_UI, reduceAlarmsKey, type AlarmsUi} from './panes/alarmsView.js';
import {alarmsTabEmpty, alarmsTabMode, alarmsTabsNeeds, onAlarmsTab, tabOf} from './panes/alarmsTabs.js';
import {INITIAL_LOGS_UI, logsFilteredOn, logsView, reduceLogsKey, type LogsUi} from './panes/logsView.js';
import {talkersNeeds} from './panes/talkersView.js';
import {INITIAL_METRICS_UI, metricsView, reduceMetricsKey, type MetricsUi} from './panes/metricsView.js';
import {browserNeeds} from './panes/metricBrowser.js';
import type {Effect, PaneContext, PaneKey, PaneStep} from './panes/paneState.js';
import {
	INITIAL_RESOURCES_UI,
	reduceResourcesKey,
	resourcesNeeds,
	resourcesView,
	THING_LOGS_ONLY,
	FLEET_NO_FILTER,
	type ResourcesUi,
} from './panes/resourcesView.js';

export type {Effect} from './panes/paneState.js';

const TALKERS_ONLY: readonly CommandId[] = ['logs.talkers', 'logs.talkersWindow', 'logs.talkersFilter'];

export type UiState = {
	focus: PaneId;
	zoomed: boolean;
	help: {open: boolean; scroll: number};
	/** Why the last key could not act (the status bar says it until the next key). */
	notice?: string;
	alarms: AlarmsUi;
	metrics: MetricsUi;
	logs: LogsUi;
	resources: ResourcesUi;
};

export type PaneUi = {alarms: AlarmsUi; metrics: MetricsUi; logs: LogsUi; resources: ResourcesUi};

export function initialUiState(focus: PaneId, zoomed = false): UiState {
	return {
		focus,
		zoomed,
		help: {open: false, scroll: 0},
		alarms: INITIAL_ALARMS_UI,
		metrics: INITIAL_METRICS_UI,
		logs: INITIAL_LOGS_UI,
		resources: INITIAL_RESOURCES_UI,
	};
}

/** What a key is applied against: the store's snapshot, the screen size and the clock of the moment it is read. */
export type KeyContext = {live: LiveState; size: TerminalSize; now: number; windowMs: number};

export type KeyStep = {ui: UiState; effects: Effect[]};

/** What the focused pane shows, which decides what its keys do. */
export function paneMode(ui: UiState): Mode {
	if (ui.help.open) return 'help';
	switch (ui.focus) {
		case 'alarms': {
			return alarmsTabMode(ui.alarms) ?? (ui.alarms.filter.editing ? 'prompt' : ui.alarms.detail ? 'detail' : 'list');
		}
		case 'metrics': {
			// The metric browser and the dashboard picker: their own `/` prompt, else the picker keys.
			const open = ui.metrics.browser ?? ui.metrics.picker;
			if (open) return open.filter.editing ? 'prompt' : 'picker';
			return ui.metrics.filter.editing ? 'prompt' : ui.metrics.chart !== undefined ? 'detail' : 'list';
		}
		case 'logs': {
			// The top talkers view is a detail view: moves, Esc back, its own keys.
			if (ui.logs.talkers) return 'detail';
			return ui.logs.detail ? 'detail' : ui.logs.picker ? 'picker' : ui.logs.filter.editing ? 'prompt' : 'list';
		}
		case 'resources': {
			const list = ui.resources.lists[ui.resources.kind];
			return ui.resources.detail ? 'detail' : list.filter.editing ? 'prompt' : 'list';
		}
	}
}

/**
 * Commands the focused pane offers that cannot act now, and why: the status bar leaves them
 * out, and the key says why instead of doing nothing.
 */
export function unavailableCommands(ui: UiState, live: LiveState, size: TerminalSize, now: number): Map<CommandId, string> {
	const out = new Map<CommandId, string>();
	const mode = paneMode(ui);
	if (mode !== 'list' && mode !== 'detail') return out;
	const {box} = paneContext(ui, {live, size, now, windowMs: 0});
	const empty = (what: string) => out.set('view.open', `Enter opens the selected ${what}; none is listed.`);
	switch (ui.focus) {
		case 'alarms': {
			if (tabOf(ui.alarms) !== 'alarms') {
				const why = mode === 'list' ? alarmsTabEmpty(live, ui.alarms, box, now) : undefined;
				if (why) out.set('view.open', why);
				break;
			}
			if (mode === 'list' && alarmsView(live, ui.alarms, box, now).rows.length === 0) empty('alarm');
			if (mode === 'detail' && !alarmsView(live, ui.alarms, box, now).detail?.children?.length)
				out.set('alarms.openChild', 'Enter opens a child alarm of a composite alarm; this one has none.');
			break;
		}
		case 'metrics': {
			if (mode === 'list' && metricsView(live, ui.metrics, box, now).series.length === 0) empty('metric');
			break;
		}
		case 'logs': {
			if (mode === 'list' && logsView(live, ui.logs, box).view.length === 0) empty('event');
			// An event's detail is a detail view too: the top talkers' keys are not for it.
			if (ui.logs.detail && !ui.logs.talkers)
				for (const id of TALKERS_ONLY) out.set(id, 'That key works in the top talkers view (t in the Logs list).');
			break;
		}
		case 'resources': {
			const {resources} = ui;
			const rows = resourcesView(live, resources, box, now).rows.length;
			if (resources.detail ? resources.detail.kind !== 'things' : resources.fleet || resources.kind !== 'things' || rows === 0)
				out.set('resources.logs', THING_LOGS_ONLY);
			if (mode === 'list' && rows === 0) empty('row');
			if (resources.fleet && !resources.detail) {
				out.set('view.open', 'Enter opens a row of a list; the Fleet view has none (] goes to Things).');
				out.set('list.filter', FLEET_NO_FILTER);
				out.set('resources.sortNext', 'The Fleet view has no columns to sort: ] goes to Things.');
			}
			break;
		}
	}
	return out;
}

function paneContext(ui: UiState, ctx: KeyContext): PaneContext {
	const layout = screenLayout(ctx.size, {...ui, help: {open: false}});
	return {live: ctx.live, box: layout.panes[ui.focus], now: ctx.now, windowMs: ctx.windowMs};
}

function reducePane(ui: UiState, key: PaneKey, ctx: PaneContext): PaneStep<UiState> | undefined {
	const lift = <Name extends keyof PaneUi>(name: Name, step: PaneStep<PaneUi[Name]> | undefined): PaneStep<UiState> | undefined =>
		step && {...step, ui: {...ui, [name]: step.ui}};
	switch (ui.focus) {
		case 'alarms': {
			return lift('alarms', reduceAlarmsKey(ui.alarms, key, ctx));
		}
		case 'metrics': {
			return lift('metrics', reduceMetricsKey(ui.metrics, key, ctx));
		}
		case 'logs': {
			return lift('logs', reduceLogsKey(ui.logs, key, ctx));
		}
		case 'resources': {
			return lift('resources', reduceResourcesKey(ui.resources, key, ctx));
		}
	}
}

const PASTE_HINT = 'A paste goes into a filter prompt: press / first.';

function reduceHelp(ui: UiState, command: CommandId | undefined, ctx: KeyContext): KeyStep {
	if (command === 'app.quit') return {ui, effects: [{type: 'quit'}]};
	if (command === 'app.help' || command === 'view.back') return {ui: {...ui, help: {open: false, scroll: 0}}, effects: []};
	const rows = Math.max(1, screenLayout(ctx.size, ui).bodyHeight - 2);
	const scroll = scrollBy(command, ui.help.scroll, helpLines(ui.focus, ctx.size.columns - 2).length, rows);
	return {ui: scroll === undefined ? ui : {...ui, help: {...ui.help, scroll}}, effects: []};
}

function reduceGlobal(ui: UiState, command: CommandId | undefined): KeyStep {
	const done = (next: UiState, effects: Effect[] = []) => ({ui: next, effects});
	const focusIndex = PANES.indexOf(ui.focus);
	switch (command) {
		case 'pane.alarms':
		case 'pane.metrics':
		case 'pane.logs':
		case 'pane.resources': {
			return done({...ui, focus: command.slice(5) as PaneId});
		}
		case 'pane.fleet': {
			return done({...ui, focus: 'resources', resources: {...ui.resources, fleet: true, detail: undefined}});
		}
		case 'pane.next': {
			return done({...ui, focus: PANES[(focusIndex + 1) % PANES.length]});
		}
		case 'pane.previous': {
			return done({...ui, focus: PANES[(focusIndex + PANES.length - 1) % PANES.length]});
		}
		case 'pane.health': {
			return done({...ui, focus: 'alarms', alarms: onAlarmsTab(ui.alarms, 'health')});
		}
		case 'view.zoom': {
			return done({...ui, zoomed: !ui.zoomed});
		}
		case 'app.help': {
			return done({...ui, help: {open: true, scroll: 0}});
		}
		case 'view.back': {
			return done(ui.zoomed ? {...ui, zoomed: false} : ui);
		}
		case 'app.quit': {
			return done(ui, [{type: 'quit'}]);
		}
		case 'app.refresh': {
			// `r` in Resources lists its lists again too (the engine lists them once a minute).
			return done(ui, [{type: 'refresh'}, ...(ui.focus === 'resources' ? [{type: 'resources.relist'} as const] : [])]);
		}
		case 'app.pause': {
			return done(ui, [{type: 'pause'}]);
		}
		case 'app.faster':
		case 'app.slower': {
			return done(ui, [{type: 'interval', direction: command === 'app.faster' ? -1 : 1}]);
		}
		case 'app.snapshot': {
			return done(ui, [{type: 'snapshot'}]);
		}
		default: {
			return done(ui);
		}
	}
}

/** The UI state after one key (or paste), and what it asks of the world. */
export function reduceKey(previous: UiState, key: InputKey, ctx: KeyContext): KeyStep {
	const ui = previous.notice === undefined ? previous : {...previous, notice: undefined};
	// Ctrl-c quits from anywhere, a prompt being edited included.
	if (key.kind === 'key' && key.name === 'ctrl+c') return {ui, effects: [{type: 'quit'}]};
	// Too small, nothing is on screen to act on: the screen says q quits.
	if (screenLayout(ctx.size, ui).small) return {ui, effects: key.kind === 'key' && key.name === 'q' ? [{type: 'quit'}] : []};
	const mode = paneMode(ui);
	if (key.kind === 'paste') {
		if (mode !== 'prompt') return {ui: {...ui, notice: PASTE_HINT}, effects: []};
		const step = reducePane(ui, {name: '', paste: key.text}, paneContext(ui, ctx));
		return {ui: step?.ui ?? ui, effects: step?.effects ?? []};
	}
	const command = commandFor(key.name, ui.focus, mode);
	if (mode === 'help') return reduceHelp(ui, command, ctx);
	const why = command && unavailableCommands(ui, ctx.live, ctx.size, ctx.now).get(command);
	if (why) return {ui: {...ui, notice: why}, effects: []};
	const step = reducePane(ui, {name: key.name, command}, paneContext(ui, ctx));
	if (step) {
		let next = step.notice ? {...step.ui, notice: step.notice} : step.ui;
		if (step.jumpToLogs !== undefined) next = {...next, focus: 'logs', logs: logsFilteredOn(next.logs, step.jumpToLogs)};
		return {ui: next, effects: step.effects ?? []};
	}
	return reduceGlobal(ui, command);
}

/**
 * The data the screen needs loaded, from what it shows: the Resources sub-tab's first page,
 * its next page near the end, the rows on screen described, an open detail's data. The App
 * runs them after each render; each is safe to ask for again.
 */
export function dataNeeds(live: LiveState, ui: UiState, size: TerminalSize, now: number): Effect[] {
	const layout = screenLayout(size, {...ui, help: {open: false}});
	const needs = resourcesNeeds(live, ui.resources, layout.panes.resources, now);
	needs.push(...talkersNeeds(live, ui.logs.talkers, ui.focus === 'logs'));
	const open = ui.alarms.detail;
	if (open && live.sources.alarms.history?.alarmName !== open.name) needs.push({type: 'alarms.history', name: open.name});
	if (open && alarmGraphDue(live.sources.alarms, open.name)) needs.push({type: 'alarms.graph', name: open.name});
	if (ui.metrics.browser) needs.push(...browserNeeds(live, ui.metrics.browser, layout.panes.metrics));
	if (ui.metrics.picker && !live.sources.metrics.dashboards) needs.push({type: 'metrics.dashboards'});
	needs.push(...alarmsTabsNeeds(live, ui.alarms));
	return needs;
}
