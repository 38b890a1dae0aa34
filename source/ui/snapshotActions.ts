// One renderer for the `s` key, `iot-top snapshot` and the screenshots: the store -> the
// versioned JSON -> text / markdown; the App's own frame -> a terminal emulator -> SVG. The `s`
// key's SVG is the screen the user sees (the frame writer's cells), not the App drawn again.
import path from 'node:path';
import type {Engine} from '../live/engine.js';
import {buildSnapshot} from '../snapshot/json.js';
import type {Snapshot} from '../snapshot/schema.js';
import {ansiToSvg} from '../snapshot/svg.js';
import {toMarkdown, toText} from '../snapshot/text.js';
import {writeSnapshotFiles, type SnapshotFiles} from '../snapshot/write.js';
import {VERSION} from '../config/version.js';
import {renderFrame, type FrameOptions} from './renderFrame.js';

export type SnapshotFormat = 'json' | 'text' | 'svg' | 'markdown';
export const SNAPSHOT_FORMATS: readonly SnapshotFormat[] = ['json', 'text', 'svg', 'markdown'];

export type Size = {columns: number; rows: number};

/** A screen as a terminal shows it: ANSI text that draws it on a blank one of this size. */
export type Screen = Size & {ansi: string};

export function snapshotOf(engine: Engine, now: number): Snapshot {
	const {options} = engine.context;
	return buildSnapshot(engine.store.getSnapshot(), {version: VERSION, windowMs: options.windowMs, logGroups: options.logGroups, now});
}

/** What an SVG shows: a pane (zoomed or not), keys typed first and the frame they lead to, and its title. */
export type SvgView = Pick<FrameOptions, 'pane' | 'zoom' | 'keys' | 'until'> & {title?: string};

export async function svgOf(engine: Engine, size: Size, now: number, view: SvgView = {}): Promise<string> {
	const frame = await renderFrame(engine, {...size, ...view, now});
	const title = `iot-top ${view.title ?? (view.zoom && view.pane ? view.pane : 'dashboard')} ${new Date(now).toISOString()}`;
	return ansiToSvg(frame, size.columns, size.rows, title);
}

export async function renderSnapshot(engine: Engine, format: SnapshotFormat, size: Size, now: number): Promise<string> {
	switch (format) {
		case 'json': {
			return `${JSON.stringify(snapshotOf(engine, now), null, 2)}\n`;
		}
		case 'text': {
			return toText(snapshotOf(engine, now));
		}
		case 'markdown': {
			return toMarkdown(snapshotOf(engine, now));
		}
		case 'svg': {
			return svgOf(engine, size, now);
		}
	}
}

/**
 * The `s` key: JSON and text of everything the panes hold, and the SVG of the screen as shown
 * (zoom, focus, filters, open details), written atomically under their absolute paths.
 */
export async function saveSnapshot(engine: Engine, directory: string, screen: Screen, now = Date.now()): Promise<SnapshotFiles> {
	const snapshot = snapshotOf(engine, now);
	const svg = await ansiToSvg(screen.ansi, screen.columns, screen.rows, `iot-top ${new Date(now).toISOString()}`);
	return writeSnapshotFiles(path.resolve(directory), now, {json: `${JSON.stringify(snapshot, null, 2)}\n`, txt: toText(snapshot), svg});
}

/**
 * The status bar's sentence for saved files: each one's full path, or, where `width` columns
 * cannot hold three, the first one's and the others' extensions (they differ in nothing else).
 */
export function savedMessage(files: SnapshotFiles, width = Number.POSITIVE_INFINITY): string {
	const full = `Saved ${files.json}, ${files.txt} and ${files.svg}`;
	// The status bar pads a message with a blank on each side.
	if ([...full].length + 2 <= width) return full;
	return `Saved ${files.json} .txt .svg`;
}
