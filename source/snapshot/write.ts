// Atomic writes: a temp file in the same directory, then rename, so a reader never sees half
// a snapshot and a failure leaves nothing behind.
import {randomBytes} from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

export async function writeFileAtomic(file: string, content: string): Promise<void> {
	const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
	try {
		await fs.writeFile(temporary, content, {mode: 0o644});
		await fs.rename(temporary, file);
	} catch (error) {
		await fs.rm(temporary, {force: true}).catch(() => {});
		throw error;
	}
}

/** `iot-top-20261124T033000Z`: sortable, UTC, safe in every file system. */
export function snapshotBaseName(now: number): string {
	return `iot-top-${new Date(now)
		.toISOString()
		.replace(/[-:]/g, '')
		.replace(/\.\d{3}/, '')}`;
}

export type SnapshotFiles = {json: string; txt: string; svg: string};

/** Writes the three files of the `s` key; all or nothing is reported, never a crash. */
export async function writeSnapshotFiles(
	directory: string,
	now: number,
	contents: {json: string; txt: string; svg: string},
): Promise<SnapshotFiles> {
	const base = path.join(directory, snapshotBaseName(now));
	const files = {json: `${base}.json`, txt: `${base}.txt`, svg: `${base}.svg`};
	await writeFileAtomic(files.json, contents.json);
	await writeFileAtomic(files.txt, contents.txt);
	await writeFileAtomic(files.svg, contents.svg);
	return files;
}

export function describeWriteError(error: unknown, directory: string): string {
	const code = (error as NodeJS.ErrnoException).code;
	switch (code) {
		case 'ENOENT': {
			return `Snapshot failed: directory ${directory} does not exist (set --snapshot-dir).`;
		}
		case 'EACCES':
		case 'EPERM':
		case 'EROFS': {
			return `Snapshot failed: cannot write to ${directory} (${code}); set --snapshot-dir to a writable directory.`;
		}
		case 'ENOSPC': {
			return `Snapshot failed: no space left on the device of ${directory}.`;
		}
		default: {
			return `Snapshot failed: ${(error as Error).message}`;
		}
	}
}
