import {fetchAlarms} from '../../aws/alarms.js';
import type {LiveSource} from '../context.js';
import {withAccount, withSlice} from '../state.js';

export const alarmsSource: LiveSource = {
	name: 'alarms',
	operation: 'cloudwatch:DescribeAlarms',
	cadence: (state) => state.interval,
	async run({clients, store, options, now}) {
		const rows = await fetchAlarms(clients, {prefix: options.alarmPrefix});
		const fetchedAt = now();
		store.update((state) => withAccount(withSlice(state, 'alarms', () => ({rows, fetchedAt, loading: false})), rows[0]?.arn));
	},
};
