// The one off-screen terminal for Ink: snapshots, the soak run and the tests draw the real App
// into it. Its stdout has a size, records what the app writes (in debug mode one whole frame
// per React commit) and can be resized; its stdin types as a terminal sends. renderOffscreen
// draws a tree into one and tells when what was typed has been drawn, without fixed waits.
import {EventEmitter} from 'node:events';
import {render, type Instance} from 'ink';
import type {ReactElement} from 'react';
import {unstable_IdlePriority, unstable_scheduleCallback} from 'scheduler';

export class OffscreenStdout extends EventEmitter {
	isTTY = true;
	/** Every write, in order (in debug mode Ink writes one whole frame each). */
	writes: string[] = [];
	bytes = 0;
	constructor(
		public columns: number,
		public rows: number,
		private readonly keepWrites = true,
	) {
		super();
	}

	write = (chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
		const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
		this.bytes += Buffer.byteLength(text);
		if (this.keepWrites) this.writes.push(text);
		const callback = rest.find((argument) => typeof argument === 'function') as (() => void) | undefined;
		if (callback) process.nextTick(callback);
		return true;
	};

	/** What was written since the last call. */
	take(): string {
		const text = this.writes.join('');
		this.writes = [];
		return text;
	}

	/** The terminal window changes size, as SIGWINCH tells a real one. */
	resize(columns: number, rows: number): void {
		this.columns = columns;
		this.rows = rows;
		this.emit('resize');
	}
}

/** A stdin in raw mode: what `type` sends is read by the app (Ink reads on 'readable'), chunk by chunk. */
export class OffscreenStdin extends EventEmitter {
	isTTY = true;
	private readonly unread: string[] = [];
	constructor() {
		super();
		// Typed before the app listened (its raw mode comes with its first effects): read once it does.
		this.on('newListener', (event) => {
			if (event === 'readable') queueMicrotask(() => this.unread.length > 0 && this.emit('readable'));
		});
	}

	/** Bytes as a terminal sends them, in one read (keys typed together, or a piece of a paste). */
	type(text: string): void {
		this.unread.push(text);
		this.emit('readable');
	}

	/** Whether the app has read everything typed. */
	get drained(): boolean {
		return this.unread.length === 0;
	}

	read(): string | null {
		const chunk = this.unread.shift() ?? null;
		if (chunk !== null && this.unread.length === 0) this.emit('drained');
		return chunk;
	}

	setRawMode() {}
	setEncoding() {}
	ref() {}
	unref() {}
	resume() {}
	pause() {}
}

/** What Ink writes into: the terminal itself, or something in front of it (the frame writer). */
export type InkStdout = {write: (chunk: string, ...rest: never[]) => boolean};

export type OffscreenOptions = {
	columns: number;
	rows: number;
	/** Keep every frame (tests look back at them); off, only the last one is kept. */
	keepFrames?: boolean;
	/** Between Ink and the terminal, as the full-screen session has it: the frame writer. */
	through?: (terminal: OffscreenStdout) => InkStdout;
	/** How long a wait for a frame or for keys to be read may take, ms. */
	timeoutMs?: number;
};

export type Offscreen = {
	instance: Instance;
	/** The terminal: what reached it (with `through`, the frame writer's output), its size. */
	terminal: OffscreenStdout;
	stdin: OffscreenStdin;
	/** The frames Ink wrote, in order (the last one only, without keepFrames). */
	frames: string[];
	lastFrame(): string;
	/** Types bytes in one read; resolves once the app has read them and drawn what they did. */
	type(bytes: string): Promise<void>;
	/** Resizes the terminal; resolves once the app has drawn the new size. */
	resize(columns: number, rows: number): Promise<void>;
	/** Resolves once what was already under way (input, renders, their effects) has been drawn. */
	settled(): Promise<void>;
	/** Resolves with the first frame, the current one included, that satisfies the predicate; throws with the last frame after the timeout. */
	waitForFrame(predicate: (frame: string) => boolean, timeoutMs?: number): Promise<string>;
	unmount(): void;
};

/** One macrotask turn: Ink's read of a lone Esc ends with the setImmediate it queued then. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Resolves once React's scheduler has run every task queued before this call. */
const behindQueuedWork = () => new Promise<void>((resolve) => unstable_scheduleCallback(unstable_IdlePriority, resolve));

/** A bound on settling: an app that renders without end is a bug to report, not to wait out. */
const MAX_ROUNDS = 1000;

export function renderOffscreen(tree: ReactElement, options: OffscreenOptions): Offscreen {
	const keepFrames = options.keepFrames ?? true;
	const timeoutMs = options.timeoutMs ?? 10_000;
	const terminal = new OffscreenStdout(options.columns, options.rows, keepFrames);
	const stdin = new OffscreenStdin();
	const stderr = new OffscreenStdout(options.columns, options.rows, false);
	const frames: string[] = [];
	const watchers = new Set<() => void>();
	let written = 0;
	const record = (chunk: unknown) => {
		written++;
		const frame = typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8');
		if (keepFrames) frames.push(frame);
		else frames[0] = frame;
		for (const watcher of watchers) watcher();
	};
	// Ink's writes are watched where Ink makes them: with a frame writer between, what reaches
	// the terminal is its changes, not frames.
	const stdout = options.through ? options.through(terminal) : terminal;
	const write = stdout.write;
	stdout.write = (chunk, ...rest) => {
		const accepted = write.call(stdout, chunk, ...rest);
		record(chunk);
		return accepted;
	};
	const instance = render(tree, {
		stdout: stdout as unknown as NodeJS.WriteStream,
		stdin: stdin as unknown as NodeJS.ReadStream,
		stderr: stderr as unknown as NodeJS.WriteStream,
		debug: true,
		exitOnCtrlC: false,
		patchConsole: false,
	});
	const lastFrame = () => frames.at(-1) ?? '';
	const failure = (what: string) => new Error(`${what}; last frame:\n${lastFrame()}`);

	/** Resolves once `done()` holds, checked now and whenever `subscribe`'s source calls back. */
	const until = (done: () => boolean, subscribe: (check: () => void) => () => void, what: string, ms = timeoutMs) =>
		new Promise<void>((resolve, reject) => {
			if (done()) {
				resolve();
				return;
			}
			const check = () => {
				if (!done()) return;
				stop();
				resolve();
			};
			const unsubscribe = subscribe(check);
			const timer = setTimeout(() => {
				stop();
				reject(failure(`${what} within ${ms} ms`));
			}, ms);
			const stop = () => {
				clearTimeout(timer);
				unsubscribe();
			};
		});

	/**
	 * Ink reads stdin synchronously on 'readable' and holds an Esc that ends a read only until
	 * the setImmediate it queues then (is it a lone Esc, or the start of a sequence?). The keys
	 * reach React in a microtask; React renders them, and runs their effects, in tasks on its
	 * scheduler, and an effect's update queues one more. So: one turn, then rounds behind
	 * React's queue until two in a row drew nothing (an effects task that updates draws nothing
	 * itself; the render it queued comes in the next round).
	 */
	const settled = async () => {
		await nextTurn();
		for (let quiet = 0, rounds = 0; quiet < 2; rounds++) {
			if (rounds === MAX_ROUNDS) throw failure(`the app kept drawing (a frame in each of ${MAX_ROUNDS} rounds)`);
			const before = written;
			await behindQueuedWork();
			quiet = written === before ? quiet + 1 : 0;
		}
	};

	return {
		instance,
		terminal,
		stdin,
		frames,
		lastFrame,
		async type(bytes) {
			stdin.type(bytes);
			await until(
				() => stdin.drained,
				(check) => {
					stdin.on('drained', check);
					return () => stdin.off('drained', check);
				},
				`the app read no input (${JSON.stringify(bytes)})`,
			);
			await settled();
		},
		async resize(columns, rows) {
			terminal.resize(columns, rows);
			await settled();
		},
		settled,
		async waitForFrame(predicate, ms = timeoutMs) {
			let match: string | undefined;
			const matches = () => {
				const frame = lastFrame();
				if (!predicate(frame)) return false;
				match = frame;
				return true;
			};
			await until(
				matches,
				(check) => {
					watchers.add(check);
					return () => watchers.delete(check);
				},
				'no frame matched',
				ms,
			);
			return match!;
		},
		unmount() {
			instance.unmount();
			instance.cleanup();
		},
	};
}
