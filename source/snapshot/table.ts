// Plain tables for the text and markdown snapshots.
import {displayWidth, padCell, truncateToWidth} from '../model/format.js';

export type Table = {headers: string[]; rows: string[][]; align?: Array<'left' | 'right'>};

/** Columns padded to their widest cell (capped), two spaces apart, no trailing blanks. */
export function textTable({headers, rows, align = []}: Table, maxCell = 80): string[] {
	const widths = headers.map((header, column) =>
		Math.min(maxCell, Math.max(displayWidth(header), ...rows.map((row) => displayWidth(row[column] ?? '')))),
	);
	const line = (cells: string[]) =>
		cells
			.map((cell, column) =>
				column === cells.length - 1 && align[column] !== 'right'
					? truncateToWidth(cell, widths[column])
					: padCell(cell, widths[column], align[column]),
			)
			.join('  ')
			.trimEnd();
	return [line(headers), ...rows.map(line)];
}

function markdownCell(text: string): string {
	return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/`/g, '\\`');
}

export function markdownTable({headers, rows, align = []}: Table): string[] {
	return [
		`| ${headers.map(markdownCell).join(' | ')} |`,
		`|${headers.map((_, column) => (align[column] === 'right' ? ' ---: ' : ' --- ')).join('|')}|`,
		...rows.map((row) => `| ${row.map(markdownCell).join(' | ')} |`),
	];
}
