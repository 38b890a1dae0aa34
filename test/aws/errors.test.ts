// What a pane says for each kind of failure: one sentence naming what failed, never a promise
// to retry (the one-shot snapshot prints it as it is). The errors are the SDK's own: a tiny
// HTTP server answers each protocol the way a broken or partial endpoint does, and moto
// answers an operation it does not implement.
import http from 'node:http';
import type {AddressInfo} from 'node:net';
import {DescribeAlarmsCommand} from '@aws-sdk/client-cloudwatch';
import {FilterLogEventsCommand} from '@aws-sdk/client-cloudwatch-logs';
import {ListCACertificatesCommand} from '@aws-sdk/client-iot';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {fetchAlarmHistory} from '../../source/aws/alarms.js';
import type {AwsClients} from '../../source/aws/clients.js';
import {describeAwsError} from '../../source/aws/errors.js';
import {fetchCertificatesPage, fetchThingsPage} from '../../source/aws/resources.js';
import {clientsFor} from '../helpers/engine.js';
import {MOTO_AVAILABLE, startMoto, type MotoServer} from '../helpers/moto.js';

function awsError(name: string, message: string, status?: number): Error {
	const error = new Error(message) as Error & {$metadata: {httpStatusCode?: number}};
	error.name = name;
	error.$metadata = {httpStatusCode: status};
	return error;
}

describe('describeAwsError', () => {
	it.each([
		[awsError('ThrottlingException', 'Rate exceeded', 400), 'throttled', 'logs:FilterLogEvents is throttled by AWS.'],
		[awsError('Throttling', 'Rate exceeded', 400), 'throttled', 'logs:FilterLogEvents is throttled by AWS.'],
		[awsError('TooManyRequestsException', 'Too Many Requests', 429), 'throttled', 'logs:FilterLogEvents is throttled by AWS.'],
		[
			awsError('AccessDeniedException', 'User: x is not authorized', 400),
			'denied',
			'Access denied to logs:FilterLogEvents: allow the IAM action logs:FilterLogEvents for this role or user.',
		],
		[
			awsError('ExpiredTokenException', 'The security token included in the request is expired', 400),
			'credentials',
			'AWS credentials are expired or invalid: run `aws sso login --profile ops` (or refresh them).',
		],
		[
			awsError(
				'CredentialsProviderError',
				'The SSO session associated with this profile has expired or is otherwise invalid. To refresh this SSO session run aws sso login with the corresponding profile.',
			),
			'credentials',
			'AWS credentials are expired or invalid: run `aws sso login --profile ops` (or refresh them).',
		],
		[
			awsError('CredentialsProviderError', 'Could not load credentials from any providers'),
			'credentials',
			'No AWS credentials found: pass --profile, set AWS_PROFILE, or run `aws sso login --profile ops`.',
		],
		[awsError('NotImplemented', 'not implemented', 501), 'unavailable', 'logs:FilterLogEvents is not available from this endpoint.'],
		[
			awsError('UnknownOperationException', 'Unknown operation', 400),
			'unavailable',
			'logs:FilterLogEvents is not available from this endpoint.',
		],
		[
			awsError('InvalidAction', 'The action FilterLogEvents is not valid for this web service', 400),
			'unavailable',
			'logs:FilterLogEvents is not available from this endpoint.',
		],
		[
			awsError('InternalFailure', 'API for service logs not yet implemented', 500),
			'unavailable',
			'logs:FilterLogEvents is not available from this endpoint.',
		],
		[
			awsError('ServiceUnavailable', 'Service Unavailable', 503),
			'transient',
			'AWS had a server error on logs:FilterLogEvents (HTTP 503 ServiceUnavailable).',
		],
		[
			Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:4566'), {code: 'ECONNREFUSED'}),
			'transient',
			'Cannot reach AWS for logs:FilterLogEvents (ECONNREFUSED).',
		],
		[
			awsError('TimeoutError', 'Connection timed out after 3000 ms'),
			'transient',
			'Cannot reach AWS for logs:FilterLogEvents (TimeoutError).',
		],
		[
			awsError('ResourceNotFoundException', 'The specified log group does not exist.', 400),
			'failed',
			'logs:FilterLogEvents: The specified log group does not exist.',
		],
		[
			Object.assign(new Error('getaddrinfo ENOTFOUND logs.example.com'), {code: 'ENOTFOUND'}),
			'transient',
			'Cannot reach AWS for logs:FilterLogEvents (ENOTFOUND).',
		],
		[
			awsError('InvalidParameterException', 'bad \u001b]0;pwned\u0007 filter'),
			'failed',
			'logs:FilterLogEvents failed: InvalidParameterException (bad  filter).',
		],
		[
			new TypeError("Cannot read properties of undefined (reading 'x')"),
			'failed',
			"logs:FilterLogEvents failed: TypeError (Cannot read properties of undefined (reading 'x')).",
		],
		['a thrown string', 'failed', 'logs:FilterLogEvents failed: Error (a thrown string).'],
	] as Array<[unknown, string, string]>)('%s -> %s', (error, kind, message) => {
		const described = describeAwsError(error, 'logs:FilterLogEvents', {profile: 'ops', now: 1});
		expect(described.kind).toBe(kind);
		expect(described.message).toBe(message);
		expect(described.message).not.toMatch(/[\u0000-\u001F\u007F-\u009F]/);
		// The one-shot snapshot prints these sentences: none promises a retry.
		expect(described.message).not.toMatch(/retr(y|ies)/i);
	});
});

type Answer = {status: number; contentType: string; body: string};

const HTML_500: Answer = {
	status: 500,
	contentType: 'text/html; charset=utf-8',
	body: '<!doctype html>\n<title>500 Internal Server Error</title>\n<h1>Internal Server Error</h1>',
};
const PLAIN_500: Answer = {status: 500, contentType: 'text/plain', body: 'Internal Server Error'};
const HTML_501: Answer = {status: 501, contentType: 'text/html', body: '<html><body>Not Implemented</body></html>'};
const HTML_502: Answer = {status: 502, contentType: 'text/html', body: '<html><body><h1>502 Bad Gateway</h1></body></html>'};
const HTML_404: Answer = {status: 404, contentType: 'text/html', body: '<html><body>Not Found</body></html>'};
const JSON_500: Answer = {
	status: 500,
	contentType: 'application/json',
	body: '{"__type":"InternalFailure","message":"We encountered an internal error. Please try again."}',
};

describe('what the SDK throws for an answer that is not AWS JSON, on each protocol', () => {
	let server: http.Server;
	let clients: AwsClients;
	let answer: Answer = HTML_500;

	beforeAll(async () => {
		server = http.createServer((request, response) => {
			request.resume();
			request.on('end', () => {
				response.writeHead(answer.status, {'content-type': answer.contentType, 'x-amzn-requestid': 'test'});
				response.end(answer.body);
			});
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		clients = clientsFor(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, {maxAttempts: 1});
	});

	afterAll(async () => {
		clients?.destroy();
		await new Promise((resolve) => server?.close(resolve));
	});

	const calls: Array<[string, string, (clients: AwsClients) => Promise<unknown>]> = [
		['CloudWatch (JSON 1.0, query-compatible)', 'cloudwatch:DescribeAlarms', async (c) => c.cloudwatch.send(new DescribeAlarmsCommand({}))],
		[
			'CloudWatch Logs (JSON 1.1)',
			'logs:FilterLogEvents',
			async (c) => c.logs.send(new FilterLogEventsCommand({logGroupName: 'AWSIotLogsV2'})),
		],
		['IoT (REST-JSON)', 'iot:ListCACertificates', async (c) => c.iot.send(new ListCACertificatesCommand({}))],
	];

	async function failure(call: (clients: AwsClients) => Promise<unknown>): Promise<unknown> {
		try {
			await call(clients);
		} catch (error) {
			return error;
		}
		throw new Error('the call did not fail');
	}

	describe.each(calls)('%s', (_protocol, operation, call) => {
		it.each([
			['an HTML 500 page', HTML_500],
			['a plain-text 500', PLAIN_500],
			['an HTML 501 page', HTML_501],
		])('%s: the operation is not available from this endpoint', async (_name, given) => {
			answer = given;
			const error = await failure(call);
			// What the SDK really throws: a deserialization failure with the status, no AWS error name.
			expect((error as Error).name).toBe('SyntaxError');
			const described = describeAwsError(error, 'fallback:Operation');
			expect(described).toMatchObject({kind: 'unavailable', operation, message: `${operation} is not available from this endpoint.`});
		});

		it('an HTML 502 from a gateway is a passing outage', async () => {
			answer = HTML_502;
			const described = describeAwsError(await failure(call), 'fallback:Operation');
			expect(described.kind).toBe('transient');
			expect(described.message).toBe(`Cannot reach AWS for ${operation} (HTTP 502 from something that is not AWS).`);
		});

		it('an HTML 404 is a wrong endpoint, said so', async () => {
			answer = HTML_404;
			const described = describeAwsError(await failure(call), 'fallback:Operation');
			expect(described.kind).toBe('failed');
			expect(described.message).toBe(
				`${operation} failed: the endpoint answered HTTP 404 with a body that is not an AWS response; check --endpoint-url.`,
			);
		});

		it('a 500 with a proper AWS JSON error (InternalFailure) stays a passing server error', async () => {
			answer = JSON_500;
			const error = await failure(call);
			expect((error as Error).name).toBe('InternalFailure');
			const described = describeAwsError(error, 'fallback:Operation');
			expect(described.kind).toBe('transient');
			expect(described.message).toBe(`AWS had a server error on ${operation} (HTTP 500 InternalFailure).`);
		});
	});
});

describe.skipIf(!MOTO_AVAILABLE)('against moto, which lacks ListCACertificates and DescribeAlarmHistory', () => {
	let moto: MotoServer;
	let clients: AwsClients;

	beforeAll(async () => {
		moto = await startMoto();
		clients = clientsFor(moto.url, {maxAttempts: 1});
	}, 30_000);

	afterAll(async () => {
		clients?.destroy();
		await moto?.stop();
	});

	it('ListCACertificates is not available from this endpoint; ListThings works', async () => {
		await expect(fetchThingsPage(clients)).resolves.toMatchObject({rows: []});
		const error = await fetchCertificatesPage(clients, true).then(
			() => undefined,
			(error: unknown) => error,
		);
		expect(describeAwsError(error, 'iot:ListCACertificates')).toMatchObject({
			kind: 'unavailable',
			message: 'iot:ListCACertificates is not available from this endpoint.',
		});
	});

	it('DescribeAlarmHistory is not available from this endpoint', async () => {
		const error = await fetchAlarmHistory(clients, 'any').then(
			() => undefined,
			(error: unknown) => error,
		);
		expect(describeAwsError(error, 'cloudwatch:DescribeAlarmHistory')).toMatchObject({
			kind: 'unavailable',
			message: 'cloudwatch:DescribeAlarmHistory is not available from this endpoint.',
		});
	});
});
