import { run as runBuildIssue } from '../../src/cli/buildIssueCli.js';
import type { CliIo } from '../../src/cli/runCommand.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

type Command = (argv: string[], io: CliIo) => Promise<number>;

/** Runs a command in-process, as its bin script does, capturing its output. */
export async function runCommandLine(run: Command, argv: string[], options: { signal?: AbortSignal; cwd?: string } = {}): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    ...options,
  });
  return { code, stdout, stderr };
}

/** Runs build-issue in-process. */
export function runCli(argv: string[], options: { signal?: AbortSignal; cwd?: string } = {}): Promise<CliResult> {
  return runCommandLine(runBuildIssue, argv, options);
}
