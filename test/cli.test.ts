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
		[['--interval', 'banana'], 'iot-top: Invalid --interval "banana": expected a duration from 1s to 1h such as 5s, 2m or 1h.'],
		[['--pane', 'nope'], 'iot-top: Invalid --pane "nope": expected one of alarms, metrics, logs, resources.'],
		[['--window', '90d'], 'iot-top: Invalid --window "90d": expected a duration from 15m to 24h such as 5s, 2m or 1h.'],
		[['--endpoint-url', 'not a url'], 'iot-top: Invalid --endpoint-url "not a url": expected an http:// or https:// URL such as http://localhost:4566.'],
		[['--log-interval', '10m'], 'iot-top: Invalid --log-interval "10m": expected a duration from 1s to 5m such as 2s, 10s or 1m.'],
		[['--since', 'soon'], 'iot-top: Invalid --since "soon": expected a duration from 0s to 24h such as 5m, 30m or 2h.'],
		[['frobnicate'], 'iot-top: Unknown command "frobnicate": expected no command, "snapshot" or "simulate" (see iot-top --help).'],
		[['simulate', '--port', 'x'], 'iot-top: Invalid --port "x": expected a whole number from 0 to 65535.'],
		[['snapshot', '--format', 'pdf'], 'iot-top: Invalid --format "pdf": expected one of json, text, svg, markdown.'],
		[['snapshot', '--size', '10x10'], 'iot-top: Invalid --size "10x10": expected COLUMNSxROWS from 80x24 to 500x200, such as 120x36.'],
		[['--format', 'json'], 'iot-top: --format belongs to the snapshot command: iot-top snapshot --format json.'],
		[['--fault', 'logs=denied'], 'iot-top: --fault works with --demo (or the simulate command): it injects faults into the built-in simulator.'],
		[['--demo', '--fault', 'logs=explode'], null],
	] as Array<[string[], string | null]>)('%j: one sentence, exit 2, no stack trace', async (args, message) => {
		const result = await runCli(args);
		expect(result.code).toBe(2);
		if (message) expect(result.stderr).toBe(`${message}\n`);
		expect(result.stderr.trim().split('\n')).toHaveLength(1);
		expect(result.stderr).toMatch(/^iot-top: /);
		expect(result.stdout).toBe('');
	});

	it('rejects an unknown flag with exit 2', async () => {
		const result = await runCli(['--bogus']);
		expect(result.code).toBe(2);
		expect(result.stderr).toMatch(/Unknown flag/);
		expect(result.stderr).not.toMatch(/\n\s+at /);
	});

	it('prints the version and the help', async () => {
		const version = await runCli(['--version']);
		expect(version.code).toBe(0);
		expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
		const help = await runCli(['--help']);
		expect(help.code).toBe(0);
		for (const flag of ['--profile', '--region', '--endpoint-url', '--interval', '--log-interval', '--since', '--pane', '--demo', 'simulate']) expect(help.stdout).toContain(flag);
		// With a command or other flags too: help, not a simulator or the app.
		for (const args of [['simulate', '--help'], ['snapshot', '--format', 'json', '--help'], ['--demo', '--help']]) {
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
		const child = spawn(process.execPath, [CLI, 'simulate', '--port', '0', '--seed', '7', '--things', '42'], {cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe']});
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
		expect(json.schemaVersion).toBe(2);
		expect(json.alarms.items.length).toBeGreaterThan(0);
		expect(json.resources.things.items.length).toBeGreaterThan(0);
	});

	it('writes --output atomically and exits 1 when a source failed, still holding what worked', async () => {
		const output = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'iot-top-out-')), 'fleet.md');
		const result = await runCli(['snapshot', '--demo', '--fault', 'logs=denied', '--format', 'markdown', '--output', output, '--log-file', logFile]);
		expect(result.code).toBe(1);
		expect(result.stdout).toBe('');
		expect(result.stderr).toBe('iot-top: logs: Access denied to logs:FilterLogEvents: allow the IAM action logs:FilterLogEvents for this role or user.\n');
		const markdown = fs.readFileSync(output, 'utf8');
		expect(markdown).toContain('ERROR: Access denied to logs:FilterLogEvents');
		expect(markdown).toMatch(/^\| OK \| iot-/m);
		expect(fs.readdirSync(path.dirname(output))).toEqual(['fleet.md']);
	});

	it('exits 1 when the alarms fail: one line on stderr that promises no retry, and the counts null, never 0', async () => {
		const result = await runCli(['snapshot', '--demo', '--fault', 'cloudwatch:DescribeAlarms=error:503', '--format', 'json', '--log-file', logFile]);
		expect(result.code).toBe(1);
		expect(result.stderr).toBe('iot-top: alarms: AWS had a server error on cloudwatch:DescribeAlarms (HTTP 503 ServiceUnavailable).\n');
		const json = JSON.parse(result.stdout) as {alarms: {summary: Record<string, number | null>; error: {kind: string}}};
		expect(json.alarms.summary).toEqual({alarm: null, insufficient: null, ok: null, other: null});
		expect(json.alarms.error.kind).toBe('transient');
		expect(`${result.stdout}${result.stderr}`).not.toMatch(/retry/i);
	});

	it.skipIf(!MOTO_AVAILABLE)('against moto, an operation it does not implement (ListCACertificates) is a note on stderr, not a failure: exit 0', async () => {
		const moto = await startMoto();
		try {
			// Seeding: the log group the snapshot reads (the app itself never creates anything).
			const seed = clientsFor(moto.url);
			await seed.logs.send(new CreateLogGroupCommand({logGroupName: 'AWSIotLogsV2'}));
			seed.destroy();
			const env = {AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_PROFILE: '', AWS_REGION: 'us-east-1'};
			const result = await runCli(['snapshot', '--endpoint-url', moto.url, '--region', 'us-east-1', '--format', 'json', '--log-file', logFile], {env});
			expect(result.stderr).toBe('iot-top: note: resources caCertificates: iot:ListCACertificates is not available from this endpoint. Not counted as a failure.\n');
			expect(result.code).toBe(0);
			const json = JSON.parse(result.stdout) as {resources: {caCertificates: {error: {kind: string; operation: string}}}; alarms: {error: null}};
			expect(json.resources.caCertificates.error).toMatchObject({kind: 'unavailable', operation: 'iot:ListCACertificates'});
			expect(json.alarms.error).toBeNull();
			expect(`${result.stdout}${result.stderr}`).not.toMatch(/retry|Cannot reach/i);
		} finally {
			await moto.stop();
		}
	});

	it('stops quietly when the reader goes away (| head)', async () => {
		const {spawnSync} = await import('node:child_process');
		const result = spawnSync('bash', ['-c', `node ${JSON.stringify(CLI)} snapshot --demo --format text --log-file ${logFile} | head -1; echo "status=\${PIPESTATUS[0]}"`], {encoding: 'utf8', env: {...process.env, AWS_EC2_METADATA_DISABLED: 'true'}});
		expect(result.stdout).toMatch(/^iot-top snapshot /);
		expect(result.stdout).toMatch(/status=0/);
		expect(result.stderr).toBe('');
	});
});
