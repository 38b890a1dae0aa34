// The package as a user gets it: `npm pack` on a clean copy of the project (no dist/, so
// prepack must build), the tarball installed globally into a temporary prefix with no registry
// and an empty cache (a dependency to fetch would fail the install), and the installed
// `iot-top` run from there, away from the project's node_modules.
import {execFile, execFileSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {promisify} from 'node:util';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {NODE, ROOT} from '../helpers/cli.js';

const run = promisify(execFile);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'iot-top-package-'));
const copy = path.join(tmp, 'project');
const prefix = path.join(tmp, 'prefix');
const home = path.join(tmp, 'home');
const bin = path.join(prefix, 'bin', 'iot-top');
const installed = path.join(prefix, 'lib', 'node_modules', 'iot-top');

// npm and the installed iot-top both find `node` on PATH: the one the CLI tests use. npm's own
// settings from a surrounding `npm test` (npm_config_*) would point the install elsewhere.
const env: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name)));
Object.assign(env, {
	PATH: `${path.dirname(NODE)}${path.delimiter}${process.env.PATH ?? ''}`,
	HOME: home,
	XDG_CONFIG_HOME: path.join(home, '.config'),
	npm_config_cache: path.join(tmp, 'npm-cache'),
	npm_config_offline: 'true',
	npm_config_audit: 'false',
	npm_config_fund: 'false',
	npm_config_update_notifier: 'false',
	AWS_EC2_METADATA_DISABLED: 'true',
});

/** Every file under `dir`, relative to it, with its size. */
function tree(dir: string): Array<{file: string; bytes: number}> {
	return fs.readdirSync(dir, {recursive: true, withFileTypes: true}).flatMap((entry) => {
		if (!entry.isFile()) return [];
		const file = path.join(entry.parentPath, entry.name);
		return [{file: path.relative(dir, file), bytes: fs.statSync(file).size}];
	});
}

let packed: string[] = [];
// The node that runs the installed CLI (IOT_TOP_NODE or the tests' own): [major, minor].
const [major, minor] = execFileSync(NODE, ['-p', 'process.versions.node'], {encoding: 'utf8'}).trim().split('.').map(Number);

beforeAll(async () => {
	fs.mkdirSync(home);
	// A clean clone's files: no dist/ (prepack must build it), nothing generated.
	const skip = new Set(['node_modules', 'dist', '.git', 'coverage']);
	fs.cpSync(ROOT, copy, {
		recursive: true,
		filter: (source) => source === ROOT || !skip.has(path.relative(ROOT, source).split(path.sep)[0]),
	});
	fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(copy, 'node_modules'));
	// A developer's build of the dev tools lies next to the CLI's; the package must leave it out.
	await run(NODE, ['scripts/build.mjs', 'screenshots'], {cwd: copy, env});
	const {stdout} = await run('npm', ['pack', '--json', '--pack-destination', tmp], {cwd: copy, env, maxBuffer: 16 * 1024 * 1024});
	const [pack] = JSON.parse(stdout.slice(stdout.indexOf('['))) as Array<{filename: string; files: Array<{path: string}>}>;
	packed = pack.files.map((file) => file.path);
	await run('npm', ['install', '--global', '--prefix', prefix, path.join(tmp, pack.filename)], {cwd: tmp, env});
}, 180_000);

afterAll(() => {
	fs.rmSync(tmp, {recursive: true, force: true});
});

describe('the npm package', () => {
	it('holds the built CLI and its chunks, no dev tools and no dependencies to install', () => {
		expect(packed).toContain('dist/cli.js');
		expect(packed.some((file) => file.startsWith('dist/chunks-cli/'))).toBe(true);
		expect(
			packed.filter(
				(file) => !/^(package\.json|README\.md|LICENSE|snapshot\.schema\.json|dist\/cli\.js|dist\/chunks-cli\/[\w-]+\.js)$/.test(file),
			),
		).toEqual([]);
		const manifest = JSON.parse(fs.readFileSync(path.join(installed, 'package.json'), 'utf8')) as {dependencies?: object};
		expect(manifest.dependencies ?? {}).toEqual({});
		expect(fs.existsSync(path.join(installed, 'node_modules'))).toBe(false);
	});

	it('installs a few MB', () => {
		const bytes = tree(prefix).reduce((sum, file) => sum + file.bytes, 0);
		expect(bytes).toBeGreaterThan(500 * 1024);
		expect(bytes).toBeLessThan(5 * 1024 * 1024);
	});

	it('runs as the installed iot-top: --version', async () => {
		const {stdout} = await run(bin, ['--version'], {cwd: tmp, env});
		const {version} = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {version: string};
		expect(stdout.trim()).toBe(version);
	});

	// Node 22.1 and later: the code V8 compiled from the bundle is kept (in the temporary
	// directory) for the next start, which then parses and compiles far less.
	it.skipIf(major < 22 || (major === 22 && minor < 1))('keeps its compiled code for the next start (Node 22.1+)', async () => {
		const tmpdir = fs.mkdtempSync(path.join(tmp, 'tmpdir-'));
		const withCache: NodeJS.ProcessEnv = {...env, TMPDIR: tmpdir};
		delete withCache.NODE_COMPILE_CACHE;
		delete withCache.NODE_DISABLE_COMPILE_CACHE;
		await run(bin, ['--version'], {cwd: tmp, env: withCache});
		const cached = tree(path.join(tmpdir, 'node-compile-cache'));
		// The command line's file and the chunks it imports, at least.
		expect(cached.length).toBeGreaterThanOrEqual(2);
		expect(cached.reduce((sum, file) => sum + file.bytes, 0)).toBeGreaterThan(10 * 1024);
	});

	it('runs as the installed iot-top: snapshot --demo --format json has the demo fleet', async () => {
		const {stdout} = await run(bin, ['snapshot', '--demo', '--format', 'json'], {cwd: tmp, env, maxBuffer: 64 * 1024 * 1024});
		const snapshot = JSON.parse(stdout) as {
			source: {demo: boolean};
			alarms: {error?: unknown; items: Array<{name: string; state: string}>};
			resources: {things: {items: unknown[]}};
		};
		expect(snapshot.source.demo).toBe(true);
		expect(snapshot.alarms.error ?? null).toBeNull();
		expect(snapshot.alarms.items.length).toBeGreaterThan(0);
		expect(snapshot.alarms.items.every((alarm) => alarm.name.length > 0 && alarm.state.length > 0)).toBe(true);
		expect(snapshot.resources.things.items.length).toBeGreaterThan(0);
	});
});
