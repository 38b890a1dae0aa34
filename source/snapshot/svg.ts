// The screen as a terminal shows it, colours included: the app's own output is played into
// a real terminal emulator (@xterm/headless), and its cell grid is drawn as SVG.
import xterm from '@xterm/headless';

const CELL_WIDTH = 8.4;
const CELL_HEIGHT = 17;
const FONT_SIZE = 14;
const PADDING = 10;
const DEFAULT_FG = '#d0d0d0';
const DEFAULT_BG = '#101418';

// The 16 ANSI colours (a dark theme close to common terminal defaults), then the 256 cube.
const ANSI_16 = [
	'#1c1c1c',
	'#e05561',
	'#8cc265',
	'#d18f52',
	'#4aa5f0',
	'#c162de',
	'#42b3c2',
	'#d0d0d0',
	'#5c6370',
	'#ff616e',
	'#a5e075',
	'#f0a45d',
	'#4dc4ff',
	'#de73ff',
	'#4cd1e0',
	'#ffffff',
];

function paletteColor(index: number): string {
	if (index < 16) return ANSI_16[index];
	if (index < 232) {
		const n = index - 16;
		const level = (value: number) => (value === 0 ? 0 : 55 + value * 40);
		return rgb(level(Math.floor(n / 36)), level(Math.floor(n / 6) % 6), level(n % 6));
	}
	const gray = 8 + (index - 232) * 10;
	return rgb(gray, gray, gray);
}

function rgb(red: number, green: number, blue: number): string {
	return `#${[red, green, blue].map((value) => value.toString(16).padStart(2, '0')).join('')}`;
}

type Cell = {
	getChars(): string;
	getWidth(): number;
	isFgRGB(): boolean;
	isFgPalette(): boolean;
	isBgRGB(): boolean;
	isBgPalette(): boolean;
	getFgColor(): number;
	getBgColor(): number;
	isBold(): number;
	isDim(): number;
	isItalic(): number;
	isUnderline(): number;
	isInverse(): number;
	isInvisible(): number;
};

function colorOf(isRgb: boolean, isPalette: boolean, value: number, fallback: string): string {
	if (isRgb) return rgb((value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff);
	if (isPalette) return paletteColor(value);
	return fallback;
}

type Style = {fg: string; bg: string; bold: boolean; dim: boolean; italic: boolean; underline: boolean};

function styleOf(cell: Cell): Style {
	let fg = colorOf(cell.isFgRGB(), cell.isFgPalette(), cell.getFgColor(), DEFAULT_FG);
	let bg = colorOf(cell.isBgRGB(), cell.isBgPalette(), cell.getBgColor(), DEFAULT_BG);
	if (cell.isInverse()) [fg, bg] = [bg, fg];
	if (cell.isInvisible()) fg = bg;
	return {
		fg,
		bg,
		bold: Boolean(cell.isBold()),
		dim: Boolean(cell.isDim()),
		italic: Boolean(cell.isItalic()),
		underline: Boolean(cell.isUnderline()),
	};
}

const sameStyle = (a: Style, b: Style) =>
	a.fg === b.fg && a.bg === b.bg && a.bold === b.bold && a.dim === b.dim && a.italic === b.italic && a.underline === b.underline;

export function escapeXml(text: string): string {
	return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Plays `ansi` into a columns x rows terminal; resolves with the emulator once it has parsed it all. */
async function emulate(ansi: string, columns: number, rows: number): Promise<InstanceType<typeof xterm.Terminal>> {
	const terminal = new xterm.Terminal({cols: columns, rows, allowProposedApi: true, convertEol: true, scrollback: 0});
	await new Promise<void>((resolve) => terminal.write(ansi, resolve));
	return terminal;
}

/** The visible screen as plain text lines (trailing blanks trimmed): what a user would read. */
export async function ansiToScreenText(ansi: string, columns: number, rows: number): Promise<string[]> {
	const terminal = await emulate(ansi, columns, rows);
	const buffer = terminal.buffer.active;
	const lines: string[] = [];
	for (let y = 0; y < rows; y++) lines.push(buffer.getLine(buffer.viewportY + y)?.translateToString(true) ?? '');
	terminal.dispose();
	return lines;
}

export async function ansiToSvg(ansi: string, columns: number, rows: number, title = 'iot-top'): Promise<string> {
	const terminal = await emulate(ansi, columns, rows);
	const buffer = terminal.buffer.active;
	const width = Math.ceil(columns * CELL_WIDTH + PADDING * 2);
	const height = Math.ceil(rows * CELL_HEIGHT + PADDING * 2);
	const backgrounds: string[] = [];
	const texts: string[] = [];
	const scratch = buffer.getNullCell() as unknown as Cell;
	for (let y = 0; y < rows; y++) {
		const line = buffer.getLine(buffer.viewportY + y);
		if (!line) continue;
		const top = PADDING + y * CELL_HEIGHT;
		const baseline = top + CELL_HEIGHT * 0.78;
		let x = 0;
		while (x < columns) {
			const first = line.getCell(x, scratch as never) as unknown as Cell | undefined;
			if (!first) break;
			const style = styleOf(first);
			let text = '';
			let span = 0;
			while (x + span < columns) {
				const cell = line.getCell(x + span, scratch as never) as unknown as Cell | undefined;
				if (!cell) break;
				if (span > 0 && !sameStyle(style, styleOf(cell))) break;
				const cellWidth = cell.getWidth();
				if (cellWidth > 0) text += cell.getChars() || ' ';
				span++;
			}
			const left = PADDING + x * CELL_WIDTH;
			if (style.bg !== DEFAULT_BG) {
				backgrounds.push(
					`<rect x="${left.toFixed(1)}" y="${top}" width="${(span * CELL_WIDTH).toFixed(1)}" height="${CELL_HEIGHT}" fill="${style.bg}"/>`,
				);
			}
			if (text.trim() !== '') {
				const attributes = [
					`x="${left.toFixed(1)}"`,
					`y="${baseline.toFixed(1)}"`,
					`fill="${style.fg}"`,
					`textLength="${(span * CELL_WIDTH).toFixed(1)}"`,
					'lengthAdjust="spacingAndGlyphs"',
				];
				if (style.bold) attributes.push('font-weight="bold"');
				if (style.dim) attributes.push('opacity="0.6"');
				if (style.italic) attributes.push('font-style="italic"');
				if (style.underline) attributes.push('text-decoration="underline"');
				texts.push(`<text ${attributes.join(' ')}>${escapeXml(text)}</text>`);
			}
			x += span;
		}
	}
	terminal.dispose();
	return [
		`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeXml(title)}">`,
		`<title>${escapeXml(title)}</title>`,
		`<rect width="100%" height="100%" fill="${DEFAULT_BG}" rx="6"/>`,
		`<g font-family="'DejaVu Sans Mono', 'Menlo', 'Consolas', monospace" font-size="${FONT_SIZE}" xml:space="preserve">`,
		...backgrounds,
		...texts,
		'</g>',
		'</svg>',
		'',
	].join('\n');
}
