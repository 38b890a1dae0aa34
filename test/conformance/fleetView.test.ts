// Conformance: the Fleet view against moto, which implements SearchIndex and the indexing
// configuration but not the aggregations (GetStatistics, GetBucketsAggregation answer an HTML
// 500): iot-top shows what it can, says "not available from this endpoint" for the rest, and
// never a 0. With moto's indexing off (its default) the view says so once. docs/conformance.md
// lists what moto does differently.
import {CreateThingCommand, UpdateIndexingConfigurationCommand} from '@aws-sdk/client-iot';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {AwsClients} from '../../source/aws/clients.js';
import {searchThingsPage} from '../../source/aws/resources.js';
import {fleetSource} from '../../source/live/sources/fleet.js';
import {fleetLines} from '../../source/ui/panes/resources/fleetLines.js';
import {clientsFor, testEngine} from '../helpers/engine.js';
import {motoAvailability, startMoto, type MotoServer} from '../helpers/moto.js';

const moto = motoAvailability();

describe.runIf(moto.available)('Fleet view against moto', () => {
	let server: MotoServer;
	let clients: AwsClients;

	beforeAll(async () => {
		server = await startMoto();
		clients = clientsFor(server.url);
		for (const name of ['gw-moto-1', 'gw-moto-2', 'sensor-moto-1']) {
			await clients.iot.send(new CreateThingCommand({thingName: name, attributePayload: {attributes: {firmware: '1.0.0'}}}));
		}
	}, 60_000);

	afterAll(async () => {
		clients?.destroy();
		await server?.stop();
	});

	async function view() {
		const engine = testEngine(clients, {}, [fleetSource]);
		await engine.refreshAll();
		const fleet = engine.store.getSnapshot().sources.fleet;
		engine.stop();
		const text = fleetLines(fleet, 118, Date.now())
			.map((line) => line.map((segment) => segment.text).join(''))
			.join('\n');
		return {fleet, text};
	}

	it("with moto's indexing off (its default) says so once and asks for nothing more", async () => {
		const {fleet, text} = await view();
		expect(fleet.mode?.thingIndexingMode).toBe('OFF');
		expect(text.match(/Fleet indexing is off/g)).toHaveLength(1);
		expect(fleet.connected.value).toBeUndefined();
	});

	it('with indexing on: the aggregations are not available from this endpoint (never 0); SearchIndex answers', async () => {
		await clients.iot.send(
			new UpdateIndexingConfigurationCommand({
				thingIndexingConfiguration: {thingIndexingMode: 'REGISTRY', thingConnectivityIndexingMode: 'STATUS'},
			}),
		);
		const {fleet, text} = await view();
		expect(fleet.mode).toMatchObject({thingIndexingMode: 'REGISTRY', connectivityMode: 'STATUS'});
		for (const figure of [fleet.connected, fleet.disconnected, fleet.reasons, fleet.byType, fleet.byGroup, fleet.recentCount]) {
			expect(figure.value).toBeUndefined();
			expect(figure.error?.kind).toBe('unavailable');
		}
		// SearchIndex answers (moto matches no connectivity query: the list is empty, not failed).
		expect(fleet.recent.error).toBeUndefined();
		expect(fleet.recent.value?.things).toEqual([]);
		expect(text).toMatch(/Connected\s+not available from this endpoint/);
		expect(text).toMatch(/Disconnected\s+not available from this endpoint/);
		expect(text).toMatch(/Disconnect reasons not available from this endpoint/);
		expect(text).not.toMatch(/Connected\s+0\b/);
	});

	it("reads moto's connectivity timestamps (seconds, where AWS documents milliseconds) as the time they are, not January 1970", async () => {
		const page = await searchThingsPage(clients, 'thingName:gw-moto*');
		expect(page.rows.map((row) => row.name).sort()).toEqual(['gw-moto-1', 'gw-moto-2']);
		for (const row of page.rows) {
			expect(row.connectedSince).toBeDefined();
			expect(Math.abs(row.connectedSince! - Date.now())).toBeLessThan(24 * 3_600_000);
		}
	});
});
