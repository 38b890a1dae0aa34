// Logs Insights results enter the app sanitized: field names and values from a hostile log line
// (escape sequences, line breaks, bidi controls) reach the model as plain, safe text.
import {CreateLogGroupCommand, CreateLogStreamCommand, PutLogEventsCommand} from '@aws-sdk/client-cloudwatch-logs';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {AwsClients} from '../../source/aws/clients.js';
import {fetchInsightsResults, startInsightsQuery} from '../../source/aws/insights.js';
import {createManualClock} from '../../source/sim/contract.js';
import {startSimulator, type Simulator} from '../../source/sim/index.js';
import {hasControlSequences} from '../../source/terminal/sanitize.js';
import {clientsFor} from '../helpers/engine.js';
import {loadHostileStrings} from '../helpers/hostile.js';

const hostile = loadHostileStrings();
const now = Date.UTC(2026, 11, 6, 9, 0, 0);
let simulator: Simulator;
let clients: AwsClients;

beforeAll(async () => {
	simulator = await startSimulator({port: 0, empty: true, clock: createManualClock(now), insights: {scheduledMs: 0, runningMs: 0}});
	clients = clientsFor(simulator.url, {maxAttempts: 1});
	await clients.logs.send(new CreateLogGroupCommand({logGroupName: 'g'}));
	await clients.logs.send(new CreateLogStreamCommand({logGroupName: 'g', logStreamName: 's'}));
	const logEvents = hostile.map(({text}, index) => ({
		timestamp: now - 10_000 + index,
		message: JSON.stringify({status: 'Failure', clientId: text, reason: text, [`k${index}${text}`]: 1}),
	}));
	await clients.logs.send(new PutLogEventsCommand({logGroupName: 'g', logStreamName: 's', logEvents}));
});

afterAll(async () => {
	clients?.destroy();
	await simulator?.close();
});

describe('Logs Insights results (aws/insights.ts)', () => {
	it('sanitizes every field name and value of hostile log lines', async () => {
		const end = Math.floor(now / 1000);
		const byClient = await startInsightsQuery(clients, {
			groups: ['g'],
			startTime: end - 60,
			endTime: end,
			queryString: 'filter status = "Failure" | stats count(*) as failures by clientId, reason',
		});
		const rows = (await fetchInsightsResults(clients, byClient)).rows;
		const events = (
			await fetchInsightsResults(
				clients,
				await startInsightsQuery(clients, {groups: ['g'], startTime: end - 60, endTime: end, queryString: 'fields @message'}),
			)
		).rows;
		expect(rows.length).toBeGreaterThan(0);
		expect(events).toHaveLength(hostile.length);
		for (const row of [...rows, ...events])
			for (const [field, value] of Object.entries(row)) {
				expect(hasControlSequences(field), field).toBe(false);
				expect(hasControlSequences(value), value).toBe(false);
			}
		// Counts stay counts.
		expect(rows.every((row) => /^\d+$/.test(row.failures))).toBe(true);
	});
});
