/**
 * Before the suite: compile src/ to lib/ (the tests that run the installed command use bin/ → lib/), and mark
 * the environment so every Chromium the suite starts can be recognised. After it: none of them may still run.
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';

const marker = `PAIBAN_TEST_RUN=${randomUUID()}`;

/** Chromium processes whose environment carries this run's marker (inherited from the test processes). */
function markedChromiumProcesses(): string[] {
  return readdirSync('/proc').filter((pid) => {
    try {
      return (
        /^\d+$/.test(pid) &&
        readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('chromium') &&
        readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').includes(marker)
      );
    } catch {
      return false; // the process ended while we looked
    }
  });
}

export default function setup(): () => Promise<void> {
  execFileSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit' });
  process.env.PAIBAN_TEST_RUN = marker.split('=')[1];
  return async () => {
    // A browser closed at the very end of the last test may take a moment to exit.
    for (let attempt = 0; attempt < 20 && markedChromiumProcesses().length > 0; attempt++) await new Promise((resolve) => setTimeout(resolve, 250));
    const left = markedChromiumProcesses();
    if (left.length > 0) throw new Error(`Chromium processes outlived the tests: ${left.join(', ')}`);
  };
}
