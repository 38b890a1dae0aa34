// The benchmarks' simulator (bench/simulator.mjs) is a process of its own: it must not outlive a
// bench script that dies.
import {spawn} from 'node:child_process';
import {fileURLToPath, pathToFileURL} from 'node:url';
import {describe, expect, it} from 'vitest';

const simulatorModule = pathToFileURL(fileURLToPath(new URL('../../bench/simulator.mjs', import.meta.url))).href;

function alive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

describe('startSim', () => {
	it('stops the simulator when the script that started it dies of an uncaught error', async () => {
		const script = `
			import {startSim} from ${JSON.stringify(simulatorModule)};
			const sim = await startSim();
			const response = await fetch(sim.url + '/__sim/calls');
			process.stdout.write(String(sim.pid) + ' ' + response.status + '\\n');
			throw new Error('the bench script failed');
		`;
		// The script's exit, not the end of its output: a simulator left behind holds that open.
		const output = await new Promise<string>((resolve) => {
			const child = spawn(process.execPath, ['--input-type=module', '-e', script], {stdio: ['ignore', 'pipe', 'ignore']});
			let stdout = '';
			child.stdout.on('data', (data: Buffer) => {
				stdout += String(data);
			});
			child.once('exit', () => resolve(stdout));
		});
		const [pid, status] = output.trim().split(' ').map(Number);
		expect(status).toBe(200);
		const until = Date.now() + 5000;
		while (alive(pid) && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 50));
		const left = alive(pid);
		if (left) process.kill(pid, 'SIGKILL');
		expect(left).toBe(false);
	});
});
