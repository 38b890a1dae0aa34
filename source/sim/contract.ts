// The contract between the simulator's HTTP layer (server.ts) and the per-service handlers
// (cloudwatch.ts, logs.ts, iot.ts). The server decodes the wire protocol, counts the call,
// applies faults, and calls a handler; a handler works on the fleet model and returns plain
// JSON or throws SimError, which the server encodes the way the service's protocol does.

/** The IAM service prefix: also the first half of every call-count key ("logs:FilterLogEvents"). */
export type SimService = 'cloudwatch' | 'logs' | 'iot' | 'cloudtrail' | 'health';

/** Thrown by a handler; encoded as an AWS-shaped error of the service's protocol. */
export class SimError extends Error {
	constructor(
		/** AWS error code, e.g. 'ResourceNotFoundException', 'InvalidParameterException'. */
		readonly code: string,
		message: string,
		readonly status = 400,
	) {
		super(message);
		this.name = code;
	}
}

/** The simulator's notion of now. Real time by default; tests drive a manual clock. */
export type SimClock = {
	now(): number;
};

export type ManualClock = SimClock & {
	set(epochMs: number): void;
	advance(ms: number): void;
};

export function createManualClock(startMs: number): ManualClock {
	let now = startMs;
	return {
		now: () => now,
		set(epochMs) {
			now = epochMs;
		},
		advance(ms) {
			now += ms;
		},
	};
}

export const realClock: SimClock = {now: () => Date.now()};

/** JSON protocols (CloudWatch JSON 1.0, Logs JSON 1.1): one handler per operation name. */
// The input is whatever JSON the SDK sent; each handler validates the fields it reads.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type JsonOperation = (input: any) => unknown | Promise<unknown>;
export type JsonOperations = Record<string, JsonOperation>;

/** REST-JSON (IoT): a route per operation. */
export type RestRequest = {
	/** Path parameters, URI-decoded, from `{name}` segments of the pattern. */
	params: Record<string, string>;
	query: URLSearchParams;
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	body: any;
	/** Request headers (lower-case names), for operations that take an input in a header. */
	headers?: Record<string, string | string[] | undefined>;
};

export type RestRoute = {
	method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
	/** e.g. '/things/{thingName}' ; `{name+}` matches the rest of the path. */
	pattern: string;
	operation: string;
	handler: (request: RestRequest) => unknown | Promise<unknown>;
	/** HTTP status of a success; 200 unless the operation says otherwise. */
	successStatus?: number;
};
