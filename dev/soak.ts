// `npm run soak -- --minutes N`: the app against the simulator for N minutes with random
// faults and a log flood, drawn by the real Ink renderer into an off-screen terminal. It
// reports crashes, unhandled rejections, memory at start and end, and log events shown vs
// sent. Exit 0 when nothing crashed and memory stayed flat.
import {parseArgs} from 'node:util';
import React from 'react';
import {createClients} from '../source/aws/clients.js';
import {Engine} from '../source/live/engine.js';
import {defaultBoard} from '../source/model/metricBoard.js';
import {startSimulator} from '../source/sim/index.js';
import {FrameWriter} from '../source/terminal/frameWriter.js';
import {defaultLogFile, logWarningsTo} from '../source/terminal/screen.js';
import {DEMO_CREDENTIALS, DEMO_REGION} from '../source/cli/tui.js';
import {App} from '../source/ui/App.js';
import {renderOffscreen} from '../source/ui/offscreen.js';

const {values} = parseArgs({
	options: {
		minutes: {type: 'string', default: '10'},
		rate: {type: 'string', default: '300'},
		seed: {type: 'string', default: '1'},
	},
});
const minutes = Number(values.minutes);
const logRate = Number(values.rate);
if (!(minutes > 0 && minutes <= 24 * 60) || !(logRate >= 0 && logRate <= 50_000)) {
	process.stderr.write('soak: --minutes must be from 0 to 1440 and --rate from 0 to 50000 events/s.\n');
	process.exit(2);
}
logWarningsTo(defaultLogFile());

const FAULTS = [
	'cloudwatch=throttle:0.5',
	'logs:FilterLogEvents=throttle:0.7',
	'*=error:503:0.3',
	'iot=drop:0.5',
	'cloudwatch:GetMetricData=denied',
	'logs=expired',
	'down:8',
	'*=latency:400',
	'cloudwatch:DescribeAlarms=notimpl:501',
];

const problems = {uncaught: 0, unhandled: 0, messages: [] as string[]};
process.on('uncaughtException', (error) => {
	problems.uncaught++;
	problems.messages.push(`uncaught: ${error.stack ?? error.message}`);
});
process.on('unhandledRejection', (reason) => {
	problems.unhandled++;
	problems.messages.push(`unhandled rejection: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`);
});

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

// The simulator shares this process: its log store is capped low so that, after the first
// minute, any growth in memory is the app's, not the simulator's.
const simulator = await startSimulator({port: 0, seed: Number(values.seed), things: 2000, logRate, logMaxEvents: 30_000});
const clients = createClients({endpointUrl: simulator.url, region: DEMO_REGION, credentials: DEMO_CREDENTIALS});
const engine = new Engine(clients, {
	interval: 2000,
	windowMs: 3_600_000,
	metricSpecs: defaultBoard(60),
	logGroups: ['AWSIotLogsV2'],
	logBuffer: 10_000,
	resourcesInterval: 15_000,
	source: {demo: true, region: DEMO_REGION},
});
// Drawn as the full-screen session draws: Ink's whole frames through the frame writer.
let frames: FrameWriter | undefined;
const screen = renderOffscreen(React.createElement(App, {engine, initialPane: 'logs'}), {
	columns: 120,
	rows: 36,
	keepFrames: false,
	through: (terminal) => (frames = new FrameWriter(terminal)),
});
const started = Date.now();
engine.start();
await new Promise((resolve) => setTimeout(resolve, 5000));
// Memory is taken once the buffer is full and the simulator's store has reached its cap.
await new Promise((resolve) => setTimeout(resolve, Math.min(60_000, (minutes * 60_000) / 4)));
global.gc?.();
const startRss = process.memoryUsage().rss;
const startHeap = process.memoryUsage().heapUsed;
const samples: Array<{minute: number; rssMb: number; heapMb: number}> = [];
const endAt = started + minutes * 60_000;
let faultIndex = 0;
// Events sent, counted window by window (the simulator's store keeps only the recent ones).
const group = 'AWSIotLogsV2';
let countedUntil = started - 2 * 60_000;
let sent = 0;
const countSent = (until: number) => {
	sent += simulator.logs.events(group, {startTime: countedUntil, endTime: until - 1}).length;
	countedUntil = until;
};
process.stdout.write(`soak: ${minutes} min, ${logRate} log events/s, faults rotating every 20 s; start RSS ${mb(startRss)} MB\n`);
while (Date.now() < endAt) {
	const fault = FAULTS[faultIndex++ % FAULTS.length];
	simulator.faults.clear();
	// Every other period runs clean, so the app has to recover, not just survive.
	if (faultIndex % 2 === 1) simulator.faults.add(fault);
	await new Promise((resolve) => setTimeout(resolve, Math.min(20_000, Math.max(0, endAt - Date.now()))));
	countSent(Date.now() - 15_000);
	const usage = process.memoryUsage();
	samples.push({minute: Math.round(((Date.now() - started) / 60_000) * 10) / 10, rssMb: mb(usage.rss), heapMb: mb(usage.heapUsed)});
}
simulator.faults.clear();
// A last clean stretch: the log tail catches up with what was sent.
await new Promise((resolve) => setTimeout(resolve, 8000));
engine.stop();
global.gc?.();
const endRss = process.memoryUsage().rss;
const endHeap = process.memoryUsage().heapUsed;
const state = engine.store.getSnapshot();
// After the clean stretch the tail has caught up: everything up to now counts.
countSent(Date.now());
const received = state.sources.logs.received;
screen.unmount();
frames?.close();
clients.destroy();
await simulator.close();

const flat = endRss <= startRss * 1.25 && endHeap <= startHeap * 1.5 + 16 * 1024 * 1024;
const report = [
	['minutes', String(minutes)],
	['crashes (uncaught exceptions)', String(problems.uncaught)],
	['unhandled rejections', String(problems.unhandled)],
	['RSS at start / end (MB)', `${mb(startRss)} / ${mb(endRss)}${flat ? ' (flat)' : ' (GREW)'}`],
	['heap used at start / end (MB, after GC)', `${mb(startHeap)} / ${mb(endHeap)}`],
	['log events sent (simulator) / received by the pane', `${sent} / ${received}`],
	['bytes written to the terminal', String(screen.terminal.bytes)],
	['API calls (all attempts)', String(state.calls.total)],
	['throttled calls seen', String(state.calls.throttles)],
];
process.stdout.write(`\n${report.map(([name, value]) => `${name.padEnd(60)} ${value}`).join('\n')}\n`);
process.stdout.write(
	`\nmemory samples (minute: RSS MB / heap MB): ${samples.map((sample) => `${sample.minute}: ${sample.rssMb}/${sample.heapMb}`).join(', ')}\n`,
);
for (const message of problems.messages.slice(0, 5)) process.stdout.write(`\n${message}\n`);
process.exit(problems.uncaught === 0 && problems.unhandled === 0 && flat ? 0 : 1);
