#!/usr/bin/env node
// The installed command: src/cli/buildIssueCli.ts, run with the process's signals and exit code.
import { main } from '../lib/cli/main.js';
import { run } from '../lib/cli/buildIssueCli.js';

await main(run);
