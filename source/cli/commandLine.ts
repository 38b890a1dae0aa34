// Command line: flags and subcommands (default: the full-screen app; `simulate`). Bad
// input is one sentence and exit code 2, never a stack trace. The UI and the SDK are loaded
// only once the arguments are known to be good.
import process from 'node:process';
import {UsageError, resolveConfig, type RawOptions} from '../config/config.js';
import {VERSION} from '../config/version.js';
import {setDisplayZone} from '../model/duration.js';
import {tuneHeapForMonitor} from '../runtime/heap.js';
import {logWarningsTo} from '../terminal/screen.js';
import {setColorEnabled, terminalColorLevel} from '../terminal/colorLevel.js';

const HELP = `
  top for an AWS IoT fleet: alarms, metrics, logs and resources in one terminal screen

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
    --log-group NAME       log group to follow (repeatable; default AWSIotLogsV2; with --demo
                           also /aws/events/iot-fleet and aws-cloudtrail-logs-iot)
    --log-filter PATTERN   CloudWatch Logs filter pattern
    --log-buffer 10000     log events kept in memory
    --log-interval 2s      how often the Logs pane polls, whatever --interval is (1s to 5m)
    --since 10m            how far back the first log poll reads (0s to 24h), as aws logs tail --since
    --live-tail            follow logs with StartLiveTail (push, billed per minute) instead of polling
    --alarm-prefix P       only alarms whose name starts with P
    --bell                 ring the terminal bell when an alarm enters ALARM
    --no-color             no colours, bold and reverse only (NO_COLOR is honoured too)
    --utc                  times in UTC (default: the local zone, TZ honoured)
    --config FILE          config file (default $XDG_CONFIG_HOME/iot-top/config.json)
    --log-file FILE        where diverted warnings and errors go
    --snapshot-dir DIR     where the s key writes snapshots (default: current directory)
    --dashboard NAME       show a CloudWatch dashboard's metric widgets as the Metrics board
    --fleet-group-by F     the Fleet view's breakdown: thingTypeName or attributes.NAME
                           (default attributes.firmware; a custom field of the fleet index)

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
    --fleet-index on       the simulator's fleet index: on, registry (no connectivity) or off

  Keys: press ? in the app.

`;

/** Every option; a string option's entry says what it takes, as an example, for a missing value. */
const FLAGS = {
	profile: {type: 'string', takes: 'a profile name, such as --profile ops'},
	region: {type: 'string', takes: 'an AWS region, such as --region eu-west-1'},
	endpointUrl: {type: 'string', takes: 'a URL, such as --endpoint-url http://localhost:4566'},
	demo: {type: 'boolean'},
	interval: {type: 'string', takes: 'a duration from 1s to 1h, such as --interval 5s'},
	window: {type: 'string', takes: 'a duration from 15m to 24h, such as --window 1h'},
	period: {type: 'string', takes: 'seconds, such as --period 60'},
	pane: {type: 'string', takes: 'alarms, metrics, logs or resources, such as --pane logs'},
	logGroup: {type: 'string', isMultiple: true, takes: 'a log group name, such as --log-group AWSIotLogsV2'},
	logFilter: {type: 'string', takes: 'a CloudWatch Logs filter pattern, such as --log-filter ERROR'},
	logBuffer: {type: 'string', takes: 'a number of events, such as --log-buffer 10000'},
	liveTail: {type: 'boolean'},
	logInterval: {type: 'string', takes: 'a duration from 1s to 5m, such as --log-interval 2s'},
	since: {type: 'string', takes: 'a duration from 0s to 24h, such as --since 10m'},
	alarmPrefix: {type: 'string', takes: 'the start of alarm names, such as --alarm-prefix iot-'},
	bell: {type: 'boolean'},
	color: {type: 'boolean'},
	utc: {type: 'boolean'},
	config: {type: 'string', takes: 'a JSON file, such as --config ~/.config/iot-top/config.json'},
	logFile: {type: 'string', takes: 'a file, such as --log-file /tmp/iot-top.log'},
	port: {type: 'string', takes: 'a port number, such as --port 4566'},
	seed: {type: 'string', takes: 'a whole number, such as --seed 7'},
	things: {type: 'string', takes: 'a number of things, such as --things 300'},
	alarms: {type: 'string', takes: 'a number of alarms, such as --alarms 100'},
	logRate: {type: 'string', takes: 'events per second, such as --log-rate 20'},
	fault: {type: 'string', isMultiple: true, takes: "a fault, such as --fault 'logs:FilterLogEvents=throttle:0.3'"},
	snapshotDir: {type: 'string', takes: 'a directory, such as --snapshot-dir ~/snapshots'},
	format: {type: 'string', takes: 'json, text, svg or markdown, such as --format json'},
	output: {type: 'string', takes: 'a file or - for stdout, such as --output fleet.json'},
	size: {type: 'string', takes: 'COLUMNSxROWS, such as --size 120x36'},
	help: {type: 'boolean'},
	version: {type: 'boolean'},
	dashboard: {type: 'string', takes: 'a CloudWatch dashboard name, such as --dashboard iot-fleet-overview'},
	fleetGroupBy: {type: 'string', takes: 'thingTypeName or attributes.NAME, such as --fleet-group-by attributes.firmware'},
	fleetIndex: {type: 'string', takes: 'on, registry or off, such as --fleet-index off'},
} as const;

type FlagName = keyof typeof FLAGS;
type FlagSpec = {type: 'string' | 'boolean'; isMultiple?: boolean; takes?: string};
/** The flags given, by name: a boolean, a string, or every value of a repeatable option. */
type Flags = {
	[Name in FlagName]?: (typeof FLAGS)[Name] extends {type: 'boolean'}
		? boolean
		: (typeof FLAGS)[Name] extends {isMultiple: true}
			? string[]
			: string;
};

const kebab = (name: string) => name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
const OPTION_NAMES = new Map<string, FlagName>(Object.keys(FLAGS).map((name) => [kebab(name), name as FlagName]));

/** Edits needed to turn `a` into `b` (Levenshtein), for "did you mean". */
function editDistance(a: string, b: string): number {
	let previous = Array.from({length: b.length + 1}, (_, index) => index);
	for (let i = 1; i <= a.length; i++) {
		const current = [i];
		for (let j = 1; j <= b.length; j++)
			current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
		previous = current;
	}
	return previous[b.length];
}

function unknownOption(written: string): UsageError {
	const name = written.replace(/^-+/, '');
	const wanted = kebab(name).toLowerCase();
	let best: string | undefined;
	let bestDistance = Number.POSITIVE_INFINITY;
	for (const option of OPTION_NAMES.keys()) {
		const distance = editDistance(wanted, option);
		if (distance < bestDistance) [best, bestDistance] = [option, distance];
	}
	const close =
		best !== undefined && (bestDistance <= Math.max(1, Math.floor(best.length / 4)) || (wanted.length >= 3 && best.startsWith(wanted)));
	if (!written.startsWith('--')) {
		return new UsageError(
			`Unknown option ${written}: iot-top has long options only${close ? `, such as --${best}` : ''}; see iot-top --help.`,
		);
	}
	return new UsageError(`Unknown option ${written}${close ? ` (did you mean --${best}?)` : ''}: see iot-top --help for the options.`);
}

/**
 * The command line read: its words (the command) and its flags by name. An unknown option, a
 * missing value, a value given to an option that takes none, or an option given twice is one
 * sentence. A value may be joined with `=` or follow its option, so `--output -` and
 * `--since -5m` are values, as the user meant, not a missing one or an option; everything
 * after `--` is words.
 */
function parseArguments(argv: string[]): {words: string[]; flags: Flags} {
	const words: string[] = [];
	const flags: Record<string, boolean | string | string[]> = {};
	for (let index = 0; index < argv.length; index++) {
		const argument = argv[index];
		if (argument === '--') {
			words.push(...argv.slice(index + 1));
			break;
		}
		if (!argument.startsWith('-') || argument === '-') {
			words.push(argument);
			continue;
		}
		const equals = argument.indexOf('=');
		const written = equals === -1 ? argument : argument.slice(0, equals);
		const inline = equals === -1 ? undefined : argument.slice(equals + 1);
		if (!written.startsWith('--')) throw unknownOption(written);
		let name = OPTION_NAMES.get(written.slice(2));
		let negated = false;
		if (name === undefined && written.startsWith('--no-')) {
			const positive = OPTION_NAMES.get(written.slice(5));
			const takes = positive === undefined ? undefined : (FLAGS[positive] as FlagSpec).takes;
			if (takes !== undefined) throw new UsageError(`Invalid ${written}: --${written.slice(5)} takes a value, ${takes}.`);
			if (positive !== undefined) [name, negated] = [positive, true];
		}
		if (name === undefined) throw unknownOption(written);
		const spec: FlagSpec = FLAGS[name];
		if (spec.type === 'boolean') {
			if (inline !== undefined && (negated || (inline !== 'true' && inline !== 'false'))) {
				throw new UsageError(`Invalid ${argument}: ${written} takes no value; use --${kebab(name)} or --no-${kebab(name)}.`);
			}
			flags[name] = !negated && inline !== 'false';
			continue;
		}
		let value = inline;
		if (value === undefined) {
			const next = argv[index + 1];
			if (next === undefined || next.startsWith('--'))
				throw new UsageError(`Missing value for ${written}: expected ${spec.takes ?? 'a value'}.`);
			value = next;
			index++;
		}
		const before = flags[name];
		if (spec.isMultiple) flags[name] = [...((before as string[] | undefined) ?? []), value];
		else if (before !== undefined) throw new UsageError(`${written} is given twice ("${before as string}" and "${value}"): give it once.`);
		else flags[name] = value;
	}
	return {words, flags: flags as Flags};
}

export async function main(argv = process.argv.slice(2)): Promise<number> {
	// Help and version answer wherever they are, whatever else is on the line: `iot-top simulate
	// --help` starts no simulator and `iot-top --demo --help` no app.
	const options = argv.slice(0, argv.includes('--') ? argv.indexOf('--') : undefined);
	if (options.includes('--help')) {
		process.stdout.write(HELP);
		return 0;
	}
	if (options.includes('--version')) {
		process.stdout.write(`${VERSION}\n`);
		return 0;
	}
	const {words, flags} = parseArguments(argv);
	const [command, ...rest] = words;
	if (rest.length > 0 || (command !== undefined && command !== 'simulate' && command !== 'snapshot')) {
		throw new UsageError(`Unknown command "${words.join(' ')}": expected no command, "snapshot" or "simulate" (see iot-top --help).`);
	}
	if (command !== 'snapshot') {
		for (const flag of ['alarms', 'logRate'] as const) {
			if (command !== 'simulate' && flags[flag] !== undefined)
				throw new UsageError(
					`--${flag === 'logRate' ? 'log-rate' : flag} belongs to the simulate command: iot-top simulate --${flag === 'logRate' ? 'log-rate' : flag} ${flags[flag]}.`,
				);
		}
		for (const flag of ['format', 'output', 'size'] as const) {
			if (flags[flag] !== undefined)
				throw new UsageError(`--${flag} belongs to the snapshot command: iot-top snapshot --${flag} ${flags[flag]}.`);
		}
	}
	if (command !== 'simulate' && flags.port !== undefined)
		throw new UsageError(`--port belongs to the simulate command: iot-top simulate --port ${flags.port}.`);
	for (const flag of ['seed', 'things'] as const) {
		if (command !== 'simulate' && flags.demo !== true && flags[flag] !== undefined) {
			throw new UsageError(`--${flag} works with --demo (or the simulate command): it sets up the built-in simulator.`);
		}
	}
	if (command !== 'simulate' && flags.demo !== true && flags.fleetIndex !== undefined) {
		throw new UsageError('--fleet-index works with --demo (or the simulate command): it sets up the built-in simulator.');
	}
	const raw: RawOptions = {
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
		utc: flags.utc,
		logFile: flags.logFile,
		config: flags.config,
		seed: flags.seed,
		things: flags.things,
		snapshotDir: flags.snapshotDir,
		fault: flags.fault,
		dashboard: flags.dashboard,
		fleetGroupBy: flags.fleetGroupBy,
		fleetIndex: flags.fleetIndex,
	};

	if (command === 'simulate') {
		const {runSimulate} = await import('./simulate.js');
		return runSimulate({
			port: flags.port,
			seed: flags.seed,
			things: flags.things,
			alarms: flags.alarms,
			logRate: flags.logRate,
			faults: flags.fault ?? [],
			fleetIndex: flags.fleetIndex,
		});
	}

	const config = await resolveConfig({options: raw});
	// Both are read as the screen is drawn: set once, before anything is.
	setColorEnabled(config.color);
	setDisplayZone(config.utc ? 'utc' : 'local');
	if (config.faults.length > 0) {
		if (!config.demo)
			throw new UsageError('--fault works with --demo (or the simulate command): it injects faults into the built-in simulator.');
		const {parseFaultSpec} = await import('../sim/faults.js');
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
		const {parseSnapshotOptions, runSnapshot} = await import('./snapshot.js');
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
	// The first round of fetches goes out before the UI's code is loaded, which then loads while
	// they are on their way: the first frame shows what has landed by then (in the demo, whose
	// simulator answers on this thread, the alarms), or the panes loading. The log backlog, the
	// heaviest first read, starts once the first frame is drawn and the others have landed
	// (runTui). Loading the UI alongside the clients instead drew a "loading" frame ~60 ms
	// sooner but the data ~30 ms later (docs/startup.md).
	const {connect} = await import('./connect.js');
	const connected = await connect(config);
	// Changes and Health (CloudTrail, AWS Health: SDK clients loaded on first use) and the Fleet sub-tab's
	// figures (not on the first screen) wait for the first frame too: 467 -> 413 ms to it (docs/performance.md).
	connected.engine.start({defer: ['logs', 'changes', 'health', 'fleet']});
	let tui: typeof import('./tui.js');
	try {
		tui = await import('./tui.js');
	} catch (error) {
		await connected.close();
		throw error;
	}
	return tui.runTui(config, connected);
}

/** Runs the command line given to the process and sets its exit code. */
export function runCommandLine(): void {
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
}
