// A bordered box drawn as text lines, with the title in the top border (as btop does):
// exactly `height` rows of exactly `width` columns, so layout never depends on wrapping.
import {Box, Text} from 'ink';
import React from 'react';
import {colorEnabled} from '../../terminal/colorLevel.js';
import {cell, fitLine, textWidth, type Line, type Segment} from './line.js';
import {styledText, styleSegment} from './StyledLine.js';

export type PanelProps = {
	title: string;
	/** Extra title text after the title, e.g. counts. */
	subtitle?: string;
	width: number;
	height: number;
	focused: boolean;
	lines: Line[];
	/** Text at the right of the bottom border, e.g. "12/340". */
	footer?: string;
};

function sameLine(previous: Line, next: Line): boolean {
	if (previous.length !== next.length) return false;
	for (let index = 0; index < next.length; index++) {
		const a = previous[index];
		const b = next[index];
		if (
			a.text !== b.text ||
			a.color !== b.color ||
			a.backgroundColor !== b.backgroundColor ||
			a.bold !== b.bold ||
			a.dim !== b.dim ||
			a.inverse !== b.inverse
		)
			return false;
	}
	return true;
}

/**
 * One body row between the side borders. Panes build their lines afresh on every refresh; a
 * row that reads the same as last time is not rendered again (at idle, most of the screen).
 */
const PanelRow = React.memo(
	function PanelRow({line, edge}: {line: Line; edge: string}) {
		return <Text wrap="truncate">{edge + styledText(line) + edge}</Text>;
	},
	(previous, next) => previous.edge === next.edge && sameLine(previous.line, next.line),
);

const LIGHT = {left: '╭', right: '╮', bottomLeft: '╰', bottomRight: '╯', across: '─', down: '│'};
// Without colour the focused pane's border is drawn heavy (and bold): its colour told it apart.
const HEAVY = {left: '┏', right: '┓', bottomLeft: '┗', bottomRight: '┛', across: '━', down: '┃'};

export function Panel({title, subtitle, width, height, focused, lines, footer}: PanelProps) {
	const inner = Math.max(0, width - 2);
	const bodyHeight = Math.max(0, height - 2);
	const color = focused ? 'cyan' : 'gray';
	const heavy = focused && !colorEnabled();
	const box = heavy ? HEAVY : LIGHT;
	const border: Omit<Segment, 'text'> = heavy ? {bold: true} : {color};
	const edge = styleSegment({text: box.down, ...border});
	const heading = ` ${title} `;
	const extra = subtitle ? `${subtitle} ` : '';
	const headingRoom = Math.max(0, inner - 1);
	const headingText = cell(heading, Math.min(textWidth(heading), headingRoom));
	const extraText = cell(extra, Math.min(textWidth(extra), Math.max(0, headingRoom - textWidth(headingText))));
	const topFill = box.across.repeat(Math.max(0, inner - 1 - textWidth(headingText) - textWidth(extraText)));
	const footerText = footer ? cell(` ${footer} `, Math.min(textWidth(footer) + 2, Math.max(0, inner - 1))) : '';
	const bottomFill = box.across.repeat(Math.max(0, inner - 1 - textWidth(footerText)));
	const body: Line[] = [];
	for (let row = 0; row < bodyHeight; row++) body.push(fitLine(lines[row] ?? [], inner));
	return (
		<Box flexDirection="column" width={width} height={height}>
			<Text wrap="truncate">
				{styledText([
					{text: box.left + box.across, ...border},
					{text: headingText, color: focused ? 'cyanBright' : 'white', bold: focused, inverse: focused},
					{text: extraText, color: focused ? 'white' : 'gray'},
					{text: `${topFill}${box.right}`, ...border},
				])}
			</Text>
			{body.map((line, index) => (
				<PanelRow key={index} line={line} edge={edge} />
			))}
			<Text wrap="truncate">
				{styledText([
					{text: `${box.bottomLeft}${bottomFill}`, ...border},
					{text: footerText, color: 'gray'},
					{text: box.across + box.bottomRight, ...border},
				])}
			</Text>
		</Box>
	);
}
