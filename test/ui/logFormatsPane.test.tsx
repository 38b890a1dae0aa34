// The Logs pane following an IoT v2 group, an EventBridge target group and a CloudTrail group
// of the simulator at once (real SDK over HTTP): each kind in its own columns, the level filter
// and the event-type picker across kinds, Enter shows a record whole, and hostile text in a
// record's fields reaches the screen inert.
import {CreateLogStreamCommand, PutLogEventsCommand} from '@aws-sdk/client-cloudwatch-logs';
import React from 'react';
import {afterEach, describe, expect, it} from 'vitest';
import {createClients, type AwsClients} from '../../source/aws/clients.js';
import {Engine} from '../../source/live/engine.js';
import {createLogsSource} from '../../source/live/sources/logs.js';
import {logEvents} from '../../source/model/logBuffer.js';
import {createManualClock} from '../../source/sim/contract.js';
import {startSimulator, type Simulator} from '../../source/sim/index.js';
import {App} from '../../source/ui/App.js';
import {loadHostileStrings} from '../helpers/hostile.js';
import {renderAt, stripAnsi, type Rendered} from '../helpers/render.js';
import {waitFor} from '../helpers/waitFor.js';

const START = Date.UTC(2026, 10, 24, 3, 0, 0);
const MINUTE = 60_000;
// Late enough for CloudTrail to have delivered the rollbacks (2-5 minutes after each call).
const NOW = START + 13 * MINUTE;
const IOT = 'AWSIotLogsV2';
const EVENTS = '/aws/events/iot-fleet';
const TRAIL = 'aws-cloudtrail-logs-iot';

let sim: Simulator | undefined;
let clients: AwsClients | undefined;
let engine: Engine | undefined;
let rendered: Rendered | undefined;

afterEach(async () => {
	rendered?.unmount();
	engine?.stop();
	clients?.destroy();
	await sim?.close();
	rendered = sim = clients = engine = undefined;
});

/**
 * Ten minutes of a quiet fleet (no IoT traffic of its own) with one auth-error burst from
 * minute 3 to 6: its IoT error lines, and the story CloudTrail and EventBridge tell of it.
 */
async function followAll(): Promise<Engine> {
	const clock = createManualClock(START);
	sim = await startSimulator({
		port: 0,
		seed: 9,
		things: 20,
		clock,
		// The open AWS Health issue began 25 minutes before the start.
		historyMinutes: 30,
		incidents: [{kind: 'authErrors', from: START + 3 * MINUTE, to: START + 6 * MINUTE, intensity: 2}],
		logRate: 0,
	});
	clients = createClients({
		endpointUrl: sim.url,
		region: 'us-east-1',
		credentials: {accessKeyId: 't', secretAccessKey: 't'},
		maxAttempts: 1,
	});
	clock.set(NOW);
	engine = new Engine(
		clients,
		{
			interval: 5000,
			windowMs: 3_600_000,
			metricSpecs: [],
			logGroups: [IOT, EVENTS, TRAIL],
			logBuffer: 10_000,
			logSince: 40 * MINUTE,
			resourcesInterval: 60_000,
			source: {demo: true, region: 'us-east-1'},
			now: () => clock.now(),
			logTail: {minRequestGap: 0, maxPagesPerPoll: 20},
		},
		[createLogsSource()],
	);
	return engine;
}

async function load(engine: Engine, expected: string): Promise<void> {
	const has = () => [...logEvents(engine.store.getSnapshot().sources.logs.buffer)].some((event) => event.message.includes(expected));
	await waitFor(async () => has() || (await engine.refreshAll(), has()), expected);
}

const frameText = () => stripAnsi(rendered!.lastFrame());
const see = (expected: string | RegExp) =>
	rendered!.waitForFrame((frame) => (typeof expected === 'string' ? stripAnsi(frame).includes(expected) : expected.test(stripAnsi(frame))));
const gone = (text: string) => rendered!.waitForFrame((frame) => !stripAnsi(frame).includes(text));
const lines = () => frameText().split('\n');
/** The frame's line with every pattern, in order. */
const rowWith = (...parts: string[]) => lines().find((line) => parts.every((part) => line.includes(part)));

async function open(engine: Engine, size: {columns: number; rows: number}, zoom = true): Promise<Rendered> {
	rendered = renderAt(<App engine={engine} initialPane="logs" now={NOW} />, size);
	await rendered.waitForFrame((frame) => frame.includes('TIME'));
	if (zoom) await rendered.press('z');
	return rendered;
}

describe('Logs pane with IoT v2, CloudTrail and EventBridge events', () => {
	it('shows each kind in its columns: the CloudTrail call, user, IP and error; the EventBridge event, source and detail; IoT lines as before', async () => {
		const engine = await followAll();
		await load(engine, 'AWS_IOT_OPERATIONAL_ISSUE');
		await load(engine, 'Connection.AuthNError');
		await open(engine, {columns: 160, rows: 48});
		// Mixed rows: the titles of the kinds on screen, joined.
		// (STATUS is cut to its first letter: its cells are `✖`.)
		await see(/TIME\s+LEVEL\s+EVENT\s+CLIENT\/USER\/SOURCE\s+TOPIC\/IP\/RESOURCES\s+S\s+REASON\/ERROR\/DETAIL/);
		// The policy change before the burst: CloudTrail's record and EventBridge's event of it.
		expect(rowWith('INFO', 'CreatePolicyVersion', 'maria.ops', '198.51.100.23')).toBeDefined();
		expect(rowWith('INFO', 'CreatePolicyVersion', 'aws.iot', 'maria.ops · 198.51.100.23')).toBeDefined();
		// The on-call engineer's denied rollback: ERROR, with the error code; then the rollback as admin.
		expect(rowWith('ERROR', 'SetDefaultPolicyVersion', 'ReadOnly', 'AccessDenied: User: arn:aws:sts::')).toBeDefined();
		expect(rowWith('INFO', 'SetDefaultPolicyVersion', 'OnCallAdmin', '198.51.100.140')).toBeDefined();
		// AWS Health: the open issue is WARN, when it opened and when it was last updated.
		expect(lines().filter((line) => line.includes('AWS Health Event'))).toHaveLength(2);
		expect(rowWith('WARN', 'AWS Health Event', 'aws.health', 'AWS_IOT_OPERATIONAL_ISSUE · open · us-east-1')).toBeDefined();
		// The IoT lines keep their columns.
		expect(rowWith('ERROR', 'Connection.AuthNError', '✖', 'AUTHENTICATION_FAILURE')).toBeDefined();
		// No record shows as raw JSON.
		expect(frameText()).not.toContain('"eventVersion"');
		expect(frameText()).not.toContain('"detail-type"');
	});

	it("rows of one kind get that kind's titles; the half-width pane at 120x36 keeps the call and the user whole", async () => {
		const engine = await followAll();
		await load(engine, 'AWS_IOT_OPERATIONAL_ISSUE');
		await open(engine, {columns: 120, rows: 36}, false);
		await rendered!.press('3');
		await rendered!.press('e');
		await see('CloudTrail  CreatePolicyVersion');
		// None, then the two policy calls CloudTrail recorded.
		await rendered!.press('a');
		await see(/\[ \] IoT\s+Connection\.AuthNError/);
		for (const name of ['SetDefaultPolicyVersion', 'CreatePolicyVersion']) {
			const label = new RegExp(`›\\[ \\] CloudTrail\\s+${name}`);
			for (let step = 0; step < 30 && !label.test(frameText()); step++) await rendered!.press('j');
			await rendered!.press(' ');
			await see(new RegExp(`\\[x\\] CloudTrail\\s+${name}`));
		}
		await rendered!.press('escape');
		await see(/TIME\s+LEVEL\s+EVENT NAME\s+USER/);
		expect(rowWith('SetDefaultPolicyVersion', 'OnCallAdmin')).toBeDefined();
		expect(frameText()).not.toContain('AWS Health Event');
		expect(frameText()).not.toContain('Connection.AuthNError');
	});

	it('the level filter works across kinds: ≥WARN keeps the Health issue and the denied call, ≥ERROR only the denied call and IoT errors', async () => {
		const engine = await followAll();
		await load(engine, 'AWS_IOT_OPERATIONAL_ISSUE');
		await open(engine, {columns: 160, rows: 48});
		await see('CreatePolicyVersion');
		await rendered!.press('l');
		await rendered!.press('l');
		await see('≥WARN');
		await gone('CreatePolicyVersion');
		expect(rowWith('WARN', 'AWS Health Event', 'open')).toBeDefined();
		expect(rowWith('ERROR', 'SetDefaultPolicyVersion', 'AccessDenied')).toBeDefined();
		expect(rowWith('SetDefaultPolicyVersion', 'OnCallAdmin')).toBeUndefined();
		await rendered!.press('l');
		await see('≥ERROR');
		await gone('AWS Health Event');
		expect(rowWith('ERROR', 'SetDefaultPolicyVersion', 'AccessDenied')).toBeDefined();
		expect(rowWith('ERROR', 'Connection.AuthNError')).toBeDefined();
	});

	it("/ matches a record's fields; Enter shows the whole record pretty-printed, wrapped to the pane", async () => {
		const engine = await followAll();
		await load(engine, 'AWS_IOT_OPERATIONAL_ISSUE');
		await open(engine, {columns: 120, rows: 36});
		await rendered!.press('/');
		await rendered!.press('maria.ops');
		await rendered!.press('enter');
		await see('filter: maria.ops');
		expect(lines().filter((line) => line.includes('CreatePolicyVersion'))).toHaveLength(2);
		expect(frameText()).not.toContain('ListThings');
		// The CloudTrail record (the other row is EventBridge's event of the same call).
		// Following, Enter opens the newest row; k selects the one above it.
		const calls = lines().filter((line) => line.includes('CreatePolicyVersion'));
		if (calls.at(-1)!.includes('aws.iot')) await rendered!.press('k');
		await rendered!.press('enter');
		const detail = stripAnsi(await see('Log event'));
		expect(detail).toMatch(/format\s+CloudTrail record/);
		const change = sim!.cloudtrail.policyChanges()[0];
		expect(detail).toContain('"userName": "maria.ops"');
		expect(detail).toContain('"sourceIPAddress": "198.51.100.23"');
		expect(detail).toContain(`"policyName": "${change.resources[0].name}"`);
		// Wrapped, not cut at the border: the user agent's line goes on under itself.
		expect(detail).toContain('"userAgent": "Mozilla/5.0 (X11; Linux x86_64)');
		expect(detail).not.toMatch(/…│/);
	});

	it('renders hostile text in every field of a CloudTrail record and an EventBridge event inert', async () => {
		const engine = await followAll();
		const hostile = loadHostileStrings();
		await clients!.logs.send(new CreateLogStreamCommand({logGroupName: TRAIL, logStreamName: 'hostile'}));
		const logEventsToPut = hostile.flatMap(({text}, index) => [
			{
				timestamp: NOW - 1000,
				message: JSON.stringify({
					eventVersion: '1.09',
					eventName: `CT-${index} ${text}`,
					eventSource: text,
					userIdentity: {userName: text, arn: text},
					sourceIPAddress: text,
					errorCode: text,
					errorMessage: text,
				}),
			},
			{
				timestamp: NOW - 1000,
				message: JSON.stringify({
					version: '0',
					'detail-type': `EB-${index} ${text}`,
					source: text,
					resources: [text],
					region: text,
					detail: {eventTypeCode: text, statusCode: text, eventRegion: text},
				}),
			},
		]);
		await clients!.logs.send(new PutLogEventsCommand({logGroupName: TRAIL, logStreamName: 'hostile', logEvents: logEventsToPut}));
		await load(engine, `EB-${hostile.length - 1}`);
		rendered = renderAt(<App engine={engine} initialPane="logs" now={NOW} />, {columns: 200, rows: 80});
		await rendered.press('z');
		const sgr = /\u001B\[[0-9;]*m/g;
		const frame = await rendered.waitForFrame((text) => text.includes('CT-0') && text.includes(`EB-${hostile.length - 1}`));
		const bare = frame.replace(sgr, '');
		expect(bare).not.toMatch(/\u001B/);
		expect(bare).not.toMatch(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/);
	});
});
