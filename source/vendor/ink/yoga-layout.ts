// What Ink 6.8.0's modules get when they import 'yoga-layout' (put in place by scripts/inkFork.mjs; docs/ink.md). Differs from upstream:
// - the same Yoga (3.2.1), loaded with globalThis.fetch hidden: its loader fetch()es its own inlined wasm (a data: URL) when fetch
//   exists, and that first call loads Node's HTTP client, undici, on the way to the first frame; without fetch it decodes the
//   same base64 itself. Reading globalThis.fetch loads nothing, and nothing in iot-top calls fetch (the AWS SDK uses node:http).
const fetch = Object.getOwnPropertyDescriptor(globalThis, 'fetch');
Reflect.deleteProperty(globalThis, 'fetch');
const {default: Yoga} = await import('yoga-layout').finally(() => {
	if (fetch !== undefined) Object.defineProperty(globalThis, 'fetch', fetch);
});

export default Yoga;
