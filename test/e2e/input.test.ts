// The built CLI in tmux, driven as a user over SSH drives it: several keys in one send-keys
// (tmux writes them at once), a bracketed paste (set-buffer + paste-buffer -p), resizes in the
// middle of a filter and of an open detail, Ctrl-c in a prompt, and an 80x24 terminal that
// tmux's status line leaves at 80x23.
import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {CLI, ROOT} from '../helpers/cli.js';
import {tmuxSession, type TmuxSession} from '../helpers/tmux.js';

const socket = `iot-top-input-${process.pid}`;
const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'iot-top-input-'));

function newSession(name: string, columns: number, rows: number): TmuxSession {
	const terminal = tmuxSession(socket, name);
	terminal.run(
		'-f',
		'/dev/null',
		'new-session',
		'-d',
		'-s',
		name,
		'-x',
		String(columns),
		'-y',
		String(rows),
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
	terminal.run('set-option', '-t', name, 'status', 'off');
	return terminal;
}

function startDemo(terminal: TmuxSession): void {
	// A failed test may have left its demo running: never type into it.
	try {
		execFileSync('pkill', ['-P', terminal.flag('pane_pid')]);
	} catch {
		// none running
	}
	terminal.keys('-l', `clear; node ${CLI} --demo --log-file ${path.join(tmpDir, 'iot-top.log')}; echo "EXIT-$?"`);
	terminal.keys('Enter');
}

/** The dashboard with data in every pane. */
const loaded = (text: string) =>
	/[✔✖◌] (OK|ALARM|INSUFF)/.test(text) && /(INFO|ERROR|WARN) /.test(text) && /of \d+\+? loaded/.test(text) && /[●○] \d+[smhd] /.test(text);

/** The names in the first column of a zoomed table, in screen order (cut names end in …). */
function firstColumn(text: string, row: RegExp): string[] {
	return text.split('\n').flatMap((line) => {
		const match = row.exec(line);
		return match ? [match[1]] : [];
	});
}

const sameName = (full: string, shown: string) => (shown.endsWith('…') ? full.startsWith(shown.slice(0, -1)) : full === shown);

let terminal: TmuxSession;

beforeAll(() => {
	terminal = newSession('wide', 120, 36);
});

afterEach(async () => {
	// Quit what the test left running, back at the shell.
	if (terminal.flag('alternate_on') !== '1') return;
	terminal.keys('C-c');
	await terminal.waitForScreen((text) => text.includes('EXIT-'), 'the shell');
});

afterAll(() => {
	try {
		terminal.run('kill-server');
	} catch {
		// already gone
	}
	fs.rmSync(tmpDir, {recursive: true, force: true});
});

describe('iot-top --demo in tmux: keys that arrive together', () => {
	it('j j Enter in one send-keys opens the third row in Alarms, Metrics and Resources', async () => {
		startDemo(terminal);
		await terminal.waitForScreen(loaded, 'the dashboard with data');

		terminal.keys('1', 'z');
		const alarms = await terminal.waitForScreen((text) => !text.includes('Resources') && /│› /.test(text), 'the zoomed Alarms pane');
		const alarmNames = firstColumn(alarms, /^│[› ].[✖◌✔?] \S+\s+(\S+)/);
		expect(alarmNames.length).toBeGreaterThanOrEqual(3);
		terminal.keys('j', 'j', 'Enter');
		const alarm = await terminal.waitForScreen((text) => /─ Alarm \S+ · Esc back/.test(text), 'the alarm detail');
		expect(sameName(/─ Alarm (\S+) · Esc back/.exec(alarm)![1], alarmNames[2])).toBe(true);

		terminal.keys('Escape', '2');
		const metrics = await terminal.waitForScreen((text) => /│›\S/.test(text) && text.includes('─ Metrics'), 'the zoomed Metrics pane');
		const labels = firstColumn(metrics, /^│[› ](\S+(?: \S+)*?)\s{2,}/);
		terminal.keys('j', 'j', 'Enter');
		const chart = await terminal.waitForScreen((text) => /─ Metric .* · Esc back/.test(text), 'the metric chart');
		expect(chart).toContain(`Metric ${labels[2].replace(/…$/, '')}`);

		terminal.keys('Escape', '4');
		const things = await terminal.waitForScreen((text) => /│›\S+/.test(text) && text.includes('THING'), 'the zoomed Resources pane');
		const thingNames = firstColumn(things, /^│[› ](\S+)\s+/).filter((name) => name !== 'Fleet' && name !== 'Things' && name !== 'THING');
		terminal.keys('j', 'j', 'Enter');
		const thing = await terminal.waitForScreen((text) => /─ Resources \S+ · Esc back/.test(text), 'the thing detail');
		expect(sameName(/─ Resources (\S+) · Esc back/.exec(thing)![1], thingNames[2])).toBe(true);
	});

	it('a filter typed in one send-keys arrives whole, and a bracketed paste too', async () => {
		startDemo(terminal);
		await terminal.waitForScreen(loaded, 'the dashboard with data');
		terminal.keys('4', 'z', '/', 't', 'y', 'p', 'e', ':', 'G', 'a', 't', 'e', 'w', 'a', 'y');
		await terminal.waitForScreen((text) => text.includes('/ type:Gateway▌'), 'the typed filter');
		terminal.keys('C-u');
		// Copied with its line break: pasted, the break is a space, not an Enter that ends the edit.
		terminal.paste('site=lyon\n');
		await terminal.waitForScreen(
			(text) => text.includes('/ site=lyon ▌  Enter keeps · Esc clears'),
			'the pasted filter, still being edited',
		);
		terminal.keys('Enter');
		const kept = await terminal.waitForScreen(
			(text) => text.includes('filter: site=lyon · server-side (SearchIndex attributes.site:lyon)'),
			'the kept filter',
		);
		expect(kept).not.toContain('site=lyon▌');
		expect(kept).toMatch(/│[› ]\S+.*site=lyon/);
	});

	it('Ctrl-c quits while a prompt is being edited, and gives the terminal back', async () => {
		startDemo(terminal);
		await terminal.waitForScreen(loaded, 'the dashboard with data');
		terminal.keys('/', 'q', 'x');
		await terminal.waitForScreen((text) => text.includes('/ qx▌'), 'the prompt with q typed into it');
		terminal.keys('C-c');
		const after = await terminal.waitForScreen((text) => text.includes('EXIT-'), 'the shell after Ctrl-c');
		expect(after).toContain('EXIT-0');
		expect(terminal.flag('alternate_on')).toBe('0');
	});
});

describe("iot-top --demo in tmux: a resize keeps the user's place", () => {
	it('120x36 -> 70x20 -> 120x36 keeps the Logs filter being typed, the scroll-back, the open metric chart and the Alarms cursor', async () => {
		startDemo(terminal);
		await terminal.waitForScreen(loaded, 'the dashboard with data');
		// Alarms: cursor on the third row. Metrics: the chart of the first metric. Logs: scrolled back, a filter being typed.
		terminal.keys('1', 'j', 'j', '2', 'Enter');
		await terminal.waitForScreen((text) => /─ Metric \S+ · last/.test(text), 'the metric chart');
		terminal.keys('3', 'k', 'k', 'k', '/', 'I', 'N', 'F', 'O');
		await terminal.waitForScreen(
			(text) => text.includes('/ INFO▌') && /scrolled back|\d+ new/.test(text),
			'the Logs filter being typed, scrolled back',
		);
		terminal.resize(70, 20);
		await terminal.waitForScreen((text) => text.includes('terminal too small'), 'the too-small screen');
		terminal.resize(120, 36);
		const back = await terminal.waitForScreen((text) => text.includes('/ INFO▌'), 'the filter, still being typed');
		expect(back).toMatch(/─ Metric \S+ · last/);
		expect(back).toMatch(/Logs .*(scrolled back|\d+ new)/);
		// Typing goes on where it was; Enter keeps it.
		terminal.keys(' ', 'Enter');
		await terminal.waitForScreen((text) => text.includes('filter: INFO · '), 'the kept filter');
		// The Alarms cursor is where it was: on the third row.
		terminal.keys('1');
		const alarms = await terminal.waitForScreen((text) => /^│›.[✖◌✔?] /m.test(text), 'the focused Alarms pane');
		const alarmRows = alarms.split('\n').filter((line) => /^│[› ].[✖◌✔?] /.test(line));
		expect(alarmRows[2]).toMatch(/^│›/);
	});

	it('a resize with a resource detail open keeps it open', async () => {
		startDemo(terminal);
		await terminal.waitForScreen(loaded, 'the dashboard with data');
		terminal.keys('4', 'j', 'Enter');
		const detail = await terminal.waitForScreen(
			(text) => /─ Resources \S+ · Esc back/.test(text) && text.includes('Attributes'),
			'the thing detail',
		);
		const name = /─ Resources (\S+) · Esc back/.exec(detail)![1];
		terminal.resize(80, 23);
		await terminal.waitForScreen(
			(text) => text.includes(`Resources ${name} · Esc back`) && text.includes('4 Resources'),
			'the detail at 80x23 under the tab bar',
		);
		terminal.resize(120, 36);
		await terminal.waitForScreen(
			(text) => text.includes(`Resources ${name} · Esc back`) && text.includes('─ Alarms'),
			'the detail on the dashboard again',
		);
	});
});

describe('an 80x24 terminal less a status line: 80x23', () => {
	it('works, under the tab bar', async () => {
		// A detached session's size is its window's: 23 rows is what tmux's status line leaves of 24.
		const small = newSession('small', 80, 23);
		try {
			startDemo(small);
			const first = await small.waitForScreen(
				(text) => text.includes('1 Alarms') && /[✔✖◌] (OK|ALARM|INSUFF)/.test(text),
				'the Alarms tab at 80x23',
			);
			expect(small.flag('pane_height')).toBe('23');
			expect(first).not.toContain('too small');
			small.keys('4', 'j', 'j', 'Enter');
			await small.waitForScreen((text) => /─ Resources \S+ · Esc back/.test(text), 'a thing detail at 80x23');
			small.keys('C-c');
			await small.waitForScreen((text) => text.includes('EXIT-0'), 'the shell');
		} finally {
			small.run('kill-session', '-t', 'small');
		}
	});
});
