// The one way tests build the app's engine and SDK clients against a simulator.
import {createClients, type AwsClients} from '../../source/aws/clients.js';
import type {EngineOptions, LiveSource} from '../../source/live/context.js';
import {Engine} from '../../source/live/engine.js';
import {defaultBoard} from '../../source/model/metricBoard.js';

export const TEST_CREDENTIALS = {accessKeyId: 'test', secretAccessKey: 'test'};

/** Real SDK clients aimed at a simulator's URL (static credentials, never the metadata service). */
export function clientsFor(url: string, overrides: {maxAttempts?: number; requestTimeout?: number} = {}): AwsClients {
	return createClients({endpointUrl: url, region: 'us-east-1', credentials: TEST_CREDENTIALS, ...overrides});
}

/** An engine with the defaults a user gets (default board, AWSIotLogsV2, demo source). */
export function testEngine(clients: AwsClients, overrides: Partial<EngineOptions> = {}, sources?: LiveSource[]): Engine {
	return new Engine(
		clients,
		{
			interval: 5000,
			windowMs: 3_600_000,
			metricSpecs: defaultBoard(60),
			logGroups: ['AWSIotLogsV2'],
			logBuffer: 10_000,
			resourcesInterval: 60_000,
			source: {demo: true, region: 'us-east-1'},
			...overrides,
		},
		sources,
	);
}

/**
 * Resolves once the store has told its listeners `count` times from now: each refresh cycle,
 * and each batch of updates within the notify delay, is one notification (and one render).
 */
export function notifications(engine: Engine, count = 1): Promise<void> {
	return new Promise((resolve) => {
		let heard = 0;
		const unsubscribe = engine.store.subscribe(() => {
			if (++heard < count) return;
			unsubscribe();
			resolve();
		});
	});
}
