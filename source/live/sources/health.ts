// AWS Health: the AWS IoT services' open, upcoming and recently closed events, every few
// minutes. An account whose support plan lacks AWS Health answers SubscriptionRequiredException:
// the slice says why (`unavailable`), once, with no error, and asks again only every half hour.
import {fetchHealthDescription, fetchHealthEvents, isSubscriptionRequired} from '../../aws/health.js';
import {describeAwsError} from '../../aws/errors.js';
import {HEALTH_PLAN_NEEDED} from '../../model/health.js';
import type {LiveSource, SourceContext} from '../context.js';
import {withSlice, type HealthSlice} from '../state.js';

const HEALTH_EVERY_MS = 2 * 60_000;
const UNSUBSCRIBED_EVERY_MS = 30 * 60_000;

export const healthSource: LiveSource = {
	name: 'health',
	operation: 'health:DescribeEvents',
	cadence: (state, options) => {
		const health = state.sources.health;
		if (health.unavailable) return UNSUBSCRIBED_EVERY_MS;
		if (health.error && !health.error.throttled) return Math.min(state.interval, options.resourcesInterval);
		return Math.max(options.resourcesInterval, HEALTH_EVERY_MS);
	},
	async run({clients, store, options, now}) {
		let events: HealthSlice['events'] = [];
		let unavailable: string | undefined;
		try {
			events = await fetchHealthEvents(clients, now(), options.source.region ? [options.source.region] : undefined);
		} catch (error) {
			if (!isSubscriptionRequired(error)) throw error;
			unavailable = HEALTH_PLAN_NEEDED;
		}
		const fetchedAt = now();
		store.update((state) =>
			withSlice(state, 'health', (slice) => ({...slice, events, unavailable, fetchedAt, loading: false, error: undefined})),
		);
	},
};

/** The detail view's description of one event (DescribeEventDetails). */
export async function loadHealthDetail({clients, store, now, options}: SourceContext, arn: string): Promise<void> {
	const current = store.getSnapshot().sources.health.detail;
	if (current?.arn === arn && current.loading) return;
	const write = (detail: NonNullable<HealthSlice['detail']>) =>
		store.update((state) =>
			withSlice(state, 'health', (slice) => (slice.detail?.arn === arn || detail.loading ? {...slice, detail} : slice)),
		);
	write({arn, loading: true});
	try {
		write({arn, loading: false, description: await fetchHealthDescription(clients, arn), fetchedAt: now()});
	} catch (error) {
		write({
			arn,
			loading: false,
			error: describeAwsError(error, 'health:DescribeEventDetails', {now: now(), profile: options.source.profile}),
		});
	}
}
