// AWS errors become data: one sentence a pane can show, with what to do about it.
import {sanitizeText} from '../terminal/sanitize.js';
import {isThrottlingError} from './clients.js';

export type SourceError = {
	message: string;
	/** The SDK's error name, e.g. AccessDeniedException. */
	code: string;
	throttled: boolean;
	at: number;
};

type AwsLikeError = Error & {$metadata?: {httpStatusCode?: number}; Code?: string; code?: string};

export function describeAwsError(error: unknown, operation: string, now = Date.now()): SourceError {
	const failure = (error instanceof Error ? error : new Error(String(error))) as AwsLikeError;
	const code = failure.name && failure.name !== 'Error' ? failure.name : (failure.code ?? failure.Code ?? 'Error');
	const status = failure.$metadata?.httpStatusCode;
	const throttled = isThrottlingError(failure);
	let message: string;
	if (throttled) {
		message = `${operation} is being throttled by AWS; backing off and retrying.`;
	} else if (/AccessDenied|UnauthorizedOperation|NotAuthorized/i.test(code)) {
		message = `Access denied to ${operation}: allow the IAM action ${operation} for this role or user.`;
	} else if (/ExpiredToken|TokenRefreshRequired|ExpiredTokenException/i.test(code) || /token .*expired/i.test(failure.message)) {
		message = `AWS credentials expired: run \`aws sso login\` (or refresh the credentials) and iot-top retries by itself.`;
	} else if (code === 'CredentialsProviderError' || /Could not load credentials/i.test(failure.message)) {
		message = 'No AWS credentials found: pass --profile, set AWS_PROFILE, or run `aws sso login`.';
	} else if (status === 501 || code === 'NotImplemented' || code === 'UnknownOperationException') {
		message = `${operation} is not available from this endpoint.`;
	} else if (code === 'ResourceNotFoundException') {
		message = `${operation}: ${oneLine(failure.message) || 'resource not found'}.`;
	} else if (/ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ECONNRESET|socket hang up|TimeoutError|ETIMEDOUT/i.test(`${code} ${failure.message}`)) {
		message = `Cannot reach AWS for ${operation} (${oneLine(failure.message) || code}); retrying.`;
	} else {
		message = `${operation} failed: ${code}${failure.message ? ` (${oneLine(failure.message)})` : ''}.`;
	}
	return {message, code, throttled, at: now};
}

function oneLine(text: string): string {
	// Error text can echo request data: it is untrusted like any other AWS text.
	return sanitizeText(text, 200);
}
