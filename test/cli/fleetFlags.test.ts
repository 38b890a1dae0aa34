// --fleet-group-by, fleetGroupBy and --fleet-index: a bad value is one sentence naming it and
// what is allowed, exit code 2, no stack trace.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {runCli} from '../helpers/cli.js';

describe('fleet flags', () => {
	it.each([
		[
			['snapshot', '--demo', '--fleet-group-by', 'firmware'],
			'Invalid --fleet-group-by "firmware": expected thingTypeName or attributes.NAME, such as attributes.firmware.',
		],
		[['--demo', '--fleet-index', 'maybe'], 'Invalid --fleet-index "maybe": expected on, registry (no connectivity) or off.'],
		[['--fleet-index', 'off'], '--fleet-index works with --demo (or the simulate command): it sets up the built-in simulator.'],
	])('%j', async (args, sentence) => {
		const result = await runCli(args);
		expect(result.code).toBe(2);
		expect(result.stderr.trim()).toContain(sentence);
		expect(result.stderr).not.toMatch(/\n\s+at /);
	});

	it('fleetGroupBy in the config file is checked the same way', async () => {
		const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'iot-top-fleet-'));
		const file = path.join(directory, 'config.json');
		fs.writeFileSync(file, JSON.stringify({fleetGroupBy: 'shadow.reported.x'}));
		const result = await runCli(['snapshot', '--demo', '--config', file]);
		expect(result.code).toBe(2);
		expect(result.stderr).toContain(
			`Invalid config file ${file}: fleetGroupBy "shadow.reported.x": expected thingTypeName or attributes.NAME`,
		);
	});

	it('a good --fleet-group-by reaches the snapshot', async () => {
		const result = await runCli(['snapshot', '--demo', '--fleet-group-by', 'attributes.site', '--format', 'json'], {timeoutMs: 60_000});
		expect(result.code, result.stderr).toBe(0);
		const json = JSON.parse(result.stdout);
		expect(json.fleet.groupBy).toBe('attributes.site');
		expect(json.fleet.byGroup.value.map((row: {key: string}) => row.key)).toContain('berlin');
	}, 60_000);
});
