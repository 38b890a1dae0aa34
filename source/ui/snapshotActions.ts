// One renderer for the `s` key, `iot-top snapshot` and the screenshots: the store -> the
// versioned JSON -> text / markdown; the App's own frame -> a terminal emulator -> SVG.
import type {PaneId} from '../config.js';
import type {Engine} from '../live/engine.js';
import {buildSnapshot} from '../snapshot/json.js';
import type {Snapshot} from '../snapshot/schema.js';
import {ansiToSvg} from '../snapshot/svg.js';
import {toMarkdown, toText} from '../snapshot/text.js';
import {writeSnapshotFiles, type SnapshotFiles} from '../snapshot/write.js';
import {VERSION} from '../version.js';
import {renderFrame} from './renderFrame.js';

export type SnapshotFormat = 'json' | 'text' | 'svg' | 'markdown';
export const SNAPSHOT_FORMATS: readonly SnapshotFormat[] = ['json', 'text', 'svg', 'markdown'];

export type Size = {columns: number; rows: number};

export function snapshotOf(engine: Engine, now: number): Snapshot {
	const {options} = engine.context;
	return buildSnapshot(engine.store.getSnapshot(), {version: VERSION, windowMs: options.windowMs, logGroups: options.logGroups, now});
}

export async function svgOf(engine: Engine, size: Size, now: number, view: {pane?: PaneId; zoom?: boolean; keys?: string[]; title?: string} = {}): Promise<string> {
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

/** The `s` key: JSON, text and SVG of everything the panes hold, written atomically. */
export async function saveSnapshot(engine: Engine, directory: string, size: Size, now = Date.now()): Promise<SnapshotFiles> {
	const snapshot = snapshotOf(engine, now);
	const svg = await svgOf(engine, size, now);
	return writeSnapshotFiles(directory, now, {json: `${JSON.stringify(snapshot, null, 2)}\n`, txt: toText(snapshot), svg});
}
