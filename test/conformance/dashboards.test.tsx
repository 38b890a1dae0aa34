// Conformance: the metric browser and CloudWatch dashboards against moto's server. Metrics
// (PutMetricData into custom namespaces, more than one ListMetrics page of them) and dashboards
// (PutDashboard) are seeded over the wire; iot-top must show them as it shows the simulator's.
// What moto does differently is listed in docs/conformance.md (rows 38-43).
import {PutDashboardCommand, PutMetricDataCommand, type MetricDatum} from '@aws-sdk/client-cloudwatch';
import React from 'react';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import type {AwsClients} from '../../source/aws/clients.js';
import type {Engine} from '../../source/live/engine.js';
import {App} from '../../source/ui/App.js';
import {clientsFor, testEngine} from '../helpers/engine.js';
import {motoAvailability, startMoto, type MotoServer} from '../helpers/moto.js';
import {renderAt, stripAnsi, type Rendered} from '../helpers/render.js';

const moto = motoAvailability({quiet: true});
const MINUTE = 60_000;
/** More series than one ListMetrics page holds (500). */
const BULK = 510;

let server: MotoServer | undefined;
let clients: AwsClients | undefined;
let engine: Engine | undefined;
let rendered: Rendered | undefined;

async function putMetricData(client: AwsClients, namespace: string, data: MetricDatum[]): Promise<void> {
	// At most 20 datapoints a call: moto cannot read the gzip the SDK sends for larger bodies (docs/conformance.md, row 2).
	for (let offset = 0; offset < data.length; offset += 20) {
		await client.cloudwatch.send(new PutMetricDataCommand({Namespace: namespace, MetricData: data.slice(offset, offset + 20)}));
	}
}

describe.skipIf(!moto.available)('the metric browser and dashboards against moto', () => {
	beforeAll(async () => {
		server = await startMoto();
		const client = clientsFor(server.url, {maxAttempts: 1});
		const now = Date.now();
		const minutes = Array.from({length: 10}, (_, index) => now - (index + 1) * MINUTE);
		await putMetricData(
			client,
			'Fleet',
			minutes.flatMap((at, index) => [
				{MetricName: 'Temperature', Dimensions: [{Name: 'Site', Value: 'lab'}], Timestamp: new Date(at), Value: 20 + index},
				{MetricName: 'Temperature', Dimensions: [{Name: 'Site', Value: 'dock'}], Timestamp: new Date(at), Value: 5},
			]),
		);
		await putMetricData(client, 'Archive', [{MetricName: 'OldJobs', Timestamp: new Date(now - 5 * 60 * MINUTE), Value: 1}]);
		await putMetricData(
			client,
			'Bulk',
			Array.from({length: BULK}, (_, index) => ({
				MetricName: 'Jobs',
				Dimensions: [{Name: 'Worker', Value: `w${String(index).padStart(3, '0')}`}],
				Timestamp: new Date(now - MINUTE),
				Value: 1,
			})),
		);
		await client.cloudwatch.send(
			new PutDashboardCommand({
				DashboardName: 'fleet-ops',
				DashboardBody: JSON.stringify({
					widgets: [
						{type: 'text', properties: {markdown: '# Fleet'}},
						{
							type: 'metric',
							properties: {
								title: 'Temperatures',
								region: 'us-east-1',
								stat: 'Maximum',
								period: 60,
								metrics: [
									['Fleet', 'Temperature', 'Site', 'lab'],
									['.', '.', '.', 'dock', {label: 'Dock'}],
									[{expression: 'm1 * 2', label: 'Lab doubled'}],
								],
							},
						},
					],
				}),
			}),
		);
		// moto takes a body without widgets (AWS refuses it: row 39).
		await client.cloudwatch.send(new PutDashboardCommand({DashboardName: 'no-widgets', DashboardBody: '{"a": 1}'}));
		client.destroy();
	}, 120_000);

	afterEach(() => {
		rendered?.unmount();
		rendered = undefined;
		engine?.stop();
		engine = undefined;
		clients?.destroy();
		clients = undefined;
	});

	afterAll(async () => {
		await server?.stop();
	});

	const until = async (what: (text: string) => boolean) => stripAnsi(await rendered!.waitForFrame((text) => what(stripAnsi(text)), 20_000));

	it('browses the seeded namespaces (every ListMetrics page), drills down and previews a series', async () => {
		clients = clientsFor(server!.url, {maxAttempts: 1});
		engine = testEngine(clients, {logGroups: [], metricSpecs: []});
		await engine.refreshAll();
		rendered = renderAt(<App engine={engine} initialPane="metrics" initialZoom />, {columns: 120, rows: 36});
		await rendered.press('a');
		let text = await until((text) => text.includes('3 namespaces'));
		expect(text).toMatch(/ Bulk +510 series/);
		expect(text).toMatch(/ Fleet +2 series/);
		// moto ignores RecentlyActive=PT3H (row 38): Archive, quiet for 5 hours, is listed as active too.
		expect(text).toMatch(/●\s+Archive +1 series/);
		expect(engine.store.getSnapshot().sources.metrics.catalog!.pages).toBeGreaterThanOrEqual(4);
		await rendered.send('/', 'F', 'l', 'e', 'enter', 'enter', 'enter');
		text = await until((text) => text.includes('Site=lab'));
		expect(text).toContain('Site=dock');
		text = await until((text) => /[▁-█]+ +5 +↓5 ↑5/.test(text));
		expect(text).toContain('Fleet › Temperature');
	});

	it('--dashboard shows the dashboard seeded with PutDashboard; an unknown one and a body without widgets say why', async () => {
		clients = clientsFor(server!.url, {maxAttempts: 1});
		engine = testEngine(clients, {logGroups: [], dashboard: 'fleet-ops'});
		await engine.refreshAll();
		rendered = renderAt(<App engine={engine} initialPane="metrics" initialZoom />, {columns: 120, rows: 36});
		let text = await until((text) => text.includes('─ Temperatures'));
		expect(text).toContain('Metrics dashboard fleet-ops');
		expect(text).toContain('Skipped widgets: text');
		expect(text).toMatch(/Temperature lab +20 [▁-█ ]+↓20 ↑29/);
		expect(text).toMatch(/Dock +5 [▁-█ ]+↓5 ↑5/);
		// moto evaluates no metric math but a bare id (row 11): the expression reads unknown, not "no data".
		expect(text).toMatch(/Lab doubled +unknown/);

		engine.start();
		await rendered.press('D');
		text = await until((text) => text.includes('2 dashboards'));
		expect(text).toContain('fleet-ops');
		await rendered.send('j', 'enter');
		text = await until((text) => text.includes('no-widgets could not be read'));
		expect(text).toContain('⚠ Dashboard no-widgets could not be read: its body has no "widgets" list.');
		expect(text).toContain('─ Temperatures');

		rendered.unmount();
		engine.stop();
		engine = testEngine(clients, {logGroups: [], dashboard: 'nope'});
		await engine.refreshAll();
		expect(engine.store.getSnapshot().sources.metrics.dashboards?.failed).toBe(
			'Dashboard nope could not be read: this account has no dashboard of that name in us-east-1.',
		);
	});
});
