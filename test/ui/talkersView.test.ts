// What the top talkers view asks of the engine (its query while focused, StopQuery when left),
// and what its Logs Insights line says in each state: table-driven over the store's query.
import {describe, expect, it} from 'vitest';
import {initialState, type LiveState} from '../../source/live/state.js';
import {emptyTally, type TalkersQuery} from '../../source/model/talkers.js';
import {insightsStatus, talkersNeeds, INITIAL_TALKERS_UI} from '../../source/ui/panes/talkersView.js';

const FIFTEEN = 15 * 60_000;
const live = (talkers?: TalkersQuery): LiveState => {
	const state = initialState({interval: 5000, logBuffer: 10, logGroups: ['AWSIotLogsV2'], source: {demo: true}});
	return {...state, sources: {...state.sources, logs: {...state.sources.logs, talkers}}};
};
const query = (change: Partial<TalkersQuery>): TalkersQuery => ({
	generation: 1,
	windowMs: FIFTEEN,
	groups: ['AWSIotLogsV2'],
	startTime: 0,
	endTime: 900,
	status: 'Running',
	...change,
});

describe('top talkers view', () => {
	it.each([
		['open, nothing asked yet: start', undefined, true, true, [{type: 'logs.talkers', windowMs: FIFTEEN}]],
		['open, running: nothing', query({}), true, true, []],
		['open, complete: not re-run by itself', query({status: 'Complete'}), true, true, []],
		['open, failed: not retried by itself', query({status: 'Failed'}), true, true, []],
		[
			'open, another window: start',
			query({windowMs: 5 * 60_000, status: 'Complete'}),
			true,
			true,
			[{type: 'logs.talkers', windowMs: FIFTEEN}],
		],
		[
			'back after leaving: start again',
			query({status: 'Cancelled', stoppedBy: 'left'}),
			true,
			true,
			[{type: 'logs.talkers', windowMs: FIFTEEN}],
		],
		['closed while running: stop', query({}), false, true, [{type: 'logs.talkers.stop'}]],
		['closed while starting: stop', query({status: 'Starting'}), false, true, [{type: 'logs.talkers.stop'}]],
		['another pane while scheduled: stop', query({status: 'Scheduled'}), true, false, [{type: 'logs.talkers.stop'}]],
		['closed, stop already sent: nothing', query({status: 'Stopping', stoppedBy: 'left'}), false, true, []],
		['closed, complete: nothing', query({status: 'Complete'}), false, true, []],
	] as const)('%s', (_name, talkers, open, focused, expected) => {
		expect(talkersNeeds(live(talkers), open ? INITIAL_TALKERS_UI : undefined, focused)).toEqual(expected);
	});

	const result = {tally: emptyTally(), unreadable: 0, rows: 0};
	it.each([
		[undefined, /last 15m: starting…/],
		[query({status: 'Scheduled'}), /: Scheduled…$/],
		[
			query({statistics: {recordsMatched: 12, bytesScanned: 2_500_000}}),
			/: Running, 12 failures matched so far · scanned 2\.5 MB ≈ \$0\.000013$/,
		],
		[
			query({status: 'Complete', fetchedAt: Date.UTC(2026, 0, 1, 9, 5, 7), statistics: {recordsMatched: 1, bytesScanned: 0}}),
			/: Complete at 09:05:07, 1 failure matched · scanned 0 B ≈ \$0$/,
		],
		[query({status: 'Complete', result}), /failures matched not reported · bytes scanned not reported$/],
		[
			query({status: 'Complete', result: {...result, rows: 3, unreadable: 3}}),
			/without the counts \(it ignores the query's stats\), so no window counts$/,
		],
		[query({status: 'Complete', result: {...result, rows: 10_000}}), /counts of the 10,000 largest groups only$/],
		[query({status: 'Cancelled', stoppedBy: 'left'}), /: Cancelled when the view was left \(it runs again on return\)$/],
		[query({status: 'Timeout'}), /: Timeout: AWS ended the query/],
		[query({status: 'Unknown'}), /: status Unknown$/],
	])('%j says %s', (talkers, expected) => {
		expect(insightsStatus(talkers, FIFTEEN, 0).text).toMatch(expected);
	});

	it('a poll that failed while the query runs is said beside the progress', () => {
		const error = {
			message: 'logs:GetQueryResults is throttled by AWS.',
			code: 'ThrottlingException',
			kind: 'throttled' as const,
			throttled: true,
			operation: 'logs:GetQueryResults',
			at: 0,
		};
		expect(insightsStatus(query({error}), FIFTEEN, 0).text).toMatch(
			/Running, 0 failures matched so far · ⚠ logs:GetQueryResults is throttled by AWS\.$/,
		);
	});
});
