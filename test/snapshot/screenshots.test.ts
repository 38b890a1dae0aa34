// The screenshots the README shows are the current app's: regenerated here for the same seed
// and clock, they must equal the committed files (`npm run screenshots` updates them).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import {renderScreenshots} from '../../dev/screenshotScenes.js';

const committed = fileURLToPath(new URL('../../screenshots', import.meta.url));

describe('screenshots', () => {
	it('match what the current app renders for the seed', async () => {
		const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'iot-top-shots-'));
		const files = await renderScreenshots(directory);
		expect(files.map((file) => path.basename(file))).toEqual([
			'dashboard.svg',
			'alarms.svg',
			'metrics.svg',
			'logs.svg',
			'resources.svg',
			'alarm-detail.svg',
			'changes.svg',
			'health.svg',
			'fleet.svg',
			'talkers.svg',
			'metric-browser.svg',
			'cloudwatch-dashboard.svg',
		]);
		for (const file of files) {
			const name = path.basename(file);
			expect(fs.readFileSync(file, 'utf8'), `screenshots/${name} is stale: run npm run screenshots`).toBe(
				fs.readFileSync(path.join(committed, name), 'utf8'),
			);
		}
		const readme = fs.readFileSync(fileURLToPath(new URL('../../README.md', import.meta.url)), 'utf8');
		for (const file of files) expect(readme).toContain(`screenshots/${path.basename(file)}`);
	}, 60_000);
});
