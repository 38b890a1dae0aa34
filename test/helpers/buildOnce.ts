// vitest globalSetup: the CLI tests run the real bundled CLI, built from the current source.
import {execFileSync} from 'node:child_process';
import {fileURLToPath} from 'node:url';

export default function setup() {
	const root = fileURLToPath(new URL('../..', import.meta.url));
	execFileSync(process.execPath, ['scripts/build.mjs'], {cwd: root, stdio: 'inherit'});
}
