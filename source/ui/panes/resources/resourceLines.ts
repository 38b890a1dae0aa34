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
	type RowOf,
	type SortOrder,
} from '../../../model/resources.js';
import {cell, type Line, type Segment} from '../../widgets/line.js';

export function subTabLine(active: ResourceKind): Line {
	const line: Line = [];
	for (const kind of RESOURCE_KINDS) {
		const selected = kind === active;
		line.push({text: ` ${RESOURCE_TITLES[kind]} `, inverse: selected, bold: selected, color: selected ? 'cyan' : undefined}, {text: ' '});
	}
	return line;
}

function columnsOf<Kind extends ResourceKind>(kind: Kind): Array<Column<RowOf[Kind]>> {
	return COLUMNS[kind] as Array<Column<RowOf[Kind]>>;
}

/** Column widths for a line width: fixed columns as given (shrunk if need be); a width-0 last column takes the rest. */
function widths(kind: ResourceKind, width: number): number[] {
	const columns = columnsOf(kind);
	const flexible = columns.at(-1)?.width === 0;
	const fixed = (flexible ? columns.slice(0, -1) : columns).map((column) => column.width);
	const room = width - 1 - fixed.length;
	// A flexible last column keeps at least a third of the line.
	const budget = flexible ? (room * 2) / 3 : room;
	const scale = Math.min(1, budget / Math.max(1, fixed.reduce((sum, w) => sum + w, 0)));
	const sized = fixed.map((w) => Math.max(Math.min(w, 8), Math.floor(w * scale)));
	return flexible ? [...sized, Math.max(0, room - sized.reduce((sum, w) => sum + w, 0))] : sized;
}

export function headerLine(kind: ResourceKind, width: number, sort: SortOrder | undefined): Line {
	const columnWidths = widths(kind, width);
	const text = columnsOf(kind)
		.map((column, index) => {
			const arrow = sort?.column === index ? (sort.descending ? '▼' : '▲') : '';
			return cell(`${column.title}${arrow}`, columnWidths[index], column.align);
		})
		.join(' ');
	return [{text: ` ${text}`, dim: true}];
}

export function rowLine<Kind extends ResourceKind>(kind: Kind, row: RowOf[Kind], extra: RowExtra | undefined, width: number, now: number, selected: boolean): Line {
	const columnWidths = widths(kind, width);
	const line: Line = [{text: selected ? '›' : ' ', color: 'cyan', bold: true}];
	for (const [index, column] of columnsOf(kind).entries()) {
		const value = column.text(row, extra, now);
		const text = cell(value, columnWidths[index], column.align);
		// Unknown and not-yet-described values are dim and uncoloured: they are not data.
		const absent = value === UNKNOWN || value === PENDING;
		const segment: Segment = {text, color: absent ? undefined : column.color?.(row, extra, now)};
		if (index === 0) segment.inverse = selected;
		if (absent || (index === columnsOf(kind).length - 1 && kind === 'things')) segment.dim = true;
		line.push(segment, {text: ' '});
	}
	return line;
}

// ---- Details ------------------------------------------------------------------------------

const heading = (text: string): Line => [{text, bold: true, color: 'cyan'}];
const field = (label: string, value: string, color?: string): Line => [{text: `  ${cell(label, 16)} `, dim: true}, {text: value, color}];
/** A field AWS left out: `?`, dim. */
const maybeField = (label: string, value: string | undefined, color?: string): Line =>
	value === undefined ? [{text: `  ${cell(label, 16)} `, dim: true}, {text: UNKNOWN, dim: true}] : field(label, value, color);

function validityLines(notBefore: number | undefined, notAfter: number | undefined, now: number): Line[] {
	const state = expiryState(notAfter, now);
	const left = notAfter === undefined ? '' : notAfter <= now ? ' (expired)' : ` (${daysLeft(notAfter, now)} days left)`;
	return [field('Valid from', formatDate(notBefore)), field('Valid until', `${formatDate(notAfter)}${left}`, EXPIRY_COLORS[state])];
}

/** Splits a block (policy document, SQL) into lines, each cut to the width. */
function blockLines(text: string, indent = '  '): Line[] {
	return text.split('\n').map((line) => [{text: `${indent}${line}`}]);
}

export function detailLines(detail: ResourceDetail, now: number): Line[] {
	switch (detail.kind) {
		case 'things': {
			const lines: Line[] = [
				heading(`Thing ${detail.name}`),
				field('Type', detail.type ?? '—'),
				field('Client id', detail.clientId),
				field('Version', detail.version === undefined ? '—' : `v${detail.version}`),
				field('Groups', detail.groups.join(', ') || '—'),
				heading('Attributes'),
			];
			const attributes = Object.entries(detail.attributes);
			if (attributes.length === 0) lines.push([{text: '  none', dim: true}]);
			for (const [key, value] of attributes) lines.push(field(key, value));
			lines.push(heading(`Principals (${detail.principals.length + detail.morePrincipals})`));
			if (detail.principals.length === 0) lines.push([{text: '  none', dim: true}]);
			for (const principal of detail.principals) {
				const state = expiryState(principal.notAfter, now);
				const left = principal.notAfter === undefined ? '' : principal.notAfter <= now ? 'expired' : `${daysLeft(principal.notAfter, now)} days left`;
				lines.push(
					[
						{text: `  ${principal.id.slice(0, 12)} `},
						{text: `${principal.status ?? UNKNOWN} `, color: statusColor(principal.status), dim: principal.status === undefined},
						{text: `until ${formatDate(principal.notAfter)} ${left}`, color: EXPIRY_COLORS[state]},
					],
					[{text: '    policies: ', dim: true}, {text: principal.policies.join(', ') || '—'}],
				);
			}
			if (detail.morePrincipals > 0) lines.push([{text: `  … and ${detail.morePrincipals} more`, dim: true}]);
			lines.push([{text: `L: Logs pane filtered on client id ${detail.clientId}`, dim: true}]);
			return lines;
		}
		case 'certificates':
		case 'caCertificates': {
			const lines: Line[] = [
				heading(`${detail.kind === 'caCertificates' ? 'CA certificate' : 'Certificate'} ${detail.id}`),
				maybeField('Status', detail.status, statusColor(detail.status)),
				field('Created', formatDate(detail.createdAt)),
				...validityLines(detail.notBefore, detail.notAfter, now),
			];
			if (detail.caCertificateId) lines.push(field('CA', detail.caCertificateId));
			if (detail.arn) lines.push(field('ARN', detail.arn));
			if (detail.kind === 'certificates') {
				lines.push(heading(`Attached to things (${detail.things.length})`));
				if (detail.things.length === 0) lines.push([{text: '  none', dim: true}]);
				for (const thing of detail.things) lines.push([{text: `  ${thing}`}]);
				lines.push(heading('Policies'), [{text: `  ${detail.policies.join(', ') || 'none'}`}]);
			}
			return lines;
		}
		case 'policies': {
			return [heading(`Policy ${detail.name}`), field('Default version', detail.defaultVersionId ?? '—'), heading('Document'), ...blockLines(detail.document)];
		}
		case 'rules': {
			const action = (summary: {type: string; target: string}): Line => [{text: `  ${cell(summary.type, 14)} `, color: 'blue'}, {text: summary.target}];
			const lines: Line[] = [
				heading(`Rule ${detail.name}`),
				maybeField('State', detail.disabled === undefined ? undefined : ruleStateText(detail.disabled), ruleStateColor(detail.disabled)),
				field('SQL version', detail.sqlVersion ?? '—'),
			];
			if (detail.description) lines.push(field('Description', detail.description));
			lines.push(heading('SQL'), ...(detail.sql === undefined ? [[{text: `  ${UNKNOWN}`, dim: true}]] : blockLines(detail.sql)), heading(`Actions (${detail.actions?.length ?? UNKNOWN})`));
			for (const summary of detail.actions ?? []) lines.push(action(summary));
			lines.push(heading('Error action'), detail.errorAction ? action(detail.errorAction) : [{text: '  none', dim: true}]);
			return lines;
		}
	}
}
