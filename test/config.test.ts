import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {LIMITS, UsageError, resolveConfig, type RawOptions} from '../source/config/config.js';
import {parseDuration} from '../source/model/duration.js';

const env = {HOME: '/nonexistent-home-for-tests'};

function configWith(options: RawOptions, extraEnv: Record<string, string> = {}) {
	return resolveConfig({options, env: {...env, ...extraEnv}});
}

async function errorOf(options: RawOptions): Promise<string> {
	try {
		await configWith(options);
	} catch (error) {
		expect(error).toBeInstanceOf(UsageError);
		return (error as Error).message;
	}
	throw new Error('expected a UsageError');
}

describe('resolveConfig', () => {
	it('--demo follows the IoT, EventBridge and CloudTrail groups of its story unless --log-group says otherwise', async () => {
		expect((await configWith({demo: true})).logGroups).toEqual(['AWSIotLogsV2', '/aws/events/iot-fleet', 'aws-cloudtrail-logs-iot']);
		expect((await configWith({demo: true, logGroup: ['AWSIotLogsV2']})).logGroups).toEqual(['AWSIotLogsV2']);
		expect((await configWith({})).logGroups).toEqual(['AWSIotLogsV2']);
	});

	it('has defaults an on-call engineer expects', async () => {
		const config = await configWith({});
		expect(config).toMatchObject({
			interval: 5000,
			window: 3_600_000,
			period: 60,
			pane: 'alarms',
			logGroups: ['AWSIotLogsV2'],
			logBuffer: 10_000,
			liveTail: false,
			// The Logs pane's own pace and first read: whatever --interval is.
			logInterval: 2000,
			since: 600_000,
			color: true,
			demo: false,
		});
		expect(config.logFile).toBe('/nonexistent-home-for-tests/.local/state/iot-top/iot-top.log');
	});

	it.each([
		[{interval: '5s'}, 'interval', 5000],
		[{interval: '2m'}, 'interval', 120_000],
		[{interval: '10'}, 'interval', 10_000],
		[{window: '15m'}, 'window', 900_000],
		[{window: '24h'}, 'window', 86_400_000],
		[{pane: 'logs'}, 'pane', 'logs'],
		[{pane: 'Resources'}, 'pane', 'resources'],
		[{region: 'eu-west-2'}, 'region', 'eu-west-2'],
		[{region: 'us-gov-west-1'}, 'region', 'us-gov-west-1'],
		[{endpointUrl: 'http://localhost:4566'}, 'endpointUrl', 'http://localhost:4566'],
		[{logGroup: ['a', '/aws/iot/b']}, 'logGroups', ['a', '/aws/iot/b']],
		[{period: '300'}, 'period', 300],
		[{liveTail: true}, 'liveTail', true],
		[{logFilter: '{ $.logLevel = "ERROR" }'}, 'logFilter', '{ $.logLevel = "ERROR" }'],
		[{logInterval: '1s'}, 'logInterval', 1000],
		[{logInterval: '1500ms'}, 'logInterval', 1500],
		[{logInterval: '5m'}, 'logInterval', 300_000],
		[{logInterval: '10s', interval: '1h'}, 'logInterval', 10_000],
		[{since: '0'}, 'since', 0],
		[{since: '5m'}, 'since', 300_000],
		[{since: '24h'}, 'since', 86_400_000],
	] as Array<[RawOptions, string, unknown]>)('accepts %j', async (options, key, value) => {
		expect((await configWith(options))[key as keyof Awaited<ReturnType<typeof configWith>>]).toEqual(value);
	});

	it.each([
		[{interval: 'banana'}, 'Invalid --interval "banana": expected a duration from 1s to 1h such as 5s, 30s or 2m.'],
		[{window: '5m'}, 'Invalid --window "5m": expected a duration from 15m to 24h such as 15m, 1h or 6h.'],
		[
			{window: '24h', period: '10'},
			'Invalid --window 24h with --period 10: at most 1440 points per metric are drawn, so --window can be at most 4h with this --period',
		],
		[{snapshotDir: ''}, 'Invalid --snapshot-dir "": expected a directory'],
		[{snapshotDir: '/no/such/dir'}, 'Invalid --snapshot-dir "/no/such/dir": /no/such/dir is not an existing directory'],
		[{logFile: ''}, 'Invalid --log-file "": expected a file name'],
		[{interval: '0'}, 'Invalid --interval "0"'],
		[{window: '90d'}, 'Invalid --window "90d": expected a duration from 15m to 24h'],
		[{pane: 'nope'}, 'Invalid --pane "nope": expected one of alarms, metrics, logs, resources.'],
		[{region: 'mars-1'}, 'Invalid --region "mars-1"'],
		[{endpointUrl: 'localhost:4566'}, 'Invalid --endpoint-url "localhost:4566": expected an http:// or https:// URL'],
		[{period: '45'}, 'Invalid --period "45"'],
		[{logBuffer: '10'}, 'Invalid --log-buffer "10": expected a whole number from 100 to 1000000.'],
		[{profile: ''}, 'Invalid --profile ""'],
		[{logGroup: ['bad group!']}, 'Invalid --log-group "bad group!"'],
		[{logInterval: '500ms'}, 'Invalid --log-interval "500ms": expected a duration from 1s to 5m such as 2s, 10s or 1m.'],
		[{logInterval: '10m'}, 'Invalid --log-interval "10m": expected a duration from 1s to 5m such as 2s, 10s or 1m.'],
		[{logInterval: 'fast'}, 'Invalid --log-interval "fast"'],
		[{since: '2d'}, 'Invalid --since "2d": expected a duration from 0s to 24h such as 5m, 30m or 2h.'],
		[{since: '-5m'}, 'Invalid --since "-5m"'],
		[{since: 'yesterday'}, 'Invalid --since "yesterday"'],
	] as Array<[RawOptions, string]>)('rejects %j with one sentence naming the value', async (options, message) => {
		const text = await errorOf(options);
		expect(text.startsWith(message)).toBe(true);
		expect(text.split('\n')).toHaveLength(1);
	});

	it('honours NO_COLOR and --no-color', async () => {
		expect((await configWith({}, {NO_COLOR: '1'})).color).toBe(false);
		expect((await configWith({color: false})).color).toBe(false);
		// NO_COLOR set but empty is not set (no-color.org).
		expect((await configWith({}, {NO_COLOR: ''})).color).toBe(true);
	});

	it('shows local time unless --utc', async () => {
		expect((await configWith({})).utc).toBe(false);
		expect((await configWith({utc: true})).utc).toBe(true);
	});

	it('names the snapshot directory absolutely, so the status bar can say where the files are', async () => {
		expect((await configWith({})).snapshotDir).toBe(process.cwd());
		const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'iot-top-snapdir-'));
		expect((await configWith({snapshotDir: path.relative(process.cwd(), directory)})).snapshotDir).toBe(directory);
	});

	it.each(
		Object.entries(LIMITS).filter(([, limits]) => 'examples' in limits) as Array<[string, {min: number; max: number; examples: string}]>,
	)('%s: every example the message gives is a valid value', (_, limits) => {
		const examples = limits.examples.split(/, | or /);
		expect(examples.length).toBeGreaterThanOrEqual(3);
		for (const example of examples) {
			const ms = parseDuration(example);
			expect(ms, example).toBeDefined();
			expect(ms!, example).toBeGreaterThanOrEqual(limits.min);
			expect(ms!, example).toBeLessThanOrEqual(limits.max);
		}
	});

	describe('config file', () => {
		const write = (content: string) => {
			const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iot-top-config-'));
			const file = path.join(dir, 'config.json');
			fs.writeFileSync(file, content);
			return file;
		};

		it('reads values, with flags taking precedence', async () => {
			const file = write(
				JSON.stringify({
					interval: '10s',
					pane: 'metrics',
					logGroups: ['x'],
					liveTail: true,
					metrics: [{namespace: 'Fleet', metricName: 'Temp', unit: '%'}],
				}),
			);
			const config = await configWith({config: file, pane: 'logs'});
			expect(config.liveTail).toBe(true);
			expect((await configWith({config: file, liveTail: false})).liveTail).toBe(false);
			expect(config.interval).toBe(10_000);
			expect(config.pane).toBe('logs');
			expect(config.logGroups).toEqual(['x']);
			// The demo's own default gives way to the file's groups too.
			expect((await configWith({config: file, demo: true})).logGroups).toEqual(['x']);
			expect(config.customMetrics).toEqual([
				{label: 'Temp', namespace: 'Fleet', metricName: 'Temp', dimensions: {}, statistic: 'Sum', period: undefined, unit: '%'},
			]);
		});

		it('reads logInterval and since, with flags taking precedence', async () => {
			const file = write(JSON.stringify({logInterval: '10s', since: '1h'}));
			expect(await configWith({config: file})).toMatchObject({logInterval: 10_000, since: 3_600_000});
			expect(await configWith({config: file, logInterval: '3s', since: '2m'})).toMatchObject({logInterval: 3000, since: 120_000});
			await expect(configWith({config: write(JSON.stringify({logInterval: '0.5s'}))})).rejects.toThrow(
				/: logInterval "0.5s": expected a duration from 1s to 5m/,
			);
			await expect(configWith({config: write(JSON.stringify({since: '48h'}))})).rejects.toThrow(
				/: since "48h": expected a duration from 0s to 24h/,
			);
		});

		it('reads the XDG default location', async () => {
			const file = write(JSON.stringify({interval: '30s'}));
			const home = path.dirname(path.dirname(file));
			fs.mkdirSync(path.join(home, 'iot-top'), {recursive: true});
			fs.copyFileSync(file, path.join(home, 'iot-top', 'config.json'));
			expect((await configWith({}, {XDG_CONFIG_HOME: home})).interval).toBe(30_000);
		});

		it.each([
			['{not json', /is not valid JSON/],
			[JSON.stringify({colour: true}), /key \(top level\): unknown key "colour"; allowed keys are profile, region/],
			[JSON.stringify({bell: 'yes'}), /key bell is "yes"; expected true or false\.$/],
			[JSON.stringify({utc: 1}), /key utc is 1; expected true or false\.$/],
			[JSON.stringify({interval: true}), /key interval is true; expected a duration such as "5s" or "2m", or a number of seconds\.$/],
			[JSON.stringify({period: 7.5}), /key period is 7\.5; expected a whole number of seconds such as 60\.$/],
			[
				JSON.stringify({metrics: [{namespace: 'Fleet'}]}),
				/key metrics\.0\.metricName is missing; expected a metric name such as "Temperature"/,
			],
			[
				JSON.stringify({metrics: [{namespace: 'Fleet', metricName: 'T', dimensions: {Site: 1}}]}),
				/key metrics\.0\.dimensions\.Site is 1; expected names and values such as \{"Site": "lab"\}\.$/,
			],
			[
				JSON.stringify({metrics: [{namespace: 'Fleet', metricName: 'T', dims: {}}]}),
				/key metrics\.0: unknown key "dims"; allowed keys are label, namespace, metricName, dimensions, statistic, period, unit\.$/,
			],
			[JSON.stringify({logGroups: ['bad group']}), /: logGroups "bad group": expected a log group name/],
			[JSON.stringify({region: 'mars'}), /: region "mars": expected an AWS region name/],
			[JSON.stringify({resourcesInterval: '1s'}), /: resourcesInterval "1s": expected a duration from 5s to 24h such as 30s, 1m or 10m\.$/],
			[JSON.stringify({snapshotDir: '/no/such/dir'}), /: snapshotDir "\/no\/such\/dir": \/no\/such\/dir is not an existing directory/],
			['[]', /key \(top level\) is \[\]; expected a JSON object/],
			[JSON.stringify({interval: '0s'}), /config file .*: interval "0s"/],
		])('rejects %s naming the file and key', async (content, pattern) => {
			const file = write(content);
			await expect(configWith({config: file})).rejects.toThrow(pattern);
			await expect(configWith({config: file})).rejects.toThrow(file);
			expect((await errorOf({config: file})).split('\n')).toHaveLength(1);
		});

		it('a missing --config file is an error, a missing default is not', async () => {
			await expect(configWith({config: '/no/such/file.json'})).rejects.toThrow(/Cannot read config file \/no\/such\/file.json/);
			await expect(configWith({})).resolves.toMatchObject({interval: 5000});
		});
	});
});
