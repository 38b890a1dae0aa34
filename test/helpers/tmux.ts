// A private tmux server for end-to-end tests: the real terminal that reads the app's screen.
import {execFileSync} from 'node:child_process';

export type TmuxSession = {
	run(...args: string[]): string;
	screen(): string;
	flag(name: string): string;
	waitForScreen(predicate: (text: string) => boolean, what: string, timeoutMs?: number): Promise<string>;
};

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function tmuxSession(socket: string, session: string): TmuxSession {
	const run = (...args: string[]) => execFileSync('tmux', ['-L', socket, ...args], {encoding: 'utf8'});
	const screen = () => run('capture-pane', '-p', '-t', session);
	return {
		run,
		screen,
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
