import {LogTail} from '../../aws/logs.js';
import type {LiveSource, SourceContext} from '../context.js';
import {withSlice} from '../state.js';

const RATE_WINDOW = 30_000;

/** Follows the log groups; one LogTail per engine (it remembers what it has seen). */
export function createLogsSource(): LiveSource {
	let tail: LogTail | undefined;
	let samples: Array<{at: number; count: number}> = [];
	return {
		name: 'logs',
		operation: 'logs:FilterLogEvents',
		cadence: (state, options) => Math.min(state.interval, options.logPollInterval ?? 2000),
		async run({clients, store, options, now}: SourceContext) {
			tail ??= new LogTail(clients, {groups: options.logGroups, filterPattern: options.logFilter});
			const fresh = await tail.poll(now());
			const fetchedAt = now();
			samples.push({at: fetchedAt, count: fresh.length});
			samples = samples.filter((sample) => sample.at >= fetchedAt - RATE_WINDOW);
			// Events of the first sample arrived before the window started: count only later ones.
			const span = samples.length > 1 ? (fetchedAt - samples[0].at) / 1000 : 0;
			const rate = span > 0 ? samples.slice(1).reduce((sum, sample) => sum + sample.count, 0) / span : 0;
			store.update((state) =>
				withSlice(state, 'logs', (logs) => {
					const combined = fresh.length === 0 ? logs.events : logs.events.concat(fresh);
					const overflow = Math.max(0, combined.length - logs.capacity);
					return {
						...logs,
						events: overflow > 0 ? combined.slice(overflow) : combined,
						received: logs.received + fresh.length,
						dropped: logs.dropped + overflow,
						rate,
						fetchedAt,
						loading: false,
						error: undefined,
					};
				}),
			);
		},
	};
}
