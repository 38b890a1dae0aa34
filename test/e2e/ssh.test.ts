// The built CLI over a real SSH session to localhost, in a real terminal (tmux): the way
// users run iot-top on a bastion. The test starts its own sshd (Debian's openssh-server,
// installed by .ci/run) on a free 127.0.0.1 port as the current user, with a temporary host
// key and an authorized temporary client key; it skips, saying why, only when sshd is missing
// or will not start.
import {execFileSync, spawn, type ChildProcess} from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {CLI, NODE, ROOT} from '../helpers/cli.js';
import {tmuxSession} from '../helpers/tmux.js';

const SSHD = ['/usr/sbin/sshd', '/usr/bin/sshd'].find((candidate) => fs.existsSync(candidate));
const socket = `iot-top-ssh-${process.pid}`;
const session = 'ssh';
const terminal = tmuxSession(socket, session);
const tmux = terminal.run;
const waitForScreen = terminal.waitForScreen;
const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'iot-top-ssh-'));
const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const {port} = server.address() as net.AddressInfo;
			server.close(() => resolve(port));
		});
	});
}

function listening(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const socket = net.connect(port, '127.0.0.1');
		socket.once('connect', () => {
			socket.destroy();
			resolve(true);
		});
		socket.once('error', () => resolve(false));
	});
}

let sshd: ChildProcess | undefined;
let port = 0;
let skipReason = '';

beforeAll(async () => {
	if (!SSHD) {
		skipReason = 'sshd is not installed (apt-get install -y openssh-server; .ci/run does it)';
		return;
	}
	const hostKey = path.join(tmpDir, 'host_key');
	const clientKey = path.join(tmpDir, 'client_key');
	execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', hostKey]);
	execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', clientKey]);
	fs.copyFileSync(`${clientKey}.pub`, path.join(tmpDir, 'authorized_keys'));
	port = await freePort();
	const config = path.join(tmpDir, 'sshd_config');
	fs.writeFileSync(
		config,
		[
			`ListenAddress 127.0.0.1`,
			`HostKey ${hostKey}`,
			`AuthorizedKeysFile ${path.join(tmpDir, 'authorized_keys')}`,
			`PidFile ${path.join(tmpDir, 'sshd.pid')}`,
			'PasswordAuthentication no',
			'KbdInteractiveAuthentication no',
			'PubkeyAuthentication yes',
			'StrictModes no',
			'UsePAM no',
			'PermitRootLogin yes',
			'PrintMotd no',
			'PrintLastLog no',
			'',
		].join('\n'),
	);
	// sshd wants its privilege-separation directory; as root the test may make it.
	if (process.getuid?.() === 0) fs.mkdirSync('/run/sshd', {recursive: true});
	sshd = spawn(SSHD, ['-D', '-e', '-f', config, '-p', String(port)], {stdio: ['ignore', 'ignore', 'pipe']});
	let errors = '';
	sshd.stderr?.on('data', (data: Buffer) => (errors += data.toString()));
	const deadline = Date.now() + 10_000;
	while (Date.now() < deadline && sshd.exitCode === null && !(await listening(port))) await delay(100);
	if (sshd.exitCode !== null || !(await listening(port))) {
		skipReason = `sshd did not start: ${errors.trim().split('\n').slice(-2).join(' ')}`;
		return;
	}
	tmux(
		'-f',
		'/dev/null',
		'new-session',
		'-d',
		'-s',
		session,
		'-x',
		'120',
		'-y',
		'36',
		'-c',
		ROOT,
		'env',
		'-u',
		'CI',
		'PS1=$ ',
		'bash',
		'--norc',
		'--noprofile',
	);
	tmux('set-option', '-g', 'status', 'off');
}, 30_000);

afterAll(() => {
	try {
		tmux('kill-server');
	} catch {
		// not started, or already gone
	}
	sshd?.kill('SIGTERM');
	fs.rmSync(tmpDir, {recursive: true, force: true});
});

describe('iot-top --demo over SSH to localhost, in tmux at 120x36', () => {
	it('draws the four panes, answers keys, and gives the terminal back on q', async (context) => {
		if (skipReason) {
			console.warn(`skipping the SSH test: ${skipReason}`);
			context.skip();
		}
		const remote = `cd ${ROOT} && TERM=xterm-256color ${NODE} ${CLI} --demo`;
		const ssh = [
			'ssh',
			'-tt',
			'-p',
			String(port),
			'-i',
			path.join(tmpDir, 'client_key'),
			'-o',
			'StrictHostKeyChecking=no',
			'-o',
			'UserKnownHostsFile=/dev/null',
			'-o',
			'LogLevel=ERROR',
			'-o',
			'BatchMode=yes',
			'127.0.0.1',
			`'${remote}'`,
		];
		tmux('send-keys', '-t', session, '-l', `clear; echo BEFORE-SSH; ${ssh.join(' ')}; echo "EXIT-$?"`);
		tmux('send-keys', '-t', session, 'Enter');
		const first = await waitForScreen(
			(text) =>
				text.includes('Alarms') &&
				text.includes('Metrics') &&
				text.includes('Logs') &&
				text.includes('Resources') &&
				/\bOK\b/.test(text) &&
				/(INFO|ERROR|WARN) /.test(text),
			'four panes with data over SSH',
		);
		expect(first).toContain('demo · us-east-1');
		const lines = first.split('\n');
		// The layout fits the terminal: the bottom border of the lower panes sits right above the status bar.
		expect(lines.filter((line) => line.startsWith('╭─')).length).toBe(2);
		expect(lines.filter((line) => line.startsWith('╰')).length).toBe(2);

		tmux('send-keys', '-t', session, '?');
		await waitForScreen((text) => text.includes('Help'), 'the help overlay');
		tmux('send-keys', '-t', session, 'Escape');
		await waitForScreen((text) => !text.includes('Help ?') && text.includes('Resources'), 'the dashboard again');
		tmux('send-keys', '-t', session, '2');
		tmux('send-keys', '-t', session, 'z');
		const zoomed = await waitForScreen((text) => text.includes('Metrics') && !text.includes('Resources'), 'the zoomed Metrics pane');
		expect(zoomed).not.toContain('╭─ Logs');
		tmux('send-keys', '-t', session, 'q');
		const after = await waitForScreen((text) => text.includes('EXIT-'), 'ssh to end after q');
		expect(after).toContain('BEFORE-SSH');
		expect(after).toContain('EXIT-0');
		expect(after).not.toContain('Alarms');
		expect(tmux('display-message', '-p', '-t', session, '#{alternate_on}').trim()).toBe('0');
		expect(tmux('display-message', '-p', '-t', session, '#{cursor_flag}').trim()).toBe('1');
	}, 90_000);
});
