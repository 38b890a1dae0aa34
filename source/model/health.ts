// AWS Health events about the AWS IoT services, as the Health view, the header and the snapshot
// show them. Pure.

/** One AWS Health event; strings already sanitized (aws/health.ts). */
export type HealthEventRow = {
	arn: string;
	service?: string;
	eventTypeCode?: string;
	eventTypeCategory?: string;
	region?: string;
	/** open, closed, upcoming, or what AWS sends; undefined when it sent none. */
	statusCode?: string;
	startTime?: number;
	endTime?: number;
	lastUpdatedTime?: number;
	eventScopeCode?: string;
};

/** What an account without the support plan AWS Health needs gets told, once. */
export const HEALTH_PLAN_NEEDED = 'needs a Business, Enterprise On-Ramp or Enterprise support plan';

/** Open first, then upcoming, then closed; the latest update first within each. */
export function sortHealthEvents(events: readonly HealthEventRow[]): HealthEventRow[] {
	const rank = (status: string | undefined) => (status === 'open' ? 0 : status === 'upcoming' ? 1 : 2);
	return [...events].sort(
		(a, b) => rank(a.statusCode) - rank(b.statusCode) || (b.lastUpdatedTime ?? 0) - (a.lastUpdatedTime ?? 0) || (a.arn < b.arn ? -1 : 1),
	);
}

/** The open events and their services, for the header: `1 open (IOT)`; undefined when none is open. */
export function openHealthSummary(events: readonly HealthEventRow[]): {count: number; services: string[]} | undefined {
	const open = events.filter((event) => event.statusCode === 'open');
	if (open.length === 0) return undefined;
	return {count: open.length, services: [...new Set(open.map((event) => event.service ?? '?'))]};
}
