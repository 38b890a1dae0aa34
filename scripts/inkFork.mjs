// The modules of Ink that iot-top carries its own versions of (source/vendor/ink/, docs/ink.md),
// put in place of Ink's by one redirect: an esbuild plugin for the build (scripts/build.mjs) and
// a Vite plugin for the tests (vitest.config.ts), so the tests run the Ink that users run.
import fs from 'node:fs';
import {createRequire} from 'node:module';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const vendor = path.join(root, 'source/vendor/ink');

/** The Ink release the fork was made from: the build stops if node_modules holds another. */
export const FORKED_INK_VERSION = '6.8.0';

/** What a module of Ink imports -> the fork's file that it gets instead. */
export const FORKED_MODULES = {
	'./output.js': 'output.ts',
	'./measure-text.js': 'measure-text.ts',
	'widest-line': 'widest-line.ts',
	'yoga-layout': 'yoga-layout.ts',
};

const INK_BUILD = /[\\/]node_modules[\\/]ink[\\/]build[\\/]/;

/** The fork's file for `specifier` imported by `importer`, if it is one of Ink's that the fork replaces. */
export function forkedModule(specifier, importer) {
	if (importer === undefined || !INK_BUILD.test(importer) || !Object.hasOwn(FORKED_MODULES, specifier)) return undefined;
	return path.join(vendor, FORKED_MODULES[specifier]);
}

export function installedInkVersion() {
	const entry = createRequire(path.join(root, 'package.json')).resolve('ink');
	return JSON.parse(fs.readFileSync(path.join(path.dirname(entry), '..', 'package.json'), 'utf8')).version;
}

/** Throws unless `installed` is the release the fork was made from: an upgrade means looking at the fork again. */
export function checkInkVersion(installed = installedInkVersion()) {
	if (installed !== FORKED_INK_VERSION) {
		throw new Error(
			`iot-top's fork of Ink (source/vendor/ink/) was made from ink ${FORKED_INK_VERSION}, but node_modules has ink ${installed}: ` +
				`carry upstream's changes to the forked modules over (docs/ink.md), then set FORKED_INK_VERSION in scripts/inkFork.mjs.`,
		);
	}
}

export const inkForkForEsbuild = {
	name: 'iot-top-ink-fork',
	setup(build) {
		checkInkVersion();
		const specifiers = Object.keys(FORKED_MODULES).map((specifier) => specifier.replaceAll('.', '\\.'));
		build.onResolve({filter: new RegExp(`^(${specifiers.join('|')})$`)}, (args) => {
			const forked = forkedModule(args.path, args.importer);
			return forked === undefined ? undefined : {path: forked};
		});
	},
};

export const inkForkForVite = {
	name: 'iot-top-ink-fork',
	enforce: 'pre',
	configResolved() {
		checkInkVersion();
	},
	resolveId(specifier, importer) {
		return forkedModule(specifier, importer);
	},
	// Ink's files without the source maps it ships: they name sources the package does not
	// hold, and Vite warns about each file.
	load(id) {
		return INK_BUILD.test(id) && id.endsWith('.js')
			? fs.readFileSync(id, 'utf8').replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n')
			: undefined;
	},
};
