import type {PaneId} from '../config.js';
import {helpSections} from './keymap.js';
import {cell, type Line} from './widgets/line.js';

/** The help's lines, generated from the keymap table: the focused pane's own keys first. */
export function helpLines(focus: PaneId): Line[] {
	const lines: Line[] = [];
	for (const section of helpSections(focus)) {
		if (lines.length > 0) lines.push([]);
		lines.push([{text: section.title, bold: true, color: 'cyan'}]);
		for (const row of section.rows) {
			lines.push([{text: `  ${cell(row.keys, 24)}`, bold: true}, {text: row.description}]);
		}
	}
	return lines;
}
