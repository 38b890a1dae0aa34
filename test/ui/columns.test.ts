// The column model: how a table's columns share a line. Table-driven cases for each rule
// (drop order, minimums, room to the cut columns first, whole and priority columns, weights,
// compact columns, empty columns), random tables for what must always hold (never wider than
// the line, never padding while a cell is cut), and header and rows cut from one layout.
import {describe, expect, it} from 'vitest';
import {layoutColumns, tableHeader, tableLayout, tableRow, type ColumnSpec} from '../../source/ui/widgets/columns.js';
import type {Line} from '../../source/ui/widgets/line.js';
import {seededRandom} from '../helpers/random.js';

const col = (title: string, spec: Partial<ColumnSpec> = {}): ColumnSpec => ({title, min: 4, preferred: 'content', ...spec});
const text = (line: Line) => line.map((segment) => segment.text).join('');

type Case = [name: string, columns: ColumnSpec[], width: number, content: Array<number | undefined> | undefined, expected: number[]];

describe('layoutColumns', () => {
	it.each<Case>([
		[
			'every column at its preferred width; the rest to the flexible one',
			[col('A', {preferred: 6}), col('B'), col('C', {flex: 1})],
			40,
			[undefined, 10, 5],
			[6, 10, 22],
		],
		['no flexible column: the rest stays blank at the end of the line', [col('A', {preferred: 6}), col('B')], 40, [undefined, 10], [6, 10]],
		['a content column asks for its widest cell, or its title when wider', [col('TITLE'), col('B')], 40, [2, 7], [5, 7]],
		['no rows (no content): content columns ask for their titles', [col('NAME', {min: 2}), col('TOPIC', {min: 2})], 40, undefined, [4, 5]],
		['a content column whose cells are all empty is not shown', [col('A'), col('EMPTY'), col('C')], 40, [6, 0, 6], [6, 0, 6]],
		['a preferred width of 0 is not shown', [col('', {min: 0, preferred: 'content'}), col('B')], 40, [0, 6], [0, 6]],
		[
			'too narrow for every preferred width: the room goes to the cut columns, evenly, before any padding',
			[col('T', {min: 8, preferred: 8}), col('TOPIC', {min: 10}), col('REASON', {min: 10, flex: 1})],
			40,
			[undefined, 40, 40],
			[8, 15, 15],
		],
		[
			'a column that needs less than its share gets what it needs; the rest goes to the others',
			[col('CLIENT', {min: 8}), col('TOPIC', {min: 10}), col('REASON', {min: 10})],
			40,
			[10, 40, 40],
			[10, 14, 14],
		],
		[
			'weights: spare room shared 2:1',
			[col('A', {preferred: 4}), col('B', {preferred: 4, flex: 2}), col('C', {preferred: 4, flex: 1})],
			4 + 4 + 4 + 2 + 30,
			undefined,
			[4, 24, 14],
		],
		[
			'weights also share what the cut columns get',
			[col('A', {min: 4, flex: 3}), col('B', {min: 4, flex: 1})],
			4 + 4 + 1 + 8,
			[50, 50],
			[10, 6],
		],
		['max caps a column, spare room included', [col('A', {max: 8, flex: 1}), col('B', {flex: 1})], 40, [20, 5], [8, 31]],
		[
			'too narrow for every minimum: the highest drop goes first, then the next',
			[col('A', {min: 10}), col('B', {min: 10, drop: 1}), col('C', {min: 10, drop: 2}), col('D', {min: 10})],
			32,
			[10, 10, 10, 10],
			[10, 10, 0, 10],
		],
		['equal drops: the later column goes first', [col('A', {min: 10, drop: 1}), col('B', {min: 10, drop: 1})], 15, [10, 10], [10, 0]],
		[
			'drops stop once the minimums fit; the room left is shared',
			[col('A', {min: 10}), col('B', {min: 10, drop: 2}), col('C', {min: 10, drop: 1})],
			25,
			[20, 20, 20],
			[12, 0, 12],
		],
		[
			'columns that cannot drop keep their minimums, past the width if need be',
			[col('A', {min: 10}), col('B', {min: 10})],
			15,
			[20, 20],
			[10, 10],
		],
		[
			'whole: a droppable column goes before a whole column is cut',
			[col('TYPE', {min: 8}), col('CLIENT', {min: 8, whole: true}), col('TOPIC', {min: 10, drop: 1})],
			8 + 19 + 10 + 1,
			[10, 19, 30],
			[10, 19, 0],
		],
		[
			'whole, when nothing can go: as much as there is room for, before the others grow',
			[col('TYPE', {min: 8}), col('CLIENT', {min: 8, whole: true})],
			8 + 1 + 15,
			[21, 19],
			[8, 15],
		],
		[
			'whole columns in priority order: the lower gets its width first',
			[col('TYPE', {min: 8, whole: true, priority: 2}), col('CLIENT', {min: 8, whole: true, priority: 1})],
			1 + 19 + 15,
			[21, 19],
			[15, 19],
		],
		[
			'priority: whole before the others grow, where it fits',
			[col('NAME', {min: 10, priority: 1}), col('CONDITION', {min: 10, priority: 2}), col('REASON', {min: 10, flex: 1})],
			2 + 30 + 30 + 10,
			[30, 40, 60],
			[30, 30, 10],
		],
		[
			'compact: its short form where its word has no room, never a cut word',
			[col('TYPE', {min: 10}), col('STATUS', {min: 1, compact: true})],
			10 + 1 + 5,
			[30, 7],
			[14, 1],
		],
		[
			'compact: whole once the others have their width',
			[col('TYPE', {min: 10}), col('STATUS', {min: 1, compact: true})],
			10 + 1 + 20,
			[12, 7],
			[12, 7],
		],
		['min content: never cut', [col('VALUE', {min: 'content', preferred: 'content'}), col('B', {min: 4, flex: 1})], 12, [9, 20], [9, 4]],
	])('%s', (_name, columns, width, content, expected) => {
		expect(layoutColumns(columns, width, content)).toEqual(expected);
	});

	it('random tables: never wider than the line, no column below its minimum or above its max, no padding while a cell is cut', () => {
		const random = seededRandom(22);
		for (let round = 0; round < 2000; round++) {
			const count = 1 + random.below(7);
			const columns: ColumnSpec[] = Array.from({length: count}, (_, index) => ({
				title: 'T'.repeat(random.below(6)),
				min: random.below(12),
				preferred: random.below(3) === 0 ? random.below(20) : 'content',
				max: random.below(4) === 0 ? 5 + random.below(30) : undefined,
				flex: random.below(3) === 0 ? 1 + random.below(3) : undefined,
				whole: random.below(6) === 0 ? true : undefined,
				priority: random.below(5) === 0 ? random.below(3) : undefined,
				compact: random.below(8) === 0 ? true : undefined,
				drop: index > 0 && random.below(2) === 0 ? random.below(4) : undefined,
			}));
			const content = columns.map(() => random.below(50));
			const width = random.below(160);
			const widths = layoutColumns(columns, width, content);
			const shown = widths.map((each, index) => ({each, index})).filter(({each}) => each > 0);
			const total = shown.reduce((sum, {each}) => sum + each, 0) + Math.max(0, shown.length - 1);
			const undroppable = columns.filter((column, index) => column.drop === undefined && widths[index] > 0);
			const floor =
				undroppable.reduce((sum, column) => sum + Math.max(1, column.min === 'content' ? 0 : column.min), 0) +
				Math.max(0, undroppable.length - 1);
			const context = JSON.stringify({columns, content, width, widths});
			if (floor <= width) expect(total, context).toBeLessThanOrEqual(width);
			for (const {each, index} of shown) {
				const column = columns[index];
				if (typeof column.min === 'number') expect(each, context).toBeGreaterThanOrEqual(Math.max(1, column.min));
				if (column.max !== undefined && typeof column.min === 'number' && column.min <= column.max)
					expect(each, context).toBeLessThanOrEqual(column.max);
			}
			// Wider than asked (padding) only once no shown column is narrower than it asked.
			const asked = (index: number) => {
				const column = columns[index];
				const measured = column.preferred === 'content' ? Math.max(column.title.length, content[index]) : column.preferred;
				return Math.max(typeof column.min === 'number' ? column.min : 0, Math.min(measured, column.max ?? Infinity));
			};
			const padded = shown.some(({each, index}) => each > asked(index));
			const cut = shown.some(({each, index}) => each < asked(index) && !columns[index].compact);
			expect(padded && cut, context).toBe(false);
		}
	});
});

describe('header and rows from one layout', () => {
	const columns: ColumnSpec[] = [
		col('TIME', {min: 8, preferred: 8}),
		col('CLIENT ID', {min: 8, whole: true}),
		col('TOPIC', {min: 6, drop: 1}),
		col('COUNT', {min: 5, preferred: 5, align: 'right'}),
		col('REASON', {min: 6, flex: 1}),
	];

	it('puts each title over its cells, leaves dropped columns out, cuts a long cell with …', () => {
		const layout = tableLayout(columns, 60, [8, 19, 30, 3, 22]);
		const header = text(tableHeader(layout, ' '));
		const row = text(
			tableRow(
				layout,
				[{text: '›'}],
				[
					{text: '03:00:00'},
					{text: 'pump-station-000032'},
					{text: 'devices/pump-station-000032/telemetry'},
					{text: '12'},
					{text: 'AUTHENTICATION_FAILURE'},
				],
			),
		);
		for (const [title, cell] of [
			['CLIENT ID', 'pump-station-000032'],
			['TOPIC', 'devices/'],
			['REASON', 'AUTHENTICA'],
		]) {
			expect(row.indexOf(cell)).toBe(header.indexOf(title));
		}
		// Right-aligned: the count ends where its title does.
		expect(row.indexOf('12') + 2).toBe(header.indexOf('COUNT') + 'COUNT'.length);
		expect(row).toMatch(/ devices\/\S+… /);
		expect(row.length).toBeLessThanOrEqual(61);
	});

	it('a narrow line drops the topic from the header and the rows alike', () => {
		const layout = tableLayout(columns, 8 + 19 + 5 + 6 + 3, [8, 19, 30, 3, 22]);
		expect(layout.widths[2]).toBe(0);
		const header = text(tableHeader(layout, ''));
		const row = text(
			tableRow(
				layout,
				[],
				[{text: '03:00:00'}, {text: 'sensor-000217'}, {text: 'devices/x'}, {text: '1'}, {text: 'AUTHENTICATION_FAILURE'}],
			),
		);
		expect(header).not.toContain('TOPIC');
		expect(row).not.toContain('devices');
		expect(row.indexOf('AUTH')).toBe(header.indexOf('REASON'));
	});

	it("keeps each cell's style, and does not pad the last cell", () => {
		const layout = tableLayout([col('A', {preferred: 6}), col('B', {preferred: 10})], 40, undefined);
		const row = tableRow(
			layout,
			[],
			[
				{text: 'x', color: 'red'},
				{text: 'y', dim: true},
			],
		);
		expect(row).toEqual([
			{text: 'x      ', color: 'red'},
			{text: 'y', dim: true},
		]);
	});

	it('a title too wide for its column is cut like a cell, or to its first letters below 3 columns', () => {
		const layout = {columns: [col('STATUS'), col('EVENT TYPE')], widths: [1, 7]};
		expect(text(tableHeader(layout, ''))).toBe('S EVENT …');
	});
});
