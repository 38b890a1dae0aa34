import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {writeBoardFile} from '../../source/config/boardFile.js';

let directory: string | undefined;
afterEach(() => {
	if (directory) rmSync(directory, {recursive: true, force: true});
	directory = undefined;
});

const metric = {label: 'Lab', namespace: 'Fleet', metricName: 'Temperature', dimensions: {Site: 'lab'}, statistic: 'Average', unit: ''};

describe('writeBoardFile', () => {
	it.each([
		[
			"keeps the other keys in their order and the file's indentation (4 spaces)",
			'{\n    "interval": "10s",\n    "metrics": [],\n    "bell": true\n}\n',
			{metrics: [metric]},
			'{\n    "interval": "10s",\n    "metrics": [\n        {\n            "label": "Lab",',
		],
		[
			"a dashboard's board writes `dashboard` and leaves `metrics`",
			'{"metrics": [{"namespace": "A", "metricName": "b"}]}',
			{dashboard: 'ops'},
			'{\n  "metrics": [\n    {\n      "namespace": "A",\n      "metricName": "b"\n    }\n  ],\n  "dashboard": "ops"\n}\n',
		],
		[
			'a board of the default rows only removes `metrics` and `dashboard`',
			'{\n\t"dashboard": "ops",\n\t"metrics": [{"namespace": "A", "metricName": "b"}],\n\t"utc": true\n}',
			{metrics: []},
			'{\n\t"utc": true\n}\n',
		],
	] as const)('%s', async (_, before, change, after) => {
		directory = mkdtempSync(path.join(tmpdir(), 'iot-top-boardfile-'));
		const file = path.join(directory, 'config.json');
		writeFileSync(file, before);
		await writeBoardFile(file, change);
		expect(readFileSync(file, 'utf8').startsWith(after)).toBe(true);
	});

	it('a file that is not JSON is left as it is, and the error says so', async () => {
		directory = mkdtempSync(path.join(tmpdir(), 'iot-top-boardfile-'));
		const file = path.join(directory, 'config.json');
		writeFileSync(file, '{"interval": ');
		await expect(writeBoardFile(file, {metrics: [metric]})).rejects.toThrow(`${file} is not valid JSON; it was left as it is`);
		expect(readFileSync(file, 'utf8')).toBe('{"interval": ');
	});
});
