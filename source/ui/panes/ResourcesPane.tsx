// The fleet's things, certificates, CA certificates, policies and rules: a sorted, filtered
// table per sub-tab, loaded a page at a time as the cursor nears the end of what is loaded,
// and a detail view on Enter.
import React, {useEffect, useMemo, useState} from 'react';
import {applyFilter, describeRows, fetchDetail, loadMore, openList, refreshLists} from '../../live/sources/resources.js';
import {withLogJump, type ResourceList} from '../../live/state.js';
import {
	countExpiry,
	describeServerQuery,
	extraKey,
	formatExpiryCounts,
	matchesLocalFilter,
	parseResourceFilter,
	RESOURCE_KINDS,
	RESOURCE_TITLES,
	rowKey,
	COLUMNS,
	sortRows,
	type ResourceDetail,
	type ResourceKind,
	type RowOf,
	type SortOrder,
} from '../../model/resources.js';
import type {CertificateRow} from '../../model/types.js';
import type {CommandId} from '../keymap.js';
import {usePaneFocus} from '../paneFocus.js';
import {usePaneKeys} from '../paneInput.js';
import {moveCursor} from '../uiState.js';
import {useScrollOffset} from '../useScrollOffset.js';
import {type Line} from '../widgets/line.js';
import {Panel} from '../widgets/Panel.js';
import {editText, textPromptLine} from '../widgets/TextPrompt.js';
import type {PaneProps} from './paneProps.js';
import {paneStatusLines} from './paneStatus.js';
import {detailLines, headerLine, resourceTable, rowLine, subTabLine} from './resources/resourceLines.js';

type PerKind<T> = Partial<Record<ResourceKind, T>>;

type DetailState = {kind: ResourceKind; key: string; data?: ResourceDetail; error?: string};

const ignore = () => undefined;

function nextSort(kind: ResourceKind, sort: SortOrder | undefined, command: CommandId): SortOrder {
	const count = COLUMNS[kind].length;
	if (command === 'resources.sortInvert') return {column: sort?.column ?? 0, descending: !(sort?.descending ?? false)};
	const step = command === 'resources.sortNext' ? 1 : -1;
	const column = sort === undefined ? (step > 0 ? 0 : count - 1) : (sort.column + step + count) % count;
	return {column, descending: false};
}

export function ResourcesPane({engine, live, width, height, focused, now}: PaneProps) {
	const slice = live.sources.resources;
	const {context} = engine;
	const focusPane = usePaneFocus();
	const [kind, setKind] = useState<ResourceKind>('things');
	const [cursors, setCursors] = useState<PerKind<number>>({});
	const [sorts, setSorts] = useState<PerKind<SortOrder>>({});
	const [filters, setFilters] = useState<PerKind<string>>({});
	const [prompt, setPrompt] = useState<string | undefined>();
	const [detail, setDetail] = useState<DetailState | undefined>();
	const [detailScroll, setDetailScroll] = useState(0);

	const list = slice[kind] as ResourceList<RowOf[ResourceKind]>;
	const filterText = filters[kind] ?? '';
	const sort = sorts[kind];
	const parsed = useMemo(() => parseResourceFilter(kind, filterText, slice.indexing ?? false), [kind, filterText, slice.indexing]);
	const rows = useMemo(() => {
		// No filter: the list itself, not a copy (and a key string per row) each frame of 100,000 things.
		const matching =
			parsed.local.length === 0 ? list.rows : list.rows.filter((row) => matchesLocalFilter(kind, row, slice.extras[extraKey(kind, rowKey(kind, row))], parsed.local, now));
		return sort ? sortRows(kind, matching, slice.extras, sort, now) : matching;
	}, [kind, list.rows, slice.extras, parsed, sort, now]);

	const inner = width - 2;
	const bodyRows = Math.max(0, height - 2);
	// This list's error (another list's is not this tab's business); the source's own only when no list has one.
	const error = list.error ?? (RESOURCE_KINDS.some((other) => slice[other].error) ? undefined : slice.error);
	// A list that never answered has not been fetched, whatever the other lists did.
	const fetchedAt = list.via === undefined ? undefined : slice.fetchedAt;
	const status = paneStatusLines({...slice, fetchedAt, error, loading: list.loading ?? slice.loading, cadence: slice.error ? undefined : slice.cadence}, rows.length === 0, RESOURCE_TITLES[kind].toLowerCase(), inner, live.interval, now);
	const filterLine = prompt !== undefined || filterText !== '';
	// Sub-tab bar and column header above the rows; status and filter lines when shown.
	const tableRows = Math.max(1, bodyRows - 2 - status.length - (filterLine ? 1 : 0));
	const cursor = Math.max(0, Math.min(cursors[kind] ?? 0, rows.length - 1));
	const offset = useScrollOffset(cursor, tableRows, rows.length);
	const onScreen = rows.slice(offset, offset + tableRows);
	const onScreenKeys = onScreen.map((row) => rowKey(kind, row)).join('\n');

	// A sub-tab loads its first page when first shown; more when the cursor nears the end.
	// With a filter over the loaded rows nothing more loads by itself (it says so).
	useEffect(() => {
		if (!list.opened) {
			openList(context, kind).catch(ignore);
			return;
		}
		if (list.complete || list.loading || list.error || parsed.local.length > 0) return;
		if (cursor >= rows.length - tableRows) loadMore(context, kind).catch(ignore);
	}, [context, kind, list.opened, list.complete, list.loading, list.error, parsed.local.length, cursor, rows.length, tableRows]);

	// Expiry, versions and actions of the rows on screen, each described once.
	useEffect(() => {
		if (onScreenKeys) describeRows(context, kind, onScreenKeys.split('\n')).catch(ignore);
	}, [context, kind, onScreenKeys]);

	useEffect(() => {
		if (!detail || detail.data || detail.error) return;
		let current = true;
		fetchDetail(context, detail.kind, detail.key).then(
			(data) => current && setDetail((open) => (open?.key === detail.key && open.kind === detail.kind ? {...open, data} : open)),
			(error: unknown) => current && setDetail((open) => (open?.key === detail.key ? {...open, error: error instanceof Error ? error.message : String(error)} : open)),
		);
		return () => {
			current = false;
		};
	}, [context, detail]);

	const selected = rows[cursor];
	const detailBody = detail?.data ? detailLines(detail.data, inner, now, selected) : [[{text: detail?.error ? `⚠ ${detail.error}` : 'Loading details…', color: detail?.error ? 'yellow' : undefined, dim: !detail?.error}]];

	function jumpToLogs(clientId: string) {
		engine.store.update((state) => withLogJump(state, clientId));
		focusPane('logs');
	}

	usePaneKeys('resources', ({name, command}) => {
		if (prompt !== undefined) {
			if (name === 'enter') {
				setFilters((all) => ({...all, [kind]: prompt.trim()}));
				setCursors((all) => ({...all, [kind]: 0}));
				setPrompt(undefined);
				applyFilter(context, kind, prompt.trim()).catch(ignore);
			} else if (name === 'escape') {
				setPrompt(undefined);
			} else {
				setPrompt(editText(prompt, name));
			}
			return true;
		}
		if (detail) {
			if (command === 'view.back') {
				setDetail(undefined);
				return true;
			}
			if (command === 'resources.logs' && detail.data?.kind === 'things') {
				jumpToLogs(detail.data.clientId);
				return true;
			}
			const next = moveCursor(command, detailScroll, detailBody.length, Math.max(1, bodyRows - 1));
			if (next === undefined) return false;
			setDetailScroll(next);
			return true;
		}
		switch (command) {
			case 'resources.nextTab':
			case 'resources.previousTab': {
				const step = command === 'resources.nextTab' ? 1 : -1;
				// Functional: several keys can arrive in one chunk ("]]").
				setKind((current) => RESOURCE_KINDS[(RESOURCE_KINDS.indexOf(current) + step + RESOURCE_KINDS.length) % RESOURCE_KINDS.length]);
				return true;
			}
			case 'resources.sortNext':
			case 'resources.sortPrevious':
			case 'resources.sortInvert': {
				setSorts((all) => ({...all, [kind]: nextSort(kind, all[kind], command)}));
				return true;
			}
			case 'list.filter': {
				setPrompt(filterText);
				return true;
			}
			case 'view.open': {
				if (!selected) return false;
				setDetail({kind, key: rowKey(kind, selected)});
				setDetailScroll(0);
				return true;
			}
			case 'resources.logs': {
				if (kind !== 'things' || !selected) return false;
				jumpToLogs((selected as RowOf['things']).name);
				return true;
			}
			case 'view.back': {
				if (filterText === '') return false;
				setFilters((all) => ({...all, [kind]: ''}));
				applyFilter(context, kind, '').catch(ignore);
				return true;
			}
			case 'app.refresh': {
				// The engine's `r` runs the sweep; the lists are listed again here.
				refreshLists(context).catch(ignore);
				return false;
			}
			default: {
				if (moveCursor(command, cursor, rows.length, tableRows) === undefined) return false;
				setCursors((all) => ({...all, [kind]: moveCursor(command, Math.max(0, Math.min(all[kind] ?? 0, rows.length - 1)), rows.length, tableRows)}));
				return true;
			}
		}
	});

	const loaded = `${list.rows.length}${list.complete ? '' : '+'}`;
	// The sub-tab bar names the kind; the title counts what is loaded (and expiry).
	// A list that never answered has no count: unknown, not "0 of 0".
	const answered = list.via !== undefined || list.rows.length > 0 || list.complete;
	const subtitleParts = [answered ? `${list.rows.length} of ${loaded} loaded` : list.error ? 'not loaded' : 'loading'];
	if (kind === 'things' && list.via === 'SearchIndex') subtitleParts.push('fleet index');
	if ((kind === 'certificates' || kind === 'caCertificates') && answered) {
		subtitleParts.push(formatExpiryCounts(countExpiry(kind, list.rows as CertificateRow[], slice.extras, now)));
	}

	let lines: Line[];
	let footer: string | undefined;
	if (detail) {
		const visible = Math.max(1, bodyRows - 1);
		const top = Math.max(0, Math.min(detailScroll, detailBody.length - visible));
		lines = [subTabLine(kind), ...detailBody.slice(top, top + visible)];
		footer = detailBody.length > visible ? `${top + 1}-${Math.min(detailBody.length, top + visible)}/${detailBody.length} · Esc back` : 'Esc back';
	} else {
		const table = resourceTable(kind, onScreen, slice.extras, inner, now, sort);
		lines = [subTabLine(kind), headerLine(table)];
		lines.push(...status);
		for (const [index, row] of onScreen.entries()) {
			const position = offset + index;
			lines.push(rowLine(table, row, slice.extras[extraKey(kind, rowKey(kind, row))], now, focused && position === cursor));
		}
		while (lines.length < bodyRows - 1) lines.push([]);
		if (prompt !== undefined) {
			lines.push(textPromptLine('/', prompt, inner));
		} else if (filterText !== '') {
			const server = list.query ? describeServerQuery(list.query) : undefined;
			const where = [server ? `server-side (${list.via ?? ''} ${server})` : undefined, parsed.local.length > 0 ? `over the ${list.rows.length} loaded` : undefined]
				.filter(Boolean)
				.join(' + ');
			lines.push([{text: 'filter ', dim: true}, {text: filterText, color: 'cyan'}, {text: ` · ${where} · ${rows.length} match · Esc clears`, dim: true}]);
		}
		footer = rows.length > 0 ? `${cursor + 1}/${rows.length}${list.complete ? '' : '+'}` : undefined;
	}

	return <Panel title="Resources" subtitle={subtitleParts.join(' · ')} width={width} height={height} focused={focused} lines={lines} footer={footer} />;
}
