#!/usr/bin/env node
// `npm run bench`: builds, then measures the BUILT app (dist/cli.js) in a real pseudo-terminal
// (bench/ptyrun.py, python3's pty module) against the simulator running as a separate process
// (`iot-top simulate`), so CPU and memory are the app's alone. Prints a table and writes JSON.
// Every figure is the median of --runs runs; baselines are measured or computed in the same run.
//
//   npm run bench -- [--only start,snapshot,steady,scale,headroom,fleet] [--runs 3] [--window 60] [--warmup 30] [--soak 600] [--log-rate 5000] [--json FILE] [--baseline FILE] [--update-baseline] [--no-build]
//
// Nothing here asserts: it is a measurement, not a test. Traffic stays on 127.0.0.1.
import {spawn, execFileSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {parseArgs} from 'node:util';
import xterm from '@xterm/headless';
import {soakFlatness} from './flat.mjs';
import {startSim} from './simulator.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const {values: args} = parseArgs({
	options: {
		runs: {type: 'string', default: '3'},
		// A whole minute: the resource lists are listed again once a minute, and a shorter window
		// that holds that round counts it more than once a minute (CPU per minute, calls per cycle).
		window: {type: 'string', default: '60'},
		// Steady-state figures start this long after the first data: past the first fetches,
		// the log backlog and the first minute's resource describes.
		warmup: {type: 'string', default: '30'},
		// The memory soak at fleet scale: 10 minutes, as the target is "flat over 10 minutes".
		soak: {type: 'string', default: '600'},
		'log-rate': {type: 'string', default: '5000'},
		// Log throughput is measured again above the target, to show it is not the ceiling.
		'headroom-rate': {type: 'string', default: '6000'},
		things: {type: 'string', default: '100000'},
		alarms: {type: 'string', default: '1000'},
		// The Fleet view's scale: things in the simulator's fleet index (--only fleet).
		'fleet-things': {type: 'string', default: '1000000'},
		// Where this run is written (default bench/results/latest.json, replaced each run).
		json: {type: 'string'},
		// The run the table compares with (default bench/results/baseline.json).
		baseline: {type: 'string'},
		// Make this run the baseline (bench/results/baseline.json, in place: git keeps the history).
		'update-baseline': {type: 'boolean', default: false},
		'no-build': {type: 'boolean', default: false},
		only: {type: 'string'},
		// The table again from a results file, without measuring (after a change to how a row is judged).
		from: {type: 'string'},
	},
});
const RUNS = Number(args.runs);
const WINDOW_S = Number(args.window);
const WARMUP_S = Number(args.warmup);
const SOAK_S = Number(args.soak);
const LOG_RATE = Number(args['log-rate']);
const HEADROOM_RATE = Number(args['headroom-rate']);
const SCALE_THINGS = Number(args.things);
const SCALE_ALARMS = Number(args.alarms);
// The log group the app follows unless told otherwise (and the simulator's IoT group).
const LOG_GROUP = 'AWSIotLogsV2';
const only = args.only ? new Set(args.only.split(',')) : undefined;
const wanted = (name) => !args.from && (!only || only.has(name));

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const nowNs = () => process.hrtime.bigint();
const msBetween = (a, b) => Number(b - a) / 1e6;
const median = (values) => {
	const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
	if (sorted.length === 0) return Number.NaN;
	const mid = sorted.length >> 1;
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const CLK_TCK = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
const appEnv = {
	...process.env,
	AWS_ACCESS_KEY_ID: 'bench',
	AWS_SECRET_ACCESS_KEY: 'bench',
	AWS_EC2_METADATA_DISABLED: 'true',
	AWS_PROFILE: '',
	TERM: 'xterm-256color',
	COLORTERM: 'truecolor',
};
delete appEnv.CI;
delete appEnv.AWS_SESSION_TOKEN;

/**
 * The Logs pane as the screen shows it: events taken in (dropped + held, from its title and
 * footer) and the time of its newest line (the top one while following), or undefined.
 */
function logsView(screen) {
	const lines = screen.split('\n');
	const top = lines.findIndex((line) => line.includes('╭─ Logs '));
	if (top < 0) return undefined;
	const dropped = Number(/╭─ Logs [^╮]*?(\d+) dropped/.exec(lines[top])?.[1] ?? 0);
	const bottom = lines.findIndex((line, index) => index > top && line.startsWith('╰'));
	const held = /(\d+)\/\d+ ─╯/.exec(lines[bottom] ?? '')?.[1];
	// The newest event's line: the first under the title and the column header.
	const time = lines
		.slice(top + 1, top + 3)
		.map((line) => /^│ (\d\d):(\d\d):(\d\d) /.exec(line))
		.find(Boolean);
	if (held === undefined || !time) return undefined;
	const now = new Date();
	let newest = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), Number(time[1]), Number(time[2]), Number(time[3]));
	if (newest > now.getTime() + 60_000) newest -= 86_400_000;
	// The line shows whole seconds: its event lies within that second.
	return {received: dropped + Number(held), newest: newest + 500};
}

/** The built app in a pseudo-terminal, with a terminal emulator reading its screen. */
async function startApp({cols, rows, appArgs, env = {}}) {
	const spawnedAt = nowNs();
	const child = spawn(
		'python3',
		[path.join(root, 'bench/ptyrun.py'), String(cols), String(rows), '--', process.execPath, 'dist/cli.js', ...appArgs],
		{
			cwd: root,
			env: {...appEnv, ...env},
			stdio: ['pipe', 'pipe', 'pipe'],
		},
	);
	const term = new xterm.Terminal({cols, rows, allowProposedApi: true, scrollback: 0});
	const chunks = [];
	let startNs;
	let pid;
	let exitCode;
	const waiters = new Set();
	let errText = '';
	child.stderr.on('data', (data) => {
		errText += data;
		const start = /START (\d+) (\d+)/.exec(errText);
		if (start && pid === undefined) {
			startNs = BigInt(start[1]);
			pid = Number(start[2]);
		}
		const exit = /EXIT (-?\d+)/.exec(errText);
		if (exit) exitCode = Number(exit[1]);
	});
	child.stdout.on('data', (data) => {
		const chunk = {t: nowNs(), bytes: data.length, data};
		chunks.push(chunk);
		term.write(data, () => {
			for (const waiter of waiters) waiter(chunk);
		});
	});
	const exited = new Promise((resolve) => child.once('exit', resolve));
	const screen = () => {
		const lines = [];
		for (let y = 0; y < rows; y++) lines.push(term.buffer.active.getLine(y)?.translateToString(true) ?? '');
		return lines.join('\n');
	};
	/** Resolves with the receive time of the chunk after which pred(screen) holds. */
	const waitFor = (pred, timeoutMs = 30_000, label = 'screen') =>
		new Promise((resolve, reject) => {
			if (pred(screen())) return resolve(nowNs());
			const timer = setTimeout(() => {
				waiters.delete(check);
				reject(new Error(`timed out waiting for ${label}; screen:\n${screen()}\n${errText}`));
			}, timeoutMs);
			const check = (chunk) => {
				if (pred(screen())) {
					clearTimeout(timer);
					waiters.delete(check);
					resolve(chunk.t);
				}
			};
			waiters.add(check);
		});
	while (pid === undefined) await sleep(5);
	return {
		spawnedAt,
		get startNs() {
			return startNs;
		},
		pid,
		chunks,
		screen,
		waitFor,
		/** Calls fn(screen, receivedAtNs) after each chunk the terminal has taken in; returns the stop function. */
		watch(fn) {
			const listener = (chunk) => fn(screen(), chunk.t);
			waiters.add(listener);
			return () => waiters.delete(listener);
		},
		term,
		press(key) {
			child.stdin.write(key);
			return nowNs();
		},
		bytesSince(t) {
			return chunks.filter((c) => c.t >= t).reduce((sum, c) => sum + c.bytes, 0);
		},
		outputSince(t) {
			return Buffer.concat(chunks.filter((c) => c.t >= t).map((c) => c.data)).toString('latin1');
		},
		cpuSeconds() {
			const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
			const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
			return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
		},
		rssMb() {
			const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
			return Number(/VmRSS:\s+(\d+)/.exec(status)[1]) / 1024;
		},
		async quit() {
			child.stdin.write('q');
			const timer = setTimeout(() => child.kill('SIGTERM'), 5000);
			await exited;
			clearTimeout(timer);
			return exitCode;
		},
	};
}

/** A full repaint of the screen as it is: every cell, with an SGR sequence wherever the style changes. */
function fullFrameBytes(term) {
	const buffer = term.buffer.active;
	let out = '\x1b[H';
	let last = '';
	const cell = buffer.getNullCell();
	for (let y = 0; y < term.rows; y++) {
		const line = buffer.getLine(y);
		if (!line) continue;
		for (let x = 0; x < term.cols; x++) {
			line.getCell(x, cell);
			if (cell.getWidth() === 0) continue;
			const style = [
				cell.getFgColorMode(),
				cell.getFgColor(),
				cell.getBgColorMode(),
				cell.getBgColor(),
				cell.isBold(),
				cell.isDim(),
				cell.isInverse(),
				cell.isUnderline(),
				cell.isItalic(),
			].join(',');
			if (style !== last) {
				const codes = ['0'];
				if (cell.isBold()) codes.push('1');
				if (cell.isDim()) codes.push('2');
				if (cell.isItalic()) codes.push('3');
				if (cell.isUnderline()) codes.push('4');
				if (cell.isInverse()) codes.push('7');
				if (cell.isFgRGB())
					codes.push(`38;2;${(cell.getFgColor() >> 16) & 255};${(cell.getFgColor() >> 8) & 255};${cell.getFgColor() & 255}`);
				else if (cell.isFgPalette()) codes.push(`38;5;${cell.getFgColor()}`);
				if (cell.isBgRGB())
					codes.push(`48;2;${(cell.getBgColor() >> 16) & 255};${(cell.getBgColor() >> 8) & 255};${cell.getBgColor() & 255}`);
				else if (cell.isBgPalette()) codes.push(`48;5;${cell.getBgColor()}`);
				out += `\x1b[${codes.join(';')}m`;
				last = style;
			}
			out += cell.getChars() || ' ';
		}
		if (y < term.rows - 1) out += '\r\n';
	}
	return Buffer.byteLength(out, 'utf8');
}

const SYNC_BEGIN = '\x1b[?2026h';
const countOf = (text, needle) => text.split(needle).length - 1;
// An alarm name (iot-..., scale-...), not the title (iot-top).
const hasAlarmRows = (screen) => /(iot|scale)-(?!top\b)[a-z0-9-]+/.test(screen);

// ---- 1. Start: process start -> first frame, first frame with data (demo, 120x36) ----
async function measureStart() {
	const firstPaint = [];
	const firstData = [];
	for (let i = 0; i < RUNS; i++) {
		const app = await startApp({cols: 120, rows: 36, appArgs: ['--demo']});
		const dataAt = await app.waitFor(hasAlarmRows, 30_000, 'the first alarm rows');
		const first = app.chunks.find((c) => /[A-Za-z]/.test(c.data.toString('latin1').replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '')));
		firstPaint.push(msBetween(app.startNs, first.t));
		firstData.push(msBetween(app.startNs, dataAt));
		await app.quit();
	}
	return {firstPaintMs: median(firstPaint), firstDataMs: median(firstData), runs: {firstPaint, firstData}};
}

// ---- 1b. Snapshot: `iot-top snapshot --format json` against the seven AWS CLI calls for the same data ----
// The default metrics board (source/model/metricBoard.ts), as the app asks for it.
const BOARD = [
	['Connect.Success', ['Protocol']],
	['Connect.AuthError', ['Protocol']],
	['Connect.Throttle', ['Protocol']],
	['PublishIn.Success', ['Protocol']],
	['PublishIn.Throttle', ['Protocol']],
	['PublishOut.Success', ['Protocol']],
	['RulesExecuted', []],
	['Failure', ['ActionType', 'RuleName']],
	['RuleMessageThrottled', ['RuleName']],
	['ParseError', ['RuleName']],
];

/** The same data as one snapshot, one AWS CLI call a source: alarms, metrics (1 h), logs (10 min), the first page of each list. */
function awsCliCalls(url) {
	const now = Date.now();
	const queries = BOARD.map(([metricName, sumOver], index) =>
		sumOver.length === 0
			? {Id: `iot${index}`, MetricStat: {Metric: {Namespace: 'AWS/IoT', MetricName: metricName, Dimensions: []}, Period: 60, Stat: 'Sum'}}
			: {Id: `iot${index}`, Expression: `SUM(SEARCH('{AWS/IoT,${sumOver.join(',')}} MetricName="${metricName}"', 'Sum', 60))`, Period: 60},
	);
	const base = ['--endpoint-url', url, '--region', 'us-east-1', '--output', 'json'];
	return [
		['cloudwatch', 'describe-alarms', '--alarm-types', 'MetricAlarm', 'CompositeAlarm'],
		[
			'cloudwatch',
			'get-metric-data',
			'--metric-data-queries',
			JSON.stringify(queries),
			'--start-time',
			new Date(now - 3_600_000).toISOString(),
			'--end-time',
			new Date(now).toISOString(),
			'--scan-by',
			'TimestampAscending',
		],
		['logs', 'filter-log-events', '--log-group-name', LOG_GROUP, '--start-time', String(now - 600_000)],
		['iot', 'list-things', '--page-size', '250', '--max-items', '250'],
		// The CLI does not page these two (their own pageSize is --page-size): one page.
		['iot', 'list-certificates', '--page-size', '250'],
		['iot', 'list-policies', '--page-size', '250'],
		['iot', 'list-topic-rules', '--page-size', '250', '--max-items', '250'],
	].map((call) => [...call, ...base]);
}

/** Runs a command to its end, output discarded; resolves with its wall time (ms), or rejects naming it. */
function timed(command, commandArgs, env) {
	return new Promise((resolve, reject) => {
		const t0 = nowNs();
		const child = spawn(command, commandArgs, {cwd: root, env, stdio: ['ignore', 'ignore', 'pipe']});
		let errText = '';
		child.stderr.on('data', (data) => (errText += data));
		child.once('error', reject);
		child.once('exit', (code) => {
			const ms = msBetween(t0, nowNs());
			if (code === 0) resolve(ms);
			else reject(new Error(`${command} ${commandArgs.slice(0, 3).join(' ')} exited ${code}: ${errText.trim()}`));
		});
	});
}

async function measureSnapshot() {
	const sim = await startSim();
	// Static credentials and no profile, as the app has them.
	const cliEnv = {...appEnv, AWS_DEFAULT_REGION: 'us-east-1', AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null'};
	delete cliEnv.AWS_PROFILE;
	const app = [];
	const awsCli = [];
	try {
		// Once each untimed: the files are in the page cache for every timed run alike.
		await timed(
			process.execPath,
			['dist/cli.js', 'snapshot', '--endpoint-url', sim.url, '--region', 'us-east-1', '--format', 'json'],
			appEnv,
		);
		await timed('aws', awsCliCalls(sim.url)[0], cliEnv);
		for (let i = 0; i < RUNS; i++) {
			app.push(
				await timed(
					process.execPath,
					['dist/cli.js', 'snapshot', '--endpoint-url', sim.url, '--region', 'us-east-1', '--format', 'json'],
					appEnv,
				),
			);
			let total = 0;
			for (const call of awsCliCalls(sim.url)) total += await timed('aws', call, cliEnv);
			awsCli.push(total);
		}
	} finally {
		await sim.close();
	}
	return {appMs: median(app), awsCliMs: median(awsCli), runs: {app, awsCli}};
}

// ---- 2. Steady state: bytes per refresh vs a full repaint, CPU, calls per cycle ----
async function measureSteady({cols, rows, interval, withCalls}) {
	const perRun = [];
	for (let i = 0; i < RUNS; i++) {
		const sim = await startSim();
		const app = await startApp({cols, rows, appArgs: ['--endpoint-url', sim.url, '--region', 'us-east-1', '--interval', `${interval}s`]});
		const startedAt = await app.waitFor(hasAlarmRows, 30_000, 'the first alarm rows');
		const rssStart = app.rssMb();
		// Warm-up: the first fetches, the backlog of logs, the first resource pages.
		await sleep(Math.max(WARMUP_S * 1000, 2 * interval * 1000));
		// The window starts half an interval after a refresh's frame, so it holds whole cycles: one
		// that starts while a cycle's requests are on their way counts that cycle's calls too.
		const framesBefore = app.chunks.length;
		while (app.chunks.length === framesBefore) await sleep(20);
		await sleep(interval * 500);
		const t0 = nowNs();
		const cpu0 = app.cpuSeconds();
		if (withCalls) await sim.calls(true);
		// Full-repaint baseline: the size of the screen as it is, sampled each second.
		const fullSizes = [];
		const sampler = setInterval(() => fullSizes.push(fullFrameBytes(app.term)), 1000);
		await sleep(WINDOW_S * 1000);
		clearInterval(sampler);
		const cpu1 = app.cpuSeconds();
		const t1 = nowNs();
		const calls = withCalls ? await sim.calls() : undefined;
		const alarms = withCalls ? await sim.alarmCount() : undefined;
		const seconds = msBetween(t0, t1) / 1000;
		const output = app.outputSince(t0);
		const bytes = Buffer.byteLength(output, 'latin1');
		const syncFrames = countOf(output, SYNC_BEGIN);
		// Frames without synchronized output: writes separated by > 5 ms.
		let bursts = 0;
		let lastT = 0n;
		for (const c of app.chunks) {
			if (c.t >= t0 && c.t <= t1 && (lastT === 0n || msBetween(lastT, c.t) > 5)) {
				bursts++;
				lastT = c.t;
			}
		}
		const frames = syncFrames || bursts;
		const refreshes = seconds / interval;
		const fullFrame = median(fullSizes);
		perRun.push({
			bytesPerRefresh: bytes / refreshes,
			framesPerRefresh: frames / refreshes,
			fullRepaintPerRefresh: (frames / refreshes) * fullFrame,
			fullFrame,
			syncFrames,
			cpuPerMinute: ((cpu1 - cpu0) / seconds) * 60,
			rssStart,
			rssEnd: app.rssMb(),
			calls,
			alarms,
			refreshes,
			secondsToData: msBetween(app.startNs, startedAt) / 1000,
			screen: app.screen(),
		});
		const code = await app.quit();
		perRun.at(-1).screenAfterQuit = app.screen();
		perRun.at(-1).exitCode = code;
		await sim.close();
	}
	const pick = (key) => median(perRun.map((r) => r[key]));
	return {
		cols,
		rows,
		interval,
		bytesPerRefresh: pick('bytesPerRefresh'),
		framesPerRefresh: pick('framesPerRefresh'),
		fullRepaintPerRefresh: pick('fullRepaintPerRefresh'),
		fullFrame: pick('fullFrame'),
		syncFrames: pick('syncFrames'),
		cpuPerMinute: pick('cpuPerMinute'),
		rssStart: pick('rssStart'),
		rssEnd: pick('rssEnd'),
		calls: perRun.at(-1).calls,
		alarms: perRun.at(-1).alarms,
		refreshes: perRun.at(-1).refreshes,
		screen: perRun.at(-1).screen,
	};
}

/** Least-squares slope of y against x over [x, y] points; 0 for fewer than two. */
function slope(points) {
	if (points.length < 2) return 0;
	const mean = (index) => points.reduce((sum, point) => sum + point[index], 0) / points.length;
	const [mx, my] = [mean(0), mean(1)];
	let sxy = 0;
	let sxx = 0;
	for (const [x, y] of points) {
		sxy += (x - mx) * (y - my);
		sxx += (x - mx) ** 2;
	}
	return sxx === 0 ? 0 : sxy / sxx;
}

/**
 * Log throughput: the events the Logs pane took in (its dropped count plus what it holds, each
 * event once) per second, over the frames whose newest line is less than 3 s old (a poll that
 * read to the end), and how far behind the clock its newest line stays. The rate is the
 * least-squares slope of the count against the time of those frames, not the first and last
 * alone: a poll's frame comes a varying time after its cycle starts (its pages take longer or
 * shorter), which moved a two-point figure by a few percent either way. At least a minute.
 * What was offered is the simulator's own count of the events it ingested in the group the
 * app follows, read at the same frames: taken in / offered says whether the app kept up.
 */
async function logThroughput(app, sim) {
	const before = await sim.calls();
	const t0 = nowNs();
	const marks = [];
	const lags = [];
	let lastReceived;
	const ingested = (snapshot) => snapshot.stats[`logs:ingested:${LOG_GROUP}`];
	const stopWatch = app.watch((screen, t) => {
		const view = logsView(screen);
		if (!view || view.received === lastReceived) return;
		lastReceived = view.received;
		const lag = Date.now() - view.newest;
		lags.push(lag);
		if (lag < 3000) marks.push({t, received: view.received, offered: sim.calls().then(ingested)});
	});
	await sleep(Math.max(60, WINDOW_S) * 1000);
	stopWatch();
	for (const mark of marks) mark.offered = await mark.offered;
	const after = await sim.calls();
	const seconds = msBetween(t0, nowNs()) / 1000;
	const calls = (snapshot) => snapshot.calls['logs:FilterLogEvents'] ?? 0;
	const returned = (snapshot) => snapshot.items['logs:FilterLogEvents.events'] ?? 0;
	const perSecond = (key) => slope(marks.map((mark) => [msBetween(marks[0].t, mark.t) / 1000, mark[key]]));
	return {
		eventsPerSecond: perSecond('received'),
		offeredPerSecond: perSecond('offered'),
		marks: marks.length,
		lagMs: {median: median(lags), max: lags.length > 0 ? Math.max(...lags) : undefined},
		pollsPerSecond: (calls(after) - calls(before)) / seconds,
		returnedPerSecond: (returned(after) - returned(before)) / seconds,
	};
}

/** Headroom: the same at a rate above the target, on a small fleet, in an app of its own. */
async function measureLogHeadroom() {
	const sim = await startSim({things: 300, logRate: HEADROOM_RATE});
	const app = await startApp({cols: 120, rows: 36, appArgs: ['--endpoint-url', sim.url, '--region', 'us-east-1', '--interval', '5s']});
	await app.waitFor((screen) => logsView(screen) !== undefined, 60_000, 'the first log lines');
	await sleep(10_000);
	const throughput = await logThroughput(app, sim);
	await app.quit();
	await sim.close();
	return {logRate: HEADROOM_RATE, ...throughput};
}

// ---- 3. Fleet scale: memory, key-to-frame, log throughput, calls at scale ----
async function measureScale() {
	const sim = await startSim({things: SCALE_THINGS, alarms: SCALE_ALARMS, logRate: LOG_RATE});
	const app = await startApp({cols: 120, rows: 36, appArgs: ['--endpoint-url', sim.url, '--region', 'us-east-1', '--interval', '5s']});
	await app.waitFor(hasAlarmRows, 60_000, 'the first alarm rows');
	await sleep(3000);
	const rssAfterStart = app.rssMb();
	await sleep(5000);
	const throughput = await logThroughput(app, sim);
	// Memory after 100,000 log events through the app.
	while (((await sim.calls()).items['logs:FilterLogEvents.events'] ?? 0) < 100_000) await sleep(1000);
	const rssAfter100k = app.rssMb();
	const logsEventsSeen = (await sim.calls()).items['logs:FilterLogEvents.events'];
	// Calls per cycle at scale.
	await sim.calls(true);
	const tCalls = nowNs();
	await sleep(WINDOW_S * 1000);
	const scaleCalls = await sim.calls();
	const scaleRefreshes = msBetween(tCalls, nowNs()) / 1000 / 5;
	const alarms = await sim.alarmCount();
	// Key-to-frame: write a key to the pty, time to the chunk whose frame answers it.
	const latencies = {help: [], zoom: [], pane: []};
	const helpOpen = (s) => s.includes('Help ? or Esc to close');
	const zoomed = (s) => !s.includes('Metrics last') && !s.includes('Resources ');
	for (let i = 0; i < Math.max(5, RUNS * 3); i++) {
		let t = app.press('?');
		latencies.help.push(msBetween(t, await app.waitFor(helpOpen, 5000, 'help')));
		t = app.press('\x1b');
		await app.waitFor((s) => !helpOpen(s), 5000, 'help closed');
		await sleep(100);
		t = app.press('z');
		latencies.zoom.push(msBetween(t, await app.waitFor(zoomed, 5000, 'zoom')));
		t = app.press('z');
		await app.waitFor((s) => !zoomed(s), 5000, 'unzoom');
		await sleep(100);
		t = app.press('4');
		// The status bar's hints follow the focused pane: only Resources has sub-tabs.
		latencies.pane.push(msBetween(t, await app.waitFor((s) => s.includes('[/] sub-tab'), 5000, 'resources focus')));
		app.press('1');
		await app.waitFor((s) => !s.includes('[/] sub-tab'), 5000, 'alarms focus');
		await sleep(100);
	}
	// Soak: RSS over time.
	const soak = [];
	const soakStart = nowNs();
	while (msBetween(soakStart, nowNs()) < SOAK_S * 1000) {
		soak.push({s: Math.round(msBetween(soakStart, nowNs()) / 1000), rssMb: app.rssMb()});
		await sleep(10_000);
	}
	soak.push({s: Math.round(msBetween(soakStart, nowNs()) / 1000), rssMb: app.rssMb()});
	const screen = app.screen();
	await app.quit();
	await sim.close();
	return {
		things: SCALE_THINGS,
		alarms,
		logRate: LOG_RATE,
		rssAfterStart,
		rssAfter100k,
		logsEventsSeen,
		throughput,
		keyToFrameMs: {
			help: median(latencies.help),
			zoom: median(latencies.zoom),
			pane: median(latencies.pane),
			all: median([...latencies.help, ...latencies.zoom, ...latencies.pane]),
		},
		latencies,
		calls: scaleCalls,
		refreshes: scaleRefreshes,
		soak,
		screen,
	};
}

// ---- 4. The Fleet view at 1,000,000 things: AWS's side counts, the app lists nothing ----
const FLEET_THINGS = Number(args['fleet-things']);
async function measureFleet() {
	const simStarted = nowNs();
	const sim = await startSim({things: FLEET_THINGS, logRate: 20});
	const simStartMs = msBetween(simStarted, nowNs());
	await sim.calls(true);
	const app = await startApp({
		cols: 120,
		rows: 36,
		appArgs: ['--endpoint-url', sim.url, '--region', 'us-east-1', '--interval', '5s', '--pane', 'resources'],
	});
	app.press('5');
	// The first fleet figures: the connected count with its share, computed on the simulator's side.
	const figures = (s) => /Connected\s+[\d,]+\s+\d+%/.test(s);
	const shownAt = await app.waitFor(figures, 120_000, 'the first fleet figures');
	const firstFiguresMs = msBetween(app.spawnedAt, shownAt);
	const rssAtFigures = app.rssMb();
	// A minute on the Fleet view: the resources cadence refreshes it once.
	await sleep(WINDOW_S * 1000);
	const rssAfterMinute = app.rssMb();
	const calls = (await sim.calls()).calls ?? {};
	const screen = app.screen();
	await app.quit();
	await sim.close();
	return {things: FLEET_THINGS, simStartMs, firstFiguresMs, rssAtFigures, rssAfterMinute, calls, screen};
}

// ---- Calls per cycle: measured, minimum, naive ----
// The pages the events need, cycle by cycle: each cycle's last page (one log group), and every
// page the simulator cut because it was full (10,000 events, 1 MB or its scan, with the app
// asking for whole pages). The ceiling of the window's average (events / 10,000, bytes / 1 MB)
// is a looser bound: a cycle that needs 10.3 pages takes 11, and one near a whole number of
// pages takes one more now and then.
// The Logs pane polls on its own cadence (--log-interval, 2 s by default), whatever the refresh
// interval: interval / 2 polls a cycle, plus every page the simulator cut because it was full.
const LOG_INTERVAL_S = 2;
function logPagesPerCycle(measured, refreshes, interval) {
	return Math.max(1, interval / LOG_INTERVAL_S) + (measured.items['logs:FilterLogEvents.fullPages'] ?? 0) / refreshes;
}
// ListMetrics tells an empty SEARCH (no data) from an endpoint that does not evaluate it; the
// listing is read again once per resources interval (60 s) while a summed metric reads empty.
const RELIST_S = 60;

function callsPerCycle(measured, refreshes, alarms, things, interval) {
	const per = (key) => (measured.calls[key] ?? 0) / refreshes;
	const metrics = (measured.items['cloudwatch:GetMetricData.metrics'] ?? 0) / refreshes;
	const metricsPerCall = metrics / Math.max(per('cloudwatch:GetMetricData'), 1e-9);
	const rows = [
		{
			op: 'cloudwatch:GetMetricData',
			measured: per('cloudwatch:GetMetricData'),
			minimum: Math.ceil(metricsPerCall / 500) * (per('cloudwatch:GetMetricData') > 0 ? 1 : 0),
			naive: 0,
		},
		{op: 'cloudwatch:GetMetricStatistics', measured: per('cloudwatch:GetMetricStatistics'), minimum: 0, naive: Math.round(metricsPerCall)},
		{
			op: 'cloudwatch:DescribeAlarms',
			measured: per('cloudwatch:DescribeAlarms'),
			minimum: Math.ceil(alarms / 100),
			naive: Math.ceil(alarms / 100),
		},
		// One poll per cycle, or as many pages as the events need: a page holds at most 10,000
		// events and 1 MB (message bytes + 26 per event).
		{
			op: 'logs:FilterLogEvents',
			measured: per('logs:FilterLogEvents'),
			minimum: logPagesPerCycle(measured, refreshes, interval),
			naive: logPagesPerCycle(measured, refreshes, interval),
		},
		{
			op: 'iot:ListThings (+ other lists)',
			measured:
				Object.entries(measured.calls)
					.filter(([k]) => k.startsWith('iot:'))
					.reduce((s, [, n]) => s + n, 0) / refreshes,
			minimum: 0,
			naive: Math.ceil(things / 250) + 4,
		},
	];
	for (const [op] of Object.entries(measured.calls)) {
		if (rows.some((r) => r.op === op) || op.startsWith('iot:')) continue;
		rows.push({op, measured: per(op), minimum: op === 'cloudwatch:ListMetrics' ? interval / RELIST_S : 0, naive: 0});
	}
	// Prices (us-east-1, published CloudWatch pricing): GetMetricData $0.01 per 1,000 metrics
	// requested; GetMetricStatistics, DescribeAlarms and other API requests $0.01 per 1,000
	// requests (beyond the free tier of 1M requests a month, ignored here). Logs and IoT list
	// calls carry no per-request charge.
	const perHour = 3600 / interval;
	const otherCw = rows.filter((r) => r.op.startsWith('cloudwatch:') && r.op !== 'cloudwatch:GetMetricData');
	const cost = {
		app: ((metrics * 0.01) / 1000 + (otherCw.reduce((s, r) => s + r.measured, 0) * 0.01) / 1000) * perHour,
		minimum: ((metrics * 0.01) / 1000 + (Math.ceil(alarms / 100) * 0.01) / 1000) * perHour,
		naive: ((metricsPerCall * 0.01) / 1000 + (Math.ceil(alarms / 100) * 0.01) / 1000) * perHour,
	};
	return {metricsPerCycle: metrics, rows, costPerHour: cost};
}

// ---- main ----
if (!args['no-build'] && !args.from) execFileSync(process.execPath, ['scripts/build.mjs'], {cwd: root, stdio: 'inherit'});
const machine = `${process.platform} ${process.arch}, node ${process.version}, ${(await import('node:os')).cpus().length} cores`;
const results = args.from
	? JSON.parse(fs.readFileSync(args.from, 'utf8'))
	: {
			date: new Date().toISOString(),
			machine,
			runs: RUNS,
			windowSeconds: WINDOW_S,
			warmupSeconds: WARMUP_S,
			soakSeconds: SOAK_S,
			command: `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim(),
		};
const log = (message) => process.stderr.write(`bench: ${message}\n`);

if (wanted('start')) {
	log('first frame (demo, 120x36)');
	results.start = await measureStart();
}
if (wanted('snapshot')) {
	log('snapshot --format json against the seven AWS CLI calls (300 things)');
	results.snapshot = await measureSnapshot();
}
if (wanted('steady')) {
	results.steady = [];
	for (const [cols, rows] of [
		[80, 24],
		[120, 36],
		[200, 60],
	]) {
		log(`steady refresh at ${cols}x${rows}, 5 s`);
		results.steady.push(await measureSteady({cols, rows, interval: 5, withCalls: cols === 120}));
	}
	log('idle at a 1 s interval (120x36)');
	results.steady1s = await measureSteady({cols: 120, rows: 36, interval: 1, withCalls: false});
}
if (wanted('scale')) {
	log(`fleet scale: ${SCALE_THINGS} things, ${SCALE_ALARMS} extra alarms, ${LOG_RATE} log events/s, soak ${SOAK_S} s`);
	results.scale = await measureScale();
}
if (only?.has('fleet')) {
	log(`the Fleet view at ${FLEET_THINGS} things (fleet index on)`);
	results.fleet = await measureFleet();
}
if (wanted('headroom')) {
	log(`log throughput headroom: ${HEADROOM_RATE} log events/s, 300 things`);
	results.headroom = await measureLogHeadroom();
}

// ---- table ----
const rows = [];
const fmt = (n, digits = 0) =>
	Number.isFinite(n) ? n.toLocaleString('en-US', {maximumFractionDigits: digits, minimumFractionDigits: digits}) : '—';
const add = (figure, value, target, met, note = '') =>
	rows.push({figure, value, target, met: met === undefined ? '' : met ? 'met' : 'MISSED', note});
const count = (n) => (Number.isInteger(n) ? String(n) : fmt(n, 2));
// Calls per cycle by operation against the minimum (the IoT lists have none to meet) and the naive baseline.
const addCallRows = (c, alarms) => {
	for (const r of c.rows)
		add(
			`calls/cycle ${r.op} (${alarms} alarms)`,
			fmt(r.measured, 2),
			`min ${count(r.minimum)}`,
			r.op.startsWith('iot:') ? undefined : r.measured <= r.minimum + 0.05,
			`naive ${count(r.naive)}`,
		);
};
if (results.start) {
	add('first frame (demo 120x36)', `${fmt(results.start.firstPaintMs)} ms`, '', undefined, 'process start -> first frame drawn');
	add('first frame with data (demo 120x36)', `${fmt(results.start.firstDataMs)} ms`, '< 500 ms', results.start.firstDataMs < 500);
}
if (results.snapshot) {
	const {appMs, awsCliMs} = results.snapshot;
	add('snapshot --format json (300 things)', `${fmt(appMs)} ms`, '', undefined, 'process start -> exit, against bench/simulator.mjs');
	add(
		'the same data by 7 AWS CLI calls',
		`${fmt(awsCliMs)} ms`,
		'',
		undefined,
		'describe-alarms, get-metric-data, filter-log-events, list-things, -certificates, -policies, -topic-rules, one after another',
	);
	add('snapshot speed-up over the AWS CLI', `${fmt(awsCliMs / appMs, 1)} x`, '>= 10 x', awsCliMs / appMs >= 10);
}
/**
 * A log throughput row: keeping up means the newest line staying close and taking in at least
 * 98% of what the simulator ingested in the same frames. The two counts move on different
 * clocks (the app's once a poll, the simulator's once a second), which leaves their ratio
 * over a minute uncertain by a percent or two: at 150/s, where the tail misses nothing, it read
 * 0.985. The target is met when it kept up with at least 5,000/s offered (the simulator's
 * rate varies ±10% a second, ±1% over a minute).
 */
function addThroughput(label, t) {
	const ratio = t.eventsPerSecond / t.offeredPerSecond;
	const keptUp = ratio >= 0.98 && t.lagMs.max < 20_000;
	add(
		label,
		`${fmt(t.eventsPerSecond)} /s`,
		'>= 5000 /s',
		keptUp && t.offeredPerSecond >= 5000 * 0.98,
		`of ${fmt(t.offeredPerSecond)} /s ingested in the same frames (${fmt(ratio, 3)} x); newest line ${fmt(t.lagMs.median / 1000, 1)} s behind (max ${fmt(t.lagMs.max / 1000, 1)} s); ${fmt(t.pollsPerSecond, 2)} polls/s returning ${fmt(t.returnedPerSecond)} events/s (re-reads included)`,
	);
}
if (results.steady) {
	for (const s of results.steady) {
		const ratio = s.bytesPerRefresh / s.fullRepaintPerRefresh;
		add(
			`bytes per refresh ${s.cols}x${s.rows} (5 s)`,
			`${fmt(s.bytesPerRefresh)} B`,
			'< 2048 B, <= 0.20 x full',
			s.bytesPerRefresh < 2048 && ratio <= 0.2,
			`full repaint ${fmt(s.fullRepaintPerRefresh)} B (${fmt(s.framesPerRefresh, 1)} frames x ${fmt(s.fullFrame)} B): ${fmt(ratio, 2)} x; sync frames ${s.syncFrames}`,
		);
	}
	const s120 = results.steady.find((s) => s.cols === 120);
	add(
		'idle CPU at 5 s (120x36)',
		`${fmt(s120.cpuPerMinute, 2)} s/min (${fmt((s120.cpuPerMinute / 60) * 100, 2)}% core)`,
		'< 1% core',
		s120.cpuPerMinute / 60 < 0.01,
	);
	add(
		'idle CPU at 1 s (120x36)',
		`${fmt(results.steady1s.cpuPerMinute, 2)} s/min (${fmt((results.steady1s.cpuPerMinute / 60) * 100, 2)}% core)`,
		'',
		undefined,
	);
	add('RSS after start (300 things)', `${fmt(s120.rssStart)} MB`, '< 150 MB', s120.rssStart < 150);
	const c = callsPerCycle(s120.calls, s120.refreshes, s120.alarms, 300, 5);
	results.callsPerCycle = c;
	addCallRows(c, s120.alarms);
	add(
		'CloudWatch cost per hour (300 things)',
		`$${fmt(c.costPerHour.app, 4)}`,
		`min $${fmt(c.costPerHour.minimum, 4)}`,
		c.costPerHour.app <= c.costPerHour.minimum * 1.01,
		`naive $${fmt(c.costPerHour.naive, 4)}; ${fmt(c.metricsPerCycle, 1)} metrics/cycle`,
	);
}
if (results.headroom) addThroughput(`log events/s taken in at ${results.headroom.logRate}/s offered (300 things)`, results.headroom);
if (results.scale) {
	const sc = results.scale;
	add(`RSS after start (${fmt(sc.things)} things, ${sc.alarms} alarms)`, `${fmt(sc.rssAfterStart)} MB`, '< 150 MB', sc.rssAfterStart < 150);
	add(
		'RSS after 100,000 log events',
		`${fmt(sc.rssAfter100k)} MB`,
		'< 150 MB',
		sc.rssAfter100k < 150,
		`${fmt(sc.logsEventsSeen)} events fetched`,
	);
	const last = sc.soak.at(-1);
	const maxRss = Math.max(...sc.soak.map((p) => p.rssMb));
	// Flat: the soak's last minute against its first, by their medians (bench/flat.mjs). Until
	// round 10 it was the last sample against the one after 100,000 events, which one sample
	// taken just before a full collection could fail.
	const flatness = soakFlatness(sc.soak);
	add(
		`RSS after ${last.s} s more`,
		`${fmt(last.rssMb)} MB (max ${fmt(maxRss)})`,
		'< 150 MB, flat',
		maxRss < 150 && flatness.flat,
		`first ${fmt(sc.soak[0].rssMb)} MB; median of the first minute ${fmt(flatness.firstMb)} MB, of the last ${fmt(flatness.lastMb)} MB; slope ${flatness.slopeMbPer10Min >= 0 ? '+' : ''}${fmt(flatness.slopeMbPer10Min, 1)} MB/10 min`,
	);
	add(
		'key-to-frame at scale (median)',
		`${fmt(sc.keyToFrameMs.all, 1)} ms`,
		'< 50 ms',
		sc.keyToFrameMs.all < 50,
		`? ${fmt(sc.keyToFrameMs.help, 1)}, z ${fmt(sc.keyToFrameMs.zoom, 1)}, 4 ${fmt(sc.keyToFrameMs.pane, 1)} ms`,
	);
	addThroughput(`log events/s taken in at ${sc.logRate}/s offered (fleet scale)`, sc.throughput);
	const c = callsPerCycle(sc.calls, sc.refreshes, sc.alarms, sc.things, 5);
	results.scale.callsPerCycle = c;
	addCallRows(c, sc.alarms);
	add(
		`CloudWatch cost per hour (${sc.alarms} alarms)`,
		`$${fmt(c.costPerHour.app, 4)}`,
		`min $${fmt(c.costPerHour.minimum, 4)}`,
		c.costPerHour.app <= c.costPerHour.minimum * 1.01,
		`naive $${fmt(c.costPerHour.naive, 4)}`,
	);
}
if (results.fleet) {
	const fl = results.fleet;
	const things = fmt(fl.things);
	add(`simulator start (${things} things)`, `${fmt(fl.simStartMs)} ms`, '', undefined, 'iot-top simulate until it listens');
	add(
		`time to the first fleet figures (${things} things)`,
		`${fmt(fl.firstFiguresMs)} ms`,
		'< 10 s',
		fl.firstFiguresMs < 10_000,
		'app start to the Connected count on the Fleet sub-tab',
	);
	add(`RSS at the first fleet figures (${things} things)`, `${fmt(fl.rssAtFigures)} MB`, '< 150 MB', fl.rssAtFigures < 150);
	add(`RSS after a minute on the Fleet view (${things} things)`, `${fmt(fl.rssAfterMinute)} MB`, '< 150 MB', fl.rssAfterMinute < 150);
	const n = (op) => fl.calls[op] ?? 0;
	add(
		`ListThings calls (${things} things, a minute)`,
		String(n('iot:ListThings')),
		'0 with the index',
		n('iot:ListThings') === 0,
		`SearchIndex ${n('iot:SearchIndex')}, GetStatistics ${n('iot:GetStatistics')}, GetBucketsAggregation ${n('iot:GetBucketsAggregation')}, GetIndexingConfiguration ${n('iot:GetIndexingConfiguration')}`,
	);
}
results.table = rows;
// Each figure beside the baseline's (same figure name), so a run reads as a comparison.
const baselineFile = args.baseline ?? path.join(root, 'bench/results/baseline.json');
const baseline = fs.existsSync(baselineFile) ? JSON.parse(fs.readFileSync(baselineFile, 'utf8')) : undefined;
const baselineValue = new Map((baseline?.table ?? []).map((r) => [r.figure, r.value]));
for (const r of rows) r.baseline = baselineValue.get(r.figure) ?? '';
const columns = ['figure', 'value', 'baseline', 'target', 'met', 'note'];
const widths = columns.map((k) => Math.max(k.length, ...rows.map((r) => String(r[k]).length)));
const line = (r) => `| ${columns.map((k, i) => String(r[k]).padEnd(widths[i])).join(' | ')} |`;
const table = [
	line(Object.fromEntries(columns.map((k) => [k, k]))),
	`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
	...rows.map(line),
].join('\n');
if (args.from) results.tableFrom = `npm run bench -- ${process.argv.slice(2).join(' ')}`;
const against = baseline ? `; baseline: ${path.relative(root, baselineFile)}, ${baseline.date} (${baseline.command})` : '; no baseline';
process.stdout.write(
	`\n${results.command} (${results.machine}; median of ${results.runs} runs, ${results.windowSeconds} s windows after ${results.warmupSeconds} s warm-up; fleet scale one run, ${results.soakSeconds} s soak${against})\n\n${table}\n`,
);
const jsonFile = args.json ?? args.from ?? path.join(root, 'bench/results/latest.json');
fs.mkdirSync(path.dirname(jsonFile), {recursive: true});
const text = `${JSON.stringify(results, null, '\t')}\n`;
fs.writeFileSync(jsonFile, text);
process.stdout.write(`\nwrote ${path.relative(process.cwd(), jsonFile)}\n`);
if (args['update-baseline']) {
	fs.writeFileSync(baselineFile, text);
	process.stdout.write(`wrote ${path.relative(process.cwd(), baselineFile)} (the new baseline)\n`);
}
