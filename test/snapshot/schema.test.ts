// The JSON Schema file shipped in the repo is generated from the zod schema; this test keeps
// it current (UPDATE_SCHEMA=1 rewrites it) and checks the version in it.
import fs from 'node:fs';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import {SCHEMA_VERSION, snapshotJsonSchema} from '../../source/snapshot/schema.js';
import {VERSION} from '../../source/config/version.js';

const schemaFile = fileURLToPath(new URL('../../snapshot.schema.json', import.meta.url));
const packageJson = JSON.parse(fs.readFileSync(fileURLToPath(new URL('../../package.json', import.meta.url)), 'utf8')) as {version: string};

describe('snapshot.schema.json', () => {
	it('is the schema the code validates against', () => {
		const generated = `${JSON.stringify(snapshotJsonSchema(), null, 2)}\n`;
		if (process.env.UPDATE_SCHEMA === '1') fs.writeFileSync(schemaFile, generated);
		expect(fs.readFileSync(schemaFile, 'utf8'), 'run UPDATE_SCHEMA=1 npx vitest run test/snapshot/schema.test.ts').toBe(generated);
		const schema = JSON.parse(generated) as {properties: {schemaVersion: {const: number}}};
		expect(schema.properties.schemaVersion.const).toBe(SCHEMA_VERSION);
	});

	it('the version the tool reports is the package version', () => {
		expect(VERSION).toBe(packageJson.version);
	});
});
