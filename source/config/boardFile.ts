// The `w` key: the Metrics board written into the config file, in the shape the file declares
// extra metrics (`metrics`: namespace, metricName, dimensions, statistic, period, label, unit)
// and, for a dashboard's board, its `dashboard` key. The file's other keys, their order and its
// indentation are kept; the file is replaced atomically; a missing file (and its directory) is created.
import fs from 'node:fs';
import path from 'node:path';
import {writeFileAtomic} from '../snapshot/write.js';

/** A `metrics` entry of the config file. */
export type BoardFileMetric = {
	label?: string;
	namespace: string;
	metricName: string;
	dimensions?: Record<string, string>;
	statistic?: string;
	period?: number;
	unit?: string;
};

/** `metrics` undefined: left as it is (a dashboard's board writes only `dashboard`). */
export type BoardFileChange = {metrics?: readonly BoardFileMetric[]; dashboard?: string};

/** The file's indentation: a tab, or the spaces of its first indented line; two spaces for a new file. */
function indentOf(text: string): string | number {
	const match = /\n([ \t]+)\S/.exec(text);
	if (!match) return 2;
	return match[1].startsWith('\t') ? '\t' : match[1].length;
}

/** Writes the board into `file`: `metrics` (and `dashboard`) replaced, every other key kept. */
export async function writeBoardFile(file: string, change: BoardFileChange): Promise<void> {
	let text: string | undefined;
	try {
		text = fs.readFileSync(file, 'utf8');
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
	}
	let json: Record<string, unknown> = {};
	if (text !== undefined && text.trim() !== '') {
		let parsed: unknown;
		try {
			parsed = JSON.parse(text);
		} catch {
			throw new Error(`${file} is not valid JSON; it was left as it is`);
		}
		if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
			throw new Error(`${file} is not a JSON object; it was left as it is`);
		json = parsed as Record<string, unknown>;
	}
	// An existing key keeps its place; a new one goes at the end.
	if (change.metrics && change.metrics.length > 0) json.metrics = change.metrics;
	else if (change.metrics) delete json.metrics;
	if (change.dashboard !== undefined) json.dashboard = change.dashboard;
	else delete json.dashboard;
	fs.mkdirSync(path.dirname(file), {recursive: true});
	await writeFileAtomic(file, `${JSON.stringify(json, null, text === undefined ? 2 : indentOf(text))}\n`);
}
