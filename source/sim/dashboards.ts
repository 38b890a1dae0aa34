// CloudWatch dashboards in the simulator: ListDashboards (prefix, NextToken paging),
// GetDashboard (DashboardNotFoundError, HTTP 404, query code ResourceNotFound, as the SDK's model
// says) and PutDashboard (the body must be JSON with a widgets list; answers with
// DashboardValidationMessages). The demo keeps the dashboards a fleet team would.
import {SimError, type JsonOperations, type SimClock} from './contract.js';

type Dashboard = {name: string; body: string; lastModified: number};

export type DashboardStore = {
	put(name: string, body: string): void;
	get(name: string): Dashboard | undefined;
	list(): Dashboard[];
};

export function createDashboardStore(clock: SimClock): DashboardStore {
	const dashboards = new Map<string, Dashboard>();
	return {
		put(name, body) {
			dashboards.set(name, {name, body, lastModified: clock.now()});
		},
		get: (name) => dashboards.get(name),
		list: () => [...dashboards.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
	};
}

/** Letters, digits, "-" and "_", up to 255 (PutDashboard, DashboardName). */
const NAME = /^[\w-]{1,255}$/;

/** DashboardInvalidInputError (query code InvalidParameterInput); its message names the first problem. */
function invalidInput(message: string): SimError {
	return new SimError('DashboardInvalidInputError', message);
}

/** The problems PutDashboard reports on a body: not JSON, no widgets list, a widget without a known type. */
function validateBody(body: unknown): Array<{DataPath: string; Message: string}> {
	if (typeof body !== 'string') return [{DataPath: '', Message: 'Should be a string'}];
	let json: unknown;
	try {
		json = JSON.parse(body);
	} catch {
		return [{DataPath: '', Message: 'The field DashboardBody must be a valid JSON object'}];
	}
	if (typeof json !== 'object' || json === null || Array.isArray(json)) return [{DataPath: '', Message: 'Should be object'}];
	const widgets = (json as {widgets?: unknown}).widgets;
	if (!Array.isArray(widgets)) return [{DataPath: '', Message: "Should have required property 'widgets'"}];
	const problems: Array<{DataPath: string; Message: string}> = [];
	widgets.forEach((widget: unknown, index) => {
		const type = (widget as {type?: unknown} | null)?.type;
		if (!['metric', 'text', 'log', 'alarm', 'explorer', 'custom'].includes(String(type)))
			problems.push({DataPath: `/widgets/${index}/type`, Message: 'Should be equal to one of the allowed values'});
	});
	return problems;
}

export function dashboardOperations(
	store: DashboardStore,
	options: {accountId: string; limits: {listDashboardsPageSize: number}},
): JsonOperations {
	const arn = (name: string) => `arn:aws:cloudwatch::${options.accountId}:dashboard/${name}`;
	return {
		ListDashboards(input) {
			const prefix: string | undefined = input.DashboardNamePrefix;
			const all = store.list().filter((dashboard) => !prefix || dashboard.name.startsWith(prefix));
			let start = 0;
			if (input.NextToken !== undefined) {
				if (typeof input.NextToken !== 'string') throw new SimError('InvalidParameterValueException', 'The NextToken is not valid.');
				start = all.findIndex((dashboard) => dashboard.name > Buffer.from(input.NextToken, 'base64').toString('utf8'));
				if (start < 0) start = all.length;
			}
			const pageSize = options.limits.listDashboardsPageSize;
			const page = all.slice(start, start + pageSize);
			const out: Record<string, unknown> = {
				DashboardEntries: page.map((dashboard) => ({
					DashboardName: dashboard.name,
					DashboardArn: arn(dashboard.name),
					LastModified: dashboard.lastModified / 1000,
					Size: Buffer.byteLength(dashboard.body),
				})),
			};
			if (start + pageSize < all.length) out.NextToken = Buffer.from(page.at(-1)!.name, 'utf8').toString('base64');
			return out;
		},

		GetDashboard(input) {
			const name: unknown = input.DashboardName;
			if (typeof name !== 'string' || name === '')
				throw new SimError('InvalidParameterValueException', 'The parameter DashboardName is required.');
			const dashboard = store.get(name);
			if (!dashboard) throw new SimError('DashboardNotFoundError', 'Dashboard does not exist', 404);
			return {DashboardName: dashboard.name, DashboardArn: arn(dashboard.name), DashboardBody: dashboard.body};
		},

		PutDashboard(input) {
			const name: unknown = input.DashboardName;
			if (typeof name !== 'string' || !NAME.test(name))
				throw invalidInput(
					'The value for field DashboardName contains invalid characters. It can only contain alphanumerics, dash (-) and underscore (_).',
				);
			const problems = validateBody(input.DashboardBody);
			if (problems.length > 0) {
				throw invalidInput(`The field DashboardBody is not valid: ${problems[0].DataPath || '/'}: ${problems[0].Message}`);
			}
			store.put(name, input.DashboardBody);
			return {DashboardValidationMessages: []};
		},
	};
}

/**
 * The demo's dashboards, as a fleet team keeps them: metric widgets (with "." rows, a hidden
 * input and an expression), a text widget with the runbook and an alarm status widget.
 */
export function demoDashboards(rule: {ruleName: string; actionType: string}): Array<{name: string; body: string}> {
	const overview = {
		widgets: [
			{type: 'text', x: 0, y: 0, width: 24, height: 2, properties: {markdown: '# IoT fleet\nRunbook: https://wiki.example.com/iot-oncall'}},
			{
				type: 'metric',
				x: 0,
				y: 2,
				width: 12,
				height: 6,
				properties: {
					title: 'Connections',
					view: 'timeSeries',
					region: 'us-east-1',
					stat: 'Sum',
					period: 60,
					metrics: [
						['AWS/IoT', 'Connect.Success', 'Protocol', 'MQTT', {label: 'MQTT connects'}],
						['.', '.', '.', 'HTTP', {label: 'HTTP connects'}],
						['.', 'Connect.AuthError', '.', 'MQTT', {label: 'Auth errors (MQTT)'}],
					],
				},
			},
			{
				type: 'metric',
				x: 12,
				y: 2,
				width: 12,
				height: 6,
				properties: {
					title: 'Auth error rate',
					view: 'timeSeries',
					region: 'us-east-1',
					stat: 'Sum',
					period: 60,
					metrics: [
						[{expression: '100 * e / (e + s)', label: 'Auth errors % of connects', id: 'rate'}],
						['AWS/IoT', 'Connect.AuthError', 'Protocol', 'MQTT', {id: 'e', visible: false}],
						['.', 'Connect.Success', '.', '.', {id: 's', visible: false}],
					],
				},
			},
			{
				type: 'metric',
				x: 0,
				y: 8,
				width: 12,
				height: 6,
				properties: {
					title: 'Rules',
					view: 'timeSeries',
					region: 'us-east-1',
					stat: 'Sum',
					period: 60,
					metrics: [
						['AWS/IoT', 'RulesExecuted'],
						['.', 'Failure', 'RuleName', rule.ruleName, 'ActionType', rule.actionType, {label: `${rule.ruleName} failures`}],
					],
				},
			},
			{type: 'alarm', x: 12, y: 8, width: 12, height: 6, properties: {title: 'Fleet alarms', alarms: []}},
		],
	};
	const messaging = {
		widgets: [
			{
				type: 'metric',
				x: 0,
				y: 0,
				width: 24,
				height: 6,
				properties: {
					title: 'Messages',
					stat: 'Sum',
					period: 300,
					region: 'us-east-1',
					metrics: [
						['AWS/IoT', 'PublishIn.Success', 'Protocol', 'MQTT'],
						['.', 'PublishOut.Success', '.', '.'],
						['.', 'PublishIn.Throttle', '.', '.'],
					],
				},
			},
			{
				type: 'log',
				x: 0,
				y: 6,
				width: 24,
				height: 6,
				properties: {title: 'Recent errors', query: "SOURCE 'AWSIotLogsV2' | fields @message"},
			},
		],
	};
	return [
		{name: 'iot-fleet-overview', body: JSON.stringify(overview)},
		{name: 'iot-messaging', body: JSON.stringify(messaging)},
	];
}
