// The built CLI in tmux as a new user runs it without colour (NO_COLOR=1) and in another time
// zone (TZ): the focused pane, its title and the selected row stand out by their attributes in
// tmux's own cells (capture-pane -e), not one colour is drawn, the times are local and the
// header names the zone; --utc shows UTC; and s saves the screen that is shown.
import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {CLI, ROOT} from '../helpers/cli.js';
import {colorCodes, shownCells, type ShownCell} from '../helpers/sgr.js';
import {tmuxSession} from '../helpers/tmux.js';

const socket = `iot-top-e2e-color-${process.pid}`;
const session = 'color';
const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'iot-top-e2e-color-'));
const terminal = tmuxSession(socket, session);
const tmux = terminal.run;

function keys(...names: string[]) {
	tmux('send-keys', '-t', session, ...names);
}

function startDemo(env: string, flags = '') {
	try {
		execFileSync('pkill', ['-P', terminal.flag('pane_pid')]);
	} catch {
		// none running
	}
	keys('-l', `clear; ${env} node ${CLI} --demo --log-file ${path.join(tmpDir, 'iot-top.log')} ${flags}; echo "EXIT-$?"`);
	keys('Enter');
}

/** The pane's cells with their attributes, as tmux holds them. */
async function cells(): Promise<{text: string[]; cells: ShownCell[][]; ansi: string}> {
	const ansi = tmux('capture-pane', '-e', '-p', '-t', session);
	const text = terminal.screen().split('\n');
	return {text, cells: await shownCells(ansi.replace(/\n$/, ''), 120, 36), ansi};
}

/** The cells under `text` where it first appears (every character before it on the row is one column). */
function cellsAt(screen: {text: string[]; cells: ShownCell[][]}, text: string, from = 0): ShownCell[] {
	const y = screen.text.findIndex((line, index) => index >= from && line.includes(text));
	expect(y, `"${text}" on screen:\n${screen.text.join('\n')}`).toBeGreaterThanOrEqual(0);
	const x = [...screen.text[y].slice(0, screen.text[y].indexOf(text))].length;
	return screen.cells[y].slice(x, x + [...text].length);
}

const all = (cells: ShownCell[], key: keyof ShownCell) => cells.length > 0 && cells.every((cell) => cell[key]);

/** Minutes from the clock time `hhmm` to now in a zone `offset` minutes from UTC, around the day. */
function minutesFromNow(hhmm: string, offset: number): number {
	const now = new Date(Date.now() + offset * 60_000);
	const [hours, minutes] = hhmm.split(':').map(Number);
	const difference = hours * 60 + minutes - (now.getUTCHours() * 60 + now.getUTCMinutes());
	return Math.abs(((difference + 720 + 1440) % 1440) - 720);
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
		'-u',
		'NO_COLOR',
		'-u',
		'TZ',
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

describe('iot-top --demo in tmux without colour and in another zone', () => {
	it('NO_COLOR=1 TZ=Asia/Kolkata: no colour, the focus and the selection by their attributes, local times and the zone in the header', async () => {
		startDemo('NO_COLOR=1 TZ=Asia/Kolkata');
		await terminal.waitForScreen(
			(text) => /\bOK\b/.test(text) && /(INFO|ERROR|WARN) /.test(text) && text.includes('Resources'),
			'the dashboard with data',
		);
		let screen = await cells();
		expect(colorCodes(screen.ansi)).toEqual([]);
		// Alarms has the focus: a heavy bold border, its title in reverse and bold.
		expect(screen.text[1]).toMatch(/^┏━ Alarms .*━┓╭─ Metrics .*─╮$/);
		expect(all(cellsAt(screen, '┏━'), 'bold')).toBe(true);
		const title = cellsAt(screen, ' Alarms ');
		expect(all(title, 'inverse') && all(title, 'bold')).toBe(true);
		expect(cellsAt(screen, ' Metrics ').some((cell) => cell.inverse || cell.bold)).toBe(false);
		// The selected alarm: its name in reverse.
		const row = screen.text.findIndex((line) => line.startsWith('┃›'));
		expect(row).toBeGreaterThan(1);
		const name = screen.text[row].slice(2).trim().split(/\s+/)[2];
		expect(all(cellsAt(screen, name, row), 'inverse')).toBe(true);
		// The header names the zone, its time and the log times are Kolkata's.
		const header = screen.text[0];
		expect(header).toContain('│ UTC+05:30 │');
		expect(header.match(/UTC/g)).toHaveLength(1);
		const updated = /updated (\d\d:\d\d):\d\d/.exec(header)![1];
		expect(minutesFromNow(updated, 330)).toBeLessThanOrEqual(2);
		const logTime = /^│ (\d\d:\d\d):\d\d (INFO|WARN|ERROR|DEBUG)/m.exec(screen.text.join('\n'))![1];
		expect(minutesFromNow(logTime, 330)).toBeLessThanOrEqual(12);

		// Tab: the focus moves, and its marks with it.
		keys('Tab');
		await terminal.waitForScreen((text) => /╭─ Alarms .*┏━ Metrics /.test(text.split('\n')[1] ?? ''), 'Metrics focused');
		screen = await cells();
		expect(all(cellsAt(screen, ' Metrics '), 'inverse')).toBe(true);
		expect(cellsAt(screen, ' Alarms ').some((cell) => cell.inverse)).toBe(false);
		expect(colorCodes(screen.ansi)).toEqual([]);

		keys('q');
		expect(await terminal.waitForScreen((text) => text.includes('EXIT-'), 'the shell')).toContain('EXIT-0');
	});

	it('--no-color at 80x24: the active tab in reverse and bold, the others not', async () => {
		tmux('resize-window', '-t', session, '-x', '80', '-y', '24');
		try {
			startDemo('', '--no-color --pane resources');
			await terminal.waitForScreen(
				(text) => text.includes('4 Resources') && text.includes('Things') && /[●○] \d+[smhd] /.test(text),
				'Resources under the tab bar',
			);
			const ansi = tmux('capture-pane', '-e', '-p', '-t', session);
			expect(colorCodes(ansi)).toEqual([]);
			const screen = {text: terminal.screen().split('\n'), cells: await shownCells(ansi.replace(/\n$/, ''), 80, 24)};
			const tab = cellsAt(screen, ' 4 Resources');
			expect(all(tab, 'inverse') && all(tab, 'bold')).toBe(true);
			expect(cellsAt(screen, ' 1 Alarms ').some((cell) => cell.inverse)).toBe(false);
			expect(all(cellsAt(screen, ' Things '), 'inverse')).toBe(true);
			keys('q');
			await terminal.waitForScreen((text) => text.includes('EXIT-'), 'the shell');
		} finally {
			tmux('resize-window', '-t', session, '-x', '120', '-y', '36');
		}
	});

	it('--utc with TZ=America/New_York: UTC times, and the header says UTC', async () => {
		startDemo('TZ=America/New_York', '--utc');
		const text = await terminal.waitForScreen(
			(shown) => /updated \d\d:\d\d:\d\d │ UTC │/.test(shown) && /(INFO|ERROR|WARN) /.test(shown),
			'the header in UTC',
		);
		const updated = /updated (\d\d:\d\d):\d\d/.exec(text)![1];
		expect(minutesFromNow(updated, 0)).toBeLessThanOrEqual(2);
		expect(text).not.toContain('UTC-0');
		keys('q');
		await terminal.waitForScreen((shown) => shown.includes('EXIT-'), 'the shell');
	});

	it('s saves the screen that is shown: Logs zoomed and filtered (keys sent together), named by its absolute path', async () => {
		const directory = fs.mkdtempSync(path.join(tmpDir, 'snaps-'));
		startDemo('NO_COLOR=1', `--snapshot-dir ${path.relative(ROOT, directory)}`);
		await terminal.waitForScreen((text) => /(INFO|ERROR|WARN) /.test(text) && text.includes('Resources'), 'the dashboard with data');
		keys('3', 'z', '/');
		keys('-l', 'Connect');
		keys('Enter');
		await terminal.waitForScreen((text) => text.includes('filter: Connect') && !text.includes('Resources'), 'Logs zoomed and filtered');
		keys('s');
		const shown = await terminal.waitForScreen((text) => text.includes('Saved'), 'the saved message');
		expect(shown).toContain(directory);
		const svgFile = fs.readdirSync(directory).find((file) => file.endsWith('.svg'));
		expect(svgFile).toBeDefined();
		const svg = fs.readFileSync(path.join(directory, svgFile!), 'utf8');
		const texts = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((match) => match[1]).join(' ');
		expect(texts).toMatch(/filter: +Connect/);
		expect(texts).toContain('Logs');
		for (const other of ['Alarms', 'Metrics', 'Resources']) expect(texts).not.toMatch(new RegExp(`─ +${other} `));
		keys('q');
		await terminal.waitForScreen((text) => text.includes('EXIT-'), 'the shell');
	});
});
