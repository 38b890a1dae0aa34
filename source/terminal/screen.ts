// The full-screen session: alternate screen on, and the terminal given back exactly as it
// was on every way out (quit, Ctrl-C, SIGTERM, SIGHUP after an SSH drop, a crash). While it
// runs, nothing but Ink may write to the terminal: console output, process warnings (the
// AWS SDK warns on Node 20) and stray stderr go to a log file instead.
import fs from 'node:fs';
import path from 'node:path';
import {format} from 'node:util';

export const ENTER_ALTERNATE_SCREEN = '\u001B[?1049h';
export const LEAVE_ALTERNATE_SCREEN = '\u001B[?1049l';
export const SHOW_CURSOR = '\u001B[?25h';
export const HIDE_CURSOR = '\u001B[?25l';
/** Bracketed paste: the terminal marks a paste (ESC[200~ ... ESC[201~), so it arrives whole in a prompt instead of as keys. */
export const BRACKETED_PASTE_ON = '\u001B[?2004h';
// Mouse tracking off, bracketed paste off, attributes reset: a crash mid-frame leaves none on.
const RESET_MODES = '\u001B[?1000l\u001B[?1002l\u001B[?1006l\u001B[?2004l\u001B[0m';

type Restorer = () => void;

export type ScreenSession = {
	/** Give the terminal back; safe to call more than once. */
	restore(): void;
	/** Where diverted output went. */
	logFile: string;
};

export function defaultLogFile(env: NodeJS.ProcessEnv = process.env): string {
	const stateHome = env.XDG_STATE_HOME || path.join(env.HOME || '.', '.local', 'state');
	return path.join(stateHome, 'iot-top', 'iot-top.log');
}

/** Opens the log file lazily: a session that never logs creates nothing. */
function createLogSink(logFile: string): (text: string) => void {
	let fd: number | undefined;
	let failed = false;
	return (text: string) => {
		if (failed) return;
		try {
			if (fd === undefined) {
				fs.mkdirSync(path.dirname(logFile), {recursive: true});
				fd = fs.openSync(logFile, 'a');
			}
			fs.writeSync(fd, `${new Date().toISOString()} ${text.endsWith('\n') ? text : `${text}\n`}`);
		} catch {
			failed = true;
		}
	};
}

/**
 * Process warnings (the AWS SDK warns about Node 20 on every start) go to the log file, not
 * to stderr: they would garble the full screen, and fill every cron mail of a snapshot.
 */
export function logWarningsTo(logFile: string): void {
	const write = createLogSink(logFile);
	process.removeAllListeners('warning');
	process.on('warning', (warning: Error) => write(`[warning] ${warning.name}: ${warning.message}`));
}

function divertOutput(logFile: string): Restorer {
	const write = createLogSink(logFile);
	const methods = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;
	const originalConsole = methods.map((name) => console[name]);
	for (const name of methods) {
		console[name] = (...args: unknown[]) => write(`[console.${name}] ${format(...args)}`);
	}

	const originalStderrWrite = process.stderr.write.bind(process.stderr);
	process.stderr.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
		write(`[stderr] ${typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8')}`);
		const callback = rest.find((argument) => typeof argument === 'function') as (() => void) | undefined;
		callback?.();
		return true;
	}) as typeof process.stderr.write;

	return () => {
		for (const [index, name] of methods.entries()) console[name] = originalConsole[index];
		process.stderr.write = originalStderrWrite;
	};
}

export type ScreenOptions = {
	stdout: NodeJS.WriteStream;
	logFile: string;
	/** Called before the process exits on a signal or crash, to unmount the UI. */
	onExit?: () => void;
};

/**
 * Switches to the alternate screen and installs the handlers that switch back. On a signal
 * the process exits with 128 + signal number; on a crash the error is printed after the
 * screen is restored, and the exit code is 1.
 */
export function enterFullScreen(options: ScreenOptions): ScreenSession {
	const {stdout, logFile} = options;
	let restored = false;
	const undivert = divertOutput(logFile);
	stdout.write(ENTER_ALTERNATE_SCREEN + HIDE_CURSOR + BRACKETED_PASTE_ON);

	const restore = () => {
		if (restored) return;
		restored = true;
		for (const [signal, handler] of signalHandlers) process.off(signal, handler);
		process.off('uncaughtException', onCrash);
		process.off('unhandledRejection', onCrash);
		process.off('exit', restore);
		try {
			options.onExit?.();
		} catch {
			// The UI may already be gone; the terminal matters more.
		}
		undivert();
		stdout.write(RESET_MODES + LEAVE_ALTERNATE_SCREEN + SHOW_CURSOR);
	};

	const signalNumbers: Record<string, number> = {SIGINT: 2, SIGTERM: 15, SIGHUP: 1};
	const signalHandlers: Array<[NodeJS.Signals, () => void]> = (['SIGINT', 'SIGTERM', 'SIGHUP'] as const).map((signal) => [
		signal,
		() => {
			restore();
			process.exit(128 + signalNumbers[signal]);
		},
	]);
	for (const [signal, handler] of signalHandlers) process.on(signal, handler);

	function onCrash(error: unknown) {
		restore();
		const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
		process.stderr.write(`iot-top crashed: ${message}\n`);
		process.exit(1);
	}
	process.on('uncaughtException', onCrash);
	process.on('unhandledRejection', onCrash);
	process.on('exit', restore);

	return {restore, logFile};
}
