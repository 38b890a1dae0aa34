// The fork of Ink (source/vendor/ink/) is what Ink runs, in the tests as in the build
// (scripts/inkFork.mjs), and it is checked against the Ink release it was made from.
import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {build} from 'esbuild';
import {Box, Text} from 'ink';
import React from 'react';
import {describe, expect, it, vi} from 'vitest';
import {
	checkInkVersion,
	FORKED_INK_VERSION,
	FORKED_MODULES,
	forkedModule,
	inkForkForEsbuild,
	installedInkVersion,
} from '../../../scripts/inkFork.mjs';
import Output from '../../../source/vendor/ink/output.js';
import {renderAt} from '../../helpers/render.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const inkBuild = path.join(root, 'node_modules/ink/build');
const vendor = path.join(root, 'source/vendor/ink');

describe('the fork of Ink', () => {
	it('is what Ink draws with in the tests: a frame goes through its Output', async () => {
		const get = vi.spyOn(Output.prototype, 'get');
		const {waitForFrame, unmount} = renderAt(
			<Box>
				<Text color="red">red</Text>
				<Text> plain</Text>
			</Box>,
			{columns: 20, rows: 2},
		);
		await waitForFrame((frame) => frame.includes('plain'));
		expect(get).toHaveBeenCalled();
		unmount();
		get.mockRestore();
	});

	it('is what the build bundles in place of the modules it replaces', async () => {
		const result = await build({
			absWorkingDir: root,
			stdin: {contents: "export * from 'ink';", resolveDir: root},
			bundle: true,
			write: false,
			metafile: true,
			platform: 'node',
			format: 'esm',
			external: ['react-devtools-core'],
			logLevel: 'silent',
			plugins: [inkForkForEsbuild],
		});
		const inputs = Object.keys(result.metafile.inputs);
		for (const file of Object.values(FORKED_MODULES)) expect(inputs).toContain(`source/vendor/ink/${file}`);
		for (const replaced of ['output.js', 'measure-text.js'])
			expect(inputs.filter((input) => input.endsWith(`ink/build/${replaced}`))).toEqual([]);
	});

	it('replaces modules that Ink imports, by the names it imports them by, with files that exist', () => {
		const importsOf = (file: string) => fs.readFileSync(path.join(inkBuild, file), 'utf8');
		const inkFiles = fs.readdirSync(inkBuild).filter((file) => file.endsWith('.js'));
		for (const [specifier, file] of Object.entries(FORKED_MODULES)) {
			expect(fs.existsSync(path.join(vendor, file)), file).toBe(true);
			const importers = inkFiles.filter((inkFile) => importsOf(inkFile).includes(`from '${specifier}'`));
			expect(importers.length, specifier).toBeGreaterThan(0);
			for (const importer of importers) expect(forkedModule(specifier, path.join(inkBuild, importer))).toBe(path.join(vendor, file));
		}
		// The fork's own imports of Ink's files, and anyone else's, are left alone.
		expect(forkedModule('./output.js', path.join(root, 'source/ui/App.tsx'))).toBeUndefined();
		expect(forkedModule('yoga-layout', path.join(vendor, 'yoga-layout.ts'))).toBeUndefined();
		expect(forkedModule('./dom.js', path.join(inkBuild, 'renderer.js'))).toBeUndefined();
	});

	it('was made from the Ink in node_modules, and each file says which release it tracks', () => {
		expect(installedInkVersion()).toBe(FORKED_INK_VERSION);
		expect(() => checkInkVersion()).not.toThrow();
		for (const file of fs.readdirSync(vendor))
			expect(fs.readFileSync(path.join(vendor, file), 'utf8').split('\n')[0], file).toContain(`Ink ${FORKED_INK_VERSION}`);
	});

	it('stops the build, saying what to do, when node_modules has another release of Ink', () => {
		expect(() => checkInkVersion('6.9.0')).toThrow(
			`was made from ink ${FORKED_INK_VERSION}, but node_modules has ink 6.9.0: carry upstream's changes`,
		);
	});
});
