// What Ink 6.8.0's modules get when they import 'yoga-layout' (scripts/inkFork.mjs, docs/ink.md).
// Differs from upstream: the same Yoga (3.2.1), loaded with globalThis.fetch hidden. Why: Yoga's
// loader fetch()es its own inlined wasm (a data: URL) when fetch exists, and the first call of
// fetch loads Node's HTTP client, undici (~11 MB resident), which nothing else here uses; without
// fetch the loader decodes the same base64 itself. Reading globalThis.fetch does not load undici.
const fetch = Object.getOwnPropertyDescriptor(globalThis, 'fetch');
Reflect.deleteProperty(globalThis, 'fetch');
const {default: Yoga} = await import('yoga-layout').finally(() => {
	if (fetch !== undefined) Object.defineProperty(globalThis, 'fetch', fetch);
});

export default Yoga;
