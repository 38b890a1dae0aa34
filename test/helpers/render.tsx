// Renders an Ink tree at a chosen terminal size, sends keys, and waits for frames: the one
// helper component and integration tests share (ink-testing-library's, with a size).
import {EventEmitter} from 'node:events';
import {render as inkRender, type Instance} from 'ink';
import type {ReactElement} from 'react';

class FakeStdout extends EventEmitter {
	frames: string[] = [];
	isTTY = true;
	constructor(
		public columns: number,
		public rows: number,
	) {
		super();
	}

	write = (frame: string) => {
		this.frames.push(frame);
		return true;
	};
}

class FakeStdin extends EventEmitter {
	isTTY = true;
	private data: string | null = null;
	write = (data: string) => {
		this.data = data;
		this.emit('readable');
		this.emit('data', data);
	};

	read = () => {
		const {data} = this;
		this.data = null;
		return data;
	};

	setEncoding() {}
	setRawMode() {}
	resume() {}
	pause() {}
	ref() {}
	unref() {}
}

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

export type Rendered = {
	instance: Instance;
	stdout: FakeStdout;
	lastFrame(): string;
	/** Sends one key (a KEYS name or literal text) and lets Ink process it. */
	press(key: string): Promise<void>;
	/**
	 * Sends several keys in ONE write, as a terminal (tmux send-keys, a laggy SSH link) does
	 * when they arrive together: they reach the app in one read.
	 */
	send(...keys: string[]): Promise<void>;
	/** Writes raw bytes as they are (a paste split over several writes, say). */
	write(bytes: string): Promise<void>;
	resize(columns: number, rows: number): void;
	/** Waits until the last frame satisfies the predicate (or throws with the frame). */
	waitForFrame(predicate: (frame: string) => boolean, timeoutMs?: number): Promise<string>;
	unmount(): void;
};

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function renderAt(tree: ReactElement, size: {columns: number; rows: number}): Rendered {
	const stdout = new FakeStdout(size.columns, size.rows);
	const stdin = new FakeStdin();
	const stderr = new FakeStdout(size.columns, size.rows);
	const instance = inkRender(tree, {
		stdout: stdout as unknown as NodeJS.WriteStream,
		stdin: stdin as unknown as NodeJS.ReadStream,
		stderr: stderr as unknown as NodeJS.WriteStream,
		debug: true,
		exitOnCtrlC: false,
		patchConsole: false,
	});
	const lastFrame = () => stdout.frames.at(-1) ?? '';
	return {
		instance,
		stdout,
		lastFrame,
		async press(key) {
			stdin.write(keyBytes(key));
			// Ink waits briefly to tell a lone Esc from the start of a sequence.
			await delay(key === 'escape' ? 80 : 30);
		},
		async send(...keys) {
			stdin.write(keys.map(keyBytes).join(''));
			await delay(keys.at(-1) === 'escape' ? 80 : 30);
		},
		async write(bytes) {
			stdin.write(bytes);
			await delay(bytes.endsWith('\u001B') ? 80 : 30);
		},
		resize(columns, rows) {
			stdout.columns = columns;
			stdout.rows = rows;
			stdout.emit('resize');
		},
		async waitForFrame(predicate, timeoutMs = 10_000) {
			const deadline = Date.now() + timeoutMs;
			while (Date.now() < deadline) {
				const frame = lastFrame();
				if (predicate(frame)) return frame;
				await delay(20);
			}
			throw new Error(`frame never matched; last frame:\n${lastFrame()}`);
		},
		unmount() {
			instance.unmount();
			instance.cleanup();
		},
	};
}

/** The frame without colour codes, for text assertions. */
export function stripAnsi(text: string): string {
	return text.replace(/\u001B\[[0-9;?]*[ -/]*[@-~]/g, '');
}
