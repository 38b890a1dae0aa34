// IoT control-plane lists, one page at a time (a fleet of 100,000 things is never listed in
// full up front), and the Describe/Get calls behind a row's expiry, version and actions and
// behind the detail views. Everything is sanitized here, on the way in; a field the answer left
// out stays undefined (unknown), never a default (a rule without ruleDisabled is not enabled).
import {
	DescribeCACertificateCommand,
	DescribeCertificateCommand,
	DescribeThingCommand,
	GetIndexingConfigurationCommand,
	GetPolicyCommand,
	GetTopicRuleCommand,
	ListAttachedPoliciesCommand,
	ListCACertificatesCommand,
	ListCertificatesCommand,
	ListPoliciesCommand,
	ListPrincipalThingsCommand,
	ListThingGroupsForThingCommand,
	ListThingPrincipalsCommand,
	ListThingsCommand,
	ListTopicRulesCommand,
	SearchIndexCommand,
	type Action,
} from '@aws-sdk/client-iot';
import {
	prettyPolicyDocument,
	type CertificateDetail,
	type CertificateSummary,
	type PolicyDetail,
	type RowExtra,
	type RuleActionSummary,
	type RuleDetail,
	type RulesQuery,
	type ThingDetail,
	type ThingsQuery,
} from '../model/resources.js';
import type {CertificateRow, PolicyRow, ThingRow, TopicRuleRow} from '../model/types.js';
import {connectivityTime} from '../model/fleet.js';
import {sharedRecord, sharedText} from '../model/sharedText.js';
import {sanitizeBlock, sanitizeText} from '../terminal/sanitize.js';
import type {AwsClients} from './clients.js';

export type Page<Row> = {rows: Row[]; nextToken?: string; /** The API that answered. */ via: string};

/** The largest page each list call allows (SearchIndex: 100). */
export const PAGE_SIZE = 250;
export const SEARCH_PAGE_SIZE = 100;
/** A thing's principals described in its detail view (each costs two calls). */
export const DETAIL_PRINCIPALS = 5;

const time = (date: Date | undefined) => (date ? date.getTime() : undefined);
const text = (value: string | undefined, maxLength?: number) => (value === undefined ? undefined : sanitizeText(value, maxLength));

// Types, attribute values and whole attribute sets recur across a fleet: 100,000 listed things
// share their copies.
function attributesOf(attributes: Record<string, string> | undefined): Record<string, string> {
	return sharedRecord(
		Object.fromEntries(
			Object.entries(attributes ?? {}).map(([key, value]) => [sanitizeText(key, 128), sharedText(sanitizeText(value, 800))]),
		),
	);
}

function thingTypeOf(type: string | undefined): string | undefined {
	return type ? sharedText(sanitizeText(type), 128) : undefined;
}

/** Whether fleet indexing (SearchIndex over AWS_Things) is on for the account. */
export async function fetchIndexingEnabled(clients: AwsClients): Promise<boolean> {
	const config = await clients.iot.send(new GetIndexingConfigurationCommand({}));
	const mode = config.thingIndexingConfiguration?.thingIndexingMode;
	return mode !== undefined && mode !== 'OFF';
}

export async function fetchThingsPage(clients: AwsClients, query: ThingsQuery = {}, nextToken?: string): Promise<Page<ThingRow>> {
	const page = await clients.iot.send(
		new ListThingsCommand({
			maxResults: PAGE_SIZE,
			nextToken,
			thingTypeName: query.thingTypeName,
			attributeName: query.attributeName,
			attributeValue: query.attributeValue,
		}),
	);
	return {
		rows: (page.things ?? []).map((thing) => ({
			name: sanitizeText(thing.thingName),
			type: thingTypeOf(thing.thingTypeName),
			attributes: attributesOf(thing.attributes),
			version: thing.version,
			arn: thing.thingArn ? sanitizeText(thing.thingArn) : undefined,
		})),
		nextToken: page.nextToken,
		via: 'ListThings',
	};
}

/** A page of the fleet index: 100 things at most, with their connectivity. */
export async function searchThingsPage(clients: AwsClients, queryString: string, nextToken?: string): Promise<Page<ThingRow>> {
	const page = await clients.iot.send(
		new SearchIndexCommand({indexName: 'AWS_Things', queryString, maxResults: SEARCH_PAGE_SIZE, nextToken}),
	);
	return {
		rows: (page.things ?? []).map((thing) => ({
			name: sanitizeText(thing.thingName),
			type: thingTypeOf(thing.thingTypeName),
			attributes: attributesOf(thing.attributes),
			connected: thing.connectivity?.connected,
			connectedSince: connectivityTime(thing.connectivity?.timestamp),
			disconnectReason: thing.connectivity?.disconnectReason
				? sharedText(sanitizeText(thing.connectivity.disconnectReason, 128))
				: undefined,
		})),
		nextToken: page.nextToken,
		via: 'SearchIndex',
	};
}

export async function fetchCertificatesPage(clients: AwsClients, ca: boolean, marker?: string): Promise<Page<CertificateRow>> {
	const page = ca
		? await clients.iot.send(new ListCACertificatesCommand({pageSize: PAGE_SIZE, marker}))
		: await clients.iot.send(new ListCertificatesCommand({pageSize: PAGE_SIZE, marker}));
	return {
		rows: (page.certificates ?? []).map((certificate) => ({
			id: sanitizeText(certificate.certificateId),
			arn: certificate.certificateArn ? sanitizeText(certificate.certificateArn) : undefined,
			status: text(certificate.status, 64),
			createdAt: time(certificate.creationDate),
			ca,
		})),
		nextToken: page.nextMarker,
		via: ca ? 'ListCACertificates' : 'ListCertificates',
	};
}

export async function fetchPoliciesPage(clients: AwsClients, marker?: string): Promise<Page<PolicyRow>> {
	const page = await clients.iot.send(new ListPoliciesCommand({pageSize: PAGE_SIZE, marker}));
	return {
		rows: (page.policies ?? []).map((policy) => ({
			name: sanitizeText(policy.policyName),
			arn: policy.policyArn ? sanitizeText(policy.policyArn) : undefined,
		})),
		nextToken: page.nextMarker,
		via: 'ListPolicies',
	};
}

export async function fetchRulesPage(clients: AwsClients, query: RulesQuery = {}, nextToken?: string): Promise<Page<TopicRuleRow>> {
	const page = await clients.iot.send(new ListTopicRulesCommand({maxResults: PAGE_SIZE, nextToken, ruleDisabled: query.ruleDisabled}));
	return {
		rows: (page.rules ?? []).map((rule) => ({
			name: sanitizeText(rule.ruleName),
			topicPattern: rule.topicPattern === undefined ? undefined : sanitizeText(rule.topicPattern),
			disabled: rule.ruleDisabled,
			createdAt: time(rule.createdAt),
		})),
		nextToken: page.nextToken,
		via: 'ListTopicRules',
	};
}

async function describeCertificate(clients: AwsClients, id: string, ca: boolean) {
	const output = ca
		? await clients.iot.send(new DescribeCACertificateCommand({certificateId: id}))
		: await clients.iot.send(new DescribeCertificateCommand({certificateId: id}));
	const description = output.certificateDescription ?? {};
	return {
		arn: description.certificateArn ? sanitizeText(description.certificateArn) : undefined,
		status: text(description.status, 64),
		createdAt: time(description.creationDate),
		notBefore: time(description.validity?.notBefore),
		notAfter: time(description.validity?.notAfter),
		caCertificateId:
			'caCertificateId' in description && description.caCertificateId ? sanitizeText(description.caCertificateId) : undefined,
	};
}

export async function fetchCertificateValidity(clients: AwsClients, id: string, ca: boolean): Promise<RowExtra> {
	const {notBefore, notAfter} = await describeCertificate(clients, id, ca);
	return {notBefore, notAfter};
}

function actionSummary(action: Action): RuleActionSummary {
	const [type, settings] = Object.entries(action).find(([, value]) => value !== undefined) ?? ['?', {}];
	const values = Object.entries((settings ?? {}) as Record<string, unknown>).filter(([, value]) => typeof value === 'string') as Array<
		[string, string]
	>;
	const target = values.find(([key]) => key !== 'roleArn') ?? values[0];
	return {type: sanitizeText(type, 64), target: target ? sanitizeText(target[1], 400) : ''};
}

async function getTopicRule(clients: AwsClients, name: string) {
	const output = await clients.iot.send(new GetTopicRuleCommand({ruleName: name}));
	return output.rule ?? {};
}

export async function fetchRuleActionTypes(clients: AwsClients, name: string): Promise<RowExtra> {
	const rule = await getTopicRule(clients, name);
	return {actionTypes: rule.actions?.map((action) => actionSummary(action).type)};
}

export async function fetchPolicyVersion(clients: AwsClients, name: string): Promise<RowExtra> {
	const policy = await clients.iot.send(new GetPolicyCommand({policyName: name}));
	return {defaultVersionId: policy.defaultVersionId ? sanitizeText(policy.defaultVersionId, 32) : undefined};
}

async function attachedPolicies(clients: AwsClients, target: string): Promise<string[]> {
	const output = await clients.iot.send(new ListAttachedPoliciesCommand({target, pageSize: PAGE_SIZE}));
	return (output.policies ?? []).map((policy) => sanitizeText(policy.policyName));
}

/** A thing's type, attributes, groups, certificates and the policies attached to them. */
export async function fetchThingDetail(clients: AwsClients, name: string): Promise<ThingDetail> {
	const [thing, groups, principals] = await Promise.all([
		clients.iot.send(new DescribeThingCommand({thingName: name})),
		clients.iot.send(new ListThingGroupsForThingCommand({thingName: name, maxResults: PAGE_SIZE})),
		clients.iot.send(new ListThingPrincipalsCommand({thingName: name, maxResults: PAGE_SIZE})),
	]);
	const arns = principals.principals ?? [];
	const described = await Promise.all(
		arns.slice(0, DETAIL_PRINCIPALS).map(async (arn): Promise<CertificateSummary> => {
			const id = arn.split('/').pop() ?? arn;
			const isCertificate = arn.includes(':cert/');
			const [certificate, policies] = await Promise.all([
				isCertificate ? describeCertificate(clients, id, false) : undefined,
				attachedPolicies(clients, arn),
			]);
			return {
				id: sanitizeText(id),
				arn: sanitizeText(arn),
				status: certificate?.status,
				notBefore: certificate?.notBefore,
				notAfter: certificate?.notAfter,
				policies,
			};
		}),
	);
	return {
		kind: 'things',
		name: sanitizeText(thing.thingName ?? name),
		type: thing.thingTypeName ? sanitizeText(thing.thingTypeName) : undefined,
		clientId: sanitizeText(thing.defaultClientId ?? thing.thingName ?? name),
		version: thing.version,
		attributes: attributesOf(thing.attributes),
		groups: (groups.thingGroups ?? []).map((group) => sanitizeText(group.groupName)),
		principals: described,
		morePrincipals: Math.max(0, arns.length - DETAIL_PRINCIPALS),
	};
}

/** Validity, status, and (for device certificates) the things and policies attached. */
export async function fetchCertificateDetail(clients: AwsClients, id: string, ca: boolean): Promise<CertificateDetail> {
	const certificate = await describeCertificate(clients, id, ca);
	const principal = certificate.arn;
	const [things, policies] =
		ca || !principal
			? [[], []]
			: await Promise.all([
					clients.iot
						.send(new ListPrincipalThingsCommand({principal, maxResults: PAGE_SIZE}))
						.then((output) => (output.things ?? []).map((thing) => sanitizeText(thing))),
					attachedPolicies(clients, principal),
				]);
	return {kind: ca ? 'caCertificates' : 'certificates', id: sanitizeText(id), ...certificate, things, policies};
}

export async function fetchPolicyDetail(clients: AwsClients, name: string): Promise<PolicyDetail> {
	const policy = await clients.iot.send(new GetPolicyCommand({policyName: name}));
	return {
		kind: 'policies',
		name: sanitizeText(policy.policyName ?? name),
		arn: policy.policyArn ? sanitizeText(policy.policyArn) : undefined,
		defaultVersionId: policy.defaultVersionId ? sanitizeText(policy.defaultVersionId, 32) : undefined,
		document: sanitizeBlock(prettyPolicyDocument(policy.policyDocument ?? '')),
	};
}

export async function fetchRuleDetail(clients: AwsClients, name: string): Promise<RuleDetail> {
	const rule = await getTopicRule(clients, name);
	return {
		kind: 'rules',
		name: sanitizeText(rule.ruleName ?? name),
		sql: rule.sql === undefined ? undefined : sanitizeBlock(rule.sql),
		description: rule.description ? sanitizeText(rule.description) : undefined,
		disabled: rule.ruleDisabled,
		sqlVersion: rule.awsIotSqlVersion ? sanitizeText(rule.awsIotSqlVersion, 32) : undefined,
		actions: rule.actions?.map((action) => actionSummary(action)),
		errorAction: rule.errorAction ? actionSummary(rule.errorAction) : undefined,
	};
}
