#!/usr/bin/env node
// The installed command: src/cli/importManuscriptCli.ts, run with the process's signals and exit code.
import { main } from '../lib/cli/main.js';
import { run } from '../lib/cli/importManuscriptCli.js';

await main(run);
