// What a screen's escape codes set: colour codes, for the checks that without colour there are
// none (NO_COLOR forbids colour, not bold or reverse).

/**
 * The colour each SGR sequence in `text` sets (30-38, 40-48, 90-97, 100-107, with the
 * 256-colour and RGB forms), as written; 39 and 49 (back to the default) are no colour.
 */
export function colorCodes(text: string): string[] {
	const found: string[] = [];
	for (const [, parameters] of text.matchAll(/\u001B\[([0-9;:]*)m/g)) {
		const parts = parameters.split(';');
		for (let index = 0; index < parts.length; index++) {
			const code = Number(parts[index].split(':')[0]);
			if (code === 38 || code === 48) {
				// 38;5;n and 38;2;r;g;b: the colour's own numbers are no codes.
				const skip = parts[index + 1] === '5' ? 2 : parts[index + 1] === '2' ? 4 : 0;
				found.push(parts.slice(index, index + 1 + skip).join(';'));
				index += skip;
			} else if ((code >= 30 && code <= 37) || (code >= 40 && code <= 47) || (code >= 90 && code <= 97) || (code >= 100 && code <= 107)) {
				found.push(parts[index]);
			}
		}
	}
	return found;
}

export type ShownCell = {char: string; bold: boolean; dim: boolean; inverse: boolean; underline: boolean; colored: boolean};

/** A frame (lines joined by '\n') drawn on a terminal emulator: each row's cells as a user sees them. */
export async function shownCells(frame: string, columns: number, rows: number): Promise<ShownCell[][]> {
	const {default: xterm} = await import('@xterm/headless');
	const terminal = new xterm.Terminal({cols: columns, rows, allowProposedApi: true, scrollback: 0});
	await new Promise<void>((resolve) => terminal.write(frame.split('\n').join('\r\n'), resolve));
	const buffer = terminal.buffer.active;
	const shown: ShownCell[][] = [];
	for (let y = 0; y < rows; y++) {
		const line = buffer.getLine(buffer.baseY + y)!;
		const row: ShownCell[] = [];
		for (let x = 0; x < columns; x++) {
			const cell = line.getCell(x)!;
			row.push({
				char: cell.getChars() || ' ',
				bold: Boolean(cell.isBold()),
				dim: Boolean(cell.isDim()),
				inverse: Boolean(cell.isInverse()),
				underline: Boolean(cell.isUnderline()),
				colored: !cell.isFgDefault() || !cell.isBgDefault(),
			});
		}
		shown.push(row);
	}
	terminal.dispose();
	return shown;
}
