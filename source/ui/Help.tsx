import React from 'react';
import {helpSections} from './keymap.js';
import {cell, type Line} from './widgets/line.js';
import {Panel} from './widgets/Panel.js';

/** The help overlay, generated from the keymap table. */
export function Help({width, height}: {width: number; height: number}) {
	const lines: Line[] = [];
	for (const section of helpSections()) {
		if (lines.length > 0) lines.push([]);
		lines.push([{text: section.title, bold: true, color: 'cyan'}]);
		for (const row of section.rows) {
			lines.push([{text: `  ${cell(row.keys, 24)}`, bold: true}, {text: row.description}]);
		}
	}
	return <Panel title="Help" subtitle="? or Esc to close" width={width} height={height} focused lines={lines} />;
}
