// The one place that builds the SDK clients. Demo, tests and production differ only in
// the endpoint and the credentials handed in here; everything else goes through the real
// SDK over HTTP, with the SDK's own (adaptive) retries.
import {CloudWatchClient} from '@aws-sdk/client-cloudwatch';
import {CloudWatchLogsClient} from '@aws-sdk/client-cloudwatch-logs';
import {IoTClient} from '@aws-sdk/client-iot';
import type {CloudTrailClient} from '@aws-sdk/client-cloudtrail';
import type {HealthClient} from '@aws-sdk/client-health';

export type Connection = {
	region?: string;
	profile?: string;
	endpointUrl?: string;
	/** Static credentials: the demo and tests use these, production uses the default chain. */
	credentials?: {accessKeyId: string; secretAccessKey: string; sessionToken?: string};
	maxAttempts?: number;
	/** Per-request timeout, ms. */
	requestTimeout?: number;
};

/** Counts what the app asks of AWS, for the header (calls/min, throttles) and the benchmarks. */
export type CallStats = {
	/** HTTP attempts, including the SDK's retries: what AWS bills and throttles. */
	attempts: number;
	/** Operations that ended in a throttling error after the SDK's retries. */
	throttles: number;
	byOperation: Record<string, number>;
	/** Epoch ms of each attempt in the last minute, for calls/min. */
	recent: number[];
};

export type AwsClients = {
	cloudwatch: CloudWatchClient;
	logs: CloudWatchLogsClient;
	iot: IoTClient;
	/** CloudTrail (the Changes view): loaded on first use, so start-up does not pay for it. */
	cloudtrail(): Promise<CloudTrailClient>;
	/** AWS Health: its global endpoint is in us-east-1, whatever region the rest uses. Loaded on first use. */
	health(): Promise<HealthClient>;
	stats: CallStats;
	/** The region the clients use (resolved from flags, env or profile). */
	region(): Promise<string>;
	destroy(): void;
};

const THROTTLING_CODES = new Set([
	'Throttling',
	'ThrottlingException',
	'ThrottledException',
	'TooManyRequestsException',
	'RequestLimitExceeded',
	'LimitExceededException',
	'RequestThrottled',
	'RequestThrottledException',
	'SlowDown',
]);

export function isThrottlingError(error: unknown): boolean {
	if (!(error instanceof Error)) return false;
	const status = (error as {$metadata?: {httpStatusCode?: number}}).$metadata?.httpStatusCode;
	return THROTTLING_CODES.has(error.name) || status === 429 || /rate exceeded/i.test(error.message);
}

const silentLogger = {
	trace() {},
	debug() {},
	info() {},
	warn() {},
	error() {},
};

type MiddlewareClient = {
	middlewareStack: {
		add(middleware: unknown, options: {step: string; name: string; priority?: string}): void;
		remove(name: string): boolean;
	};
};

const OPERATION = Symbol('iot-top operation');

/** The IAM action ("logs:FilterLogEvents") of the call that threw this error, if an SDK call did. */
export function operationOf(error: unknown): string | undefined {
	return error instanceof Error ? (error as Error & {[OPERATION]?: string})[OPERATION] : undefined;
}

function instrument(client: MiddlewareClient, service: string, stats: CallStats): void {
	// The SDK's logger middleware deep-copies every request and response (to mask sensitive
	// fields) before handing them to the logger, which here drops them: a second copy of every
	// 1 MB log page. Nothing is logged, so nothing is copied.
	client.middlewareStack.remove('loggerMiddleware');
	const operationName = (context: {commandName?: string}) => `${service}:${(context.commandName ?? 'Unknown').replace(/Command$/, '')}`;
	// finalizeRequest runs once per HTTP attempt (inside the retry loop).
	client.middlewareStack.add(
		(next: (args: unknown) => Promise<unknown>, context: {commandName?: string}) => async (args: unknown) => {
			const now = Date.now();
			stats.attempts++;
			stats.recent.push(now);
			while (stats.recent.length > 0 && stats.recent[0] < now - 60_000) stats.recent.shift();
			const operation = operationName(context);
			stats.byOperation[operation] = (stats.byOperation[operation] ?? 0) + 1;
			return next(args);
		},
		{step: 'finalizeRequest', name: 'iotTopCallCounter'},
	);
	// initialize wraps the whole operation, retries included: the error a source sees.
	client.middlewareStack.add(
		(next: (args: unknown) => Promise<unknown>, context: {commandName?: string}) => async (args: unknown) => {
			try {
				return await next(args);
			} catch (error) {
				if (isThrottlingError(error)) stats.throttles++;
				if (error instanceof Error) (error as Error & {[OPERATION]?: string})[OPERATION] = operationName(context);
				throw error;
			}
		},
		{step: 'initialize', name: 'iotTopErrorTagger'},
	);
}

export function createClients(connection: Connection): AwsClients {
	const common = {
		region: connection.region,
		profile: connection.profile,
		endpoint: connection.endpointUrl,
		credentials: connection.credentials,
		retryMode: 'adaptive',
		maxAttempts: connection.maxAttempts ?? 3,
		logger: silentLogger,
		// Each command's middleware chain is put together once, not on every call (the SDK's own
		// option; the stacks are complete before the first call, see instrument()).
		cacheMiddleware: true,
		requestHandler: {
			connectionTimeout: 3000,
			requestTimeout: connection.requestTimeout ?? 15_000,
			throwOnRequestTimeout: true,
		},
	};
	const stats: CallStats = {attempts: 0, throttles: 0, byOperation: {}, recent: []};
	const cloudwatch = new CloudWatchClient(common);
	// StartLiveTail prefixes the host with "stream-": wrong for any local endpoint.
	const logs = new CloudWatchLogsClient({...common, disableHostPrefix: connection.endpointUrl !== undefined});
	const iot = new IoTClient(common);
	instrument(cloudwatch as unknown as MiddlewareClient, 'cloudwatch', stats);
	instrument(logs as unknown as MiddlewareClient, 'logs', stats);
	instrument(iot as unknown as MiddlewareClient, 'iot', stats);
	let cloudtrail: Promise<CloudTrailClient> | undefined;
	let health: Promise<HealthClient> | undefined;
	const destroyLater = (client: Promise<{destroy(): void}> | undefined) =>
		void client?.then(
			(loaded) => loaded.destroy(),
			() => undefined,
		);
	return {
		cloudwatch,
		logs,
		iot,
		cloudtrail() {
			cloudtrail ??= import('@aws-sdk/client-cloudtrail').then(({CloudTrailClient}) => {
				const client = new CloudTrailClient(common);
				instrument(client as unknown as MiddlewareClient, 'cloudtrail', stats);
				return client;
			});
			return cloudtrail;
		},
		health() {
			health ??= import('@aws-sdk/client-health').then(({HealthClient}) => {
				// AWS Health answers on its global endpoint, in us-east-1 (an --endpoint-url serves every service).
				const client = new HealthClient({...common, region: connection.endpointUrl ? common.region : 'us-east-1'});
				instrument(client as unknown as MiddlewareClient, 'health', stats);
				return client;
			});
			return health;
		},
		stats,
		region: async () => {
			try {
				return await cloudwatch.config.region();
			} catch {
				return connection.region ?? 'unknown region';
			}
		},
		destroy() {
			cloudwatch.destroy();
			logs.destroy();
			iot.destroy();
			destroyLater(cloudtrail);
			destroyLater(health);
		},
	};
}
