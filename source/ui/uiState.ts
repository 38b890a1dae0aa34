// What the App itself remembers (focus, zoom, help), and list movement, as pure functions
// over keymap commands so they can be tested without rendering.
import {PANES, type PaneId} from '../config.js';
import type {CommandId} from './keymap.js';

export type UiState = {
	focus: PaneId;
	zoomed: boolean;
	help: boolean;
};

export function initialUiState(focus: PaneId): UiState {
	return {focus, zoomed: false, help: false};
}

export function reduceUi(state: UiState, command: CommandId): UiState {
	if (state.help && command !== 'app.help' && command !== 'view.back' && command !== 'app.quit') return state;
	const focusIndex = PANES.indexOf(state.focus);
	switch (command) {
		case 'pane.alarms':
		case 'pane.metrics':
		case 'pane.logs':
		case 'pane.resources': {
			return {...state, focus: command.slice(5) as PaneId};
		}
		case 'pane.next': {
			return {...state, focus: PANES[(focusIndex + 1) % PANES.length]};
		}
		case 'pane.previous': {
			return {...state, focus: PANES[(focusIndex + PANES.length - 1) % PANES.length]};
		}
		case 'view.zoom': {
			return {...state, zoomed: !state.zoomed};
		}
		case 'app.help': {
			return {...state, help: !state.help};
		}
		case 'view.back': {
			if (state.help) return {...state, help: false};
			if (state.zoomed) return {...state, zoomed: false};
			return state;
		}
		default: {
			return state;
		}
	}
}

/** The cursor after a list command, clamped to the list; undefined when the command is not a move. */
export function moveCursor(command: CommandId | undefined, cursor: number, count: number, pageSize: number): number | undefined {
	const clamp = (value: number) => Math.max(0, Math.min(value, count - 1));
	switch (command) {
		case 'list.down': {
			return clamp(cursor + 1);
		}
		case 'list.up': {
			return clamp(cursor - 1);
		}
		case 'list.top': {
			return 0;
		}
		case 'list.bottom': {
			return clamp(count - 1);
		}
		case 'list.pageDown': {
			return clamp(cursor + pageSize);
		}
		case 'list.pageUp': {
			return clamp(cursor - pageSize);
		}
		default: {
			return undefined;
		}
	}
}
