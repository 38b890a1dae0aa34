// AWS IoT control plane (REST-JSON) over the resource model. Paths, query parameter names and
// output fields follow the installed @aws-sdk/client-iot schemas. Timestamps are epoch
// seconds (numbers) in JSON bodies, except connectivity.timestamp (epoch ms, a long).
//
// Paging:
// - nextToken operations (ListThings, ListThingTypes, ListThingGroups, ListThingGroupsForThing,
//   ListThingPrincipals(V2), ListPrincipalThings, ListTopicRules, SearchIndex): opaque token
//   naming the position of the next item; a token from another operation, or garbage, gives
//   InvalidRequestException.
// - marker operations (ListCertificates, ListCACertificates, ListPolicies,
//   ListAttachedPolicies): `marker` in, `nextMarker` out, same semantics.
// Page sizes are validated like AWS (InvalidRequestException "1 validation error detected").

import {generateKeyPair} from 'node:crypto';
import {promisify} from 'node:util';
import {realClock, SimError, type RestRequest, type RestRoute} from './contract.js';
import {createFleetIndex, type FleetIndex} from './fleetIndex.js';
import type {CertificateRecord, ResourceModel, RuleAction, ThingRecord, TopicRuleRecord} from './resources.js';

const generateKeyPairAsync = promisify(generateKeyPair);

type Limits = {min: number; max: number; default: number};

export const IOT_PAGE_LIMITS = {
	ListThings: {min: 1, max: 250, default: 50},
	ListThingTypes: {min: 1, max: 250, default: 50},
	ListThingGroups: {min: 1, max: 250, default: 50},
	ListThingGroupsForThing: {min: 1, max: 250, default: 50},
	ListThingPrincipals: {min: 1, max: 250, default: 25},
	ListPrincipalThings: {min: 1, max: 250, default: 25},
	ListAttachedPolicies: {min: 1, max: 250, default: 25},
	ListCertificates: {min: 1, max: 250, default: 25},
	ListCACertificates: {min: 1, max: 250, default: 25},
	ListPolicies: {min: 1, max: 250, default: 25},
	ListTopicRules: {min: 1, max: 10_000, default: 1000},
	SearchIndex: {min: 1, max: 100, default: 100},
} satisfies Record<string, Limits>;

const seconds = (ms: number) => ms / 1000;

function invalid(message: string): SimError {
	return new SimError('InvalidRequestException', message, 400);
}

function notFound(message: string): SimError {
	return new SimError('ResourceNotFoundException', message, 404);
}

function pageSize(raw: string | number | null | undefined, name: string, limits: Limits): number {
	if (raw === null || raw === undefined || raw === '') return limits.default;
	const value = typeof raw === 'number' ? raw : Number(raw);
	if (!Number.isInteger(value))
		throw invalid(
			`1 validation error detected: Value '${String(raw)}' at '${name}' failed to satisfy constraint: Member must be an integer`,
		);
	if (value < limits.min)
		throw invalid(
			`1 validation error detected: Value '${value}' at '${name}' failed to satisfy constraint: Member must have value greater than or equal to ${limits.min}`,
		);
	if (value > limits.max)
		throw invalid(
			`1 validation error detected: Value '${value}' at '${name}' failed to satisfy constraint: Member must have value less than or equal to ${limits.max}`,
		);
	return value;
}

/** Opaque paging token: base64url of {o: operation tag, p: position, k?: key}. */
export function encodeToken(operation: string, position: number, key = ''): string {
	return Buffer.from(JSON.stringify({o: operation, p: position, k: key})).toString('base64url');
}

function decodeToken(token: string | null | undefined, operation: string, key = '', kind = 'nextToken'): number {
	if (token === null || token === undefined || token === '') return 0;
	try {
		const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as {o?: unknown; p?: unknown; k?: unknown};
		if (parsed.o === operation && Number.isSafeInteger(parsed.p) && (parsed.p as number) >= 0 && (parsed.k ?? '') === key) {
			return parsed.p as number;
		}
	} catch {
		// fall through
	}
	throw invalid(`The ${kind} is invalid.`);
}

function bool(raw: string | null): boolean | undefined {
	if (raw === null) return undefined;
	if (raw === 'true') return true;
	if (raw === 'false') return false;
	throw invalid(`1 validation error detected: Value '${raw}' is not a valid boolean`);
}

/** A page over a static array. */
function arrayPage<T>(
	items: T[],
	request: RestRequest,
	op: keyof typeof IOT_PAGE_LIMITS,
	mode: 'token' | 'marker',
	key = '',
): {page: T[]; next?: string} {
	const sizeParam = mode === 'token' ? 'maxResults' : 'pageSize';
	const tokenParam = mode === 'token' ? 'nextToken' : 'marker';
	const size = pageSize(request.query.get(sizeParam), sizeParam, IOT_PAGE_LIMITS[op]);
	const start = decodeToken(request.query.get(tokenParam), op, key, tokenParam);
	if (start > items.length) throw invalid(`The ${tokenParam} is invalid.`);
	const page = items.slice(start, start + size);
	const end = start + page.length;
	return {page, next: end < items.length ? encodeToken(op, end, key) : undefined};
}

function thingAttribute(thing: ThingRecord) {
	return {
		thingName: thing.thingName,
		thingTypeName: thing.thingTypeName,
		thingArn: thing.thingArn,
		attributes: thing.attributes,
		version: thing.version,
	};
}

function requireThing(model: ResourceModel, name: string): ThingRecord {
	const thing = model.getThing(name);
	if (!thing) throw notFound(`Thing ${name} cannot be found.`);
	return thing;
}

function certificateSummary(cert: CertificateRecord) {
	return {
		certificateArn: cert.certificateArn,
		certificateId: cert.certificateId,
		status: cert.status,
		certificateMode: cert.certificateMode,
		creationDate: seconds(cert.creationDate),
	};
}

function fakePem(id: string): string {
	const body = Buffer.from(`iot-top simulator certificate ${id}`).toString('base64');
	return `-----BEGIN CERTIFICATE-----\n${body}\n-----END CERTIFICATE-----\n`;
}

/** MQTT topic filter match (+ and #). */
function topicMatches(filter: string, topic: string): boolean {
	if (filter === topic) return true;
	const f = filter.split('/');
	const t = topic.split('/');
	for (let i = 0; i < f.length; i++) {
		if (f[i] === '#') return true;
		if (i >= t.length) return false;
		if (f[i] !== '+' && f[i] !== t[i]) return false;
	}
	return f.length === t.length;
}

function ruleListItem(rule: TopicRuleRecord) {
	return {
		ruleArn: rule.ruleArn,
		ruleName: rule.ruleName,
		topicPattern: rule.topicPattern,
		createdAt: seconds(rule.createdAt),
		ruleDisabled: rule.ruleDisabled,
	};
}

function header(request: RestRequest, name: string): string | undefined {
	const {headers} = request;
	if (!headers) return undefined;
	const value = headers[name] ?? headers[name.toLowerCase()];
	return Array.isArray(value) ? value[0] : value;
}

export function iotRoutes(model: ResourceModel, fleetIndex: FleetIndex = createFleetIndex({model, clock: realClock})): RestRoute[] {
	const thingPage = (request: RestRequest) => {
		const q = request.query;
		const size = pageSize(q.get('maxResults'), 'maxResults', IOT_PAGE_LIMITS.ListThings);
		const attributeName = q.get('attributeName') ?? undefined;
		const attributeValue = q.get('attributeValue') ?? undefined;
		const thingTypeName = q.get('thingTypeName') ?? undefined;
		const prefix = bool(q.get('usePrefixAttributeValue')) ?? false;
		if (prefix && (attributeName === undefined || attributeValue === undefined)) {
			throw invalid('usePrefixAttributeValue requires attributeName and attributeValue');
		}
		const filterKey = JSON.stringify([attributeName ?? null, attributeValue ?? null, thingTypeName ?? null, prefix]);
		const total = model.things();
		const start = decodeToken(q.get('nextToken'), 'ListThings', filterKey);
		if (start > total) throw invalid('The nextToken is invalid.');
		const filtered = attributeName !== undefined || attributeValue !== undefined || thingTypeName !== undefined;
		const things: ReturnType<typeof thingAttribute>[] = [];
		let position = start;
		while (position < total && things.length < size) {
			const thing = model.thingAt(position++);
			if (!thing) continue;
			if (filtered) {
				if (thingTypeName !== undefined && thing.thingTypeName !== thingTypeName) continue;
				if (attributeName !== undefined) {
					if (!Object.hasOwn(thing.attributes, attributeName)) continue;
					const value = thing.attributes[attributeName];
					if (attributeValue !== undefined && !(prefix ? value.startsWith(attributeValue) : value === attributeValue)) continue;
				} else if (attributeValue !== undefined && !Object.values(thing.attributes).includes(attributeValue)) continue;
			}
			things.push(thingAttribute(thing));
		}
		// Skip a trailing run of non-matching things so the last page has no token.
		return {things, nextToken: position < total ? encodeToken('ListThings', position, filterKey) : undefined};
	};

	const routes: RestRoute[] = [
		{method: 'GET', pattern: '/things', operation: 'ListThings', handler: thingPage},
		{
			method: 'GET',
			pattern: '/things/{thingName}',
			operation: 'DescribeThing',
			handler: ({params}) => {
				const thing = requireThing(model, params.thingName);
				return {
					defaultClientId: thing.thingName,
					thingName: thing.thingName,
					thingId: thing.thingId,
					thingArn: thing.thingArn,
					thingTypeName: thing.thingTypeName,
					attributes: thing.attributes,
					version: thing.version,
				};
			},
		},
		{
			method: 'POST',
			pattern: '/things/{thingName}',
			operation: 'CreateThing',
			handler: ({params, body}) => {
				const input = (body ?? {}) as {thingTypeName?: unknown; attributePayload?: {attributes?: unknown}};
				const attributes = input.attributePayload?.attributes;
				if (attributes !== undefined && (typeof attributes !== 'object' || attributes === null || Array.isArray(attributes))) {
					throw invalid('attributePayload.attributes must be a map of strings');
				}
				const clean: Record<string, string> = {};
				for (const [key, value] of Object.entries((attributes ?? {}) as Record<string, unknown>)) clean[key] = String(value);
				const thing = model.addThing({
					thingName: params.thingName,
					thingTypeName: typeof input.thingTypeName === 'string' ? input.thingTypeName : undefined,
					attributes: clean,
				});
				return {thingName: thing.thingName, thingArn: thing.thingArn, thingId: thing.thingId};
			},
		},
		{
			method: 'POST',
			pattern: '/thing-types/{thingTypeName}',
			operation: 'CreateThingType',
			handler: ({params, body}) => {
				const properties =
					((body ?? {}) as {thingTypeProperties?: {thingTypeDescription?: unknown; searchableAttributes?: unknown}}).thingTypeProperties ??
					{};
				const searchable = properties.searchableAttributes;
				if (searchable !== undefined && (!Array.isArray(searchable) || searchable.some((a) => typeof a !== 'string'))) {
					throw invalid('thingTypeProperties.searchableAttributes must be a list of strings');
				}
				const type = model.addThingType({
					thingTypeName: params.thingTypeName,
					description: typeof properties.thingTypeDescription === 'string' ? properties.thingTypeDescription : undefined,
					searchableAttributes: searchable as string[] | undefined,
				});
				return {
					thingTypeName: type.thingTypeName,
					thingTypeArn: type.thingTypeArn,
					thingTypeId: `${type.thingTypeName.length}-${type.creationDate}`,
				};
			},
		},
		{
			method: 'POST',
			pattern: '/policies/{policyName}',
			operation: 'CreatePolicy',
			handler: ({params, body}) => {
				const document = ((body ?? {}) as {policyDocument?: unknown}).policyDocument;
				if (!/^[\w+=,.@-]{1,128}$/.test(params.policyName)) {
					throw invalid(
						`1 validation error detected: Value '${params.policyName}' at 'policyName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+`,
					);
				}
				if (typeof document !== 'string' || document === '') {
					throw invalid(
						"1 validation error detected: Value null at 'policyDocument' failed to satisfy constraint: Member must not be null",
					);
				}
				try {
					JSON.parse(document);
				} catch {
					throw new SimError('MalformedPolicyException', 'Policy document is malformed: it is not valid JSON.', 400);
				}
				const policy = model.addPolicy({policyName: params.policyName, document});
				return {
					policyName: policy.policyName,
					policyArn: policy.policyArn,
					policyDocument: document,
					policyVersionId: policy.defaultVersionId,
				};
			},
		},
		{
			method: 'POST',
			pattern: '/rules/{ruleName}',
			operation: 'CreateTopicRule',
			handler: ({params, body}) => {
				const payload = (body ?? {}) as {
					sql?: unknown;
					description?: unknown;
					ruleDisabled?: unknown;
					actions?: unknown;
					errorAction?: unknown;
					awsIotSqlVersion?: unknown;
				};
				if (!/^[a-zA-Z0-9_]{1,128}$/.test(params.ruleName)) {
					throw invalid(
						`1 validation error detected: Value '${params.ruleName}' at 'ruleName' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9_]+$`,
					);
				}
				if (typeof payload.sql !== 'string' || payload.sql === '') {
					throw invalid(
						"1 validation error detected: Value null at 'topicRulePayload.sql' failed to satisfy constraint: Member must not be null",
					);
				}
				if (!/\bFROM\s+'[^']*'/i.test(payload.sql))
					throw new SimError('SqlParseException', `Expected a FROM clause with a quoted topic filter in: ${payload.sql}`, 400);
				if (!Array.isArray(payload.actions)) {
					throw invalid(
						"1 validation error detected: Value null at 'topicRulePayload.actions' failed to satisfy constraint: Member must not be null",
					);
				}
				model.addTopicRule({
					ruleName: params.ruleName,
					sql: payload.sql,
					description: typeof payload.description === 'string' ? payload.description : undefined,
					ruleDisabled: payload.ruleDisabled === true,
					actions: payload.actions as RuleAction[],
					errorAction: (payload.errorAction ?? undefined) as RuleAction | undefined,
				});
				return undefined;
			},
		},
		{
			method: 'POST',
			pattern: '/keys-and-certificate',
			operation: 'CreateKeysAndCertificate',
			handler: async ({query}) => {
				// AWS creates the certificate INACTIVE unless setAsActive=true.
				const active = bool(query.get('setAsActive')) ?? false;
				const keys = await generateKeyPairAsync('rsa', {
					modulusLength: 2048,
					publicKeyEncoding: {type: 'spki', format: 'pem'},
					privateKeyEncoding: {type: 'pkcs1', format: 'pem'},
				});
				const cert = model.addCertificate({status: active ? 'ACTIVE' : 'INACTIVE'});
				return {
					certificateArn: cert.certificateArn,
					certificateId: cert.certificateId,
					certificatePem: fakePem(cert.certificateId),
					keyPair: {PublicKey: keys.publicKey, PrivateKey: keys.privateKey},
				};
			},
		},
		{
			method: 'PUT',
			pattern: '/certificates/{certificateId}',
			operation: 'UpdateCertificate',
			handler: ({params, query}) => {
				const status = query.get('newStatus');
				if (status === null || status === '') {
					throw invalid("1 validation error detected: Value null at 'newStatus' failed to satisfy constraint: Member must not be null");
				}
				model.setCertificateStatus(params.certificateId, status);
				return undefined;
			},
		},
		{
			method: 'GET',
			pattern: '/thing-types',
			operation: 'ListThingTypes',
			handler: (request) => {
				const name = request.query.get('thingTypeName');
				const types = model.thingTypes().filter((t) => name === null || t.thingTypeName === name);
				const {page, next} = arrayPage(types, request, 'ListThingTypes', 'token', name ?? '');
				return {
					thingTypes: page.map((t) => ({
						thingTypeName: t.thingTypeName,
						thingTypeArn: t.thingTypeArn,
						thingTypeProperties: {thingTypeDescription: t.description, searchableAttributes: t.searchableAttributes},
						thingTypeMetadata: {
							deprecated: t.deprecated,
							deprecationDate: t.deprecationDate === undefined ? undefined : seconds(t.deprecationDate),
							creationDate: seconds(t.creationDate),
						},
					})),
					nextToken: next,
				};
			},
		},
		{
			method: 'GET',
			pattern: '/thing-groups',
			operation: 'ListThingGroups',
			handler: (request) => {
				const parent = request.query.get('parentGroup');
				const prefix = request.query.get('namePrefixFilter') ?? '';
				const recursive = bool(request.query.get('recursive')) ?? true;
				const all = model.thingGroups();
				const ancestors = (name: string | undefined): string[] => {
					const out: string[] = [];
					while (name !== undefined) {
						out.push(name);
						name = all.find((g) => g.groupName === name)?.parentGroupName;
					}
					return out;
				};
				const groups = all.filter((g) => {
					if (!g.groupName.startsWith(prefix)) return false;
					if (parent === null) return recursive || g.parentGroupName === undefined;
					return recursive ? ancestors(g.parentGroupName).includes(parent) : g.parentGroupName === parent;
				});
				const {page, next} = arrayPage(groups, request, 'ListThingGroups', 'token', JSON.stringify([parent, prefix, recursive]));
				return {thingGroups: page.map((g) => ({groupName: g.groupName, groupArn: g.groupArn})), nextToken: next};
			},
		},
		{
			method: 'GET',
			pattern: '/things/{thingName}/thing-groups',
			operation: 'ListThingGroupsForThing',
			handler: (request) => {
				const thing = requireThing(model, request.params.thingName);
				const all = model.thingGroups();
				const groups = thing.groups.map((name) => ({
					groupName: name,
					groupArn: all.find((g) => g.groupName === name)?.groupArn ?? `arn:aws:iot:${model.region}:${model.accountId}:thinggroup/${name}`,
				}));
				const {page, next} = arrayPage(groups, request, 'ListThingGroupsForThing', 'token', thing.thingName);
				return {thingGroups: page, nextToken: next};
			},
		},
		{
			method: 'GET',
			pattern: '/things/{thingName}/principals',
			operation: 'ListThingPrincipals',
			handler: (request) => {
				const thing = requireThing(model, request.params.thingName);
				const {page, next} = arrayPage(thing.principals, request, 'ListThingPrincipals', 'token', thing.thingName);
				return {principals: page, nextToken: next};
			},
		},
		{
			method: 'GET',
			pattern: '/things/{thingName}/principals-v2',
			operation: 'ListThingPrincipalsV2',
			handler: (request) => {
				const thing = requireThing(model, request.params.thingName);
				const type = request.query.get('thingPrincipalType');
				if (type !== null && type !== 'EXCLUSIVE_THING' && type !== 'NON_EXCLUSIVE_THING') {
					throw invalid(
						`1 validation error detected: Value '${type}' at 'thingPrincipalType' failed to satisfy constraint: Member must satisfy enum value set: [EXCLUSIVE_THING, NON_EXCLUSIVE_THING]`,
					);
				}
				const objects = thing.principals
					.map((principal) => ({principal, thingPrincipalType: 'NON_EXCLUSIVE_THING'}))
					.filter((o) => type === null || o.thingPrincipalType === type);
				const {page, next} = arrayPage(objects, request, 'ListThingPrincipals', 'token', `v2:${thing.thingName}`);
				return {thingPrincipalObjects: page, nextToken: next};
			},
		},
		{
			method: 'GET',
			pattern: '/principals/things',
			operation: 'ListPrincipalThings',
			handler: (request) => {
				const principal = header(request, 'x-amzn-principal') ?? request.query.get('principal') ?? undefined;
				if (!principal)
					throw invalid("1 validation error detected: Value null at 'principal' failed to satisfy constraint: Member must not be null");
				if (!model.getCertificate(principal)) throw notFound(`Principal ${principal} cannot be found.`);
				const {page, next} = arrayPage(model.principalThings(principal), request, 'ListPrincipalThings', 'token', principal);
				return {things: page, nextToken: next};
			},
		},
		{
			method: 'POST',
			pattern: '/attached-policies/{target+}',
			operation: 'ListAttachedPolicies',
			handler: (request) => {
				const target = request.params.target ?? request.params['target+'];
				const cert = target === undefined ? undefined : model.getCertificate(target);
				if (!cert) throw notFound(`Target ${target} cannot be found.`);
				const policies = cert.policyNames.map((name) => model.getPolicy(name)).filter((p) => p !== undefined);
				const {page, next} = arrayPage(policies, request, 'ListAttachedPolicies', 'marker', cert.certificateId);
				return {policies: page.map((p) => ({policyName: p.policyName, policyArn: p.policyArn})), nextMarker: next};
			},
		},
		{
			method: 'GET',
			pattern: '/certificates',
			operation: 'ListCertificates',
			handler: (request) => {
				const q = request.query;
				const size = pageSize(q.get('pageSize'), 'pageSize', IOT_PAGE_LIMITS.ListCertificates);
				const ascending = bool(q.get('isAscendingOrder')) ?? false;
				const key = ascending ? 'asc' : 'desc';
				const total = model.certificates();
				const start = decodeToken(q.get('marker'), 'ListCertificates', key, 'marker');
				if (start > total) throw invalid('The marker is invalid.');
				const certificates = [];
				for (let k = start; k < Math.min(total, start + size); k++) {
					const cert = model.certificateAt(ascending ? k : total - 1 - k);
					if (cert) certificates.push(certificateSummary(cert));
				}
				const end = start + certificates.length;
				return {certificates, nextMarker: end < total ? encodeToken('ListCertificates', end, key) : undefined};
			},
		},
		{
			method: 'GET',
			pattern: '/certificates/{certificateId}',
			operation: 'DescribeCertificate',
			handler: ({params}) => {
				const cert = model.getCertificate(params.certificateId);
				if (!cert) {
					if (!/^[0-9a-f]{64}$/.test(params.certificateId)) {
						throw invalid(
							`1 validation error detected: Value '${params.certificateId}' at 'certificateId' failed to satisfy constraint: Member must satisfy regular expression pattern: (0x)?[a-fA-F0-9]+`,
						);
					}
					throw notFound(`The certificate ${params.certificateId} does not exist`);
				}
				return {
					certificateDescription: {
						certificateArn: cert.certificateArn,
						certificateId: cert.certificateId,
						caCertificateId: cert.caCertificateId,
						status: cert.status,
						certificatePem: fakePem(cert.certificateId),
						ownedBy: model.accountId,
						creationDate: seconds(cert.creationDate),
						lastModifiedDate: seconds(cert.lastModifiedDate),
						customerVersion: 1,
						generationId: `${cert.certificateId.slice(0, 8)}-0000-4000-8000-000000000001`,
						validity: {notBefore: seconds(cert.notBefore), notAfter: seconds(cert.notAfter)},
						certificateMode: cert.certificateMode,
					},
				};
			},
		},
		{
			method: 'GET',
			pattern: '/cacertificates',
			operation: 'ListCACertificates',
			handler: (request) => {
				const ascending = bool(request.query.get('isAscendingOrder')) ?? false;
				const all = [...model.caCertificates()].sort((a, b) =>
					ascending ? a.creationDate - b.creationDate : b.creationDate - a.creationDate,
				);
				const {page, next} = arrayPage(all, request, 'ListCACertificates', 'marker', ascending ? 'asc' : 'desc');
				return {
					certificates: page.map((ca) => ({
						certificateArn: ca.certificateArn,
						certificateId: ca.certificateId,
						status: ca.status,
						creationDate: seconds(ca.creationDate),
					})),
					nextMarker: next,
				};
			},
		},
		{
			method: 'GET',
			pattern: '/cacertificate/{certificateId}',
			operation: 'DescribeCACertificate',
			handler: ({params}) => {
				const ca = model.getCACertificate(params.certificateId);
				if (!ca) throw notFound(`The CA certificate ${params.certificateId} does not exist`);
				return {
					certificateDescription: {
						certificateArn: ca.certificateArn,
						certificateId: ca.certificateId,
						status: ca.status,
						certificatePem: fakePem(ca.certificateId),
						ownedBy: model.accountId,
						creationDate: seconds(ca.creationDate),
						autoRegistrationStatus: ca.autoRegistrationStatus,
						lastModifiedDate: seconds(ca.creationDate),
						customerVersion: 1,
						generationId: `${ca.certificateId.slice(0, 8)}-0000-4000-8000-000000000002`,
						validity: {notBefore: seconds(ca.notBefore), notAfter: seconds(ca.notAfter)},
						certificateMode: 'DEFAULT',
					},
				};
			},
		},
		{
			method: 'GET',
			pattern: '/policies',
			operation: 'ListPolicies',
			handler: (request) => {
				const ascending = bool(request.query.get('isAscendingOrder')) ?? false;
				const all = [...model.policies()];
				if (!ascending) all.reverse();
				const {page, next} = arrayPage(all, request, 'ListPolicies', 'marker', ascending ? 'asc' : 'desc');
				return {policies: page.map((p) => ({policyName: p.policyName, policyArn: p.policyArn})), nextMarker: next};
			},
		},
		{
			method: 'GET',
			pattern: '/policies/{policyName}',
			operation: 'GetPolicy',
			handler: ({params}) => {
				const policy = model.getPolicy(params.policyName);
				if (!policy) throw notFound(`Policy ${params.policyName} cannot be found.`);
				const version = policy.versions.find((v) => v.versionId === policy.defaultVersionId) ?? policy.versions[policy.versions.length - 1];
				return {
					policyName: policy.policyName,
					policyArn: policy.policyArn,
					policyDocument: version?.document ?? '',
					defaultVersionId: policy.defaultVersionId,
					creationDate: seconds(policy.creationDate),
					lastModifiedDate: seconds(policy.lastModifiedDate),
					generationId: `${policy.policyName.length}-${policy.defaultVersionId}`,
				};
			},
		},
		{
			method: 'GET',
			pattern: '/policies/{policyName}/version',
			operation: 'ListPolicyVersions',
			handler: ({params}) => {
				const policy = model.getPolicy(params.policyName);
				if (!policy) throw notFound(`Policy ${params.policyName} cannot be found.`);
				return {
					policyVersions: [...policy.versions].reverse().map((v) => ({
						versionId: v.versionId,
						isDefaultVersion: v.versionId === policy.defaultVersionId,
						createDate: seconds(v.createDate),
					})),
				};
			},
		},
		{
			method: 'GET',
			pattern: '/policies/{policyName}/version/{policyVersionId}',
			operation: 'GetPolicyVersion',
			handler: ({params}) => {
				const policy = model.getPolicy(params.policyName);
				if (!policy) throw notFound(`Policy ${params.policyName} cannot be found.`);
				const version = policy.versions.find((v) => v.versionId === params.policyVersionId);
				if (!version) throw notFound(`Policy version ${params.policyVersionId} of ${params.policyName} cannot be found.`);
				return {
					policyArn: policy.policyArn,
					policyName: policy.policyName,
					policyDocument: version.document,
					policyVersionId: version.versionId,
					isDefaultVersion: version.versionId === policy.defaultVersionId,
					creationDate: seconds(version.createDate),
					lastModifiedDate: seconds(version.createDate),
					generationId: `${policy.policyName.length}-${version.versionId}`,
				};
			},
		},
		{
			method: 'GET',
			pattern: '/rules',
			operation: 'ListTopicRules',
			handler: (request) => {
				const topic = request.query.get('topic');
				const disabled = bool(request.query.get('ruleDisabled'));
				const rules = model
					.topicRules()
					.filter(
						(r) => (disabled === undefined || r.ruleDisabled === disabled) && (topic === null || topicMatches(r.topicPattern, topic)),
					);
				const {page, next} = arrayPage(rules, request, 'ListTopicRules', 'token', JSON.stringify([topic, disabled ?? null]));
				return {rules: page.map((r) => ruleListItem(r)), nextToken: next};
			},
		},
		{
			method: 'GET',
			pattern: '/rules/{ruleName}',
			operation: 'GetTopicRule',
			handler: ({params}) => {
				const rule = model.getTopicRule(params.ruleName);
				if (!rule) throw new SimError('UnauthorizedException', `Rule ${params.ruleName} does not exist or you are not authorized`, 401);
				return {
					ruleArn: rule.ruleArn,
					rule: {
						ruleName: rule.ruleName,
						sql: rule.sql,
						description: rule.description,
						createdAt: seconds(rule.createdAt),
						actions: rule.actions,
						ruleDisabled: rule.ruleDisabled,
						awsIotSqlVersion: rule.awsIotSqlVersion,
						errorAction: rule.errorAction,
					},
				};
			},
		},
		{
			method: 'GET',
			pattern: '/v2LoggingOptions',
			operation: 'GetV2LoggingOptions',
			handler: () => {
				const options = model.loggingOptions();
				return {
					roleArn: options.roleArn,
					defaultLogLevel: options.defaultLogLevel,
					disableAllLogs: options.disableAllLogs,
					eventConfigurations: options.eventConfigurations.length > 0 ? options.eventConfigurations : undefined,
				};
			},
		},
		...fleetIndex.routes(),
	];
	return routes;
}
