// The Resources pane's lines: the sub-tab bar, the column header, a row, and the details.
import {
	formatDate,
	daysLeft,
	EXPIRY_COLORS,
	expiryState,
	PENDING,
	RESOURCE_KINDS,
	RESOURCE_TITLES,
	COLUMNS,
	ruleStateColor,
	ruleStateText,
	statusColor,
	UNKNOWN,
	type Column,
	type ResourceDetail,
	type ResourceKind,
	type RowExtra,
	type RowExtras,
	type RowOf,
	type SortOrder,
	extraKey,
	needsExtra,
	rowKey,
} from '../../../model/resources.js';
import type {ThingRow} from '../../../model/types.js';
import {displayWidth} from '../../../model/format.js';
import {tableHeader, tableLayout, tableRow, type TableLayout} from '../../widgets/columns.js';
import {cell, fieldLines, wrapLine, type Line, type Segment} from '../../widgets/line.js';

export function subTabLine(active: ResourceKind, fleet = false): Line {
	const line: Line = [{text: ' Fleet ', inverse: fleet, bold: fleet, color: fleet ? 'cyan' : undefined}, {text: ' '}];
	for (const kind of RESOURCE_KINDS) {
		const selected = !fleet && kind === active;
		line.push({text: ` ${RESOURCE_TITLES[kind]} `, inverse: selected, bold: selected, color: selected ? 'cyan' : undefined}, {text: ' '});
	}
	return line;
}

function columnsOf<Kind extends ResourceKind>(kind: Kind): Array<Column<RowOf[Kind]>> {
	return COLUMNS[kind] as Array<Column<RowOf[Kind]>>;
}

/** A sub-tab's table for the rows on screen: the layout, and each row's cell texts (made once a frame). */
export type ResourceTable<Kind extends ResourceKind = ResourceKind> = TableLayout & {
	kind: Kind;
	/** Header titles, the sorted column's with its arrow. */
	titles: string[];
	texts: Map<RowOf[Kind], string[]>;
};

/** The table of `kind` in `width` columns, sized for `rows` (the rows on screen) and the sort. */
export function resourceTable<Kind extends ResourceKind>(
	kind: Kind,
	rows: ReadonlyArray<RowOf[Kind]>,
	extras: RowExtras,
	width: number,
	now: number,
	sort?: SortOrder,
): ResourceTable<Kind> {
	const columns = columnsOf(kind);
	const titles = columns.map((column, index) => (sort?.column === index ? `${column.title}${sort.descending ? '▼' : '▲'}` : column.title));
	const specs = columns.map((column, index) => (titles[index] === column.title ? column : {...column, title: titles[index]}));
	const content = columns.map(() => 0);
	const texts = new Map<RowOf[Kind], string[]>();
	for (const row of rows) {
		const extra = needsExtra(kind) ? extras[extraKey(kind, rowKey(kind, row))] : undefined;
		const cells = columns.map((column) => column.text(row, extra, now));
		for (let index = 0; index < cells.length; index++) content[index] = Math.max(content[index], displayWidth(cells[index]));
		texts.set(row, cells);
	}
	return {...tableLayout(specs, width - LEAD, rows.length > 0 ? content : undefined), kind, titles, texts};
}

/** Room for the selection mark before the columns. */
const LEAD = 1;

export function headerLine(table: ResourceTable): Line {
	return tableHeader(table, ' '.repeat(LEAD), table.titles);
}

export function rowLine<Kind extends ResourceKind>(
	table: ResourceTable<Kind>,
	row: RowOf[Kind],
	extra: RowExtra | undefined,
	now: number,
	selected: boolean,
): Line {
	const columns = columnsOf(table.kind);
	const texts = table.texts.get(row) ?? columns.map((column) => column.text(row, extra, now));
	const cells: Segment[] = [];
	for (const [index, column] of columns.entries()) {
		const text = texts[index];
		// Unknown and not-yet-described values are dim and uncoloured: they are not data.
		const absent = text === UNKNOWN || text === PENDING;
		const segment: Segment = {text, color: absent ? undefined : column.color?.(row, extra, now)};
		if (index === 0) segment.inverse = selected;
		if (absent || (index === columns.length - 1 && table.kind === 'things')) segment.dim = true;
		cells.push(segment);
	}
	return tableRow(table, [{text: selected ? '›' : ' ', color: 'cyan', bold: true}], cells);
}

// ---- Details ------------------------------------------------------------------------------
// Every field whole, wrapped to the pane: a cell cut in the table can always be read here.

/** Connected or not, as the fleet index said when the list was read; nothing when it was not asked. */
function connectivity(name: string, listed: ThingRow | undefined, field: (label: string, value: string, color?: string) => Line[]): Line[] {
	if (listed?.name !== name || listed.connected === undefined) return [];
	return field('Connected', listed.connected ? 'yes (fleet index)' : 'no (fleet index)', listed.connected ? 'green' : 'yellow');
}

/** Field labels: two spaces, then a column of 16. */
const LABEL_WIDTH = 19;

type Wrap = (line: Line, indent?: number) => Line[];

/**
 * The detail lines of `detail`, each at most `width` columns. `listed` is the row the detail
 * was opened on: what only the list knows (a thing's connectivity, from the fleet index).
 */
export function detailLines(detail: ResourceDetail, width: number, now: number, listed?: RowOf[ResourceKind]): Line[] {
	const wrap: Wrap = (line, indent = 2) => wrapLine(line, width, indent);
	const heading = (text: string): Line[] => wrap([{text, bold: true, color: 'cyan'}]);
	const field = (label: string, value: string, color?: string): Line[] =>
		fieldLines(`  ${label}`, [{text: value, color}], LABEL_WIDTH, width);
	/** A field AWS left out: `?`, dim. */
	const maybeField = (label: string, value: string | undefined, color?: string): Line[] =>
		value === undefined ? fieldLines(`  ${label}`, [{text: UNKNOWN, dim: true}], LABEL_WIDTH, width) : field(label, value, color);
	/** A block (policy document, SQL) line by line, each wrapped under its own indentation. */
	const block = (text: string, indent = '  '): Line[] =>
		text.split('\n').flatMap((line) => wrap([{text: `${indent}${line}`}], indent.length + (/^\s*/.exec(line)?.[0].length ?? 0) + 2));
	const none: Line = [{text: '  none', dim: true}];
	const validity = (notBefore: number | undefined, notAfter: number | undefined): Line[] => {
		const state = expiryState(notAfter, now);
		const left = notAfter === undefined ? '' : notAfter <= now ? ' (expired)' : ` (${daysLeft(notAfter, now)} days left)`;
		return [...field('Valid from', formatDate(notBefore)), ...field('Valid until', `${formatDate(notAfter)}${left}`, EXPIRY_COLORS[state])];
	};
	switch (detail.kind) {
		case 'things': {
			const lines: Line[] = [
				...heading(`Thing ${detail.name}`),
				...field('Type', detail.type ?? '—'),
				...field('Client id', detail.clientId),
				...field('Version', detail.version === undefined ? '—' : `v${detail.version}`),
				...connectivity(detail.name, listed as ThingRow | undefined, field),
				...field('Groups', detail.groups.join(', ') || '—'),
				...heading('Attributes'),
			];
			const attributes = Object.entries(detail.attributes);
			if (attributes.length === 0) lines.push(none);
			for (const [key, value] of attributes) lines.push(...field(key, value));
			lines.push(...heading(`Principals (${detail.principals.length + detail.morePrincipals})`));
			if (detail.principals.length === 0) lines.push(none);
			for (const principal of detail.principals) {
				const state = expiryState(principal.notAfter, now);
				const left =
					principal.notAfter === undefined ? '' : principal.notAfter <= now ? 'expired' : `${daysLeft(principal.notAfter, now)} days left`;
				lines.push(
					// The whole certificate id: the table shows its first 12 characters.
					...wrap(
						[
							{text: `  ${principal.id} `},
							{text: `${principal.status ?? UNKNOWN} `, color: statusColor(principal.status), dim: principal.status === undefined},
							{text: `until ${formatDate(principal.notAfter)} ${left}`, color: EXPIRY_COLORS[state]},
						],
						4,
					),
					...wrap([{text: '    policies: ', dim: true}, {text: principal.policies.join(', ') || '—'}], 14),
				);
			}
			if (detail.morePrincipals > 0) lines.push([{text: `  … and ${detail.morePrincipals} more`, dim: true}]);
			lines.push(...wrap([{text: `L: Logs pane filtered on client id ${detail.clientId}`, dim: true}]));
			return lines;
		}
		case 'certificates':
		case 'caCertificates': {
			const lines: Line[] = [
				...heading(`${detail.kind === 'caCertificates' ? 'CA certificate' : 'Certificate'} ${detail.id}`),
				...maybeField('Status', detail.status, statusColor(detail.status)),
				...field('Created', formatDate(detail.createdAt)),
				...validity(detail.notBefore, detail.notAfter),
			];
			if (detail.caCertificateId) lines.push(...field('CA', detail.caCertificateId));
			if (detail.arn) lines.push(...field('ARN', detail.arn));
			if (detail.kind === 'certificates') {
				lines.push(...heading(`Attached to things (${detail.things.length})`));
				if (detail.things.length === 0) lines.push(none);
				for (const thing of detail.things) lines.push(...wrap([{text: `  ${thing}`}], 4));
				lines.push(...heading('Policies'), ...wrap([{text: `  ${detail.policies.join(', ') || 'none'}`}], 4));
			}
			return lines;
		}
		case 'policies': {
			const lines = [...heading(`Policy ${detail.name}`), ...field('Default version', detail.defaultVersionId ?? '—')];
			if (detail.arn) lines.push(...field('ARN', detail.arn));
			return [...lines, ...heading('Document'), ...block(detail.document)];
		}
		case 'rules': {
			const actions = [...(detail.actions ?? []), ...(detail.errorAction ? [detail.errorAction] : [])];
			// The action types in a column as wide as the widest.
			const typeWidth = Math.max(14, ...actions.map((summary) => displayWidth(summary.type)));
			const action = (summary: {type: string; target: string}): Line[] =>
				wrap([{text: `  ${cell(summary.type, typeWidth)} `, color: 'blue'}, {text: summary.target}], typeWidth + 3);
			const lines: Line[] = [
				...heading(`Rule ${detail.name}`),
				...maybeField('State', detail.disabled === undefined ? undefined : ruleStateText(detail.disabled), ruleStateColor(detail.disabled)),
				...field('SQL version', detail.sqlVersion ?? '—'),
			];
			if (detail.description) lines.push(...field('Description', detail.description));
			lines.push(
				...heading('SQL'),
				...(detail.sql === undefined ? [[{text: `  ${UNKNOWN}`, dim: true}]] : block(detail.sql)),
				...heading(`Actions (${detail.actions?.length ?? UNKNOWN})`),
			);
			for (const summary of detail.actions ?? []) lines.push(...action(summary));
			lines.push(...heading('Error action'), ...(detail.errorAction ? action(detail.errorAction) : [none]));
			return lines;
		}
	}
}
