// The snapshot's `changes` and `health`: CloudTrail's AWS IoT changes and AWS Health's events as
// the Alarms pane's sub-tabs hold them. Counts are null while unknown, as the alarms' are.
import type {ChangesSlice, HealthSlice} from '../live/state.js';
import {sortHealthEvents} from '../model/health.js';
import type {Snapshot} from './schema.js';

const iso = (ms: number) => new Date(ms).toISOString();
const isoOrUndefined = (ms: number | undefined) => (ms === undefined ? undefined : iso(ms));

/** Known: the last read worked. */
const known = (slice: {fetchedAt?: number; error?: unknown}) => slice.fetchedAt !== undefined && slice.error === undefined;

export function changesPart(slice: ChangesSlice): Omit<Snapshot['changes'], 'fetchedAt' | 'error'> {
	return {
		since: slice.since === undefined ? null : iso(slice.since),
		readBackTo: isoOrUndefined(slice.readBackTo),
		count: known(slice) ? slice.events.length : null,
		items: slice.events.map((event) => ({
			id: event.id,
			time: event.time === undefined ? null : iso(event.time),
			eventName: event.eventName,
			user: event.user,
			userType: event.userType,
			resources: event.resources,
			sourceIp: event.sourceIp,
			errorCode: event.errorCode,
			errorMessage: event.errorMessage,
			region: event.region,
			record: event.record,
		})),
	};
}

export function healthPart(slice: HealthSlice): Omit<Snapshot['health'], 'fetchedAt' | 'error'> {
	return {
		unavailable: slice.unavailable,
		open: known(slice) && !slice.unavailable ? slice.events.filter((event) => event.statusCode === 'open').length : null,
		items: sortHealthEvents(slice.events).map((event) => ({
			arn: event.arn,
			service: event.service,
			eventTypeCode: event.eventTypeCode,
			eventTypeCategory: event.eventTypeCategory,
			region: event.region,
			statusCode: event.statusCode,
			startTime: isoOrUndefined(event.startTime),
			endTime: isoOrUndefined(event.endTime),
			lastUpdatedTime: isoOrUndefined(event.lastUpdatedTime),
			eventScopeCode: event.eventScopeCode,
		})),
	};
}
