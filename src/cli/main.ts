/**
 * The body of every bin script: Ctrl-C and SIGTERM abort the command's signal (so it closes the browser and
 * writes nothing half-done), and its exit code becomes the process's.
 */
import type { CliIo } from './runCommand.js';

export async function main(run: (argv: string[], io: CliIo) => Promise<number>): Promise<never> {
  const controller = new AbortController();
  for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => controller.abort());
  const code = await run(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, signal: controller.signal });
  // Everything the command opened is closed by now; exit at once rather than wait for a stray handle.
  process.exit(code);
}
