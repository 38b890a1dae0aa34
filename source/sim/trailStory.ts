// What the simulated account's CloudTrail and EventBridge say, second by second, derived from
// the scenario so that they tell the incident's story: two minutes before each auth-error
// burst an IAM user makes a new default version of a fleet policy (CreatePolicyVersion);
// during the burst the on-call engineer is first denied (a read-only role), then rolls the
// policy back (SetDefaultPolicyVersion with an admin role); AWS Health opens an IoT issue in
// the burst and closes it after. Around that, a few background management calls a minute.
//
// A CloudTrail record is what a trail delivers to CloudWatch Logs (one record per log event);
// an EventBridge event is what a rule with a log-group target writes: the envelope
// {version, id, detail-type, source, account, time, region, resources, detail}. EventBridge
// carries AWS IoT's management calls as "AWS API Call via CloudTrail" (source aws.iot; write
// calls only, as without the read-only opt-in) and AWS Health's events as "AWS Health Event"
// (source aws.health). Pure: (seed, scenario, second) in, the same items out every time.
import {hex8, mix} from './resources.js';
import {MINUTE, type Scenario} from './scenario.js';

/** The story's items: the scripted ones, then background calls (code BACKGROUND + which). */
export const STORY = {
	policyChange: 1,
	deniedRollback: 2,
	rollback: 3,
	healthOpen: 4,
	healthClosed: 5,
	background: 10,
} as const;

export const FLEET_POLICY = 'SensorTelemetryPolicy';
export const CHANGE_USER = 'deploy-ci';
export const CHANGE_IP = '203.0.113.24';

type Call = {
	name: string;
	readOnly: boolean;
	identity: 'deployer' | 'provisioner' | 'oncall' | 'readonly' | 'console';
	request: (ctx: StoryContext, h: number) => Record<string, unknown> | null;
	response?: (ctx: StoryContext, h: number) => Record<string, unknown> | null;
	error?: [string, string];
};

export type StoryContext = {seed: number; accountId: string; region: string; thingName: (h: number) => string};

const BACKGROUND: Call[] = [
	{name: 'ListThings', readOnly: true, identity: 'console', request: () => ({maxResults: 50})},
	{name: 'DescribeThing', readOnly: true, identity: 'console', request: (ctx, h) => ({thingName: ctx.thingName(h)})},
	{name: 'GetPolicy', readOnly: true, identity: 'console', request: () => ({policyName: FLEET_POLICY})},
	{name: 'ListTopicRules', readOnly: true, identity: 'console', request: () => ({maxResults: 100})},
	{
		name: 'CreateThing',
		readOnly: false,
		identity: 'provisioner',
		request: (ctx, h) => ({thingName: `sensor-new-${hex8(h).slice(0, 6)}`, thingTypeName: 'TempSensor'}),
		response: (ctx, h) => ({
			thingName: `sensor-new-${hex8(h).slice(0, 6)}`,
			thingArn: `arn:aws:iot:${ctx.region}:${ctx.accountId}:thing/sensor-new-${hex8(h).slice(0, 6)}`,
		}),
	},
	{
		name: 'AttachThingPrincipal',
		readOnly: false,
		identity: 'provisioner',
		request: (ctx, h) => ({
			thingName: ctx.thingName(h),
			principal: `arn:aws:iot:${ctx.region}:${ctx.accountId}:cert/${hex8(h)}${hex8(h ^ 0x5bd1e995)}`,
		}),
	},
	{
		name: 'UpdateCertificate',
		readOnly: false,
		identity: 'provisioner',
		request: (ctx, h) => ({certificateId: `${hex8(h)}${hex8(h ^ 0x27d4eb2f)}`, newStatus: 'INACTIVE'}),
	},
];

const SCRIPTED: Record<number, Call> = {
	[STORY.policyChange]: {
		name: 'CreatePolicyVersion',
		readOnly: false,
		identity: 'deployer',
		request: () => ({policyName: FLEET_POLICY, policyDocument: '{"Version":"2012-10-17","Statement":[...]}', setAsDefault: true}),
		response: (ctx) => ({
			policyArn: `arn:aws:iot:${ctx.region}:${ctx.accountId}:policy/${FLEET_POLICY}`,
			policyVersionId: '4',
			isDefaultVersion: true,
		}),
	},
	[STORY.deniedRollback]: {
		name: 'SetDefaultPolicyVersion',
		readOnly: false,
		identity: 'readonly',
		request: () => ({policyName: FLEET_POLICY, policyVersionId: '3'}),
		error: ['AccessDeniedException', `User is not authorized to perform: iot:SetDefaultPolicyVersion on resource: policy/${FLEET_POLICY}`],
	},
	[STORY.rollback]: {
		name: 'SetDefaultPolicyVersion',
		readOnly: false,
		identity: 'oncall',
		request: () => ({policyName: FLEET_POLICY, policyVersionId: '3'}),
	},
};

/** A scripted item: its code, and the start of its incident (a Health issue's open and close share its arn). */
export type StoryItem = {code: number; incidentFrom: number};

/** Where each scripted item falls: second (epoch) -> its items. */
export function scriptedSeconds(scenario: Scenario, seed: number): Map<number, StoryItem[]> {
	const seconds = new Map<number, StoryItem[]>();
	for (const incident of scenario.incidents) {
		if (incident.kind !== 'authErrors') continue;
		const add = (ms: number, code: number) => {
			const sec = Math.floor(ms / 1000);
			seconds.set(sec, [...(seconds.get(sec) ?? []), {code, incidentFrom: incident.from}]);
		};
		const jitter = (salt: number) => (mix(seed, Math.floor(incident.from / 1000), salt) % 40) * 1000;
		add(incident.from - 2 * MINUTE + 7000 + jitter(1), STORY.policyChange);
		add(incident.from + 1 * MINUTE + jitter(3), STORY.healthOpen);
		add(incident.from + 2 * MINUTE + jitter(2), STORY.deniedRollback);
		add(incident.to - MINUTE + jitter(4), STORY.rollback);
		add(incident.to + 2 * MINUTE + jitter(5), STORY.healthClosed);
	}
	return seconds;
}

/** Background calls in a second: about two a minute. */
export function backgroundCodes(seed: number, sec: number): number[] {
	const h = mix(seed, sec, 930);
	return h % 30 === 0 ? [STORY.background + ((h >>> 8) % BACKGROUND.length)] : [];
}

function callOf(code: number): Call {
	return code >= STORY.background ? BACKGROUND[(code - STORY.background) % BACKGROUND.length] : SCRIPTED[code];
}

/** Whether an item is a management call (CloudTrail records it); else it is a Health event. */
export function isCall(code: number): boolean {
	return code !== STORY.healthOpen && code !== STORY.healthClosed;
}

/** Whether EventBridge delivers the item: write calls and Health events. */
export function reachesEventBridge(code: number): boolean {
	return !isCall(code) || !callOf(code).readOnly;
}

function uuid(seed: number, at: number, salt: number): string {
	const a = hex8(mix(seed, at, salt));
	const b = hex8(mix(seed, at, salt + 1));
	const c = hex8(mix(seed, at, salt + 2));
	const d = hex8(mix(seed, at, salt + 3));
	return `${a}-${b.slice(0, 4)}-${b.slice(4)}-${c.slice(0, 4)}-${c.slice(4)}${d}`;
}

function identityOf(ctx: StoryContext, who: Call['identity'], at: number): Record<string, unknown> {
	const {accountId} = ctx;
	const key = (prefix: string) => `${prefix}${hex8(mix(ctx.seed, at, 940)).toUpperCase()}${hex8(mix(ctx.seed, at, 941)).toUpperCase()}`;
	if (who === 'deployer')
		return {
			type: 'IAMUser',
			principalId: 'AIDAEXAMPLEDEPLOYCI01',
			arn: `arn:aws:iam::${accountId}:user/${CHANGE_USER}`,
			accountId,
			accessKeyId: key('AKIA'),
			userName: CHANGE_USER,
		};
	const [role, session] = {
		provisioner: ['FleetProvisioningRole', 'provisioning-lambda'],
		oncall: ['OnCallAdmin', 'sam.rivera'],
		readonly: ['ReadOnly', 'sam.rivera'],
		console: ['ReadOnly', 'lee.chen'],
	}[who];
	const roleId = `AROAEXAMPLE${role.toUpperCase().slice(0, 9)}`;
	return {
		type: 'AssumedRole',
		principalId: `${roleId}:${session}`,
		arn: `arn:aws:sts::${accountId}:assumed-role/${role}/${session}`,
		accountId,
		accessKeyId: key('ASIA'),
		sessionContext: {
			sessionIssuer: {type: 'Role', principalId: roleId, arn: `arn:aws:iam::${accountId}:role/${role}`, accountId, userName: role},
			attributes: {creationDate: new Date(at - 600_000).toISOString().replace(/\.\d+Z$/, 'Z'), mfaAuthenticated: String(who === 'oncall')},
		},
	};
}

const isoSecond = (ms: number) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');

/** The CloudTrail record of a call item made at `at` (epoch ms). */
export function cloudTrailRecord(ctx: StoryContext, code: number, at: number): Record<string, unknown> {
	const call = callOf(code);
	const h = mix(ctx.seed, at, 950);
	const who = call.identity;
	const ip =
		who === 'deployer'
			? CHANGE_IP
			: who === 'provisioner'
				? `34.228.7.${10 + (mix(ctx.seed, at, 951) % 200)}`
				: `198.51.100.${10 + (mix(ctx.seed, at, 951) % 200)}`;
	const record: Record<string, unknown> = {
		eventVersion: '1.09',
		userIdentity: identityOf(ctx, who, at),
		eventTime: isoSecond(at),
		eventSource: 'iot.amazonaws.com',
		eventName: call.name,
		awsRegion: ctx.region,
		sourceIPAddress: ip,
		userAgent: who === 'deployer' ? 'aws-cli/2.15.30 Python/3.11.8 Linux/6.1 exe/x86_64' : 'aws-sdk-js/3.540.0',
	};
	if (call.error) {
		record.errorCode = call.error[0];
		record.errorMessage = call.error[1];
	}
	record.requestParameters = call.request(ctx, h);
	record.responseElements = call.error || !call.response ? null : call.response(ctx, h);
	record.requestID = uuid(ctx.seed, at, 960);
	record.eventID = uuid(ctx.seed, at, 970);
	record.readOnly = call.readOnly;
	record.eventType = 'AwsApiCall';
	record.managementEvent = true;
	record.recipientAccountId = ctx.accountId;
	record.eventCategory = 'Management';
	return record;
}

const HEALTH_CODE = 'AWS_IOT_OPERATIONAL_ISSUE';

function healthDetail(ctx: StoryContext, code: number, at: number, openedAt: number): Record<string, unknown> {
	const closed = code === STORY.healthClosed;
	const gmt = (ms: number) => new Date(ms).toUTCString();
	return {
		eventArn: `arn:aws:health:${ctx.region}::event/IOT/${HEALTH_CODE}/${HEALTH_CODE}_${hex8(mix(ctx.seed, openedAt, 980))}`,
		service: 'IOT',
		eventTypeCode: HEALTH_CODE,
		eventTypeCategory: 'issue',
		eventScopeCode: 'PUBLIC',
		communicationId: `${hex8(mix(ctx.seed, openedAt, 981))}${hex8(mix(ctx.seed, openedAt, 982))}-1`,
		startTime: gmt(openedAt),
		...(closed ? {endTime: gmt(at)} : {}),
		lastUpdatedTime: gmt(at),
		statusCode: closed ? 'closed' : 'open',
		eventRegion: ctx.region,
		eventDescription: [
			{
				language: 'en_US',
				latestDescription: closed
					? `[RESOLVED] Increased connection errors. Between ${gmt(openedAt)} and ${gmt(at)} some AWS IoT Core clients in ${ctx.region} saw increased connection errors. The issue has been resolved and the service is operating normally.`
					: `Increased connection errors. We are investigating increased connection error rates for AWS IoT Core in the ${ctx.region} Region.`,
			},
		],
		affectedEntities: [],
	};
}

/**
 * The EventBridge event of an item at `at`: an API call's CloudTrail record as its detail, or
 * an AWS Health event. `openedAt` keys the Health issue (its open and close share one arn).
 */
export function eventBridgeEvent(ctx: StoryContext, code: number, at: number, openedAt = at): Record<string, unknown> {
	const call = isCall(code);
	return {
		version: '0',
		id: uuid(ctx.seed, at, 990),
		'detail-type': call ? 'AWS API Call via CloudTrail' : 'AWS Health Event',
		source: call ? 'aws.iot' : 'aws.health',
		account: ctx.accountId,
		time: isoSecond(at),
		region: ctx.region,
		resources: [],
		detail: call ? cloudTrailRecord(ctx, code, at) : healthDetail(ctx, code, at, openedAt),
	};
}
