// The frame writer against a real terminal emulator: whatever sequence of frames Ink hands
// it, the screen it leaves must be the screen the latest frame draws on a fresh terminal,
// cell for cell (characters and attributes), and it must get there in few bytes.
import xterm from '@xterm/headless';
import stringWidth from 'string-width';
import {afterEach, describe, expect, it, vi} from 'vitest';
import {BEGIN_SYNC, END_SYNC, FrameWriter} from '../../source/terminal/frameWriter.js';
import {OffscreenStdout} from '../../source/ui/offscreen.js';
import {cellKey} from '../helpers/cells.js';
import {waitFor} from '../helpers/waitFor.js';

type Terminal = InstanceType<typeof xterm.Terminal>;

/** `onlcr`: LF also returns the carriage, as a tty with ONLCR set (Node's raw mode keeps it) sends it. */
function emulator(columns: number, rows: number, onlcr = false): Terminal {
	return new xterm.Terminal({cols: columns, rows, allowProposedApi: true, scrollback: 0, convertEol: onlcr});
}

function play(terminal: Terminal, data: string): Promise<void> {
	return new Promise((resolve) => terminal.write(data, resolve));
}

/** A frame written whole into a fresh terminal: what the screen should be. */
async function drawnFresh(frame: string, columns: number, rows: number): Promise<Terminal> {
	const terminal = emulator(columns, rows);
	await play(terminal, frame.split('\n').join('\r\n'));
	return terminal;
}

/** Each row as the cells as a user sees them (cellKey), for comparing two screens. */
function cellsOf(terminal: Terminal): string[] {
	const buffer = terminal.buffer.active;
	const cell = buffer.getNullCell();
	const rows: string[] = [];
	for (let y = 0; y < terminal.rows; y++) {
		// Lines count from the top of the scrollback: a resize can push one there.
		const line = buffer.getLine(buffer.baseY + y);
		const cells: string[] = [];
		for (let x = 0; x < terminal.cols; x++) cells.push(cellKey(line!.getCell(x, cell)!));
		rows.push(`${y}: ${cells.join(' ')}`);
	}
	return rows;
}

/** The visible text, for readable failure messages. */
function textOf(terminal: Terminal): string {
	const lines: string[] = [];
	for (let y = 0; y < terminal.rows; y++)
		lines.push(terminal.buffer.active.getLine(terminal.buffer.active.baseY + y)?.translateToString(true) ?? '');
	return lines.join('\n');
}

// ---- Random frames, as Ink writes them: lines of styled cells, SGR between ----

function random(seed: number) {
	let state = seed >>> 0;
	const next = () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
	};
	return {
		next,
		int: (below: number) => Math.floor(next() * below),
		pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)],
		chance: (p: number) => next() < p,
	};
}
type Random = ReturnType<typeof random>;

type CellStyle = {fg: string; bg: string; attributes: string[]};
type FrameCell = {char: string; style: CellStyle};
type FrameLine = FrameCell[];

// Wide characters whose width string-width (Ink's measure) and xterm.js agree on. Emoji
// such as 😀 are 2 wide in Ink but 1 in xterm.js's Unicode 6 tables: a disagreement no
// renderer can paper over, so the screen test keeps to these.
const WIDE = ['漢', '字', '한', 'Ａ', '界', '🇩🇪', '👍🏽'];
const NARROW = [...'abcdefghijklmnopqrstuvwxyz0123456789     .:%-', '│', '─', '▁', '▅', '█', '…', '✓', '·', 'é'];
const ATTRIBUTES = [
	['1', '22'],
	['2', '22'],
	['3', '23'],
	['4', '24'],
	['7', '27'],
	['9', '29'],
] as const;

function randomColor(rng: Random, background: boolean): string {
	const base = background ? 40 : 30;
	switch (rng.int(5)) {
		case 0:
		case 1:
			return '';
		case 2:
			return String(rng.chance(0.5) ? base + rng.int(8) : base + 60 + rng.int(8));
		case 3:
			return `${base + 8};5;${rng.int(256)}`;
		default:
			return `${base + 8};2;${rng.int(256)};${rng.int(256)};${rng.int(256)}`;
	}
}

function randomStyle(rng: Random): CellStyle {
	if (rng.chance(0.3)) return {fg: '', bg: '', attributes: []};
	return {
		fg: randomColor(rng, false),
		bg: rng.chance(0.4) ? randomColor(rng, true) : '',
		attributes: ATTRIBUTES.filter(() => rng.chance(0.15)).map(([on]) => on),
	};
}

const widthOf = (line: FrameLine) => line.reduce((sum, cell) => sum + stringWidth(cell.char), 0);

function randomLine(rng: Random, columns: number): FrameLine {
	const line: FrameLine = [];
	const target = rng.int(columns + 1);
	let style = randomStyle(rng);
	while (widthOf(line) < target) {
		if (rng.chance(0.1)) style = randomStyle(rng);
		const char = rng.chance(0.08) ? rng.pick(WIDE) : rng.pick(NARROW);
		if (widthOf(line) + stringWidth(char) > columns) break;
		line.push({char, style});
	}
	return line;
}

function fit(line: FrameLine, columns: number): FrameLine {
	while (widthOf(line) > columns) line.pop();
	return line;
}

/** Changes a few things, as a refresh does: values, styles, lengths, whole lines. */
function mutate(rng: Random, lines: FrameLine[], columns: number, height: number): FrameLine[] {
	const next = lines.map((line) => [...line]);
	const changes = 1 + rng.int(4);
	for (let change = 0; change < changes; change++) {
		const y = rng.int(next.length);
		const line = next[y];
		const x = rng.int(Math.max(1, line.length));
		switch (rng.int(9)) {
			case 0: // a value changes in place
				for (let i = x; i < Math.min(line.length, x + 1 + rng.int(5)); i++) line[i] = {...line[i], char: rng.pick(NARROW)};
				break;
			case 7: // digits here and there, a few cells apart, some in a new colour
				for (let i = x; i < line.length; i += 2 + rng.int(6))
					line[i] = {char: rng.pick(NARROW), style: rng.chance(0.3) ? randomStyle(rng) : line[i].style};
				break;
			case 1: // a wide character arrives or leaves
				if (line.length > 0) line[x] = {...line[x], char: rng.chance(0.5) ? rng.pick(WIDE) : rng.pick(NARROW)};
				break;
			case 2: {
				// the style of a stretch changes, the text does not
				const style = randomStyle(rng);
				for (let i = x; i < Math.min(line.length, x + 1 + rng.int(12)); i++) line[i] = {...line[i], style};
				break;
			}
			case 8: {
				// a stretch turns blank, as a shorter value padded to its column, in its old style or the default
				const style = rng.chance(0.5) ? line[x]?.style : {fg: '', bg: '', attributes: []};
				for (let i = x; i < Math.min(line.length, x + 3 + rng.int(20)); i++) line[i] = {char: ' ', style: style ?? line[i].style};
				break;
			}
			case 3: // the line gets shorter
				line.length = rng.int(line.length + 1);
				break;
			case 4: // the line grows
				line.push(...randomLine(rng, columns - widthOf(line)));
				break;
			case 5: // a whole new line
				next[y] = randomLine(rng, columns);
				break;
			default: // lines come or go at the bottom
				if (rng.chance(0.5) && next.length > 1) next.pop();
				else if (next.length < height) next.push(randomLine(rng, columns));
		}
		next[y] = fit(next[y] ?? [], columns);
	}
	return next;
}

const sgr = (codes: string[]) => (codes.length ? `\u001B[${codes.join(';')}m` : '');
const openCodes = (style: CellStyle) => [...style.attributes, ...(style.fg ? [style.fg] : []), ...(style.bg ? [style.bg] : [])];
const sameStyle = (a: CellStyle, b: CellStyle) => openCodes(a).join() === openCodes(b).join();

/** One line as chalk and Ink write it: codes where the style changes, closed at the end, trailing blanks trimmed. */
function serializeLine(rng: Random, line: FrameLine): string {
	let out = '';
	let current: CellStyle = {fg: '', bg: '', attributes: []};
	for (const cell of line) {
		if (!sameStyle(current, cell.style)) {
			const codes = openCodes(cell.style);
			if (rng.chance(0.5)) {
				// Reset, then the new style (sometimes one code per sequence).
				out += '\u001B[0m' + (rng.chance(0.5) ? sgr(codes) : codes.map((code) => sgr([code])).join(''));
			} else {
				// Close what ends, open what starts, as chalk does.
				const closes: string[] = ATTRIBUTES.filter(([on]) => current.attributes.includes(on) && !cell.style.attributes.includes(on)).map(
					([, off]) => off,
				);
				if (current.fg && !cell.style.fg) closes.push('39');
				if (current.bg && !cell.style.bg) closes.push('49');
				// 22 closes bold and dim both: open again whichever stays.
				const reopen: string[] = closes.includes('22') ? cell.style.attributes.filter((code) => code === '1' || code === '2') : [];
				out +=
					sgr(closes) +
					sgr([
						...new Set([...reopen, ...openCodes(cell.style).filter((code) => !openCodes(current).includes(code) || reopen.includes(code))]),
					]);
			}
			current = cell.style;
		}
		out += cell.char;
	}
	if (openCodes(current).length) out += '\u001B[0m';
	return out.replace(/ +$/, '');
}

const serialize = (rng: Random, lines: FrameLine[]) => lines.map((line) => serializeLine(rng, line)).join('\n');

// ---- The tests ----

afterEach(() => {
	vi.useRealTimers();
});

describe('FrameWriter on a real terminal emulator', () => {
	it.each([
		['a tty that passes LF on as it is', false],
		['a tty that turns LF into CR LF (ONLCR)', true],
	])('leaves the screen the latest frame draws from scratch, after every frame of a random run, on %s', async (_, onlcr) => {
		const rng = random(20_261_124);
		let columns = 60;
		let rows = 16;
		const stdout = new OffscreenStdout(columns, rows);
		const writer = new FrameWriter(stdout, {intervalMs: 0});
		const terminal = emulator(columns, rows, onlcr);
		let written = '';
		let lines = Array.from({length: rows - 1}, () => randomLine(rng, columns));
		let frame = '';
		// Ink renders at once on 'resize', at the new size.
		writer.on('resize', () => writer.write(frame));
		for (let step = 0; step < 400; step++) {
			if (step > 0 && step % 80 === 0) {
				columns = rng.pick([40, 61, 75]);
				rows = rng.pick([10, 16, 21]);
				terminal.resize(columns, rows);
				lines = lines.slice(0, rows - 1).map((line) => fit(line, columns));
				frame = serialize(rng, lines);
				stdout.resize(columns, rows);
				await waitFor(() => stdout.writes.length > 0, 'the repaint after the resize');
			} else {
				lines = step === 0 ? lines : mutate(rng, lines, columns, rows - 1);
				frame = serialize(rng, lines);
				writer.write(frame);
			}
			const output = stdout.take();
			written += output;
			await play(terminal, output);
			const expected = await drawnFresh(frame, columns, rows);
			const context = `step ${step}, ${columns}x${rows}\nexpected:\n${textOf(expected)}\nshown:\n${textOf(terminal)}`;
			expect(cellsOf(terminal), context).toEqual(cellsOf(expected));
		}
		expect(writer.framesReceived).toBe(400);
		// The run took each way of moving and erasing: the next line by LF and column (CHA), runs of blanks by ECH.
		expect(written).toMatch(/\n\u001B\[\d+G/);
		expect(written).toMatch(/\u001B\[\d+X/);
	});

	it("gives the screen it shows as ANSI (the s key's SVG): drawn on a blank terminal, the same cells, after every frame of a random run", async () => {
		const rng = random(20_261_206);
		const columns = 50;
		const rows = 12;
		const stdout = new OffscreenStdout(columns, rows);
		const writer = new FrameWriter(stdout, {intervalMs: 0});
		const terminal = emulator(columns, rows);
		let lines = Array.from({length: rows - 1}, () => randomLine(rng, columns));
		for (let step = 0; step < 150; step++) {
			lines = step === 0 ? lines : mutate(rng, lines, columns, rows - 1);
			writer.write(serialize(rng, lines));
			await play(terminal, stdout.take());
			const screen = writer.screenAnsi();
			expect([screen.columns, screen.rows]).toEqual([columns, rows]);
			const redrawn = emulator(columns, rows);
			await play(redrawn, screen.ansi);
			expect(cellsOf(redrawn), `step ${step}\nshown:\n${textOf(terminal)}\nredrawn:\n${textOf(redrawn)}`).toEqual(cellsOf(terminal));
		}
	});

	it('writes a few dozen bytes when one value changes, in one synchronized frame', async () => {
		const columns = 120;
		const rows = 36;
		const stdout = new OffscreenStdout(columns, rows);
		const writer = new FrameWriter(stdout, {intervalMs: 0});
		const rng = random(7);
		// Two panes side by side, as the dashboard draws them.
		const pane = (y: number, value: number) =>
			`\u001B[36m│\u001B[39m \u001B[1mmetric ${String(y).padStart(2)}\u001B[22m ${'\u001B[32m▁▂▃▅▇\u001B[39m'} ${String(value).padStart(6)} `.padEnd(
				70,
			);
		const draw = (value: number) =>
			Array.from({length: rows - 1}, (_, y) => `${pane(y, 1000 + y)}${y === 12 ? pane(y, value) : pane(y, 2000 + y)}`.trimEnd()).join('\n');
		writer.write(draw(41_250));
		const full = stdout.take();
		expect(full.length).toBeGreaterThan(2000);

		writer.write(draw(41_262));
		const update = stdout.take();
		expect(update.startsWith(BEGIN_SYNC) && update.endsWith(END_SYNC)).toBe(true);
		expect(Buffer.byteLength(update)).toBeLessThan(40);
		expect(update).not.toContain('metric');

		const terminal = emulator(columns, rows);
		await play(terminal, full + update);
		expect(cellsOf(terminal)).toEqual(cellsOf(await drawnFresh(draw(41_262), columns, rows)));
		expect(rng.next()).toBeTypeOf('number');
	});

	it('writes nothing at all for a frame that changes nothing', () => {
		const stdout = new OffscreenStdout(80, 24);
		const writer = new FrameWriter(stdout, {intervalMs: 0});
		const frame = ['\u001B[1mHeader\u001B[22m', '  row 1 \u001B[31m12\u001B[39m', 'row 2'].join('\n');
		writer.write(frame);
		expect(stdout.take()).not.toBe('');
		writer.write(frame);
		writer.write(`${frame}`);
		expect(stdout.writes).toEqual([]);
		expect(writer.framesReceived).toBe(3);
		expect(writer.framesWritten).toBe(1);
	});

	it('wraps every frame it writes in synchronized output, and ends it on the default pen', () => {
		const stdout = new OffscreenStdout(40, 10);
		const writer = new FrameWriter(stdout, {intervalMs: 0});
		for (const value of ['\u001B[41m 1 \u001B[49m', '\u001B[41m 2 \u001B[49m', '\u001B[42m 2 \u001B[49m', 'plain'])
			writer.write(`${value}\nnext`);
		expect(stdout.writes).toHaveLength(4);
		for (const write of stdout.writes) {
			expect(write.startsWith(BEGIN_SYNC)).toBe(true);
			// The last pen change, if any, is back to the default.
			expect(write.match(/\u001B\[[0-9;]*m/g)?.at(-1) ?? '\u001B[m').toBe('\u001B[m');
			expect(write.split(BEGIN_SYNC)).toHaveLength(2);
		}
		expect(writer.bytesWritten).toBe(stdout.writes.join('').length);
	});

	it('takes a dim or coloured blank for a blank: its colour changing writes nothing, and no pen is set for it', () => {
		const stdout = new OffscreenStdout(40, 5);
		const writer = new FrameWriter(stdout, {intervalMs: 0});
		writer.write('\u001B[1mab\u001B[22m\u001B[2m    \u001B[22mcd');
		stdout.take();
		// The blanks go from dim to red: nothing to see, nothing written.
		writer.write('\u001B[1mab\u001B[22m\u001B[31m    \u001B[39mcd');
		expect(stdout.writes).toEqual([]);
		// On a blue background they do show: written.
		writer.write('\u001B[1mab\u001B[22m\u001B[44m    \u001B[49mcd');
		expect(stdout.take()).toContain('\u001B[44m    ');
		// A dim value between blanks: the blanks after it are written in the dim pen, no change of pen for them.
		writer.write('\u001B[1mab\u001B[22m\u001B[2m 7 \u001B[22m cd');
		expect(stdout.take()).toBe(`${BEGIN_SYNC}\u001B[1;3H \u001B[2m7  \u001B[m${END_SYNC}`);
	});

	it('goes to the next line by LF and the column, or by CR LF after writing the last column (a wrap is pending)', async () => {
		const stdout = new OffscreenStdout(20, 4);
		const writer = new FrameWriter(stdout, {intervalMs: 0});
		writer.write('aaaaaaaaaaaaaaaaaaaa\nxxxxxxxxxx\nc   e');
		writer.write('aaaaaaaaaaaaaaaaaaaX\nxXxxxxxxxx\nc   e');
		expect(stdout.writes[1]).toBe(`${BEGIN_SYNC}\u001B[1;20HX\r\n\u001B[CX${END_SYNC}`);
		writer.write('aaaaaaaaaaaaaaaaaaaX\nxxxxxxxxxx\nc   d');
		expect(stdout.writes[2]).toBe(`${BEGIN_SYNC}\u001B[2;2Hx\n\u001B[5Gd${END_SYNC}`);
		for (const onlcr of [false, true]) {
			const terminal = emulator(20, 4, onlcr);
			await play(terminal, stdout.writes.join(''));
			expect(cellsOf(terminal)).toEqual(cellsOf(await drawnFresh('aaaaaaaaaaaaaaaaaaaX\nxxxxxxxxxx\nc   d', 20, 4)));
		}
	});

	it('erases a long run of blanks with ECH, in a pen that leaves them plain', async () => {
		const stdout = new OffscreenStdout(60, 4);
		const writer = new FrameWriter(stdout, {intervalMs: 0});
		const terminal = emulator(60, 4);
		const before = '\u001B[2m12:00:01\u001B[22m Publish-In-Connect-Subscribe \u001B[31mFailure\u001B[39m │ x';
		const after = '\u001B[2m12:00:02\u001B[22m Publish-In                   \u001B[33mFailure\u001B[39m │ x';
		writer.write(before);
		writer.write(after);
		const update = stdout.writes[1];
		// Erased (4 bytes) and moved over (5), not written (18).
		expect(update).toContain('\u001B[18X\u001B[19C');
		expect(update).not.toContain('  ');
		await play(terminal, stdout.writes.join(''));
		expect(cellsOf(terminal)).toEqual(cellsOf(await drawnFresh(after, 60, 4)));
	});

	it('clears the line end in the default background when a line gets shorter', async () => {
		const stdout = new OffscreenStdout(40, 5);
		const writer = new FrameWriter(stdout, {intervalMs: 0});
		const terminal = emulator(40, 5);
		writer.write('\u001B[44mthe longer line here\u001B[49m\nsecond');
		writer.write('\u001B[44mthe\u001B[49m\nsecond');
		const output = stdout.writes.join('');
		expect(stdout.writes[1]).toContain('\u001B[K');
		await play(terminal, output);
		expect(cellsOf(terminal)).toEqual(cellsOf(await drawnFresh('\u001B[44mthe\u001B[49m\nsecond', 40, 5)));
	});

	it('writes the first frame after a quiet spell at once, and only the last of a burst after the interval', () => {
		vi.useFakeTimers();
		const stdout = new OffscreenStdout(40, 10);
		const writer = new FrameWriter(stdout, {intervalMs: 80});
		writer.write('frame 1');
		expect(stdout.take()).toContain('frame 1');
		writer.write('frame 2');
		writer.write('frame 3');
		writer.write('frame 4');
		expect(stdout.writes).toEqual([]);
		vi.advanceTimersByTime(79);
		expect(stdout.writes).toEqual([]);
		vi.advanceTimersByTime(1);
		expect(stdout.writes).toHaveLength(1);
		// Only the cell that differs from frame 1 on screen: frame 4's digit.
		expect(stdout.take()).toBe(`${BEGIN_SYNC}\u001B[1;7H4${END_SYNC}`);
		// A key press after a quiet spell is answered at once.
		vi.advanceTimersByTime(500);
		writer.write('frame 5');
		expect(stdout.take()).toContain('5');
		expect(writer.framesWritten).toBe(3);
	});

	it('flushes a pending frame on close, and writes nothing after it', () => {
		vi.useFakeTimers();
		const stdout = new OffscreenStdout(40, 10);
		const writer = new FrameWriter(stdout, {intervalMs: 80});
		writer.write('one');
		writer.write('two');
		stdout.take();
		writer.close();
		expect(stdout.take()).toContain('two');
		writer.write('three');
		writer.write('\u0007');
		stdout.emit('resize');
		vi.advanceTimersByTime(1000);
		expect(stdout.writes).toEqual([]);
		expect(writer.writable).toBe(false);
		expect(stdout.listenerCount('resize')).toBe(0);
	});

	it('passes the bell on and drops the cursor switch Ink writes on unmount', () => {
		const stdout = new OffscreenStdout(40, 10);
		const writer = new FrameWriter(stdout, {intervalMs: 0});
		writer.write('screen');
		stdout.take();
		writer.write('\u0007');
		writer.write('\u001B[?25h');
		writer.write('');
		expect(stdout.writes).toEqual(['\u0007']);
		expect(writer.framesReceived).toBe(1);
	});

	it('forwards the size and resize of the real terminal, and repaints in full after it', async () => {
		const stdout = new OffscreenStdout(40, 10);
		const writer = new FrameWriter(stdout, {intervalMs: 0});
		expect([writer.columns, writer.rows, writer.isTTY]).toEqual([40, 10, true]);
		writer.write('left\nright');
		stdout.take();
		const sizes: string[] = [];
		writer.on('resize', () => sizes.push(`${writer.columns}x${writer.rows}`));
		stdout.resize(30, 8);
		expect(sizes).toEqual(['30x8']);
		expect(stdout.writes).toEqual([]);
		// No new frame came: the last one is drawn again on a cleared screen, right after.
		await waitFor(() => stdout.writes.length > 0, 'the repaint after the resize');
		const repaint = stdout.take();
		expect(repaint).toContain('\u001B[2J');
		expect(repaint).toContain('left');
		const terminal = emulator(30, 8);
		await play(terminal, `garbage everywhere\r\n${repaint}`);
		expect(cellsOf(terminal)).toEqual(cellsOf(await drawnFresh('left\nright', 30, 8)));
		// invalidate(): the same, on request.
		writer.invalidate();
		expect(stdout.take()).toContain('\u001B[2J');
		// Ink draws during the resize event, useTerminalSize's render follows in a microtask:
		// only that last frame is drawn.
		writer.on('resize', () => {
			writer.write('new\nlayout');
			queueMicrotask(() => writer.write('newer\nlayout'));
		});
		stdout.emit('resize');
		await waitFor(() => stdout.writes.length > 0, 'the frame after the resize');
		const output = stdout.take();
		expect(output.split(BEGIN_SYNC)).toHaveLength(2);
		expect(output).toContain('newer');
	});

	it('cuts lines at the right edge (a wide character there becomes a blank) and drops hyperlinks and controls', async () => {
		const stdout = new OffscreenStdout(6, 4);
		const writer = new FrameWriter(stdout, {intervalMs: 0});
		// A frame laid out before a resize can be wider than the terminal.
		writer.write('abcde漢\n\u001B]8;;https://example.com\u0007link\u001B]8;;\u0007 and more\nx\u001B[>4;2m\u0007\u009By');
		const terminal = emulator(6, 4);
		await play(terminal, stdout.take());
		expect(textOf(terminal)).toBe('abcde\nlink a\nxy\n');
		// No key mode read as dim, no bell, no C1 CSI.
		expect(cellsOf(terminal)[2].startsWith('2: x/1/0:-1/0:-1/000000000 y/1/0:-1/0:-1/000000000 ')).toBe(true);
		// The last cell holds a narrow blank, not half of 漢.
		expect(cellsOf(terminal)[0].endsWith('e/1/0:-1/0:-1/000000000  /plain')).toBe(true);
	});
});
