// IoT control-plane lists, one page at a time: a fleet of 100,000 things is never listed
// in full up front.
import {ListThingsCommand} from '@aws-sdk/client-iot';
import type {ThingRow} from '../model/types.js';
import {sanitizeText} from '../terminal/sanitize.js';
import type {AwsClients} from './clients.js';

export type Page<Row> = {rows: Row[]; nextToken?: string};

export async function fetchThingsPage(clients: AwsClients, nextToken?: string, pageSize = 100): Promise<Page<ThingRow>> {
	const page = await clients.iot.send(new ListThingsCommand({maxResults: pageSize, nextToken}));
	return {
		rows: (page.things ?? []).map((thing) => ({
			name: sanitizeText(thing.thingName),
			type: thing.thingTypeName ? sanitizeText(thing.thingTypeName) : undefined,
			attributes: Object.fromEntries(
				Object.entries(thing.attributes ?? {}).map(([key, value]) => [sanitizeText(key, 128), sanitizeText(value, 800)]),
			),
			version: thing.version,
			arn: thing.thingArn ? sanitizeText(thing.thingArn) : undefined,
		})),
		nextToken: page.nextToken,
	};
}
