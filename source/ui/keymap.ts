// The one keymap: command id -> keys -> description. Input handling, the status bar and
// the help overlay are all generated from this table.
import type {PaneId} from './paneIds.js';

export type CommandId =
	| 'app.quit'
	| 'app.help'
	| 'app.refresh'
	| 'app.pause'
	| 'app.faster'
	| 'app.slower'
	| 'app.snapshot'
	| 'pane.next'
	| 'pane.previous'
	| 'pane.alarms'
	| 'pane.metrics'
	| 'pane.logs'
	| 'pane.resources'
	| 'pane.fleet'
	| 'view.zoom'
	| 'view.back'
	| 'view.open'
	| 'list.down'
	| 'list.up'
	| 'list.top'
	| 'list.bottom'
	| 'list.pageDown'
	| 'list.pageUp'
	| 'list.filter'
	| 'prompt.keep'
	| 'prompt.clear'
	| 'prompt.erase'
	| 'prompt.empty'
	| 'resources.nextTab'
	| 'resources.previousTab'
	| 'resources.sortNext'
	| 'resources.sortPrevious'
	| 'resources.sortInvert'
	| 'resources.logs'
	| 'logs.follow'
	| 'logs.level'
	| 'logs.types'
	| 'logs.toggleType'
	| 'logs.allTypes'
	| 'alarms.openChild'
	| 'logs.talkers'
	| 'logs.talkersWindow'
	| 'logs.talkersFilter'
	| 'metrics.browse'
	| 'metrics.dashboards'
	| 'metrics.remove'
	| 'metrics.write'
	| 'metrics.pick'
	| 'metrics.find'
	| 'alarms.nextTab'
	| 'alarms.previousTab'
	| 'pane.health';

/** Where a binding works: everywhere, in any list pane, or in the named panes. */
export type Scope = 'global' | 'list' | readonly PaneId[];

/**
 * What the focused pane is showing, which decides what a key does: its list, a detail view
 * (an alarm, a chart, an event, a resource), the Logs event-type picker, a prompt being
 * edited (every key is text but Enter, Esc, Backspace, Ctrl-u and Ctrl-c), or the help.
 */
export type Mode = 'list' | 'detail' | 'picker' | 'prompt' | 'help';

export const MODES: readonly Mode[] = ['list', 'detail', 'picker', 'prompt', 'help'];

export type Binding = {
	id: CommandId;
	/** Canonical key names: 'q', 'G', 'ctrl+c', 'tab', 'shift+tab', 'up', 'enter', 'escape', 'pageup', ... */
	keys: readonly string[];
	/** How the keys are written in the status bar and help, e.g. '1-4' instead of four entries. */
	label?: string;
	description: string;
	/** Short word for the status bar; omitted bindings show only in help. */
	hint?: string;
	scope: Scope;
	/** The modes the binding acts in: by default global ones in list, detail and picker; the others in the list. */
	modes?: readonly Mode[];
	/** The modes whose status bar offers it, where not all of `modes` (Esc: only where it goes back). */
	hintModes?: readonly Mode[];
};

const BROWSING: readonly Mode[] = ['list', 'detail', 'picker'];
/** The list moves also scroll a detail view, the picker and the help. */
const MOVING: readonly Mode[] = ['list', 'detail', 'picker', 'help'];

export const KEYMAP: readonly Binding[] = [
	{id: 'pane.alarms', keys: ['1'], label: '1-5', description: 'Alarms pane', hint: 'pane', scope: 'global'},
	{id: 'pane.metrics', keys: ['2'], description: 'Metrics pane', scope: 'global'},
	{id: 'pane.logs', keys: ['3'], description: 'Logs pane', scope: 'global'},
	{id: 'pane.resources', keys: ['4'], description: 'Resources pane', scope: 'global'},
	{
		id: 'pane.fleet',
		keys: ['5'],
		description: 'Resources pane, Fleet sub-tab (connected, disconnect reasons, breakdowns)',
		scope: 'global',
	},
	{id: 'pane.next', keys: ['tab'], label: 'Tab', description: 'Next pane', scope: 'global'},
	{id: 'pane.previous', keys: ['shift+tab'], label: 'S-Tab', description: 'Previous pane', scope: 'global'},
	{
		id: 'list.down',
		keys: ['j', 'down'],
		label: 'j/k',
		description: 'Move down (scroll a detail view or the help; next chart in Metrics)',
		hint: 'move',
		scope: 'list',
		modes: MOVING,
	},
	{id: 'list.up', keys: ['k', 'up'], label: 'k/↑', description: 'Move up', scope: 'list', modes: MOVING},
	{id: 'list.top', keys: ['g', 'home'], label: 'g/G', description: 'Go to top', hint: 'top/bottom', scope: 'list', modes: MOVING},
	{
		id: 'list.bottom',
		keys: ['G', 'end'],
		label: 'G',
		description: 'Go to the end (Resources: loads the rest of the list; Esc stops)',
		scope: 'list',
		modes: MOVING,
	},
	{id: 'list.pageDown', keys: ['pagedown', 'ctrl+d'], label: 'PgDn/C-d', description: 'Page down', scope: 'list', modes: MOVING},
	{id: 'list.pageUp', keys: ['pageup', 'ctrl+u'], label: 'PgUp/C-u', description: 'Page up', scope: 'list', modes: MOVING},
	{id: 'view.open', keys: ['enter'], label: 'Enter', description: 'Open details', hint: 'details', scope: 'list'},
	{
		id: 'list.filter',
		keys: ['/'],
		description: 'Filter (Alarms: name, Metrics: label, Logs: text, Resources: see the pane)',
		hint: 'filter',
		scope: 'list',
	},
	{
		id: 'prompt.keep',
		keys: ['enter'],
		label: 'Enter',
		description: 'Keep the filter and leave the prompt',
		hint: 'keep',
		scope: 'list',
		modes: ['prompt'],
	},
	{
		id: 'prompt.clear',
		keys: ['escape'],
		label: 'Esc',
		description: 'Clear the filter and leave the prompt',
		hint: 'clear',
		scope: 'list',
		modes: ['prompt'],
	},
	{id: 'prompt.erase', keys: ['backspace'], label: 'Bksp', description: 'Delete the last character', scope: 'list', modes: ['prompt']},
	{
		id: 'prompt.empty',
		keys: ['ctrl+u'],
		description: 'Empty the prompt (a paste arrives whole; Ctrl-c still quits)',
		scope: 'list',
		modes: ['prompt'],
	},
	{
		id: 'resources.nextTab',
		keys: [']', 'l'],
		label: '[/]',
		description: 'Next sub-tab (Fleet, Things, Certificates, CA certificates, Policies, Rules)',
		hint: 'sub-tab',
		scope: ['resources'],
	},
	{id: 'resources.previousTab', keys: ['[', 'h'], description: 'Previous sub-tab', scope: ['resources']},
	{id: 'resources.sortNext', keys: ['>'], label: '</>', description: 'Sort by the next column', hint: 'sort', scope: ['resources']},
	{id: 'resources.sortPrevious', keys: ['<'], description: 'Sort by the previous column', scope: ['resources']},
	{id: 'resources.sortInvert', keys: ['I'], description: 'Invert the sort order', scope: ['resources']},
	{
		id: 'resources.logs',
		keys: ['L'],
		description: "Logs pane filtered on the selected thing's client id",
		hint: 'logs',
		scope: ['resources'],
		modes: ['list', 'detail'],
	},
	{id: 'logs.follow', keys: ['f'], description: 'Follow the newest events / stop following', hint: 'follow', scope: ['logs']},
	{id: 'logs.level', keys: ['l'], description: 'Cycle the minimum level (all, INFO, WARN, ERROR)', hint: 'level', scope: ['logs']},
	{
		id: 'logs.types',
		keys: ['e'],
		description: 'Pick the event types shown (e again or Esc: done)',
		hint: 'types',
		scope: ['logs'],
		modes: ['list', 'picker'],
		hintModes: ['list'],
	},
	{
		id: 'logs.toggleType',
		keys: [' ', 'enter'],
		label: 'Space',
		description: 'Event types: show / hide the selected type',
		hint: 'toggle',
		scope: ['logs'],
		modes: ['picker'],
	},
	{id: 'logs.allTypes', keys: ['a'], description: 'Event types: all / none', hint: 'all/none', scope: ['logs'], modes: ['picker']},
	{
		id: 'logs.talkers',
		keys: ['t'],
		description: 'Top talkers: the most failing client ids, event types, reasons (t/Esc: back)',
		hint: 'talkers',
		scope: ['logs'],
		modes: ['list', 'detail'],
		hintModes: ['list'],
	},
	{
		id: 'logs.talkersWindow',
		keys: ['[', ']'],
		label: '[/]',
		description: 'Top talkers: a shorter / longer Logs Insights window (5m to 24h)',
		hint: 'window',
		scope: ['logs'],
		modes: ['detail'],
	},
	{
		id: 'logs.talkersFilter',
		keys: ['enter'],
		label: 'Enter',
		description: 'Top talkers: the Logs filtered on the selected client id, event type or reason',
		hint: 'show logs',
		scope: ['logs'],
		modes: ['detail'],
	},
	{
		id: 'metrics.browse',
		keys: ['a'],
		description: 'Metric browser: add a metric to the board (Esc: up / close)',
		hint: 'add',
		scope: ['metrics'],
	},
	{
		id: 'metrics.dashboards',
		keys: ['D'],
		description: 'CloudWatch dashboards: show one as the board',
		hint: 'dashboards',
		scope: ['metrics'],
	},
	{id: 'metrics.remove', keys: ['d'], description: 'Remove the selected metric from the board', hint: 'remove', scope: ['metrics']},
	{id: 'metrics.write', keys: ['w'], description: 'Write the board to the config file', hint: 'write', scope: ['metrics']},
	{
		id: 'metrics.pick',
		keys: ['enter'],
		label: 'Enter',
		description: 'Browser: open the namespace or metric, add the series; dashboards: show the dashboard',
		hint: 'open/add',
		scope: ['metrics'],
		modes: ['picker'],
	},
	{
		id: 'metrics.find',
		keys: ['/'],
		description: 'Browser and dashboards: filter the list',
		hint: 'filter',
		scope: ['metrics'],
		modes: ['picker'],
	},
	{
		id: 'alarms.nextTab',
		keys: [']'],
		label: '[/]',
		description: 'Next sub-tab (Alarms, Changes: CloudTrail, Health: AWS Health)',
		hint: 'sub-tab',
		scope: ['alarms'],
	},
	{id: 'alarms.previousTab', keys: ['['], description: 'Previous sub-tab', scope: ['alarms']},
	{id: 'view.zoom', keys: ['z'], description: 'Zoom the focused pane to the whole screen and back', hint: 'zoom', scope: 'global'},
	{
		id: 'view.back',
		keys: ['escape'],
		label: 'Esc',
		description: 'Back / close (a detail, the help, a zoom, a kept filter, a load)',
		hint: 'back',
		scope: 'global',
		modes: MOVING,
		hintModes: ['detail', 'picker', 'help'],
	},
	{id: 'app.refresh', keys: ['r', 'ctrl+r'], description: 'Refresh now', hint: 'refresh', scope: 'global'},
	{id: 'app.pause', keys: ['p'], description: 'Pause / resume refreshing', hint: 'pause', scope: 'global'},
	{id: 'app.faster', keys: ['+', '='], label: '+/-', description: 'Refresh more often', hint: 'interval', scope: 'global'},
	{id: 'app.slower', keys: ['-', '_'], description: 'Refresh less often', scope: 'global'},
	{id: 'app.snapshot', keys: ['s'], description: 'Save a snapshot of every pane (JSON, text, SVG)', hint: 'snapshot', scope: 'global'},
	{id: 'app.help', keys: ['?'], description: 'Show / hide this help', hint: 'help', scope: 'global', modes: [...BROWSING, 'help']},
	// Ctrl-c also quits from a prompt, where q is a letter (uiState.reduceKey).
	{
		id: 'app.quit',
		keys: ['q', 'ctrl+c'],
		description: 'Quit (Ctrl-c from anywhere, a prompt too)',
		hint: 'quit',
		scope: 'global',
		modes: [...BROWSING, 'help'],
	},
	{
		id: 'alarms.openChild',
		keys: ['enter'],
		label: 'Enter',
		description: "Composite alarm: open the selected child alarm's detail (Esc: back to the composite)",
		hint: 'open child',
		scope: ['alarms'],
		modes: ['detail'],
	},
	{id: 'pane.health', keys: ['H'], description: 'Alarms pane on its Health sub-tab (AWS Health events)', scope: 'global'},
];

export function modesOf(binding: Binding): readonly Mode[] {
	return binding.modes ?? BROWSING.filter((mode) => binding.scope === 'global' || mode === 'list');
}

export function inScope(binding: Binding, pane: PaneId, isList: boolean): boolean {
	if (binding.scope === 'global') return true;
	if (binding.scope === 'list') return isList;
	return binding.scope.includes(pane);
}

/** The command a key runs in a pane and mode, if any. */
export function commandFor(name: string, pane: PaneId, mode: Mode = 'list', isList = true): CommandId | undefined {
	return KEYMAP.find((binding) => binding.keys.includes(name) && inScope(binding, pane, isList) && modesOf(binding).includes(mode))?.id;
}

/**
 * Status bar hints for a pane in a mode: "? help  q quit  j/k move ...". What the pane adds
 * comes first, then the list keys, then the global ones; help and quit lead, so a narrow
 * status bar cuts off the least useful hints, never these two. A command that cannot act
 * here (`unavailable`) is not offered.
 */
export function statusHints(
	pane: PaneId,
	mode: Mode = 'list',
	unavailable: ReadonlySet<CommandId> = new Set(),
): Array<{keys: string; hint: string}> {
	const rank = (binding: Binding) =>
		binding.id === 'app.help' || binding.id === 'app.quit' ? 0 : Array.isArray(binding.scope) ? 1 : binding.scope === 'list' ? 2 : 3;
	return KEYMAP.filter(
		(binding) =>
			binding.hint &&
			inScope(binding, pane, true) &&
			(binding.hintModes ?? modesOf(binding)).includes(mode) &&
			modesOf(binding).includes(mode) &&
			!unavailable.has(binding.id),
	)
		.map((binding, index) => ({binding, index}))
		.sort((a, b) => rank(a.binding) - rank(b.binding) || a.index - b.index)
		.map(({binding}) => ({keys: binding.label ?? displayKey(binding.keys[0]), hint: binding.hint!}));
}

export type HelpSection = {title: string; rows: Array<{keys: string; description: string}>};

/** Help overlay rows, grouped by where they work: the focused pane's own keys first. */
export function helpSections(focus: PaneId = 'alarms'): HelpSection[] {
	const describe = (binding: Binding) => ({
		keys: binding.keys.map(displayKey).join(', '),
		description: binding.description,
	});
	const titleOf = (binding: Binding) => {
		if (modesOf(binding).every((mode) => mode === 'prompt')) return 'In a filter prompt (/)';
		if (binding.scope === 'global') return 'Everywhere';
		if (binding.scope === 'list') return 'In lists';
		return `In ${binding.scope.map(capitalize).join(', ')}`;
	};
	const sections = new Map<string, HelpSection['rows']>();
	for (const binding of KEYMAP) {
		const title = titleOf(binding);
		if (!sections.has(title)) sections.set(title, []);
		sections.get(title)!.push(describe(binding));
	}
	const first = `In ${capitalize(focus)}`;
	const order = (title: string) =>
		title === first ? 0 : title === 'In lists' ? 1 : title === 'In a filter prompt (/)' ? 2 : title === 'Everywhere' ? 3 : 4;
	return [...sections].map(([title, rows]) => ({title, rows})).sort((a, b) => order(a.title) - order(b.title));
}

function capitalize(text: string): string {
	return text.charAt(0).toUpperCase() + text.slice(1);
}

export function displayKey(name: string): string {
	switch (name) {
		case 'shift+tab': {
			return 'Shift-Tab';
		}
		case 'tab': {
			return 'Tab';
		}
		case 'enter': {
			return 'Enter';
		}
		case 'escape': {
			return 'Esc';
		}
		case 'pageup': {
			return 'PgUp';
		}
		case 'pagedown': {
			return 'PgDn';
		}
		case 'up': {
			return '↑';
		}
		case 'down': {
			return '↓';
		}
		case 'left': {
			return '←';
		}
		case 'right': {
			return '→';
		}
		case 'home': {
			return 'Home';
		}
		case 'end': {
			return 'End';
		}
		case 'backspace': {
			return 'Backspace';
		}
		case ' ': {
			return 'Space';
		}
		default: {
			return name.startsWith('ctrl+') ? `Ctrl-${name.slice(5)}` : name;
		}
	}
}
