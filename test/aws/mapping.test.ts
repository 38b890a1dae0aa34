// Data from AWS as it may really come: fields missing, enums AWS added later, huge strings,
// broken UTF-8, text where JSON was expected. Shown as well as possible, never a crash, and
// a field that is missing reads as unknown, never as a default that passes for the truth.
import http from 'node:http';
import type {AddressInfo} from 'node:net';
import {PutMetricAlarmCommand, SetAlarmStateCommand} from '@aws-sdk/client-cloudwatch';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {fetchAlarmHistory, fetchAlarms, toAlarmRow, toCompositeRow} from '../../source/aws/alarms.js';
import type {AwsClients} from '../../source/aws/clients.js';
import {describeAwsError} from '../../source/aws/errors.js';
import {
	fetchCertificateDetail,
	fetchCertificatesPage,
	fetchCertificateValidity,
	fetchPoliciesPage,
	fetchPolicyVersion,
	fetchRuleActionTypes,
	fetchRuleDetail,
	fetchRulesPage,
} from '../../source/aws/resources.js';
import {logEventFields, toLogEvent} from '../../source/model/iotLog.js';
import {describeCondition, sortAlarms, stateSymbol, summarizeStates} from '../../source/model/alarms.js';
import {countExpiry, formatExpiryCounts, rowKey, type ResourceKind, type RowExtra, type RowOf} from '../../source/model/resources.js';
import {alarmDetailLines} from '../../source/ui/panes/AlarmDetail.js';
import {alarmLine, alarmTable} from '../../source/ui/panes/alarmLines.js';
import {detailLines, resourceTable, rowLine} from '../../source/ui/panes/resources/resourceLines.js';
import type {AlarmRow} from '../../source/model/types.js';
import type {Line} from '../../source/ui/widgets/line.js';
import {clientsFor} from '../helpers/engine.js';
import {MOTO_AVAILABLE, startMoto, type MotoServer} from '../helpers/moto.js';

const NOW = Date.UTC(2026, 2, 10, 12, 0, 0);
const text = (line: Line) => line.map((segment) => segment.text).join('');
const lines = (all: Line[]) => all.map(text).join('\n');
/** The segment that holds `needle`, to check it is dim (unknown) and uncoloured. */
const segmentWith = (line: Line, needle: string) => line.find((segment) => segment.text.trim() === needle);
/** One alarm as the only row of a 100-column Alarms table. */
const alarmRow = (row: AlarmRow, now = NOW) => alarmLine(row, alarmTable([row], 100, now), now, false);

describe('alarms from AWS', () => {
	it('an alarm with nothing but a name still makes a row, and its state reads unknown, not INSUFFICIENT_DATA', () => {
		const row = toAlarmRow({AlarmName: 'bare'});
		expect(row).toMatchObject({name: 'bare', kind: 'metric'});
		expect(row.state).toBeUndefined();
		expect(row.stateReason).toBeUndefined();
		expect(summarizeStates([row])).toEqual({alarm: 0, insufficient: 0, ok: 0, other: 1});
		expect(describeCondition(row)).toBe('?');
		const line = alarmRow(row);
		expect(text(line)).toMatch(/^ {2}\? \? +bare\s+— \?\s+\?$/);
		expect(text(line)).not.toContain('INSUFF');
		expect(segmentWith(line, '? ?')).toMatchObject({dim: true, color: undefined});
		expect(toCompositeRow({})).toMatchObject({name: '', kind: 'composite'});
		expect(describeCondition(toCompositeRow({AlarmName: 'c'}))).toBe('?');
	});

	it('a state AWS added later is shown as itself, after the known ones; no state at all comes last', () => {
		const rows = [
			toAlarmRow({AlarmName: 'none'}),
			toAlarmRow({AlarmName: 'new', StateValue: 'PENDING_REVIEW' as never}),
			toAlarmRow({AlarmName: 'ok', StateValue: 'OK'}),
			toAlarmRow({AlarmName: 'fire', StateValue: 'ALARM'}),
		];
		expect(sortAlarms(rows).map((row) => row.state)).toEqual(['ALARM', 'OK', 'PENDING_REVIEW', undefined]);
		expect(stateSymbol('PENDING_REVIEW')).toBe('·');
		expect(stateSymbol(undefined)).toBe('?');
	});

	it('huge and hostile reasons are cut and cleaned', () => {
		const row = toAlarmRow({AlarmName: 'x', StateReason: `\u001b[2J${'y'.repeat(100_000)}`});
		expect(row.stateReason!.length).toBeLessThanOrEqual(4096);
		expect(row.stateReason).not.toContain('\u001b');
	});

	it.each([
		[
			'both times: exact, from StateTransitionedTimestamp',
			{StateTransitionedTimestamp: new Date(NOW - 200_000), StateUpdatedTimestamp: new Date(NOW - 20_000)},
			/timed +3m20s \? /,
			/Since\s+2026-03-10 11:56:40 \(3m20s ago; StateTransitionedTimestamp\)/,
		],
		[
			'only StateUpdatedTimestamp (emulators, some alarms): at least that long',
			{StateUpdatedTimestamp: new Date(NOW - 200_000)},
			/ ≥3m20s \? /,
			/Since\s+at least 3m20s: last updated 2026-03-10 11:56:40 \(StateUpdatedTimestamp;/,
		],
		['neither', {}, /timed +— \? /, /Since\s+unknown \(no state timestamps in the answer\)/],
	])('FOR with %s', (_name, times, column, detail) => {
		const row = toAlarmRow({AlarmName: 'timed', StateValue: 'ALARM', StateReason: 'r', ...times});
		expect(text(alarmRow(row))).toMatch(column);
		expect(lines(alarmDetailLines(row, undefined, 200, NOW))).toMatch(detail);
	});
});

/**
 * An endpoint that answers each call with the JSON given for it (by X-Amz-Target or path):
 * what an emulator, or an older API version, sends when it leaves fields out.
 */
describe('answers that leave fields out, through the real SDK clients', () => {
	let server: http.Server;
	let clients: AwsClients;
	const answers: Record<string, unknown> = {
		'GraniteServiceVersion20100801.DescribeAlarms': {
			MetricAlarms: [{AlarmName: 'stateless', AlarmArn: 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:stateless'}],
		},
		'GraniteServiceVersion20100801.DescribeAlarmHistory': {
			AlarmHistoryItems: [{AlarmName: 'stateless', HistorySummary: 'Alarm updated from OK to ALARM'}],
		},
		'/certificates': {certificates: [{certificateId: 'c0ffee0000000000000000000000000000000000000000000000000000000001'}]},
		'/certificates/c0ffee0000000000000000000000000000000000000000000000000000000001': {
			certificateDescription: {certificateId: 'c0ffee0000000000000000000000000000000000000000000000000000000001'},
		},
		'/rules': {rules: [{ruleName: 'quiet_rule'}]},
		'/rules/quiet_rule': {rule: {ruleName: 'quiet_rule'}},
		'/policies': {policies: [{policyName: 'TersePolicy'}]},
		'/policies/TersePolicy': {policyName: 'TersePolicy'},
	};

	beforeAll(async () => {
		server = http.createServer((request, response) => {
			const target = String(request.headers['x-amz-target'] ?? new URL(request.url ?? '/', 'http://x').pathname);
			request.resume();
			request.on('end', () => {
				const body = answers[target];
				const json = target.startsWith('Granite');
				response.writeHead(body ? 200 : 404, {'content-type': json ? 'application/x-amz-json-1.0' : 'application/json'});
				response.end(JSON.stringify(body ?? {__type: 'ResourceNotFoundException', message: target}));
			});
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		clients = clientsFor(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, {maxAttempts: 1});
	});

	afterAll(async () => {
		clients?.destroy();
		await new Promise((resolve) => server?.close(resolve));
	});

	it('an alarm without StateValue reads `?`, a history item without Timestamp is no 1970', async () => {
		const [row] = await fetchAlarms(clients);
		expect(row.state).toBeUndefined();
		expect(text(alarmRow(row))).toMatch(/^ {2}\? \? +stateless/);
		const items = await fetchAlarmHistory(clients, 'stateless');
		expect(items).toEqual([
			{timestamp: undefined, type: undefined, summary: 'Alarm updated from OK to ALARM', oldState: undefined, newState: undefined},
		]);
		const detail = lines(alarmDetailLines(row, {alarmName: 'stateless', items, loading: false}, 120, NOW));
		expect(detail).not.toContain('1970');
		expect(detail).toContain(`${'?'.padEnd(19)}  ?  Alarm updated from OK to ALARM`);
		expect(detail).toMatch(/\? state unknown \(none in the answer\)/);
	});

	function row<Kind extends ResourceKind>(kind: Kind, value: RowOf[Kind], extra?: RowExtra): Line {
		const extras = extra ? {[`${kind}:${rowKey(kind, value)}`]: extra} : {};
		return rowLine(resourceTable(kind, [value], extras, 100, NOW), value, extra, NOW, false);
	}

	it('a certificate without status reads `?` (not UNKNOWN); described without validity, its expiry is unknown, not "checking"', async () => {
		const page = await fetchCertificatesPage(clients, false);
		const [certificate] = page.rows;
		expect(certificate.status).toBeUndefined();
		// Not described yet: pending. Described, but no validity in the answer: unknown, dim.
		expect(text(row('certificates', certificate))).toMatch(/^ c0ffee000000\s+\?\s+—\s+…\s+…/);
		const extra = await fetchCertificateValidity(clients, certificate.id, false);
		const described = row('certificates', certificate, extra);
		expect(text(described)).toMatch(/^ c0ffee000000\s+\?\s+—\s+\?\s+\?/);
		expect(segmentWith(described, '?')).toMatchObject({dim: true, color: undefined});
		const extras = {[`certificates:${certificate.id}`]: extra};
		expect(formatExpiryCounts(countExpiry('certificates', page.rows, extras, NOW))).toBe('0 expired · 0 expiring ≤30d · 1 expiry unknown');
		expect(formatExpiryCounts(countExpiry('certificates', page.rows, {}, NOW))).toBe('0 expired · 0 expiring ≤30d · checking 1');
		const detail = lines(detailLines(await fetchCertificateDetail(clients, certificate.id, false), 100, NOW));
		expect(detail).toMatch(/Status\s+\?/);
		expect(detail).not.toContain('UNKNOWN');
	});

	it('a rule without ruleDisabled is not "enabled": `?`; without actions, `?` and not an empty list', async () => {
		const [rule] = (await fetchRulesPage(clients)).rows;
		expect(rule.disabled).toBeUndefined();
		const extra = await fetchRuleActionTypes(clients, rule.name);
		const line = row('rules', rule, extra);
		expect(text(line)).toMatch(/^ quiet_rule\s+\?\s+\?\s+\?/);
		expect(text(line)).not.toContain('enabled');
		const detail = lines(detailLines(await fetchRuleDetail(clients, rule.name), 100, NOW));
		expect(detail).toMatch(/State\s+\?/);
		expect(detail).toContain('Actions (?)');
		expect(detail).not.toContain('enabled');
	});

	it('a policy without a default version reads `?` once described, `…` before', async () => {
		const [policy] = (await fetchPoliciesPage(clients)).rows;
		expect(text(row('policies', policy))).toMatch(/^ TersePolicy\s+…/);
		expect(text(row('policies', policy, await fetchPolicyVersion(clients, policy.name)))).toMatch(/^ TersePolicy\s+\?/);
	});
});

describe.skipIf(!MOTO_AVAILABLE)('alarms from moto, which gives no StateTransitionedTimestamp', () => {
	let moto: MotoServer;
	let clients: AwsClients;

	beforeAll(async () => {
		moto = await startMoto();
		clients = clientsFor(moto.url, {maxAttempts: 1});
		// Seeding (tests may call mutating APIs; the app never does).
		await clients.cloudwatch.send(
			new PutMetricAlarmCommand({
				AlarmName: 'moto-auth-errors',
				Namespace: 'AWS/IoT',
				MetricName: 'Connect.AuthError',
				Statistic: 'Sum',
				Period: 60,
				EvaluationPeriods: 1,
				Threshold: 10,
				ComparisonOperator: 'GreaterThanThreshold',
			}),
		);
		await clients.cloudwatch.send(new SetAlarmStateCommand({AlarmName: 'moto-auth-errors', StateValue: 'ALARM', StateReason: 'seeded'}));
	}, 30_000);

	afterAll(async () => {
		clients?.destroy();
		await moto?.stop();
	});

	it('FOR falls back to StateUpdatedTimestamp, marked as a lower bound', async () => {
		const [row] = await fetchAlarms(clients);
		expect(row).toMatchObject({name: 'moto-auth-errors', state: 'ALARM', stateTransitionedAt: undefined});
		expect(row.stateUpdatedAt).toEqual(expect.any(Number));
		const line = text(alarmRow(row, row.stateUpdatedAt! + 200_000));
		expect(line).toMatch(/✖ ALARM\s+moto-auth-errors\s+≥3m20s Connect\.AuthError Sum > 10/);
	});

	it('the detail says its history is not available from moto, whole, in a half-width pane', async () => {
		const [row] = await fetchAlarms(clients);
		const error = await fetchAlarmHistory(clients, row.name).then(
			() => undefined,
			(failure: unknown) => describeAwsError(failure, 'cloudwatch:DescribeAlarmHistory'),
		);
		expect(error?.kind).toBe('unavailable');
		const detail = alarmDetailLines(row, {alarmName: row.name, items: [], loading: false, error}, 58, row.stateUpdatedAt! + 1000);
		const history = detail.slice(
			detail.findIndex((line) => text(line).startsWith('History')) + 1,
			detail.findIndex((line) => text(line) === 'Definition') - 1,
		);
		for (const line of history) expect(text(line).length).toBeLessThanOrEqual(58);
		expect(history.map(text).join(' ')).toBe(
			'⚠ cloudwatch:DescribeAlarmHistory is not available from this endpoint. This endpoint does not implement it; the rest works.',
		);
		expect(lines(detail)).toMatch(/Since\s+at least 1s: last updated [\d-]+\s+[\d:]+ \(StateUpdatedTimestamp;/);
	});
});

describe('log events from AWS', () => {
	it.each([
		['not JSON at all', 'plain text line from another group'],
		['JSON that is not an object', '[1,2,3]'],
		['truncated JSON', '{"logLevel":"ERROR","eventType":"Conn'],
		['broken UTF-16 (lone surrogates from invalid UTF-8)', 'bad \ud800 bytes \udfff here'],
		['a huge line', `{"logLevel":"INFO","details":"${'z'.repeat(2_000_000)}"}`],
		['an empty message', ''],
	])('%s: shown as text, never a crash', (_name, message) => {
		const event = toLogEvent({eventId: '1', timestamp: 1, message}, 'AWSIotLogsV2');
		expect(event.message.length).toBeLessThanOrEqual(8192);
		expect(event.message).not.toMatch(/[\ud800-\udfff]/);
	});

	it('fields of unexpected types become text', () => {
		const event = toLogEvent(
			{eventId: '1', timestamp: 1, message: JSON.stringify({logLevel: 42, eventType: {nested: true}, clientId: null, status: ['a']})},
			'g',
		);
		expect(event.level).toEqual(expect.any(String));
		expect(logEventFields(event)?.eventType).toBe('{"nested":true}');
	});

	it('a missing timestamp or id does not lose the event', () => {
		const event = toLogEvent({message: 'x'}, 'g');
		expect(event.id).toEqual(expect.any(String));
		expect(event.timestamp).toBe(0);
	});
});
