// AWS Health (JSON 1.1): DescribeEvents and DescribeEventDetails over the scripted events, an
// AWS IoT operational issue in us-east-1 open since shortly before the start and a closed one
// from days ago. An account without a Business, Enterprise On-Ramp or Enterprise Support plan
// gets SubscriptionRequiredException for every call (`subscription: false`).
import {SimError, type JsonOperations} from './contract.js';
import {MINUTE} from './scenario.js';

const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export type HealthEvent = {
	arn: string;
	service: string;
	eventTypeCode: string;
	eventTypeCategory: 'issue' | 'accountNotification' | 'scheduledChange' | 'investigation';
	region: string;
	startTime: number;
	endTime?: number;
	lastUpdatedTime: number;
	statusCode: 'open' | 'closed' | 'upcoming';
	eventScopeCode: 'PUBLIC' | 'ACCOUNT_SPECIFIC' | 'NONE';
	description: string;
};

export type HealthModel = {
	events(): HealthEvent[];
	/** False: every call answers SubscriptionRequiredException, as for a Basic or Developer support plan. */
	subscription: boolean;
	operations: JsonOperations;
};

function eventArn(region: string, service: string, code: string, id: string): string {
	return `arn:aws:health:${region}::event/${service}/${code}/${code}_${id}`;
}

/** The scripted events, relative to the simulator's start. */
export function scriptedHealthEvents(startMs: number, region = 'us-east-1'): HealthEvent[] {
	const base = Math.floor(startMs / MINUTE) * MINUTE;
	return [
		{
			arn: eventArn(
				region,
				'IOT',
				'AWS_IOT_OPERATIONAL_ISSUE',
				`${Math.floor(base / 1000)
					.toString(36)
					.toUpperCase()}A`,
			),
			service: 'IOT',
			eventTypeCode: 'AWS_IOT_OPERATIONAL_ISSUE',
			eventTypeCategory: 'issue',
			region,
			startTime: base - 25 * MINUTE,
			lastUpdatedTime: base - 6 * MINUTE,
			statusCode: 'open',
			eventScopeCode: 'PUBLIC',
			description:
				'Current status: We are investigating increased connection errors and authentication failures for MQTT clients connecting to AWS IoT Core in the US-EAST-1 Region. Devices may see CONNACK failures and reconnect attempts. Existing connections are not affected. We will provide an update by the top of the hour.',
		},
		{
			arn: eventArn(
				region,
				'IOT',
				'AWS_IOT_OPERATIONAL_ISSUE',
				`${Math.floor((base - 3 * DAY) / 1000)
					.toString(36)
					.toUpperCase()}B`,
			),
			service: 'IOT',
			eventTypeCode: 'AWS_IOT_OPERATIONAL_ISSUE',
			eventTypeCategory: 'issue',
			region,
			startTime: base - 3 * DAY - 2 * HOUR,
			endTime: base - 3 * DAY,
			lastUpdatedTime: base - 3 * DAY,
			statusCode: 'closed',
			eventScopeCode: 'PUBLIC',
			description:
				'Between 10:12 PM and 12:08 AM PST we experienced increased latency for rules engine actions in the US-EAST-1 Region. The issue has been resolved and the service is operating normally.',
		},
	];
}

type TimeRange = {from?: unknown; to?: unknown};

const inRanges = (time: number | undefined, ranges: TimeRange[] | undefined) =>
	!ranges ||
	ranges.length === 0 ||
	ranges.some(
		(range) =>
			time !== undefined &&
			(typeof range.from !== 'number' || time >= range.from * 1000) &&
			(typeof range.to !== 'number' || time <= range.to * 1000),
	);

const listed = (value: string, list: unknown) => !Array.isArray(list) || list.length === 0 || list.includes(value);

function wireEvent(event: HealthEvent) {
	return {
		arn: event.arn,
		service: event.service,
		eventTypeCode: event.eventTypeCode,
		eventTypeCategory: event.eventTypeCategory,
		region: event.region,
		startTime: event.startTime / 1000,
		...(event.endTime === undefined ? {} : {endTime: event.endTime / 1000}),
		lastUpdatedTime: event.lastUpdatedTime / 1000,
		statusCode: event.statusCode,
		eventScopeCode: event.eventScopeCode,
	};
}

export function createHealth(options: {startMs: number; subscription?: boolean; events?: HealthEvent[]}): HealthModel {
	const events = options.events ?? scriptedHealthEvents(options.startMs);
	const model: HealthModel = {
		events: () => events,
		subscription: options.subscription ?? true,
		operations: {},
	};
	const requireSubscription = () => {
		if (!model.subscription) {
			throw new SimError(
				'SubscriptionRequiredException',
				'The AWS Support API is only available to accounts with a Business, Enterprise On-Ramp, or Enterprise Support plan.',
			);
		}
	};
	model.operations = {
		DescribeEvents(input: {
			filter?: {
				services?: unknown;
				regions?: unknown;
				eventStatusCodes?: unknown;
				eventTypeCategories?: unknown;
				eventTypeCodes?: unknown;
				eventArns?: unknown;
				startTimes?: TimeRange[];
				endTimes?: TimeRange[];
				lastUpdatedTimes?: TimeRange[];
			};
			maxResults?: unknown;
			nextToken?: unknown;
		}) {
			requireSubscription();
			const filter = input.filter ?? {};
			const maxResults = input.maxResults ?? 100;
			if (typeof maxResults !== 'number' || !Number.isInteger(maxResults) || maxResults < 10 || maxResults > 100) {
				throw new SimError('ValidationException', 'maxResults must be between 10 and 100.');
			}
			const matching = events
				.filter(
					(event) =>
						listed(event.service, filter.services) &&
						listed(event.region, filter.regions) &&
						listed(event.statusCode, filter.eventStatusCodes) &&
						listed(event.eventTypeCategory, filter.eventTypeCategories) &&
						listed(event.eventTypeCode, filter.eventTypeCodes) &&
						listed(event.arn, filter.eventArns) &&
						inRanges(event.startTime, filter.startTimes) &&
						inRanges(event.endTime, filter.endTimes) &&
						inRanges(event.lastUpdatedTime, filter.lastUpdatedTimes),
				)
				.sort((a, b) => b.lastUpdatedTime - a.lastUpdatedTime);
			let offset = 0;
			if (input.nextToken !== undefined && input.nextToken !== null) {
				offset = Number.parseInt(String(input.nextToken), 36);
				if (!Number.isInteger(offset) || offset <= 0 || offset >= matching.length)
					throw new SimError('InvalidPaginationToken', 'Invalid nextToken.');
			}
			const page = matching.slice(offset, offset + maxResults);
			return {
				events: page.map(wireEvent),
				...(offset + maxResults < matching.length ? {nextToken: (offset + maxResults).toString(36)} : {}),
			};
		},
		DescribeEventDetails(input: {eventArns?: unknown; locale?: unknown}) {
			requireSubscription();
			const arns = input.eventArns;
			if (!Array.isArray(arns) || arns.length < 1 || arns.length > 10) {
				throw new SimError('ValidationException', 'eventArns must hold 1 to 10 ARNs.');
			}
			const successfulSet: unknown[] = [];
			const failedSet: unknown[] = [];
			for (const arn of arns) {
				const event = events.find((candidate) => candidate.arn === arn);
				if (event)
					successfulSet.push({event: wireEvent(event), eventDescription: {latestDescription: event.description}, eventMetadata: {}});
				else failedSet.push({eventArn: String(arn), errorName: 'EventNotFound', errorMessage: 'The event does not exist.'});
			}
			return {successfulSet, failedSet};
		},
	};
	return model;
}
