import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {
	CreateThingCommand,
	DescribeCACertificateCommand,
	DescribeCertificateCommand,
	DescribeThingCommand,
	GetIndexingConfigurationCommand,
	GetPolicyCommand,
	GetTopicRuleCommand,
	GetV2LoggingOptionsCommand,
	IoTClient,
	ListAttachedPoliciesCommand,
	ListCACertificatesCommand,
	ListCertificatesCommand,
	ListPoliciesCommand,
	ListPrincipalThingsCommand,
	ListPolicyVersionsCommand,
	ListThingGroupsCommand,
	ListThingGroupsForThingCommand,
	ListThingPrincipalsCommand,
	ListThingsCommand,
	ListThingTypesCommand,
	ListTopicRulesCommand,
	SearchIndexCommand,
} from '@aws-sdk/client-iot';
import {createManualClock} from '../../source/sim/contract.js';
import {startSimulator, type Simulator} from '../../source/sim/index.js';
import {createResourceModel} from '../../source/sim/resources.js';
import {iotRoutes} from '../../source/sim/iot.js';
import {loadHostileStrings} from '../helpers/hostile.js';

const START = Date.UTC(2026, 2, 10, 12, 0, 0);
const DAY = 86_400_000;
const hostile = loadHostileStrings();

function client(sim: Simulator): IoTClient {
	return new IoTClient({
		region: 'us-east-1',
		endpoint: sim.url,
		credentials: {accessKeyId: 'test', secretAccessKey: 'test'},
		maxAttempts: 1,
	});
}

describe('resource model (in-process)', () => {
	it('is deterministic for a seed and differs between seeds', () => {
		const clock = createManualClock(START);
		const a = createResourceModel({seed: 7, things: 1000, clock});
		const b = createResourceModel({seed: 7, things: 1000, clock});
		const c = createResourceModel({seed: 8, things: 1000, clock});
		expect(a.thingAt(123)).toEqual(b.thingAt(123));
		expect(a.certificateAt(500)).toEqual(b.certificateAt(500));
		const namesA = Array.from({length: 50}, (_, i) => a.thingAt(i)?.thingName);
		const namesC = Array.from({length: 50}, (_, i) => c.thingAt(i)?.thingName);
		expect(namesA).not.toEqual(namesC);
	});

	it('looks things and certificates up by name/id without listing', () => {
		const model = createResourceModel({seed: 3, things: 100_000, clock: createManualClock(START)});
		const thing = model.thingAt(98_765)!;
		expect(model.getThing(thing.thingName)).toEqual(thing);
		expect(model.getThing(`${thing.thingName}x`)).toBeUndefined();
		const certArn = thing.principals[0];
		const cert = model.getCertificate(certArn)!;
		expect(cert.thingNames).toContain(thing.thingName);
		expect(model.principalThings(cert.certificateId)).toContain(thing.thingName);
	});

	it('has several name families, thing types, shared and unattached certificates', () => {
		const model = createResourceModel({seed: 1, things: 2000, clock: createManualClock(START)});
		const prefixes = new Set<string>();
		const types = new Set<string | undefined>();
		for (let i = 0; i < 2000; i++) {
			const t = model.thingAt(i)!;
			prefixes.add(t.thingName.replace(/[\d]+$/, '').replace(/-(berlin|austin|osaka|lyon|pune|leeds|porto|denver)-$/, '-SITE-'));
			types.add(t.thingTypeName);
		}
		expect(prefixes.size).toBeGreaterThanOrEqual(5);
		expect(types.has(undefined)).toBe(true);
		expect(types.size).toBeGreaterThanOrEqual(5);
		let shared = 0;
		let unattached = 0;
		for (let c = 0; c < model.certificates(); c++) {
			const n = model.certificateAt(c)!.thingNames.length;
			if (n > 1) shared++;
			if (n === 0) unattached++;
		}
		expect(shared).toBeGreaterThan(0);
		expect(unattached).toBeGreaterThan(0);
	});
});

describe('IoT over HTTP with the real SDK client', () => {
	let sim: Simulator;
	let iot: IoTClient;
	beforeAll(async () => {
		sim = await startSimulator({seed: 11, things: 100_000, clock: createManualClock(START), logRate: 1, historyMinutes: 1});
		iot = client(sim);
	});
	afterAll(async () => {
		iot.destroy();
		await sim.close();
	});

	it('pages through 100,000 things by nextToken, each exactly once, in 250s', async () => {
		const seen = new Set<string>();
		let nextToken: string | undefined;
		let pages = 0;
		do {
			const page = await iot.send(new ListThingsCommand({maxResults: 250, nextToken}));
			for (const thing of page.things ?? []) seen.add(thing.thingName!);
			expect(page.things!.length).toBeLessThanOrEqual(250);
			nextToken = page.nextToken;
			pages++;
		} while (nextToken);
		expect(seen.size).toBe(100_000);
		expect(pages).toBe(400);
		expect(sim.calls()['iot:ListThings']).toBe(400);
	}, 120_000);

	it('rejects bad page sizes and tokens as AWS does', async () => {
		await expect(iot.send(new ListThingsCommand({maxResults: 251}))).rejects.toMatchObject({name: 'InvalidRequestException'});
		await expect(iot.send(new ListThingsCommand({maxResults: 0}))).rejects.toMatchObject({name: 'InvalidRequestException'});
		await expect(iot.send(new ListThingsCommand({nextToken: 'garbage'}))).rejects.toMatchObject({name: 'InvalidRequestException'});
		await expect(iot.send(new ListCertificatesCommand({pageSize: 300}))).rejects.toMatchObject({name: 'InvalidRequestException'});
		await expect(iot.send(new ListCertificatesCommand({marker: 'nope'}))).rejects.toMatchObject({name: 'InvalidRequestException'});
		await expect(iot.send(new ListTopicRulesCommand({maxResults: 10_001}))).rejects.toMatchObject({name: 'InvalidRequestException'});
		await expect(iot.send(new DescribeThingCommand({thingName: 'no-such-thing'}))).rejects.toMatchObject({
			name: 'ResourceNotFoundException',
		});
	});

	it('filters things by type and attribute server-side', async () => {
		const byType = await iot.send(new ListThingsCommand({thingTypeName: 'Gateway', maxResults: 100}));
		expect(byType.things!.length).toBe(100);
		expect(byType.things!.every((t) => t.thingTypeName === 'Gateway')).toBe(true);
		const bySite = await iot.send(new ListThingsCommand({attributeName: 'site', attributeValue: 'osaka', maxResults: 50}));
		expect(bySite.things!.length).toBe(50);
		expect(bySite.things!.every((t) => t.attributes!.site === 'osaka')).toBe(true);
		const byPrefix = await iot.send(
			new ListThingsCommand({attributeName: 'firmware', attributeValue: '1.5', usePrefixAttributeValue: true, maxResults: 50}),
		);
		expect(byPrefix.things!.every((t) => t.attributes!.firmware.startsWith('1.5'))).toBe(true);
		// The token carries the filter: the next page continues the same filtered listing.
		const next = await iot.send(new ListThingsCommand({thingTypeName: 'Gateway', maxResults: 100, nextToken: byType.nextToken}));
		expect(next.things!.every((t) => t.thingTypeName === 'Gateway')).toBe(true);
		expect(new Set([...byType.things!, ...next.things!].map((t) => t.thingName)).size).toBe(200);
	});

	it('describes a thing with its groups and principals, and the certificates back', async () => {
		const first = await iot.send(new ListThingsCommand({maxResults: 1}));
		const name = first.things![0].thingName!;
		const thing = await iot.send(new DescribeThingCommand({thingName: name}));
		expect(thing.thingName).toBe(name);
		expect(thing.defaultClientId).toBe(name);
		expect(thing.attributes).toHaveProperty('site');
		const groups = await iot.send(new ListThingGroupsForThingCommand({thingName: name}));
		expect(groups.thingGroups!.map((g) => g.groupName)).toContain(`site-${thing.attributes!.site}`);
		const principals = await iot.send(new ListThingPrincipalsCommand({thingName: name}));
		expect(principals.principals!.length).toBeGreaterThan(0);
		const certId = principals.principals![0].split('/')[1];
		const cert = await iot.send(new DescribeCertificateCommand({certificateId: certId}));
		expect(cert.certificateDescription!.certificateArn).toBe(principals.principals![0]);
		expect(cert.certificateDescription!.validity!.notAfter).toBeInstanceOf(Date);
		const policies = await iot.send(new ListAttachedPoliciesCommand({target: principals.principals![0]}));
		expect(policies.policies!.length).toBeGreaterThan(0);
		const policy = await iot.send(new GetPolicyCommand({policyName: policies.policies![0].policyName}));
		expect(JSON.parse(policy.policyDocument!)).toHaveProperty('Statement');
	});

	it('lists the things of a principal over the wire (principal in the x-amzn-principal header)', async () => {
		const first = await iot.send(new ListThingsCommand({maxResults: 1}));
		const name = first.things![0].thingName!;
		const principals = await iot.send(new ListThingPrincipalsCommand({thingName: name}));
		const things = await iot.send(new ListPrincipalThingsCommand({principal: principals.principals![0]}));
		expect(things.things).toContain(name);
	});

	it('pages certificates by marker, newest first by default, with validity dates around now', async () => {
		const total = sim.resources.certificates();
		const ids = new Set<string>();
		let marker: string | undefined;
		let previous = Infinity;
		let calls = 0;
		do {
			const page = await iot.send(new ListCertificatesCommand({pageSize: 250, marker}));
			for (const cert of page.certificates!) {
				ids.add(cert.certificateId!);
				expect(cert.creationDate!.getTime()).toBeLessThanOrEqual(previous);
				previous = cert.creationDate!.getTime();
			}
			marker = page.nextMarker;
			calls++;
		} while (marker && calls < 40);
		expect(ids.size).toBe(Math.min(total, 40 * 250));
		const ascending = await iot.send(new ListCertificatesCommand({pageSize: 5, ascendingOrder: true}));
		const times = ascending.certificates!.map((c) => c.creationDate!.getTime());
		expect([...times].sort((a, b) => a - b)).toEqual(times);

		// Expiry as a client computes it from DescribeCertificate.
		let expired = 0;
		let soon = 0;
		const statuses = new Set<string>();
		for (let c = 0; c < 400; c++) {
			const id = sim.resources.certificateAt(c)!.certificateId;
			const {certificateDescription: d} = await iot.send(new DescribeCertificateCommand({certificateId: id}));
			statuses.add(d!.status!);
			const left = d!.validity!.notAfter!.getTime() - START;
			if (left < 0) expired++;
			else if (left < 30 * DAY) soon++;
			expect(d!.validity!.notBefore!.getTime()).toBeLessThan(d!.validity!.notAfter!.getTime());
		}
		expect(expired).toBeGreaterThan(0);
		expect(soon).toBeGreaterThan(0);
		expect(expired + soon).toBeLessThan(100);
		expect(statuses).toContain('ACTIVE');
		expect(statuses).toContain('INACTIVE');
		expect(statuses).toContain('REVOKED');
	}, 60_000);

	it('counts seeded certificates expiring within 30 days', async () => {
		const thing = sim.resources.addThing({thingName: 'seeded-expiry-thing'});
		const cert = sim.resources.addCertificate({thingNames: [thing.thingName], notAfter: START + 10 * DAY, status: 'ACTIVE'});
		const d = await iot.send(new DescribeCertificateCommand({certificateId: cert.certificateId}));
		expect(d.certificateDescription!.validity!.notAfter!.getTime()).toBe(START + 10 * DAY);
		const principals = await iot.send(new ListThingPrincipalsCommand({thingName: thing.thingName}));
		expect(principals.principals).toEqual([cert.certificateArn]);
		// The newest certificate comes first in the default (descending) order.
		const newest = await iot.send(new ListCertificatesCommand({pageSize: 1}));
		expect(newest.certificates![0].certificateId).toBe(cert.certificateId);
	});

	it('lists CA certificates (one expiring soon), policies with versions, rules with actions', async () => {
		const cas = await iot.send(new ListCACertificatesCommand({pageSize: 2}));
		expect(cas.certificates!.length).toBe(2);
		expect(cas.nextMarker).toBeDefined();
		const rest = await iot.send(new ListCACertificatesCommand({pageSize: 2, marker: cas.nextMarker}));
		const all = [...cas.certificates!, ...rest.certificates!];
		let expiringSoon = 0;
		for (const ca of all) {
			const d = await iot.send(new DescribeCACertificateCommand({certificateId: ca.certificateId}));
			const left = d.certificateDescription!.validity!.notAfter!.getTime() - START;
			if (left > 0 && left < 30 * DAY) expiringSoon++;
		}
		expect(expiringSoon).toBe(1);

		const policies = await iot.send(new ListPoliciesCommand({pageSize: 3}));
		expect(policies.policies!.length).toBe(3);
		expect(policies.nextMarker).toBeDefined();
		const versions = await iot.send(new ListPolicyVersionsCommand({policyName: policies.policies![0].policyName}));
		expect(versions.policyVersions!.filter((v) => v.isDefaultVersion).length).toBe(1);

		const rules = await iot.send(new ListTopicRulesCommand({}));
		expect(rules.rules!.some((r) => r.ruleDisabled)).toBe(true);
		const disabled = await iot.send(new ListTopicRulesCommand({ruleDisabled: true}));
		expect(disabled.rules!.length).toBeGreaterThan(0);
		expect(disabled.rules!.every((r) => r.ruleDisabled)).toBe(true);
		const paged = await iot.send(new ListTopicRulesCommand({maxResults: 3}));
		expect(paged.rules!.length).toBe(3);
		expect(paged.nextToken).toBeDefined();
		const rule = await iot.send(new GetTopicRuleCommand({ruleName: 'alerts_to_lambda'}));
		expect(rule.rule!.sql).toContain('SELECT');
		expect(rule.rule!.actions![0].lambda!.functionArn).toContain('arn:aws:lambda');
		expect(rule.rule!.errorAction).toBeDefined();
		const byTopic = await iot.send(new ListTopicRulesCommand({topic: 'devices/sensor-000001/alerts'}));
		expect(byTopic.rules!.map((r) => r.ruleName)).toContain('alerts_to_lambda');
	});

	it('lists thing types and groups', async () => {
		const types = await iot.send(new ListThingTypesCommand({}));
		expect(types.thingTypes!.length).toBeGreaterThanOrEqual(4);
		expect(types.thingTypes!.some((t) => t.thingTypeMetadata!.deprecated)).toBe(true);
		expect(types.thingTypes![0].thingTypeMetadata!.creationDate).toBeInstanceOf(Date);
		const groups = await iot.send(new ListThingGroupsCommand({parentGroup: 'all-sites'}));
		expect(groups.thingGroups!.every((g) => g.groupName!.startsWith('site-'))).toBe(true);
	});

	it('answers SearchIndex with the query subset and pages by nextToken', async () => {
		const config = await iot.send(new GetIndexingConfigurationCommand({}));
		expect(config.thingIndexingConfiguration!.thingIndexingMode).toBe('REGISTRY');
		const disconnected = await iot.send(
			new SearchIndexCommand({queryString: 'connectivity.connected:false AND thingTypeName:Gateway', maxResults: 100}),
		);
		expect(disconnected.things!.length).toBe(100);
		for (const doc of disconnected.things!) {
			expect(doc.connectivity!.connected).toBe(false);
			expect(doc.thingTypeName).toBe('Gateway');
		}
		const next = await iot.send(
			new SearchIndexCommand({
				queryString: 'connectivity.connected:false AND thingTypeName:Gateway',
				maxResults: 100,
				nextToken: disconnected.nextToken,
			}),
		);
		const names = new Set([...disconnected.things!, ...next.things!].map((t) => t.thingName));
		expect(names.size).toBe(200);
		const prefix = await iot.send(new SearchIndexCommand({queryString: 'thingName:meter_* attributes.site:berlin', maxResults: 20}));
		expect(prefix.things!.length).toBe(20);
		expect(prefix.things!.every((t) => t.thingName!.startsWith('meter_') && t.attributes!.site === 'berlin')).toBe(true);
		await expect(iot.send(new SearchIndexCommand({queryString: 'thingName:x*', maxResults: 101}))).rejects.toMatchObject({
			name: 'InvalidRequestException',
		});
		sim.resources.setIndexing(false);
		try {
			await expect(iot.send(new SearchIndexCommand({queryString: 'thingName:x*'}))).rejects.toMatchObject({
				name: 'ResourceNotFoundException',
			});
			const off = await iot.send(new GetIndexingConfigurationCommand({}));
			expect(off.thingIndexingConfiguration!.thingIndexingMode).toBe('OFF');
		} finally {
			sim.resources.setIndexing(true);
		}
	});

	it('reports the V2 logging options', async () => {
		const options = await iot.send(new GetV2LoggingOptionsCommand({}));
		expect(options.defaultLogLevel).toBe('INFO');
		expect(options.disableAllLogs).toBe(false);
	});

	it('creates things with attributes over the wire, hostile strings included, and lists them', async () => {
		for (const [k, h] of hostile.entries()) {
			const name = `hostile-${k}`;
			await iot.send(new CreateThingCommand({thingName: name, attributePayload: {attributes: {note: h.text}}}));
			const back = await iot.send(new DescribeThingCommand({thingName: name}));
			expect(back.attributes!.note).toBe(h.text);
		}
		// A thing name that is itself hostile (no slash: it is a path segment).
		const weird = hostile.find((h) => !h.text.includes('/'))!.text;
		sim.resources.addThing({thingName: weird, attributes: {a: weird}});
		const back = await iot.send(new DescribeThingCommand({thingName: weird}));
		expect(back.thingName).toBe(weird);
		// Added things come after the generated ones in the listing.
		const tail = await iot.send(new ListThingsCommand({attributeName: 'note', maxResults: 250}));
		expect(tail.things!.map((t) => t.thingName)).toEqual(hostile.map((_, k) => `hostile-${k}`));
		await expect(
			iot.send(new CreateThingCommand({thingName: 'hostile-0', attributePayload: {attributes: {note: 'different'}}})),
		).rejects.toMatchObject({name: 'ResourceAlreadyExistsException'});
	});
});

describe('IoT routes (handlers)', () => {
	it('ListPrincipalThings reads the principal from the x-amzn-principal header', () => {
		const model = createResourceModel({seed: 2, things: 100, clock: createManualClock(START)});
		const route = iotRoutes(model).find((r) => r.operation === 'ListPrincipalThings')!;
		const thing = model.thingAt(10)!;
		const request = {params: {}, query: new URLSearchParams(), body: {}, headers: {'x-amzn-principal': thing.principals[0]}};
		expect(route.handler(request)).toMatchObject({things: [thing.thingName]});
	});
});
