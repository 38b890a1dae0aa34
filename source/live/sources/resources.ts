import {fetchThingsPage} from '../../aws/resources.js';
import type {LiveSource} from '../context.js';
import {withAccount, withSlice} from '../state.js';

export const resourcesSource: LiveSource = {
	name: 'resources',
	operation: 'iot:ListThings',
	cadence: (_state, options) => options.resourcesInterval,
	async run({clients, store, now}) {
		const page = await fetchThingsPage(clients);
		const fetchedAt = now();
		store.update((state) =>
			withAccount(
				withSlice(state, 'resources', (slice) => ({...slice, things: {rows: page.rows, complete: page.nextToken === undefined}, fetchedAt, loading: false, error: undefined})),
				page.rows[0]?.arn,
			),
		);
	},
};
