// Data from AWS as it may really come: fields missing, enums AWS added later, huge strings,
// broken UTF-8, text where JSON was expected. Shown as well as possible, never a crash.
import {describe, expect, it} from 'vitest';
import {toAlarmRow, toCompositeRow} from '../../source/aws/alarms.js';
import {logEventFields, toLogEvent} from '../../source/model/iotLog.js';
import {describeCondition, sortAlarms, stateSymbol} from '../../source/model/alarms.js';

describe('alarms from AWS', () => {
	it('an alarm with nothing but a name still makes a row', () => {
		const row = toAlarmRow({AlarmName: 'bare'});
		expect(row).toMatchObject({name: 'bare', kind: 'metric', state: 'INSUFFICIENT_DATA', stateReason: ''});
		expect(describeCondition(row)).toEqual(expect.any(String));
		expect(toCompositeRow({})).toMatchObject({name: '', kind: 'composite'});
	});

	it('a state AWS added later is shown as itself, after the known ones', () => {
		const rows = [toAlarmRow({AlarmName: 'new', StateValue: 'PENDING_REVIEW' as never}), toAlarmRow({AlarmName: 'ok', StateValue: 'OK'}), toAlarmRow({AlarmName: 'fire', StateValue: 'ALARM'})];
		expect(sortAlarms(rows).map((row) => row.state)).toEqual(['ALARM', 'OK', 'PENDING_REVIEW']);
		expect(stateSymbol('PENDING_REVIEW')).toBe('·');
	});

	it('huge and hostile reasons are cut and cleaned', () => {
		const row = toAlarmRow({AlarmName: 'x', StateReason: `\u001b[2J${'y'.repeat(100_000)}`});
		expect(row.stateReason.length).toBeLessThanOrEqual(4096);
		expect(row.stateReason).not.toContain('\u001b');
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
		const event = toLogEvent({eventId: '1', timestamp: 1, message: JSON.stringify({logLevel: 42, eventType: {nested: true}, clientId: null, status: ['a']})}, 'g');
		expect(event.level).toEqual(expect.any(String));
		expect(logEventFields(event)?.eventType).toBe('{"nested":true}');
	});

	it('a missing timestamp or id does not lose the event', () => {
		const event = toLogEvent({message: 'x'}, 'g');
		expect(event.id).toEqual(expect.any(String));
		expect(event.timestamp).toBe(0);
	});
});
