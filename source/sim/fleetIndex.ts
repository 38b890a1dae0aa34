// The fleet index (index AWS_Things) over the resource model: GetIndexingConfiguration,
// SearchIndex, and the aggregations AWS computes on its side (GetStatistics,
// GetBucketsAggregation, GetCardinality, GetPercentiles), with AWS's errors: the index off
// (ResourceNotFoundException), still building (IndexNotReadyException), a query it cannot read
// (InvalidQueryException), a field it cannot aggregate (InvalidAggregationException: numbers
// for buckets, strings for percentiles, an attribute that is not a custom field), and the
// aggregations' rate limit (ThrottlingException). Things are read one field at a time from
// their position (nothing is stored per thing), so an aggregation over 1,000,000 things is one
// pass without allocations, and SearchIndex walks positions only until its page is full.
import {SimError, type RestRoute, type SimClock} from './contract.js';
import type {FleetIndexing, ResourceModel} from './resources.js';
import {knownField, parseSearchQuery, type FieldValue, type IndexedThing, type SearchPredicate} from './searchQuery.js';

export const INDEX_NAME = 'AWS_Things';
export const MAX_BUCKETS = 10_000;
export const SEARCH_MAX_RESULTS = 100;
export const DEFAULT_PERCENTS = [1, 5, 25, 50, 75, 95, 99];

export type FleetIndexOptions = {
	model: ResourceModel;
	clock: SimClock;
	/** Aggregation calls a second, all four APIs together (default 5, as AWS's quota); 0: no limit. */
	aggregationsPerSecond?: number;
	/** Real time for the rate limit (tests drive the model's clock, not this one). */
	monotonicNow?: () => number;
};

type FieldType = 'String' | 'Number' | 'Boolean';

const MANAGED_TYPES: Record<string, FieldType> = {
	thingName: 'String',
	thingId: 'String',
	thingTypeName: 'String',
	thingGroupNames: 'String',
	'connectivity.connected': 'Boolean',
	'connectivity.timestamp': 'Number',
	'connectivity.disconnectReason': 'String',
};

function invalid(message: string): SimError {
	return new SimError('InvalidRequestException', message, 400);
}

function requireIndex(config: FleetIndexing, indexName: unknown): void {
	const name = typeof indexName === 'string' && indexName !== '' ? indexName : INDEX_NAME;
	if (name !== INDEX_NAME) throw new SimError('ResourceNotFoundException', `Index ${name} does not exist.`, 404);
	if (config.thingIndexingMode === 'OFF') {
		throw new SimError('ResourceNotFoundException', `Index ${INDEX_NAME} does not exist. Enable thing indexing first.`, 404);
	}
	if (config.status === 'BUILDING')
		throw new SimError('IndexNotReadyException', `Index ${INDEX_NAME} is not ready yet: it is building.`, 400);
}

function queryOf(body: {queryString?: unknown}): string {
	if (typeof body.queryString !== 'string' || body.queryString.length === 0) {
		throw invalid("1 validation error detected: Value null at 'queryString' failed to satisfy constraint: Member must not be null");
	}
	return body.queryString;
}

export type FleetIndex = {
	/** Matching positions from `start`, at most `size`, and where the next page starts. */
	search(query: string, start: number, size: number, atMs: number): {positions: number[]; next?: number};
	/** The type an aggregation reads a field as, or InvalidAggregationException. */
	fieldType(field: string): FieldType;
	/** Every matching thing's value of `field` (undefined values skipped), in one pass. */
	scan(query: string, field: string | undefined, atMs: number, visit: (value: FieldValue) => void): number;
	routes(): RestRoute[];
};

export function createFleetIndex(options: FleetIndexOptions): FleetIndex {
	const {model, clock} = options;
	const rate = options.aggregationsPerSecond ?? 5;
	const monotonic = options.monotonicNow ?? (() => performance.now());
	// A token bucket: `rate` a second, bursts of twice that.
	let tokens = rate * 2;
	let refilledAt = monotonic();

	function throttle(operation: string): void {
		if (rate <= 0) return;
		const now = monotonic();
		tokens = Math.min(rate * 2, tokens + ((now - refilledAt) / 1000) * rate);
		refilledAt = now;
		if (tokens < 1)
			throw new SimError('ThrottlingException', `Rate exceeded for ${operation}: the aggregations allow ${rate} requests per second.`, 400);
		tokens -= 1;
	}

	function cursor(atMs: number): IndexedThing & {position: number} {
		const connectivity = model.fleetIndexing().thingConnectivityIndexingMode === 'STATUS';
		return {
			position: 0,
			field(name) {
				if (!connectivity && name.startsWith('connectivity.')) return undefined;
				return model.thingFieldAt(this.position, name, atMs);
			},
			groups() {
				return model.thingGroupsAt(this.position);
			},
		};
	}

	const parsed = new Map<string, SearchPredicate>();
	function predicate(query: string): SearchPredicate {
		let found = parsed.get(query);
		if (!found) {
			found = parseSearchQuery(query);
			if (parsed.size > 200) parsed.clear();
			parsed.set(query, found);
		}
		return found;
	}

	function fieldType(field: string): FieldType {
		const config = model.fleetIndexing();
		const managed = MANAGED_TYPES[field];
		if (managed) {
			if (field.startsWith('connectivity.') && config.thingConnectivityIndexingMode !== 'STATUS') {
				throw new SimError('InvalidAggregationException', `${field} is not indexed: thing connectivity indexing is off.`, 400);
			}
			return managed;
		}
		const custom = config.customFields.find((candidate) => candidate.name === field);
		if (custom) return custom.type;
		if (!knownField(field)) throw new SimError('InvalidAggregationException', `Unknown aggregation field: ${field}`, 400);
		throw new SimError(
			'InvalidAggregationException',
			`${field} cannot be aggregated: it is neither a managed field nor a custom field of the index.`,
			400,
		);
	}

	function search(query: string, start: number, size: number, atMs: number) {
		const test = predicate(query);
		const thing = cursor(atMs);
		const total = model.things();
		const positions: number[] = [];
		let position = start;
		while (position < total && positions.length < size) {
			thing.position = position++;
			if (test(thing)) positions.push(thing.position);
		}
		return {positions, next: position < total ? position : undefined};
	}

	function scan(query: string, field: string | undefined, atMs: number, visit: (value: FieldValue) => void): number {
		const test = predicate(query);
		const thing = cursor(atMs);
		const total = model.things();
		let matched = 0;
		for (let position = 0; position < total; position++) {
			thing.position = position;
			if (!test(thing)) continue;
			matched++;
			if (field === undefined) continue;
			if (field === 'thingGroupNames') {
				for (const group of thing.groups()) visit(group);
				continue;
			}
			const value = thing.field(field);
			if (value !== undefined) visit(value);
		}
		return matched;
	}

	/** The checks every aggregation makes, in AWS's order: the index, the rate, the query, the field. */
	function aggregation(operation: string, body: Record<string, unknown>, field: string | undefined) {
		requireIndex(model.fleetIndexing(), body.indexName);
		throttle(operation);
		const query = queryOf(body);
		predicate(query);
		const type = field === undefined ? undefined : fieldType(field);
		return {query, type, atMs: clock.now()};
	}

	function fieldOf(body: Record<string, unknown>, required: boolean): string | undefined {
		const field = body.aggregationField;
		if (field === undefined || field === null || field === '') {
			if (required) {
				throw invalid(
					"1 validation error detected: Value null at 'aggregationField' failed to satisfy constraint: Member must not be null",
				);
			}
			return undefined;
		}
		if (typeof field !== 'string') throw invalid('aggregationField must be a string');
		return field;
	}

	const routes: RestRoute[] = [
		{
			method: 'GET',
			pattern: '/indexing/config',
			operation: 'GetIndexingConfiguration',
			handler: () => {
				const config = model.fleetIndexing();
				return {
					thingIndexingConfiguration: {
						thingIndexingMode: config.thingIndexingMode,
						thingConnectivityIndexingMode: config.thingConnectivityIndexingMode,
						deviceDefenderIndexingMode: 'OFF',
						namedShadowIndexingMode: 'OFF',
						customFields: config.thingIndexingMode === 'OFF' ? undefined : config.customFields,
					},
					thingGroupIndexingConfiguration: {thingGroupIndexingMode: 'OFF'},
				};
			},
		},
		{
			method: 'POST',
			pattern: '/indices/search',
			operation: 'SearchIndex',
			handler: ({body}) => {
				const input = (body ?? {}) as {queryString?: unknown; indexName?: unknown; nextToken?: unknown; maxResults?: unknown};
				requireIndex(model.fleetIndexing(), input.indexName);
				const query = queryOf(input);
				const size = input.maxResults === undefined || input.maxResults === null ? SEARCH_MAX_RESULTS : Number(input.maxResults);
				if (!Number.isInteger(size) || size < 1 || size > SEARCH_MAX_RESULTS) {
					throw invalid(
						`1 validation error detected: Value '${String(input.maxResults)}' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to ${SEARCH_MAX_RESULTS}`,
					);
				}
				const start = decodeSearchToken(input.nextToken, query);
				if (start > model.things()) throw invalid('The nextToken is invalid.');
				const connectivity = model.fleetIndexing().thingConnectivityIndexingMode === 'STATUS';
				const {positions, next} = search(query, start, size, clock.now());
				const things = positions.map((position) => {
					const thing = model.thingAt(position)!;
					return {
						thingName: thing.thingName,
						thingId: thing.thingId,
						thingTypeName: thing.thingTypeName,
						thingGroupNames: thing.groups,
						attributes: thing.attributes,
						connectivity: connectivity
							? {connected: thing.connected, timestamp: thing.connectivityTimestamp, disconnectReason: thing.disconnectReason}
							: undefined,
					};
				});
				return {things, thingGroups: [], nextToken: next === undefined ? undefined : encodeSearchToken(next, query)};
			},
		},
		{
			method: 'POST',
			pattern: '/indices/statistics',
			operation: 'GetStatistics',
			handler: ({body}) => {
				const input = (body ?? {}) as Record<string, unknown>;
				const field = fieldOf(input, false);
				const {query, type, atMs} = aggregation('GetStatistics', input, field);
				if (field === undefined || type !== 'Number') {
					// A string or boolean field: the count of things that have it, nothing else.
					let count = 0;
					const matched = scan(query, field, atMs, () => count++);
					return {statistics: {count: field === undefined ? matched : count}};
				}
				let count = 0;
				let sum = 0;
				let sumOfSquares = 0;
				let minimum = Number.POSITIVE_INFINITY;
				let maximum = Number.NEGATIVE_INFINITY;
				scan(query, field, atMs, (value) => {
					const n = Number(value);
					if (!Number.isFinite(n)) return;
					count++;
					sum += n;
					sumOfSquares += n * n;
					minimum = Math.min(minimum, n);
					maximum = Math.max(maximum, n);
				});
				if (count === 0) return {statistics: {count: 0}};
				const average = sum / count;
				const variance = Math.max(0, sumOfSquares / count - average * average);
				return {statistics: {count, average, sum, minimum, maximum, sumOfSquares, variance, stdDeviation: Math.sqrt(variance)}};
			},
		},
		{
			method: 'POST',
			pattern: '/indices/buckets',
			operation: 'GetBucketsAggregation',
			handler: ({body}) => {
				const input = (body ?? {}) as Record<string, unknown> & {bucketsAggregationType?: {termsAggregation?: {maxBuckets?: unknown}}};
				const field = fieldOf(input, true)!;
				if (!input.bucketsAggregationType) {
					throw invalid(
						"1 validation error detected: Value null at 'bucketsAggregationType' failed to satisfy constraint: Member must not be null",
					);
				}
				const rawMax = input.bucketsAggregationType.termsAggregation?.maxBuckets;
				const maxBuckets = rawMax === undefined || rawMax === null ? 10 : Number(rawMax);
				if (!Number.isInteger(maxBuckets) || maxBuckets < 1 || maxBuckets > MAX_BUCKETS) {
					throw invalid(
						`1 validation error detected: Value '${String(rawMax)}' at 'bucketsAggregationType.termsAggregation.maxBuckets' failed to satisfy constraint: Member must have value less than or equal to ${MAX_BUCKETS}`,
					);
				}
				const {query, type, atMs} = aggregation('GetBucketsAggregation', input, field);
				if (type === 'Number') {
					throw new SimError(
						'InvalidAggregationException',
						`${field} is a Number field: buckets aggregate String and Boolean fields.`,
						400,
					);
				}
				const counts = new Map<string, number>();
				const totalCount = scan(query, field, atMs, (value) => {
					const key = String(value);
					counts.set(key, (counts.get(key) ?? 0) + 1);
				});
				const buckets = [...counts]
					.sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0))
					.slice(0, maxBuckets)
					.map(([keyValue, count]) => ({keyValue, count}));
				return {totalCount, buckets};
			},
		},
		{
			method: 'POST',
			pattern: '/indices/cardinality',
			operation: 'GetCardinality',
			handler: ({body}) => {
				const input = (body ?? {}) as Record<string, unknown>;
				const field = fieldOf(input, false) ?? 'thingName';
				const {query, atMs} = aggregation('GetCardinality', input, field);
				const seen = new Set<string>();
				scan(query, field, atMs, (value) => seen.add(String(value)));
				return {cardinality: seen.size};
			},
		},
		{
			method: 'POST',
			pattern: '/indices/percentiles',
			operation: 'GetPercentiles',
			handler: ({body}) => {
				const input = (body ?? {}) as Record<string, unknown>;
				const field = fieldOf(input, true)!;
				const percents = input.percents === undefined || input.percents === null ? DEFAULT_PERCENTS : input.percents;
				if (!Array.isArray(percents) || percents.some((p) => typeof p !== 'number' || p < 0 || p > 100)) {
					throw invalid('percents must be numbers from 0 to 100');
				}
				const {query, type, atMs} = aggregation('GetPercentiles', input, field);
				if (type !== 'Number') {
					throw new SimError('InvalidAggregationException', `${field} is not a Number field: percentiles need numbers.`, 400);
				}
				const values: number[] = [];
				scan(query, field, atMs, (value) => {
					const n = Number(value);
					if (Number.isFinite(n)) values.push(n);
				});
				if (values.length === 0) return {percentiles: []};
				const sorted = Float64Array.from(values).sort();
				return {
					percentiles: (percents as number[]).map((percent) => ({
						percent,
						value: sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((percent / 100) * sorted.length) - 1))],
					})),
				};
			},
		},
	];

	return {search, fieldType, scan, routes: () => routes};
}

function encodeSearchToken(position: number, query: string): string {
	return Buffer.from(JSON.stringify({o: 'SearchIndex', p: position, k: query})).toString('base64url');
}

function decodeSearchToken(token: unknown, query: string): number {
	if (token === undefined || token === null || token === '') return 0;
	try {
		const parsed = JSON.parse(Buffer.from(String(token), 'base64url').toString('utf8')) as {o?: unknown; p?: unknown; k?: unknown};
		if (parsed.o === 'SearchIndex' && Number.isSafeInteger(parsed.p) && (parsed.p as number) >= 0 && parsed.k === query)
			return parsed.p as number;
	} catch {
		// fall through
	}
	throw invalid('The nextToken is invalid.');
}
