// Fault injection for the simulator: throttling, latency, 5xx, AccessDenied, dropped
// connections, the whole endpoint down for a while, expired credentials, operations the
// endpoint does not implement. Rules are set at start (`--fault SPEC`) and at run time
// (tests: `sim.faults.add(...)`). Random faults draw from a PRNG seeded at creation, so a
// seed and a request sequence always give the same faults.

import {createRandom} from './scenario.js';
import type {SimService} from './contract.js';

export type FaultKind = 'throttle' | 'latency' | 'error' | 'denied' | 'drop' | 'down' | 'expired' | 'notimpl';

export type FaultRule = {
	/** `*`, a service (`logs`) or one operation (`logs:FilterLogEvents`); `*` for `down`. */
	target: string;
	kind: FaultKind;
	/** Probability 0..1 that a matching call gets the fault (throttle, error, denied, drop, expired). */
	rate: number;
	/** latency: added milliseconds. */
	ms?: number;
	/** error: 500 | 503; notimpl: 500 | 501. */
	status?: number;
	/** down: how long the whole endpoint is gone, seconds. */
	seconds?: number;
	/** down: epoch ms (wall clock of the controller) when the endpoint is back; set by add(). */
	until?: number;
};

/** What the server does with one call, decided before the handler runs. */
export type FaultDecision =
	| {action: 'none'; latencyMs: number}
	| {action: 'drop'; latencyMs: number}
	| {action: 'error'; latencyMs: number; status: number; code: string; message: string; kind: FaultKind};

export type FaultController = {
	/** Adds a rule (a FaultRule or a spec string); returns the rule as stored. */
	add(rule: FaultRule | string): FaultRule;
	/** Removes every rule of a target (and kind, when given). */
	remove(target: string, kind?: FaultKind): void;
	clear(): void;
	list(): FaultRule[];
	/** True while a `down` rule is in force. */
	isDown(): boolean;
	/** Decides the fault for one call (consumes random draws only for matching probabilistic rules). */
	decide(service: SimService | string, operation: string): FaultDecision;
};

const SERVICES = ['cloudwatch', 'logs', 'iot', 'cloudtrail', 'health'];
const ALLOWED =
	"allowed forms: 'TARGET=throttle[:RATE]', 'TARGET=latency:MS', 'TARGET=error[:500|503][:RATE]', " +
	"'TARGET=denied[:RATE]', 'TARGET=drop[:RATE]', 'TARGET=expired[:RATE]', 'TARGET=notimpl[:500|501]', " +
	"'down:SECONDS', where TARGET is '*', a service (cloudwatch, logs, iot, cloudtrail, health) or 'service:Operation' and RATE is 0..1";

function bad(text: string, why: string): Error {
	return new Error(`Fault spec '${text}' is invalid (${why}); ${ALLOWED}.`);
}

function parseRate(text: string, value: string | undefined): number {
	if (value === undefined || value === '') return 1;
	const rate = Number(value);
	if (!/^\d*\.?\d+$/.test(value) || !Number.isFinite(rate) || rate < 0 || rate > 1) {
		throw bad(text, `rate '${value}' is not a number from 0 to 1`);
	}
	return rate;
}

function parseTarget(text: string, target: string): string {
	if (target === '*') return target;
	const [service, operation, extra] = target.split(':');
	if (!SERVICES.includes(service)) throw bad(text, `unknown service '${service}'`);
	if (extra !== undefined) throw bad(text, `target '${target}' has too many ':'`);
	if (operation !== undefined && !/^[A-Z][A-Za-z0-9]*$/.test(operation)) {
		throw bad(text, `operation '${operation}' is not an operation name`);
	}
	return target;
}

/** Parses one `--fault` spec; throws an Error with one sentence naming the bad value. */
export function parseFaultSpec(text: string): FaultRule {
	const spec = text.trim();
	const downMatch = /^(?:\*=)?down:(.*)$/.exec(spec);
	if (downMatch) {
		const seconds = Number(downMatch[1]);
		if (downMatch[1] === '' || !Number.isFinite(seconds) || seconds <= 0) {
			throw bad(text, `seconds '${downMatch[1]}' is not a positive number`);
		}
		return {target: '*', kind: 'down', rate: 1, seconds};
	}
	const eq = spec.indexOf('=');
	if (eq <= 0) throw bad(text, "expected 'TARGET=KIND' or 'down:SECONDS'");
	const target = parseTarget(text, spec.slice(0, eq));
	const [kind, ...args] = spec.slice(eq + 1).split(':');
	const tooMany = (max: number) => {
		if (args.length > max) throw bad(text, `too many arguments for '${kind}'`);
	};
	switch (kind) {
		case 'throttle':
		case 'denied':
		case 'drop':
		case 'expired': {
			tooMany(1);
			return {target, kind, rate: parseRate(text, args[0])};
		}
		case 'latency': {
			tooMany(1);
			const ms = Number(args[0]);
			if (args[0] === undefined || args[0] === '' || !Number.isFinite(ms) || ms < 0) {
				throw bad(text, `latency '${args[0] ?? ''}' is not a number of milliseconds`);
			}
			return {target, kind, rate: 1, ms};
		}
		case 'error': {
			tooMany(2);
			let status = 500;
			let rateText: string | undefined;
			if (args[0] !== undefined && /^\d{3}$/.test(args[0])) {
				status = Number(args[0]);
				rateText = args[1];
			} else {
				if (args.length > 1) throw bad(text, `status '${args[0]}' is not 500 or 503`);
				rateText = args[0];
			}
			if (status !== 500 && status !== 503) throw bad(text, `status '${status}' is not 500 or 503`);
			return {target, kind, rate: parseRate(text, rateText), status};
		}
		case 'notimpl': {
			tooMany(1);
			const status = args[0] === undefined || args[0] === '' ? 501 : Number(args[0]);
			if (status !== 500 && status !== 501) throw bad(text, `status '${args[0]}' is not 500 or 501`);
			return {target, kind, rate: 1, status};
		}
		default:
			throw bad(text, `unknown fault kind '${kind}'`);
	}
}

/** Formats a rule back into its spec string. */
export function formatFaultRule(rule: FaultRule): string {
	switch (rule.kind) {
		case 'down':
			return `down:${rule.seconds}`;
		case 'latency':
			return `${rule.target}=latency:${rule.ms}`;
		case 'error':
			return `${rule.target}=error:${rule.status}:${rule.rate}`;
		case 'notimpl':
			return `${rule.target}=notimpl:${rule.status}`;
		default:
			return `${rule.target}=${rule.kind}:${rule.rate}`;
	}
}

export const DEMO_PRINCIPAL = 'arn:aws:iam::123456789012:user/demo';

/** The error a throttled call gets, as the service answers it. */
function throttleError(service: string): {status: number; code: string; message: string} {
	if (service === 'cloudwatch') return {status: 400, code: 'Throttling', message: 'Rate exceeded'};
	return {status: 400, code: 'ThrottlingException', message: 'Rate exceeded'};
}

function serverError(service: string, status: number): {status: number; code: string; message: string} {
	if (status === 503) {
		return {
			status,
			code: service === 'cloudwatch' ? 'ServiceUnavailable' : 'ServiceUnavailableException',
			message: 'Service Unavailable',
		};
	}
	const code = service === 'cloudwatch' ? 'InternalServiceError' : service === 'iot' ? 'InternalFailureException' : 'InternalFailure';
	return {status: 500, code, message: 'We encountered an internal error. Please try again.'};
}

export function createFaultController(
	options: {seed?: number; now?: () => number; rules?: Array<FaultRule | string>} = {},
): FaultController {
	const random = createRandom((options.seed ?? 1) ^ 0x5eed_fa17);
	const now = options.now ?? (() => Date.now());
	let rules: FaultRule[] = [];

	function matches(rule: FaultRule, service: string, operation: string): boolean {
		return rule.target === '*' || rule.target === service || rule.target === `${service}:${operation}`;
	}

	const controller: FaultController = {
		add(input) {
			const rule: FaultRule = typeof input === 'string' ? parseFaultSpec(input) : {...input};
			if (rule.kind === 'down') rule.until = now() + (rule.seconds ?? 0) * 1000;
			rules.push(rule);
			return rule;
		},
		remove(target, kind) {
			rules = rules.filter((rule) => !(rule.target === target && (kind === undefined || rule.kind === kind)));
		},
		clear() {
			rules = [];
		},
		list() {
			controller.isDown();
			return rules.map((rule) => ({...rule}));
		},
		isDown() {
			const t = now();
			// An expired `down` rule is removed: the endpoint is back.
			rules = rules.filter((rule) => rule.kind !== 'down' || (rule.until ?? 0) > t);
			return rules.some((rule) => rule.kind === 'down');
		},
		decide(service, operation) {
			if (rules.length === 0) return {action: 'none', latencyMs: 0};
			if (controller.isDown()) return {action: 'drop', latencyMs: 0};
			let latencyMs = 0;
			for (const rule of rules) {
				if (rule.kind === 'latency' && matches(rule, service, operation)) latencyMs += rule.ms ?? 0;
			}
			// The most specific rule wins: operation, then service, then '*'; within that, in order added.
			const specificity = (rule: FaultRule) => (rule.target === '*' ? 0 : rule.target.includes(':') ? 2 : 1);
			const candidates = rules
				.filter((rule) => rule.kind !== 'latency' && matches(rule, service, operation))
				.sort((a, b) => specificity(b) - specificity(a));
			for (const rule of candidates) {
				if (rule.rate < 1 && random() >= rule.rate) continue;
				const action = `${service}:${operation}`;
				switch (rule.kind) {
					case 'drop':
						return {action: 'drop', latencyMs};
					case 'throttle':
						return {action: 'error', latencyMs, kind: rule.kind, ...throttleError(service)};
					case 'error':
						return {action: 'error', latencyMs, kind: rule.kind, ...serverError(service, rule.status ?? 500)};
					case 'denied':
						return {
							action: 'error',
							latencyMs,
							kind: rule.kind,
							status: service === 'iot' ? 403 : 400,
							code: 'AccessDeniedException',
							message: `User: ${DEMO_PRINCIPAL} is not authorized to perform: ${action} because no identity-based policy allows the ${action} action`,
						};
					case 'expired':
						return {
							action: 'error',
							latencyMs,
							kind: rule.kind,
							status: service === 'iot' ? 403 : 400,
							code: 'ExpiredTokenException',
							message: 'The security token included in the request is expired',
						};
					case 'notimpl':
						return {
							action: 'error',
							latencyMs,
							kind: rule.kind,
							status: rule.status ?? 501,
							code: 'NotImplemented',
							message: `The API action ${operation} for service ${service} is not implemented by this endpoint`,
						};
					default:
						break;
				}
			}
			return {action: 'none', latencyMs};
		},
	};
	for (const rule of options.rules ?? []) controller.add(rule);
	return controller;
}
