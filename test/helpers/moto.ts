// moto (an independent AWS emulator, installed on the machine image) on a free port of
// 127.0.0.1: the outside check on what the app believes about AWS's answers.
import {spawn, spawnSync, type ChildProcess} from 'node:child_process';
import net from 'node:net';

export type Moto = {url: string; close(): Promise<void>};

/** Whether `python3 -m moto.server` can run here (tests that need it skip, saying so, when not). */
export const MOTO_AVAILABLE = spawnSync('python3', ['-c', 'import moto.server'], {stdio: 'ignore'}).status === 0;

async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const {port} = server.address() as net.AddressInfo;
			server.close(() => resolve(port));
		});
	});
}

async function answers(url: string): Promise<boolean> {
	try {
		await fetch(`${url}/moto-api/`);
		return true;
	} catch {
		return false;
	}
}

/** Starts moto and waits until it answers; close() stops that process only. */
export async function startMoto(timeoutMs = 20_000): Promise<Moto> {
	const port = await freePort();
	const url = `http://127.0.0.1:${port}`;
	const child: ChildProcess = spawn('python3', ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)], {stdio: 'ignore'});
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	const deadline = Date.now() + timeoutMs;
	while (!(await answers(url))) {
		if (child.exitCode !== null || Date.now() > deadline) {
			child.kill('SIGKILL');
			throw new Error(`moto did not start on ${url}`);
		}
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	return {
		url,
		async close() {
			if (child.exitCode === null) child.kill('SIGTERM');
			await exited;
		},
	};
}
