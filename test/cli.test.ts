// The built CLI as a user runs it: exit codes and one-sentence errors.
import {spawn} from 'node:child_process';
import {IoTClient, ListThingsCommand} from '@aws-sdk/client-iot';
import {describe, expect, it} from 'vitest';
import {CLI, ROOT, runCli} from './helpers/cli.js';

describe('iot-top command line', () => {
	it.each([
		[['--interval', 'banana'], 'iot-top: Invalid --interval "banana": expected a duration from 1s to 1h such as 5s, 2m or 1h.'],
		[['--pane', 'nope'], 'iot-top: Invalid --pane "nope": expected one of alarms, metrics, logs, resources.'],
		[['--window', '90d'], 'iot-top: Invalid --window "90d": expected a duration from 15m to 24h such as 5s, 2m or 1h.'],
		[['--endpoint-url', 'not a url'], 'iot-top: Invalid --endpoint-url "not a url": expected an http:// or https:// URL such as http://localhost:4566.'],
		[['frobnicate'], 'iot-top: Unknown command "frobnicate": expected no command or "simulate" (see iot-top --help).'],
		[['simulate', '--port', 'x'], 'iot-top: Invalid --port "x": expected a whole number from 0 to 65535.'],
	])('%j: one sentence, exit 2, no stack trace', async (args, message) => {
		const result = await runCli(args);
		expect(result.code).toBe(2);
		expect(result.stderr).toBe(`${message}\n`);
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
		for (const flag of ['--profile', '--region', '--endpoint-url', '--interval', '--pane', '--demo', 'simulate']) expect(help.stdout).toContain(flag);
	});

	it('refuses to draw when stdout is not a terminal, naming what to do', async () => {
		const result = await runCli(['--demo']);
		expect(result.code).toBe(2);
		expect(result.stderr).toMatch(/^iot-top: stdout is not a terminal: .*run it in a terminal/);
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
