import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {resolveConfig} from '../../source/config/config.js';

let directory: string | undefined;
afterEach(() => {
	if (directory) rmSync(directory, {recursive: true, force: true});
	directory = undefined;
});

function configFile(json: unknown): string {
	directory = mkdtempSync(path.join(tmpdir(), 'iot-top-dashboard-'));
	const file = path.join(directory, 'config.json');
	writeFileSync(file, JSON.stringify(json));
	return file;
}

describe('the dashboard setting', () => {
	it('comes from --dashboard, else the config file; the flag wins', async () => {
		const file = configFile({dashboard: 'from-file'});
		expect((await resolveConfig({options: {config: file}})).dashboard).toBe('from-file');
		expect((await resolveConfig({options: {config: file, dashboard: 'from-flag'}})).dashboard).toBe('from-flag');
		expect((await resolveConfig({options: {}, env: {HOME: '/nonexistent'}})).dashboard).toBeUndefined();
	});

	it.each([
		[
			{dashboard: 'iot fleet!'},
			undefined,
			'Invalid --dashboard "iot fleet!": expected a CloudWatch dashboard name of letters, digits, - and _ (1 to 255 characters).',
		],
		[
			{},
			{dashboard: ''},
			'config file FILE: dashboard "": expected a CloudWatch dashboard name of letters, digits, - and _ (1 to 255 characters).',
		],
		[{}, {dashboard: 7}, 'Config file FILE: key dashboard is 7; expected a CloudWatch dashboard name such as "iot-fleet-overview".'],
	])('a bad name is one sentence naming it: %j %j', async (options, json, message) => {
		const file = json === undefined ? undefined : configFile(json);
		await expect(resolveConfig({options: {...options, ...(file ? {config: file} : {})}, env: {HOME: '/nonexistent'}})).rejects.toThrow(
			message.replace('FILE', file ?? ''),
		);
	});
});
