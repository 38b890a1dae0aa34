import {describe, expect, it} from 'vitest';
import {parseDashboardBody, renameIds} from '../../source/model/dashboard.js';
import {planQueries} from '../../source/model/metricQueries.js';

const body = (widgets: unknown[]) => JSON.stringify({widgets});
const metricWidget = (properties: Record<string, unknown>) => ({type: 'metric', x: 0, y: 0, width: 12, height: 6, properties});

/** What a board row is, in a few words: label, what it reads, stat/period, group. */
function rows(text: string, region = 'us-east-1') {
	const parsed = parseDashboardBody(text, {region});
	if ('error' in parsed) throw new Error(parsed.error);
	return parsed.board.specs.map((spec) => ({
		label: spec.label,
		reads: spec.math
			? `math ${spec.math.expression} [${spec.math.inputs.map((input) => `${input.id}=${input.metricName}`).join(',')}]`
			: `${spec.namespace} ${spec.metricName}${spec.dimensions.map((d) => ` ${d.name}=${d.value}`).join('')}`,
		stat: `${spec.statistic}/${spec.period}`,
		group: spec.group,
	}));
}

describe('parseDashboardBody', () => {
	const cases: Array<{name: string; widgets: unknown[]; want: Array<Partial<ReturnType<typeof rows>[number]>>}> = [
		{
			name: '"." repeats the value in the same place of the row above',
			widgets: [
				metricWidget({
					title: 'Connects',
					metrics: [
						['AWS/IoT', 'Connect.Success', 'Protocol', 'MQTT'],
						['.', '.', '.', 'HTTP'],
						['.', 'Connect.AuthError', '.', '.'],
					],
				}),
			],
			want: [
				{label: 'Connect.Success MQTT', reads: 'AWS/IoT Connect.Success Protocol=MQTT'},
				{label: 'Connect.Success HTTP', reads: 'AWS/IoT Connect.Success Protocol=HTTP'},
				{label: 'Connect.AuthError HTTP', reads: 'AWS/IoT Connect.AuthError Protocol=HTTP'},
			],
		},
		{
			name: 'widget stat and period, a row overrides them; CloudWatch defaults Average/300 otherwise',
			widgets: [
				metricWidget({
					stat: 'Sum',
					period: 60,
					metrics: [
						['A', 'x'],
						['A', 'y', {stat: 'Maximum', period: 3600, label: 'Peak y'}],
					],
				}),
				metricWidget({metrics: [['A', 'z']]}),
			],
			want: [
				{label: 'x', stat: 'Sum/60', group: 'widget 1'},
				{label: 'Peak y', stat: 'Maximum/3600', group: 'widget 1'},
				{label: 'z', stat: 'Average/300', group: 'widget 2'},
			],
		},
		{
			name: 'an expression names the rows by id; hidden rows are inputs, not rows; rows without an id are m1, m2, ...',
			widgets: [
				metricWidget({
					title: 'Error rate',
					stat: 'Sum',
					period: 60,
					metrics: [
						[{expression: '100 * e / (e + s)', label: 'Auth error %', id: 'rate'}],
						['AWS/IoT', 'Connect.AuthError', {id: 'e', visible: false}],
						['AWS/IoT', 'Connect.Success', {id: 's', visible: false}],
						['AWS/IoT', 'PublishIn.Success'],
						[{expression: 'm4 * 2'}],
					],
				}),
			],
			want: [
				{label: 'Auth error %', reads: 'math 100 * e / (e + s) [e=Connect.AuthError,s=Connect.Success]', group: 'Error rate'},
				{label: 'PublishIn.Success', reads: 'AWS/IoT PublishIn.Success'},
				{label: 'm4 * 2', reads: 'math m4 * 2 [m4=PublishIn.Success]'},
			],
		},
		{
			name: 'a row of another region is not shown (iot-top reads one region)',
			widgets: [
				metricWidget({
					region: 'eu-west-1',
					metrics: [
						['A', 'far'],
						['A', 'near', {region: 'us-east-1'}],
					],
				}),
			],
			want: [{label: 'near'}],
		},
	];
	for (const {name, widgets, want} of cases) {
		it(name, () => {
			const got = rows(body(widgets));
			expect(got).toHaveLength(want.length);
			want.forEach((row, index) => expect(got[index]).toMatchObject(row));
		});
	}

	it('names the widgets it cannot draw once, and the rows it leaves out', () => {
		const parsed = parseDashboardBody(
			body([
				{type: 'text', properties: {markdown: '# Runbook'}},
				metricWidget({
					title: 'Traffic',
					region: 'eu-west-1',
					metrics: [
						['A', 'x'],
						['A', 'y'],
					],
				}),
				{type: 'alarm', properties: {title: 'Alarms', alarms: []}},
				{type: 'log', properties: {title: 'Errors', query: 'fields @message'}},
				metricWidget({title: 'Insights', query: 'SELECT SUM(x) FROM y'}),
				metricWidget({metrics: [['only-namespace'], 'not a row']}),
			]),
			{region: 'us-east-1'},
		);
		if ('error' in parsed) throw new Error(parsed.error);
		expect(parsed.board.skipped).toEqual(['text', 'alarm status "Alarms"', 'logs "Errors"', 'Metrics Insights query "Insights"']);
		expect(parsed.board.notes).toEqual([
			'2 metrics in eu-west-1 not shown: iot-top reads us-east-1',
			'2 rows that name no metric not shown',
		]);
		expect(parsed.board.specs).toEqual([]);
	});

	it.each([
		['not json', 'its body is not valid JSON'],
		['{"widgets": 3}', 'its body has no "widgets" list'],
		['[]', 'its body has no "widgets" list'],
	])('a body %j cannot be read: %s', (text, error) => {
		expect(parseDashboardBody(text)).toEqual({error});
	});

	it('an expression is asked of GetMetricData with its inputs, ids prefixed so two widgets do not collide', () => {
		const parsed = parseDashboardBody(
			body([
				metricWidget({
					stat: 'Sum',
					period: 60,
					metrics: [['A', 'm1', {visible: false}], [{expression: "m1 + SEARCH('m1', 'Sum', 60)", id: 'x'}]],
				}),
			]),
		);
		if ('error' in parsed) throw new Error(parsed.error);
		const [spec] = parsed.board.specs;
		const queries = planQueries(spec, {mode: 'stat'});
		expect(queries.map((query) => [query.id, query.expression ?? query.metric?.metricName, query.returnData])).toEqual([
			['dash0_m1', 'm1', false],
			['dash0', "dash0_m1 + SEARCH('m1', 'Sum', 60)", true],
		]);
	});

	it('renameIds leaves quoted strings alone', () => {
		expect(renameIds(`a+b+"a"+'b'`, new Set(['a', 'b']), (id) => `z_${id}`)).toBe(`z_a+z_b+"a"+'b'`);
	});
});
