// The whole App as NO_COLOR and --no-color draw it (chalk at level 0, as the CLI sets it):
// not one colour code, and still the focused pane, the selected row, the active tab and the
// active Resources sub-tab stand out, by bold, reverse and a heavy border.
import chalk from 'chalk';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {AwsClients} from '../../source/aws/clients.js';
import type {Engine} from '../../source/live/engine.js';
import {startSimulator, type Simulator} from '../../source/sim/index.js';
import {setColorEnabled} from '../../source/terminal/colorLevel.js';
import {renderFrame} from '../../source/ui/renderFrame.js';
import {clientsFor, testEngine} from '../helpers/engine.js';
import {stripAnsi} from '../helpers/render.js';
import {colorCodes, shownCells, type ShownCell} from '../helpers/sgr.js';

let simulator: Simulator;
let clients: AwsClients;
let engine: Engine;
const level = chalk.level;

beforeAll(async () => {
	simulator = await startSimulator({port: 0, seed: 3, things: 20});
	clients = clientsFor(simulator.url);
	engine = testEngine(clients);
	await engine.refreshAll();
	chalk.level = 0;
	setColorEnabled(false);
});

afterAll(async () => {
	chalk.level = level;
	setColorEnabled(true);
	clients?.destroy();
	await simulator?.close();
});

/** The cells of `text` where it first appears on the screen (by the plain text of each row). */
function cellsAt(cells: ShownCell[][], lines: string[], text: string): ShownCell[] {
	const y = lines.findIndex((line) => line.includes(text));
	expect(y, `"${text}" on screen`).toBeGreaterThanOrEqual(0);
	// Column by characters: every character before it on these rows is one column wide.
	const x = [...lines[y].slice(0, lines[y].indexOf(text))].length;
	return cells[y].slice(x, x + [...text].length);
}

const all = (cells: ShownCell[], key: keyof ShownCell) => cells.every((cell) => cell[key]);

describe('the App without colour', () => {
	it('the dashboard at 120x36: no colour code; the focused pane heavy and bold, its title and the selected row in reverse', async () => {
		const frame = await renderFrame(engine, {columns: 120, rows: 36, pane: 'alarms'});
		expect(colorCodes(frame)).toEqual([]);
		const lines = stripAnsi(frame).split('\n');
		const cells = await shownCells(frame, 120, 36);
		// Focused: Alarms, heavy and bold; the others light and not bold.
		expect(lines[1]).toMatch(/^┏━ Alarms .*━┓╭─ Metrics .*─╮$/);
		expect(all(cellsAt(cells, lines, '┏━'), 'bold')).toBe(true);
		expect(all(cellsAt(cells, lines, ' Alarms '), 'inverse') && all(cellsAt(cells, lines, ' Alarms '), 'bold')).toBe(true);
		expect(cellsAt(cells, lines, ' Metrics ').some((cell) => cell.inverse || cell.bold)).toBe(false);
		expect(lines.slice(2, 16).every((line) => line.startsWith('┃'))).toBe(true);
		expect(lines[16]).toMatch(/^┗━+.*━┛╰─/);
		expect(lines[17]).toMatch(/^╭─ Logs .*╮╭─ Resources .*╮$/);
		// The selected alarm: its name in reverse, behind the › marker.
		const selected = lines.find((line) => line.startsWith('┃›'));
		expect(selected).toBeDefined();
		const name = selected!.slice(2).trim().split(/\s+/)[2];
		expect(all(cellsAt(cells, lines, name), 'inverse')).toBe(true);
		// The other rows are not.
		const other = lines.find((line) => line.startsWith('┃  ') && /\s(OK|INSUFF|ALARM)\s/.test(line));
		expect(cellsAt(cells, lines, other!.slice(2).trim().split(/\s+/)[2]).some((cell) => cell.inverse)).toBe(false);
	});

	it('at 80x24: the active pane tab and the active Resources sub-tab in reverse and bold, the others not', async () => {
		const frame = await renderFrame(engine, {columns: 80, rows: 24, pane: 'resources'});
		expect(colorCodes(frame)).toEqual([]);
		const lines = stripAnsi(frame).split('\n');
		const cells = await shownCells(frame, 80, 24);
		const active = cellsAt(cells, lines, ' 4 Resources ');
		expect(all(active, 'inverse') && all(active, 'bold')).toBe(true);
		expect(cellsAt(cells, lines, ' 1 Alarms ').some((cell) => cell.inverse)).toBe(false);
		const things = cellsAt(cells, lines, ' Things ');
		expect(all(things, 'inverse') && all(things, 'bold')).toBe(true);
		expect(cellsAt(cells, lines, ' Policies ').some((cell) => cell.inverse)).toBe(false);
	});
});
