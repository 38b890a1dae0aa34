import v8 from 'node:v8';
import {describe, expect, it} from 'vitest';
import {levelRank, logEventDetail, logEventFields, matchesLogFilter, toLogEvent, type RawLogEvent} from '../../source/model/iotLog.js';
import {LINE_BREAK_MARKER, hasControlSequences} from '../../source/terminal/sanitize.js';
import type {LogEvent} from '../../source/model/types.js';

const group = 'AWSIotLogsV2';

const throttled = JSON.stringify({
	timestamp: '2017-10-04 19:25:46.070',
	logLevel: 'ERROR',
	traceId: 't-1',
	accountId: '123456789012',
	status: 'Failure',
	eventType: 'RuleMessageThrottled',
	clientId: 'sensor-7',
	topicName: 'rules/test',
	ruleName: 'example_rule',
	principalId: 'p-1',
	reason: 'RuleExecutionThrottled',
	details: 'Message for Rule example_rule throttled',
});

describe('toLogEvent', () => {
	it.each<[string, RawLogEvent, Partial<LogEvent & {fields: Record<string, string>}>]>([
		[
			'IoT v2 JSON event',
			{eventId: 'e1', timestamp: 1000, ingestionTime: 1500, message: throttled, logStreamName: 's1'},
			{
				id: 'e1',
				timestamp: 1000,
				ingestionTime: 1500,
				logGroup: group,
				logStream: 's1',
				message: throttled,
				level: 'ERROR',
				eventType: 'RuleMessageThrottled',
				clientId: 'sensor-7',
				topicName: 'rules/test',
				status: 'Failure',
				reason: 'RuleExecutionThrottled',
			},
		],
		[
			'details when there is no reason',
			{eventId: 'e2', timestamp: 1, message: '{"logLevel":"WARN","eventType":"Publish-In","details":"too big"}'},
			{level: 'WARN', eventType: 'Publish-In', reason: 'too big'},
		],
		[
			'disconnectReason last',
			{
				eventId: 'e3',
				timestamp: 1,
				message: '{"logLevel":"INFO","eventType":"Disconnect","disconnectReason":"CLIENT_INITIATED_DISCONNECT"}',
			},
			{level: 'INFO', reason: 'CLIENT_INITIATED_DISCONNECT'},
		],
		[
			'plain text keeps only the message',
			{eventId: 'e4', timestamp: 2, message: 'ERROR disk full\n'},
			{message: 'ERROR disk full', level: 'ERROR', fields: undefined, eventType: undefined},
		],
		[
			'plain text without a level',
			{eventId: 'e5', timestamp: 2, message: 'hello'},
			{message: 'hello', level: undefined, fields: undefined},
		],
		['JSON array is plain text', {eventId: 'e6', timestamp: 2, message: '[1,2]'}, {message: '[1,2]', fields: undefined}],
		[
			'broken JSON is plain text',
			{eventId: 'e7', timestamp: 2, message: '{"logLevel":"ERROR"'},
			{message: '{"logLevel":"ERROR"', fields: undefined, level: undefined},
		],
		[
			'missing message and timestamps: the time is unknown (0 only keeps its place)',
			{eventId: 'e8'},
			{message: '', timestamp: 0, timeUnknown: true, fields: undefined},
		],
		[
			'ingestion time keeps the place of a missing timestamp, which stays unknown',
			{eventId: 'e9', ingestionTime: 77, message: 'x'},
			{timestamp: 77, ingestionTime: 77, timeUnknown: true},
		],
		[
			'a timestamp that is there is known, and an eventId is not made up',
			{eventId: 'e9b', timestamp: 5, message: 'x'},
			{timestamp: 5, timeUnknown: undefined, madeId: undefined, id: 'e9b'},
		],
		[
			'no eventId (live tail): the id is made, and says so',
			{timestamp: 5, message: 'x', logStreamName: 's'},
			{madeId: true, id: expect.stringMatching(/^AWSIotLogsV2\/s\/5\/[0-9a-f]{8}$/)},
		],
		[
			'JSON without logLevel, eventType and status: unknown, not INFO or a success',
			{eventId: 'e9c', timestamp: 1, message: '{"clientId":"c-1","topicName":"t"}'},
			{level: undefined, eventType: undefined, status: undefined, clientId: 'c-1', json: true},
		],
		[
			'JSON logLevel null or empty is unknown',
			{eventId: 'e9d', timestamp: 1, message: '{"logLevel":null,"eventType":"Connect","status":""}'},
			{level: undefined, eventType: 'Connect', status: undefined},
		],
		['lower-case and alias levels', {eventId: 'e10', timestamp: 1, message: '{"logLevel":"warning"}'}, {level: 'WARN'}],
		[
			'numbers and nested objects become text',
			{eventId: 'e11', timestamp: 1, message: '{"sourcePort":8883,"retain":false,"resources":{"a":[1,2]},"none":null}'},
			{fields: {sourcePort: '8883', retain: 'false', resources: '{"a":[1,2]}', none: ''}},
		],
	])('%s', (_name, raw, expected) => {
		const event = {...toLogEvent(raw, group), fields: undefined as Record<string, string> | undefined};
		event.fields = logEventFields(event);
		// Only the keys the case names; `undefined` there means "absent".
		const shown = Object.fromEntries(Object.keys(expected).map((key) => [key, event[key as keyof typeof event]]));
		expect(shown).toEqual(expected);
	});

	it('decodes JSON escapes before sanitizing, so escaped ESC and newlines are removed', () => {
		const message = JSON.stringify({
			logLevel: 'INFO',
			eventType: 'Connect',
			clientId: '\u001b]52;c;ZXZpbA==\u0007sensor\u202e-1',
			topicName: 'a\u001b[2Jb',
			reason: 'ok\nINFO admin login ok',
		});
		expect(message).toContain('\\u001b');
		const event = toLogEvent({eventId: 'x', timestamp: 1, message}, group);
		expect(event.clientId).toBe('sensor-1');
		expect(event.topicName).toBe('ab');
		expect(event.reason).toBe(`ok${LINE_BREAK_MARKER}INFO admin login ok`);
		const fields = logEventFields(event) ?? {};
		expect(Object.keys(fields)).toContain('clientId');
		for (const value of [event.message, ...Object.keys(fields), ...Object.values(fields)]) {
			expect(hasControlSequences(value)).toBe(false);
		}
	});

	it('sanitizes keys without letting them overwrite each other', () => {
		const event = toLogEvent({eventId: 'x', timestamp: 1, message: '{"logLevel":"ERROR","logLevel\\u200b":"INFO","__proto__":"p"}'}, group);
		expect(event.level).toBe('ERROR');
		const fields = logEventFields(event);
		expect(fields?.logLevel).toBe('ERROR');
		expect(fields?.['logLevel#2']).toBe('INFO');
		expect(Object.keys(fields ?? {})).toContain('__proto__');
		expect(Object.getOwnPropertyDescriptor(fields, '__proto__')?.value).toBe('p');
		expect(Object.getPrototypeOf(fields)).toBe(Object.prototype);
	});

	it('keeps fields as a fast object, not a dictionary (a null-prototype object costs ~700 bytes more per event)', () => {
		// V8's own answer: dictionary-mode objects are what made 10,000 buffered events weigh 12 MB.
		v8.setFlagsFromString('--allow-natives-syntax');
		const hasFastProperties = new Function('object', 'return %HasFastProperties(object)') as (object: unknown) => boolean;
		v8.setFlagsFromString('--no-allow-natives-syntax');
		const first = logEventFields(toLogEvent({eventId: 'a', timestamp: 1, message: throttled}, group));
		const second = logEventFields(toLogEvent({eventId: 'b', timestamp: 2, message: throttled}, group));
		expect(Object.keys(first ?? {}).length).toBeGreaterThan(10);
		expect(hasFastProperties(first)).toBe(true);
		expect(hasFastProperties(second)).toBe(true);
	});

	it('keeps the place of an event without any time with the time it was read, as unknown', () => {
		expect(toLogEvent({eventId: 'x', message: 'm'}, group, 1234)).toMatchObject({timestamp: 1234, timeUnknown: true});
	});

	it('makes the same synthetic id for the same event and different ids otherwise', () => {
		const raw = {timestamp: 5, message: 'm', logStreamName: 's'};
		const id = toLogEvent(raw, group).id;
		expect(id).toBe(toLogEvent({...raw}, group).id);
		expect(id).toContain(group);
		expect(toLogEvent({...raw, message: 'n'}, group).id).not.toBe(id);
		expect(toLogEvent({...raw, timestamp: 6}, group).id).not.toBe(id);
		expect(toLogEvent({...raw, logStreamName: 't'}, group).id).not.toBe(id);
		expect(toLogEvent({...raw, eventId: ''}, group).id).toBe(id);
	});

	it.each<[string, RawLogEvent]>([
		['huge message', {message: '{"a":"' + 'x'.repeat(2_000_000) + '"}'}],
		['deeply nested JSON', {message: '{"a":' + '['.repeat(100_000) + ']'.repeat(100_000) + '}'}],
		['not a string', {message: 42 as unknown as string}],
		['lone surrogates', {message: '{"clientId":"\\ud800x"}'}],
	])('never throws: %s', (_name, raw) => {
		const event = toLogEvent(raw, group);
		expect(event.message.length).toBeLessThanOrEqual(8192);
		expect(hasControlSequences(event.message)).toBe(false);
	});
});

describe('levelRank', () => {
	it.each<[string | undefined, number]>([
		['DEBUG', 0],
		['INFO', 1],
		['WARN', 2],
		['ERROR', 3],
		['warning', 2],
		['error', 3],
		['NOTICE', 1],
		[undefined, 1],
	])('%s -> %d', (level, rank) => {
		expect(levelRank(level)).toBe(rank);
	});
});

describe('logEventFields', () => {
	it('gives every field of a JSON event, and nothing for a text line', () => {
		const event = toLogEvent({eventId: 'a', timestamp: 1, message: throttled}, group);
		expect(logEventFields(event)).toMatchObject({traceId: 't-1', ruleName: 'example_rule', principalId: 'p-1', accountId: '123456789012'});
		expect(logEventFields(toLogEvent({eventId: 'b', timestamp: 1, message: 'plain {"a":1}'}, group))).toBeUndefined();
	});

	it('reads a pretty-printed JSON message (its line breaks are markers once stored)', () => {
		const message = JSON.stringify({logLevel: 'ERROR', eventType: 'Connect', clientId: 'sensor-9', traceId: 't-9'}, null, 2);
		const event = toLogEvent({eventId: 'p', timestamp: 1, message}, group);
		expect(event.message).toContain(LINE_BREAK_MARKER);
		expect(event.eventType).toBe('Connect');
		expect(logEventFields(event)).toMatchObject({clientId: 'sensor-9', traceId: 't-9'});
		expect(logEventDetail(event)).toContain('  "traceId": "t-9"');
	});

	it('is not kept on the event: a buffered JSON event holds its message and columns only', () => {
		const event = toLogEvent({eventId: 'a', timestamp: 1, ingestionTime: 2, message: throttled, logStreamName: 's'}, group);
		expect(Object.keys(event).sort()).toEqual([
			'clientId',
			'eventType',
			'id',
			'ingestionTime',
			'json',
			'level',
			'logGroup',
			'logStream',
			'message',
			'reason',
			'status',
			'timestamp',
			'topicName',
		]);
	});
});

describe('matchesLogFilter', () => {
	const json = toLogEvent({eventId: 'a', timestamp: 1, message: '{"clientId":"caf\\u00e9-7","eventType":"Connect"}'}, group);
	const plain = toLogEvent({eventId: 'b', timestamp: 1, message: 'Disk FULL on gateway'}, group);
	it.each<[string, LogEvent, string, boolean]>([
		['empty filter matches', plain, '', true],
		['blank filter matches', plain, '  ', true],
		['case-insensitive in message', plain, 'disk full', true],
		['no match', plain, 'connect', false],
		['decoded field value', json, 'CAFÉ', true],
		['field value', json, 'connect', true],
		['field absent', json, 'disconnect', false],
	])('%s', (_name, event, text, expected) => {
		expect(matchesLogFilter(event, text)).toBe(expected);
	});
});

describe('logEventDetail', () => {
	it('pretty-prints the JSON message under where and when it was logged', () => {
		const lines = logEventDetail(
			toLogEvent({eventId: 'e1', timestamp: 1000, ingestionTime: 1500, message: throttled, logStreamName: 's1'}, group),
		);
		expect(lines.slice(0, 5)).toEqual([
			'time      1970-01-01T00:00:01.000Z',
			`group     ${group}`,
			'stream    s1',
			'ingested  1970-01-01T00:00:01.500Z (+500 ms)',
			'id        e1',
		]);
		expect(lines).toContain('  "eventType": "RuleMessageThrottled",');
		expect(lines.at(-1)).toBe('}');
	});

	it('says what CloudWatch did not send: the time, the stream, the ingestion time, the eventId, the message', () => {
		expect(logEventDetail(toLogEvent({}, '', 99)).slice(0, 7)).toEqual([
			'time      unknown (CloudWatch sent no timestamp)',
			'group     unknown',
			'stream    unknown',
			'ingested  unknown',
			'id        none (CloudWatch sent no eventId; live tail never does)',
			'',
			'(no message)',
		]);
		// An ingestion time with no event time: no delay between the two is made up.
		expect(logEventDetail(toLogEvent({eventId: 'e', ingestionTime: 1500, message: 'm'}, group))[3]).toBe(
			'ingested  1970-01-01T00:00:01.500Z',
		);
	});

	it('with a width, wraps every line to it and loses nothing: a cut cell of the list reads whole here', () => {
		const topicName = 'devices/pump-station-000032/telemetry/line-7/pressure/raw/with/a/very/long/suffix';
		const details = 'Message payload exceeds the maximum size of 128 KB: 131,072 bytes received from pump-station-000032';
		const message = JSON.stringify({
			logLevel: 'WARN',
			status: 'Failure',
			eventType: 'Publish-In',
			clientId: 'pump-station-000032',
			topicName,
			reason: 'PAYLOAD_LIMIT_EXCEEDED',
			details,
		});
		const stream = `stream-${'f'.repeat(70)}`;
		for (const width of [40, 58, 78]) {
			const lines = logEventDetail(toLogEvent({eventId: 'e1', timestamp: 1000, message, logStreamName: stream}, group), width);
			for (const line of lines) expect(line.length, line).toBeLessThanOrEqual(width);
			const text = lines.map((line) => line.trim()).join('');
			for (const whole of [topicName, details.replaceAll(' ', ''), stream, 'PAYLOAD_LIMIT_EXCEEDED'])
				expect(text.replaceAll(' ', '')).toContain(whole.replaceAll(' ', ''));
			// Continuations sit under the value, not under the label.
			const streamAt = lines.findIndex((line) => line.startsWith('stream    '));
			expect(lines[streamAt + 1]).toMatch(/^ {10}\S/);
		}
	});

	it('shows a text line as it is, and leaves no control character from JSON escapes', () => {
		expect(logEventDetail(toLogEvent({eventId: 'e2', timestamp: 0, message: 'plain line'}, group)).at(-1)).toBe('plain line');
		const escaped = '{"clientId":"evil\\u001b]0;pwned\\u0007\\u009b31m","reason":"a\\nb"}';
		const lines = logEventDetail(toLogEvent({eventId: 'e3', timestamp: 0, message: escaped}, group));
		for (const line of lines) expect(hasControlSequences(line)).toBe(false);
	});
});
