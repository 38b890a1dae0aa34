// The moto helper: a missing moto is one clear line and a skip (or, with IOT_TOP_REQUIRE_MOTO=1,
// a failure); a started server answers, and leaves no process behind, not even when the test
// process dies without stopping it.
import {spawn} from 'node:child_process';
import {afterEach, describe, expect, it, vi} from 'vitest';
import {freePort, MOTO_LAUNCH, motoAvailability, REQUIRE_MOTO_ENV, startMoto} from '../helpers/moto.js';

const moto = motoAvailability({quiet: true});

function alive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!(await condition())) {
		if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 50));
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

afterEach(() => {
	vi.restoreAllMocks();
});

describe('without moto', () => {
	it('skips with one line saying why and how to get moto', () => {
		const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
		const availability = motoAvailability({env: {}, python: '/nonexistent/python3'});
		expect(availability.available).toBe(false);
		expect(warn).toHaveBeenCalledTimes(1);
		const line = String(warn.mock.calls[0][0]);
		expect(line).not.toContain('\n');
		expect(line).toMatch(
			/conformance tests skipped: \/nonexistent\/python3 cannot be run .*pip install 'moto\[server\]'.*IOT_TOP_REQUIRE_MOTO=1/,
		);
	});

	it(`fails instead when ${REQUIRE_MOTO_ENV}=1 (CI)`, () => {
		const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
		expect(() => motoAvailability({env: {[REQUIRE_MOTO_ENV]: '1'}, python: '/nonexistent/python3'})).toThrow(
			/IOT_TOP_REQUIRE_MOTO=1 but \/nonexistent\/python3 cannot be run.*pip install/,
		);
		expect(warn).not.toHaveBeenCalled();
	});
});

describe.skipIf(!moto.available)('a moto server', () => {
	it('answers on its 127.0.0.1 port, and stop() ends its whole process group', async () => {
		const server = await startMoto();
		expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
		expect(await answers(server.url)).toBe(true);
		await server.stop();
		expect(alive(server.pid)).toBe(false);
		expect(await answers(server.url)).toBe(false);
		await server.stop();
	});

	it('goes away when the process that started it is killed without stopping it', async () => {
		// A stand-in for a test worker that is killed: it starts moto the way startMoto does, then dies by SIGKILL.
		const port = await freePort();
		const parent = spawn(
			process.execPath,
			[
				'-e',
				"const c = require('node:child_process').spawn('python3', ['-c', process.argv[1], process.argv[2]], {detached: true, stdio: 'ignore'}); process.stdout.write(c.pid + '\\n'); setInterval(() => {}, 1000);",
				MOTO_LAUNCH,
				String(port),
			],
			{stdio: ['ignore', 'pipe', 'ignore']},
		);
		const pid = await new Promise<number>((resolve) =>
			parent.stdout.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim()))),
		);
		expect(Number.isInteger(pid) && pid > 0).toBe(true);
		try {
			await until(() => answers(`http://127.0.0.1:${port}`), 'moto answers');
			parent.kill('SIGKILL');
			await until(() => !alive(pid), 'moto has exited');
		} finally {
			parent.kill('SIGKILL');
			if (alive(pid)) process.kill(-pid, 'SIGKILL');
		}
	});
});
