// Things listed from the simulator over HTTP: rows whose attributes are the same share one
// frozen attributes object, so a list of 100,000 things keeps each attribute set once.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {createClients, type AwsClients} from '../../source/aws/clients.js';
import {fetchThingsPage, searchThingsPage} from '../../source/aws/resources.js';
import {createManualClock} from '../../source/sim/contract.js';
import {startSimulator, type Simulator} from '../../source/sim/index.js';

describe('listed things share their attribute sets', () => {
	let simulator: Simulator;
	let clients: AwsClients;

	beforeAll(async () => {
		simulator = await startSimulator({
			port: 0,
			seed: 5,
			things: 10_000,
			clock: createManualClock(Date.UTC(2026, 2, 10)),
			logRate: 1,
			historyMinutes: 1,
		});
		clients = createClients({endpointUrl: simulator.url, region: 'us-east-1', credentials: {accessKeyId: 'test', secretAccessKey: 'test'}});
	});

	afterAll(async () => {
		clients?.destroy();
		await simulator?.close();
	});

	it.each([
		['SearchIndex', async (token?: string) => searchThingsPage(clients, 'thingName:*', token)],
		['ListThings', async (token?: string) => fetchThingsPage(clients, {}, token)],
	])('%s: one frozen object per distinct attribute set, across pages', async (_api, page) => {
		const rows = [];
		let token: string | undefined;
		do {
			const next = await page(token);
			rows.push(...next.rows);
			token = next.nextToken;
		} while (token && rows.length < 1000);
		expect(rows.length).toBeGreaterThanOrEqual(1000);
		const sets = new Map<string, Set<object>>();
		for (const row of rows) {
			expect(Object.keys(row.attributes)).toEqual(['model', 'firmware', 'site']);
			const key = JSON.stringify(row.attributes);
			if (!sets.has(key)) sets.set(key, new Set());
			sets.get(key)!.add(row.attributes);
		}
		// The simulator's fleet has far fewer attribute sets than things.
		expect(sets.size).toBeLessThan(rows.length / 4);
		for (const objects of sets.values()) expect(objects.size).toBe(1);
		expect(Object.isFrozen(rows[0].attributes)).toBe(true);
	});
});
