// The built CLI as a user runs it: exit codes and one-sentence errors.
import {spawn} from 'node:child_process';
import {IoTClient, ListThingsCommand} from '@aws-sdk/client-iot';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {CreateLogGroupCommand} from '@aws-sdk/client-cloudwatch-logs';
import {CLI, ROOT, runCli} from './helpers/cli.js';
import {clientsFor} from './helpers/engine.js';
import {MOTO_AVAILABLE, startMoto} from './helpers/moto.js';

describe('iot-top command line', () => {
	it.each([
		[['--interval', 'banana'], 'iot-top: Invalid --interval "banana": expected a duration from 1s to 1h such as 5s, 30s or 2m.'],
		[['--pane', 'nope'], 'iot-top: Invalid --pane "nope": expected one of alarms, metrics, logs, resources.'],
		[['--window', '90d'], 'iot-top: Invalid --window "90d": expected a duration from 15m to 24h such as 15m, 1h or 6h.'],
		// The examples are windows: 5m is not one.
		[['--window', '5m'], 'iot-top: Invalid --window "5m": expected a duration from 15m to 24h such as 15m, 1h or 6h.'],
		[
			['--window', '24h', '--period', '10'],
			'iot-top: Invalid --window 24h with --period 10: at most 1440 points per metric are drawn, so --window can be at most 4h with this --period (or use a longer --period).',
		],
		[
			['--period', '45'],
			'iot-top: Invalid --period "45": expected a multiple of 60 seconds from 60 to 86400 (or 1, 5, 10, 30 for high-resolution metrics).',
		],
		[['--log-buffer', 'lots'], 'iot-top: Invalid --log-buffer "lots": expected a whole number from 100 to 1000000.'],
		[['--region', 'us_east'], 'iot-top: Invalid --region "us_east": expected an AWS region name such as us-east-1 or eu-west-2.'],
		[['--profile', ''], 'iot-top: Invalid --profile "": expected the name of a profile in ~/.aws/config.'],
		[
			['--log-group', 'bad group'],
			'iot-top: Invalid --log-group "bad group": expected a log group name of letters, digits and _ - . / # (1 to 512 characters).',
		],
		[
			['--snapshot-dir', '/no/such/dir'],
			'iot-top: Invalid --snapshot-dir "/no/such/dir": /no/such/dir is not an existing directory; expected one for the s key\'s snapshots.',
		],
		[['--snapshot-dir', ''], 'iot-top: Invalid --snapshot-dir "": expected a directory for the s key\'s snapshots.'],
		[['--log-file', ''], 'iot-top: Invalid --log-file "": expected a file name for warnings and errors.'],
		[
			['--config', '/no/such/config.json'],
			'iot-top: Cannot read config file /no/such/config.json (ENOENT): pass --config with a readable JSON file.',
		],
		// Options meow would print over two lines, or throw on with a stack trace.
		[['--bogus'], 'iot-top: Unknown option --bogus: see iot-top --help for the options.'],
		[['--intervl', '5s'], 'iot-top: Unknown option --intervl (did you mean --interval?): see iot-top --help for the options.'],
		[['--logGroup', 'x'], 'iot-top: Unknown option --logGroup (did you mean --log-group?): see iot-top --help for the options.'],
		[['-h'], 'iot-top: Unknown option -h: iot-top has long options only; see iot-top --help.'],
		[['--interval'], 'iot-top: Missing value for --interval: expected a duration from 1s to 1h, such as --interval 5s.'],
		[['--interval', '--demo'], 'iot-top: Missing value for --interval: expected a duration from 1s to 1h, such as --interval 5s.'],
		[['--log-group'], 'iot-top: Missing value for --log-group: expected a log group name, such as --log-group AWSIotLogsV2.'],
		[['snapshot', '--output'], 'iot-top: Missing value for --output: expected a file or - for stdout, such as --output fleet.json.'],
		[['--interval', '5s', '--interval', '10s'], 'iot-top: --interval is given twice ("5s" and "10s"): give it once.'],
		[['--demo=yes'], 'iot-top: Invalid --demo=yes: --demo takes no value; use --demo or --no-demo.'],
		[['--utc=maybe'], 'iot-top: Invalid --utc=maybe: --utc takes no value; use --utc or --no-utc.'],
		[['--no-interval'], 'iot-top: Invalid --no-interval: --interval takes a value, a duration from 1s to 1h, such as --interval 5s.'],
		// A value that starts with - is a value, not an option.
		[['--since', '-5m'], 'iot-top: Invalid --since "-5m": expected a duration from 0s to 24h such as 5m, 30m or 2h.'],
		[['--port', '4566'], 'iot-top: --port belongs to the simulate command: iot-top simulate --port 4566.'],
		[['--things', '50'], 'iot-top: --things works with --demo (or the simulate command): it sets up the built-in simulator.'],
		[
			['--endpoint-url', 'not a url'],
			'iot-top: Invalid --endpoint-url "not a url": expected an http:// or https:// URL such as http://localhost:4566.',
		],
		[['--log-interval', '10m'], 'iot-top: Invalid --log-interval "10m": expected a duration from 1s to 5m such as 2s, 10s or 1m.'],
		[['--since', 'soon'], 'iot-top: Invalid --since "soon": expected a duration from 0s to 24h such as 5m, 30m or 2h.'],
		[['frobnicate'], 'iot-top: Unknown command "frobnicate": expected no command, "snapshot" or "simulate" (see iot-top --help).'],
		[['simulate', '--port', 'x'], 'iot-top: Invalid --port "x": expected a whole number from 0 to 65535.'],
		[['snapshot', '--format', 'pdf'], 'iot-top: Invalid --format "pdf": expected one of json, text, svg, markdown.'],
		[['snapshot', '--size', '10x10'], 'iot-top: Invalid --size "10x10": expected COLUMNSxROWS from 80x24 to 500x200, such as 120x36.'],
		[['--format', 'json'], 'iot-top: --format belongs to the snapshot command: iot-top snapshot --format json.'],
		[
			['--fault', 'logs=denied'],
			'iot-top: --fault works with --demo (or the simulate command): it injects faults into the built-in simulator.',
		],
		[['--demo', '--fault', 'logs=explode'], null],
	] as Array<[string[], string | null]>)('%j: one sentence, exit 2, no stack trace', async (args, message) => {
		const result = await runCli(args);
		expect(result.code).toBe(2);
		if (message) expect(result.stderr).toBe(`${message}\n`);
		expect(result.stderr.trim().split('\n')).toHaveLength(1);
		expect(result.stderr).toMatch(/^iot-top: /);
		expect(result.stdout).toBe('');
	});

	it.each([
		['{"interval": true}', 'key interval is true; expected a duration such as "5s" or "2m", or a number of seconds.'],
		['{"utc": "yes"}', 'key utc is "yes"; expected true or false.'],
		['{"pane": "nope"}', 'Invalid config file {file}: pane "nope": expected one of alarms, metrics, logs, resources.'],
		['{"window": "5m"}', 'Invalid config file {file}: window "5m": expected a duration from 15m to 24h such as 15m, 1h or 6h.'],
		['{"logGroups": []}', 'key logGroups is []; expected a list of one or more log group names such as ["AWSIotLogsV2"].'],
		[
			'{"metrics": [{"namespace": "Fleet", "metricName": "Temp", "dims": {}}]}',
			'key metrics.0: unknown key "dims"; allowed keys are label, namespace, metricName, dimensions, statistic, period, unit.',
		],
		[
			'{"metrics": [{"namespace": "Fleet", "metricName": "Temp", "period": 45}]}',
			'Invalid config file {file}: metrics.0.period "45": expected a multiple of 60 seconds',
		],
		[
			'{"colour": false}',
			'key (top level): unknown key "colour"; allowed keys are profile, region, endpointUrl, interval, window, period, pane, logGroups',
		],
	])('config file %s: one line naming the key, its value and what it takes, exit 2', async (content, message) => {
		const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'iot-top-config-')), 'config.json');
		fs.writeFileSync(file, content);
		const result = await runCli(['--config', file]);
		expect(result.code).toBe(2);
		expect(result.stderr.trim().split('\n')).toHaveLength(1);
		expect(result.stderr).toContain(message.replace('{file}', file));
		expect(result.stderr).toContain(file);
	});

	it('prints the version and the help', async () => {
		const version = await runCli(['--version']);
		expect(version.code).toBe(0);
		expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
		const help = await runCli(['--help']);
		expect(help.code).toBe(0);
		for (const flag of [
			'--profile',
			'--region',
			'--endpoint-url',
			'--interval',
			'--log-interval',
			'--since',
			'--pane',
			'--demo',
			'--no-color',
			'--utc',
			'simulate',
		])
			expect(help.stdout).toContain(flag);
		// With a command or other flags too: help, not a simulator or the app.
		for (const args of [
			['simulate', '--help'],
			['snapshot', '--format', 'json', '--help'],
			['--demo', '--help'],
		]) {
			const result = await runCli(args);
			expect(result.code, args.join(' ')).toBe(0);
			expect(result.stdout, args.join(' ')).toBe(help.stdout);
		}
		const simulateVersion = await runCli(['simulate', '--version']);
		expect(simulateVersion.code).toBe(0);
		expect(simulateVersion.stdout).toBe(version.stdout);
	});

	it('refuses to draw when stdout is not a terminal, naming what to do', async () => {
		const result = await runCli(['--demo']);
		expect(result.code).toBe(2);
		expect(result.stderr).toMatch(/^iot-top: stdout is not a terminal: .*use `iot-top snapshot --format json\|text\|svg\|markdown`/);
		expect(result.stderr.trim().split('\n')).toHaveLength(1);
	});

	it('`simulate` serves the simulator for other tools until stopped', async () => {
		const child = spawn(process.execPath, [CLI, 'simulate', '--port', '0', '--seed', '7', '--things', '42'], {
			cwd: ROOT,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let output = '';
		const url = await new Promise<string>((resolve, reject) => {
			child.stdout.on('data', (chunk: Buffer) => {
				output += chunk.toString();
				const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
				if (match) resolve(match[1]);
			});
			child.on('exit', () => reject(new Error(`simulator exited: ${output}`)));
		});
		const iot = new IoTClient({region: 'us-east-1', endpoint: url, credentials: {accessKeyId: 'test', secretAccessKey: 'test'}});
		let count = 0;
		let nextToken: string | undefined;
		do {
			const page = await iot.send(new ListThingsCommand({maxResults: 25, nextToken}));
			count += page.things?.length ?? 0;
			nextToken = page.nextToken;
		} while (nextToken);
		expect(count).toBe(42);
		iot.destroy();
		const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
		child.kill('SIGTERM');
		expect(await exit).toBe(0);
	});
});

describe('iot-top snapshot', () => {
	const logFile = path.join(os.tmpdir(), `iot-top-cli-test-${process.pid}.log`);

	it('prints JSON with stdout piped and exits 0; nothing else on stderr', async () => {
		const result = await runCli(['snapshot', '--demo', '--format', 'json', '--log-file', logFile]);
		expect(result.stderr).toBe('');
		expect(result.code).toBe(0);
		const json = JSON.parse(result.stdout) as {schemaVersion: number; alarms: {items: unknown[]}; resources: {things: {items: unknown[]}}};
		expect(json.schemaVersion).toBe(3);
		expect(json.alarms.items.length).toBeGreaterThan(0);
		expect(json.resources.things.items.length).toBeGreaterThan(0);
	});

	it.each([[['--output', '-']], [['--output=-']]])('%j writes to stdout', async (output) => {
		const result = await runCli(['snapshot', '--demo', '--format', 'text', ...output, '--log-file', logFile]);
		expect(result.stderr).toBe('');
		expect(result.code).toBe(0);
		expect(result.stdout).toMatch(/^iot-top snapshot \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z · demo/);
	});

	it('times: the SVG, a screen, in the local zone (TZ) and naming it; --utc in UTC; the text and JSON in UTC whatever TZ is', async () => {
		const env = {TZ: 'Asia/Kolkata'};
		const local = await runCli(['snapshot', '--demo', '--format', 'svg', '--log-file', logFile], {env});
		const utc = await runCli(['snapshot', '--demo', '--format', 'svg', '--utc', '--log-file', logFile], {env});
		const text = await runCli(['snapshot', '--demo', '--format', 'text', '--log-file', logFile], {env});
		for (const result of [local, utc, text]) expect([result.code, result.stderr]).toEqual([0, '']);
		/** The header's `updated HH:MM:SS` and the zone after it, with the UTC time the snapshot was taken (its title). */
		const header = (svg: string) => {
			const texts = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((match) => match[1]).join(' ');
			const [, time, zone] = /updated (\d\d:\d\d:\d\d) │ (\S+) │/.exec(texts) ?? [];
			const taken = /<title>iot-top \S+ (\S+)<\/title>/.exec(svg)![1];
			return {time, zone, taken: Date.parse(taken)};
		};
		/** Seconds from the clock time `shown` back to `taken` shifted by `offsetMinutes`: small and not negative when right. */
		const behind = (shown: string, taken: number, offsetMinutes: number) => {
			const clock = new Date(taken + offsetMinutes * 60_000).toISOString().slice(11, 19);
			const seconds = (hms: string) => hms.split(':').reduce((total, part) => total * 60 + Number(part), 0);
			return (seconds(clock) - seconds(shown) + 86_400) % 86_400;
		};
		const inKolkata = header(local.stdout);
		expect(inKolkata.zone).toBe('UTC+05:30');
		expect(behind(inKolkata.time, inKolkata.taken, 330)).toBeLessThan(60);
		const inUtc = header(utc.stdout);
		expect(inUtc.zone).toBe('UTC');
		expect(behind(inUtc.time, inUtc.taken, 0)).toBeLessThan(60);
		expect(text.stdout).toMatch(/^TIME \(UTC\) +LEVEL/m);
		const [, generated] = /^iot-top snapshot (\S+Z) /.exec(text.stdout)!;
		const firstEvent = /^(\d\d:\d\d:\d\d) +(INFO|WARN|ERROR|DEBUG)/m.exec(text.stdout)![1];
		expect(behind(firstEvent, Date.parse(generated), 0)).toBeLessThan(15 * 60);
	});

	it.each([
		['NO_COLOR=1', ['--format', 'svg'], {NO_COLOR: '1'}],
		['--no-color', ['--format', 'svg', '--no-color'], {}],
	])("%s: the SVG has no colour but keeps bold and reverse (the focused pane's title, the selection)", async (_, args, env) => {
		const result = await runCli(['snapshot', '--demo', ...args, '--log-file', logFile], {env});
		expect([result.code, result.stderr]).toEqual([0, '']);
		const fills = new Set([...result.stdout.matchAll(/fill="(#[0-9a-f]{6})"/g)].map((match) => match[1]));
		// The terminal's default foreground and background only, swapped where reversed.
		expect([...fills].sort()).toEqual(['#101418', '#d0d0d0']);
		expect(result.stdout).toMatch(/<rect [^>]*fill="#d0d0d0"/);
		expect(result.stdout).toContain('font-weight="bold"');
		expect(result.stdout).toMatch(/<text [^>]*>┏━<\/text>/);
	});

	it('writes --output atomically and exits 1 when a source failed, still holding what worked', async () => {
		const output = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'iot-top-out-')), 'fleet.md');
		const result = await runCli([
			'snapshot',
			'--demo',
			'--fault',
			'logs=denied',
			'--format',
			'markdown',
			'--output',
			output,
			'--log-file',
			logFile,
		]);
		expect(result.code).toBe(1);
		expect(result.stdout).toBe('');
		expect(result.stderr).toBe(
			'iot-top: logs: Access denied to logs:FilterLogEvents: allow the IAM action logs:FilterLogEvents for this role or user.\n',
		);
		const markdown = fs.readFileSync(output, 'utf8');
		expect(markdown).toContain('ERROR: Access denied to logs:FilterLogEvents');
		expect(markdown).toMatch(/^\| OK \| iot-/m);
		expect(fs.readdirSync(path.dirname(output))).toEqual(['fleet.md']);
	});

	it('exits 1 when the alarms fail: one line on stderr that promises no retry, and the counts null, never 0', async () => {
		const result = await runCli([
			'snapshot',
			'--demo',
			'--fault',
			'cloudwatch:DescribeAlarms=error:503',
			'--format',
			'json',
			'--log-file',
			logFile,
		]);
		expect(result.code).toBe(1);
		expect(result.stderr).toBe('iot-top: alarms: AWS had a server error on cloudwatch:DescribeAlarms (HTTP 503 ServiceUnavailable).\n');
		const json = JSON.parse(result.stdout) as {alarms: {summary: Record<string, number | null>; error: {kind: string}}};
		expect(json.alarms.summary).toEqual({alarm: null, insufficient: null, ok: null, other: null});
		expect(json.alarms.error.kind).toBe('transient');
		expect(`${result.stdout}${result.stderr}`).not.toMatch(/retry/i);
	});

	it.skipIf(!MOTO_AVAILABLE)(
		'against moto, an operation it does not implement (ListCACertificates) is a note on stderr, not a failure: exit 0',
		async () => {
			const moto = await startMoto();
			try {
				// Seeding: the log group the snapshot reads (the app itself never creates anything).
				const seed = clientsFor(moto.url);
				await seed.logs.send(new CreateLogGroupCommand({logGroupName: 'AWSIotLogsV2'}));
				seed.destroy();
				const env = {AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_PROFILE: '', AWS_REGION: 'us-east-1'};
				const result = await runCli(
					['snapshot', '--endpoint-url', moto.url, '--region', 'us-east-1', '--format', 'json', '--log-file', logFile],
					{env},
				);
				expect(result.stderr).toBe(
					'iot-top: note: resources caCertificates: iot:ListCACertificates is not available from this endpoint. Not counted as a failure.\n',
				);
				expect(result.code).toBe(0);
				const json = JSON.parse(result.stdout) as {
					resources: {caCertificates: {error: {kind: string; operation: string}}};
					alarms: {error: null};
				};
				expect(json.resources.caCertificates.error).toMatchObject({kind: 'unavailable', operation: 'iot:ListCACertificates'});
				expect(json.alarms.error).toBeNull();
				expect(`${result.stdout}${result.stderr}`).not.toMatch(/retry|Cannot reach/i);
			} finally {
				await moto.stop();
			}
		},
	);

	it('stops quietly when the reader goes away (| head)', async () => {
		const {spawnSync} = await import('node:child_process');
		const result = spawnSync(
			'bash',
			['-c', `node ${JSON.stringify(CLI)} snapshot --demo --format text --log-file ${logFile} | head -1; echo "status=\${PIPESTATUS[0]}"`],
			{encoding: 'utf8', env: {...process.env, AWS_EC2_METADATA_DISABLED: 'true'}},
		);
		expect(result.stdout).toMatch(/^iot-top snapshot /);
		expect(result.stdout).toMatch(/status=0/);
		expect(result.stderr).toBe('');
	});
});
