// Waiting on what a test cannot be told about (the simulator's call counts, files on disk, the
// engine's background work): the condition is checked until it holds, and the deadline only
// bounds how long a broken build keeps the test waiting.
const tick = () => new Promise((resolve) => setTimeout(resolve, 10));

/** Resolves with the first truthy value of `probe`; throws naming `what` (and the last value) after the deadline. */
export async function waitFor<T>(probe: () => T | Promise<T>, what: string, timeoutMs = 10_000): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await probe();
		if (value) return value;
		if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} (last: ${JSON.stringify(value)})`);
		await tick();
	}
}
