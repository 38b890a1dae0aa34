// CloudTrail LookupEvents -> ChangeEvent: AWS IoT's management events of the last 90 days (no
// trail needed), sanitized on the way in. The account's quota is 2 requests a second per
// region, shared by everything that calls LookupEvents: every call here waits its turn, at
// least PAGE_GAP_MS after the one before, and a read stops at its page budget.
import {LookupEventsCommand, type Event, type LookupAttribute} from '@aws-sdk/client-cloudtrail';
import {actorOf, type ChangeEvent} from '../model/changes.js';
import {sanitizeBlock, sanitizeText} from '../terminal/sanitize.js';
import type {AwsClients} from './clients.js';

/** 2 requests/s, with room for a timer that fires a little early or a clock step. */
export const PAGE_GAP_MS = 550;
export const IOT_EVENT_SOURCE = 'iot.amazonaws.com';

type Gate = {last: number; turn: Promise<void>};
const gates = new WeakMap<AwsClients, Gate>();

/** Resolves when this client may send its next LookupEvents: one at a time, PAGE_GAP_MS apart. */
function nextTurn(clients: AwsClients): Promise<void> {
	let gate = gates.get(clients);
	if (!gate) {
		gate = {last: Number.NEGATIVE_INFINITY, turn: Promise.resolve()};
		gates.set(clients, gate);
	}
	const current = gate;
	const turn = current.turn.then(async () => {
		const wait = current.last + PAGE_GAP_MS - Date.now();
		if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
		current.last = Date.now();
	});
	current.turn = turn;
	return turn;
}

const optional = (value: string | undefined, max = 512) => (value ? sanitizeText(value, max) : undefined);

/** One LookupEvents event, its CloudTrailEvent record parsed for who, from where, and the error. */
export function toChangeEvent(event: Event): ChangeEvent {
	let record: Record<string, unknown> | undefined;
	try {
		const parsed: unknown = JSON.parse(event.CloudTrailEvent ?? '');
		if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) record = parsed as Record<string, unknown>;
	} catch {
		// A record that is not JSON: the summary fields LookupEvents sends still say what happened.
	}
	const field = (name: string) => (typeof record?.[name] === 'string' ? (record[name] as string) : undefined);
	const identity = record?.userIdentity as {type?: unknown} | undefined;
	const user = actorOf(identity, event.Username);
	const resources = (event.Resources ?? []).map((resource) => resource.ResourceName).filter((name): name is string => Boolean(name));
	return {
		id: sanitizeText(event.EventId ?? field('eventID') ?? `${event.EventName ?? '?'}@${event.EventTime?.getTime() ?? '?'}`, 128),
		time: event.EventTime?.getTime(),
		eventName: sanitizeText(event.EventName ?? field('eventName') ?? '?', 128),
		user: optional(user),
		userType: optional(typeof identity?.type === 'string' ? identity.type : undefined, 64),
		resources: resources.map((name) => sanitizeText(name, 512)),
		sourceIp: optional(field('sourceIPAddress'), 128),
		errorCode: optional(field('errorCode'), 128),
		errorMessage: optional(field('errorMessage'), 1024),
		region: optional(field('awsRegion'), 64),
		record: sanitizeBlock(record ? JSON.stringify(record, null, 2) : (event.CloudTrailEvent ?? ''), 65_536),
	};
}

export type LookupOptions = {
	/** Epoch ms: the oldest call time asked for. */
	since?: number;
	/** Pages read at most (50 events each). */
	pageBudget: number;
	/** Each page's events as they arrive: a read that fails later keeps what it got. */
	onPage?: (events: ChangeEvent[]) => void;
};

export type LookupResult = {
	events: ChangeEvent[];
	/** The last page came without a NextToken: everything since `since` was read. */
	complete: boolean;
	pages: number;
};

async function lookup(clients: AwsClients, attribute: LookupAttribute, options: LookupOptions): Promise<LookupResult> {
	const client = await clients.cloudtrail();
	const events: ChangeEvent[] = [];
	let nextToken: string | undefined;
	let pages = 0;
	do {
		await nextTurn(clients);
		const page = await client.send(
			new LookupEventsCommand({
				LookupAttributes: [attribute],
				StartTime: options.since === undefined ? undefined : new Date(options.since),
				MaxResults: 50,
				NextToken: nextToken,
			}),
		);
		pages++;
		const fresh = (page.Events ?? []).map(toChangeEvent);
		events.push(...fresh);
		options.onPage?.(fresh);
		nextToken = page.NextToken;
	} while (nextToken && pages < options.pageBudget);
	return {events, complete: nextToken === undefined, pages};
}

/** AWS IoT's management events since `since`, newest first, within the page budget. */
export function lookupIotChanges(clients: AwsClients, options: LookupOptions): Promise<LookupResult> {
	return lookup(clients, {AttributeKey: 'EventSource', AttributeValue: IOT_EVENT_SOURCE}, options);
}

/** The events CloudTrail recorded against one resource (a thing's, policy's or rule's name; a certificate's id). */
export function lookupResourceChanges(clients: AwsClients, resourceName: string, options: LookupOptions): Promise<LookupResult> {
	return lookup(clients, {AttributeKey: 'ResourceName', AttributeValue: resourceName}, options);
}
