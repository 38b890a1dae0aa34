// What Ink 6.8.0's modules get when they import 'widest-line' (put in place by scripts/inkFork.mjs; docs/ink.md): only
// render-node-to-output.js does, to measure every text node again on every frame. Differs from upstream:
// - the width comes from measure-text's cache (the fork's), not from string-width again.
import measureText from './measure-text.js';

const widestLine = (text: string): number => measureText(text).width;

export default widestLine;
