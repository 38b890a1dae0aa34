// CloudWatch Logs Insights: start a query, read its status and results, stop it. Field names
// and values are sanitized here, where they enter the app; a count that is not a number stays
// text (the model says what it could not read, never a zero).
import {GetQueryResultsCommand, StartQueryCommand, StopQueryCommand} from '@aws-sdk/client-cloudwatch-logs';
import {sanitizeText} from '../terminal/sanitize.js';
import type {AwsClients} from './clients.js';

export type InsightsStatus = 'Scheduled' | 'Running' | 'Complete' | 'Failed' | 'Cancelled' | 'Timeout' | 'Unknown';

export type InsightsStatistics = {recordsMatched?: number; recordsScanned?: number; bytesScanned?: number};

export type InsightsResults = {
	status: InsightsStatus;
	/** Each row's fields by name, sanitized; a field the row lacks is absent. */
	rows: Array<Record<string, string>>;
	/** Absent when the endpoint sent none (moto): unknown, never zero. */
	statistics?: InsightsStatistics;
};

export type InsightsQueryInput = {
	groups: string[];
	/** Epoch seconds, both included. */
	startTime: number;
	endTime: number;
	queryString: string;
	limit?: number;
};

const STATUSES = new Set<string>(['Scheduled', 'Running', 'Complete', 'Failed', 'Cancelled', 'Timeout', 'Unknown']);

export async function startInsightsQuery(clients: AwsClients, input: InsightsQueryInput): Promise<string> {
	const answer = await clients.logs.send(
		new StartQueryCommand({
			// logGroupNames, not logGroupIdentifiers: moto reads only the names.
			logGroupNames: input.groups,
			startTime: input.startTime,
			endTime: input.endTime,
			queryString: input.queryString,
			limit: input.limit,
		}),
	);
	if (!answer.queryId) throw new Error('StartQuery answered without a queryId.');
	return answer.queryId;
}

const finite = (value: number | undefined) => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);

export async function fetchInsightsResults(clients: AwsClients, queryId: string): Promise<InsightsResults> {
	const answer = await clients.logs.send(new GetQueryResultsCommand({queryId}));
	const status = STATUSES.has(answer.status ?? '') ? (answer.status as InsightsStatus) : 'Unknown';
	const rows = (answer.results ?? []).map((row) => {
		const fields: Record<string, string> = {};
		for (const {field, value} of row ?? []) {
			if (field === undefined || value === undefined) continue;
			const name = sanitizeText(field, 256);
			// `__proto__` as a key would set the prototype: such a field is of no use here.
			if (name !== '__proto__') fields[name] = sanitizeText(value, 1024);
		}
		return fields;
	});
	const statistics = answer.statistics
		? {
				recordsMatched: finite(answer.statistics.recordsMatched),
				recordsScanned: finite(answer.statistics.recordsScanned),
				bytesScanned: finite(answer.statistics.bytesScanned),
			}
		: undefined;
	return {status, rows, statistics};
}

/** True when the query was stopped (false: it had ended already). */
export async function stopInsightsQuery(clients: AwsClients, queryId: string): Promise<boolean> {
	const answer = await clients.logs.send(new StopQueryCommand({queryId}));
	return answer.success === true;
}
