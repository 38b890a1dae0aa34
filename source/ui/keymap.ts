// The one keymap: command id -> keys -> description. Input handling, the status bar and
// the help overlay are all generated from this table.
import type {Key} from 'ink';
import type {PaneId} from '../config.js';

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
	| 'resources.nextTab'
	| 'resources.previousTab'
	| 'resources.sortNext'
	| 'resources.sortPrevious'
	| 'resources.sortInvert'
	| 'resources.logs'
	| 'logs.follow'
	| 'logs.level'
	| 'logs.types';

/** Where a binding works: everywhere, in any list pane, or in the named panes. */
export type Scope = 'global' | 'list' | readonly PaneId[];

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
};

export const KEYMAP: readonly Binding[] = [
	{id: 'pane.alarms', keys: ['1'], label: '1-4', description: 'Alarms pane', hint: 'pane', scope: 'global'},
	{id: 'pane.metrics', keys: ['2'], description: 'Metrics pane', scope: 'global'},
	{id: 'pane.logs', keys: ['3'], description: 'Logs pane', scope: 'global'},
	{id: 'pane.resources', keys: ['4'], description: 'Resources pane', scope: 'global'},
	{id: 'pane.next', keys: ['tab'], label: 'Tab', description: 'Next pane', scope: 'global'},
	{id: 'pane.previous', keys: ['shift+tab'], label: 'S-Tab', description: 'Previous pane', scope: 'global'},
	{id: 'list.down', keys: ['j', 'down'], label: 'j/k', description: 'Move down', hint: 'move', scope: 'list'},
	{id: 'list.up', keys: ['k', 'up'], label: 'k/↑', description: 'Move up', scope: 'list'},
	{id: 'list.top', keys: ['g', 'home'], label: 'g/G', description: 'Go to top', hint: 'top/bottom', scope: 'list'},
	{id: 'list.bottom', keys: ['G', 'end'], label: 'G', description: 'Go to bottom', scope: 'list'},
	{id: 'list.pageDown', keys: ['pagedown', 'ctrl+d'], label: 'PgDn/C-d', description: 'Page down', scope: 'list'},
	{id: 'list.pageUp', keys: ['pageup', 'ctrl+u'], label: 'PgUp/C-u', description: 'Page up', scope: 'list'},
	{id: 'view.open', keys: ['enter'], label: 'Enter', description: 'Open details', hint: 'details', scope: 'list'},
	{id: 'list.filter', keys: ['/'], description: 'Filter by text (Enter keeps, Esc clears)', hint: 'filter', scope: 'list'},
	{id: 'resources.nextTab', keys: [']', 'l'], label: '[/]', description: 'Next sub-tab (Things, Certificates, CA certificates, Policies, Rules)', hint: 'sub-tab', scope: ['resources']},
	{id: 'resources.previousTab', keys: ['[', 'h'], description: 'Previous sub-tab', scope: ['resources']},
	{id: 'resources.sortNext', keys: ['>'], label: '</>', description: 'Sort by the next column', hint: 'sort', scope: ['resources']},
	{id: 'resources.sortPrevious', keys: ['<'], description: 'Sort by the previous column', scope: ['resources']},
	{id: 'resources.sortInvert', keys: ['I'], description: 'Invert the sort order', scope: ['resources']},
	{id: 'resources.logs', keys: ['L'], description: "Logs pane filtered on the selected thing's client id", hint: 'logs', scope: ['resources']},
	{id: 'logs.follow', keys: ['f'], description: 'Follow the newest events / stop following', hint: 'follow', scope: ['logs']},
	{id: 'logs.level', keys: ['l'], description: 'Cycle the minimum level (all, INFO, WARN, ERROR)', hint: 'level', scope: ['logs']},
	{id: 'logs.types', keys: ['e'], description: 'Pick the event types shown', hint: 'types', scope: ['logs']},
	{id: 'view.zoom', keys: ['z'], description: 'Zoom the focused pane to the whole screen and back', hint: 'zoom', scope: 'global'},
	{id: 'view.back', keys: ['escape'], label: 'Esc', description: 'Back / close', scope: 'global'},
	{id: 'app.refresh', keys: ['r', 'ctrl+r'], description: 'Refresh now', hint: 'refresh', scope: 'global'},
	{id: 'app.pause', keys: ['p'], description: 'Pause / resume refreshing', hint: 'pause', scope: 'global'},
	{id: 'app.faster', keys: ['+', '='], label: '+/-', description: 'Refresh more often', hint: 'interval', scope: 'global'},
	{id: 'app.slower', keys: ['-', '_'], description: 'Refresh less often', scope: 'global'},
	{id: 'app.snapshot', keys: ['s'], description: 'Save a snapshot of every pane (JSON, text, SVG)', hint: 'snapshot', scope: 'global'},
	{id: 'app.help', keys: ['?'], description: 'Show / hide this help', hint: 'help', scope: 'global'},
	{id: 'app.quit', keys: ['q', 'ctrl+c'], description: 'Quit', hint: 'quit', scope: 'global'},
];

function charName(char: string): string {
	const code = char.charCodeAt(0);
	if (char === '\t') return 'tab';
	if (char === '\r' || char === '\n') return 'enter';
	if (code === 0x7f || code === 0x08) return 'backspace';
	if (code >= 1 && code <= 26) return `ctrl+${String.fromCharCode(code + 96)}`;
	return char;
}

/**
 * The key names of one input event. Keys typed faster than the app reads them (or sent by
 * tmux send-keys, or over a laggy SSH link) arrive as one chunk such as "\tjq": each
 * character is its own key.
 */
export function keyNames(input: string, key: Key): string[] {
	if (input.length > 1 && !input.includes('\u001B') && !key.ctrl && !key.meta) {
		return [...input].map(charName);
	}
	const name = keyName(input, key);
	return name ? [name] : [];
}

/** Turns Ink's (input, key) into the canonical key name the table uses. */
export function keyName(input: string, key: Key): string | undefined {
	if (key.upArrow) return 'up';
	if (key.downArrow) return 'down';
	if (key.leftArrow) return 'left';
	if (key.rightArrow) return 'right';
	if (key.pageUp) return 'pageup';
	if (key.pageDown) return 'pagedown';
	if (key.home) return 'home';
	if (key.end) return 'end';
	if (key.return) return 'enter';
	if (key.escape) return 'escape';
	if (key.tab) return key.shift ? 'shift+tab' : 'tab';
	if (key.backspace || key.delete) return 'backspace';
	if (key.ctrl && input) return `ctrl+${input.toLowerCase()}`;
	if (input) return input;
	return undefined;
}

export function inScope(binding: Binding, pane: PaneId, isList: boolean): boolean {
	if (binding.scope === 'global') return true;
	if (binding.scope === 'list') return isList;
	return binding.scope.includes(pane);
}

/** The command a key runs in a pane, if any. */
export function commandFor(name: string, pane: PaneId, isList = true): CommandId | undefined {
	return KEYMAP.find((binding) => binding.keys.includes(name) && inScope(binding, pane, isList))?.id;
}

/** Status bar hints for a pane: "1-4 pane  j/k move  ...". */
export function statusHints(pane: PaneId, isList = true): Array<{keys: string; hint: string}> {
	// What this pane adds comes first, then the list keys, then the global ones; help and quit
	// lead, so a narrow status bar cuts off the least useful hints, never these two.
	const rank = (binding: Binding) =>
		binding.id === 'app.help' || binding.id === 'app.quit' ? 0 : Array.isArray(binding.scope) ? 1 : binding.scope === 'list' ? 2 : 3;
	return KEYMAP.filter((binding) => binding.hint && inScope(binding, pane, isList))
		.map((binding, index) => ({binding, index}))
		.sort((a, b) => rank(a.binding) - rank(b.binding) || a.index - b.index)
		.map(({binding}) => ({keys: binding.label ?? binding.keys[0], hint: binding.hint!}));
}

/** Help overlay rows, grouped by where they work. */
export function helpSections(): Array<{title: string; rows: Array<{keys: string; description: string}>}> {
	const describe = (binding: Binding) => ({
		keys: binding.keys.map(displayKey).join(', '),
		description: binding.description,
	});
	const sections = new Map<string, Array<{keys: string; description: string}>>();
	for (const binding of KEYMAP) {
		const title =
			binding.scope === 'global' ? 'Everywhere' : binding.scope === 'list' ? 'In lists' : `In ${binding.scope.map(capitalize).join(', ')}`;
		if (!sections.has(title)) sections.set(title, []);
		sections.get(title)!.push(describe(binding));
	}
	return [...sections].map(([title, rows]) => ({title, rows}));
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
		default: {
			return name.startsWith('ctrl+') ? `Ctrl-${name.slice(5)}` : name;
		}
	}
}
