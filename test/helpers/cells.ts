// One terminal cell (xterm.js) as a string, for comparing two screens as a user sees them. A
// blank with no background and nothing drawn across it (underline, inverse, strike, overline,
// blink) looks the same whatever its colour or weight, so it is a plain blank; the frame
// writer counts on that.
import type xterm from '@xterm/headless';

type Cell = ReturnType<InstanceType<typeof xterm.Terminal>['buffer']['active']['getNullCell']>;

export function cellKey(cell: Cell): string {
	const chars = cell.getChars();
	const blank = (chars === '' || chars === ' ') && cell.getWidth() === 1;
	if (
		blank &&
		cell.isBgDefault() &&
		!cell.isUnderline() &&
		!cell.isInverse() &&
		!cell.isStrikethrough() &&
		!cell.isOverline() &&
		!cell.isBlink()
	)
		return ' /plain';
	const attributes = [
		cell.isBold(),
		cell.isDim(),
		cell.isItalic(),
		cell.isUnderline(),
		cell.isBlink(),
		cell.isInverse(),
		cell.isInvisible(),
		cell.isStrikethrough(),
		cell.isOverline(),
	]
		.map((on) => (on ? 1 : 0))
		.join('');
	return `${chars || ' '}/${cell.getWidth()}/${cell.getFgColorMode()}:${cell.getFgColor()}/${cell.getBgColorMode()}:${cell.getBgColor()}/${attributes}`;
}
