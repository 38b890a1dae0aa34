import React from 'react';
import type {ThingRow} from '../../model/types.js';
import {cell, type Line} from '../widgets/line.js';
import {Panel} from '../widgets/Panel.js';
import {useListCursor, usePaneKeys} from '../paneInput.js';
import {useScrollOffset} from '../useScrollOffset.js';
import type {PaneProps} from './paneProps.js';
import {paneStatusLine} from './paneStatus.js';

export function thingLine(thing: ThingRow, width: number, selected: boolean): Line {
	const nameWidth = Math.min(32, Math.max(14, Math.floor(width * 0.3)));
	const attributes = Object.entries(thing.attributes)
		.map(([key, value]) => `${key}=${value}`)
		.join(' ');
	return [
		{text: selected ? '›' : ' ', color: 'cyan', bold: true},
		{text: `${cell(thing.name, nameWidth)} `, inverse: selected},
		{text: `${cell(thing.type ?? '—', 16)} `, color: 'blue'},
		{text: `${cell(thing.version === undefined ? '' : `v${thing.version}`, 5, 'right')} `, dim: true},
		{text: attributes, dim: true},
	];
}

export function ResourcesPane({live, width, height, focused}: PaneProps) {
	const slice = live.sources.resources;
	const {things} = slice;
	const inner = width - 2;
	const bodyRows = Math.max(0, height - 3);
	const {rows} = things;
	const list = useListCursor(rows.length, Math.max(1, bodyRows - 1));
	const {cursor} = list;
	usePaneKeys('resources', ({command}) => list.handle(command));
	const status = paneStatusLine(slice, rows.length === 0, 'things');
	const offset = useScrollOffset(cursor, bodyRows - (status ? 1 : 0), rows.length);
	const nameWidth = Math.min(32, Math.max(14, Math.floor(inner * 0.3)));
	const lines: Line[] = [[{text: ` ${cell('THING', nameWidth)} ${cell('TYPE', 16)} ${cell('VER', 5, 'right')} ATTRIBUTES`, dim: true}]];
	if (status) lines.push(status);
	for (let index = offset; index < rows.length && lines.length < bodyRows + 1; index++) {
		lines.push(thingLine(rows[index], inner, focused && index === cursor));
	}
	const loaded = `${rows.length}${things.complete ? '' : '+'}`;
	return (
		<Panel
			title="Resources"
			subtitle={`Things · ${rows.length} of ${loaded} loaded`}
			width={width}
			height={height}
			focused={focused}
			lines={lines}
			footer={rows.length > 0 ? `${Math.min(cursor + 1, rows.length)}/${loaded}` : undefined}
		/>
	);
}
