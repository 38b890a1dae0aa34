// iot-top's fork of Ink 6.8.0's src/output.ts (put in place of Ink's by scripts/inkFork.mjs; docs/ink.md). Differs from upstream:
// - get() puts a frame's lines side by side as they came when no two writes overlap and none is cut (every frame the panes
//   draw): no grid of cells, no tokenizing and re-encoding of colour codes; any other frame goes upstream's way (gridGet).
import sliceAnsi from 'slice-ansi';
import stringWidth from 'string-width';
import {type StyledChar, styledCharsFromTokens, styledCharsToString, tokenize} from '@alcalzone/ansi-tokenize';
import {ONE_COLUMN_TEXT} from '../../model/format.js';

/** A Text's colours and the like, applied to each of its lines (Ink's OutputTransformer). */
export type OutputTransformer = (s: string, index: number) => string;

type Options = {
	width: number;
	height: number;
};

type Operation = WriteOperation | ClipOperation | UnclipOperation;

type WriteOperation = {
	type: 'write';
	x: number;
	y: number;
	text: string;
	transformers: OutputTransformer[];
};

type ClipOperation = {
	type: 'clip';
	clip: Clip;
};

type Clip = {
	x1: number | undefined;
	x2: number | undefined;
	y1: number | undefined;
	y2: number | undefined;
};

type UnclipOperation = {
	type: 'unclip';
};

class OutputCaches {
	widths = new Map<string, number>();
	blockWidths = new Map<string, number>();
	styledChars = new Map<string, StyledChar[]>();

	getStyledChars(line: string): StyledChar[] {
		let cached = this.styledChars.get(line);
		if (cached === undefined) {
			cached = styledCharsFromTokens(tokenize(line));
			this.styledChars.set(line, cached);
		}

		return cached;
	}

	getStringWidth(text: string): number {
		let cached = this.widths.get(text);
		if (cached === undefined) {
			cached = stringWidth(text);
			this.widths.set(text, cached);
		}

		return cached;
	}

	getWidestLine(text: string): number {
		let cached = this.blockWidths.get(text);
		if (cached === undefined) {
			let lineWidth = 0;
			for (const line of text.split('\n')) {
				lineWidth = Math.max(lineWidth, this.getStringWidth(line));
			}

			cached = lineWidth;
			this.blockWidths.set(text, cached);
		}

		return cached;
	}
}

const SGR_CODES = /\u001B\[[\d;]*m/g;

/** The columns a line takes in Ink's grid (a character takes at least one), times two, plus one if it has a character not of one column. */
function gridWidth(caches: OutputCaches, line: string): number {
	const plain = line.includes('\u001B') ? line.replace(SGR_CODES, '') : line;
	if (ONE_COLUMN_TEXT.test(plain)) return plain.length * 2;
	let width = 0;
	for (const character of caches.getStyledChars(line)) width += Math.max(1, caches.getStringWidth(character.value));
	return width * 2 + 1;
}

type Segment = {x: number; end: number; line: string};

const bySegmentX = (a: Segment, b: Segment) => a.x - b.x;

const hasXs = (clip: Clip | undefined): clip is Clip & {x1: number; x2: number} =>
	typeof clip?.x1 === 'number' && typeof clip.x2 === 'number';
const hasYs = (clip: Clip | undefined): clip is Clip & {y1: number; y2: number} =>
	typeof clip?.y1 === 'number' && typeof clip.y2 === 'number';

/**
 * The frame as the grid would draw it, each row's lines put side by side with their colour codes
 * as they came; undefined when two writes overlap, a line is cut (by a clip or the frame's edge),
 * or a cut line has characters of other widths: the grid then decides what shows.
 */
function sideBySide(
	operations: readonly Operation[],
	width: number,
	height: number,
	caches: OutputCaches,
): {output: string; height: number} | undefined {
	const rows: Segment[][] = [];
	const clips: Clip[] = [];
	for (const operation of operations) {
		if (operation.type === 'clip') {
			clips.push(operation.clip);
			continue;
		}

		if (operation.type === 'unclip') {
			clips.pop();
			continue;
		}

		const {x, y, transformers} = operation;
		const clip = clips.at(-1);
		const clipX = hasXs(clip) ? clip : undefined;
		const clipY = hasYs(clip) ? clip : undefined;
		// Ink draws nothing of a text that starts above the top, unless a clip cuts it there.
		const first = clipY !== undefined && y < clipY.y1 ? clipY.y1 - y : 0;
		if (y + first < 0) return undefined;
		const lines = operation.text.split('\n');
		for (let index = first; index < lines.length; index++) {
			const row = y + index;
			if (row >= height || (clipY !== undefined && row >= clipY.y2)) break;
			let line = lines[index];
			if (clipX !== undefined) {
				// Ink cuts every clipped line with slice-ansi, which counts some characters (a tab) otherwise.
				const measured = gridWidth(caches, line);
				const columns = measured >> 1;
				if (x + columns <= clipX.x1 || x >= clipX.x2) continue;
				if (x < clipX.x1 || x + columns > clipX.x2 || (measured & 1) === 1) return undefined;
			}

			// As Ink does: each transformer on each line, numbered from the first drawn.
			for (const transformer of transformers) line = transformer(line, index - first);
			const columns = gridWidth(caches, line) >> 1;
			if (columns === 0) continue;
			if (x < 0 || x + columns > width) return undefined;
			(rows[row] ??= []).push({x, end: x + columns, line});
		}
	}

	const text: string[] = [];
	for (let y = 0; y < height; y++) {
		const segments = rows[y];
		if (segments === undefined) {
			text.push('');
			continue;
		}

		if (segments.length > 1) segments.sort(bySegmentX);
		let row = '';
		let column = 0;
		let styled = false;
		for (const segment of segments) {
			if (segment.x < column) return undefined;
			// Whatever style a line leaves on stops before the blank after it (a grid blank has none).
			if (styled) row += '\u001B[0m';
			if (segment.x > column) row += ' '.repeat(segment.x - column);
			row += segment.line;
			styled = segment.line.includes('\u001B');
			column = segment.end;
		}

		// Blanks at the end are dropped as Ink drops them, unless a style is on (they show).
		text.push(styled ? row : row.trimEnd());
	}

	return {output: text.join('\n'), height};
}

export default class Output {
	width: number;
	height: number;

	private readonly operations: Operation[] = [];
	private readonly caches: OutputCaches = new OutputCaches();

	constructor(options: Options) {
		const {width, height} = options;

		this.width = width;
		this.height = height;
	}

	write(x: number, y: number, text: string, options: {transformers: OutputTransformer[]}): void {
		const {transformers} = options;

		if (!text) {
			return;
		}

		this.operations.push({
			type: 'write',
			x,
			y,
			text,
			transformers,
		});
	}

	clip(clip: Clip) {
		this.operations.push({
			type: 'clip',
			clip,
		});
	}

	unclip() {
		this.operations.push({
			type: 'unclip',
		});
	}

	get(): {output: string; height: number} {
		return sideBySide(this.operations, this.width, this.height, this.caches) ?? this.gridGet();
	}

	/** Upstream's get(): every write drawn into a grid of cells, each row then encoded again. */
	gridGet(): {output: string; height: number} {
		// Initialize output array with a specific set of rows, so that margin/padding at the bottom is preserved
		const output: StyledChar[][] = [];

		for (let y = 0; y < this.height; y++) {
			const row: StyledChar[] = [];

			for (let x = 0; x < this.width; x++) {
				row.push({
					type: 'char',
					value: ' ',
					fullWidth: false,
					styles: [],
				});
			}

			output.push(row);
		}

		const clips: Clip[] = [];

		for (const operation of this.operations) {
			if (operation.type === 'clip') {
				clips.push(operation.clip);
			}

			if (operation.type === 'unclip') {
				clips.pop();
			}

			if (operation.type === 'write') {
				const {text, transformers} = operation;
				let {x, y} = operation;
				let lines = text.split('\n');

				const clip = clips.at(-1);

				if (clip) {
					const clipHorizontally = typeof clip?.x1 === 'number' && typeof clip?.x2 === 'number';

					const clipVertically = typeof clip?.y1 === 'number' && typeof clip?.y2 === 'number';

					// If text is positioned outside of clipping area altogether,
					// skip to the next operation to avoid unnecessary calculations
					if (clipHorizontally) {
						const width = this.caches.getWidestLine(text);

						if (x + width < clip.x1! || x > clip.x2!) {
							continue;
						}
					}

					if (clipVertically) {
						const height = lines.length;

						if (y + height < clip.y1! || y > clip.y2!) {
							continue;
						}
					}

					if (clipHorizontally) {
						lines = lines.map((line) => {
							const from = x < clip.x1! ? clip.x1! - x : 0;
							const width = this.caches.getStringWidth(line);
							const to = x + width > clip.x2! ? clip.x2! - x : width;

							return sliceAnsi(line, from, to);
						});

						if (x < clip.x1!) {
							x = clip.x1!;
						}
					}

					if (clipVertically) {
						const from = y < clip.y1! ? clip.y1! - y : 0;
						const height = lines.length;
						const to = y + height > clip.y2! ? clip.y2! - y : height;

						lines = lines.slice(from, to);

						if (y < clip.y1!) {
							y = clip.y1!;
						}
					}
				}

				let offsetY = 0;

				for (const [index, written] of lines.entries()) {
					let line = written;
					const currentLine = output[y + offsetY];

					// Line can be missing if `text` is taller than height of pre-initialized `this.output`
					if (!currentLine) {
						continue;
					}

					for (const transformer of transformers) {
						line = transformer(line, index);
					}

					const characters = this.caches.getStyledChars(line);
					let offsetX = x;

					for (const character of characters) {
						currentLine[offsetX] = character;

						// Determine printed width using string-width to align with measurement
						const characterWidth = Math.max(1, this.caches.getStringWidth(character.value));

						// For multi-column characters, clear following cells to avoid stray spaces/artifacts
						if (characterWidth > 1) {
							for (let index = 1; index < characterWidth; index++) {
								currentLine[offsetX + index] = {
									type: 'char',
									value: '',
									fullWidth: false,
									styles: character.styles,
								};
							}
						}

						offsetX += characterWidth;
					}

					offsetY++;
				}
			}
		}

		const generatedOutput = output
			.map((line) => {
				// See https://github.com/vadimdemedes/ink/pull/564#issuecomment-1637022742
				const lineWithoutEmptyItems = line.filter((item) => item !== undefined);

				return styledCharsToString(lineWithoutEmptyItems).trimEnd();
			})
			.join('\n');

		return {
			output: generatedOutput,
			height: output.length,
		};
	}
}
