// AWS errors become data: one sentence naming what failed (and the fix, where one is known:
// the IAM action, `aws sso login`), and a kind the engine uses to decide how to retry and the
// live panes use to say how they retry. The sentence never promises a retry itself: the
// one-shot snapshot prints it as it is.
import {sanitizeText} from '../terminal/sanitize.js';
import {isThrottlingError, operationOf} from './clients.js';

export type ErrorKind =
	/** AWS asks us to slow down: back off exponentially. */
	| 'throttled'
	/** Not allowed: the IAM action is missing. Retried at the normal cadence (policies change). */
	| 'denied'
	/** Credentials missing or expired: retried each tick, so `aws sso login` fixes it by itself. */
	| 'credentials'
	/** The endpoint does not implement the operation: the feature is off, the rest works. */
	| 'unavailable'
	/** Network, timeout, 5xx: retried at the normal cadence, so recovery is within one interval. */
	| 'transient'
	/** Anything else (bad request, a bug): shown, retried at the cadence. */
	| 'failed';

export type SourceError = {
	message: string;
	/** The SDK's error name, e.g. AccessDeniedException. */
	code: string;
	kind: ErrorKind;
	throttled: boolean;
	/** The operation that failed, e.g. "logs:FilterLogEvents". */
	operation: string;
	at: number;
};

type AwsLikeError = Error & {$metadata?: {httpStatusCode?: number}; Code?: string; code?: string; $fault?: string};

// The system's codes as whole words and in capitals: "ResourceNotFoundException" holds "eNotFound".
const NETWORK_CODE = /\b(?:ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ECONNRESET|EPIPE|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH)\b/;
const NETWORK_TEXT = /socket hang up|TimeoutError|RequestTimeout|timed? ?out|network/i;

export type ErrorContext = {
	/** The profile in use, for the `aws sso login --profile P` hint. */
	profile?: string;
	now?: number;
};

/**
 * True when the SDK could not read the answer as an AWS error: a body that is HTML or plain
 * text (a web server's page, an emulator's crash page), which the SDK reports as a
 * SyntaxError ("Deserialization error") carrying only the HTTP status.
 */
function isUnparsableAnswer(failure: AwsLikeError): boolean {
	return (
		failure.name === 'SyntaxError' ||
		/Deserialization error|could not parse|is not valid JSON|unexpected (token|end of)/i.test(failure.message)
	);
}

/**
 * One sentence that states what failed, without promising a retry: the one-shot snapshot
 * prints it as it is, the live panes add how they retry (see the UI's pane status).
 */
export function describeAwsError(error: unknown, fallbackOperation: string, context: ErrorContext = {}): SourceError {
	const failure = (error instanceof Error ? error : new Error(String(error))) as AwsLikeError;
	const operation = operationOf(failure) ?? fallbackOperation;
	const code = sanitizeText(failure.name && failure.name !== 'Error' ? failure.name : (failure.code ?? failure.Code ?? 'Error'), 80);
	const status = failure.$metadata?.httpStatusCode;
	const detail = sanitizeText(failure.message, 200);
	const profileHint = context.profile ? ` --profile ${context.profile}` : '';
	const unparsable = status !== undefined && isUnparsableAnswer(failure);
	let kind: ErrorKind;
	let message: string;
	if (isThrottlingError(failure)) {
		kind = 'throttled';
		message = `${operation} is throttled by AWS.`;
	} else if (
		!unparsable &&
		(/AccessDenied|UnauthorizedOperation|NotAuthorized|^Unauthorized|Forbidden/i.test(code) || (status === 403 && !/token/i.test(detail)))
	) {
		kind = 'denied';
		message = `Access denied to ${operation}: allow the IAM action ${operation} for this role or user.`;
	} else if (
		/ExpiredToken|TokenRefreshRequired|InvalidClientTokenId|UnrecognizedClient|InvalidSignature|SignatureDoesNotMatch|InvalidGrant|SSOTokenProvider/i.test(
			code,
		) ||
		/token .*(expired|invalid)|sso session .*expired|expired.*token/i.test(detail)
	) {
		kind = 'credentials';
		message = `AWS credentials are expired or invalid: run \`aws sso login${profileHint}\` (or refresh them).`;
	} else if (code === 'CredentialsProviderError' || /Could not load credentials|Unable to locate credentials/i.test(detail)) {
		kind = 'credentials';
		message = `No AWS credentials found: pass --profile, set AWS_PROFILE, or run \`aws sso login${profileHint}\`.`;
	} else if (
		status === 501 ||
		(unparsable && status === 500) ||
		/^(NotImplemented|UnknownOperation|UnknownOperationException|InvalidAction|UnsupportedOperation|UnsupportedOperationException)$/.test(
			code,
		) ||
		(status !== undefined && status >= 400 && /not (yet )?(implemented|supported)|unknown operation/i.test(detail))
	) {
		// An emulator (moto, LocalStack) answers an operation it lacks with 501, a JSON error
		// saying so, or an HTML 500 page: the feature is off there, nothing is down.
		kind = 'unavailable';
		message = `${operation} is not available from this endpoint.`;
	} else if (unparsable) {
		// A gateway's or web server's page, not AWS: 502-504 pass, anything else is a wrong endpoint or path.
		const gateway = status !== undefined && status >= 502 && status <= 504;
		kind = gateway ? 'transient' : 'failed';
		message = gateway
			? `Cannot reach AWS for ${operation} (HTTP ${status} from something that is not AWS).`
			: `${operation} failed: the endpoint answered HTTP ${status} with a body that is not an AWS response; check --endpoint-url.`;
	} else if (NETWORK_CODE.test(`${code} ${detail}`) || NETWORK_TEXT.test(`${code} ${detail}`)) {
		kind = 'transient';
		message = `Cannot reach AWS for ${operation} (${status ? `HTTP ${status} ` : ''}${code}).`;
	} else if ((status !== undefined && status >= 500) || failure.$fault === 'server') {
		kind = 'transient';
		message = `AWS had a server error on ${operation} (${status ? `HTTP ${status} ` : ''}${code}).`;
	} else if (code === 'ResourceNotFoundException') {
		kind = 'failed';
		message = `${operation}: ${detail.replace(/\.+$/, '') || 'resource not found'}.`;
	} else {
		kind = 'failed';
		message = `${operation} failed: ${code}${detail ? ` (${detail})` : ''}.`;
	}
	return {message, code, kind, throttled: kind === 'throttled', operation, at: context.now ?? Date.now()};
}
