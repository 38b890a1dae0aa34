// What a pane says for each kind of failure: one sentence, the fix, and how it is retried.
import {describe, expect, it} from 'vitest';
import {describeAwsError} from '../../source/aws/errors.js';

function awsError(name: string, message: string, status?: number): Error {
	const error = new Error(message) as Error & {$metadata: {httpStatusCode?: number}};
	error.name = name;
	error.$metadata = {httpStatusCode: status};
	return error;
}

describe('describeAwsError', () => {
	it.each([
		[awsError('ThrottlingException', 'Rate exceeded', 400), 'throttled', 'logs:FilterLogEvents is throttled by AWS; backing off and retrying.'],
		[awsError('Throttling', 'Rate exceeded', 400), 'throttled', 'logs:FilterLogEvents is throttled by AWS; backing off and retrying.'],
		[awsError('TooManyRequestsException', 'Too Many Requests', 429), 'throttled', 'logs:FilterLogEvents is throttled by AWS; backing off and retrying.'],
		[awsError('AccessDeniedException', 'User: x is not authorized', 400), 'denied', 'Access denied to logs:FilterLogEvents: allow the IAM action logs:FilterLogEvents for this role or user.'],
		[awsError('ExpiredTokenException', 'The security token included in the request is expired', 400), 'credentials', 'AWS credentials are expired or invalid: run `aws sso login --profile ops` (or refresh them); iot-top retries by itself.'],
		[
			awsError('CredentialsProviderError', 'The SSO session associated with this profile has expired or is otherwise invalid. To refresh this SSO session run aws sso login with the corresponding profile.'),
			'credentials',
			'AWS credentials are expired or invalid: run `aws sso login --profile ops` (or refresh them); iot-top retries by itself.',
		],
		[awsError('CredentialsProviderError', 'Could not load credentials from any providers'), 'credentials', 'No AWS credentials found: pass --profile, set AWS_PROFILE, or run `aws sso login --profile ops`.'],
		[awsError('NotImplemented', 'not implemented', 501), 'unavailable', 'logs:FilterLogEvents is not available from this endpoint.'],
		[awsError('InternalFailure', 'API for service logs not yet implemented', 500), 'unavailable', 'logs:FilterLogEvents is not available from this endpoint.'],
		[awsError('ServiceUnavailable', 'Service Unavailable', 503), 'transient', 'Cannot reach AWS for logs:FilterLogEvents (HTTP 503 ServiceUnavailable); retrying.'],
		[Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:4566'), {code: 'ECONNREFUSED'}), 'transient', 'Cannot reach AWS for logs:FilterLogEvents (ECONNREFUSED); retrying.'],
		[awsError('TimeoutError', 'Connection timed out after 3000 ms'), 'transient', 'Cannot reach AWS for logs:FilterLogEvents (TimeoutError); retrying.'],
		[awsError('InvalidParameterException', 'bad \u001b]0;pwned\u0007 filter'), 'failed', 'logs:FilterLogEvents failed: InvalidParameterException (bad  filter).'],
		[new TypeError("Cannot read properties of undefined (reading 'x')"), 'failed', "logs:FilterLogEvents failed: TypeError (Cannot read properties of undefined (reading 'x'))."],
		['a thrown string', 'failed', 'logs:FilterLogEvents failed: Error (a thrown string).'],
	] as Array<[unknown, string, string]>)('%s -> %s', (error, kind, message) => {
		const described = describeAwsError(error, 'logs:FilterLogEvents', {profile: 'ops', now: 1});
		expect(described.kind).toBe(kind);
		expect(described.message).toBe(message);
		expect(described.message).not.toMatch(/[\u0000-\u001F\u007F-\u009F]/);
	});
});
