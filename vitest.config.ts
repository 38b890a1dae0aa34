import {defineConfig} from 'vitest/config';

export default defineConfig({
	test: {
		include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
		testTimeout: 30_000,
		hookTimeout: 30_000,
		env: {AWS_EC2_METADATA_DISABLED: 'true', NODE_ENV: 'test', FORCE_COLOR: '3'},
		pool: 'forks',
		globalSetup: ['test/helpers/buildOnce.ts'],
	},
});
