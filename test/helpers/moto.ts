// moto, an AWS emulator nobody here wrote, for the conformance tests (test/conformance/): one
// server per test file on a free 127.0.0.1 port, stopped with its whole process group. Where
// python3 cannot import moto the suite is skipped with one line saying why, unless
// IOT_TOP_REQUIRE_MOTO=1 (CI) makes that a failure.
import {spawn, spawnSync, type ChildProcess} from 'node:child_process';
import net from 'node:net';

export const REQUIRE_MOTO_ENV = 'IOT_TOP_REQUIRE_MOTO';

const INSTALL_HINT = "pip install 'moto[server]' (moto 5.2 is what CI's image carries)";

export type MotoAvailability = {available: true} | {available: false; reason: string};

/**
 * Whether python3 can import moto's server. Missing moto is a skip with one clear line, or,
 * with IOT_TOP_REQUIRE_MOTO=1, an error thrown at the test file's import (a red file, not a
 * quiet skip).
 */
export function motoAvailability(options: {env?: NodeJS.ProcessEnv; python?: string; quiet?: boolean} = {}): MotoAvailability {
	const {env = process.env, python = 'python3'} = options;
	const probe = spawnSync(python, ['-c', 'import moto, moto.server'], {encoding: 'utf8', timeout: 30_000});
	if (probe.status === 0) return {available: true};
	const why = probe.error
		? `${python} cannot be run (${probe.error.message})`
		: `${python} cannot import moto.server (${lastLine(probe.stderr) || `exit ${probe.status}`})`;
	if (env[REQUIRE_MOTO_ENV] === '1') {
		throw new Error(`${REQUIRE_MOTO_ENV}=1 but ${why}: the conformance tests need moto; ${INSTALL_HINT}.`);
	}
	const reason = `conformance tests skipped: ${why}; ${INSTALL_HINT}, or set ${REQUIRE_MOTO_ENV}=1 to make this a failure.`;
	// One line for the suite: the other files that need moto ask quietly.
	if (!options.quiet) console.warn(reason);
	return {available: false, reason};
}

function lastLine(text: string | null | undefined): string {
	return (text ?? '').trim().split('\n').at(-1)?.trim() ?? '';
}

export type MotoServer = {
	url: string;
	port: number;
	pid: number;
	/** Stops the server and everything it started (its process group); safe to call twice. */
	stop(): Promise<void>;
};

/** A port nothing listens on now, on 127.0.0.1. */
export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const {port} = server.address() as net.AddressInfo;
			server.close(() => resolve(port));
		});
	});
}

// Asks the kernel to SIGTERM moto if the test process dies without cleaning up (a killed
// worker cannot run afterAll), then becomes moto's server: no orphan outlives its test file.
export const MOTO_LAUNCH = [
	'import ctypes, os, signal, sys',
	'try:',
	'    ctypes.CDLL(None).prctl(1, signal.SIGTERM)',
	'except (AttributeError, OSError):',
	'    pass',
	'if os.getppid() == 1:',
	'    sys.exit(1)',
	"os.execvp(sys.executable, [sys.executable, '-m', 'moto.server', '-H', '127.0.0.1', '-p', sys.argv[1]])",
].join('\n');

const live = new Set<ChildProcess>();
let exitHookInstalled = false;

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
	if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
	try {
		process.kill(-child.pid, signal);
	} catch {
		// The group is already gone.
	}
}

async function answers(url: string): Promise<boolean> {
	try {
		const response = await fetch(`${url}/moto-api/data.json`, {signal: AbortSignal.timeout(2000)});
		await response.arrayBuffer();
		return response.ok;
	} catch {
		return false;
	}
}

/** Starts `python3 -m moto.server` on a free 127.0.0.1 port and resolves once it answers. */
export async function startMoto(options: {timeoutMs?: number} = {}): Promise<MotoServer> {
	const port = await freePort();
	const url = `http://127.0.0.1:${port}`;
	// Its own process group (detached), so stop() reaches whatever moto starts.
	const child = spawn('python3', ['-c', MOTO_LAUNCH, String(port)], {detached: true, stdio: ['ignore', 'ignore', 'pipe']});
	live.add(child);
	if (!exitHookInstalled) {
		exitHookInstalled = true;
		process.once('exit', () => {
			for (const running of live) killGroup(running, 'SIGKILL');
		});
	}
	let stderr = '';
	child.stderr?.on('data', (chunk: Buffer) => {
		stderr = (stderr + chunk.toString()).slice(-4000);
	});
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	let stopping: Promise<void> | undefined;
	const stop = () => {
		stopping ??= (async () => {
			killGroup(child, 'SIGTERM');
			const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 5000);
			await exited;
			clearTimeout(timer);
			// A grandchild that ignored SIGTERM goes with the group.
			killGroup(child, 'SIGKILL');
			live.delete(child);
		})();
		return stopping;
	};

	const deadline = Date.now() + (options.timeoutMs ?? 30_000);
	for (;;) {
		if (child.exitCode !== null || child.signalCode !== null) {
			live.delete(child);
			throw new Error(`moto's server exited before answering on ${url}: ${lastLine(stderr) || 'no output'}`);
		}
		if (await answers(url)) break;
		if (Date.now() > deadline) {
			await stop();
			throw new Error(
				`moto's server did not answer on ${url} within ${options.timeoutMs ?? 30_000} ms: ${lastLine(stderr) || 'no output'}`,
			);
		}
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	return {url, port, pid: child.pid!, stop};
}

/** For tests outside the conformance suite that also use moto: skipped quietly without it (the suite says why once). */
export const MOTO_AVAILABLE = motoAvailability({quiet: true}).available;
