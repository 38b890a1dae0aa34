// Clients and engine for a config, the demo's simulator first: what the full-screen app and
// the snapshot command share. Nothing here draws, so the snapshot command loads no UI.
import type {AwsClients, Connection} from '../aws/clients.js';
import {defaultConfigFile, UsageError, type Config} from '../config/config.js';
import {Engine} from '../live/engine.js';
import {customBoard, defaultBoard} from '../model/metricBoard.js';

export const DEMO_CREDENTIALS = {accessKeyId: 'demo', secretAccessKey: 'demo'};
export const DEMO_REGION = 'us-east-1';

type Closer = () => Promise<void> | void;

export type Connected = {clients: AwsClients; engine: Engine; close: Closer};

/** Builds the clients and engine for a config; the demo starts its simulator first. */
export async function connect(config: Config): Promise<Connected> {
	// The demo's simulator code is read while the SDK's is compiled.
	const simulatorCode = config.demo ? import('../sim/index.js') : undefined;
	const {createClients} = await import('../aws/clients.js');
	let connection: Connection;
	let closeSimulator: Closer = () => {};
	if (simulatorCode) {
		const {startSimulator} = await simulatorCode;
		const simulator = await startSimulator({
			seed: config.seed,
			things: config.things,
			faults: config.faults,
			fleetIndex: config.fleetIndex === 'on' ? 'connectivity' : config.fleetIndex,
		});
		closeSimulator = () => simulator.close();
		connection = {endpointUrl: simulator.url, region: DEMO_REGION, credentials: DEMO_CREDENTIALS};
	} else {
		connection = {region: config.region, profile: config.profile, endpointUrl: config.endpointUrl};
	}
	const clients = createClients(connection);
	let region: string;
	try {
		region = await clients.cloudwatch.config.region();
	} catch {
		await closeSimulator();
		throw new UsageError('No AWS region is set: pass --region, set AWS_REGION, or give the profile a region.');
	}
	const engine = new Engine(clients, {
		interval: config.interval,
		windowMs: config.window,
		metricSpecs: [...defaultBoard(config.period), ...customBoard(config.customMetrics, config.period)],
		logGroups: config.logGroups,
		logFilter: config.logFilter,
		logBuffer: config.logBuffer,
		liveTail: config.liveTail,
		logPollInterval: config.logInterval,
		logSince: config.since,
		alarmPrefix: config.alarmPrefix,
		resourcesInterval: config.resourcesInterval,
		dashboard: config.dashboard,
		configFile: config.configFile ?? defaultConfigFile(process.env),
		fleetGroupBy: config.fleetGroupBy,
		source: {
			demo: config.demo,
			region,
			profile: config.demo ? undefined : (config.profile ?? process.env.AWS_PROFILE),
			endpointUrl: config.demo ? undefined : config.endpointUrl,
		},
	});
	return {
		clients,
		engine,
		async close() {
			engine.stop();
			await engine.settled();
			clients.destroy();
			await closeSimulator();
		},
	};
}
