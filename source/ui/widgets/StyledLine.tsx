// A fitted line as one string with its colour codes in it, the codes Ink's <Text> props would
// give each segment (the same chalk, so the same colour level: FORCE_COLOR). One text node a
// line instead of a <Text> per segment: at idle, a refresh re-renders tens of rows, and each
// nested <Text> was a React element, a fiber, two Ink nodes and a pass of Ink's squash.
// Without colour (NO_COLOR, --no-color) the attributes are written here, not by chalk, whose
// level 0 drops them with the colours.
import chalk from 'chalk';
import {Text} from 'ink';
import React from 'react';
import {colorEnabled} from '../../terminal/colorLevel.js';
import {fitLine, type Line, type Segment} from './line.js';

const RGB = /^rgb\(\s?(\d+),\s?(\d+),\s?(\d+)\s?\)$/;
const ANSI256 = /^ansi256\(\s?(\d+)\s?\)$/;

/** Ink's colorize: a chalk colour name, #hex, ansi256(n) or rgb(r,g,b); anything else is no colour. */
function colorize(text: string, color: string, background: boolean): string {
	if (color in chalk) {
		const name = background ? `bg${color[0]!.toUpperCase()}${color.slice(1)}` : color;
		return (chalk as unknown as Record<string, (text: string) => string>)[name]!(text);
	}
	if (color.startsWith('#')) return background ? chalk.bgHex(color)(text) : chalk.hex(color)(text);
	const ansi = ANSI256.exec(color);
	if (ansi) return background ? chalk.bgAnsi256(Number(ansi[1]))(text) : chalk.ansi256(Number(ansi[1]))(text);
	const rgb = RGB.exec(color);
	if (rgb) {
		const [r, g, b] = [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])];
		return background ? chalk.bgRgb(r, g, b)(text) : chalk.rgb(r, g, b)(text);
	}
	return text;
}

// Without colour, grey (the quiet colour: unfocused borders, notes, unknowns) is dim, red
// (an alarm, an error, an expired certificate, a failure) is bold, and yellow (a warning: a
// certificate expiring within 30 days, WARN, stale data) is underlined.
const QUIET = new Set(['gray', 'grey', 'blackBright']);
const ALARMING = new Set(['red', 'redBright']);
const WARNING = new Set(['yellow', 'yellowBright']);

/** A segment with its attributes alone, as SGR codes of their own: dim, bold, underline, reverse; no colour. */
function attributesOnly(segment: Segment): string {
	const dim = segment.dim || (segment.color !== undefined && QUIET.has(segment.color));
	const bold = segment.bold || (segment.color !== undefined && ALARMING.has(segment.color));
	const underline = segment.color !== undefined && WARNING.has(segment.color);
	let open = '';
	let close = '';
	if (dim) open += '\u001B[2m';
	if (bold) open += '\u001B[1m';
	if (underline) {
		open += '\u001B[4m';
		close += '\u001B[24m';
	}
	if (segment.inverse) {
		open += '\u001B[7m';
		close += '\u001B[27m';
	}
	// 22 ends bold and dim alike.
	if (dim || bold) close += '\u001B[22m';
	return open + segment.text + close;
}

/** One segment styled in the order Ink's <Text> applies its props (dim, colour, background, bold, inverse). */
export function styleSegment(segment: Segment): string {
	let text = segment.text;
	if (text === '') return text;
	if (!colorEnabled()) return attributesOnly(segment);
	if (segment.dim) text = chalk.dim(text);
	if (segment.color) text = colorize(text, segment.color, false);
	if (segment.backgroundColor) text = colorize(text, segment.backgroundColor, true);
	if (segment.bold) text = chalk.bold(text);
	if (segment.inverse) text = chalk.inverse(text);
	return text;
}

export function styledText(line: Line): string {
	let text = '';
	for (const segment of line) text += styleSegment(segment);
	return text;
}

/** A one-row bar (header, tabs, status): the line fitted to `width` columns, as one styled text. */
export function StyledLine({line, width}: {line: Line; width: number}) {
	return <Text wrap="truncate">{styledText(fitLine(line, width))}</Text>;
}
