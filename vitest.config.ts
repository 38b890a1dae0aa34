import {defineConfig} from 'vitest/config';
import {inkForkForVite} from './scripts/inkFork.mjs';

export default defineConfig({
	// The tests run the Ink that users run: Ink's own imports of the modules iot-top forks
	// (source/vendor/ink/) get the fork, which takes Ink transformed by Vite (inlined), not
	// loaded by Node.
	plugins: [inkForkForVite],
	test: {
		include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
		testTimeout: 30_000,
		hookTimeout: 30_000,
		env: {AWS_EC2_METADATA_DISABLED: 'true', NODE_ENV: 'test', FORCE_COLOR: '3'},
		pool: 'forks',
		globalSetup: ['test/helpers/buildOnce.ts'],
		server: {deps: {inline: ['ink']}},
	},
});
