// A screen line as styled segments, fitted to an exact display width. Panes build lines
// from already-sanitized data; widths come from the model's one width function.
import {displayWidth, padCell, truncateToWidth} from '../../model/format.js';

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
