// The real App, drawn by Ink through the frame writer as the full-screen session draws it,
// against the simulator: after refreshes, keys and a resize, the terminal (xterm.js) shows
// exactly what the latest frame draws on a fresh screen, and a refresh costs a fraction of
// a full repaint.
import xterm from '@xterm/headless';
import React from 'react';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {AwsClients} from '../../source/aws/clients.js';
import {startSimulator, type Simulator} from '../../source/sim/index.js';
import {FrameWriter} from '../../source/terminal/frameWriter.js';
import {App} from '../../source/ui/App.js';
import {renderOffscreen} from '../../source/ui/offscreen.js';
import {cellKey} from '../helpers/cells.js';
import {clientsFor, notifications, testEngine} from '../helpers/engine.js';

type Terminal = InstanceType<typeof xterm.Terminal>;

const emulator = (columns: number, rows: number) => new xterm.Terminal({cols: columns, rows, allowProposedApi: true, scrollback: 0});
const play = (terminal: Terminal, data: string) => new Promise<void>((resolve) => terminal.write(data, resolve));

function cellsOf(terminal: Terminal): string[] {
	const buffer = terminal.buffer.active;
	const cell = buffer.getNullCell();
	const rows: string[] = [];
	for (let y = 0; y < terminal.rows; y++) {
		// Lines count from the top of the scrollback: a resize can push one there.
		const line = buffer.getLine(buffer.baseY + y)!;
		let row = '';
		for (let x = 0; x < terminal.cols; x++) {
			row += `${cellKey(line.getCell(x, cell)!)}|`;
		}
		// A written blank and a never-written cell look the same (the cells say so): the text leaves trailing ones out.
		rows.push(`${y}: ${line.translateToString(true).trimEnd()}\n${row}`);
	}
	return rows;
}

let simulator: Simulator;
let clients: AwsClients;

beforeAll(async () => {
	simulator = await startSimulator({port: 0, seed: 11, things: 40});
	clients = clientsFor(simulator.url);
});

afterAll(async () => {
	clients?.destroy();
	await simulator?.close();
});

describe('the App through the frame writer', () => {
	it('keeps the terminal equal to the latest frame through refreshes, keys and a resize', async () => {
		const engine = testEngine(clients);
		await engine.refreshAll();
		let writer!: FrameWriter;
		const screen = renderOffscreen(<App engine={engine} initialPane="alarms" />, {
			columns: 120,
			rows: 36,
			through: (terminal) => (writer = new FrameWriter(terminal)),
		});
		const shown = emulator(120, 36);
		/** Flushes the writer, plays what it wrote, and compares with the latest frame drawn afresh. */
		const check = async (what: string) => {
			writer.flush();
			// Background fetches (certificate expiry) may render more while we compare.
			const latest = screen.frames.filter((frame) => frame.includes('\n')).at(-1)!;
			await play(shown, screen.terminal.take());
			const expected = emulator(screen.terminal.columns, screen.terminal.rows);
			await play(expected, latest.split('\n').join('\r\n'));
			expect(cellsOf(shown), what).toEqual(cellsOf(expected));
		};
		/** One refresh cycle, drawn. */
		const refresh = async () => {
			const drawn = notifications(engine);
			await engine.refreshAll();
			await drawn;
			await screen.settled();
		};
		try {
			await screen.waitForFrame((frame) => frame.includes('Alarms'));
			await screen.settled();
			await check('first frame');
			const bytesBefore = writer.bytesWritten;
			const framesBefore = writer.framesWritten;
			for (let round = 0; round < 3; round++) {
				await refresh();
				await check(`refresh ${round}`);
			}
			const perFrame = (writer.bytesWritten - bytesBefore) / Math.max(1, writer.framesWritten - framesBefore);
			// A full repaint of this screen is well over 8 KB.
			expect(perFrame).toBeLessThan(3000);
			for (const key of ['2', 'j', 'j', 'k', '3', 'z', '?', '\u001B', 'z', '4', ']', '1', '/', 'iot', '\u001B', 'j']) {
				await screen.type(key);
				await check(`after key ${JSON.stringify(key)}`);
			}
			shown.resize(90, 30);
			await screen.resize(90, 30);
			await check('after a resize to 90x30');
			await refresh();
			await check('a refresh at 90x30');
		} finally {
			screen.unmount();
			writer.close();
			engine.stop();
		}
	});
});
