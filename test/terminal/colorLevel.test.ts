// The colour level the full-screen app asks chalk for, from the terminal's own description.
import {describe, expect, it} from 'vitest';
import {terminalColorLevel} from '../../source/terminal/colorLevel.js';

describe('terminalColorLevel', () => {
	it.each([
		[{TERM: 'xterm-256color', COLORTERM: 'truecolor'}, '3'],
		[{TERM: 'tmux-256color', COLORTERM: '24bit'}, '3'],
		[{TERM: 'xterm-256color'}, '2'],
		[{TERM: 'screen-256color'}, '2'],
		[{TERM: 'screen'}, '1'],
		[{TERM: 'xterm'}, '1'],
		[{TERM: 'vt100'}, '1'],
		[{}, '1'],
		[{TERM: 'dumb', COLORTERM: 'truecolor'}, '0'],
	])('%j -> FORCE_COLOR=%s', (env, level) => {
		expect(terminalColorLevel(env)).toBe(level);
	});
});

describe('the colours the app draws with', () => {
	it('are the 16 named ones, so a 16-colour terminal shows the same screen as a truecolor one', async () => {
		const {startSimulator} = await import('../../source/sim/index.js');
		const {renderFrame} = await import('../../source/ui/renderFrame.js');
		const {clientsFor, testEngine} = await import('../helpers/engine.js');
		const simulator = await startSimulator({port: 0, seed: 3, things: 20});
		const clients = clientsFor(simulator.url);
		try {
			const engine = testEngine(clients);
			await engine.refreshAll();
			for (const pane of ['alarms', 'metrics', 'logs', 'resources'] as const) {
				const frame = await renderFrame(engine, {columns: 120, rows: 36, pane, zoom: true});
				// FORCE_COLOR=3 in the tests: any 256-colour or RGB colour would show here.
				expect(frame).toMatch(/\u001B\[3[0-7]m/);
				expect(frame).not.toMatch(/\u001B\[[0-9;]*[34]8;[25];/);
			}
		} finally {
			clients.destroy();
			await simulator.close();
		}
	});
});
