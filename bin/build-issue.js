#!/usr/bin/env node
// The installed command: wires process signals and exit code to the in-process CLI (src/cli.ts).
import { run } from '../lib/cli.js';

const controller = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => controller.abort());
}
const code = await run(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, signal: controller.signal });
// Everything the build opened is closed by now; exit at once rather than wait for a stray handle.
process.exit(code);
