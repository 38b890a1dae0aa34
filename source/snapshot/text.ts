// The snapshot as plain text and as markdown: what the panes show, every row they hold.
import {formatDuration} from '../model/duration.js';
import {formatValue} from '../model/format.js';
import {formatStateSummary, stateLabel, type StateSummary} from '../model/alarms.js';
import {ruleStateText, UNKNOWN} from '../model/resources.js';
import {recordColumns} from '../model/logFormats.js';
import type {LogRecord} from '../model/types.js';
import type {Snapshot} from './schema.js';
import {markdownTable, textTable, type Table} from './table.js';

type Section = {title: string; note?: string; table: Table; empty: string};

const ms = (time: string) => new Date(time).getTime();
const clock = (time: string) => time.slice(11, 19);

function sourceLine(snapshot: Snapshot): string {
	const {source} = snapshot;
	const where = source.demo
		? `demo${source.region ? ` · ${source.region}` : ''}`
		: [source.account && `account ${source.account}`, source.region, source.profile && `profile ${source.profile}`, source.endpointUrl]
				.filter(Boolean)
				.join(' · ');
	return `${where} · every ${formatDuration(snapshot.refreshIntervalSeconds * 1000)}`;
}

const RESOURCE_LISTS = ['things', 'certificates', 'caCertificates', 'policies', 'rules'] as const;

type PaneError = {message: string; kind: string} | null;

/** When the data was fetched, and the error: a feature the endpoint lacks is a note, not an ERROR. */
function statusNote(pane: {fetchedAt: string | null; error: PaneError}, now: number): string {
	const parts = [pane.fetchedAt ? `fetched ${formatDuration(now - ms(pane.fetchedAt))} ago` : 'never fetched'];
	if (pane.error) parts.push(`${pane.error.kind === 'unavailable' ? 'NOT AVAILABLE' : 'ERROR'}: ${pane.error.message}`);
	return parts.join(' · ');
}

/** A resource list's note: the slice's fetch time is not this list's when the list failed and holds nothing. */
function listNote(resources: Snapshot['resources'], list: {error: PaneError; items: unknown[]}, now: number): string {
	return statusNote({fetchedAt: list.error && list.items.length === 0 ? null : resources.fetchedAt, error: list.error}, now);
}

/** The counts, or that they are unknown (null in the JSON), never zeros. */
function alarmCounts(summary: Snapshot['alarms']['summary']): string {
	return summary.alarm === null ? 'counts unknown' : formatStateSummary(summary as StateSummary);
}

/** FOR: exact from stateTransitionedAt; `≥` from stateUpdatedAt alone (a lower bound). */
function alarmFor(alarm: Snapshot['alarms']['items'][number], now: number): string {
	if (alarm.stateTransitionedAt) return formatDuration(now - ms(alarm.stateTransitionedAt));
	if (alarm.stateUpdatedAt) return `≥${formatDuration(now - ms(alarm.stateUpdatedAt))}`;
	return '—';
}

export function snapshotSections(snapshot: Snapshot): Section[] {
	const now = ms(snapshot.generatedAt);
	const {alarms, metrics, logs, resources} = snapshot;
	return [
		{
			title: `Alarms (${alarmCounts(alarms.summary)})`,
			note: statusNote(alarms, now),
			empty: 'No alarms.',
			table: {
				headers: ['STATE', 'NAME', 'FOR', 'CONDITION', 'REASON'],
				align: ['left', 'left', 'right'],
				rows: alarms.items.map((alarm) => [
					alarm.state === undefined ? stateLabel(undefined) : alarm.state,
					alarm.name,
					alarmFor(alarm, now),
					alarm.condition,
					alarm.stateReason ?? UNKNOWN,
				]),
			},
		},
		{
			title: `Metrics (last ${formatDuration(metrics.windowSeconds * 1000)})`,
			note: statusNote(metrics, now),
			empty: 'No metrics.',
			table: {
				headers: ['METRIC', 'LAST', 'MIN', 'MAX', 'POINTS'],
				align: ['left', 'right', 'right', 'right', 'right'],
				rows: metrics.items.map((metric) =>
					metric.hasData
						? [
								metric.label,
								formatValue(metric.last ?? undefined, metric.unit),
								formatValue(metric.min ?? undefined, metric.unit),
								formatValue(metric.max ?? undefined, metric.unit),
								String(metric.points.length),
							]
						: [metric.label, metric.status === 'Unknown' ? 'unknown' : 'no data', '', '', '0'],
				),
			},
		},
		{
			title: `Logs (${logs.items.length} events from ${logs.groups.join(', ')}; ${logs.state}${logs.eventsPerSecond === null ? '' : `, ${logs.eventsPerSecond}/s`}${logs.behindSeconds ? `, ${logs.behindSeconds} s behind` : ''}${logs.dropped > 0 ? `; ${logs.dropped} dropped from the buffer` : ''}${logs.unreadSeconds ? `; ${logs.unreadSeconds} s not read` : ''})`,
			note: statusNote(logs, now),
			empty: 'No log events.',
			table: {
				headers: logs.items.some((event) => event.record)
					? ['TIME (UTC)', 'LEVEL', 'EVENT', 'CLIENT / USER / SOURCE', 'TOPIC / IP / RESOURCES', 'STATUS', 'REASON / ERROR / DETAIL']
					: ['TIME (UTC)', 'LEVEL', 'EVENT', 'CLIENT', 'TOPIC', 'STATUS', 'REASON / MESSAGE'],
				rows: logs.items
					.map((event) =>
						event.eventType || event.level
							? [
									event.timestamp === null ? '--:--:--' : clock(event.timestamp),
									event.level ?? '',
									event.eventType ?? '',
									event.clientId ?? '',
									event.topicName ?? '',
									event.status ?? '',
									event.reason ?? '',
								]
							: [event.timestamp === null ? '--:--:--' : clock(event.timestamp), '', '', '', '', '', event.message],
					)
					// A CloudTrail record or an EventBridge event: its call, user, IP and error, or its event, source, resources and detail.
					.map((row, index) => logRecordRow(row, logs.items[index].record)),
			},
		},
		fleetSection(snapshot.fleet, now),
		{
			title: `Resources: things (${loaded(resources.things)})`,
			// The source's own error only when no list holds one (another list's is not the things').
			note: listNote(
				resources,
				{
					...resources.things,
					error: resources.things.error ?? (RESOURCE_LISTS.some((kind) => resources[kind].error) ? null : resources.error),
				},
				now,
			),
			empty: 'No things.',
			table: {
				headers: ['THING', 'TYPE', 'VERSION', 'ATTRIBUTES'],
				align: ['left', 'left', 'right'],
				rows: resources.things.items.map((thing) => [
					thing.name,
					thing.type ?? '',
					thing.version === undefined ? '' : String(thing.version),
					Object.entries(thing.attributes)
						.map(([key, value]) => `${key}=${value}`)
						.join(' '),
				]),
			},
		},
		...(['certificates', 'caCertificates'] as const).map((kind) => {
			const list = resources[kind];
			const expired = list.items.filter((item) => item.expiry === 'expired').length;
			const expiring = list.items.filter((item) => item.expiry === 'expiring').length;
			return {
				title: `Resources: ${kind === 'certificates' ? 'certificates' : 'CA certificates'} (${loaded(list)}; ${expired} expired, ${expiring} expiring within 30 days)`,
				note: listNote(resources, list, now),
				empty: 'None loaded.',
				table: {
					headers: ['CERTIFICATE', 'STATUS', 'CREATED (UTC)', 'EXPIRES (UTC)', 'DAYS LEFT'],
					align: ['left', 'left', 'left', 'left', 'right'],
					rows: list.items.map((item) => [
						item.id,
						item.status ?? UNKNOWN,
						item.createdAt?.slice(0, 10) ?? '',
						item.notAfter?.slice(0, 10) ?? '',
						item.expiry === 'expired' ? 'expired' : item.daysLeft === undefined ? '' : String(item.daysLeft),
					]),
				},
			} satisfies Section;
		}),
		{
			title: `Resources: policies (${loaded(resources.policies)})`,
			note: listNote(resources, resources.policies, now),
			empty: 'None loaded.',
			table: {headers: ['POLICY', 'VERSION'], rows: resources.policies.items.map((item) => [item.name, item.defaultVersionId ?? ''])},
		},
		{
			title: `Resources: rules (${loaded(resources.rules)})`,
			note: listNote(resources, resources.rules, now),
			empty: 'None loaded.',
			table: {
				headers: ['RULE', 'TOPIC', 'STATE', 'ACTIONS'],
				rows: resources.rules.items.map((item) => [
					item.name,
					item.topicPattern ?? '',
					ruleStateText(item.disabled),
					(item.actionTypes ?? []).join(', '),
				]),
			},
		},
		...changesHealthSections(snapshot, now),
	];
}

/** CloudTrail's AWS IoT changes and AWS Health's events; health without the support plan is a note, not an error. */
function changesHealthSections(snapshot: Snapshot, now: number): Section[] {
	const {changes, health} = snapshot;
	const since = changes.since ? ` since ${changes.since.slice(0, 16).replace('T', ' ')} UTC` : '';
	return [
		{
			title: `Changes (CloudTrail, AWS IoT: ${changes.count === null ? 'count unknown' : `${changes.count}`}${since})`,
			note: `${statusNote(changes, now)}${changes.readBackTo ? ` · read back to ${changes.readBackTo} (page budget)` : ''}`,
			empty: 'No changes.',
			table: {
				headers: ['TIME (UTC)', 'USER/ROLE', 'EVENT', 'RESOURCE', 'SOURCE IP', 'ERROR'],
				rows: changes.items.map((item) => [
					item.time === null ? '?' : item.time.slice(0, 19).replace('T', ' '),
					item.user ?? '?',
					item.eventName,
					item.resources.join(', '),
					item.sourceIp ?? '',
					item.errorCode ?? '',
				]),
			},
		},
		{
			title: `AWS Health (${health.unavailable ? 'not available' : health.open === null ? 'open count unknown' : `${health.open} open`})`,
			note: `${statusNote(health, now)}${health.unavailable ? ` · AWS Health ${health.unavailable}` : ''}`,
			empty: health.unavailable ? `AWS Health ${health.unavailable}.` : 'No AWS Health events for the AWS IoT services.',
			table: {
				headers: ['EVENT TYPE', 'SERVICE', 'REGION', 'STATUS', 'START (UTC)', 'UPDATED (UTC)'],
				rows: health.items.map((item) => [
					item.eventTypeCode ?? '?',
					item.service ?? '?',
					item.region ?? '?',
					item.statusCode ?? '?',
					item.startTime?.slice(0, 16).replace('T', ' ') ?? '',
					item.lastUpdatedTime?.slice(0, 16).replace('T', ' ') ?? '',
				]),
			},
		},
	];
}

/** A fleet figure's value in words, or why it is unknown (never 0). */
function figureText<T>(figure: {value: T | null; error: PaneError}, text: (value: T) => string): string {
	if (figure.value !== null) return text(figure.value);
	if (figure.error) return `unknown (${figure.error.kind === 'unavailable' ? 'NOT AVAILABLE' : 'ERROR'}: ${figure.error.message})`;
	return 'unknown';
}

function fleetSection(fleet: Snapshot['fleet'], now: number): Section {
	const mode = fleet.indexing;
	const gap = mode && (mode.thingIndexingMode === 'OFF' ? 'off' : mode.connectivityMode !== 'STATUS' ? 'no connectivity' : undefined);
	if (gap) {
		const logs = fleet.fromLogs;
		const minutes = logs?.since ? Math.max(1, Math.round((now - ms(logs.since)) / 60_000)) : 0;
		return {
			title: `Fleet (fleet index ${gap}: from the logs, last ${minutes} minutes, not the fleet's truth)`,
			note: `turn on fleet indexing with connectivity (thingConnectivityIndexingMode STATUS) for counts computed by AWS; iot-top never turns it on`,
			empty: 'No Connect or Disconnect events in the log buffer.',
			table: {
				headers: ['FROM THE LOGS', 'CLIENTS'],
				align: ['left', 'right'],
				rows: logs
					? [
							['connected (last Connect)', String(logs.connected)],
							['disconnected (last Disconnect)', String(logs.disconnected)],
							...logs.reasons.map((bucket) => [`reason ${bucket.key}`, String(bucket.count)]),
						]
					: [],
			},
		};
	}
	const breakdown = (rows: Array<{key: string; total: number; disconnected: number | null}>) =>
		rows.map((row) => `${row.key} ${row.disconnected ?? '?'}/${row.total}`).join(', ');
	const rows: string[][] = [
		['connected', figureText(fleet.connected, String)],
		['disconnected', figureText(fleet.disconnected, String)],
		[`disconnected in the last ${fleet.recentMinutes} min, still down`, figureText(fleet.recentDisconnectCount, String)],
		[
			'disconnect reasons',
			figureText(fleet.disconnectReasons, (items) => items.map((item) => `${item.key} ${item.count}`).join(', ') || 'none'),
		],
		['by thing type (down/all)', figureText(fleet.byThingType, breakdown)],
		[`by ${fleet.groupBy} (down/all)`, figureText(fleet.byGroup, breakdown)],
		[
			'recent disconnects',
			figureText(fleet.recentDisconnects, (items) =>
				items.length === 0
					? 'none'
					: `${items
							.slice(0, 20)
							.map((item) => `${item.thingName} ${item.at ? clock(item.at) : '?'} ${item.reason ?? '?'}`)
							.join(', ')}${items.length > 20 || fleet.recentDisconnectsMore ? ', …' : ''}`,
			),
		],
	];
	return {
		title: `Fleet (${mode ? `fleet index ${mode.thingIndexingMode}, connectivity ${mode.connectivityMode}` : 'fleet index mode unknown'})`,
		note: statusNote({fetchedAt: fleet.fetchedAt, error: fleet.error ?? fleet.indexingError}, now),
		empty: '',
		table: {headers: ['FIGURE', 'VALUE'], rows},
	};
}

function loaded(list: {complete: boolean; items: unknown[]}): string {
	return `${list.items.length}${list.complete ? '' : '+'} loaded`;
}

export function toText(snapshot: Snapshot): string {
	const lines = [`iot-top snapshot ${snapshot.generatedAt} · ${sourceLine(snapshot)}`];
	for (const section of snapshotSections(snapshot)) {
		lines.push('', `== ${section.title}`, `   ${section.note}`);
		lines.push(...(section.table.rows.length > 0 ? textTable(section.table) : [section.empty]));
	}
	return `${lines.join('\n')}\n`;
}

export function toMarkdown(snapshot: Snapshot): string {
	const lines = [`# iot-top snapshot`, '', `${snapshot.generatedAt} · ${sourceLine(snapshot)}`];
	for (const section of snapshotSections(snapshot)) {
		lines.push('', `## ${section.title}`, '', `_${section.note}_`, '');
		lines.push(...(section.table.rows.length > 0 ? markdownTable(section.table) : [section.empty]));
	}
	return `${lines.join('\n')}\n`;
}

/** A CloudTrail record's or an EventBridge event's row in the Logs table (no status, its detail last); any other event's as it is. */
function logRecordRow(row: string[], record: LogRecord | undefined): string[] {
	if (!record) return row;
	const [type, who, where, detail] = recordColumns(record);
	return [row[0], row[1], type, who, where, '', detail];
}
