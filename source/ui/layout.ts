// Where everything goes for a terminal size: the dashboard (four panes) from 120x36, one pane
// under a tab bar below that (or zoomed), the help over the body, or "too small". A pure
// function of the size and the UI state, so that the key reducer pages by the rows a pane
// really has, and the panes are drawn in the same boxes.
import {PANES, type PaneId} from './paneIds.js';

/**
 * The smallest screen the tab layout works in. 80x24 terminals lose a row to tmux's or
 * screen's status line (80x23), a second one to a caption (80x22): those must work. With 20
 * rows a pane still has 14 rows of table under its title, sub-tabs and column header.
 */
export const MIN_COLUMNS = 80;
export const MIN_ROWS = 20;
export const DASHBOARD_COLUMNS = 120;
export const DASHBOARD_ROWS = 36;

export type TerminalSize = {columns: number; rows: number};
export type Box = {width: number; height: number};
export type PaneBox = Box & {visible: boolean};

export type ScreenLayout = {
	/** Below the minimum: the screen says so, and only quitting works. */
	small: boolean;
	/** All four panes on screen. */
	grid: boolean;
	/** One pane under the tab bar. */
	tabs: boolean;
	/** The root box: at most `rows - 1` tall (a frame as tall as the terminal makes Ink repaint it all). */
	height: number;
	/** Between the header and the status bar. */
	bodyHeight: number;
	/** Each pane's box, also while it is hidden (what it would have): the reducer pages by it. */
	panes: Record<PaneId, PaneBox>;
};

export function screenLayout(size: TerminalSize, view: {focus: PaneId; zoomed: boolean; help: {open: boolean}}): ScreenLayout {
	const {columns, rows} = size;
	const height = rows - 1;
	const bodyHeight = height - 2;
	const small = columns < MIN_COLUMNS || rows < MIN_ROWS;
	const dashboard = columns >= DASHBOARD_COLUMNS && rows >= DASHBOARD_ROWS;
	const grid = !small && dashboard && !view.zoomed && !view.help.open;
	const single = !small && !grid && !view.help.open;
	const tabs = single && !view.zoomed;
	const left = Math.floor(columns / 2);
	const top = Math.floor(bodyHeight / 2);
	const panes = {} as Record<PaneId, PaneBox>;
	for (const [index, id] of PANES.entries()) {
		const row = index < 2 ? 0 : 1;
		const column = index % 2;
		panes[id] =
			dashboard && !view.zoomed
				? {width: column === 0 ? left : columns - left, height: row === 0 ? top : bodyHeight - top, visible: grid}
				: {width: columns, height: view.zoomed ? bodyHeight : bodyHeight - 1, visible: single && id === view.focus};
	}
	return {small, grid, tabs, height, bodyHeight, panes};
}
