// Changes: AWS IoT management events from CloudTrail, as the Changes view, a resource's detail
// and the snapshot show them. Pure: who made a call (from the record's userIdentity), the list
// kept newest first without duplicates, and the `/` filter over every field.

/** One management event; every string already sanitized (aws/cloudtrail.ts). */
export type ChangeEvent = {
	id: string;
	/** Epoch ms of the call; undefined when CloudTrail sent no time. */
	time?: number;
	eventName: string;
	/** The IAM user, the role of an assumed-role session, or the principal's ARN; undefined when the record names none. */
	user?: string;
	/** userIdentity.type: IAMUser, AssumedRole, Root, AWSService, ... */
	userType?: string;
	/** The resources CloudTrail names (thing, policy, rule, certificate id). */
	resources: string[];
	sourceIp?: string;
	/** The call failed: AccessDenied, ... */
	errorCode?: string;
	errorMessage?: string;
	region?: string;
	/** The whole record, pretty-printed (kept as CloudTrail sent it, sanitized line by line). */
	record: string;
};

type Identity = {
	type?: unknown;
	userName?: unknown;
	arn?: unknown;
	principalId?: unknown;
	invokedBy?: unknown;
	sessionContext?: {sessionIssuer?: {userName?: unknown; arn?: unknown}};
};

const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);

/**
 * Who made the call: an IAM user's name; an assumed role's name (the session issuer; the
 * session is in the record); a service's name; else the ARN or principal id.
 */
export function actorOf(identity: unknown, username?: string): string | undefined {
	if (typeof identity !== 'object' || identity === null) return username;
	const id = identity as Identity;
	const type = text(id.type);
	if (type === 'IAMUser') return text(id.userName) ?? username ?? text(id.arn);
	if (type === 'AssumedRole') {
		return text(id.sessionContext?.sessionIssuer?.userName) ?? text(id.arn) ?? username;
	}
	if (type === 'Root') return 'root';
	if (type === 'AWSService') return text(id.invokedBy) ?? username;
	return text(id.userName) ?? text(id.arn) ?? username ?? text(id.principalId);
}

/** The events of `fresh` added to `kept`, newest first, each once (by id), at most `cap`. */
export function mergeChanges(kept: readonly ChangeEvent[], fresh: readonly ChangeEvent[], cap: number): ChangeEvent[] {
	const byId = new Map<string, ChangeEvent>();
	for (const event of kept) byId.set(event.id, event);
	for (const event of fresh) byId.set(event.id, event);
	return [...byId.values()].sort(newestFirst).slice(0, cap);
}

export function newestFirst(a: ChangeEvent, b: ChangeEvent): number {
	return (b.time ?? Number.NEGATIVE_INFINITY) - (a.time ?? Number.NEGATIVE_INFINITY) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}

/** `/` over every field the row shows (user, event, resource, source IP, error), case-insensitive. */
export function filterChanges(events: readonly ChangeEvent[], filter: string): readonly ChangeEvent[] {
	const needle = filter.trim().toLowerCase();
	if (!needle) return events;
	return events.filter((event) =>
		[
			event.eventName,
			event.user,
			event.userType,
			...event.resources,
			event.sourceIp,
			event.errorCode,
			event.errorMessage,
			event.region,
		].some((field) => field?.toLowerCase().includes(needle)),
	);
}
