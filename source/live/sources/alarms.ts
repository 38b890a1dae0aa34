import {fetchAlarms} from '../../aws/alarms.js';
import {trackChanges} from '../../model/alarms.js';
import type {LiveSource} from '../context.js';
import {withAccount, withSlice} from '../state.js';

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
					const tracked =
						slice.fetchedAt === undefined ? {changes: {}, enteredAlarm: 0} : trackChanges(slice.rows, rows, slice.changes, fetchedAt);
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
