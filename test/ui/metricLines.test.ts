// A board row without a datapoint says why: not fetched yet (a row just added, a dashboard just
// loaded), fetched and never reported, or the fetch could not be trusted.
import {describe, expect, it} from 'vitest';
import {defaultBoard} from '../../source/model/metricBoard.js';
import type {MetricSeries} from '../../source/model/types.js';
import {metricLine, metricTable} from '../../source/ui/panes/metricLines.js';

const spec = defaultBoard(60)[0];
const text = (series: MetricSeries) =>
	metricLine(metricTable([series], [[]], 118, 3_600_000, Date.UTC(2026, 11, 6)), 0, false)
		.map((segment) => segment.text)
		.join('')
		.trim();

describe('a board row without data', () => {
	it.each([
		['not fetched yet: loading, never "no data"', undefined, 'loading…'],
		['fetched, never reported', 'Complete', 'no data'],
		['a fetch that could not be trusted', 'InternalError', 'unknown'],
	])('%s', (_name, status, expected) => {
		expect(text({spec, timestamps: [], values: [], hasData: false, status})).toMatch(new RegExp(`^${spec.label}\\s+${expected}$`));
	});
});
