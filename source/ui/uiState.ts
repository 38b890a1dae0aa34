// What the UI itself remembers (focus, zoom, help, cursors), as a pure reducer over keymap
// commands so it can be tested without rendering.
import {PANES, type PaneId} from '../config.js';
import type {CommandId} from './keymap.js';

export type UiState = {
	focus: PaneId;
	zoomed: boolean;
	help: boolean;
	cursors: Record<PaneId, number>;
	/** Logs: stick to the newest line. */
	following: boolean;
};

export type UiContext = {
	/** Rows in each pane's list. */
	counts: Record<PaneId, number>;
	/** Rows a page moves. */
	pageSize: number;
};

export function initialUiState(focus: PaneId): UiState {
	return {focus, zoomed: false, help: false, cursors: {alarms: 0, metrics: 0, logs: 0, resources: 0}, following: true};
}

const clamp = (value: number, count: number) => Math.max(0, Math.min(value, count - 1));

export function reduceUi(state: UiState, command: CommandId, context: UiContext): UiState {
	if (state.help && command !== 'app.help' && command !== 'view.back' && command !== 'app.quit') return state;
	const count = context.counts[state.focus];
	const current = state.focus === 'logs' && state.following ? count - 1 : state.cursors[state.focus];
	const move = (to: number): UiState => {
		const cursor = clamp(to, count);
		const following = state.focus === 'logs' ? cursor >= count - 1 : state.following;
		return {...state, cursors: {...state.cursors, [state.focus]: cursor}, following};
	};
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
		case 'list.down': {
			return move(current + 1);
		}
		case 'list.up': {
			return move(current - 1);
		}
		case 'list.top': {
			return move(0);
		}
		case 'list.bottom': {
			return move(count - 1);
		}
		case 'list.pageDown': {
			return move(current + context.pageSize);
		}
		case 'list.pageUp': {
			return move(current - context.pageSize);
		}
		default: {
			return state;
		}
	}
}
