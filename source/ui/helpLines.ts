import type {PaneId} from './paneIds.js';
import {wrapText} from '../model/format.js';
import {helpSections} from './keymap.js';
import {cell, type Line} from './widgets/line.js';

const KEYS_WIDTH = 24;

/** The help's lines for a width, generated from the keymap table: the focused pane's own keys first, descriptions wrapped. */
export function helpLines(focus: PaneId, width: number): Line[] {
	const lines: Line[] = [];
	const room = Math.max(10, width - 2 - KEYS_WIDTH - 2);
	for (const section of helpSections(focus)) {
		if (lines.length > 0) lines.push([]);
		lines.push([{text: section.title, bold: true, color: 'cyan'}]);
		for (const row of section.rows) {
			for (const [index, part] of wrapText(row.description, room).entries()) {
				lines.push([{text: `  ${cell(index === 0 ? row.keys : '', KEYS_WIDTH)}`, bold: true}, {text: part}]);
			}
		}
	}
	return lines;
}
