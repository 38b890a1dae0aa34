import type {SourceError} from '../../aws/errors.js';
import type {SourceStatus} from '../../live/engine.js';
import {formatDuration} from '../../model/duration.js';
import {wrapText} from '../../model/format.js';
import type {Line} from '../widgets/line.js';

/**
 * Whether a source is failing. An operation the endpoint does not implement (moto has no
 * ListCACertificates) is a property of the endpoint, not a failure, as long as it never
 * answered; one that answered before and now says "not implemented" is failing.
 */
export function sourceFailing(status: Pick<SourceStatus, 'error' | 'fetchedAt'>): boolean {
	return status.error !== undefined && !(status.error.kind === 'unavailable' && status.fetchedAt === undefined);
}

/**
 * What the live app adds to an error's sentence (which states only what failed, so that the
 * one-shot snapshot can print it as it is): how it is retried and what helps.
 */
export function errorAdvice(error: SourceError, retryEvery: number, answeredBefore: boolean): string {
	const every = formatDuration(retryEvery);
	switch (error.kind) {
		case 'throttled': {
			return 'Backing off and retrying; a longer --interval (or -) makes fewer calls.';
		}
		case 'denied': {
			return `Checked again every ${every}: the pane fills once the policy allows it.`;
		}
		case 'credentials': {
			return `Checked again every ${every}: new credentials are picked up by themselves.`;
		}
		case 'unavailable': {
			return answeredBefore ? `It answered before; retrying every ${every}.` : 'This endpoint does not implement it; the rest works.';
		}
		case 'transient': {
			return `Retrying every ${every}; recovers by itself.`;
		}
		case 'failed': {
			return `Retrying every ${every}.`;
		}
	}
}

/** `first` prefixed to the first line, the rest indented as far, each line at most `width`. */
/** A note wrapped to the pane's width, its first line after `first` (a symbol), the rest indented under the text. */
export function wrapped(text: string, width: number, first: string, style: Omit<Line[number], 'text'>): Line[] {
	const indent = ' '.repeat(first.length);
	return wrapText(text, Math.max(10, width - first.length)).map((part, index) => [
		{text: `${index === 0 ? first : indent}${part}`, ...style},
	]);
}

/**
 * The lines a pane shows about its source, fitted to its inner width: loading, or the error
 * whole (wrapped over as many lines as it needs) with how it is retried and what to do, and
 * the age of the data still shown below it (stale data says it is stale); none when all is well.
 * `interval` is the refresh interval; a source with a cadence of its own (Resources) uses that.
 */
export function paneStatusLines(
	status: SourceStatus,
	empty: boolean,
	what: string,
	width: number,
	interval: number,
	now = Date.now(),
): Line[] {
	const {error} = status;
	if (error) {
		const answeredBefore = status.fetchedAt !== undefined;
		const quiet = !sourceFailing(status);
		const lines = wrapped(`${error.message} ${errorAdvice(error, status.cadence ?? interval, answeredBefore)}`, width, '⚠ ', {
			color: quiet ? 'gray' : 'yellow',
		});
		if (!empty && status.fetchedAt !== undefined)
			lines.push(...wrapped(`showing data from ${formatDuration(now - status.fetchedAt)} ago`, width, '  ', {dim: true}));
		return lines;
	}
	if (status.loading && empty) return [[{text: `Loading ${what}…`, dim: true}]];
	if (empty) return [[{text: `No ${what}.`, dim: true}]];
	return [];
}
