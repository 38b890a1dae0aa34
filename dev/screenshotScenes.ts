// The README's screenshots: the seeded demo at 120x36, rendered through the same snapshot
// renderer as `iot-top snapshot --format svg`, on a fixed clock so a seed always draws the
// same pictures: one SVG per pane (zoomed) and one of the dashboard.
import fs from 'node:fs';
import path from 'node:path';
import {createClients} from '../source/aws/clients.js';
import {DEMO_LOG_GROUPS} from '../source/config/config.js';
import {Engine} from '../source/live/engine.js';
import {defaultBoard} from '../source/model/metricBoard.js';
import {createManualClock} from '../source/sim/contract.js';
import {startSimulator} from '../source/sim/index.js';
import {writeFileAtomic} from '../source/snapshot/write.js';
import {DEMO_CREDENTIALS, DEMO_REGION} from '../source/cli/tui.js';
import {svgOf, type SvgView} from '../source/ui/snapshotActions.js';

// A weekday afternoon, three minutes after the simulator starts: the scripted auth-error
// incident is under way, so the pictures show an alarm firing.
const START = Date.UTC(2026, 0, 15, 14, 30, 0);
const SHOT_AT = START + 3 * 60_000 + 20_000;
const SIZE = {columns: 120, rows: 36};

export async function renderScreenshots(directory: string, seed = 7): Promise<string[]> {
	const clock = createManualClock(START);
	// The demo's fleet index (on, with connectivity), and Logs Insights answering at once: the clock stands still.
	const simulator = await startSimulator({
		port: 0,
		seed,
		things: 300,
		clock,
		fleetIndex: 'connectivity',
		insights: {scheduledMs: 0, runningMs: 0},
	});
	const clients = createClients({endpointUrl: simulator.url, region: DEMO_REGION, credentials: DEMO_CREDENTIALS});
	try {
		clock.set(SHOT_AT);
		const engine = new Engine(clients, {
			interval: 5000,
			windowMs: 3_600_000,
			metricSpecs: defaultBoard(60),
			// What `--demo` follows: IoT lines, with the EventBridge and CloudTrail groups' few among them.
			logGroups: DEMO_LOG_GROUPS,
			logBuffer: 10_000,
			resourcesInterval: 60_000,
			source: {demo: true, region: DEMO_REGION},
			now: () => clock.now(),
		});
		await engine.refreshAll();
		fs.mkdirSync(directory, {recursive: true});
		const views: Array<SvgView & {name: string}> = [
			{name: 'dashboard'},
			{name: 'alarms', pane: 'alarms', zoom: true},
			{name: 'metrics', pane: 'metrics', zoom: true},
			{name: 'logs', pane: 'logs', zoom: true},
			{name: 'resources', pane: 'resources', zoom: true},
			// Enter on the alarm that fires: its graph, definition, reason and history, once loaded.
			{
				name: 'alarm-detail',
				pane: 'alarms',
				zoom: true,
				keys: ['\r'],
				until: (frame) => !frame.includes('Loading history…') && !frame.includes('Loading the graph'),
				title: 'alarm detail',
			},
			// The Alarms pane's Changes sub-tab (CloudTrail), the policy change before the burst on top.
			{name: 'changes', pane: 'alarms', zoom: true, keys: [']'], title: 'changes'},
			// `H`: AWS Health, the open IoT issue's description.
			{
				name: 'health',
				pane: 'alarms',
				zoom: true,
				keys: ['H', '\r'],
				until: (frame) => frame.includes('Current status'),
				title: 'health',
			},
			// `5`: the Fleet sub-tab, the disconnect wave under way.
			{name: 'fleet', pane: 'resources', zoom: true, keys: ['5'], until: (frame) => frame.includes('Disconnect reasons'), title: 'fleet'},
			// `t` in Logs: the top talkers, over the buffer and a Logs Insights window.
			{name: 'talkers', pane: 'logs', zoom: true, keys: ['t'], until: (frame) => frame.includes('Complete at'), title: 'top talkers'},
			// `a` in Metrics: AWS/IoT, `/` to find Connect.AuthError, its dimension set with a preview of the series.
			{
				name: 'metric-browser',
				pane: 'metrics',
				zoom: true,
				keys: ['a', '\r', '/', ...'AuthError', '\r', '\r'],
				until: (frame) => frame.includes('Enter adds it') && !frame.includes('Reading the series'),
				title: 'metric browser',
			},
		];
		const written: string[] = [];
		for (const view of views) {
			const file = path.join(directory, `${view.name}.svg`);
			await writeFileAtomic(file, await svgOf(engine, SIZE, clock.now(), view));
			written.push(file);
		}
		// `--dashboard iot-fleet-overview`: the demo's CloudWatch dashboard as the board.
		const withDashboard = new Engine(clients, {...engine.context.options, dashboard: 'iot-fleet-overview'});
		await withDashboard.refreshAll();
		const file = path.join(directory, 'cloudwatch-dashboard.svg');
		await writeFileAtomic(
			file,
			await svgOf(withDashboard, SIZE, clock.now(), {pane: 'metrics', zoom: true, title: 'CloudWatch dashboard'}),
		);
		written.push(file);
		return written;
	} finally {
		clients.destroy();
		await simulator.close();
	}
}
