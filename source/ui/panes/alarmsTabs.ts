// The Alarms pane's sub-tabs: Alarms | Changes (CloudTrail) | Health (AWS Health), switched with
// `[`/`]` (and `H` from anywhere for Health). The Alarms sub-tab is alarmsView.ts; this holds the
// tab state, the bar, and hands keys to the Changes and Health views. Pure.
import type {LiveState} from '../../live/engine.js';
import {openHealthSummary} from '../../model/health.js';
import type {Mode} from '../keymap.js';
import type {Box} from '../layout.js';
import type {Line} from '../widgets/line.js';
import {subTabsLine, type SubTab} from '../widgets/subTabs.js';
import type {AlarmsUi} from './alarmsView.js';
import {changesView, INITIAL_CHANGES_UI, reduceChangesKey, type ChangesUi} from './changesView.js';
import {healthNeeds, healthView, INITIAL_HEALTH_UI, reduceHealthKey, type HealthUi} from './healthView.js';
import type {Effect, PaneContext, PaneKey, PaneStep} from './paneState.js';

export type AlarmsTab = 'alarms' | 'changes' | 'health';
export const ALARMS_TABS: readonly AlarmsTab[] = ['alarms', 'changes', 'health'];
const TITLES: Record<AlarmsTab, string> = {alarms: 'Alarms', changes: 'Changes', health: 'Health'};

export type AlarmsTabsUi = {tab: AlarmsTab; changes: ChangesUi; health: HealthUi};

export const INITIAL_ALARMS_TABS: AlarmsTabsUi = {tab: 'alarms', changes: INITIAL_CHANGES_UI, health: INITIAL_HEALTH_UI};

export const tabOf = (ui: AlarmsUi): AlarmsTab => ui.tabs?.tab ?? 'alarms';

/** The bar: Health marked with its open events (yellow), or n/a without the support plan. */
export function alarmsTabLine(live: LiveState, active: AlarmsTab): Line {
	const health = live.sources.health;
	const open = openHealthSummary(health.events);
	const tabs: SubTab[] = ALARMS_TABS.map((tab) => ({title: TITLES[tab]}));
	if (open) tabs[2] = {title: TITLES.health, mark: {text: `${open.count} open`, color: 'yellow'}};
	else if (health.unavailable) tabs[2] = {title: TITLES.health, mark: {text: 'n/a', color: 'gray'}};
	return subTabsLine(tabs, ALARMS_TABS.indexOf(active));
}

/** What the Changes or Health sub-tab shows decides what keys do there; undefined on the Alarms sub-tab. */
export function alarmsTabMode(ui: AlarmsUi): Mode | undefined {
	const tabs = ui.tabs;
	if (!tabs || tabs.tab === 'alarms') return undefined;
	if (tabs.tab === 'changes') return tabs.changes.filter.editing ? 'prompt' : tabs.changes.detail ? 'detail' : 'list';
	return tabs.health.detail ? 'detail' : 'list';
}

/** The Alarms pane on a sub-tab (`H`: Health). */
export function onAlarmsTab(ui: AlarmsUi, tab: AlarmsTab): AlarmsUi {
	return {...ui, tabs: {...(ui.tabs ?? INITIAL_ALARMS_TABS), tab}};
}

/** `[`/`]`, and the keys of the Changes and Health sub-tabs; undefined: the Alarms sub-tab's own key. */
export function reduceAlarmsTabsKey(
	ui: AlarmsUi,
	key: PaneKey,
	{live, box, now}: PaneContext,
): {step: PaneStep<AlarmsUi> | undefined} | undefined {
	const tabs = ui.tabs ?? INITIAL_ALARMS_TABS;
	if (key.command === 'alarms.nextTab' || key.command === 'alarms.previousTab') {
		const step = key.command === 'alarms.nextTab' ? 1 : -1;
		const index = (ALARMS_TABS.indexOf(tabs.tab) + step + ALARMS_TABS.length) % ALARMS_TABS.length;
		return {step: {ui: onAlarmsTab(ui, ALARMS_TABS[index])}};
	}
	if (tabs.tab === 'changes') {
		const step = reduceChangesKey(tabs.changes, key, changesView(live, tabs.changes, box, now));
		return {step: step && {...step, ui: {...ui, tabs: {...tabs, changes: step.ui}}}};
	}
	if (tabs.tab === 'health') {
		const step = reduceHealthKey(tabs.health, key, healthView(live, tabs.health, box, now));
		return {step: step && {...step, ui: {...ui, tabs: {...tabs, health: step.ui}}}};
	}
	return undefined;
}

/** Enter on the Changes or Health sub-tab with nothing listed: why; undefined on the Alarms sub-tab. */
export function alarmsTabEmpty(live: LiveState, ui: AlarmsUi, box: Box, now: number): string | undefined {
	const tabs = ui.tabs;
	if (tabs?.tab === 'changes' && changesView(live, tabs.changes, box, now).rows.length === 0)
		return 'Enter opens the selected change; none is listed.';
	if (tabs?.tab === 'health' && healthView(live, tabs.health, box, now).rows.length === 0)
		return 'Enter opens the selected health event; none is listed.';
	return undefined;
}

/** The data the open sub-tab needs: an open health event's description. */
export function alarmsTabsNeeds(live: LiveState, ui: AlarmsUi): Effect[] {
	return ui.tabs?.tab === 'health' ? healthNeeds(live, ui.tabs.health) : [];
}
