import {fetchAlarmHistory, fetchAlarms} from '../../aws/alarms.js';
import {describeAwsError} from '../../aws/errors.js';
import {trackChanges} from '../../model/alarms.js';
import type {LiveSource, SourceContext} from '../context.js';
import {withAccount, withSlice, type AlarmHistoryView} from '../state.js';

export const alarmsSource: LiveSource = {
	name: 'alarms',
	operation: 'cloudwatch:DescribeAlarms',
	cadence: (state) => state.interval,
	async run({clients, store, options, now}) {
		const rows = await fetchAlarms(clients, {prefix: options.alarmPrefix});
		const fetchedAt = now();
		store.update((state) =>
			withAccount(
				withSlice(state, 'alarms', (slice) => {
					// The first fetch has nothing to compare with: no alarm is "changed" by starting.
					const tracked = slice.fetchedAt === undefined ? {changes: {}, enteredAlarm: 0} : trackChanges(slice.rows, rows, slice.changes, fetchedAt);
					return {
						...slice,
						rows,
						changes: tracked.changes,
						enteredAlarm: slice.enteredAlarm + tracked.enteredAlarm,
						fetchedAt,
						loading: false,
						error: undefined,
					};
				}),
				rows[0]?.arn,
			),
		);
	},
};

/** The detail view's action: the alarm's recent state history, into the alarms slice. */
export async function loadAlarmHistory({clients, store, now, options}: SourceContext, alarmName: string): Promise<void> {
	store.update((state) => withSlice(state, 'alarms', (slice) => ({...slice, history: {alarmName, items: [], loading: true}})));
	const write = (history: AlarmHistoryView) =>
		store.update((state) =>
			withSlice(state, 'alarms', (slice) => (slice.history?.alarmName === alarmName ? {...slice, history} : slice)),
		);
	try {
		const items = await fetchAlarmHistory(clients, alarmName);
		write({alarmName, items, loading: false, fetchedAt: now()});
	} catch (error) {
		write({alarmName, items: [], loading: false, error: describeAwsError(error, 'cloudwatch:DescribeAlarmHistory', {now: now(), profile: options.source.profile})});
	}
}
