#!/usr/bin/env node
// The installed command: src/cli/paibanDeskCli.ts, run with the process's signals and exit code.
import { main } from '../lib/cli/main.js';
import { run } from '../lib/cli/paibanDeskCli.js';

await main(run);
