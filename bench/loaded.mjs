#!/usr/bin/env node
// `node bench/loaded.mjs [--soak 120] [--no-things]`: the memory target's scenario, which
// `npm run bench` does not reach: the BUILT app (dist/cli.js, build it first) in a
// pseudo-terminal against `iot-top simulate --things 100000 --alarms 1000 --log-rate 5000`,
// with 10,000 log events buffered and all 100,000 things loaded in Resources (the pane lists
// things a page at a time: G is pressed until the list is complete). Prints RSS along the
// way, then every 10 s for --soak seconds, and the CPU used meanwhile. The refresh of opened
// lists (resourcesInterval, 60 s) lists again only their first pages, so a config file in a
// temporary XDG_CONFIG_HOME sets it to 1 h: the 100,000 things stay loaded.
//
// Nothing here asserts: it is a measurement. Traffic stays on 127.0.0.1.
import {spawn} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {parseArgs} from 'node:util';
import xterm from '@xterm/headless';
import {startSim} from './simulator.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const {values: args} = parseArgs({options: {soak: {type: 'string', default: '120'}, 'no-things': {type: 'boolean', default: false}}});
const COLS = 120;
const ROWS = 36;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const sim = await startSim({things: 100_000, alarms: 1000, logRate: 5000});

const configHome = fs.mkdtempSync(path.join(os.tmpdir(), 'iot-top-loaded-'));
fs.mkdirSync(path.join(configHome, 'iot-top'));
fs.writeFileSync(path.join(configHome, 'iot-top', 'config.json'), JSON.stringify({resourcesInterval: '1h'}));
const env = {
	...process.env,
	AWS_ACCESS_KEY_ID: 'bench',
	AWS_SECRET_ACCESS_KEY: 'bench',
	AWS_EC2_METADATA_DISABLED: 'true',
	AWS_PROFILE: '',
	TERM: 'xterm-256color',
	COLORTERM: 'truecolor',
	XDG_CONFIG_HOME: configHome,
};
delete env.CI;
delete env.AWS_SESSION_TOKEN;
const app = spawn(
	'python3',
	[
		path.join(root, 'bench/ptyrun.py'),
		String(COLS),
		String(ROWS),
		'--',
		process.execPath,
		'dist/cli.js',
		'--endpoint-url',
		sim.url,
		'--region',
		'us-east-1',
		'--interval',
		'5s',
	],
	{
		cwd: root,
		env,
		stdio: ['pipe', 'pipe', 'pipe'],
	},
);
const term = new xterm.Terminal({cols: COLS, rows: ROWS, allowProposedApi: true, scrollback: 0});
let pid;
let errText = '';
app.stderr.on('data', (data) => {
	errText += data;
	const start = /START \d+ (\d+)/.exec(errText);
	if (start) pid = Number(start[1]);
});
app.stdout.on('data', (data) => term.write(data));
const screen = () => {
	const lines = [];
	for (let y = 0; y < ROWS; y++) lines.push(term.buffer.active.getLine(y)?.translateToString(true) ?? '');
	return lines.join('\n');
};
const rssMb = () => Math.round(Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024);
const cpuSeconds = () => {
	const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	return (Number(fields[11]) + Number(fields[12])) / 100;
};
while (pid === undefined) await sleep(20);
const startedAt = Date.now();
const log = (message) => process.stdout.write(`${String(Math.round((Date.now() - startedAt) / 1000)).padStart(4)} s  ${message}\n`);
const waitFor = async (pred, label, timeoutMs = 120_000) => {
	const until = Date.now() + timeoutMs;
	while (!pred(screen())) {
		if (Date.now() > until) throw new Error(`timed out waiting for ${label}:\n${screen()}\n${errText}`);
		await sleep(250);
	}
};

await waitFor((text) => /Logs .*10000\/10000/.test(text.replace(/\n/g, ' ')), '10,000 buffered log events');
log(`10,000 log events buffered: RSS ${rssMb()} MB`);
await sleep(5000);
log(`5 s later: RSS ${rssMb()} MB`);
if (!args['no-things']) {
	app.stdin.write('4');
	const loaded = () => {
		const match = /(\d+) of (\d+)(\+?) loaded/.exec(screen());
		return match ? {count: Number(match[1]), complete: match[3] === ''} : {count: 0, complete: false};
	};
	let reported = 0;
	let last = -1;
	let stuckSince = Date.now();
	for (;;) {
		const {count, complete} = loaded();
		if (complete && count > 0) break;
		if (count !== last) {
			last = count;
			stuckSince = Date.now();
		} else if (Date.now() - stuckSince > 30_000) {
			throw new Error(`things stopped loading at ${count}:\n${screen()}`);
		}
		if (count >= reported + 20_000) {
			reported = count - (count % 20_000);
			log(`${count} things loaded: RSS ${rssMb()} MB`);
		}
		// The cursor to the last row: the pane loads the next page.
		app.stdin.write('G');
		await sleep(25);
	}
	log(`all ${loaded().count} things loaded: RSS ${rssMb()} MB`);
	app.stdin.write('1');
}
const soak = [];
const cpu0 = cpuSeconds();
const soakStart = Date.now();
for (let second = 0; second <= Number(args.soak); second += 10) {
	soak.push(rssMb());
	if (second < Number(args.soak)) await sleep(10_000);
}
const cpuPerMinute = ((cpuSeconds() - cpu0) / ((Date.now() - soakStart) / 1000)) * 60;
log(`RSS every 10 s for ${args.soak} s: ${soak.join(' ')} MB (max ${Math.max(...soak)}); CPU ${cpuPerMinute.toFixed(1)} s/min`);
log(`${/Resources [^─│]*/.exec(screen())?.[0]?.trim()} | ${/Logs [^─│]*/.exec(screen())?.[0]?.trim()}`);
app.stdin.write('q');
await new Promise((resolve) => {
	const timer = setTimeout(() => {
		app.kill('SIGTERM');
		resolve();
	}, 5000);
	app.once('exit', () => {
		clearTimeout(timer);
		resolve();
	});
});
await sim.close();
fs.rmSync(configHome, {recursive: true, force: true});
