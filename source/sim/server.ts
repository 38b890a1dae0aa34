// The simulator's HTTP layer: one server on 127.0.0.1 that speaks the three wire protocols
// of AWS.md. `POST /` with `X-Amz-Target` goes to a JSON operation table (CloudWatch JSON 1.0
// query-compatible, Logs JSON 1.1); every other request is matched against the REST routes
// (IoT REST-JSON). Every call is counted by "<service>:<Operation>" and passes through the
// fault controller before its handler runs.

import http from 'node:http';
import type {AddressInfo, Socket} from 'node:net';
import {gunzipSync} from 'node:zlib';
import {SimError, type JsonOperations, type RestRoute, type SimService} from './contract.js';
import type {FaultController} from './faults.js';

/** A handler result the server pipes as the response body (event streams, e.g. StartLiveTail). */
export type StreamResult = {
	__stream: AsyncIterable<Uint8Array>;
	contentType: string;
	headers?: Record<string, string>;
};

export function streamResult(
	stream: AsyncIterable<Uint8Array>,
	contentType = 'application/vnd.amazon.eventstream',
	headers?: Record<string, string>,
): StreamResult {
	return {__stream: stream, contentType, headers};
}

export function isStreamResult(value: unknown): value is StreamResult {
	return typeof value === 'object' && value !== null && '__stream' in value;
}

export type JsonService = {
	service: SimService;
	/** X-Amz-Target prefix, e.g. 'GraniteServiceVersion20100801'. */
	targetPrefix: string;
	/** '1.0' | '1.1' */
	jsonVersion: string;
	operations: JsonOperations;
	/** CloudWatch: send `x-amzn-query-error: Code;Sender` with errors. */
	queryCompatible?: boolean;
};

export type ServerOptions = {
	host?: string;
	port?: number;
	json: JsonService[];
	rest?: {service: SimService; routes: RestRoute[]};
	faults?: FaultController;
	/** Called before every call is handled (lazy work such as alarm evaluation). */
	onRequest?: () => void;
	/** Counts of the simulated world read with the call counts (events ingested per log group). */
	stats?: () => Record<string, number>;
};

export type SimServer = {
	url: string;
	port: number;
	calls(): Record<string, number>;
	resetCalls(): void;
	close(): Promise<void>;
};

/** Simulator-only endpoint with the call counts (GET) and their reset (DELETE). */
export const SIM_CALLS_PATH = '/__sim/calls';
export const CLOUDWATCH_TARGET = 'GraniteServiceVersion20100801';
export const LOGS_TARGET = 'Logs_20140328';

/** CloudWatch's query-compatible error codes (from the SDK model's awsQueryError traits). */
const QUERY_ERROR_CODES: Record<string, string> = {
	InvalidParameterValueException: 'InvalidParameterValue',
	InvalidParameterCombinationException: 'InvalidParameterCombination',
	MissingRequiredParameterException: 'MissingParameter',
	ValidationException: 'ValidationError',
	LimitExceededFault: 'LimitExceeded',
	LimitExceededException: 'LimitExceededException',
	InvalidNextToken: 'InvalidNextToken',
	ResourceNotFound: 'ResourceNotFound',
	InternalServiceFault: 'InternalServiceError',
	InvalidFormatFault: 'InvalidFormat',
	ConcurrentModificationException: 'ConcurrentModificationException',
	Throttling: 'Throttling',
	ServiceUnavailable: 'ServiceUnavailable',
	InternalServiceError: 'InternalServiceError',
	DashboardNotFoundError: 'ResourceNotFound',
	DashboardInvalidInputError: 'InvalidParameterInput',
};

type CompiledRoute = {route: RestRoute; regex: RegExp; names: string[]};

function compileRoute(route: RestRoute): CompiledRoute {
	const names: string[] = [];
	const source = route.pattern
		.split('/')
		.map((segment) => {
			const greedy = /^\{(\w+)\+\}$/.exec(segment);
			if (greedy) {
				names.push(greedy[1]);
				return '(.+)';
			}
			const label = /^\{(\w+)\}$/.exec(segment);
			if (label) {
				names.push(label[1]);
				return '([^/]+)';
			}
			return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
		})
		.join('/');
	return {route, regex: new RegExp(`^${source}/?$`), names};
}

let requestCounter = 0;
function requestId(): string {
	requestCounter = (requestCounter + 1) >>> 0;
	const hex = requestCounter.toString(16).padStart(12, '0');
	return `5f1c0ad8-7d3a-4b2e-9c1f-${hex}`;
}

function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

async function readBody(request: http.IncomingMessage): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of request) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks);
}

/** The request's body as sent before its Content-Encoding. */
function decodeBody(request: http.IncomingMessage, body: Buffer): string {
	// The SDK gzips the bodies of operations with the requestCompression trait (PutMetricData)
	// from 10 KiB on, with Content-Encoding: gzip, as AWS accepts them.
	const encoding = String(request.headers['content-encoding'] ?? '').toLowerCase();
	if (!encoding.split(',').some((part) => part.trim() === 'gzip')) return body.toString('utf8');
	try {
		return gunzipSync(body).toString('utf8');
	} catch {
		throw new SimError('SerializationException', 'Could not decompress the gzip-encoded request body.');
	}
}

export async function startServer(options: ServerOptions): Promise<SimServer> {
	const counts = new Map<string, number>();
	// What a call's cost depends on, beside the call: metrics requested (GetMetricData is billed
	// per metric) and log events returned, as "<service>:<Op>.metrics" / ".events" / ".bytes", and
	// ".fullPages": pages that came with a nextToken though the caller asked for the service's
	// whole page (no `limit` below 10,000): cut by 10,000 events, 1 MB or the scan, so the data
	// needed them. Read with the calls at SIM_CALLS_PATH.
	const items = new Map<string, number>();
	function countItems(key: string, result: unknown, input: unknown) {
		if (typeof result !== 'object' || result === null) return;
		const {MetricDataResults, events, nextToken} = result as {MetricDataResults?: unknown; events?: unknown; nextToken?: unknown};
		const add = (name: string, n: number) => items.set(name, (items.get(name) ?? 0) + n);
		if (Array.isArray(MetricDataResults)) add(`${key}.metrics`, MetricDataResults.length);
		if (Array.isArray(events)) {
			add(`${key}.events`, events.length);
			// The size a page is capped by (1 MB): message bytes plus 26 per event, as AWS counts.
			let bytes = 0;
			for (const event of events as Array<{message?: unknown}>)
				bytes += (typeof event?.message === 'string' ? Buffer.byteLength(event.message) : 0) + 26;
			add(`${key}.bytes`, bytes);
			const limit = (input as {limit?: unknown} | undefined)?.limit;
			if (nextToken && (typeof limit !== 'number' || limit >= 10_000)) add(`${key}.fullPages`, 1);
		}
	}
	const byTarget = new Map<string, JsonService>();
	for (const service of options.json) byTarget.set(service.targetPrefix, service);
	const routes = (options.rest?.routes ?? []).map(compileRoute);
	const restService = options.rest?.service ?? 'iot';
	const sockets = new Set<Socket>();

	const count = (key: string) => counts.set(key, (counts.get(key) ?? 0) + 1);

	function send(response: http.ServerResponse, status: number, headers: Record<string, string>, body: string) {
		if (response.destroyed) return;
		const payload = Buffer.from(body, 'utf8');
		response.writeHead(status, {
			'x-amzn-RequestId': requestId(),
			'Content-Length': String(payload.length),
			...headers,
		});
		response.end(payload);
	}

	type Protocol = {kind: 'json'; service: JsonService} | {kind: 'rest'};

	function sendError(
		response: http.ServerResponse,
		protocol: Protocol,
		error: {status: number; code: string; message: string; auth?: boolean},
	) {
		const body = JSON.stringify({__type: error.code, message: error.message});
		if (protocol.kind === 'json') {
			const headers: Record<string, string> = {'Content-Type': `application/x-amz-json-${protocol.service.jsonVersion}`};
			// Errors of the service itself carry CloudWatch's query-compatible code; errors of the
			// auth layer in front of it (AccessDenied, ExpiredToken) do not.
			if (protocol.service.queryCompatible && !error.auth) {
				const queryCode = QUERY_ERROR_CODES[error.code] ?? error.code;
				headers['x-amzn-query-error'] = `${queryCode};${error.status >= 500 ? 'Receiver' : 'Sender'}`;
			}
			send(response, error.status, headers, body);
		} else {
			send(response, error.status, {'Content-Type': 'application/json', 'x-amzn-ErrorType': error.code}, body);
		}
	}

	async function sendResult(response: http.ServerResponse, protocol: Protocol, result: unknown, status: number) {
		if (isStreamResult(result)) {
			response.writeHead(status, {'Content-Type': result.contentType, 'x-amzn-RequestId': requestId(), ...result.headers});
			const iterator = result.__stream[Symbol.asyncIterator]();
			const stop = () => {
				void iterator.return?.();
			};
			response.on('close', stop);
			try {
				for (;;) {
					const next = await iterator.next();
					if (next.done || response.destroyed) break;
					if (!response.write(next.value)) {
						await new Promise<void>((resolve) => {
							const done = () => {
								response.off('drain', done);
								response.off('close', done);
								resolve();
							};
							response.on('drain', done);
							response.on('close', done);
						});
					}
				}
			} finally {
				response.off('close', stop);
				if (!response.destroyed) response.end();
			}
			return;
		}
		const contentType = protocol.kind === 'json' ? `application/x-amz-json-${protocol.service.jsonVersion}` : 'application/json';
		send(response, status, {'Content-Type': contentType}, result === undefined ? '{}' : JSON.stringify(result));
	}

	async function handle(request: http.IncomingMessage, response: http.ServerResponse) {
		const url = new URL(request.url ?? '/', 'http://127.0.0.1');
		// Simulator-only (no AWS API has it): the call counts for tools in another process
		// (`npm run bench`); GET reads them, DELETE resets them. Never counted itself. The
		// world's own counts (`stats`) come with them and are never reset.
		if (url.pathname === SIM_CALLS_PATH) {
			request.resume();
			if (request.method === 'DELETE') {
				counts.clear();
				items.clear();
			}
			send(
				response,
				200,
				{'Content-Type': 'application/json'},
				JSON.stringify({calls: Object.fromEntries(counts), items: Object.fromEntries(items), stats: options.stats?.() ?? {}}),
			);
			return;
		}
		const target = request.headers['x-amz-target'];
		let protocol: Protocol;
		let service: string;
		let operation: string;
		let invoke: (() => unknown) | undefined;
		let successStatus = 200;
		let bodyPromise: Promise<Buffer> | undefined;
		// A JSON call's parsed input, for countItems.
		let requestInput: unknown;

		if (request.method === 'POST' && typeof target === 'string' && url.pathname === '/') {
			const dot = target.lastIndexOf('.');
			const prefix = dot > 0 ? target.slice(0, dot) : target;
			operation = dot > 0 ? target.slice(dot + 1) : '';
			const jsonService = byTarget.get(prefix);
			if (jsonService) {
				protocol = {kind: 'json', service: jsonService};
				service = jsonService.service;
				const handler = Object.prototype.hasOwnProperty.call(jsonService.operations, operation)
					? jsonService.operations[operation]
					: undefined;
				if (handler) {
					bodyPromise = readBody(request);
					invoke = async () => {
						const raw = decodeBody(request, await bodyPromise!);
						let input: unknown = {};
						if (raw.trim() !== '') {
							try {
								input = JSON.parse(raw);
							} catch {
								throw new SimError('SerializationException', 'Could not parse the request body as JSON.');
							}
						}
						requestInput = input;
						return handler(input ?? {});
					};
				}
			} else {
				protocol = {kind: 'json', service: {service: 'cloudwatch', targetPrefix: prefix, jsonVersion: '1.1', operations: {}}};
				service = 'unknown';
			}
		} else {
			protocol = {kind: 'rest'};
			service = restService;
			operation = '';
			const path = url.pathname;
			for (const compiled of routes) {
				if (compiled.route.method !== request.method) continue;
				const match = compiled.regex.exec(path);
				if (!match) continue;
				const params: Record<string, string> = {};
				compiled.names.forEach((name, i) => {
					try {
						params[name] = decodeURIComponent(match[i + 1]);
					} catch {
						params[name] = match[i + 1];
					}
				});
				operation = compiled.route.operation;
				successStatus = compiled.route.successStatus ?? 200;
				const route = compiled.route;
				bodyPromise = readBody(request);
				invoke = async () => {
					const raw = decodeBody(request, await bodyPromise!);
					let body: unknown = {};
					if (raw.trim() !== '') {
						try {
							body = JSON.parse(raw);
						} catch {
							throw new SimError('SerializationException', 'Could not parse the request body as JSON.');
						}
					}
					return route.handler({params, query: url.searchParams, body, headers: request.headers});
				};
				break;
			}
			if (!invoke) operation = `${request.method ?? 'GET'} ${path}`;
		}

		count(`${service}:${operation}`);
		// Drain the body of calls that will not read it, so keep-alive connections stay usable.
		if (!bodyPromise) request.resume();
		options.onRequest?.();

		const decision = options.faults?.decide(service, operation) ?? {action: 'none', latencyMs: 0};
		if (decision.latencyMs > 0) await sleep(decision.latencyMs);
		if (decision.action === 'drop') {
			request.socket.destroy();
			return;
		}
		if (decision.action === 'error') {
			const auth = decision.kind === 'denied' || decision.kind === 'expired';
			sendError(response, protocol, {status: decision.status, code: decision.code, message: decision.message, auth});
			return;
		}
		if (!invoke) {
			if (protocol.kind === 'json') {
				sendError(response, protocol, {status: 400, code: 'UnknownOperationException', message: ''});
			} else {
				sendError(response, protocol, {
					status: 404,
					code: 'UnknownOperationException',
					message: `No route for ${request.method} ${url.pathname}`,
				});
			}
			return;
		}
		try {
			const result = await invoke();
			countItems(`${service}:${operation}`, result, requestInput);
			await sendResult(response, protocol, result, successStatus);
		} catch (error) {
			if (error instanceof SimError) {
				sendError(response, protocol, {status: error.status, code: error.code, message: error.message});
			} else {
				const message = error instanceof Error ? error.message : String(error);
				sendError(response, protocol, {
					status: 500,
					code: protocol.kind === 'json' && protocol.service.queryCompatible ? 'InternalServiceError' : 'InternalFailure',
					message: `Internal error in the simulator: ${message}`,
				});
			}
		}
	}

	const server = http.createServer({keepAlive: true}, (request, response) => {
		handle(request, response).catch((error: unknown) => {
			if (!response.headersSent && !response.destroyed) {
				send(response, 500, {'Content-Type': 'application/json'}, JSON.stringify({__type: 'InternalFailure', message: String(error)}));
			} else {
				response.destroy();
			}
		});
	});
	server.keepAliveTimeout = 30_000;
	server.headersTimeout = 35_000;
	server.requestTimeout = 0;
	server.on('connection', (socket: Socket) => {
		// While the endpoint is down, a new connection is cut at once (a refused endpoint).
		if (options.faults?.isDown()) {
			socket.destroy();
			return;
		}
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	server.on('clientError', (_error, socket) => {
		socket.destroy();
	});

	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
			server.off('error', reject);
			resolve();
		});
	});
	const address = server.address() as AddressInfo;
	const host = options.host ?? '127.0.0.1';

	return {
		url: `http://${host}:${address.port}`,
		port: address.port,
		calls: () => Object.fromEntries(counts),
		resetCalls: () => counts.clear(),
		close: () =>
			new Promise<void>((resolve) => {
				server.close(() => resolve());
				for (const socket of sockets) socket.destroy();
				server.closeAllConnections();
			}),
	};
}
