// Renders an Ink tree at a chosen terminal size in the app's off-screen terminal
// (source/ui/offscreen.ts), sends keys by name, and waits for frames: the one helper that
// component and integration tests share. A key resolves once the app has drawn what it did.
import type {ReactElement} from 'react';
import {renderOffscreen, type Offscreen, type OffscreenOptions, type OffscreenStdout} from '../../source/ui/offscreen.js';

export const KEYS: Record<string, string> = {
	up: '\u001B[A',
	down: '\u001B[B',
	right: '\u001B[C',
	left: '\u001B[D',
	tab: '\t',
	'shift+tab': '\u001B[Z',
	enter: '\r',
	escape: '\u001B',
	pageup: '\u001B[5~',
	pagedown: '\u001B[6~',
	'ctrl+c': '\u0003',
	'ctrl+d': '\u0004',
	'ctrl+u': '\u0015',
	'ctrl+r': '\u0012',
	backspace: '\u007F',
	home: '\u001B[H',
	end: '\u001B[F',
};

/** What a terminal sends for a key name (KEYS), or the text itself. */
export const keyBytes = (key: string) => KEYS[key] ?? key;

/** A bracketed paste as a terminal sends it once the app enabled the mode. */
export const bracketedPaste = (text: string) => `\u001B[200~${text}\u001B[201~`;

export type Rendered = Pick<Offscreen, 'instance' | 'lastFrame' | 'frames' | 'resize' | 'settled' | 'waitForFrame' | 'unmount'> & {
	/** The terminal: its size, and every write that reached it. */
	stdout: OffscreenStdout;
	/** Sends one key (a KEYS name or literal text); resolves once the app has drawn what it did. */
	press(key: string): Promise<void>;
	/**
	 * Sends several keys in ONE write, as a terminal (tmux send-keys, a laggy SSH link) does
	 * when they arrive together: they reach the app in one read.
	 */
	send(...keys: string[]): Promise<void>;
	/** Writes raw bytes as they are (a paste split over several writes, say). */
	write(bytes: string): Promise<void>;
};

export function renderAt(
	tree: ReactElement,
	size: {columns: number; rows: number},
	options: Omit<OffscreenOptions, 'columns' | 'rows'> = {},
): Rendered {
	const screen = renderOffscreen(tree, {...size, ...options});
	return {
		...screen,
		stdout: screen.terminal,
		press: (key) => screen.type(keyBytes(key)),
		send: (...keys) => screen.type(keys.map(keyBytes).join('')),
		write: (bytes) => screen.type(bytes),
	};
}

/** The frame without colour codes, for text assertions. */
export function stripAnsi(text: string): string {
	return text.replace(/\u001B\[[0-9;?]*[ -/]*[@-~]/g, '');
}
