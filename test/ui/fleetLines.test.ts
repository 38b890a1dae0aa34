// The Fleet view's lines at the dashboard's width: the connected sparkline shows a drop, and a
// figure the endpoint lacks says so instead of a number.
import {describe, expect, it} from 'vitest';
import {initialFleetSlice, type FleetSlice} from '../../source/live/state.js';
import {fleetLines} from '../../source/ui/panes/resources/fleetLines.js';

const NOW = Date.UTC(2026, 2, 10, 12, 0, 0);
const text = (slice: FleetSlice, width: number) =>
	fleetLines(slice, width, NOW).map((line) => line.map((segment) => segment.text).join(''));

const slice: FleetSlice = {
	...initialFleetSlice(),
	loading: false,
	fetchedAt: NOW,
	mode: {thingIndexingMode: 'REGISTRY', connectivityMode: 'STATUS', customFields: []},
	connected: {value: 810, fetchedAt: NOW},
	disconnected: {value: 190, fetchedAt: NOW},
	reasons: {value: [{key: 'CONNECTION_LOST', count: 120}], fetchedAt: NOW},
	byType: {value: [], fetchedAt: NOW},
	byGroup: {value: [], fetchedAt: NOW},
	recentCount: {value: 0, fetchedAt: NOW},
	recent: {value: {things: [], more: false}, fetchedAt: NOW},
	history: [879, 880, 810],
};

describe('fleetLines', () => {
	it.each([57, 79, 118])('at %i columns the sparkline shows the drop and every line fits', (width) => {
		const lines = text(slice, width);
		const connected = lines.find((line) => line.startsWith('Connected'))!;
		expect(connected).toMatch(/81%/);
		expect(connected).toMatch(/██▁/);
		for (const line of lines) expect(line.length).toBeLessThanOrEqual(width);
	});

	it('a figure the endpoint lacks says so, never 0', () => {
		const error = {
			message: 'iot:GetStatistics is not available from this endpoint.',
			code: 'SyntaxError',
			kind: 'unavailable' as const,
			throttled: false,
			operation: 'iot:GetStatistics',
			at: NOW,
		};
		const lines = text({...slice, connected: {error}, disconnected: {error}}, 57);
		expect(lines.find((line) => line.startsWith('Connected'))).toMatch(/Connected\s+not available from this endpoint/);
		expect(lines.join('\n')).not.toMatch(/Connected\s+0/);
	});
});
