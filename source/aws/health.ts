// AWS Health DescribeEvents / DescribeEventDetails -> HealthEventRow: the AWS IoT services' open
// and upcoming events, and those closed in the last 7 days, sanitized on the way in. An account
// without a Business, Enterprise On-Ramp or Enterprise support plan gets
// SubscriptionRequiredException: an answer (`unavailable`), not a failure.
import {DescribeEventDetailsCommand, DescribeEventsCommand, type Event, type EventFilter} from '@aws-sdk/client-health';
import type {HealthEventRow} from '../model/health.js';
import {sanitizeBlock, sanitizeText} from '../terminal/sanitize.js';
import type {AwsClients} from './clients.js';

/** The AWS Health service codes of the AWS IoT services. */
export const IOT_HEALTH_SERVICES = [
	'IOT',
	'IOTDEVICEDEFENDER',
	'IOTDEVICEMANAGEMENT',
	'IOTEVENTS',
	'IOTSITEWISE',
	'IOTANALYTICS',
	'IOTFLEETWISE',
];
const CLOSED_WITHIN_MS = 7 * 24 * 3_600_000;
const PAGE_BUDGET = 3;

export function isSubscriptionRequired(error: unknown): boolean {
	return error instanceof Error && error.name === 'SubscriptionRequiredException';
}

const optional = (value: string | undefined) => (value ? sanitizeText(value, 256) : undefined);

export function toHealthEvent(event: Event): HealthEventRow {
	return {
		arn: sanitizeText(event.arn ?? '?', 512),
		service: optional(event.service),
		eventTypeCode: optional(event.eventTypeCode),
		eventTypeCategory: optional(event.eventTypeCategory),
		region: optional(event.region),
		statusCode: optional(event.statusCode),
		startTime: event.startTime?.getTime(),
		endTime: event.endTime?.getTime(),
		lastUpdatedTime: event.lastUpdatedTime?.getTime(),
		eventScopeCode: optional(event.eventScopeCode),
	};
}

async function describe(clients: AwsClients, filter: EventFilter): Promise<HealthEventRow[]> {
	const client = await clients.health();
	const rows: HealthEventRow[] = [];
	let nextToken: string | undefined;
	let pages = 0;
	do {
		const page = await client.send(new DescribeEventsCommand({filter, maxResults: 100, nextToken}));
		rows.push(...(page.events ?? []).map(toHealthEvent));
		nextToken = page.nextToken;
		pages++;
	} while (nextToken && pages < PAGE_BUDGET);
	return rows;
}

/** The IoT services' open and upcoming events, and those closed within 7 days, in `regions` (and global ones). */
export async function fetchHealthEvents(clients: AwsClients, now: number, regions?: string[]): Promise<HealthEventRow[]> {
	const where: EventFilter = {services: IOT_HEALTH_SERVICES, ...(regions ? {regions: [...regions, 'global']} : {})};
	const current = await describe(clients, {...where, eventStatusCodes: ['open', 'upcoming']});
	const closed = await describe(clients, {
		...where,
		eventStatusCodes: ['closed'],
		lastUpdatedTimes: [{from: new Date(now - CLOSED_WITHIN_MS)}],
	});
	const seen = new Set(current.map((row) => row.arn));
	return [...current, ...closed.filter((row) => !seen.has(row.arn))];
}

/** An event's latest description (DescribeEventDetails); undefined when AWS could not give it. */
export async function fetchHealthDescription(clients: AwsClients, arn: string): Promise<string | undefined> {
	const client = await clients.health();
	const answer = await client.send(new DescribeEventDetailsCommand({eventArns: [arn]}));
	const found = answer.successfulSet?.find((item) => item.event?.arn === arn) ?? answer.successfulSet?.[0];
	const description = found?.eventDescription?.latestDescription;
	if (description !== undefined) return sanitizeBlock(description, 16_384);
	const failed = answer.failedSet?.[0];
	if (failed) throw Object.assign(new Error(failed.errorMessage ?? 'no description'), {name: failed.errorName ?? 'EventNotFound'});
	return undefined;
}
