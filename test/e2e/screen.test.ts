// The built CLI inside GNU screen (itself in tmux, which reads what screen shows): the
// layout stays right, to the last column, and q gives the shell back. Screen erases a
// line's last cell when a frame writes "erase to end of line" right after it, which tmux
// does not: an app tested in tmux alone can lose every pane's right border in screen.
import {execFileSync} from 'node:child_process';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {CLI, ROOT} from '../helpers/cli.js';
import {tmuxSession} from '../helpers/tmux.js';

const socket = `iot-top-screen-${process.pid}`;
const session = 'scr';
const terminal = tmuxSession(socket, session);

function hasScreen(): boolean {
	try {
		execFileSync('screen', ['--version'], {stdio: 'ignore'});
		return true;
	} catch (error) {
		// `screen --version` exits 1 after printing the version on some builds.
		return (error as {status?: number}).status === 1;
	}
}

const available = hasScreen();

beforeAll(() => {
	if (!available) return;
	const command = `SCREENRC=/dev/null screen -U -S iot-top-e2e-${process.pid} sh -c 'node ${CLI} --demo; echo EXIT-$?; sleep 60'`;
	terminal.run(
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
		'-u',
		'TMUX',
		'sh',
		'-c',
		command,
	);
	terminal.run('set-option', '-g', 'status', 'off');
});

afterAll(() => {
	try {
		terminal.run('kill-server');
	} catch {
		// already gone
	}
});

describe('iot-top --demo in GNU screen at 120x36', () => {
	it('draws every pane to its last column through several refreshes, and quits on q', async (context) => {
		if (!available) {
			console.warn('skipping the GNU screen test: screen is not installed (apt-get install -y screen; .ci/run does it)');
			context.skip();
		}
		await terminal.waitForScreen(
			(text) => text.includes('Resources') && /\bOK\b/.test(text) && /(INFO|ERROR|WARN) /.test(text),
			'four panes with data',
		);
		// Two refreshes (5 s each) redraw changed lines: the borders must survive them. The
		// header's "updated HH:MM:SS" moves on with each.
		const updated = (text: string) => /updated (\d\d:\d\d:\d\d)/.exec(text)?.[1];
		let last = updated(terminal.screen());
		for (const refresh of ['first', 'second']) {
			const seen = last;
			const text = await terminal.waitForScreen(
				(screen) => updated(screen) !== undefined && updated(screen) !== seen,
				`the ${refresh} refresh after ${seen}`,
			);
			last = updated(text);
		}
		const lines = terminal.screen().split('\n');
		expect(lines[1]).toMatch(/^╭─ Alarms.*╮╭─ Metrics.*╮$/);
		// Header, top panes on rows 1-16, bottom panes on rows 17-33, status bar.
		const top = Math.floor((36 - 3) / 2);
		for (const row of [top, 33]) expect(lines[row], `row ${row}: ${lines[row]}`).toMatch(/^╰.*╯╰.*╯$/);
		expect(lines[top + 1]).toMatch(/^╭─ Logs.*╮╭─ Resources.*╮$/);
		for (let row = 2; row < 33; row++) {
			if (row === top || row === top + 1) continue;
			expect(lines[row], `row ${row}: ${lines[row]}`).toMatch(/^│.*││.*│$/);
		}
		for (const line of lines.slice(1, 35)) expect([...line].length).toBe(120);
		terminal.run('send-keys', '-t', session, 'q');
		await terminal.waitForScreen((text) => text.includes('EXIT-0'), 'the shell after q');
	});
});
