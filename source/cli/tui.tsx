// The full-screen app: draw the engine's store, refresh, and give the
// terminal back on every way out.
import path from 'node:path';
import type {Config} from '../config/config.js';
import type {Engine} from '../live/engine.js';
import type {Connected} from './connect.js';
import {FrameWriter} from '../terminal/frameWriter.js';
import {enterFullScreen} from '../terminal/screen.js';
import {mountApp} from '../ui/mount.js';
import {saveSnapshot, type Screen} from '../ui/snapshotActions.js';
import {describeWriteError, type SnapshotFiles} from '../snapshot/write.js';

export {DEMO_CREDENTIALS, DEMO_REGION} from './connect.js';

/**
 * The `s` key: the files and their directory, absolute, or an Error whose message is the
 * status-bar sentence. `screen` reads what the terminal shows (shownScreen); a bare size, for
 * callers without one, draws the App off-screen in its first view instead.
 */
export async function snapshotToDirectory(
	engine: Engine,
	directory: string,
	screen: () => Promise<Screen>,
): Promise<SnapshotFiles & {directory: string}> {
	const absolute = path.resolve(directory);
	try {
		const shown = await screen();
		const files = await saveSnapshot(engine, absolute, shown);
		return {...files, directory: absolute};
	} catch (error) {
		throw new Error(describeWriteError(error, absolute));
	}
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The screen the user sees once the app has drawn what the keys before `s` did (keys that
 * came in one read render together, after `s` is handled): the frame the key itself causes
 * is waited for, briefly, and written, then the terminal's cells are read.
 */
export async function shownScreen(frames: FrameWriter, waitMs = 250): Promise<Screen> {
	const before = frames.framesReceived;
	for (let waited = 0; frames.framesReceived === before && waited < waitMs; waited += 10) await delay(10);
	frames.flush();
	return frames.screenAnsi();
}

/** The full-screen app on a connection whose engine the caller started (its first fetches need not wait for the UI's code). */
export async function runTui(config: Config, {engine, close}: Connected): Promise<number> {
	let unmount: (() => void) | undefined;
	// Ink draws whole frames (debug mode) into the frame writer, which sends the terminal only
	// the cells that changed. It is closed before the screen is given back: nothing of ours
	// may reach the terminal after that.
	const frames = new FrameWriter(process.stdout);
	const session = enterFullScreen({
		stdout: process.stdout,
		logFile: config.logFile,
		onExit: () => {
			frames.close();
			unmount?.();
		},
	});
	const onSnapshot = () => snapshotToDirectory(engine, config.snapshotDir, () => shownScreen(frames));
	const instance = mountApp({engine, initialPane: config.pane, bell: config.bell, onSnapshot}, frames);
	unmount = () => instance.unmount();
	// The first frame is drawn (the loading one, or with what has landed): now the log backlog.
	setImmediate(() => engine.startDeferred());
	// For the end-to-end test of the crash path: an uncaught error, as a bug would throw one.
	const crashAfter = Number(process.env.IOT_TOP_CRASH_AFTER_MS);
	if (crashAfter > 0) {
		setTimeout(() => {
			throw new Error(`crash test (IOT_TOP_CRASH_AFTER_MS=${crashAfter})`);
		}, crashAfter);
	}
	try {
		await instance.waitUntilExit();
	} finally {
		unmount = undefined;
		frames.close();
		session.restore();
		await close();
	}
	return 0;
}
