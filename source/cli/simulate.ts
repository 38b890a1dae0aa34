// `iot-top simulate`: the simulator alone, for the AWS CLI, LocalStack-style tests and
// other tools: `aws --endpoint-url http://127.0.0.1:4566 iot list-things`.
import {UsageError, parseInteger} from '../config/config.js';

export type SimulateOptions = {
	port?: string;
	seed?: string;
	things?: string;
	alarms?: string;
	logRate?: string;
	faults: string[];
	fleetIndex?: string;
};

/** `--fleet-index on|registry|off` as the simulator's mode (on: registry and connectivity). */
export function simulatorFleetIndex(value: string | undefined): 'connectivity' | 'registry' | 'off' {
	if (value === undefined || value === 'on') return 'connectivity';
	if (value === 'registry' || value === 'off') return value;
	throw new UsageError(`Invalid --fleet-index "${value}": expected on, registry (no connectivity) or off.`);
}

function integer(name: string, value: string | undefined, fallback: number, min: number, max: number): number {
	return value === undefined ? fallback : parseInteger(name, value, min, max);
}

export async function runSimulate(options: SimulateOptions): Promise<number> {
	const port = integer('--port', options.port, 4566, 0, 65_535);
	const seed = integer('--seed', options.seed, 1, 0, 2 ** 31 - 1);
	const things = integer('--things', options.things, 300, 0, 1_000_000);
	const extraAlarms = integer('--alarms', options.alarms, 0, 0, 100_000);
	const logRate = integer('--log-rate', options.logRate, 20, 0, 100_000);
	const fleetIndex = simulatorFleetIndex(options.fleetIndex);
	const {parseFaultSpec} = await import('../sim/faults.js');
	for (const spec of options.faults) {
		try {
			parseFaultSpec(spec);
		} catch (error) {
			throw new UsageError((error as Error).message);
		}
	}
	const {startSimulator} = await import('../sim/index.js');
	let simulator;
	try {
		simulator = await startSimulator({port, seed, things, extraAlarms, logRate, faults: options.faults, fleetIndex});
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'EADDRINUSE') throw new UsageError(`Port ${port} is already in use: pass --port with a free port (0 picks one).`);
		throw error;
	}
	process.stdout.write(
		`iot-top simulator listening on ${simulator.url} (seed ${seed}, ${things} things${extraAlarms > 0 ? `, ${extraAlarms} extra alarms` : ''}, ${logRate} log events/s)\n` +
			`  try: aws --endpoint-url ${simulator.url} --region us-east-1 iot list-things\n` +
			`  credentials: any (e.g. AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test); Ctrl-C stops it\n`,
	);
	await new Promise<void>((resolve) => {
		const stop = () => resolve();
		process.once('SIGINT', stop);
		process.once('SIGTERM', stop);
		process.once('SIGHUP', stop);
	});
	await simulator.close();
	return 0;
}
