// The simulator's CloudWatch dashboards over the wire, as the SDK sees them: ListDashboards with
// a prefix and NextToken paging, GetDashboard's not-found error (DashboardNotFoundError, query
// code ResourceNotFound, HTTP 404), PutDashboard's validation; and dashboard text that is hostile
// reaches the board sanitized.
import {
	DashboardInvalidInputError,
	GetDashboardCommand,
	ListDashboardsCommand,
	PutDashboardCommand,
	type DashboardEntry,
} from '@aws-sdk/client-cloudwatch';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {AwsClients} from '../../source/aws/clients.js';
import {fetchDashboardBoard} from '../../source/aws/dashboards.js';
import {startSimulator, type Simulator} from '../../source/sim/index.js';
import {hasControlSequences} from '../../source/terminal/sanitize.js';
import {clientsFor} from '../helpers/engine.js';
import {loadHostileStrings} from '../helpers/hostile.js';

let simulator: Simulator;
let clients: AwsClients;

beforeAll(async () => {
	simulator = await startSimulator({port: 0, empty: true});
	clients = clientsFor(simulator.url, {maxAttempts: 1});
});

afterAll(async () => {
	clients.destroy();
	await simulator.close();
});

const body = (title: string) => JSON.stringify({widgets: [{type: 'metric', properties: {title, metrics: [['Fleet', 'Temperature']]}}]});

async function failure(promise: Promise<unknown>): Promise<Error & {$metadata?: {httpStatusCode?: number}}> {
	try {
		await promise;
	} catch (error) {
		return error as Error;
	}
	throw new Error('expected the call to fail');
}

describe('CloudWatch dashboards in the simulator', () => {
	it('ListDashboards: a prefix, NextToken pages, and each entry with its ARN, LastModified and Size', async () => {
		for (const name of ['ops-a', 'ops-b', 'ops-c', 'team-x', 'ops-d']) {
			const answer = await clients.cloudwatch.send(new PutDashboardCommand({DashboardName: name, DashboardBody: body(name)}));
			expect(answer.DashboardValidationMessages).toEqual([]);
		}
		simulator.limits.listDashboardsPageSize = 2;
		const pages: DashboardEntry[][] = [];
		let token: string | undefined;
		do {
			const page = await clients.cloudwatch.send(new ListDashboardsCommand({DashboardNamePrefix: 'ops-', NextToken: token}));
			pages.push(page.DashboardEntries ?? []);
			token = page.NextToken;
		} while (token);
		simulator.limits.listDashboardsPageSize = 1000;
		expect(pages.map((page) => page.map((entry) => entry.DashboardName))).toEqual([
			['ops-a', 'ops-b'],
			['ops-c', 'ops-d'],
		]);
		const first = pages[0][0];
		expect(first.DashboardArn).toBe('arn:aws:cloudwatch::123456789012:dashboard/ops-a');
		expect(first.LastModified).toBeInstanceOf(Date);
		expect(first.Size).toBe(Buffer.byteLength(body('ops-a')));
	});

	it('GetDashboard of a missing dashboard: ResourceNotFound, HTTP 404, as the SDK models DashboardNotFoundError', async () => {
		const error = await failure(clients.cloudwatch.send(new GetDashboardCommand({DashboardName: 'nope'})));
		expect(error.name).toBe('ResourceNotFound');
		expect(error.$metadata?.httpStatusCode).toBe(404);
		expect(error.message).toBe('Dashboard does not exist');
		const found = await clients.cloudwatch.send(new GetDashboardCommand({DashboardName: 'ops-a'}));
		expect(found.DashboardBody).toBe(body('ops-a'));
	});

	it.each([
		['not JSON', 'nope{'],
		['no widgets', '{"a": 1}'],
		['a widget of no known type', '{"widgets": [{"type": "chart"}]}'],
	])('PutDashboard refuses a body with %s (DashboardInvalidInputError, InvalidParameterInput)', async (_, text) => {
		const error = await failure(clients.cloudwatch.send(new PutDashboardCommand({DashboardName: 'bad', DashboardBody: text})));
		expect(error).toBeInstanceOf(DashboardInvalidInputError);
		expect(error.$metadata?.httpStatusCode).toBe(400);
		expect(error.message).toMatch(/DashboardBody/);
		await expect(clients.cloudwatch.send(new GetDashboardCommand({DashboardName: 'bad'}))).rejects.toThrow('Dashboard does not exist');
	});

	it('hostile titles, labels, names and expressions reach the board sanitized where drawn (aws/dashboards.ts)', async () => {
		const hostile = loadHostileStrings();
		await clients.cloudwatch.send(
			new PutDashboardCommand({
				DashboardName: 'hostile',
				DashboardBody: JSON.stringify({
					widgets: hostile.map(({text}) => ({
						type: 'metric',
						properties: {title: text, metrics: [['Fleet', text || 'x', {label: text}], [{expression: text || 'm1', label: text}]]},
					})),
				}),
			}),
		);
		const read = await fetchDashboardBoard(clients, 'hostile', 'us-east-1');
		if ('error' in read) throw new Error(read.error);
		expect(read.board.specs).toHaveLength(hostile.length * 2);
		for (const spec of read.board.specs) {
			expect(hasControlSequences(spec.label)).toBe(false);
			expect(hasControlSequences(spec.group!)).toBe(false);
			// What the chart draws of the query (the expression, the metric's name) is sanitized; the query itself is not.
			expect(hasControlSequences(spec.shownAs!)).toBe(false);
		}
		expect(read.board.specs.some((spec) => hasControlSequences(spec.math?.expression ?? spec.metricName))).toBe(true);
	});
});
