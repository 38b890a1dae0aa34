#!/usr/bin/env node
// Command line: flags and subcommands (default: the full-screen app; `simulate`). Bad
// input is one sentence and exit code 2, never a stack trace. The UI and the SDK are loaded
// only once the arguments are known to be good.
import process from 'node:process';
import meow from 'meow';
import {UsageError, resolveConfig, type RawOptions} from './config.js';
import {tuneHeapForMonitor} from './runtime/heap.js';
import {logWarningsTo} from './terminal/screen.js';
import {terminalColorLevel} from './terminal/colorLevel.js';

const HELP = `
  Usage
    $ iot-top [options]              full-screen monitor of an AWS IoT fleet
    $ iot-top --demo                 the same against a built-in simulated fleet
    $ iot-top snapshot [--format json|text|svg|markdown] [--output FILE|-] [--size 120x36]
                                     one round of every source, written once (for scripts)
    $ iot-top simulate [--port 4566] serve the simulator alone for other tools

  Connection (the SDK's default credential chain: env, SSO, profiles)
    --profile P            AWS profile (default: AWS_PROFILE or default)
    --region R             AWS region (default: AWS_REGION or the profile's)
    --endpoint-url URL     another endpoint, e.g. http://localhost:4566 (LocalStack)
    --demo                 run against the built-in simulator (no AWS account needed)

  View
    --interval 5s          refresh interval of alarms and metrics (1s to 1h)
    --window 1h            metrics window (15m to 24h)
    --period 60            metrics period in seconds
    --pane alarms          first pane: alarms, metrics, logs or resources
    --log-group NAME       log group to follow (repeatable; default AWSIotLogsV2)
    --log-filter PATTERN   CloudWatch Logs filter pattern
    --log-buffer 10000     log events kept in memory
    --log-interval 2s      how often the Logs pane polls, whatever --interval is (1s to 5m)
    --since 10m            how far back the first log poll reads (0s to 24h), as aws logs tail --since
    --live-tail            follow logs with StartLiveTail (push, billed per minute) instead of polling
    --alarm-prefix P       only alarms whose name starts with P
    --bell                 ring the terminal bell when an alarm enters ALARM
    --no-color             no colours (NO_COLOR is honoured too)
    --config FILE          config file (default $XDG_CONFIG_HOME/iot-top/config.json)
    --log-file FILE        where diverted warnings and errors go
    --snapshot-dir DIR     where the s key writes snapshots (default: current directory)

  Snapshot
    --format json          json (schema: snapshot.schema.json), text, svg or markdown
    --output FILE          write to FILE (atomically) instead of stdout (- is stdout)
    --size 120x36          the screen size the svg shows

  Simulator (simulate, --demo)
    --port N               port to listen on (simulate; default 4566)
    --seed N               fleet seed (default 1)
    --things N             number of things (default 300)
    --alarms N             extra alarms to seed (simulate; default 0)
    --log-rate N           IoT log events per second (simulate; default 20)
    --fault SPEC           inject a fault (repeatable), e.g. 'logs:FilterLogEvents=throttle:0.3'

  Keys: press ? in the app.
`;

export async function main(argv = process.argv.slice(2)): Promise<number> {
	const cli = meow(HELP, {
		importMeta: import.meta,
		argv,
		allowUnknownFlags: false,
		booleanDefault: undefined,
		flags: {
			profile: {type: 'string'},
			region: {type: 'string'},
			endpointUrl: {type: 'string'},
			demo: {type: 'boolean'},
			interval: {type: 'string'},
			window: {type: 'string'},
			period: {type: 'string'},
			pane: {type: 'string'},
			logGroup: {type: 'string', isMultiple: true},
			logFilter: {type: 'string'},
			logBuffer: {type: 'string'},
			liveTail: {type: 'boolean'},
			logInterval: {type: 'string'},
			since: {type: 'string'},
			alarmPrefix: {type: 'string'},
			bell: {type: 'boolean'},
			color: {type: 'boolean'},
			config: {type: 'string'},
			logFile: {type: 'string'},
			port: {type: 'string'},
			seed: {type: 'string'},
			things: {type: 'string'},
			alarms: {type: 'string'},
			logRate: {type: 'string'},
			fault: {type: 'string', isMultiple: true},
			snapshotDir: {type: 'string'},
			format: {type: 'string'},
			output: {type: 'string'},
			size: {type: 'string'},
			help: {type: 'boolean'},
			version: {type: 'boolean'},
		},
	});
	// meow answers --help and --version only when alone: `iot-top simulate --help` would start
	// a simulator and `iot-top --demo --help` the app. Anywhere on the line, they answer.
	if (cli.flags.help === true) cli.showHelp(0);
	if (cli.flags.version === true) cli.showVersion();
	const [command, ...rest] = cli.input;
	if (rest.length > 0 || (command !== undefined && command !== 'simulate' && command !== 'snapshot')) {
		throw new UsageError(`Unknown command "${cli.input.join(' ')}": expected no command, "snapshot" or "simulate" (see iot-top --help).`);
	}
	const {flags} = cli;
	if (command !== 'snapshot') {
		for (const flag of ['alarms', 'logRate'] as const) {
			if (command !== 'simulate' && flags[flag] !== undefined) throw new UsageError(`--${flag === 'logRate' ? 'log-rate' : flag} belongs to the simulate command: iot-top simulate --${flag === 'logRate' ? 'log-rate' : flag} ${flags[flag]}.`);
		}
		for (const flag of ['format', 'output', 'size'] as const) {
			if (flags[flag] !== undefined) throw new UsageError(`--${flag} belongs to the snapshot command: iot-top snapshot --${flag} ${flags[flag]}.`);
		}
	}
	const options: RawOptions = {
		demo: flags.demo,
		profile: flags.profile,
		region: flags.region,
		endpointUrl: flags.endpointUrl,
		interval: flags.interval,
		window: flags.window,
		period: flags.period,
		pane: flags.pane,
		logGroup: flags.logGroup,
		logFilter: flags.logFilter,
		logBuffer: flags.logBuffer,
		liveTail: flags.liveTail,
		logInterval: flags.logInterval,
		since: flags.since,
		alarmPrefix: flags.alarmPrefix,
		bell: flags.bell,
		color: flags.color,
		logFile: flags.logFile,
		config: flags.config,
		seed: flags.seed,
		things: flags.things,
		snapshotDir: flags.snapshotDir,
		fault: flags.fault,
	};

	if (command === 'simulate') {
		const {runSimulate} = await import('./simulate.js');
		return runSimulate({port: flags.port, seed: flags.seed, things: flags.things, alarms: flags.alarms, logRate: flags.logRate, faults: flags.fault ?? []});
	}

	const config = resolveConfig({options});
	if (config.faults.length > 0) {
		if (!config.demo) throw new UsageError('--fault works with --demo (or the simulate command): it injects faults into the built-in simulator.');
		const {parseFaultSpec} = await import('./sim/faults.js');
		for (const spec of config.faults) {
			try {
				parseFaultSpec(spec);
			} catch (error) {
				throw new UsageError((error as Error).message);
			}
		}
	}
	logWarningsTo(config.logFile);
	if (command === 'snapshot') {
		const {parseSnapshotOptions, runSnapshot} = await import('./snapshotCommand.js');
		const snapshotOptions = parseSnapshotOptions({format: flags.format, output: flags.output, size: flags.size});
		// The SVG shows the colours a terminal would, whatever stdout is.
		if (config.color) process.env.FORCE_COLOR = '3';
		else process.env.FORCE_COLOR = '0';
		return runSnapshot(config, snapshotOptions);
	}
	if (!process.stdout.isTTY || !process.stdin.isTTY) {
		throw new UsageError(
			`${process.stdout.isTTY ? 'stdin' : 'stdout'} is not a terminal: iot-top is a full-screen app; for scripts and pipes use \`iot-top snapshot --format json|text|svg|markdown\`.`,
		);
	}
	// chalk (loaded with the UI) reads "CI" in the environment as "no colours", so the colour
	// level is settled from the terminal first: COLORTERM truecolor, a 256-colour TERM, else 16.
	if (config.color && process.env.FORCE_COLOR === undefined) process.env.FORCE_COLOR = terminalColorLevel(process.env);
	// Ink renders nothing but the last frame when it believes it runs in CI; a full-screen
	// session in a real terminal is never that.
	process.env.CI = 'false';
	delete process.env.CONTINUOUS_INTEGRATION;
	if (!config.color) process.env.FORCE_COLOR = '0';
	// Resident memory near what is live: see runtime/heap.ts.
	tuneHeapForMonitor();
	const {runTui} = await import('./tui.js');
	return runTui(config);
}

// A reader that stops early (`iot-top snapshot | head`) is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
	if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
	throw error;
});

main().then(
	(code) => {
		process.exitCode = code;
	},
	(error: unknown) => {
		if (error instanceof UsageError) {
			process.stderr.write(`iot-top: ${error.message}\n`);
			process.exitCode = 2;
			return;
		}
		process.stderr.write(`iot-top: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
		process.exitCode = 1;
	},
);
