// A private tmux server for end-to-end tests: the real terminal that reads the app's screen.
import {execFileSync} from 'node:child_process';
import path from 'node:path';
import {NODE} from './cli.js';

export type TmuxSession = {
	run(...args: string[]): string;
	screen(): string;
	/** Keys (tmux names: j, Enter, Escape, C-c) in ONE send-keys: the terminal writes them at once. */
	keys(...names: string[]): void;
	/** Text pasted as a terminal pastes it (bracketed when the app asked for it): set-buffer, paste-buffer -p. */
	paste(text: string): void;
	/** The window resized, as a user drags it or a tmux client of another size attaches. */
	resize(columns: number, rows: number): void;
	flag(name: string): string;
	waitForScreen(predicate: (text: string) => boolean, what: string, timeoutMs?: number): Promise<string>;
};

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function tmuxSession(socket: string, session: string): TmuxSession {
	// The server, started by the first command, hands its PATH to the shells in it: `node` typed
	// there is NODE (IOT_TOP_NODE), as `node` run by runCli is.
	const env = {...process.env, PATH: `${path.dirname(NODE)}${path.delimiter}${process.env.PATH ?? ''}`};
	const run = (...args: string[]) => execFileSync('tmux', ['-L', socket, ...args], {encoding: 'utf8', env});
	const screen = () => run('capture-pane', '-p', '-t', session);
	return {
		run,
		screen,
		keys: (...names) => void run('send-keys', '-t', session, ...names),
		paste(text) {
			run('set-buffer', '-b', 'iot-top-paste', text);
			run('paste-buffer', '-p', '-d', '-b', 'iot-top-paste', '-t', session);
		},
		resize: (columns, rows) => void run('resize-window', '-t', session, '-x', String(columns), '-y', String(rows)),
		flag: (name) => run('display-message', '-p', '-t', session, `#{${name}}`).trim(),
		async waitForScreen(predicate, what, timeoutMs = 30_000) {
			const deadline = Date.now() + timeoutMs;
			let text = '';
			while (Date.now() < deadline) {
				text = screen();
				if (predicate(text)) return text;
				await delay(100);
			}
			throw new Error(`timed out waiting for ${what}; screen:\n${text}`);
		},
	};
}
