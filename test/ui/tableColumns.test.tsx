// What the tables show at each terminal size, against a store filled by hand (the engine never
// runs): columns use the room the pane has. Whole client ids during an auth-error incident in
// the dashboard, topic and status at 80x24, whole topics, thing types and certificate states
// zoomed at 160x48, an alarm's whole reason at 200x60, a sparkline at least half its row, and
// every header over its column. Enter shows what a cut cell hid, whole.
import React from 'react';
import {afterEach, describe, expect, it} from 'vitest';
import {Engine} from '../../source/live/engine.js';
import {toLogEvent} from '../../source/model/iotLog.js';
import {appendLogEvents} from '../../source/model/logBuffer.js';
import {defaultBoard} from '../../source/model/metricBoard.js';
import type {AlarmRow, CertificateRow, LogEvent, ThingRow} from '../../source/model/types.js';
import {App} from '../../source/ui/App.js';
import {clientsFor, testEngine} from '../helpers/engine.js';
import {renderAt, stripAnsi, type Rendered} from '../helpers/render.js';

const NOW = Date.UTC(2026, 10, 24, 3, 0, 0);
const DAY = 86_400_000;

const SHADOW_TOPIC = '$aws/things/pump-station-000032/shadow/update';
const LONG_TOPIC = 'devices/pump-station-000032/telemetry/line-7/pressure/raw';
const REASON = 'Threshold Crossed: 12.0';

const ALARMS: AlarmRow[] = [
	{
		name: 'auth-errors',
		kind: 'metric',
		state: 'ALARM',
		stateReason: REASON,
		stateTransitionedAt: NOW - 200_000,
		metricName: 'Connect.AuthError',
		statistic: 'Sum',
		comparisonOperator: 'GreaterThanThreshold',
		threshold: 10,
		period: 60,
		evaluationPeriods: 3,
		datapointsToAlarm: 3,
	},
	{
		name: 'quiet-alarm',
		kind: 'metric',
		state: 'OK',
		stateReason: 'fine',
		stateTransitionedAt: NOW - 3_600_000,
		metricName: 'Connect.Success',
		statistic: 'Sum',
		comparisonOperator: 'LessThanThreshold',
		threshold: 1,
		period: 60,
		evaluationPeriods: 5,
	},
];

/** The auth-error incident as the Logs pane gets it: AuthN errors from named devices among the usual traffic; the newest has the longest topic. */
function incident(): LogEvent[] {
	const clients = ['sensor-000217', 'pump-station-000032', 'Thermostat-000151', 'gw-austin-000012'];
	const events = Array.from({length: 40}, (_, index) => {
		const clientId = clients[index % clients.length];
		const failed = index % 3 === 0;
		const fields = failed
			? {logLevel: 'ERROR', status: 'Failure', eventType: 'Connection.AuthNError', clientId, reason: 'AUTHENTICATION_FAILURE'}
			: index % 3 === 1
				? {logLevel: 'INFO', status: 'Success', eventType: 'Publish-In', clientId, topicName: `devices/${clientId}/telemetry`}
				: {logLevel: 'INFO', status: 'Success', eventType: 'UpdateThingShadow', topicName: SHADOW_TOPIC};
		return {index, fields};
	});
	events.push({
		index: 40,
		fields: {
			logLevel: 'WARN',
			status: 'Failure',
			eventType: 'Publish-In',
			clientId: 'pump-station-000032',
			topicName: LONG_TOPIC,
			reason: 'PAYLOAD_LIMIT_EXCEEDED',
		},
	} as never);
	return events.map(({index, fields}) =>
		toLogEvent(
			{
				eventId: `e${index}`,
				timestamp: NOW - (41 - index) * 500,
				message: JSON.stringify({timestamp: '2026-11-24 03:00:00.000', traceId: `t${index}`, accountId: '123456789012', ...fields}),
				logStreamName: 's',
			},
			'AWSIotLogsV2',
		),
	);
}

/** The usual traffic: publishes, shadow updates, a disconnect, and one publish over the size limit. */
function traffic(): LogEvent[] {
	const kinds = [
		{logLevel: 'INFO', status: 'Success', eventType: 'Publish-In', clientId: 'sensor-000217', topicName: 'devices/sensor-000217/telemetry'},
		{logLevel: 'INFO', status: 'Success', eventType: 'UpdateThingShadow', topicName: SHADOW_TOPIC},
		{logLevel: 'INFO', status: 'Success', eventType: 'Disconnect', clientId: 'Thermostat-000151', reason: 'CLIENT_INITIATED_DISCONNECT'},
		{
			logLevel: 'WARN',
			status: 'Failure',
			eventType: 'Publish-In',
			clientId: 'pump-station-000032',
			topicName: 'devices/pump-station-000032/telemetry',
			reason: 'PAYLOAD_LIMIT_EXCEEDED',
		},
	];
	return Array.from({length: 40}, (_, index) =>
		toLogEvent(
			{
				eventId: `e${index}`,
				timestamp: NOW - (40 - index) * 500,
				message: JSON.stringify({
					timestamp: '2026-11-24 03:00:00.000',
					traceId: `t${index}`,
					accountId: '123456789012',
					...kinds[index % kinds.length],
				}),
				logStreamName: 's',
			},
			'AWSIotLogsV2',
		),
	);
}

const THINGS: ThingRow[] = [
	{name: 'sensor-000217', type: 'TemperatureSensor', attributes: {site: 'lyon', model: 'TS-310'}, version: 2},
	{name: 'gw-austin-000012', type: 'IndustrialGatewayController', attributes: {site: 'austin'}, version: 6},
];

const CERTIFICATES: CertificateRow[] = ['ACTIVE', 'PENDING_ACTIVATION', 'REGISTER_INACTIVE', 'REVOKED'].map((status, index) => ({
	id: `${String(index).repeat(12)}${'a'.repeat(52)}`,
	status,
	createdAt: NOW - (index + 1) * DAY,
	notAfter: NOW + 400 * DAY,
}));

function seededEngine(events = incident()): Engine {
	// Never started: the store is filled by hand, so no request is ever sent.
	const engine = testEngine(clientsFor('http://127.0.0.1:9'), {logBuffer: 1000});
	const specs = defaultBoard(60);
	const minutes = Array.from({length: 60}, (_, index) => NOW - (60 - index) * 60_000);
	engine.store.update((state) => ({
		...state,
		sources: {
			changes: state.sources.changes,
			health: state.sources.health,
			fleet: state.sources.fleet,
			alarms: {...state.sources.alarms, loading: false, fetchedAt: NOW - 2000, rows: ALARMS},
			metrics: {
				loading: false,
				fetchedAt: NOW - 2000,
				// A datapoint every minute of the hour: the sparkline has no gap, each of its columns is a block.
				series: specs.map((spec, index) => ({
					spec,
					timestamps: minutes,
					values: minutes.map((_, minute) => 1 + ((minute * 7 + index) % 20)),
					hasData: true,
				})),
			},
			logs: {...state.sources.logs, loading: false, fetchedAt: NOW, buffer: appendLogEvents(state.sources.logs.buffer, events)},
			resources: {
				...state.sources.resources,
				loading: false,
				fetchedAt: NOW,
				things: {complete: true, opened: true, via: 'ListThings', rows: THINGS},
				certificates: {complete: true, opened: true, via: 'ListCertificates', rows: CERTIFICATES},
				// Described already: nothing is fetched for the rows on screen.
				extras: Object.fromEntries(CERTIFICATES.map((certificate) => [`certificates:${certificate.id}`, {notAfter: certificate.notAfter}])),
			},
		},
	}));
	return engine;
}

let rendered: Rendered | undefined;
afterEach(() => {
	rendered?.unmount();
	rendered = undefined;
});

async function open(
	size: {columns: number; rows: number},
	pane: 'alarms' | 'metrics' | 'logs' | 'resources',
	keys: string[] = [],
	ready = 'sensor-000217',
	events?: LogEvent[],
): Promise<string> {
	rendered = renderAt(<App engine={seededEngine(events)} initialPane={pane} now={NOW} />, size);
	await rendered.waitForFrame((frame) => stripAnsi(frame).includes(ready));
	for (const key of keys) await rendered.press(key);
	return stripAnsi(rendered.lastFrame());
}

const see = async (text: string) => stripAnsi(await rendered!.waitForFrame((frame) => stripAnsi(frame).includes(text)));

/** The body lines of the pane whose title is `title`, between its side borders. */
function pane(frame: string, title: string): string[] {
	const lines = frame.split('\n');
	const top = lines.findIndex((line) => line.includes(`╭─ ${title} `));
	expect(top, `no pane titled ${title} in\n${frame}`).toBeGreaterThanOrEqual(0);
	const left = lines[top].indexOf(`╭─ ${title} `);
	const right = lines[top].indexOf('╮', left);
	const body: string[] = [];
	for (let row = top + 1; row < lines.length && !lines[row].slice(left).startsWith('╰'); row++)
		body.push(lines[row].slice(left + 1, right));
	return body;
}

/** The column where `title` starts in the header line (the line that holds every title). */
function headerColumn(body: string[], titles: string[], title: string): number {
	const header = body.find((line) => titles.every((each) => line.includes(each)));
	expect(header, `no header with ${titles.join(', ')} in\n${body.join('\n')}`).toBeDefined();
	return header!.indexOf(title);
}

describe('columns in the dashboard (120x36)', () => {
	it('the Logs pane shows every client id whole during the auth-error incident, each under CLIENT ID', async () => {
		const frame = await open({columns: 120, rows: 36}, 'logs');
		const logs = pane(frame, 'Logs');
		const rows = logs.filter((line) => line.includes('Connection.Auth'));
		expect(rows.length).toBeGreaterThan(3);
		const column = headerColumn(logs, ['TIME', 'CLIENT ID'], 'CLIENT ID');
		for (const client of ['sensor-000217', 'pump-station-000032', 'Thermostat-000151', 'gw-austin-000012']) {
			const row = rows.find((line) => line.includes(client));
			expect(row, `${client} whole in\n${logs.join('\n')}`).toBeDefined();
			expect(row!.indexOf(client)).toBe(column);
			expect(row!.slice(column + client.length, column + client.length + 1)).not.toBe('…');
		}
		expect(logs.join('\n')).not.toMatch(/sensor-0002…|pump-statio…/);
	});

	it('the Metrics sparklines take at least half of their row', async () => {
		const frame = await open({columns: 120, rows: 36}, 'metrics');
		const metrics = pane(frame, 'Metrics');
		const width = metrics[0].length;
		const row = metrics.find((line) => line.includes('PublishIn.Success'))!;
		const spark = /[▁▂▃▄▅▆▇█]+/.exec(row)![0];
		expect(spark.length).toBeGreaterThanOrEqual(width / 2);
		// Each label is whole: the room comes from min/max, which the zoomed pane shows.
		for (const label of ['Connect.Success', 'PublishOut.Success', 'RuleMessageThrottled']) expect(metrics.join('\n')).toContain(label);
	});

	it('the Alarms header is over its columns', async () => {
		const frame = await open({columns: 120, rows: 36}, 'alarms');
		const alarms = pane(frame, 'Alarms');
		const row = alarms.find((line) => line.includes('auth-errors'))!;
		expect(row.indexOf('auth-errors')).toBe(headerColumn(alarms, ['STATE', 'NAME'], 'NAME'));
		expect(row.indexOf('Connect.AuthError')).toBe(headerColumn(alarms, ['STATE', 'CONDITION'], 'CONDITION'));
		// FOR is right-aligned: its last character over the duration's.
		const forEnd = headerColumn(alarms, ['STATE', 'FOR'], 'FOR') + 'FOR'.length;
		expect(row.slice(0, forEnd)).toMatch(/3m20s$/);
	});
});

describe('columns at 80x24', () => {
	it('Logs shows the topic and the status beside whole client ids and event types', async () => {
		const frame = await open({columns: 80, rows: 24}, 'logs', [], 'sensor-000217', traffic());
		const logs = pane(frame, 'Logs');
		const topic = headerColumn(logs, ['CLIENT ID', 'TOPIC'], 'TOPIC');
		const published = logs.find((line) => line.includes('Publish-In') && line.includes('sensor-000217'))!;
		expect(published.slice(topic)).toMatch(/^devices\//);
		expect(logs.find((line) => line.includes('UpdateThingShadow'))!.slice(topic)).toMatch(/^\$aws\/thin/);
		// A failure says so in the status column (its word, or ✖ where the word has no room).
		const failed = logs.find((line) => line.includes('pump-station-000032'))!;
		expect(failed).toMatch(/ (Failure|✖) /);
		expect(failed).toMatch(/PAYLOAD/);
		expect(logs.join('\n')).not.toMatch(/sensor-0002…|pump-statio…|Thermostat-…|UpdateThingSh…/);
	});

	it('during the auth-error incident the event type and client id stay whole: the topic (AuthN errors have none) goes first', async () => {
		const logs = pane(await open({columns: 80, rows: 24}, 'logs'), 'Logs');
		const row = logs.find((line) => line.includes('Connection.AuthNError') && line.includes('pump-station-000032'))!;
		expect(row).toMatch(/Connection\.AuthNError pump-station-000032 +(✖|Failure) AUTHENTICATION/);
	});
});

describe('zoomed at 160x48', () => {
	it('Logs shows whole topics and reasons, each under its title', async () => {
		const frame = await open({columns: 160, rows: 48}, 'logs', ['z']);
		const logs = pane(frame, 'Logs');
		const text = logs.join('\n');
		expect(text).toContain(SHADOW_TOPIC);
		expect(text).toContain(LONG_TOPIC);
		expect(text).toContain('AUTHENTICATION_FAILURE');
		const titles = ['TIME', 'LEVEL', 'EVENT TYPE', 'CLIENT ID', 'TOPIC', 'STATUS', 'REASON'];
		const row = logs.find((line) => line.includes(LONG_TOPIC))!;
		expect(row.indexOf(LONG_TOPIC)).toBe(headerColumn(logs, titles, 'TOPIC'));
		expect(row.indexOf('Failure')).toBe(headerColumn(logs, titles, 'STATUS'));
		expect(row.indexOf('PAYLOAD_LIMIT_EXCEEDED')).toBe(headerColumn(logs, titles, 'REASON'));
		expect(row.indexOf('WARN')).toBe(headerColumn(logs, titles, 'LEVEL'));
	});

	it('Resources shows whole thing types and certificate states, each under its title', async () => {
		await open({columns: 160, rows: 48}, 'resources', ['z'], 'IndustrialGateway');
		const things = pane(await see('IndustrialGatewayController'), 'Resources');
		const thing = things.find((line) => line.includes('gw-austin-000012'))!;
		expect(thing.indexOf('IndustrialGatewayController')).toBe(headerColumn(things, ['THING', 'TYPE'], 'TYPE'));
		expect(thing.indexOf('site=austin')).toBe(headerColumn(things, ['THING', 'ATTRIBUTES'], 'ATTRIBUTES'));
		await rendered!.press(']');
		const certificates = pane(await see('REGISTER_INACTIVE'), 'Resources');
		const status = headerColumn(certificates, ['CERTIFICATE', 'STATUS'], 'STATUS');
		for (const state of ['PENDING_ACTIVATION', 'REGISTER_INACTIVE']) {
			const row = certificates.find((line) => line.includes(state));
			expect(row, `${state} whole in\n${certificates.join('\n')}`).toBeDefined();
			expect(row!.indexOf(state)).toBe(status);
		}
	});
});

describe('the dashboard at 200x60', () => {
	it('an alarm shows its whole reason under REASON', async () => {
		const frame = await open({columns: 200, rows: 60}, 'alarms');
		const alarms = pane(frame, 'Alarms');
		const row = alarms.find((line) => line.includes('auth-errors'))!;
		expect(row).toContain(REASON);
		expect(row.indexOf(REASON)).toBe(headerColumn(alarms, ['NAME', 'REASON'], 'REASON'));
		// The condition beside it is whole too.
		expect(row).toContain('Connect.AuthError Sum > 10 for 3 of 3 x 1 min');
	});
});

describe('a cut cell can be read whole with Enter', () => {
	it('a log event: every field, wrapped to the pane', async () => {
		await open({columns: 80, rows: 24}, 'logs');
		// Following: the selection is the newest event, the one with the long topic.
		await rendered!.press('enter');
		const detail = pane(await see('"topicName"'), 'Log event');
		for (const line of detail) expect(line.trimEnd()).not.toMatch(/…$/);
		const text = detail.map((line) => line.trim()).join(' ');
		expect(text).toContain(`"topicName": "${LONG_TOPIC}"`);
		expect(text).toContain('"clientId": "pump-station-000032"');
		expect(text).toContain('"reason": "PAYLOAD_LIMIT_EXCEEDED"');
	});
});
