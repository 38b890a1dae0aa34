// Flags + config file + environment -> one validated Config. Every bad value becomes a
// UsageError whose message is one sentence naming the value and what is allowed; the CLI
// prints it and exits 2.
import fs from 'node:fs';
import path from 'node:path';
import type {z} from 'zod';
import {parseDuration} from '../model/duration.js';
import {defaultLogFile} from '../terminal/screen.js';
import {PANES, type PaneId} from '../ui/paneIds.js';

export class UsageError extends Error {
	override name = 'UsageError';
}

export type CustomMetric = {
	label: string;
	namespace: string;
	metricName: string;
	dimensions: Record<string, string>;
	statistic: string;
	period?: number;
	unit: string;
};

export type Config = {
	demo: boolean;
	profile?: string;
	region?: string;
	endpointUrl?: string;
	/** Refresh interval of alarms and metrics, ms. */
	interval: number;
	/** Metrics window, ms. */
	window: number;
	/** Metrics period, seconds. */
	period: number;
	pane: PaneId;
	logGroups: string[];
	logFilter?: string;
	logBuffer: number;
	/** Follow the log groups with StartLiveTail instead of polling FilterLogEvents. */
	liveTail: boolean;
	/** Log poll cadence, ms: the Logs pane's own pace, whatever `interval` is. */
	logInterval: number;
	/** How far back the first log poll reads, ms (`aws logs tail --since`). */
	since: number;
	alarmPrefix?: string;
	bell: boolean;
	color: boolean;
	/** Times on screen in UTC (`--utc`); the machine's zone (TZ) otherwise. */
	utc: boolean;
	logFile: string;
	/** Resources refresh cadence, ms. */
	resourcesInterval: number;
	customMetrics: CustomMetric[];
	/** Demo simulator settings. */
	seed: number;
	things: number;
	configFile?: string;
	/** Where the `s` key writes snapshots: an absolute path, so the status bar can name it. */
	snapshotDir: string;
	/** Demo only: simulator faults injected from the start (`--fault`). */
	faults: string[];
	/** A CloudWatch dashboard whose metric widgets are the board (`--dashboard`). */
	dashboard?: string;
	/** The Fleet view's breakdown field: thingTypeName or attributes.NAME (`--fleet-group-by`). */
	fleetGroupBy: string;
	/** Demo only: the simulator's fleet index (`--fleet-index on|registry|off`). */
	fleetIndex: FleetIndexSetting;
};

export type FleetIndexSetting = 'on' | 'registry' | 'off';

/** What the command line gave, before validation; undefined = not given. */
export type RawOptions = {
	demo?: boolean;
	profile?: string;
	region?: string;
	endpointUrl?: string;
	interval?: string;
	window?: string;
	period?: string;
	pane?: string;
	logGroup?: string[];
	logFilter?: string;
	logBuffer?: string;
	liveTail?: boolean;
	logInterval?: string;
	since?: string;
	alarmPrefix?: string;
	bell?: boolean;
	color?: boolean;
	utc?: boolean;
	logFile?: string;
	config?: string;
	seed?: string;
	things?: string;
	snapshotDir?: string;
	fault?: string[];
	dashboard?: string;
	fleetGroupBy?: string;
	fleetIndex?: string;
};

/** A duration's range, and examples within it for the message that rejects one outside. */
export type DurationLimits = {min: number; max: number; examples: string};

export const LIMITS = {
	interval: {min: 1000, max: 3_600_000, examples: '5s, 30s or 2m'},
	window: {min: 15 * 60_000, max: 24 * 3_600_000, examples: '15m, 1h or 6h'},
	logBuffer: {min: 100, max: 1_000_000},
	// From 1 s (the fastest established tailers poll; with the request gap one group stays near
	// 1 request/s of the account's 5/s) to 5 min, past which the pane no longer follows anything.
	logInterval: {min: 1000, max: 5 * 60_000, examples: '2s, 10s or 1m'},
	// Back to a day at most (FilterLogEvents tokens expire after 24 h); the buffer and the read
	// budget bound what a long one costs.
	since: {min: 0, max: 24 * 3_600_000, examples: '5m, 30m or 2h'},
	resourcesInterval: {min: 5000, max: 86_400_000, examples: '30s, 1m or 10m'},
	things: {min: 0, max: 1_000_000},
} satisfies Record<string, {min: number; max: number; examples?: string}>;

/** The Logs pane's defaults: a poll every 2 s, and a first read of the last 10 minutes (as `aws logs tail`). */
export const LOG_DEFAULTS = {interval: 2000, since: 10 * 60_000};
/** What `--demo` follows without --log-group: the simulator's IoT, EventBridge and CloudTrail groups, which tell its incident's story together. */
export const DEMO_LOG_GROUPS = ['AWSIotLogsV2', '/aws/events/iot-fleet', 'aws-cloudtrail-logs-iot'];

const REGION_PATTERN = /^[a-z]{2}(?:-[a-z]+)+-\d{1,2}$/;

/**
 * The config file's schemas, built from zod when a file is read: zod (a large chunk of the
 * bundle) is not loaded at a start without a config file.
 */
function configFileSchemas(zod: typeof z) {
	const z = zod;
	const durationText = z.union([z.string(), z.number()]);
	const customMetricSchema = z
		.object({
			label: z.string().min(1).optional(),
			namespace: z.string().min(1),
			metricName: z.string().min(1),
			dimensions: z.record(z.string(), z.string()).optional(),
			statistic: z.string().min(1).optional(),
			period: z.number().int().positive().optional(),
			unit: z.string().optional(),
		})
		.strict();

	const fileSchema = z
		.object({
			$schema: z.string().optional(),
			profile: z.string().min(1).optional(),
			region: z.string().optional(),
			endpointUrl: z.string().optional(),
			interval: durationText.optional(),
			window: durationText.optional(),
			period: z.number().int().optional(),
			pane: z.string().optional(),
			logGroups: z.array(z.string().min(1)).min(1).optional(),
			logFilter: z.string().optional(),
			logBuffer: z.number().int().optional(),
			liveTail: z.boolean().optional(),
			logInterval: durationText.optional(),
			since: durationText.optional(),
			alarmPrefix: z.string().optional(),
			bell: z.boolean().optional(),
			color: z.boolean().optional(),
			utc: z.boolean().optional(),
			logFile: z.string().optional(),
			resourcesInterval: durationText.optional(),
			metrics: z.array(customMetricSchema).optional(),
			snapshotDir: z.string().min(1).optional(),
			dashboard: z.string().optional(),
			fleetGroupBy: z.string().optional(),
		})
		.strict();
	return {customMetricSchema, fileSchema};
}

type Schemas = ReturnType<typeof configFileSchemas>;

export type ConfigFile = z.infer<Schemas['fileSchema']>;

const DURATION_ALLOWED = 'a duration such as "5s" or "2m", or a number of seconds';
const SWITCH_ALLOWED = 'true or false';
/** What each key takes, by its name (a metric's own keys as `metrics.KEY`). */
const ALLOWED: Record<string, string> = {
	$schema: 'a string',
	profile: 'a profile name',
	region: 'an AWS region name such as "us-east-1"',
	endpointUrl: 'a URL such as "http://localhost:4566"',
	interval: DURATION_ALLOWED,
	window: DURATION_ALLOWED,
	period: 'a whole number of seconds such as 60',
	pane: `one of ${PANES.map((pane) => `"${pane}"`).join(', ')}`,
	logGroups: 'a list of one or more log group names such as ["AWSIotLogsV2"]',
	logFilter: 'a CloudWatch Logs filter pattern (a string)',
	logBuffer: 'a whole number of events such as 10000',
	liveTail: SWITCH_ALLOWED,
	logInterval: DURATION_ALLOWED,
	since: DURATION_ALLOWED,
	alarmPrefix: 'the start of alarm names (a string)',
	bell: SWITCH_ALLOWED,
	color: SWITCH_ALLOWED,
	utc: SWITCH_ALLOWED,
	logFile: 'a file name',
	resourcesInterval: DURATION_ALLOWED,
	metrics: 'a list of metrics such as [{"namespace": "Fleet", "metricName": "Temperature"}]',
	snapshotDir: 'a directory',
	dashboard: 'a CloudWatch dashboard name such as "iot-fleet-overview"',
	fleetGroupBy: 'thingTypeName or an attribute such as "attributes.firmware"',
	'metrics.label': 'a label (a non-empty string)',
	'metrics.namespace': 'a namespace such as "Fleet" (a non-empty string)',
	'metrics.metricName': 'a metric name such as "Temperature" (a non-empty string)',
	'metrics.dimensions': 'names and values such as {"Site": "lab"}',
	'metrics.statistic': 'a statistic such as "Sum" or "Average"',
	'metrics.period': 'a whole number of seconds such as 60',
	'metrics.unit': 'a unit (a string)',
};

const shown = (value: unknown) => {
	const text = JSON.stringify(value) ?? String(value);
	return text.length > 40 ? `${text.slice(0, 39)}…` : text;
};

/** The config file's first problem as one sentence: the key, its value and what it takes. */
function describeIssue({customMetricSchema, fileSchema}: Schemas, issue: z.core.$ZodIssue, json: unknown, file: string): string {
	const where = issue.path.length > 0 ? issue.path.join('.') : '(top level)';
	if (issue.code === 'unrecognized_keys') {
		const inMetric = issue.path[0] === 'metrics';
		const allowed = Object.keys(inMetric ? customMetricSchema.shape : fileSchema.shape).filter((key) => key !== '$schema');
		return `Config file ${file}: key ${where}: unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((key) => `"${key}"`).join(', ')}; allowed keys are ${allowed.join(', ')}.`;
	}
	let value: unknown = json;
	for (const step of issue.path)
		value = value !== null && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[step] : undefined;
	// A list's element takes what the list does; a metric's keys are named as `metrics.KEY`.
	const keys = issue.path.filter((step): step is string => typeof step === 'string');
	const name = keys[0] === 'metrics' && keys.length > 1 ? `metrics.${keys[1]}` : (keys[0] ?? '');
	const allowed = ALLOWED[name] ?? (issue.path.length === 0 ? 'a JSON object such as {"interval": "10s"}' : issue.message);
	return `Config file ${file}: key ${where} ${value === undefined ? 'is missing' : `is ${shown(value)}`}; expected ${allowed}.`;
}

export function defaultConfigFile(env: NodeJS.ProcessEnv): string {
	const configHome = env.XDG_CONFIG_HOME || path.join(env.HOME || '.', '.config');
	return path.join(configHome, 'iot-top', 'config.json');
}

/** Reads and validates the config file; a missing default file is fine, a missing named one is not. */
export async function readConfigFile(file: string, required: boolean): Promise<ConfigFile> {
	let text: string;
	try {
		text = fs.readFileSync(file, 'utf8');
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (!required && code === 'ENOENT') return {};
		throw new UsageError(`Cannot read config file ${file} (${code ?? 'error'}): pass --config with a readable JSON file.`);
	}
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch (error) {
		throw new UsageError(`Config file ${file} is not valid JSON (${(error as Error).message}).`);
	}
	const schemas = configFileSchemas((await import('zod')).z);
	const result = schemas.fileSchema.safeParse(json);
	if (!result.success) {
		throw new UsageError(describeIssue(schemas, result.error.issues[0], json, file));
	}
	return result.data;
}

function parseDurationOption(name: string, value: string | number, limits: DurationLimits, where: string): number {
	const ms = typeof value === 'number' ? value * 1000 : parseDuration(value);
	const allowed = `a duration from ${formatLimit(limits.min)} to ${formatLimit(limits.max)} such as ${limits.examples}`;
	if (ms === undefined || !Number.isFinite(ms)) {
		throw new UsageError(`Invalid ${where}${name} "${value}": expected ${allowed}.`);
	}
	if (ms < limits.min || ms > limits.max) {
		throw new UsageError(`Invalid ${where}${name} "${value}": expected ${allowed}.`);
	}
	return ms;
}

function formatLimit(ms: number): string {
	if (ms === 0) return '0s';
	if (ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
	if (ms % 60_000 === 0) return `${ms / 60_000}m`;
	return `${ms / 1000}s`;
}

/** A whole number within [min, max], or a UsageError naming the flag and the range. */
export function parseInteger(name: string, value: string | number, min: number, max: number, where = ''): number {
	const number = typeof value === 'number' ? value : /^\d+$/.test(value.trim()) ? Number(value) : Number.NaN;
	if (!Number.isInteger(number) || number < min || number > max) {
		throw new UsageError(`Invalid ${where}${name} "${value}": expected a whole number from ${min} to ${max}.`);
	}
	return number;
}

// Each takes the name as the user wrote it: `--pane` on the command line, `pane` in the file.
function parsePane(value: string, name = '--pane', where = ''): PaneId {
	const pane = value.toLowerCase();
	if (!(PANES as readonly string[]).includes(pane)) {
		throw new UsageError(`Invalid ${where}${name} "${value}": expected one of ${PANES.join(', ')}.`);
	}
	return pane as PaneId;
}

/** A dashboard name as PutDashboard allows it: letters, digits, "-" and "_", up to 255. */
function parseDashboard(value: string, name = '--dashboard', where = ''): string {
	if (!/^[\w-]{1,255}$/.test(value))
		throw new UsageError(
			`Invalid ${where}${name} "${value}": expected a CloudWatch dashboard name of letters, digits, - and _ (1 to 255 characters).`,
		);
	return value;
}

/** The Fleet view's breakdown: a field GetBucketsAggregation takes (the attribute must be a custom field of the index). */
function parseFleetGroupBy(value: string, name = '--fleet-group-by', where = ''): string {
	if (!/^(?:thingTypeName|attributes\.[A-Za-z0-9_.,@/:#-]{1,128})$/.test(value)) {
		throw new UsageError(`Invalid ${where}${name} "${value}": expected thingTypeName or attributes.NAME, such as attributes.firmware.`);
	}
	return value;
}

function parseFleetIndex(value: string): FleetIndexSetting {
	if (value !== 'on' && value !== 'registry' && value !== 'off') {
		throw new UsageError(`Invalid --fleet-index "${value}": expected on, registry (no connectivity) or off.`);
	}
	return value;
}

function parseRegion(value: string, name = '--region', where = ''): string {
	if (!REGION_PATTERN.test(value)) {
		throw new UsageError(`Invalid ${where}${name} "${value}": expected an AWS region name such as us-east-1 or eu-west-2.`);
	}
	return value;
}

function parseEndpoint(value: string, name = '--endpoint-url', where = ''): string {
	let url: URL | undefined;
	try {
		url = new URL(value);
	} catch {
		url = undefined;
	}
	if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
		throw new UsageError(`Invalid ${where}${name} "${value}": expected an http:// or https:// URL such as http://localhost:4566.`);
	}
	return value;
}

const PERIODS_ALLOWED = 'a multiple of 60 seconds from 60 to 86400 (or 1, 5, 10, 30 for high-resolution metrics)';
function parsePeriod(value: string | number, name = '--period', where = ''): number {
	const seconds = typeof value === 'number' ? value : /^\d+$/.test(String(value).trim()) ? Number(value) : Number.NaN;
	const ok = Number.isInteger(seconds) && ([1, 5, 10, 30].includes(seconds) || (seconds >= 60 && seconds <= 86_400 && seconds % 60 === 0));
	if (!ok) throw new UsageError(`Invalid ${where}${name} "${value}": expected ${PERIODS_ALLOWED}.`);
	return seconds;
}

/** An existing directory, made absolute: checked at start, not when `s` is first pressed. */
function parseSnapshotDir(value: string, where: string): string {
	const name = where ? 'snapshotDir' : '--snapshot-dir';
	if (value.trim() === '') throw new UsageError(`Invalid ${where}${name} "": expected a directory for the s key's snapshots.`);
	const directory = path.resolve(value);
	let isDirectory = false;
	try {
		isDirectory = fs.statSync(directory).isDirectory();
	} catch {
		isDirectory = false;
	}
	if (!isDirectory)
		throw new UsageError(
			`Invalid ${where}${name} "${value}": ${directory} is not an existing directory; expected one for the s key's snapshots.`,
		);
	return directory;
}

export type ResolveInputs = {
	options: RawOptions;
	env?: NodeJS.ProcessEnv;
};

export async function resolveConfig({options, env = process.env}: ResolveInputs): Promise<Config> {
	const configFile = options.config ?? defaultConfigFile(env);
	const file = await readConfigFile(configFile, options.config !== undefined);
	const inFile = `config file ${configFile}: `;

	const interval =
		options.interval !== undefined
			? parseDurationOption('--interval', options.interval, LIMITS.interval, '')
			: file.interval !== undefined
				? parseDurationOption('interval', file.interval, LIMITS.interval, inFile)
				: 5000;
	const window =
		options.window !== undefined
			? parseDurationOption('--window', options.window, LIMITS.window, '')
			: file.window !== undefined
				? parseDurationOption('window', file.window, LIMITS.window, inFile)
				: 3_600_000;
	const logInterval =
		options.logInterval !== undefined
			? parseDurationOption('--log-interval', options.logInterval, LIMITS.logInterval, '')
			: file.logInterval !== undefined
				? parseDurationOption('logInterval', file.logInterval, LIMITS.logInterval, inFile)
				: LOG_DEFAULTS.interval;
	const since =
		options.since !== undefined
			? parseDurationOption('--since', options.since, LIMITS.since, '')
			: file.since !== undefined
				? parseDurationOption('since', file.since, LIMITS.since, inFile)
				: LOG_DEFAULTS.since;
	const resourcesInterval =
		file.resourcesInterval !== undefined
			? parseDurationOption('resourcesInterval', file.resourcesInterval, LIMITS.resourcesInterval, inFile)
			: 60_000;
	const period =
		options.period !== undefined
			? parsePeriod(options.period)
			: file.period !== undefined
				? parsePeriod(file.period, 'period', inFile)
				: 60;
	if (window / 1000 / period > 1440) {
		throw new UsageError(
			`Invalid --window ${formatLimit(window)} with --period ${period}: at most 1440 points per metric are drawn, so --window can be at most ${formatLimit(period * 1440 * 1000)} with this --period (or use a longer --period).`,
		);
	}
	const pane =
		options.pane !== undefined ? parsePane(options.pane) : file.pane !== undefined ? parsePane(file.pane, 'pane', inFile) : 'alarms';
	const region =
		options.region !== undefined
			? parseRegion(options.region)
			: file.region !== undefined
				? parseRegion(file.region, 'region', inFile)
				: undefined;
	const endpointUrl =
		options.endpointUrl !== undefined
			? parseEndpoint(options.endpointUrl)
			: file.endpointUrl !== undefined
				? parseEndpoint(file.endpointUrl, 'endpointUrl', inFile)
				: undefined;
	if (options.profile !== undefined && options.profile.trim() === '') {
		throw new UsageError('Invalid --profile "": expected the name of a profile in ~/.aws/config.');
	}
	const logBuffer =
		options.logBuffer !== undefined
			? parseInteger('--log-buffer', options.logBuffer, LIMITS.logBuffer.min, LIMITS.logBuffer.max)
			: file.logBuffer !== undefined
				? parseInteger('logBuffer', file.logBuffer, LIMITS.logBuffer.min, LIMITS.logBuffer.max, inFile)
				: 10_000;
	const fromFlags = options.logGroup !== undefined && options.logGroup.length > 0;
	const logGroups = fromFlags ? options.logGroup! : (file.logGroups ?? (options.demo ? DEMO_LOG_GROUPS : ['AWSIotLogsV2']));
	for (const group of logGroups) {
		if (!/^[\w\-./#]{1,512}$/.test(group)) {
			throw new UsageError(
				`Invalid ${fromFlags ? '--log-group' : `${inFile}logGroups`} "${group}": expected a log group name of letters, digits and _ - . / # (1 to 512 characters).`,
			);
		}
	}
	const customMetrics: CustomMetric[] = (file.metrics ?? []).map((metric, index) => ({
		label: metric.label ?? metric.metricName,
		namespace: metric.namespace,
		metricName: metric.metricName,
		dimensions: metric.dimensions ?? {},
		statistic: metric.statistic ?? 'Sum',
		period: metric.period === undefined ? undefined : parsePeriod(metric.period, `metrics.${index}.period`, inFile),
		unit: metric.unit ?? '',
	}));
	const noColor = env.NO_COLOR !== undefined && env.NO_COLOR !== '';
	if (options.logFile !== undefined && options.logFile.trim() === '')
		throw new UsageError('Invalid --log-file "": expected a file name for warnings and errors.');
	if (options.logFile === undefined && file.logFile?.trim() === '')
		throw new UsageError(`Invalid ${inFile}logFile "": expected a file name for warnings and errors.`);
	const snapshotDir = parseSnapshotDir(options.snapshotDir ?? file.snapshotDir ?? '.', options.snapshotDir !== undefined ? '' : inFile);

	return {
		demo: options.demo ?? false,
		profile: options.profile ?? file.profile,
		region,
		endpointUrl,
		interval,
		window,
		period,
		pane,
		logGroups,
		logFilter: options.logFilter ?? file.logFilter,
		logBuffer,
		liveTail: options.liveTail ?? file.liveTail ?? false,
		logInterval,
		since,
		alarmPrefix: options.alarmPrefix ?? file.alarmPrefix,
		bell: options.bell ?? file.bell ?? false,
		color: options.color === false ? false : noColor ? false : (file.color ?? true),
		utc: options.utc ?? file.utc ?? false,
		logFile: options.logFile ?? file.logFile ?? defaultLogFile(env),
		resourcesInterval,
		customMetrics,
		seed: options.seed !== undefined ? parseInteger('--seed', options.seed, 0, 2 ** 31 - 1) : 1,
		things: options.things !== undefined ? parseInteger('--things', options.things, LIMITS.things.min, LIMITS.things.max) : 300,
		configFile: options.config,
		snapshotDir,
		faults: options.fault ?? [],
		dashboard:
			options.dashboard !== undefined
				? parseDashboard(options.dashboard)
				: file.dashboard !== undefined
					? parseDashboard(file.dashboard, 'dashboard', inFile)
					: undefined,
		fleetGroupBy:
			options.fleetGroupBy !== undefined
				? parseFleetGroupBy(options.fleetGroupBy)
				: file.fleetGroupBy !== undefined
					? parseFleetGroupBy(file.fleetGroupBy, 'fleetGroupBy', inFile)
					: 'attributes.firmware',
		fleetIndex: options.fleetIndex === undefined ? 'on' : parseFleetIndex(options.fleetIndex),
	};
}
