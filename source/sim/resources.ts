// The simulated fleet's IoT registry: things, thing types and groups, certificates, CA
// certificates, policies, topic rules. Deterministic for a seed. Generated things and
// certificates are never stored: each is computed from its index on demand, so a fleet of
// 100,000 things costs nothing to create and a page is computed from its position in O(page).
// Things, certificates, policies and rules added through the in-process API (tests, CreateThing)
// are stored and listed after the generated ones. Every user-supplied string is kept as given.

import {SimError, type SimClock} from './contract.js';
import {createConnectivity, type ConnectivityModel} from './connectivity.js';

export const ACCOUNT_ID = '123456789012';
export const REGION = 'us-east-1';
const DAY = 86_400_000;
const YEAR = 365 * DAY;

export type ThingRecord = {
	thingName: string;
	thingId: string;
	thingArn: string;
	thingTypeName?: string;
	attributes: Record<string, string>;
	version: number;
	groups: string[];
	/** Certificate ARNs attached to the thing. */
	principals: string[];
	connected: boolean;
	/** Epoch ms of the last connect/disconnect. */
	connectivityTimestamp: number;
	disconnectReason?: string;
};

export type CertificateStatus = 'ACTIVE' | 'INACTIVE' | 'REVOKED' | 'PENDING_TRANSFER' | 'REGISTER_INACTIVE' | 'PENDING_ACTIVATION';

const CERTIFICATE_STATUSES: string[] = ['ACTIVE', 'INACTIVE', 'REVOKED', 'PENDING_TRANSFER', 'REGISTER_INACTIVE', 'PENDING_ACTIVATION'];

export type CertificateRecord = {
	certificateId: string;
	certificateArn: string;
	status: CertificateStatus | string;
	creationDate: number;
	lastModifiedDate: number;
	notBefore: number;
	notAfter: number;
	caCertificateId?: string;
	certificateMode: 'DEFAULT' | 'SNI_ONLY';
	policyNames: string[];
	thingNames: string[];
};

export type CACertificateRecord = {
	certificateId: string;
	certificateArn: string;
	status: 'ACTIVE' | 'INACTIVE' | string;
	creationDate: number;
	notBefore: number;
	notAfter: number;
	autoRegistrationStatus: 'ENABLE' | 'DISABLE';
	description: string;
};

export type PolicyVersionRecord = {versionId: string; document: string; createDate: number};

export type PolicyRecord = {
	policyName: string;
	policyArn: string;
	defaultVersionId: string;
	versions: PolicyVersionRecord[];
	creationDate: number;
	lastModifiedDate: number;
};

/** A rule action in the SDK's shape, e.g. `{lambda: {functionArn}}`. */
export type RuleAction = Record<string, Record<string, unknown>>;

export type TopicRuleRecord = {
	ruleName: string;
	ruleArn: string;
	sql: string;
	topicPattern: string;
	description: string;
	createdAt: number;
	ruleDisabled: boolean;
	awsIotSqlVersion: string;
	actions: RuleAction[];
	errorAction?: RuleAction;
};

export type ThingTypeRecord = {
	thingTypeName: string;
	thingTypeArn: string;
	description: string;
	searchableAttributes: string[];
	deprecated: boolean;
	deprecationDate?: number;
	creationDate: number;
};

export type ThingGroupRecord = {groupName: string; groupArn: string; parentGroupName?: string};

export type LoggingOptions = {
	roleArn: string;
	defaultLogLevel: 'ERROR' | 'WARN' | 'INFO' | 'DEBUG' | 'DISABLED';
	disableAllLogs: boolean;
	eventConfigurations: Array<{eventType: string; logLevel?: string; logDestination?: string}>;
};

export type FleetIndexMode = 'off' | 'registry' | 'connectivity';

export type FleetIndexing = {
	thingIndexingMode: 'OFF' | 'REGISTRY' | 'REGISTRY_AND_SHADOW';
	thingConnectivityIndexingMode: 'OFF' | 'STATUS';
	/** BUILDING: the aggregations answer IndexNotReadyException. */
	status: 'ACTIVE' | 'BUILDING';
	/** Attributes declared as custom fields: the only attributes the aggregations take. */
	customFields: Array<{name: string; type: 'String' | 'Number' | 'Boolean'}>;
};

export function fleetIndexingFor(mode: FleetIndexMode): FleetIndexing {
	return {
		thingIndexingMode: mode === 'off' ? 'OFF' : 'REGISTRY',
		thingConnectivityIndexingMode: mode === 'connectivity' ? 'STATUS' : 'OFF',
		status: 'ACTIVE',
		customFields: [
			{name: 'attributes.model', type: 'String'},
			{name: 'attributes.firmware', type: 'String'},
			{name: 'attributes.site', type: 'String'},
		],
	};
}

export type AddThingInput = {
	thingName: string;
	thingTypeName?: string;
	attributes?: Record<string, string>;
	groups?: string[];
	connected?: boolean;
};

export type AddCertificateInput = {
	certificateId?: string;
	status?: string;
	creationDate?: number;
	notBefore?: number;
	notAfter?: number;
	caCertificateId?: string;
	/** Things the certificate is attached to (they must exist). */
	thingNames?: string[];
	policyNames?: string[];
};

export type AddPolicyInput = {
	policyName: string;
	/** The default version's document (any text). */
	document: string;
	/** Older, non-default versions' documents, oldest first. */
	olderDocuments?: string[];
};

export type AddTopicRuleInput = {
	ruleName: string;
	sql: string;
	topicPattern?: string;
	description?: string;
	ruleDisabled?: boolean;
	actions?: RuleAction[];
	errorAction?: RuleAction;
};

export type AddThingTypeInput = {
	thingTypeName: string;
	description?: string;
	searchableAttributes?: string[];
};

export type AddCACertificateInput = {
	certificateId?: string;
	status?: string;
	notBefore?: number;
	notAfter?: number;
	description?: string;
};

export type ResourceModel = {
	readonly seed: number;
	readonly accountId: string;
	readonly region: string;
	/** Epoch ms the fleet was generated at: expiry dates are relative to it. */
	readonly anchorMs: number;
	/** The rule whose actions fail during `ruleFailure` incidents. */
	readonly failingRuleName: string;

	/** Number of things (generated + added). */
	things(): number;
	/** Thing at a listing position, 0 <= position < things(). O(1). */
	thingAt(position: number): ThingRecord | undefined;
	getThing(thingName: string): ThingRecord | undefined;
	/** Cheap: the thing's name and first certificate id (for log lines). */
	thingIdentityAt(position: number): {thingName: string; principalId: string} | undefined;
	addThing(input: AddThingInput): ThingRecord;
	thingTypes(): ThingTypeRecord[];
	addThingType(input: AddThingTypeInput): ThingTypeRecord;
	thingGroups(): ThingGroupRecord[];

	certificates(): number;
	/** Certificate at a position in creation order (oldest first). O(1). */
	certificateAt(position: number): CertificateRecord | undefined;
	/** By id or ARN. */
	getCertificate(idOrArn: string): CertificateRecord | undefined;
	addCertificate(input?: AddCertificateInput): CertificateRecord;
	/** UpdateCertificate: validated like AWS (PENDING_* are IoT's own states, never set by callers). */
	setCertificateStatus(idOrArn: string, status: string): CertificateRecord;
	/** Names of the things a principal (certificate ARN or id) is attached to. */
	principalThings(principal: string): string[];

	caCertificates(): CACertificateRecord[];
	getCACertificate(id: string): CACertificateRecord | undefined;
	addCACertificate(input?: AddCACertificateInput): CACertificateRecord;

	policies(): PolicyRecord[];
	getPolicy(policyName: string): PolicyRecord | undefined;
	addPolicy(input: AddPolicyInput): PolicyRecord;

	topicRules(): TopicRuleRecord[];
	getTopicRule(ruleName: string): TopicRuleRecord | undefined;
	addTopicRule(input: AddTopicRuleInput): TopicRuleRecord;

	/** Thing indexing on (any mode but OFF). */
	indexingEnabled(): boolean;
	/** On: registry and connectivity; off: OFF. */
	setIndexing(enabled: boolean): void;
	/** The fleet index's configuration and state (GetIndexingConfiguration, the aggregations). */
	fleetIndexing(): FleetIndexing;
	setFleetIndexing(change: Partial<FleetIndexing>): void;
	/**
	 * One indexed field of the thing at a listing position, at a time (connectivity moves), without
	 * building the thing: what the fleet index's queries and aggregations read, 1,000,000 times a call.
	 */
	thingFieldAt(position: number, field: string, atMs: number): string | number | boolean | undefined;
	/** The thing's group names (thingGroupNames), same cost as thingFieldAt. */
	thingGroupsAt(position: number): readonly string[];
	loggingOptions(): LoggingOptions;
	setLoggingOptions(options: LoggingOptions): void;
};

export type ResourceModelOptions = {
	seed: number;
	things: number;
	clock: SimClock;
	/** Fleet indexing (SearchIndex) on or off; default on when things >= 10,000. */
	indexing?: boolean;
	/** The fleet index's mode, overriding `indexing`: off, registry only, or registry and connectivity. */
	fleetIndex?: FleetIndexMode;
	/** Generated things' connectivity over time (the scenario's disconnect waves); default: no waves. */
	connectivity?: ConnectivityModel;
	/** An empty account: no generated thing types, groups, CA certificates, policies or rules (tests seed it). */
	empty?: boolean;
};

/** Fast integer hash of (seed, index, salt): uniform 32-bit. */
export function mix(seed: number, index: number, salt: number): number {
	let x = Math.imul(seed ^ 0x9e_37_79_b9, 0x85_eb_ca_6b);
	x ^= Math.imul(index + 0x63_2b_e5_ab, 0xc2_b2_ae_35);
	x ^= Math.imul(salt + 0x16_56_67_b1, 0x27_d4_eb_2f);
	x ^= x >>> 15;
	x = Math.imul(x, 0x2c_1b_3c_6d);
	x ^= x >>> 12;
	x = Math.imul(x, 0x29_7a_2d_39);
	x ^= x >>> 15;
	return x >>> 0;
}

function unit(seed: number, index: number, salt: number): number {
	return mix(seed, index, salt) / 0x1_00_00_00_00;
}

const HEX_BYTE = Array.from({length: 256}, (_, b) => b.toString(16).padStart(2, '0'));

/** 8 lowercase hex digits of a 32-bit number (table-based: toString(16) is slow). */
export function hex8(n: number): string {
	return HEX_BYTE[(n >>> 24) & 255] + HEX_BYTE[(n >>> 16) & 255] + HEX_BYTE[(n >>> 8) & 255] + HEX_BYTE[n & 255];
}

function uuid(seed: number, index: number, salt: number): string {
	const a = hex8(mix(seed, index, salt));
	const b = hex8(mix(seed, index, salt + 1));
	const c = hex8(mix(seed, index, salt + 2));
	const d = hex8(mix(seed, index, salt + 3));
	return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-${'89ab'[mix(seed, index, salt + 4) % 4]}${c.slice(1, 4)}-${c.slice(4)}${d}`;
}

type Family = {prefix: (site: string) => string; thingType?: string; models: string[]; firmware: string[]};

const SITES = ['berlin', 'austin', 'osaka', 'lyon', 'pune', 'leeds', 'porto', 'denver'];
const FAMILIES: Family[] = [
	{prefix: () => 'sensor-', thingType: 'TemperatureSensor', models: ['TS-200', 'TS-310'], firmware: ['1.4.2', '1.5.0', '1.5.1']},
	{prefix: () => 'sensor-', thingType: 'TemperatureSensor', models: ['TS-310'], firmware: ['1.5.1']},
	{prefix: (site) => `gw-${site}-`, thingType: 'Gateway', models: ['GW-9'], firmware: ['3.1.0', '3.2.4']},
	{prefix: () => 'meter_', thingType: 'SmartMeter', models: ['SM-1', 'SM-2'], firmware: ['2.0.0', '2.0.7']},
	{prefix: () => 'Thermostat-', thingType: 'Thermostat', models: ['TH-5'], firmware: ['5.0.3', '5.1.0']},
	{prefix: (site) => `cam.${site}.`, thingType: 'Camera', models: ['CAM-4K'], firmware: ['0.9.8', '1.0.0']},
	{prefix: () => 'pump-station-', models: ['P-77'], firmware: ['0.3.1']},
];
const THING_TYPES = ['TemperatureSensor', 'Gateway', 'SmartMeter', 'Thermostat', 'Camera', 'LegacyBeacon'];
const DEVICE_POLICIES = ['DevicePolicy', 'SensorTelemetryPolicy', 'GatewayPolicy', 'MeterPolicy'];

function policyDocument(name: string, version: number): string {
	const resource = `arn:aws:iot:${REGION}:${ACCOUNT_ID}`;
	const statements: unknown[] = [
		{Effect: 'Allow', Action: 'iot:Connect', Resource: `${resource}:client/\${iot:Connection.Thing.ThingName}`},
		{Effect: 'Allow', Action: ['iot:Publish', 'iot:Receive'], Resource: `${resource}:topic/devices/\${iot:Connection.Thing.ThingName}/*`},
		{Effect: 'Allow', Action: 'iot:Subscribe', Resource: `${resource}:topicfilter/devices/\${iot:Connection.Thing.ThingName}/*`},
	];
	if (name === 'DebugAccess') statements.splice(0, statements.length, {Effect: 'Allow', Action: 'iot:*', Resource: '*'});
	if (name === 'GatewayPolicy')
		statements.push({Effect: 'Allow', Action: ['iot:UpdateThingShadow', 'iot:GetThingShadow'], Resource: `${resource}:thing/*`});
	if (version > 1) statements.push({Effect: 'Deny', Action: 'iot:Publish', Resource: `${resource}:topic/$aws/*`});
	return JSON.stringify({Version: '2012-10-17', Statement: statements}, null, 2);
}

export function createResourceModel(options: ResourceModelOptions): ResourceModel {
	const {seed} = options;
	const generated = options.empty ? 0 : Math.max(0, Math.floor(options.things));
	const anchorMs = options.clock.now();
	const arnBase = `arn:aws:iot:${REGION}:${ACCOUNT_ID}`;
	let fleetIndexing = fleetIndexingFor(options.fleetIndex ?? ((options.indexing ?? generated >= 10_000) ? 'connectivity' : 'off'));
	const connectivity = options.connectivity ?? createConnectivity({seed, anchorMs, incidents: []});

	// ---- thing types and groups
	const empty = options.empty === true;
	const thingTypes: ThingTypeRecord[] = (empty ? [] : THING_TYPES).map((name, i) => ({
		thingTypeName: name,
		thingTypeArn: `${arnBase}:thingtype/${name}`,
		description: `${name} devices`,
		searchableAttributes: ['model', 'firmware', 'site'],
		deprecated: name === 'LegacyBeacon',
		deprecationDate: name === 'LegacyBeacon' ? anchorMs - 90 * DAY : undefined,
		creationDate: anchorMs - (4 * YEAR - i * 30 * DAY),
	}));
	const thingGroups: ThingGroupRecord[] = empty
		? []
		: [
				{groupName: 'all-sites', groupArn: `${arnBase}:thinggroup/all-sites`},
				...SITES.map((site) => ({groupName: `site-${site}`, groupArn: `${arnBase}:thinggroup/site-${site}`, parentGroupName: 'all-sites'})),
				{groupName: 'production', groupArn: `${arnBase}:thinggroup/production`},
				{groupName: 'canary', groupArn: `${arnBase}:thinggroup/canary`},
			];

	// ---- certificates: index space [0, generated + rotations)
	const rotations = Math.floor(generated / 40);
	const generatedCerts = generated + rotations;
	const certSpacing = generatedCerts > 0 ? Math.min(DAY, Math.floor((3 * YEAR) / generatedCerts)) : DAY;
	const idMask = mix(seed, 0, 991);

	function certIdFor(c: number): string {
		let text = '';
		for (let k = 0; k < 7; k++) text += hex8(mix(seed, c, 100 + k));
		return text + hex8((c ^ idMask) >>> 0);
	}

	function certIndexOf(id: string): number | undefined {
		if (!/^[0-9a-f]{64}$/.test(id)) return undefined;
		const c = (Number.parseInt(id.slice(56), 16) ^ idMask) >>> 0;
		if (c >= generatedCerts || certIdFor(c) !== id) return undefined;
		return c;
	}

	function thingNameFor(i: number): string {
		const family = FAMILIES[mix(seed, i, 1) % FAMILIES.length];
		const site = SITES[mix(seed, i, 2) % SITES.length];
		return family.prefix(site) + String(i).padStart(6, '0');
	}

	function thingIndexOf(name: string): number | undefined {
		const match = /(\d{6,})$/.exec(name);
		if (!match) return undefined;
		const i = Number(match[1]);
		if (!Number.isSafeInteger(i) || i >= generated || thingNameFor(i) !== name) return undefined;
		return i;
	}

	function generatedThingCerts(i: number): number[] {
		const certs = [i % 50 === 49 ? i - 1 : i];
		if (i % 40 === 0 && i / 40 < rotations) certs.push(generated + i / 40);
		return certs;
	}

	function generatedCertThings(c: number): number[] {
		if (c >= generated) return [(c - generated) * 40];
		if (c % 50 === 49) return [];
		const things = [c];
		if ((c + 1) % 50 === 49 && c + 1 < generated) things.push(c + 1);
		return things;
	}

	const extraThings: ThingRecord[] = [];
	const extraThingsByName = new Map<string, ThingRecord>();
	const extraPrincipalsOfGenerated = new Map<string, string[]>();
	const extraCerts: CertificateRecord[] = [];
	const extraCertsById = new Map<string, CertificateRecord>();
	// UpdateCertificate on a generated certificate (those are never stored).
	const generatedStatus = new Map<string, {status: string; at: number}>();

	function generatedThing(i: number): ThingRecord {
		const family = FAMILIES[mix(seed, i, 1) % FAMILIES.length];
		const site = SITES[mix(seed, i, 2) % SITES.length];
		const thingName = thingNameFor(i);
		const typed = family.thingType && mix(seed, i, 3) % 10 !== 0;
		const link = connectivity.at(i, options.clock.now());
		const principals = generatedThingCerts(i).map((c) => `${arnBase}:cert/${certIdFor(c)}`);
		const extra = extraPrincipalsOfGenerated.get(thingName);
		if (extra) principals.push(...extra);
		return {
			thingName,
			thingId: uuid(seed, i, 10),
			thingArn: `${arnBase}:thing/${thingName}`,
			thingTypeName: typed ? family.thingType : undefined,
			attributes: {
				model: family.models[mix(seed, i, 5) % family.models.length],
				firmware: family.firmware[mix(seed, i, 6) % family.firmware.length],
				site,
			},
			version: 1 + (mix(seed, i, 7) % 6),
			groups: [`site-${site}`, mix(seed, i, 8) % 20 === 0 ? 'canary' : 'production'],
			principals,
			connected: link.connected,
			connectivityTimestamp: link.timestamp,
			disconnectReason: link.disconnectReason,
		};
	}

	function generatedField(i: number, field: string, atMs: number): string | number | boolean | undefined {
		switch (field) {
			case 'thingName': {
				return thingNameFor(i);
			}
			case 'thingTypeName': {
				const family = FAMILIES[mix(seed, i, 1) % FAMILIES.length];
				return family.thingType && mix(seed, i, 3) % 10 !== 0 ? family.thingType : undefined;
			}
			case 'attributes.model': {
				const family = FAMILIES[mix(seed, i, 1) % FAMILIES.length];
				return family.models[mix(seed, i, 5) % family.models.length];
			}
			case 'attributes.firmware': {
				const family = FAMILIES[mix(seed, i, 1) % FAMILIES.length];
				return family.firmware[mix(seed, i, 6) % family.firmware.length];
			}
			case 'attributes.site': {
				return SITES[mix(seed, i, 2) % SITES.length];
			}
			case 'connectivity.connected': {
				return connectivity.at(i, atMs).connected;
			}
			case 'connectivity.timestamp': {
				return connectivity.at(i, atMs).timestamp;
			}
			case 'connectivity.disconnectReason': {
				return connectivity.at(i, atMs).disconnectReason;
			}
			case 'thingId': {
				return uuid(seed, i, 10);
			}
			default: {
				return undefined;
			}
		}
	}

	function recordField(thing: ThingRecord, field: string): string | number | boolean | undefined {
		switch (field) {
			case 'thingName': {
				return thing.thingName;
			}
			case 'thingTypeName': {
				return thing.thingTypeName;
			}
			case 'thingId': {
				return thing.thingId;
			}
			case 'connectivity.connected': {
				return thing.connected;
			}
			case 'connectivity.timestamp': {
				return thing.connectivityTimestamp;
			}
			case 'connectivity.disconnectReason': {
				return thing.disconnectReason;
			}
			default: {
				if (!field.startsWith('attributes.')) return undefined;
				const name = field.slice('attributes.'.length);
				return Object.hasOwn(thing.attributes, name) ? thing.attributes[name] : undefined;
			}
		}
	}

	function generatedCert(c: number): CertificateRecord {
		const certificateId = certIdFor(c);
		const creationDate = anchorMs - (generatedCerts - c) * certSpacing - DAY;
		const attached = generatedCertThings(c);
		let status: CertificateStatus = 'ACTIVE';
		const s = unit(seed, c, 20);
		if (attached.length === 0) status = 'INACTIVE';
		else if (c < generated) {
			if (s < 0.03) status = 'INACTIVE';
			else if (s < 0.05) status = 'REVOKED';
			else if (s < 0.06) status = 'PENDING_TRANSFER';
		}
		const v = unit(seed, c, 21);
		let notAfter: number;
		if (v < 0.02) notAfter = anchorMs - (1 + (mix(seed, c, 22) % 200)) * DAY - (mix(seed, c, 23) % DAY);
		else if (v < 0.05) notAfter = anchorMs + (1 + (mix(seed, c, 22) % 28)) * DAY + (mix(seed, c, 23) % DAY);
		else if (v < 0.35) notAfter = anchorMs + (1 + (mix(seed, c, 22) % 5)) * YEAR;
		else notAfter = Date.UTC(2049, 11, 31, 23, 59, 59);
		const notBefore = Math.min(creationDate - 60_000, notAfter - YEAR);
		const policyNames = [DEVICE_POLICIES[mix(seed, c, 24) % DEVICE_POLICIES.length]];
		if (mix(seed, c, 25) % 10 === 0) policyNames.push('DebugAccess');
		const caIndex = mix(seed, c, 26) % 5;
		const updated = generatedStatus.get(certificateId);
		return {
			certificateId,
			certificateArn: `${arnBase}:cert/${certificateId}`,
			status: updated?.status ?? status,
			creationDate,
			lastModifiedDate: updated?.at ?? creationDate + (status === 'ACTIVE' ? 0 : (mix(seed, c, 27) % 30) * DAY),
			notBefore,
			notAfter,
			caCertificateId: caIndex < 2 ? caCerts[caIndex].certificateId : undefined,
			certificateMode: 'DEFAULT',
			policyNames,
			thingNames: attached.map((t) => thingNameFor(t)),
		};
	}

	// ---- CA certificates
	function caId(k: number): string {
		let text = '';
		for (let j = 0; j < 8; j++) text += hex8(mix(seed, k, 300 + j));
		return text;
	}
	const caSpecs = [
		{status: 'ACTIVE', age: 3 * YEAR, notAfter: anchorMs + 20 * DAY + 3_600_000, description: 'prod-ca-2021 (expiring)'},
		{status: 'ACTIVE', age: 200 * DAY, notAfter: anchorMs + 8 * YEAR, description: 'prod-ca-2025'},
		{status: 'INACTIVE', age: 6 * YEAR, notAfter: anchorMs - 40 * DAY, description: 'legacy-ca-2018 (expired)'},
	];
	const caCerts: CACertificateRecord[] = (empty ? [] : caSpecs).map((ca, k) => {
		const certificateId = caId(k);
		return {
			certificateId,
			certificateArn: `${arnBase}:cacert/${certificateId}`,
			status: ca.status,
			creationDate: anchorMs - ca.age,
			notBefore: anchorMs - ca.age - DAY,
			notAfter: ca.notAfter,
			autoRegistrationStatus: k === 1 ? 'ENABLE' : 'DISABLE',
			description: ca.description,
		};
	});

	// ---- policies
	const policies: PolicyRecord[] = (empty ? [] : [...DEVICE_POLICIES, 'DebugAccess', 'FleetProvisioningPolicy', 'ReadOnlyShadow']).map(
		(name, k) => {
			const versionCount = 1 + (mix(seed, k, 400) % 3);
			const created = anchorMs - (3 * YEAR - k * 20 * DAY);
			const versions: PolicyVersionRecord[] = [];
			for (let v = 1; v <= versionCount; v++) {
				versions.push({versionId: String(v), document: policyDocument(name, v), createDate: created + (v - 1) * 60 * DAY});
			}
			return {
				policyName: name,
				policyArn: `${arnBase}:policy/${name}`,
				defaultVersionId: String(versionCount),
				versions,
				creationDate: created,
				lastModifiedDate: versions[versions.length - 1].createDate,
			};
		},
	);

	// ---- topic rules
	const role = `arn:aws:iam::${ACCOUNT_ID}:role/iot-rules-role`;
	const ruleSpecs: Array<Omit<AddTopicRuleInput, 'topicPattern'>> = [
		{
			ruleName: 'telemetry_to_timestream',
			sql: "SELECT temperature, humidity, topic(2) AS device FROM 'devices/+/telemetry'",
			actions: [
				{timestream: {roleArn: role, databaseName: 'fleet', tableName: 'telemetry', dimensions: [{name: 'device', value: '${topic(2)}'}]}},
			],
			errorAction: {s3: {roleArn: role, bucketName: 'iot-rule-errors', key: 'telemetry/${newuuid()}'}},
		},
		{
			ruleName: 'alerts_to_lambda',
			sql: "SELECT * FROM 'devices/+/alerts' WHERE severity > 2",
			actions: [{lambda: {functionArn: `arn:aws:lambda:${REGION}:${ACCOUNT_ID}:function:handle-alert`}}],
			errorAction: {sns: {targetArn: `arn:aws:sns:${REGION}:${ACCOUNT_ID}:iot-errors`, roleArn: role, messageFormat: 'RAW'}},
		},
		{
			ruleName: 'archive_raw_s3',
			sql: "SELECT * FROM 'devices/#'",
			actions: [{s3: {roleArn: role, bucketName: 'fleet-raw-archive', key: '${topic()}/${timestamp()}', cannedAcl: 'private'}}],
		},
		{
			ruleName: 'state_to_dynamodb',
			sql: "SELECT state.reported.* FROM '$aws/things/+/shadow/update/accepted'",
			actions: [{dynamoDBv2: {roleArn: role, putItem: {tableName: 'DeviceState'}}}],
			errorAction: {cloudwatchLogs: {roleArn: role, logGroupName: '/aws/iot/rules'}},
		},
		{
			ruleName: 'republish_commands',
			sql: "SELECT * FROM 'ops/commands/+'",
			actions: [{republish: {roleArn: role, topic: 'devices/${topic(3)}/cmd', qos: 1}}],
		},
		{
			ruleName: 'webhook_maintenance',
			sql: "SELECT * FROM 'devices/+/maintenance'",
			actions: [{http: {url: 'https://maintenance.example.com/iot', headers: [{key: 'x-source', value: 'iot'}]}}],
			ruleDisabled: true,
		},
		{
			ruleName: 'meter_to_kinesis',
			sql: "SELECT * FROM 'meters/+/readings'",
			actions: [
				{kinesis: {roleArn: role, streamName: 'meter-readings', partitionKey: '${topic(2)}'}},
				{firehose: {roleArn: role, deliveryStreamName: 'meters-to-s3', separator: '\n'}},
			],
		},
		{
			ruleName: 'lifecycle_events',
			sql: "SELECT * FROM '$aws/events/presence/+/+'",
			actions: [{sqs: {roleArn: role, queueUrl: `https://sqs.${REGION}.amazonaws.com/${ACCOUNT_ID}/presence`, useBase64: false}}],
		},
		{
			ruleName: 'legacy_beacon_bridge',
			sql: "SELECT * FROM 'legacy/beacons/#'",
			actions: [{lambda: {functionArn: `arn:aws:lambda:${REGION}:${ACCOUNT_ID}:function:legacy-bridge`}}],
			ruleDisabled: true,
			description: 'Replaced by gateway firmware 3.2',
		},
		{
			ruleName: 'high_temp_alarm',
			sql: "SELECT temperature FROM 'devices/+/telemetry' WHERE temperature > 80",
			actions: [
				{cloudwatchAlarm: {roleArn: role, alarmName: 'HighTemperature', stateReason: 'rule', stateValue: 'ALARM'}},
				{cloudwatchMetric: {roleArn: role, metricNamespace: 'Fleet', metricName: 'HighTemp', metricValue: '1', metricUnit: 'Count'}},
			],
		},
	];
	const rules: TopicRuleRecord[] = (empty ? [] : ruleSpecs).map((spec, k) => makeRule(spec, anchorMs - (400 - k * 30) * DAY));

	function topicOf(sql: string): string {
		const match = /\bFROM\s+'([^']*)'/i.exec(sql);
		return match ? match[1] : '';
	}

	function makeRule(spec: AddTopicRuleInput, createdAt: number): TopicRuleRecord {
		return {
			ruleName: spec.ruleName,
			ruleArn: `${arnBase}:rule/${spec.ruleName}`,
			sql: spec.sql,
			topicPattern: spec.topicPattern ?? topicOf(spec.sql),
			description: spec.description ?? '',
			createdAt,
			ruleDisabled: spec.ruleDisabled ?? false,
			awsIotSqlVersion: '2016-03-23',
			actions: spec.actions ?? [],
			errorAction: spec.errorAction,
		};
	}

	let loggingOptions: LoggingOptions = {
		roleArn: `arn:aws:iam::${ACCOUNT_ID}:role/iot-logging-role`,
		defaultLogLevel: 'INFO',
		disableAllLogs: false,
		eventConfigurations: [],
	};

	function thingAt(position: number): ThingRecord | undefined {
		if (!Number.isInteger(position) || position < 0) return undefined;
		if (position < generated) return generatedThing(position);
		return extraThings[position - generated];
	}

	function getThing(name: string): ThingRecord | undefined {
		const extra = extraThingsByName.get(name);
		if (extra) return extra;
		const i = thingIndexOf(name);
		return i === undefined ? undefined : generatedThing(i);
	}

	function getCertificate(idOrArn: string): CertificateRecord | undefined {
		const id = idOrArn.startsWith('arn:') ? idOrArn.slice(idOrArn.lastIndexOf('/') + 1) : idOrArn;
		const extra = extraCertsById.get(id);
		if (extra) return extra;
		const c = certIndexOf(id);
		return c === undefined ? undefined : generatedCert(c);
	}

	function attachPrincipal(thingName: string, certArn: string): void {
		const extra = extraThingsByName.get(thingName);
		if (extra) {
			extra.principals.push(certArn);
			return;
		}
		const list = extraPrincipalsOfGenerated.get(thingName) ?? [];
		list.push(certArn);
		extraPrincipalsOfGenerated.set(thingName, list);
	}

	let extraCertCounter = 0;

	return {
		seed,
		accountId: ACCOUNT_ID,
		region: REGION,
		anchorMs,
		failingRuleName: 'alerts_to_lambda',

		things: () => generated + extraThings.length,
		thingAt,
		getThing,
		thingIdentityAt(position) {
			if (!Number.isInteger(position) || position < 0) return undefined;
			if (position < generated) {
				const thingName = thingNameFor(position);
				const extra = extraPrincipalsOfGenerated.get(thingName);
				const first = generatedThingCerts(position)[0];
				return {thingName, principalId: first === undefined && extra ? extra[0].slice(extra[0].lastIndexOf('/') + 1) : certIdFor(first)};
			}
			const thing = extraThings[position - generated];
			if (!thing) return undefined;
			const principal = thing.principals[0] ?? '';
			return {thingName: thing.thingName, principalId: principal.slice(principal.lastIndexOf('/') + 1)};
		},
		addThing(input) {
			if (typeof input.thingName !== 'string' || input.thingName.length === 0) {
				throw new SimError('InvalidRequestException', 'thingName must not be empty');
			}
			const existing = getThing(input.thingName);
			if (existing) {
				const same =
					existing.thingTypeName === input.thingTypeName && JSON.stringify(existing.attributes) === JSON.stringify(input.attributes ?? {});
				if (same) return existing;
				throw new SimError(
					'ResourceAlreadyExistsException',
					`Thing ${input.thingName} already exists in account with different attributes`,
					409,
				);
			}
			if (input.thingTypeName !== undefined && !thingTypes.some((t) => t.thingTypeName === input.thingTypeName)) {
				throw new SimError('ResourceNotFoundException', `Thing Type ${input.thingTypeName} does not exist`, 404);
			}
			const index = extraThings.length;
			const now = options.clock.now();
			const record: ThingRecord = {
				thingName: input.thingName,
				thingId: uuid(seed, index, 50),
				thingArn: `${arnBase}:thing/${input.thingName}`,
				thingTypeName: input.thingTypeName,
				attributes: {...input.attributes},
				version: 1,
				groups: input.groups ?? [],
				principals: [],
				connected: input.connected ?? false,
				connectivityTimestamp: now,
				disconnectReason: input.connected ? undefined : 'CLIENT_INITIATED_DISCONNECT',
			};
			extraThings.push(record);
			extraThingsByName.set(record.thingName, record);
			return record;
		},
		thingTypes: () => thingTypes,
		addThingType(input) {
			if (typeof input.thingTypeName !== 'string' || !/^[a-zA-Z0-9:_-]{1,128}$/.test(input.thingTypeName)) {
				throw new SimError(
					'InvalidRequestException',
					`1 validation error detected: Value '${String(input.thingTypeName)}' at 'thingTypeName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9:_-]+`,
				);
			}
			if (thingTypes.some((t) => t.thingTypeName === input.thingTypeName)) {
				throw new SimError('ResourceAlreadyExistsException', `Thing Type ${input.thingTypeName} already exists`, 409);
			}
			const record: ThingTypeRecord = {
				thingTypeName: input.thingTypeName,
				thingTypeArn: `${arnBase}:thingtype/${input.thingTypeName}`,
				description: input.description ?? '',
				searchableAttributes: input.searchableAttributes ?? [],
				deprecated: false,
				creationDate: options.clock.now(),
			};
			thingTypes.push(record);
			return record;
		},
		thingGroups: () => thingGroups,

		certificates: () => generatedCerts + extraCerts.length,
		certificateAt(position) {
			if (!Number.isInteger(position) || position < 0) return undefined;
			if (position < generatedCerts) return generatedCert(position);
			return extraCerts[position - generatedCerts];
		},
		getCertificate,
		addCertificate(input = {}) {
			const now = options.clock.now();
			extraCertCounter++;
			let certificateId = input.certificateId;
			if (certificateId === undefined) {
				certificateId = '';
				for (let k = 0; k < 8; k++) certificateId += hex8(mix(seed ^ 0x5a5a, extraCertCounter, 600 + k));
			}
			if (getCertificate(certificateId)) {
				throw new SimError('ResourceAlreadyExistsException', `Certificate ${certificateId} already exists`, 409);
			}
			const thingNames = input.thingNames ?? [];
			for (const name of thingNames) {
				if (!getThing(name)) throw new SimError('ResourceNotFoundException', `Thing ${name} cannot be found.`, 404);
			}
			const creationDate = input.creationDate ?? now;
			const notBefore = input.notBefore ?? creationDate - 60_000;
			const record: CertificateRecord = {
				certificateId,
				certificateArn: `${arnBase}:cert/${certificateId}`,
				status: input.status ?? 'ACTIVE',
				creationDate,
				lastModifiedDate: creationDate,
				notBefore,
				notAfter: input.notAfter ?? Date.UTC(2049, 11, 31, 23, 59, 59),
				caCertificateId: input.caCertificateId,
				certificateMode: 'DEFAULT',
				policyNames: input.policyNames ?? [],
				thingNames: [...thingNames],
			};
			extraCerts.push(record);
			extraCertsById.set(certificateId, record);
			for (const name of thingNames) attachPrincipal(name, record.certificateArn);
			return record;
		},
		setCertificateStatus(idOrArn, status) {
			if (!CERTIFICATE_STATUSES.includes(status)) {
				throw new SimError(
					'InvalidRequestException',
					`1 validation error detected: Value '${status}' at 'newStatus' failed to satisfy constraint: Member must satisfy enum value set: [${CERTIFICATE_STATUSES.join(', ')}]`,
				);
			}
			// AWS: "PENDING_TRANSFER and PENDING_ACTIVATION are statuses used internally by IoT".
			if (status === 'PENDING_TRANSFER' || status === 'PENDING_ACTIVATION') {
				throw new SimError('InvalidRequestException', `The certificate status cannot be set to ${status}.`);
			}
			const cert = getCertificate(idOrArn);
			if (!cert) throw new SimError('ResourceNotFoundException', `The certificate ${idOrArn} does not exist`, 404);
			if (cert.status === 'PENDING_TRANSFER') throw new SimError('CertificateStateException', 'The certificate is pending transfer.', 406);
			const at = options.clock.now();
			const extra = extraCertsById.get(cert.certificateId);
			if (extra) {
				extra.status = status;
				extra.lastModifiedDate = at;
				return extra;
			}
			generatedStatus.set(cert.certificateId, {status, at});
			return {...cert, status, lastModifiedDate: at};
		},
		principalThings(principal) {
			return getCertificate(principal)?.thingNames ?? [];
		},

		caCertificates: () => caCerts,
		getCACertificate: (id) => caCerts.find((ca) => ca.certificateId === id),
		addCACertificate(input = {}) {
			const now = options.clock.now();
			const certificateId = input.certificateId ?? caId(caCerts.length + 1000);
			const record: CACertificateRecord = {
				certificateId,
				certificateArn: `${arnBase}:cacert/${certificateId}`,
				status: input.status ?? 'ACTIVE',
				creationDate: now,
				notBefore: input.notBefore ?? now - DAY,
				notAfter: input.notAfter ?? now + 10 * YEAR,
				autoRegistrationStatus: 'DISABLE',
				description: input.description ?? '',
			};
			caCerts.push(record);
			return record;
		},

		policies: () => policies,
		getPolicy: (name) => policies.find((p) => p.policyName === name),
		addPolicy(input) {
			if (policies.some((p) => p.policyName === input.policyName)) {
				throw new SimError('ResourceAlreadyExistsException', `Policy ${input.policyName} already exists`, 409);
			}
			const now = options.clock.now();
			const documents = [...(input.olderDocuments ?? []), input.document];
			const record: PolicyRecord = {
				policyName: input.policyName,
				policyArn: `${arnBase}:policy/${input.policyName}`,
				defaultVersionId: String(documents.length),
				versions: documents.map((document, v) => ({versionId: String(v + 1), document, createDate: now})),
				creationDate: now,
				lastModifiedDate: now,
			};
			policies.push(record);
			return record;
		},

		topicRules: () => rules,
		getTopicRule: (name) => rules.find((r) => r.ruleName === name),
		addTopicRule(input) {
			if (rules.some((r) => r.ruleName === input.ruleName)) {
				throw new SimError('ResourceAlreadyExistsException', `Rule ${input.ruleName} already exists`, 409);
			}
			const record = makeRule(input, options.clock.now());
			rules.push(record);
			return record;
		},

		indexingEnabled: () => fleetIndexing.thingIndexingMode !== 'OFF',
		setIndexing(enabled) {
			fleetIndexing = {...fleetIndexing, ...fleetIndexingFor(enabled ? 'connectivity' : 'off'), customFields: fleetIndexing.customFields};
		},
		fleetIndexing: () => fleetIndexing,
		setFleetIndexing(change) {
			fleetIndexing = {...fleetIndexing, ...change};
		},
		thingFieldAt(position, field, atMs) {
			if (position < generated) return generatedField(position, field, atMs);
			const thing = extraThings[position - generated];
			return thing ? recordField(thing, field) : undefined;
		},
		thingGroupsAt(position) {
			if (position < generated) {
				const site = SITES[mix(seed, position, 2) % SITES.length];
				return [`site-${site}`, mix(seed, position, 8) % 20 === 0 ? 'canary' : 'production'];
			}
			return extraThings[position - generated]?.groups ?? [];
		},
		loggingOptions: () => loggingOptions,
		setLoggingOptions(next) {
			loggingOptions = next;
		},
	};
}
