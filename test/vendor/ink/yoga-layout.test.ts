// Yoga loads its inlined wasm without fetch (source/vendor/ink/yoga-layout.ts): the first call of
// fetch would load Node's HTTP client, undici, which nothing else in iot-top uses.
import {describe, expect, it} from 'vitest';
import {runCli} from '../../helpers/cli.js';

// Node's list of the internal modules it has loaded (not in its types).
const undiciLoaded = () => (process as unknown as {moduleLoadList: string[]}).moduleLoadList.some((name) => name.includes('undici'));
// Imported by the built CLI before it starts: says at exit whether undici was ever loaded.
const reportUndici =
	"process.on('exit', () => process.stderr.write('undici loaded: ' + process.moduleLoadList.some((name) => name.includes('undici')) + '\\n'))";

describe('Yoga, as Ink loads it', () => {
	it('lays out, and never calls fetch while it loads', async () => {
		const realFetch = globalThis.fetch;
		const fetched: string[] = [];
		globalThis.fetch = (input, init) => {
			fetched.push(String(input).slice(0, 40));
			return realFetch(input, init);
		};
		try {
			const {default: Yoga} = await import('../../../source/vendor/ink/yoga-layout.js');
			const node = Yoga.Node.create();
			node.setWidth(42);
			node.calculateLayout(undefined, undefined);
			expect(node.getComputedWidth()).toBe(42);
		} finally {
			globalThis.fetch = realFetch;
		}
		expect(fetched).toEqual([]);
		expect(globalThis.fetch).toBe(realFetch);
		expect(undiciLoaded()).toBe(false);
	});

	// On Node 22 and later the SDK's own code loads undici in the built CLI (a JSON snapshot, with
	// no Yoga, loads it there too), so only Node 20 can tell that Yoga does not.
	const nothingElseLoadsUndici = Number(process.versions.node.split('.')[0]) < 22;
	it.runIf(nothingElseLoadsUndici)('in the built CLI too: drawing a screen (an SVG snapshot) loads no HTTP client', async () => {
		const {code, stdout, stderr} = await runCli(['snapshot', '--demo', '--format', 'svg'], {
			env: {NODE_OPTIONS: `--import=data:text/javascript,${encodeURIComponent(reportUndici)}`},
			timeoutMs: 60_000,
		});
		expect(code).toBe(0);
		expect(stdout).toContain('<svg');
		expect(stderr).toContain('undici loaded: false');
	});
});
