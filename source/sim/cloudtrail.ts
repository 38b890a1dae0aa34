// CloudTrail LookupEvents (JSON 1.1) over the simulated fleet's management events: the scripted
// story (a policy changed two minutes before each auth-error burst; during the burst the on-call
// engineer's rollback is first denied to a read-only role, then made with an admin one) and a
// background of ordinary IoT calls, a few an hour over the 90 days LookupEvents covers. Nothing
// is stored: the events of any window are computed from the seed, hour by hour, when a request
// asks (`trailEvents`, pure: the simulator's CloudTrail and EventBridge log groups carry the same
// events). An event is returned only once CloudTrail would have delivered it (2-5 minutes after
// the call), and the account's quota (2 requests a second) is a token bucket: beyond it,
// ThrottlingException.
import {SimError, type JsonOperations, type SimClock} from './contract.js';
import type {ResourceModel} from './resources.js';
import {hash32, MINUTE, noise, type Scenario} from './scenario.js';

const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** How far back LookupEvents reaches. */
export const LOOKUP_RETENTION_MS = 90 * DAY;
/** The scripted policy change comes this long before its auth-error burst. */
export const POLICY_CHANGE_LEAD_MS = 2 * MINUTE;
const MAX_RESULTS = 50;
const ATTRIBUTE_KEYS = ['EventId', 'EventName', 'ReadOnly', 'Username', 'ResourceType', 'ResourceName', 'EventSource', 'AccessKeyId'];

export type TrailEvent = {
	id: string;
	/** Epoch ms of the call. */
	time: number;
	/** When LookupEvents starts returning it. */
	deliveredAt: number;
	name: string;
	source: string;
	readOnly: boolean;
	accessKeyId: string;
	/** The Username LookupEvents reports: the IAM user, or the role session's name. */
	username: string;
	userIdentity: Record<string, unknown>;
	sourceIp: string;
	userAgent: string;
	resources: Array<{type: string; name: string}>;
	requestParameters: Record<string, unknown> | null;
	responseElements: Record<string, unknown> | null;
	errorCode?: string;
	errorMessage?: string;
};

export type CloudTrailQuota = {
	/** Requests a second (AWS: 2 per account and region). */
	ratePerSecond: number;
	/** Requests the bucket holds. */
	burst: number;
};

export type CloudTrailModel = {
	/** Events whose call time is in [fromMs, toMs), delivered or not, newest first. */
	eventsBetween(fromMs: number, toMs: number): TrailEvent[];
	/** The scripted policy changes (one per auth-error burst), for tests. */
	policyChanges(): TrailEvent[];
	/** An event's whole CloudTrail record. */
	record(item: TrailEvent): Record<string, unknown>;
	/** LookupEvents answered ThrottlingException this many times. */
	throttled(): number;
	quota: CloudTrailQuota;
	operations: JsonOperations;
};

type Actor = {username: string; identity: (accountId: string) => Record<string, unknown>; accessKeyId: string; ip: string; agent: string};

const iamUser = (userName: string, accessKeyId: string, ip: string, agent: string): Actor => ({
	username: userName,
	accessKeyId,
	ip,
	agent,
	identity: (accountId) => ({
		type: 'IAMUser',
		principalId: `AIDA${hash32(userName).toString(36).toUpperCase().padEnd(12, 'X')}`,
		arn: `arn:aws:iam::${accountId}:user/${userName}`,
		accountId,
		accessKeyId,
		userName,
	}),
});

const assumedRole = (roleName: string, session: string, accessKeyId: string, ip: string, agent: string): Actor => ({
	username: session,
	accessKeyId,
	ip,
	agent,
	identity: (accountId) => {
		const roleId = `AROA${hash32(roleName).toString(36).toUpperCase().padEnd(12, 'X')}`;
		return {
			type: 'AssumedRole',
			principalId: `${roleId}:${session}`,
			arn: `arn:aws:sts::${accountId}:assumed-role/${roleName}/${session}`,
			accountId,
			accessKeyId,
			sessionContext: {
				sessionIssuer: {
					type: 'Role',
					principalId: roleId,
					arn: `arn:aws:iam::${accountId}:role/${roleName}`,
					accountId,
					userName: roleName,
				},
				attributes: {creationDate: '2026-01-01T00:00:00Z', mfaAuthenticated: 'false'},
			},
		};
	},
});

const CONSOLE = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36';
const CLI = 'aws-cli/2.22.4 Python/3.12.6 Linux/6.8.0 exe/x86_64.ubuntu.24';
const SDK = 'aws-sdk-js/3.700.0 ua/2.1 os/linux lang/js md/nodejs#20.18.0 api/iot#3.700.0';

/** Who changes the fleet: the story's two (an engineer at a desk, a deploy pipeline) and the day-to-day. */
const STORY_ACTORS: Actor[] = [
	iamUser('maria.ops', 'AKIAIOSFODNN7MARIA01', '198.51.100.23', CONSOLE),
	assumedRole('iot-deployer', 'gh-actions-4711', 'ASIAQ3EGDEPLOYER0001', '203.0.113.77', SDK),
];
/** The on-call engineer rolling the change back: first with the read-only role (denied), then as admin. */
const ONCALL_READONLY = assumedRole('ReadOnly', 'sam.rivera', 'ASIAQ3EGSAMREADONLY1', '198.51.100.140', CLI);
const ONCALL_ADMIN = assumedRole('OnCallAdmin', 'sam.rivera', 'ASIAQ3EGSAMONCALL001', '198.51.100.140', CLI);
const BACKGROUND_ACTORS: Actor[] = [
	iamUser('maria.ops', 'AKIAIOSFODNN7MARIA01', '198.51.100.23', CONSOLE),
	iamUser('li.wei', 'AKIAIOSFODNN7LIWEI01', '198.51.100.61', CLI),
	assumedRole('iot-provisioner', 'provisioning-lambda', 'ASIAQ3EGPROVISION001', '3.208.14.20', SDK),
	assumedRole('iot-deployer', 'gh-actions-4711', 'ASIAQ3EGDEPLOYER0001', '203.0.113.77', SDK),
];

const BACKGROUND_CALLS = [
	'UpdateThing',
	'CreateThing',
	'AttachPolicy',
	'UpdateCertificate',
	'ReplaceTopicRule',
	'UpdateThing',
	'AttachPolicy',
];

function eventId(...parts: Array<number | string>): string {
	const hex = (n: number) =>
		hash32(...parts, n)
			.toString(16)
			.padStart(8, '0');
	const a = hex(1);
	const b = hex(2);
	const c = hex(3);
	const d = hex(4);
	return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-a${c.slice(1, 4)}-${c.slice(4)}${d}`;
}

function tokenFor(query: string, time: number, id: string): string {
	return Buffer.from(JSON.stringify({q: hash32(query), t: time, i: id})).toString('base64');
}

function parseToken(token: unknown, query: string): {time: number; id: string} {
	try {
		const parsed = JSON.parse(Buffer.from(String(token), 'base64').toString('utf8')) as {q?: unknown; t?: unknown; i?: unknown};
		if (parsed.q === hash32(query) && typeof parsed.t === 'number' && typeof parsed.i === 'string') return {time: parsed.t, id: parsed.i};
	} catch {
		// Falls through to the error AWS gives.
	}
	throw new SimError('InvalidNextTokenException', 'Invalid NextToken');
}

function epochSeconds(value: unknown, name: string): number | undefined {
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'number' || !Number.isFinite(value)) throw new SimError('InvalidTimeRangeException', `${name} is not a valid time.`);
	return value * 1000;
}

export type TrailEvents = {
	/** Events whose call time is in [fromMs, toMs), delivered or not, newest first. */
	eventsBetween(fromMs: number, toMs: number): TrailEvent[];
	/** The scripted policy changes (one per auth-error burst). */
	policyChanges(): TrailEvent[];
	/** The whole CloudTrail record of an event, as LookupEvents' CloudTrailEvent and a trail's log group carry it. */
	record(item: TrailEvent): Record<string, unknown>;
};

/** The account's IoT management events: pure, the same for a seed every time. */
export function trailEvents(options: {
	seed: number;
	scenario: Scenario;
	resources: ResourceModel;
	/** False (an empty account): no day-to-day calls, only what the scenario's incidents script. */
	background?: boolean;
}): TrailEvents {
	const {seed, scenario, resources} = options;
	const {accountId, region} = resources;
	const policyNames = () => resources.policies().map((policy) => policy.policyName);
	const arnOf = (type: string, name: string) => `arn:aws:iot:${region}:${accountId}:${type}/${name}`;

	function event(
		parts: {time: number; name: string; actor: Actor; resources: TrailEvent['resources']},
		request: Record<string, unknown> | null,
		response: Record<string, unknown> | null,
		error?: {code: string; message: string},
	): TrailEvent {
		const id = eventId(seed, parts.time, parts.name);
		return {
			id,
			time: parts.time,
			deliveredAt: parts.time + (2 + (hash32(seed, id) % 4)) * MINUTE,
			name: parts.name,
			source: 'iot.amazonaws.com',
			readOnly: false,
			accessKeyId: parts.actor.accessKeyId,
			username: parts.actor.username,
			userIdentity: parts.actor.identity(accountId),
			sourceIp: parts.actor.ip,
			userAgent: parts.actor.agent,
			resources: parts.resources,
			requestParameters: request,
			responseElements: error ? null : response,
			...(error ? {errorCode: error.code, errorMessage: error.message} : {}),
		};
	}

	/**
	 * The story of each auth-error burst: a policy's new default version two minutes before it;
	 * in it, the on-call engineer's rollback to the previous version, denied to the read-only
	 * role, then made with the admin one a minute before the burst ends.
	 */
	function storyEvents(fromMs: number, toMs: number): TrailEvent[] {
		const out: TrailEvent[] = [];
		const names = policyNames();
		if (names.length === 0) return out;
		for (const [index, incident] of scenario.incidents.entries()) {
			if (incident.kind !== 'authErrors') continue;
			const time = incident.from - POLICY_CHANGE_LEAD_MS + (hash32(seed, 'story', index) % 20) * 1000;
			// The whole story is computed when any of it falls in the window.
			if (incident.to < fromMs || time >= toMs) continue;
			const actor = STORY_ACTORS[index % STORY_ACTORS.length];
			const policyName = names[hash32(seed, 'policy', index) % names.length];
			const versionId = String(2 + (hash32(seed, 'version', index) % 7));
			const document = JSON.stringify({
				Version: '2012-10-17',
				Statement: [
					{
						Effect: 'Allow',
						Action: 'iot:Connect',
						Resource: `arn:aws:iot:${region}:${accountId}:client/\${iot:Connection.Thing.ThingName}-prod`,
					},
					{Effect: 'Allow', Action: ['iot:Publish', 'iot:Receive'], Resource: `arn:aws:iot:${region}:${accountId}:topic/fleet/*`},
				],
			});
			const resources = [{type: 'AWS::IoT::Policy', name: policyName}];
			out.push(
				event(
					{time, name: 'CreatePolicyVersion', actor, resources},
					{policyName, policyDocument: document, setAsDefault: true},
					{policyArn: arnOf('policy', policyName), policyVersionId: versionId, isDefaultVersion: true, policyDocument: document},
				),
			);
			const rollback = {policyName, policyVersionId: String(Number(versionId) - 1)};
			const deniedAt = incident.from + 2 * MINUTE + (hash32(seed, 'denied', index) % 40) * 1000;
			const rolledBackAt = incident.to - MINUTE + (hash32(seed, 'rollback', index) % 20) * 1000;
			out.push(
				event({time: deniedAt, name: 'SetDefaultPolicyVersion', actor: ONCALL_READONLY, resources}, rollback, null, {
					code: 'AccessDenied',
					message: `User: ${String(ONCALL_READONLY.identity(accountId).arn)} is not authorized to perform: iot:SetDefaultPolicyVersion on resource: ${arnOf('policy', policyName)}`,
				}),
				event({time: rolledBackAt, name: 'SetDefaultPolicyVersion', actor: ONCALL_ADMIN, resources}, rollback, null),
			);
		}
		return out.filter((item) => item.time >= fromMs && item.time < toMs);
	}

	/** The day-to-day: 1-4 ordinary calls an hour, one in ten refused. */
	function backgroundHour(hourStart: number): TrailEvent[] {
		const out: TrailEvent[] = [];
		if (options.background === false) return out;
		const count = 1 + (hash32(seed, 'n', hourStart) % 4);
		for (let index = 0; index < count; index++) {
			const pick = (what: string, n: number) => hash32(seed, what, hourStart, index) % Math.max(1, n);
			const time = hourStart + Math.floor(noise(seed, 't', hourStart, index) * HOUR);
			const actor = BACKGROUND_ACTORS[pick('actor', BACKGROUND_ACTORS.length)];
			const name = BACKGROUND_CALLS[pick('call', BACKGROUND_CALLS.length)];
			const denied = pick('denied', 10) === 0;
			const error = denied
				? {code: 'AccessDenied', message: `User: ${String(actor.identity(accountId).arn)} is not authorized to perform: iot:${name}`}
				: undefined;
			const thing = resources.thingAt(pick('thing', resources.things()))?.thingName ?? 'sensor-0001';
			switch (name) {
				case 'UpdateThing':
				case 'CreateThing': {
					const attributePayload = {attributes: {firmware: `1.${pick('fw', 9)}.${pick('fwp', 20)}`}, merge: true};
					out.push(
						event(
							{time, name, actor, resources: [{type: 'AWS::IoT::Thing', name: thing}]},
							{thingName: thing, attributePayload},
							name === 'CreateThing' ? {thingName: thing, thingArn: arnOf('thing', thing)} : null,
							error,
						),
					);
					break;
				}
				case 'AttachPolicy': {
					const names = policyNames();
					const policyName = names[pick('policy', names.length)] ?? 'fleet-default';
					const certificate = resources.certificateAt(pick('cert', resources.certificates()))?.certificateId ?? '0'.repeat(64);
					out.push(
						event(
							{time, name, actor, resources: [{type: 'AWS::IoT::Policy', name: policyName}]},
							{policyName, target: arnOf('cert', certificate)},
							null,
							error,
						),
					);
					break;
				}
				case 'UpdateCertificate': {
					const certificate = resources.certificateAt(pick('cert', resources.certificates()))?.certificateId ?? '0'.repeat(64);
					out.push(
						event(
							{time, name, actor, resources: [{type: 'AWS::IoT::Certificate', name: certificate}]},
							{certificateId: certificate, newStatus: pick('status', 3) === 0 ? 'REVOKED' : 'INACTIVE'},
							null,
							error,
						),
					);
					break;
				}
				default: {
					const rules = resources.topicRules();
					const ruleName = rules[pick('rule', rules.length)]?.ruleName ?? 'telemetry_to_s3';
					out.push(
						event(
							{time, name, actor, resources: [{type: 'AWS::IoT::TopicRule', name: ruleName}]},
							{ruleName, topicRulePayload: {sql: "SELECT * FROM 'fleet/+/telemetry'", ruleDisabled: false, awsIotSqlVersion: '2016-03-23'}},
							null,
							error,
						),
					);
				}
			}
		}
		return out;
	}

	const newestFirst = (a: TrailEvent, b: TrailEvent) => b.time - a.time || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

	function eventsBetween(fromMs: number, toMs: number): TrailEvent[] {
		const out = storyEvents(fromMs, toMs);
		for (let hour = Math.floor(fromMs / HOUR) * HOUR; hour < toMs; hour += HOUR) {
			for (const item of backgroundHour(hour)) if (item.time >= fromMs && item.time < toMs) out.push(item);
		}
		return out.sort(newestFirst);
	}

	function record(item: TrailEvent): Record<string, unknown> {
		return {
			eventVersion: '1.09',
			userIdentity: item.userIdentity,
			eventTime: new Date(item.time).toISOString().replace(/\.\d{3}Z$/, 'Z'),
			eventSource: item.source,
			eventName: item.name,
			awsRegion: region,
			sourceIPAddress: item.sourceIp,
			userAgent: item.userAgent,
			...(item.errorCode ? {errorCode: item.errorCode, errorMessage: item.errorMessage} : {}),
			requestParameters: item.requestParameters,
			responseElements: item.responseElements,
			requestID: eventId(seed, 'request', item.id),
			eventID: item.id,
			readOnly: item.readOnly,
			eventType: 'AwsApiCall',
			managementEvent: true,
			recipientAccountId: accountId,
			eventCategory: 'Management',
			tlsDetails: {tlsVersion: 'TLSv1.3', cipherSuite: 'TLS_AES_128_GCM_SHA256', clientProvidedHostHeader: `iot.${region}.amazonaws.com`},
		};
	}

	return {
		eventsBetween,
		policyChanges: () => storyEvents(0, Number.MAX_SAFE_INTEGER).filter((item) => item.name === 'CreatePolicyVersion'),
		record,
	};
}

export function createCloudTrail(options: {
	seed: number;
	clock: SimClock;
	scenario: Scenario;
	resources: ResourceModel;
	/** The quota's clock: real time, whatever the simulated one (a test's manual clock) says. */
	quotaNow?: () => number;
	quota?: Partial<CloudTrailQuota>;
	/** False (an empty account): no day-to-day calls, only what the scenario's incidents script. */
	background?: boolean;
}): CloudTrailModel {
	const {clock} = options;
	const trail = trailEvents(options);
	const {eventsBetween} = trail;
	const quota: CloudTrailQuota = {ratePerSecond: 2, burst: 2, ...options.quota};
	const quotaNow = options.quotaNow ?? (() => performance.now());
	let tokens = quota.burst;
	let filledAt = quotaNow();
	let throttledCount = 0;

	function take(): boolean {
		const now = quotaNow();
		tokens = Math.min(quota.burst, tokens + ((now - filledAt) / 1000) * quota.ratePerSecond);
		filledAt = now;
		if (tokens < 1) return false;
		tokens -= 1;
		return true;
	}

	function matches(item: TrailEvent, key: string | undefined, value: string | undefined): boolean {
		switch (key) {
			case undefined: {
				return true;
			}
			case 'EventId': {
				return item.id === value;
			}
			case 'EventName': {
				return item.name === value;
			}
			case 'ReadOnly': {
				return String(item.readOnly) === value;
			}
			case 'Username': {
				return item.username === value;
			}
			case 'ResourceType': {
				return item.resources.some((resource) => resource.type === value);
			}
			case 'ResourceName': {
				return item.resources.some((resource) => resource.name === value);
			}
			case 'EventSource': {
				return item.source === value;
			}
			default: {
				return item.accessKeyId === value;
			}
		}
	}

	const operations: JsonOperations = {
		LookupEvents(input: {
			LookupAttributes?: Array<{AttributeKey?: unknown; AttributeValue?: unknown}>;
			StartTime?: unknown;
			EndTime?: unknown;
			MaxResults?: unknown;
			NextToken?: unknown;
		}) {
			if (!take()) {
				throttledCount++;
				throw new SimError('ThrottlingException', 'Rate exceeded');
			}
			const attributes = input.LookupAttributes ?? [];
			if (!Array.isArray(attributes) || attributes.length > 1) {
				throw new SimError('InvalidLookupAttributesException', 'You can only specify one lookup attribute.');
			}
			const attribute = attributes[0];
			if (attribute && (typeof attribute.AttributeKey !== 'string' || !ATTRIBUTE_KEYS.includes(attribute.AttributeKey))) {
				throw new SimError('InvalidLookupAttributesException', `Invalid attribute key: ${String(attribute.AttributeKey)}`);
			}
			if (attribute && (typeof attribute.AttributeValue !== 'string' || attribute.AttributeValue.length === 0)) {
				throw new SimError('InvalidLookupAttributesException', 'The attribute value must not be empty.');
			}
			const maxResults = input.MaxResults ?? MAX_RESULTS;
			if (typeof maxResults !== 'number' || !Number.isInteger(maxResults) || maxResults < 1 || maxResults > MAX_RESULTS) {
				throw new SimError('InvalidMaxResultsException', 'MaxResults must be between 1 and 50.');
			}
			const now = clock.now();
			const start = epochSeconds(input.StartTime, 'StartTime');
			const end = epochSeconds(input.EndTime, 'EndTime');
			if (start !== undefined && end !== undefined && start > end) {
				throw new SimError('InvalidTimeRangeException', 'Start time must be before end time.');
			}
			const from = Math.max(start ?? 0, now - LOOKUP_RETENTION_MS);
			const key = attribute?.AttributeKey as string | undefined;
			const value = attribute?.AttributeValue as string | undefined;
			const query = JSON.stringify([key, value, start, end]);
			const cursor = input.NextToken === undefined || input.NextToken === null ? undefined : parseToken(input.NextToken, query);
			// EndTime is inclusive; the cursor continues below the last event returned.
			let upper = Math.min(end === undefined ? now : end + 1, now + 1);
			if (cursor) upper = Math.min(upper, cursor.time + 1);
			const page: TrailEvent[] = [];
			let more = false;
			// Hour by hour back from the upper end: a page never computes the 90 days.
			for (let windowEnd = upper; windowEnd > from && !more;) {
				const windowStart = Math.max(from, (Math.ceil(windowEnd / HOUR) - 1) * HOUR);
				for (const item of eventsBetween(windowStart, windowEnd)) {
					if (item.deliveredAt > now || !matches(item, key, value)) continue;
					if (cursor && (item.time > cursor.time || (item.time === cursor.time && item.id >= cursor.id))) continue;
					if (page.length === maxResults) {
						more = true;
						break;
					}
					page.push(item);
				}
				windowEnd = windowStart;
			}
			const last = page.at(-1);
			return {
				Events: page.map((item) => ({
					EventId: item.id,
					EventName: item.name,
					ReadOnly: String(item.readOnly),
					AccessKeyId: item.accessKeyId,
					EventTime: item.time / 1000,
					EventSource: item.source,
					Username: item.username,
					Resources: item.resources.map((resource) => ({ResourceType: resource.type, ResourceName: resource.name})),
					CloudTrailEvent: JSON.stringify(trail.record(item)),
				})),
				...(more && last ? {NextToken: tokenFor(query, last.time, last.id)} : {}),
			};
		},
	};

	return {
		eventsBetween,
		policyChanges: trail.policyChanges,
		record: trail.record,
		throttled: () => throttledCount,
		quota,
		operations,
	};
}
