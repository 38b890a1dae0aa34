import {describe, expect, it} from 'vitest';
import {catalogItems, seriesKey, type CatalogEntry} from '../../source/model/metricCatalog.js';

const entry = (namespace: string, metricName: string, dimensions: Record<string, string> = {}): CatalogEntry => {
	const list = Object.entries(dimensions).map(([name, value]) => ({name, value}));
	return {namespace, metricName, dimensions: list, shown: {namespace, metricName, dimensions: list}};
};

const listed = [
	entry('AWS/IoT', 'Connect.Success', {Protocol: 'MQTT'}),
	entry('AWS/IoT', 'Connect.Success', {Protocol: 'HTTP'}),
	entry('AWS/IoT', 'RulesExecuted'),
	// moto lists a metric without dimensions once per datapoint.
	entry('AWS/IoT', 'RulesExecuted'),
	entry('Archive', 'OldJobs'),
	entry('Fleet', 'Temperature', {Site: 'lab'}),
	entry('Fleet', 'Temperature', {Site: 'dock'}),
];
const recent = new Set([seriesKey(listed[0]), seriesKey(listed[6])]);
const shown = (items: ReturnType<typeof catalogItems>) => items.map((item) => `${item.recent ? '●' : ''}${item.text} ${item.count}`);

describe('catalogItems', () => {
	it.each([
		[
			'namespaces: recent first, then by name; each series counted once',
			{level: 'namespaces'},
			'',
			['●AWS/IoT 3', '●Fleet 2', 'Archive 1'],
		],
		["a namespace's metric names", {level: 'metrics', namespace: 'AWS/IoT'}, '', ['●Connect.Success 2', 'RulesExecuted 1']],
		["a metric's dimension sets", {level: 'dimensions', namespace: 'Fleet', metricName: 'Temperature'}, '', ['●Site=dock 1', 'Site=lab 1']],
		['no dimensions', {level: 'dimensions', namespace: 'AWS/IoT', metricName: 'RulesExecuted'}, '', ['(no dimensions) 1']],
		['a filter, any case', {level: 'namespaces'}, 'fLe', ['●Fleet 2']],
	] as const)('%s', (_, at, filter, want) => {
		expect(shown(catalogItems(listed, recent, at, filter))).toEqual(want);
	});

	it('a series key does not depend on the order of its dimensions', () => {
		expect(seriesKey(entry('N', 'M', {A: '1', B: '2'}))).toBe(
			seriesKey({
				namespace: 'N',
				metricName: 'M',
				dimensions: [
					{name: 'B', value: '2'},
					{name: 'A', value: '1'},
				],
			}),
		);
	});
});
