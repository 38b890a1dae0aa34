// Keys reach the focused pane first: the App has the one input listener and routes each key
// to the handler the focused pane registered; what the pane does not take, the App handles
// (global commands). A pane editing text (a filter) simply takes every key.
import React, {createContext, useContext, useLayoutEffect, useRef, useState, type ReactNode} from 'react';
import type {PaneId} from '../config.js';
import type {CommandId} from './keymap.js';
import {moveCursor} from './uiState.js';

export type PaneKey = {
	/** Canonical key name ('j', 'enter', 'ctrl+c', ...). */
	name: string;
	/** The keymap command of this key in this pane, if any. */
	command?: CommandId;
};

/** Returns true when the pane handled the key. */
export type PaneKeyHandler = (key: PaneKey) => boolean;

type Registry = Map<PaneId, PaneKeyHandler>;

const PaneInputContext = createContext<Registry | undefined>(undefined);

export function PaneInputProvider({registry, children}: {registry: Registry; children: ReactNode}) {
	return <PaneInputContext.Provider value={registry}>{children}</PaneInputContext.Provider>;
}

/** Registers the pane's key handler while mounted (always the latest closure). */
export function usePaneKeys(pane: PaneId, handler: PaneKeyHandler): void {
	const registry = useContext(PaneInputContext);
	const latest = useRef(handler);
	latest.current = handler;
	// A layout effect: registered in the same commit that mounts the pane, so a key typed
	// right after a zoom (which remounts the pane) is not lost.
	useLayoutEffect(() => {
		if (!registry) return;
		const route: PaneKeyHandler = (key) => latest.current(key);
		registry.set(pane, route);
		return () => {
			if (registry.get(pane) === route) registry.delete(pane);
		};
	}, [registry, pane]);
}

/** A list cursor that follows the keymap's list commands; clamped when the list shrinks. */
export function useListCursor(count: number, pageSize: number): {cursor: number; setCursor(cursor: number): void; handle(command?: CommandId): boolean} {
	const [cursor, setCursor] = useState(0);
	const clamp = (value: number) => Math.max(0, Math.min(value, count - 1));
	// Several moves in one chunk of keys each start where the previous one ended.
	const latest = useRef(cursor);
	latest.current = clamp(latest.current);
	return {
		cursor: clamp(cursor),
		setCursor(next) {
			latest.current = next;
			setCursor(next);
		},
		handle(command) {
			const next = moveCursor(command, clamp(latest.current), count, pageSize);
			if (next === undefined) return false;
			latest.current = next;
			setCursor(next);
			return true;
		},
	};
}
