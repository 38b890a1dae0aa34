// What a pane says about its source: the error whole, wrapped to the pane, with how it is
// retried and what helps; the age of the data still shown; loading and empty.
import {describe, expect, it} from 'vitest';
import type {SourceError} from '../../source/aws/errors.js';
import type {SourceStatus} from '../../source/live/state.js';
import {paneStatusLines} from '../../source/ui/panes/paneStatus.js';
import {textWidth, type Line} from '../../source/ui/widgets/line.js';

const NOW = Date.UTC(2026, 2, 10, 12, 0, 0);
const text = (lines: Line[]) => lines.map((line) => line.map((segment) => segment.text).join(''));

function failing(kind: SourceError['kind'], message: string, fetchedAt?: number, cadence?: number): SourceStatus {
	return {loading: false, fetchedAt, cadence, error: {kind, message, code: 'X', operation: 'op', throttled: kind === 'throttled', at: NOW}};
}

describe('paneStatusLines', () => {
	it.each<[string, SourceStatus, string]>([
		[
			'throttled',
			failing('throttled', 'cloudwatch:DescribeAlarms is throttled by AWS.'),
			'cloudwatch:DescribeAlarms is throttled by AWS. Backing off and retrying; a longer --interval (or -) makes fewer calls.',
		],
		[
			'denied',
			failing('denied', 'Access denied to logs:FilterLogEvents: allow the IAM action logs:FilterLogEvents for this role or user.'),
			'Access denied to logs:FilterLogEvents: allow the IAM action logs:FilterLogEvents for this role or user. Checked again every 5s: the pane fills once the policy allows it.',
		],
		[
			'credentials',
			failing('credentials', 'AWS credentials are expired or invalid: run `aws sso login` (or refresh them).'),
			'AWS credentials are expired or invalid: run `aws sso login` (or refresh them). Checked again every 5s: new credentials are picked up by themselves.',
		],
		[
			'unavailable',
			failing('unavailable', 'iot:ListCACertificates is not available from this endpoint.'),
			'iot:ListCACertificates is not available from this endpoint. This endpoint does not implement it; the rest works.',
		],
		[
			'unavailable after it answered',
			failing('unavailable', 'iot:ListThings is not available from this endpoint.', NOW - 1000),
			'iot:ListThings is not available from this endpoint. It answered before; retrying every 5s.',
		],
		[
			'transient',
			failing('transient', 'Cannot reach AWS for logs:FilterLogEvents (ECONNREFUSED).'),
			'Cannot reach AWS for logs:FilterLogEvents (ECONNREFUSED). Retrying every 5s; recovers by itself.',
		],
		[
			'transient, on a cadence of its own (Resources: a minute)',
			failing('transient', 'Cannot reach AWS for iot:ListThings (ECONNREFUSED).', undefined, 60_000),
			'Cannot reach AWS for iot:ListThings (ECONNREFUSED). Retrying every 1m00s; recovers by itself.',
		],
		[
			'failed',
			failing('failed', 'logs:FilterLogEvents failed: InvalidParameterException (bad filter).'),
			'logs:FilterLogEvents failed: InvalidParameterException (bad filter). Retrying every 5s.',
		],
	])('%s: the whole sentence and what to do, wrapped to the pane', (_name, status, expected) => {
		for (const width of [40, 58, 118]) {
			const lines = text(paneStatusLines(status, true, 'alarms', width, 5000, NOW));
			for (const line of lines) expect(textWidth(line), line).toBeLessThanOrEqual(width);
			expect(lines[0].startsWith('⚠ ')).toBe(true);
			expect(lines.map((line) => line.trim()).join(' ')).toBe(`⚠ ${expected}`);
		}
	});

	it('says how old the data still shown is; the quiet colour only for a feature the endpoint lacks', () => {
		const stale = paneStatusLines(
			failing('transient', 'Cannot reach AWS for op (ECONNRESET).', NOW - 130_000),
			false,
			'alarms',
			58,
			5000,
			NOW,
		);
		expect(text(stale).at(-1)).toBe('  showing data from 2m10s ago');
		expect(stale[0][0].color).toBe('yellow');
		expect(paneStatusLines(failing('unavailable', 'op is not available from this endpoint.'), true, 'x', 58, 5000, NOW)[0][0].color).toBe(
			'gray',
		);
	});

	it('loading, empty, and nothing to say', () => {
		expect(text(paneStatusLines({loading: true}, true, 'alarms', 58, 5000, NOW))).toEqual(['Loading alarms…']);
		expect(text(paneStatusLines({loading: false, fetchedAt: NOW}, true, 'alarms', 58, 5000, NOW))).toEqual(['No alarms.']);
		expect(paneStatusLines({loading: false, fetchedAt: NOW}, false, 'alarms', 58, 5000, NOW)).toEqual([]);
	});
});
