// A screen line as styled segments, fitted to an exact display width. Panes build lines
// from already-sanitized data; widths come from the model's one width function.
import {displayWidth, hangingIndent, lineBreaks, padCell, truncateToWidth} from '../../model/format.js';

export type Segment = {
	text: string;
	color?: string;
	backgroundColor?: string;
	bold?: boolean;
	dim?: boolean;
	inverse?: boolean;
};

export type Line = Segment[];

/** Truncates (with an ellipsis) or pads the line to exactly `width` columns. */
export function fitLine(line: Line, width: number): Line {
	const out: Line = [];
	let used = 0;
	for (const segment of line) {
		const w = displayWidth(segment.text);
		if (used + w <= width) {
			out.push(segment);
			used += w;
			continue;
		}
		const room = width - used;
		if (room > 0) {
			const text = truncateToWidth(segment.text, room);
			out.push({...segment, text});
			used += displayWidth(text);
		}
		break;
	}
	if (used < width) out.push({text: ' '.repeat(width - used)});
	return out;
}

export {displayWidth as textWidth, padCell as cell};

export const plain = (text: string, style: Omit<Segment, 'text'> = {}): Line => [{text, ...style}];

/**
 * A line as lines of at most `width` columns, so that every cell of it can be read whole (the
 * detail views): broken between words as {@link lineBreaks} does, each continuation indented
 * by `indent` columns; styles kept.
 */
export function wrapLine(line: Line, width: number, indent = 0): Line[] {
	let text = '';
	for (const segment of line) text += segment.text;
	const breaks = lineBreaks(text, width, indent);
	if (breaks.length === 1) return [line];
	const pad = ' '.repeat(hangingIndent(width, indent));
	return breaks.map(([start, end], index) => {
		const out: Line = index === 0 || pad === '' ? [] : [{text: pad}];
		let offset = 0;
		for (const segment of line) {
			const from = Math.max(start, offset);
			const to = Math.min(end, offset + segment.text.length);
			if (from < to) out.push({...segment, text: segment.text.slice(from - offset, to - offset)});
			offset += segment.text.length;
		}
		return out;
	});
}

/**
 * A label and its value, whole: the label in a column of `labelWidth` (dim), the value
 * wrapped beside it; a label too long for its column gets a line of its own.
 */
export function fieldLines(label: string, value: Line, labelWidth: number, width: number): Line[] {
	const labelText = displayWidth(label) < labelWidth ? padCell(label, labelWidth) : undefined;
	if (labelText === undefined) {
		return [...wrapLine([{text: label, dim: true}], width, 2), ...wrapLine([{text: ' '.repeat(labelWidth)}, ...value], width, labelWidth)];
	}
	return wrapLine([{text: labelText, dim: true}, ...value], width, labelWidth);
}
