/* global fetch */
// The simulator for the benchmarks: `iot-top simulate` (the BUILT CLI) in its own process on a
// free port of 127.0.0.1, so the app's CPU and memory are measured alone.
import {spawn} from 'node:child_process';
import net from 'node:net';
import {fileURLToPath} from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

export function freePort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const {port} = server.address();
			server.close(() => resolve(port));
		});
	});
}

/** `iot-top simulate` in its own process (faults: --fault specs, e.g. '*=latency:50'); resolves once it listens. */
export async function startSim({things = 300, alarms = 0, logRate = 20, seed = 7, faults = []} = {}) {
	const port = await freePort();
	const faultArgs = faults.flatMap((fault) => ['--fault', fault]);
	const child = spawn(
		process.execPath,
		[
			'dist/cli.js',
			'simulate',
			'--port',
			String(port),
			'--seed',
			String(seed),
			'--things',
			String(things),
			'--alarms',
			String(alarms),
			'--log-rate',
			String(logRate),
			...faultArgs,
		],
		{
			cwd: root,
			stdio: ['ignore', 'pipe', 'inherit'],
		},
	);
	await new Promise((resolve, reject) => {
		let out = '';
		child.stdout.on('data', (data) => {
			out += data;
			if (out.includes('listening on')) resolve();
		});
		child.once('exit', (code) => reject(new Error(`simulator exited (${code}): ${out}`)));
	});
	// A bench script that dies (an uncaught error, a failed wait) takes its simulator with it:
	// left alone it would serve a log flood on its port until someone found it.
	const stop = () => child.kill('SIGTERM');
	process.on('exit', stop);
	const url = `http://127.0.0.1:${port}`;
	return {
		url,
		pid: child.pid,
		async calls(reset = false) {
			const response = await fetch(`${url}/__sim/calls`, {method: reset ? 'DELETE' : 'GET'});
			return response.json();
		},
		/** Alarms the simulator holds (its own DescribeAlarms, paged as the app must). */
		async alarmCount() {
			let token;
			let count = 0;
			do {
				const response = await fetch(url, {
					method: 'POST',
					headers: {'Content-Type': 'application/x-amz-json-1.0', 'X-Amz-Target': 'GraniteServiceVersion20100801.DescribeAlarms'},
					body: JSON.stringify({MaxRecords: 100, AlarmTypes: ['MetricAlarm', 'CompositeAlarm'], NextToken: token}),
				});
				const body = await response.json();
				count += (body.MetricAlarms?.length ?? 0) + (body.CompositeAlarms?.length ?? 0);
				token = body.NextToken;
			} while (token);
			return count;
		},
		close() {
			process.off('exit', stop);
			stop();
			return new Promise((resolve) => child.once('exit', resolve));
		},
	};
}
