// The shared hostile strings (../shared/data), or the repo's copy when shared/ is absent.
import {existsSync, readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';

export const SHARED_HOSTILE_PATH = fileURLToPath(new URL('../../../shared/data/hostile-strings.json', import.meta.url));
export const FIXTURE_HOSTILE_PATH = fileURLToPath(new URL('../fixtures/hostile-strings.json', import.meta.url));

export type HostileString = {name: string; text: string};

export function loadHostileStrings(): HostileString[] {
	const path = existsSync(SHARED_HOSTILE_PATH) ? SHARED_HOSTILE_PATH : FIXTURE_HOSTILE_PATH;
	if (!existsSync(path)) throw new Error(`hostile strings not found: expected ${SHARED_HOSTILE_PATH} or ${FIXTURE_HOSTILE_PATH}`);
	return (JSON.parse(readFileSync(path, 'utf8')) as {strings: HostileString[]}).strings;
}
