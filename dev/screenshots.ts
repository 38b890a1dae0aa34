// `npm run screenshots`: writes screenshots/*.svg, and PNGs when rsvg-convert is installed.
import {execFileSync} from 'node:child_process';
import path from 'node:path';
import {defaultLogFile, logWarningsTo} from '../source/terminal/screen.js';
import {renderScreenshots} from './screenshotScenes.js';

function hasRsvgConvert(): boolean {
	try {
		execFileSync('rsvg-convert', ['--version'], {stdio: 'ignore'});
		return true;
	} catch {
		return false;
	}
}

logWarningsTo(defaultLogFile());
const directory = path.resolve(process.argv[2] ?? 'screenshots');
const files = await renderScreenshots(directory);
const png = hasRsvgConvert();
for (const file of files) {
	if (png) execFileSync('rsvg-convert', [file, '-o', file.replace(/\.svg$/, '.png')]);
	process.stdout.write(`${path.relative(process.cwd(), file)}${png ? ` (+ .png)` : ''}\n`);
}
if (!png) process.stdout.write('rsvg-convert not found: SVG only (Debian: apt-get install librsvg2-bin for PNGs)\n');
