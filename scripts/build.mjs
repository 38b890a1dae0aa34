// Bundles the CLI into an entry file and the chunks it imports, minified and in production
// mode: a few bundled files load much faster than hundreds of module files, and React's
// development build is left out.
import {build} from 'esbuild';
import fs from 'node:fs/promises';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {inkForkForEsbuild} from './inkFork.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

// `node scripts/build.mjs [cli|screenshots|soak]`: the CLI, or one of the dev commands.
const entries = {cli: 'source/cli/main.tsx', screenshots: 'dev/screenshots.ts', soak: 'dev/soak.ts'};
const entry = process.argv[2] ?? 'cli';
if (!(entry in entries)) throw new Error(`unknown build entry ${entry}: expected ${Object.keys(entries).join(', ')}`);

// The code is split at the dynamic imports (the full-screen app, the SDK clients, the
// simulator, the snapshot command): V8 parses each file as it is first imported. Parsing the
// one 2.2 MB bundle at start took 24 MB of parser memory at once (heaptrack), which the
// allocator kept resident for the life of the process; file by file, it reuses the same memory.
const chunks = `chunks-${entry}`;
await fs.rm(path.join(root, 'dist', chunks), {recursive: true, force: true});
const result = await build({
	absWorkingDir: root,
	entryPoints: {[entry]: entries[entry]},
	outdir: 'dist',
	splitting: true,
	chunkNames: `${chunks}/[name]-[hash]`,
	bundle: true,
	// The ES module builds (the AWS SDK's dist-es) where a package has both: esbuild keeps only
	// the commands and credential providers the app uses, half the SDK's code, and splits the
	// unused providers off, unread. The CommonJS builds it took by default for platform node
	// are whole clients, all evaluated at start.
	mainFields: ['module', 'main'],
	platform: 'node',
	format: 'esm',
	target: 'node20',
	jsx: 'automatic',
	// Whitespace and local names too: V8 holds each file's text on the heap for as long as the
	// app runs (to compile functions when first called), so 4.3 MB of source is 4.3 MB
	// resident; minified, 2.1 MB. Nothing here reads a function's or class's name.
	minify: true,
	legalComments: 'none',
	logLevel: 'warning',
	define: {'process.env.NODE_ENV': '"production"'},
	alias: {'react-devtools-core': './scripts/devtools-stub.mjs'},
	// Ink's modules that iot-top carries its own versions of (source/vendor/ink/).
	plugins: [inkForkForEsbuild],
	banner: {
		js: "import {createRequire as __createRequire} from 'node:module'; const require = __createRequire(import.meta.url);",
	},
	write: false,
});

// V8 keeps the source text in memory for as long as the app runs, at one byte per character
// only if every character is ASCII: one accented letter in a kept comment (esbuild escapes
// strings, not comments) doubles it, for good. Escape what is left.
for (const file of result.outputFiles) {
	const text = /[^\x00-\x7f]/.test(file.text)
		? file.text.replace(/[^\x00-\x7f]/gu, (char) => `\\u{${char.codePointAt(0).toString(16)}}`)
		: file.text;
	await fs.mkdir(path.dirname(file.path), {recursive: true});
	await fs.writeFile(file.path, text);
	if (text.startsWith('#!')) await fs.chmod(file.path, 0o755);
}
