import {existsSync, readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {hasControlSequences, LINE_BREAK_MARKER, sanitizeBlock, sanitizeText} from '../../source/terminal/sanitize.js';
import {FIXTURE_HOSTILE_PATH as fixturePath, SHARED_HOSTILE_PATH as sharedPath, loadHostileStrings} from '../helpers/hostile.js';

const hostile = {strings: loadHostileStrings()};
const byName = new Map(hostile.strings.map((entry) => [entry.name, entry.text]));

function hostileText(name: string): string {
	const text = byName.get(name);
	if (text === undefined) throw new Error(`hostile string "${name}" missing from the data file`);
	return text;
}

// Everything that may never reach the terminal from device data.
const forbidden = /[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/;

describe('hostile strings data', () => {
	it('has strings to test', () => {
		expect(hostile.strings.length).toBeGreaterThan(10);
	});

	it.skipIf(!existsSync(sharedPath))('fixture copy is identical to the shared file', () => {
		expect(readFileSync(fixturePath, 'utf8')).toBe(readFileSync(sharedPath, 'utf8'));
	});
});

describe('sanitizeText on every hostile string', () => {
	it.each(hostile.strings)('$name leaves no control or escape character', ({text}) => {
		const line = sanitizeText(text);
		expect(line).not.toMatch(forbidden);
		expect(hasControlSequences(line)).toBe(false);
		const block = sanitizeBlock(text);
		expect(block.replaceAll('\n', '')).not.toMatch(forbidden);
		expect(hasControlSequences(block, true)).toBe(false);
	});
});

describe('sanitizeText keeps harmless visible text', () => {
	it.each([
		['osc52-clipboard', ''],
		['osc0-title', ''],
		['osc8-hidden-link', 'https://console.example.com'],
		['clear-and-home', 'ok ALL SYSTEMS NORMAL'],
		['cursor-up-erase', '  0 alarms'],
		['carriage-return-overwrite', `temp=95C CRITICAL${LINE_BREAK_MARKER}temp=21C OK       `],
		['backspace-overwrite', 'CRITOK  '],
		['c1-8bit-csi-osc', 'a'],
		['tmux-passthrough', ''],
		['queries-and-modes', ''],
		['bidi-conceal-newline', `sensor-gnp.exe hidden${LINE_BREAK_MARKER}INFO admin login ok`],
		['sgr-colour-spoof', 'OK (really ALARM)'],
		['nul-bel-del', 'abcd'],
	])('%s -> %j', (name, expected) => {
		expect(sanitizeText(hostileText(name))).toBe(expected);
	});

	it('truncates long-line to maxLength code points ending in an ellipsis', () => {
		const line = sanitizeText(hostileText('long-line'), 100);
		expect([...line]).toHaveLength(100);
		expect(line.endsWith('…')).toBe(true);
		expect([...sanitizeText(hostileText('long-line'))]).toHaveLength(4096);
	});
});

describe('sanitizeText', () => {
	it.each<[string, unknown, string]>([
		['plain text unchanged', 'Connect Success client-1', 'Connect Success client-1'],
		['undefined', undefined, ''],
		['null', null, ''],
		['number', 42.5, '42.5'],
		['boolean', false, 'false'],
		['object as compact JSON', {a: 1}, '{"a":1}'],
		['invalid UTF-8 bytes', new Uint8Array([0x61, 0xff, 0x62]), 'a\uFFFDb'],
		['lone high surrogate', 'a\uD800b', 'a\uFFFDb'],
		['lone low surrogate', 'a\uDC00b', 'a\uFFFDb'],
		['surrogate pair kept', 'sensor 😀 ok', 'sensor 😀 ok'],
		['CJK kept', '温度センサー', '温度センサー'],
		['tab', 'a\tb', 'a b'],
		['CRLF is one break', 'a\r\nb', `a${LINE_BREAK_MARKER}b`],
		['run of breaks is one marker', 'a\n\n\r\nb', `a${LINE_BREAK_MARKER}b`],
		['trailing newline dropped', 'line\n', 'line'],
		['line separator U+2028', 'a\u2028b', `a${LINE_BREAK_MARKER}b`],
		['vertical tab and form feed', 'a\vb\fc', `a${LINE_BREAK_MARKER}b${LINE_BREAK_MARKER}c`],
		['zero-width and BOM removed', '\uFEFFad\u200Bmin\u200D', 'admin'],
		['bidi isolates removed', 'a\u2066b\u2069c\u200Fd\u061Ce', 'abcde'],
		['tag characters removed', 'ok\u{E0041}\u{E0042}', 'ok'],
		['SGR removed', '\x1b[1;31mred\x1b[m', 'red'],
		['charset designation removed', '\x1b(Bplain', 'plain'],
		['unterminated CSI removed', 'a\x1b[12', 'a'],
		['unterminated OSC keeps the text', 'a\x1b]0;title', 'a0;title'],
		['OSC with ST', '\x1b]2;x\x1b\\after', 'after'],
		['8-bit DCS with 8-bit ST', 'a\x90q#0;2\x9cb', 'ab'],
		['APC', '\x1b_Gpayload\x1b\\ok', 'ok'],
		['lone ESC at end', 'ok\x1b', 'ok'],
		['all C1 removed', 'a\x80\x84\x8e\x9fb', 'ab'],
	])('%s', (_name, input, expected) => {
		const output = sanitizeText(input);
		expect(output).toBe(expected);
		expect(hasControlSequences(output)).toBe(false);
	});

	it.each<[string, string, number, string]>([
		['fits', 'abc', 3, 'abc'],
		['cut with ellipsis', 'abcdef', 4, 'abc…'],
		['counts code points, not UTF-16 units', '😀😀😀😀', 3, '😀😀…'],
		['zero length', 'abc', 0, ''],
		['length after removing escapes', '\x1b[31mabc\x1b[0m', 3, 'abc'],
	])('truncation: %s', (_name, input, maxLength, expected) => {
		expect(sanitizeText(input, maxLength)).toBe(expected);
	});

	it('bounds work on huge input and still marks the cut', () => {
		const huge = '\x1b[0m'.repeat(100_000) + 'tail';
		const output = sanitizeText(huge, 10);
		expect(output).toBe('…');
		expect(sanitizeText('y'.repeat(1_000_000), 5)).toBe('yyyy…');
	});
});

// Each bidi control alone in otherwise plain text: nothing else would send the sanitizer past
// its fast path (the check for any unsafe character), so that check must know every one.
const BIDI_CONTROLS = [
	'\u202A',
	'\u202B',
	'\u202C',
	'\u202D',
	'\u202E',
	'\u2066',
	'\u2067',
	'\u2068',
	'\u2069',
	'\u200E',
	'\u200F',
	'\u061C',
];
const codePoint = (text: string) => `U+${text.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

describe('a string whose only unsafe character is a bidi control', () => {
	it.each(BIDI_CONTROLS.map((control) => [codePoint(control), control]))(
		'%s is removed by sanitizeText and sanitizeBlock',
		(_name, control) => {
			// U+202E makes `invoice-‮fdp.exe` read as `invoice-exe.pdf`.
			const name = `invoice-${control}fdp.exe`;
			expect(sanitizeText(name)).toBe('invoice-fdp.exe');
			expect(sanitizeText(`${control}`)).toBe('');
			// Counted after removal: four code points fit in four.
			expect(sanitizeText(`ok${control}${control}ok`, 4)).toBe('okok');
			expect(sanitizeBlock(`SELECT *\nFROM '${name}'`)).toBe("SELECT *\nFROM 'invoice-fdp.exe'");
			for (const output of [sanitizeText(name), sanitizeBlock(name)]) {
				expect(output).not.toContain(control);
				expect(hasControlSequences(output)).toBe(false);
			}
			// And the check the app's tests rely on sees it.
			expect(hasControlSequences(name)).toBe(true);
		},
	);
});

describe('sanitizeBlock', () => {
	it.each<[string, unknown, string]>([
		['keeps line breaks', '{\n  "a": 1\n}', '{\n  "a": 1\n}'],
		['CRLF and CR become \\n', 'a\r\nb\rc', 'a\nb\nc'],
		['tab becomes two spaces', '\tx', '  x'],
		['escapes removed per line', 'SELECT *\x1b[2J\nFROM \x1b]0;t\x07"t"', 'SELECT *\nFROM "t"'],
		['keeps blank lines', 'a\n\nb', 'a\n\nb'],
	])('%s', (_name, input, expected) => {
		const output = sanitizeBlock(input);
		expect(output).toBe(expected);
		expect(hasControlSequences(output, true)).toBe(false);
	});
});

describe('hasControlSequences', () => {
	it.each<[string, string, boolean, boolean]>([
		['plain', 'abc', false, false],
		['newline', 'a\nb', true, false],
		['ESC', 'a\x1bb', true, true],
		['BEL', 'a\x07', true, true],
		['DEL', 'a\x7f', true, true],
		['C1', 'a\x9b', true, true],
		['bidi override', 'a\u202Eb', true, true],
		['tab', 'a\tb', true, true],
	])('%s', (_name, text, inText, inBlock) => {
		expect(hasControlSequences(text)).toBe(inText);
		expect(hasControlSequences(text, true)).toBe(inBlock);
	});
});
