// iot-top's fork of Ink 6.8.0's src/sanitize-ansi.ts (put in place of Ink's by scripts/inkFork.mjs; docs/ink.md). Differs from upstream:
// - a text whose only escapes are SGR colour codes is given back as it is, which is what upstream's tokenizer would give, without tokenizing it.
import inkSanitizeAnsi from '../../../node_modules/ink/build/sanitize-ansi.js';

const SGR_AT = /\u001B\[[\d:;]*m/y;
const C1_CONTROL = /[\u0080-\u009F]/;

/** True when every escape in `text` starts an SGR sequence and it has no C1 control: what upstream keeps whole. */
function onlySgr(text: string): boolean {
	if (C1_CONTROL.test(text)) return false;
	let index = text.indexOf('\u001B');
	while (index !== -1) {
		SGR_AT.lastIndex = index;
		if (!SGR_AT.test(text)) return false;
		index = text.indexOf('\u001B', SGR_AT.lastIndex);
	}
	return true;
}

const sanitizeAnsi = (text: string): string => (onlySgr(text) ? text : inkSanitizeAnsi(text));

export default sanitizeAnsi;
