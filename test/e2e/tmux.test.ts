// The built CLI in a real terminal (tmux): the demo as a new user runs it, keys, quitting,
// and the terminal given back (main screen, cursor visible) after q, SIGTERM and SIGHUP.
import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {CLI, ROOT} from '../helpers/cli.js';
import {tmuxSession} from '../helpers/tmux.js';

const socket = `iot-top-e2e-${process.pid}`;
const session = 'e2e';
const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'iot-top-e2e-'));

const terminal = tmuxSession(socket, session);
const tmux = terminal.run;
const paneFlag = terminal.flag;
const waitForScreen = terminal.waitForScreen;

function keys(...names: string[]) {
	tmux('send-keys', '-t', session, ...names);
}

function startDemo(marker: string, env = '') {
	// A failed test may have left its demo running: never type into it.
	try {
		execFileSync('pkill', ['-P', paneFlag('pane_pid')]);
	} catch {
		// none running
	}
	const logFile = path.join(tmpDir, 'iot-top.log');
	// A shell prompt first, so "restored" can be checked against what was on screen before.
	keys('-l', `clear; echo ${marker}; ${env} node ${CLI} --demo --log-file ${logFile}; echo "EXIT-$?"`);
	keys('Enter');
}

beforeAll(() => {
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
});

afterAll(() => {
	try {
		tmux('kill-server');
	} catch {
		// already gone
	}
	fs.rmSync(tmpDir, {recursive: true, force: true});
});

describe('iot-top --demo in tmux at 120x36', () => {
	it('shows live data in all four panes, answers keys, and restores the terminal on q', async () => {
		startDemo('BEFORE-Q');
		const first = await waitForScreen(
			(text) =>
				text.includes('Alarms') &&
				text.includes('Metrics') &&
				text.includes('Logs') &&
				text.includes('Resources') &&
				/\bOK\b/.test(text) &&
				/\d+(\.\d+)?k?\s+[▁▂▃▄▅▆▇█]/.test(text) &&
				/(INFO|ERROR|WARN) /.test(text) &&
				/[●○] \d+[smhd] /.test(text),
			'four panes with data',
		);
		expect(paneFlag('alternate_on')).toBe('1');
		expect(first).toContain('demo · us-east-1');
		expect(first.trimEnd().split('\n').length).toBeLessThanOrEqual(36);

		keys('3');
		keys('z');
		const zoomed = await waitForScreen((text) => !text.includes('Resources') && text.includes('Logs'), 'the zoomed Logs pane');
		expect(zoomed).not.toContain('Metrics');
		keys('z');
		await waitForScreen((text) => text.includes('Resources') && text.includes('Metrics'), 'the dashboard again');
		keys('?');
		// The help's title: the rows below it scroll as panes gain keys.
		await waitForScreen((text) => text.includes('? or Esc to close'), 'the help');
		keys('Escape');
		await waitForScreen((text) => !text.includes('? or Esc to close'), 'the help closed');
		keys('Tab');
		keys('j');

		keys('q');
		const after = await waitForScreen((text) => text.includes('EXIT-'), 'the shell after quitting');
		expect(after).toContain('EXIT-0');
		expect(after).toContain('BEFORE-Q');
		expect(after).not.toContain('Resources');
		expect(paneFlag('alternate_on')).toBe('0');
		expect(paneFlag('cursor_flag')).toBe('1');
	});

	it.each([
		['SIGTERM', 143],
		['SIGHUP', 129],
	])('restores the terminal after %s', async (signal, code) => {
		const marker = `BEFORE-${signal}`;
		startDemo(marker);
		await waitForScreen((text) => text.includes('Resources') && text.includes('Alarms'), 'the dashboard');
		// The app is the shell's child (process titles are not to be relied on).
		const shell = paneFlag('pane_pid');
		const pids = execFileSync('pgrep', ['-P', shell], {encoding: 'utf8'}).trim().split('\n');
		for (const pid of pids) process.kill(Number(pid), signal);
		const after = await waitForScreen((text) => text.includes('EXIT-'), `the shell after ${signal}`);
		expect(after).toContain(`EXIT-${code}`);
		expect(after).toContain(marker);
		expect(paneFlag('alternate_on')).toBe('0');
		expect(paneFlag('cursor_flag')).toBe('1');
	});

	it('restores the terminal on a crash and prints the error after it', async () => {
		startDemo('BEFORE-CRASH', 'IOT_TOP_CRASH_AFTER_MS=2500');
		await waitForScreen((text) => text.includes('Resources') && text.includes('Alarms'), 'the dashboard');
		const after = await waitForScreen((text) => text.includes('EXIT-'), 'the shell after the crash');
		expect(after).toContain('EXIT-1');
		expect(after).toContain('BEFORE-CRASH');
		expect(after).toContain('iot-top crashed: Error: crash test (IOT_TOP_CRASH_AFTER_MS=2500)');
		expect(paneFlag('alternate_on')).toBe('0');
		expect(paneFlag('cursor_flag')).toBe('1');
	});
});
