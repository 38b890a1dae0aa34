// What EventBridge writes to the simulated account's `/aws/events/...` log group: the envelope
// {version, id, detail-type, source, account, time, region, resources, detail} of a rule with a
// log-group target. AWS IoT's write calls come as "AWS API Call via CloudTrail" (source aws.iot,
// the detail the call's CloudTrail record: the same management events LookupEvents returns, from
// sim/cloudtrail.ts), AWS Health's events as "AWS Health Event" (source aws.health, one on each
// change of a Health event of sim/health.ts: opened, updated, closed). Pure.
import type {HealthEvent} from './health.js';
import {hex8} from './resources.js';
import {hash32} from './scenario.js';

/** A Health event as EventBridge announced it at `at`: opened, updated, or closed. */
export type HealthNotice = {at: number; event: HealthEvent};

/** The notices of each Health event: its start, its last update (if later) and its end; the last one is the event as DescribeEvents has it. */
export function healthNotices(events: HealthEvent[]): HealthNotice[] {
	const notices: HealthNotice[] = [];
	for (const event of events) {
		const times = [...new Set([event.startTime, event.lastUpdatedTime, ...(event.endTime === undefined ? [] : [event.endTime])])].sort(
			(a, b) => a - b,
		);
		for (const at of times) {
			const closed = event.endTime !== undefined && at >= event.endTime;
			notices.push({
				at,
				event: {
					...event,
					lastUpdatedTime: at,
					statusCode: closed ? 'closed' : event.statusCode === 'closed' ? 'open' : event.statusCode,
					endTime: closed ? event.endTime : undefined,
				},
			});
		}
	}
	return notices.sort((a, b) => a.at - b.at);
}

function uuid(seed: number, key: string, salt: number): string {
	const h = (n: number) => hex8(hash32(seed, key, salt, n));
	const a = h(1);
	const b = h(2);
	const c = h(3);
	const d = h(4);
	return `${a}-${b.slice(0, 4)}-${b.slice(4)}-${c.slice(0, 4)}-${c.slice(4)}${d}`;
}

const isoSecond = (ms: number) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');
const gmt = (ms: number) => new Date(ms).toUTCString();

type Envelope = {seed: number; accountId: string; region: string};

/** The EventBridge event of a management call: its CloudTrail record as the detail, the call's time as the event's. */
export function apiCallEvent(ctx: Envelope, record: Record<string, unknown>, at: number): Record<string, unknown> {
	return {
		version: '0',
		id: uuid(ctx.seed, String(record.eventID), 990),
		'detail-type': 'AWS API Call via CloudTrail',
		source: 'aws.iot',
		account: ctx.accountId,
		time: isoSecond(at),
		region: ctx.region,
		resources: [],
		detail: record,
	};
}

/** The EventBridge event of a Health notice: the event's fields as AWS Health's EventBridge events carry them. */
export function healthEvent(ctx: Envelope, notice: HealthNotice): Record<string, unknown> {
	const {event} = notice;
	return {
		version: '0',
		id: uuid(ctx.seed, `${event.arn}@${notice.at}`, 991),
		'detail-type': 'AWS Health Event',
		source: 'aws.health',
		account: ctx.accountId,
		time: isoSecond(notice.at),
		region: event.region,
		resources: [],
		detail: {
			eventArn: event.arn,
			service: event.service,
			eventTypeCode: event.eventTypeCode,
			eventTypeCategory: event.eventTypeCategory,
			eventScopeCode: event.eventScopeCode,
			communicationId: `${hex8(hash32(event.arn, 981))}${hex8(hash32(ctx.seed, event.arn, 982))}-1`,
			startTime: gmt(event.startTime),
			...(event.endTime === undefined ? {} : {endTime: gmt(event.endTime)}),
			lastUpdatedTime: gmt(event.lastUpdatedTime),
			statusCode: event.statusCode,
			eventRegion: event.region,
			eventDescription: [{language: 'en_US', latestDescription: event.description}],
			affectedEntities: [],
		},
	};
}
