// How many colours the terminal shows, from what it says of itself: the UI uses only the 16
// named colours, so every level draws the same screen, and TERM=dumb gets none.
/** FORCE_COLOR for a terminal: '3' truecolor, '2' 256 colours, '1' 16 colours, '0' for TERM=dumb. */
export function terminalColorLevel(env: NodeJS.ProcessEnv): string {
	if (env.TERM === 'dumb') return '0';
	if (env.COLORTERM === 'truecolor' || env.COLORTERM === '24bit') return '3';
	if (/-256(color)?$/.test(env.TERM ?? '')) return '2';
	return '1';
}

// NO_COLOR and --no-color forbid colour, not attributes (no-color.org): without colour the
// screen keeps bold, reverse, underline and dim, or the focus and the selection vanish.
let colorOn = true;

/** Set once at start from the config (`color`: false for NO_COLOR and --no-color). */
export function setColorEnabled(on: boolean): void {
	colorOn = on;
}

export function colorEnabled(): boolean {
	return colorOn;
}
