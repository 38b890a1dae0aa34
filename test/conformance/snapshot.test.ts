// Conformance: the same small fleet, seeded over the wire into moto (an AWS emulator nobody
// here wrote) and into our simulator, must give the same picture in iot-top's snapshot, and
// the picture the fleet's definition says AWS would give. Where moto departs from AWS's
// documentation the comparison tolerates it by name (MOTO_DEVIATIONS); where moto lacks an
// operation, iot-top must say the feature is not available from this endpoint and show the
// rest whole. docs/conformance.md lists every disagreement found and what was done about it.
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {createManualClock} from '../../source/sim/contract.js';
import {startSimulator, type Simulator} from '../../source/sim/index.js';
import type {Snapshot} from '../../source/snapshot/schema.js';
import {loadAlarmHistory} from '../../source/live/actions.js';
import {alarmDetailLines} from '../../source/ui/panes/AlarmDetail.js';
import {runCli, type CliResult} from '../helpers/cli.js';
import {clientsFor, testEngine} from '../helpers/engine.js';
import {motoAvailability, startMoto, type MotoServer} from '../helpers/moto.js';
import {ALARMS, putMetricDataPublisher, scenarioPublisher, seedFleet, type PublishIotMetrics, type SeededFleet} from './fleet.js';
import {
	AREAS,
	CUSTOM_METRICS,
	differences,
	expectedPicture,
	NOT_AVAILABLE,
	pictureOf,
	type AreaName,
	type Deviation,
	type Picture,
} from './picture.js';

const moto = motoAvailability();

/**
 * Where moto 5.2 departs from AWS's documentation in a way the snapshot shows, accepted here
 * so the comparison still checks everything else. Each names what moto does and where AWS
 * says otherwise; docs/conformance.md has the whole list.
 */
const MOTO_DEVIATIONS: Deviation[] = [
	{
		name: 'moto creates a metric alarm in OK, AWS in INSUFFICIENT_DATA',
		reference:
			'CloudWatch API Reference, PutMetricAlarm: "When this operation creates an alarm, the alarm state is immediately set to INSUFFICIENT_DATA."',
		accepts: (area, key, field, expected, actual) =>
			area === 'alarms' &&
			((key === 'conf-http-connects-low' && field === 'state' && expected === 'INSUFFICIENT_DATA' && actual === 'OK') ||
				// The header counts that alarm as OK instead of INSUFFICIENT_DATA.
				(key === '(header counts)' &&
					((field === 'insufficient' && actual === Number(expected) - 1) || (field === 'ok' && actual === Number(expected) + 1)))),
	},
];

type Endpoint = {
	name: 'simulator' | 'moto';
	url: string;
	seeded: SeededFleet;
	/** When the endpoint was seeded, in its own time. */
	window: {from: number; to: number};
	cli: CliResult;
	snapshot?: Snapshot;
	picture?: Picture;
};

const CREDENTIALS = {AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_EC2_METADATA_DISABLED: 'true'};

let directory: string;
let simulator: Simulator | undefined;
let motoServer: MotoServer | undefined;
const endpoints: Partial<Record<Endpoint['name'], Endpoint>> = {};
// Shared by both endpoints: metric minutes and log lines are placed relative to it.
const base = Date.now();

async function seedAndSnapshot(
	name: Endpoint['name'],
	url: string,
	publish: (clients: ReturnType<typeof clientsFor>) => PublishIotMetrics,
	clock: () => number,
): Promise<Endpoint> {
	const clients = clientsFor(url, {maxAttempts: 1});
	const from = clock();
	let seeded: SeededFleet;
	try {
		seeded = await seedFleet(clients, publish(clients), base);
	} finally {
		clients.destroy();
	}
	const window = {from, to: clock()};
	const config = path.join(directory, 'config.json');
	const cli = await runCli(['snapshot', '--format', 'json', '--endpoint-url', url, '--region', 'us-east-1', '--config', config], {
		env: {...CREDENTIALS, XDG_CONFIG_HOME: directory, XDG_STATE_HOME: directory},
		timeoutMs: 60_000,
	});
	const endpoint: Endpoint = {name, url, seeded, window, cli};
	try {
		endpoint.snapshot = JSON.parse(cli.stdout) as Snapshot;
		endpoint.picture = pictureOf(endpoint.snapshot, seeded, window);
	} catch {
		// The tests below say that the snapshot is missing, with the CLI's stderr.
	}
	return endpoint;
}

beforeAll(async () => {
	directory = mkdtempSync(path.join(tmpdir(), 'iot-top-conformance-'));
	writeFileSync(path.join(directory, 'config.json'), JSON.stringify({metrics: CUSTOM_METRICS}));
	// The simulator's clock is held at `base`: moto never evaluates alarms (docs/conformance.md),
	// so an evaluation at the next minute boundary would make the two pictures differ.
	const clock = createManualClock(base);
	simulator = await startSimulator({empty: true, clock});
	const sim = simulator;
	const work: Array<Promise<void>> = [
		seedAndSnapshot('simulator', sim.url, () => scenarioPublisher(sim), clock.now).then((endpoint) => {
			endpoints.simulator = endpoint;
		}),
	];
	if (moto.available) {
		motoServer = await startMoto();
		const url = motoServer.url;
		work.push(
			seedAndSnapshot('moto', url, (clients) => putMetricDataPublisher(clients), Date.now).then((endpoint) => {
				endpoints.moto = endpoint;
			}),
		);
	}
	await Promise.all(work);
}, 120_000);

afterAll(async () => {
	await motoServer?.stop();
	await simulator?.close();
	if (directory) rmSync(directory, {recursive: true, force: true});
});

function pictureFrom(name: Endpoint['name']): Picture {
	const endpoint = endpoints[name];
	if (!endpoint?.picture)
		throw new Error(
			`${name}: no snapshot (exit ${endpoint?.cli.code}): ${endpoint?.cli.stderr.trim() || endpoint?.cli.stdout.slice(0, 300)}`,
		);
	return endpoint.picture;
}

/** Lines naming each difference, with the area first; [] when the pictures agree. */
function compare(area: AreaName, left: Picture, right: Picture, labels: [string, string], deviations: Deviation[] = []): string[] {
	return differences(area, left[area], right[area], labels, deviations);
}

describe('the simulator: iot-top shows the seeded fleet as AWS would', () => {
	it.each(AREAS)('%s', (area) => {
		const expected = expectedPicture(base, 'listed');
		expect(compare(area, expected, pictureFrom('simulator'), ['expected', 'simulator'])).toEqual([]);
	});

	it('the snapshot exits 0 and names no failed source', () => {
		expect(endpoints.simulator?.cli.stderr.trim()).toBe('');
		expect(endpoints.simulator?.cli.code).toBe(0);
	});
});

describe.skipIf(!moto.available)('moto: iot-top shows the seeded fleet as AWS would', () => {
	// moto lacks ListCACertificates (HTTP 500, an HTML page): the CA certificates tab must say it
	// is not available from this endpoint, not that AWS cannot be reached; the rest is whole.
	it.each(AREAS)('%s', (area) => {
		const expected = expectedPicture(base, 'not available');
		expect(compare(area, expected, pictureFrom('moto'), ['expected', 'moto'], MOTO_DEVIATIONS)).toEqual([]);
	});

	it('moto lacks ListCACertificates: what the snapshot command reports names only that, as not available, without "retrying"', () => {
		const stderr = endpoints.moto?.cli.stderr ?? '';
		expect(stderr).not.toMatch(/retrying|cannot reach/i);
		const reported = stderr.split('\n').filter((line) => line.trim() !== '');
		expect(
			// moto lacks CloudTrail and AWS Health as well (AWS.md): those notes too, nothing else.
			reported.filter(
				(line) => !/^iot-top: (note: )?(resources caCertificates|changes|health): .*not available from this endpoint/.test(line),
			),
		).toEqual([]);
	});

	it('moto lacks DescribeAlarmHistory: the alarm detail says history is not available from this endpoint, and still shows since when', async () => {
		const clients = clientsFor(endpoints.moto!.url, {maxAttempts: 1});
		const engine = testEngine(clients, {metricSpecs: []});
		try {
			await engine.refreshAll();
			const name = ALARMS[0].input.AlarmName;
			await loadAlarmHistory(engine.context, name);
			const slice = engine.store.getSnapshot().sources.alarms;
			const alarm = slice.rows.find((row) => row.name === name)!;
			const text = alarmDetailLines(alarm, slice.history, 100, Date.now())
				.map((line) => line.map((segment) => segment.text).join(''))
				.join('\n');
			expect(text).toContain(NOT_AVAILABLE);
			expect(text).not.toMatch(/retrying|cannot reach/i);
			expect(text).toMatch(/Since +\S/);
		} finally {
			engine.stop();
			clients.destroy();
		}
	});
});

describe.skipIf(!moto.available)('the simulator and moto: the same picture', () => {
	it.each(AREAS)('%s', (area) => {
		// The CA certificates' error differs by design (moto lacks the operation): compared above.
		const simulator = pictureFrom('simulator');
		const other = pictureFrom('moto');
		const lines = compare(area, simulator, other, ['simulator', 'moto'], MOTO_DEVIATIONS).filter(
			(line) => !line.startsWith('errors › resources caCertificates'),
		);
		expect(lines).toEqual([]);
	});
});

describe('the simulator: the alarm detail shows the state history', () => {
	it('lists the SetAlarmState transition, newest first', async () => {
		const clients = clientsFor(endpoints.simulator!.url, {maxAttempts: 1});
		const engine = testEngine(clients, {metricSpecs: []});
		try {
			await engine.refreshAll();
			const name = ALARMS[0].input.AlarmName;
			await loadAlarmHistory(engine.context, name);
			const slice = engine.store.getSnapshot().sources.alarms;
			const alarm = slice.rows.find((row) => row.name === name)!;
			const text = alarmDetailLines(alarm, slice.history, 100, base)
				.map((line) => line.map((segment) => segment.text).join(''))
				.join('\n');
			expect(text).toMatch(/INSUFFICIENT → ALARM/);
			expect(text).not.toContain(NOT_AVAILABLE);
		} finally {
			engine.stop();
			clients.destroy();
		}
	});
});
