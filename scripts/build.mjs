// Bundles the CLI into one production-mode file: a few large files load much faster than
// hundreds of small ones, and React's development build is left out.
import {build} from 'esbuild';
import fs from 'node:fs/promises';
import {fileURLToPath} from 'node:url';
import {inkFixes} from './inkPatches.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

// `node scripts/build.mjs [cli|screenshots|soak]`: the CLI, or one of the dev commands.
const entries = {cli: 'source/cli.tsx', screenshots: 'source/screenshots.ts', soak: 'source/soak.ts'};
const entry = process.argv[2] ?? 'cli';
if (!(entry in entries)) throw new Error(`unknown build entry ${entry}: expected ${Object.keys(entries).join(', ')}`);

await build({
	absWorkingDir: root,
	entryPoints: [entries[entry]],
	outfile: `dist/${entry}.js`,
	bundle: true,
	platform: 'node',
	format: 'esm',
	target: 'node20',
	jsx: 'automatic',
	minifySyntax: true,
	legalComments: 'none',
	logLevel: 'warning',
	define: {'process.env.NODE_ENV': '"production"'},
	alias: {'react-devtools-core': './scripts/devtools-stub.mjs'},
	plugins: [inkFixes],
	banner: {
		js: "import {createRequire as __createRequire} from 'node:module'; const require = __createRequire(import.meta.url);",
	},
});

// V8 keeps the bundle's source text in memory for as long as the app runs, at one byte per
// character only if every character is ASCII: one accented letter in a kept comment (esbuild
// escapes strings, not comments) doubles it, 4 MB more for good. Escape what is left.
const outfile = fileURLToPath(new URL(`../dist/${entry}.js`, import.meta.url));
const text = await fs.readFile(outfile, 'utf8');
if (/[^\x00-\x7f]/.test(text)) await fs.writeFile(outfile, text.replace(/[^\x00-\x7f]/gu, (char) => `\\u{${char.codePointAt(0).toString(16)}}`));
