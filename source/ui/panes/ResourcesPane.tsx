// The fleet's things, certificates, CA certificates, policies and rules: a sorted, filtered
// table per sub-tab, loaded a page at a time as the cursor nears the end of what is loaded
// (resourcesView.ts), and a detail view on Enter.
import React from 'react';
import {countExpiry, describeServerQuery, extraKey, formatExpiryCounts, rowKey} from '../../model/resources.js';
import type {CertificateRow} from '../../model/types.js';
import {type Line} from '../widgets/line.js';
import {Panel} from '../widgets/Panel.js';
import {promptLine, withLinesLast} from '../widgets/TextPrompt.js';
import type {PaneProps} from './paneProps.js';
import {headerLine, resourceTable, rowLine, subTabLine} from './resources/resourceLines.js';
import {fleetRows, resourcesView, type ResourcesUi} from './resourcesView.js';
import type {FleetSlice} from '../../live/engine.js';
import {indexGap} from '../../model/fleet.js';

/** What the Fleet sub-tab's figures come from. */
function fleetSubtitle(fleet: FleetSlice): string {
	const gap = indexGap(fleet.mode);
	if (gap === 'off') return 'fleet index off · from the logs';
	if (gap === 'registryOnly') return 'fleet index without connectivity · from the logs';
	if (fleet.fetchedAt === undefined) return fleet.error ? 'not loaded' : 'loading';
	return 'fleet index · computed by AWS';
}

export function ResourcesPane({live, ui, width, height, focused, now}: PaneProps<ResourcesUi>) {
	const slice = live.sources.resources;
	const view = resourcesView(live, ui, {width, height}, now);
	const {kind, list, rows, inner, bodyRows, cursor, top} = view;
	const own = ui.lists[kind];

	const loaded = `${list.rows.length}${list.complete ? '' : '+'}`;
	// The sub-tab bar names the kind; the title counts what is loaded (and expiry).
	// A list that never answered has no count: unknown, not "0 of 0".
	const answered = list.via !== undefined || list.rows.length > 0 || list.complete;
	const subtitleParts = [answered ? `${list.rows.length} of ${loaded} loaded` : list.error ? 'not loaded' : 'loading'];
	if (kind === 'things' && list.via === 'SearchIndex') subtitleParts.push('fleet index');
	// Sorted before the list is complete: the order is the loaded rows', not the fleet's.
	if (own.sort && answered && !list.complete) subtitleParts.push('sorted as loaded · G loads all');
	if ((kind === 'certificates' || kind === 'caCertificates') && answered) {
		subtitleParts.push(formatExpiryCounts(countExpiry(kind, list.rows as CertificateRow[], slice.extras, now)));
	}

	let lines: Line[];
	let footer: string | undefined;
	if (view.fleet) {
		const visible = fleetRows(view);
		const body = view.fleet.lines;
		const scroll = Math.max(0, Math.min(ui.fleetScroll ?? 0, body.length - visible));
		lines = [subTabLine(kind, true), ...view.fleet.status, ...body.slice(scroll, scroll + visible)];
		footer = body.length > visible ? `${scroll + 1}-${Math.min(body.length, scroll + visible)}/${body.length} · j/k scroll` : undefined;
		return (
			<Panel
				title="Resources"
				subtitle={fleetSubtitle(live.sources.fleet)}
				width={width}
				height={height}
				focused={focused}
				lines={lines}
				footer={footer}
			/>
		);
	}
	if (ui.detail && view.detail) {
		const detailBody = view.detail.lines;
		const visible = Math.max(1, bodyRows - 1);
		const scroll = Math.max(0, Math.min(ui.detail.scroll, detailBody.length - visible));
		lines = [subTabLine(ui.detail.kind), ...detailBody.slice(scroll, scroll + visible)];
		footer =
			detailBody.length > visible
				? `${scroll + 1}-${Math.min(detailBody.length, scroll + visible)}/${detailBody.length} · Esc back`
				: 'Esc back';
	} else {
		// One layout for the rows on screen: the header and every row share it.
		const table = resourceTable(kind, view.onScreen, slice.extras, inner, now, own.sort);
		lines = [subTabLine(kind), headerLine(table), ...view.status];
		for (const [index, row] of view.onScreen.entries()) {
			lines.push(rowLine(table, row, slice.extras[extraKey(kind, rowKey(kind, row))], now, focused && top + index === cursor));
		}
		const bottom = [...view.progress];
		const server = own.applied && list.query ? describeServerQuery(list.query) : undefined;
		const where = [
			server ? `server-side (${list.via ?? ''} ${server})` : undefined,
			view.parsed.local.length > 0 ? `over the ${list.rows.length} loaded` : undefined,
		]
			.filter(Boolean)
			.join(' + ');
		const prompt = promptLine(own.filter, inner, `${where ? `${where} · ` : ''}${rows.length} match`);
		if (prompt) bottom.push(prompt);
		lines = withLinesLast(lines, bodyRows, bottom);
		footer = rows.length > 0 ? `${cursor + 1}/${rows.length}${list.complete ? '' : '+'}` : undefined;
	}

	// A detail names what is open: its data may be loading, or failed to load.
	const subtitle = ui.detail ? `${ui.detail.key} · Esc back` : subtitleParts.join(' · ');
	return <Panel title="Resources" subtitle={subtitle} width={width} height={height} focused={focused} lines={lines} footer={footer} />;
}
