// `iot-top snapshot`: one round of fetching every source, one snapshot, exit. Exit 0 when
// every source worked, 1 when one failed (the snapshot still holds what worked, with the
// error), 2 for bad arguments. An operation the endpoint does not implement (moto has no
// ListCACertificates) is no failure: one line on stderr says so, and the exit code stays 0.
// Works piped, in cron and in CI.
import {UsageError, type Config} from '../config/config.js';
import {VERSION} from '../config/version.js';
import type {Engine} from '../live/engine.js';
import type {Snapshot} from '../snapshot/schema.js';
import {writeFileAtomic} from '../snapshot/write.js';
import type {SnapshotFormat, Size} from '../ui/snapshotActions.js';

export type SnapshotOptions = {format: SnapshotFormat; output?: string; size: Size};

const FORMATS = ['json', 'text', 'svg', 'markdown'];

export function parseSnapshotOptions(raw: {format?: string; output?: string; size?: string}): SnapshotOptions {
	const format = (raw.format ?? 'json').toLowerCase();
	if (!FORMATS.includes(format)) throw new UsageError(`Invalid --format "${raw.format}": expected one of ${FORMATS.join(', ')}.`);
	let size: Size = {columns: 120, rows: 36};
	if (raw.size !== undefined) {
		const match = /^(\d{2,3})x(\d{2,3})$/.exec(raw.size.trim());
		const columns = match ? Number(match[1]) : 0;
		const rows = match ? Number(match[2]) : 0;
		if (!match || columns < 80 || rows < 24 || columns > 500 || rows > 200) {
			throw new UsageError(`Invalid --size "${raw.size}": expected COLUMNSxROWS from 80x24 to 500x200, such as 120x36.`);
		}
		size = {columns, rows};
	}
	if (raw.output !== undefined && raw.output.trim() === '')
		throw new UsageError('Invalid --output "": expected a file name, or - for stdout.');
	return {format: format as SnapshotFormat, output: raw.output === '-' ? undefined : raw.output, size};
}

export async function runSnapshot(config: Config, options: SnapshotOptions): Promise<number> {
	// JSON, text and markdown come from the store alone: the UI (Ink, React, the terminal
	// emulator) is loaded for the SVG only.
	const {connect} = await import('./connect.js');
	const {buildSnapshot, sourceProblems} = await import('../snapshot/json.js');
	const {engine, close} = await connect(config);
	try {
		await engine.refreshAll();
		// Every resource list's first page, not only the things a screen opens with.
		const {RESOURCE_KINDS} = await import('../model/resources.js');
		await Promise.all(RESOURCE_KINDS.map((kind) => engine.run({type: 'resources.open', kind}).catch(() => {})));
		const now = Date.now();
		const {windowMs, logGroups} = engine.context.options;
		// Built once: for the output and for the exit code (a 5,000-event log is megabytes).
		const snapshot = buildSnapshot(engine.store.getSnapshot(), {version: VERSION, windowMs, logGroups, now});
		const content = await render(snapshot, options, engine, now);
		if (options.output) {
			try {
				await writeFileAtomic(options.output, content);
			} catch (error) {
				throw new UsageError(
					`Cannot write --output ${options.output}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`,
				);
			}
		} else {
			await new Promise<void>((resolve, reject) => process.stdout.write(content, (error) => (error ? reject(error) : resolve())));
		}
		const {failed, unavailable} = sourceProblems(snapshot);
		for (const {name, message} of failed) process.stderr.write(`iot-top: ${name}: ${message}\n`);
		// `--dashboard` that could not be read: the snapshot shows the default board, and says so.
		const dashboardFailed = engine.store.getSnapshot().sources.metrics.dashboards?.failed;
		if (dashboardFailed) process.stderr.write(`iot-top: metrics: ${dashboardFailed}\n`);
		for (const {name, message} of unavailable) process.stderr.write(`iot-top: note: ${name}: ${message} Not counted as a failure.\n`);
		return failed.length > 0 || dashboardFailed ? 1 : 0;
	} finally {
		await close();
	}
}

async function render(snapshot: Snapshot, options: SnapshotOptions, engine: Engine, now: number): Promise<string> {
	switch (options.format) {
		case 'json': {
			return `${JSON.stringify(snapshot, null, 2)}\n`;
		}
		case 'text':
		case 'markdown': {
			const {toMarkdown, toText} = await import('../snapshot/text.js');
			return options.format === 'text' ? toText(snapshot) : toMarkdown(snapshot);
		}
		case 'svg': {
			const {svgOf} = await import('../ui/snapshotActions.js');
			return svgOf(engine, options.size, now);
		}
	}
}
