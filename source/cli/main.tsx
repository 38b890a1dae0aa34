#!/usr/bin/env node
// The entry: turns on Node's compile cache (Node 22.1 and later; NODE_DISABLE_COMPILE_CACHE=1
// turns it off), then loads the command line. V8 then keeps the code it compiles from the
// bundle's files on disk (in the system's temporary directory, or NODE_COMPILE_CACHE) and reads
// it back at the next start instead of parsing and compiling again: most of a start's work is
// that. Only files loaded after this call are cached, so this file imports nothing else
// statically. Node 20 has no such cache; there the call is skipped.
import nodeModule from 'node:module';

(nodeModule as {enableCompileCache?: () => unknown}).enableCompileCache?.();
const {runCommandLine} = await import('./commandLine.js');
runCommandLine();
