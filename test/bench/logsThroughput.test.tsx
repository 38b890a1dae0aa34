// Measures (prints, never asserts) how many events/s the Logs pane keeps up with: the
// simulator generating IoT v2 lines at LOGS_BENCH_RATE/s (default 5000) on the real clock, the
// real SDK, the logs source with its default quota-friendly settings, the store and the Ink
// App rendering the zoomed Logs pane at 120x36. Run it with:
//   LOGS_BENCH=1 npx vitest run test/bench/logsThroughput.test.tsx
import {monitorEventLoopDelay} from 'node:perf_hooks';
import React from 'react';
import {describe, expect, it} from 'vitest';
import {createClients} from '../../source/aws/clients.js';
import {Engine} from '../../source/live/engine.js';
import {createLogsSource} from '../../source/live/sources/logs.js';
import {startSimulator} from '../../source/sim/index.js';
import {App} from '../../source/ui/App.js';
import {renderAt} from '../helpers/render.js';

const enabled = process.env.LOGS_BENCH === '1';
const rate = Number(process.env.LOGS_BENCH_RATE ?? 5000);
const seconds = Number(process.env.LOGS_BENCH_SECONDS ?? 30);
const liveTail = process.env.LOGS_BENCH_LIVE === '1';

describe.skipIf(!enabled)('Logs pane throughput (benchmark)', () => {
	it(`keeps up with ${rate} events/s`, async () => {
		const sim = await startSimulator({port: 0, seed: 2, things: 500, logRate: rate, historyMinutes: 0, incidents: []});
		const clients = createClients({endpointUrl: sim.url, region: 'us-east-1', credentials: {accessKeyId: 't', secretAccessKey: 't'}});
		const engine = new Engine(
			clients,
			{
				interval: 5000,
				windowMs: 3_600_000,
				metricSpecs: [],
				logGroups: ['AWSIotLogsV2'],
				logBuffer: 10_000,
				resourcesInterval: 60_000,
				source: {demo: true, region: 'us-east-1'},
				liveTail,
			},
			[createLogsSource()],
		);
		const rendered = renderAt(<App engine={engine} initialPane="logs" />, {columns: 120, rows: 36});
		await rendered.press('z');
		const delay = monitorEventLoopDelay({resolution: 10});
		const startedAt = Date.now();
		engine.start();
		// Warm-up: the first poll reads the backlog since the start.
		await new Promise((resolve) => setTimeout(resolve, 5000));
		const warm = {at: Date.now(), received: engine.store.getSnapshot().sources.logs.received, frames: rendered.frames.length};
		const generatedFrom = sim.logs.events('AWSIotLogsV2', {startTime: warm.at}).length;
		delay.enable();
		await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
		delay.disable();
		const end = Date.now();
		const logs = engine.store.getSnapshot().sources.logs;
		const generated = sim.logs.events('AWSIotLogsV2', {startTime: warm.at, endTime: end}).length - generatedFrom;
		const received = logs.received - warm.received;
		const newest = logs.buffer.length > 0 ? logs.buffer.chunks.at(-1)!.at(-1)!.timestamp : 0;
		const calls = sim.calls();
		const lines = [
			`mode ${liveTail ? 'live tail' : 'polling'}, sim rate ${rate}/s, measured ${((end - warm.at) / 1000).toFixed(1)} s after ${((warm.at - startedAt) / 1000).toFixed(0)} s warm-up`,
			`generated ${(generated / ((end - warm.at) / 1000)).toFixed(0)} events/s (stored by the simulator in the window)`,
			`received  ${(received / ((end - warm.at) / 1000)).toFixed(0)} events/s (tail -> store)`,
			`lag of the newest event shown: ${((end - newest) / 1000).toFixed(1)} s`,
			`frames rendered ${((rendered.frames.length - warm.frames) / ((end - warm.at) / 1000)).toFixed(1)}/s; event-loop delay p50 ${(delay.percentile(50) / 1e6).toFixed(1)} ms, p99 ${(delay.percentile(99) / 1e6).toFixed(1)} ms, max ${(delay.max / 1e6).toFixed(1)} ms`,
			`requests: FilterLogEvents ${calls['logs:FilterLogEvents'] ?? 0}, StartLiveTail ${calls['logs:StartLiveTail'] ?? 0} in ${((end - startedAt) / 1000).toFixed(0)} s; buffer ${logs.buffer.length}, dropped ${logs.buffer.dropped}; heap ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB`,
		];
		console.info(`\n${lines.join('\n')}\n`);
		rendered.unmount();
		engine.stop();
		clients.destroy();
		await sim.close();
		expect(received).toBeGreaterThan(0);
	}, 120_000);
});
