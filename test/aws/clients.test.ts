// The SDK clients as the app builds them.
import {describe, expect, it} from 'vitest';
import {createClients} from '../../source/aws/clients.js';

describe('createClients', () => {
	it('leaves out the SDK logger middleware, which deep-copies every response for a logger that drops it', () => {
		const clients = createClients({
			endpointUrl: 'http://127.0.0.1:9',
			region: 'us-east-1',
			credentials: {accessKeyId: 't', secretAccessKey: 't'},
		});
		for (const client of [clients.cloudwatch, clients.logs, clients.iot]) {
			const names = client.middlewareStack.identify();
			expect(names.some((name) => name.startsWith('deserializerMiddleware'))).toBe(true);
			expect(names.filter((name) => name.startsWith('loggerMiddleware'))).toEqual([]);
		}
		clients.destroy();
	});
});
