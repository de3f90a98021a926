import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { run as runBuildIssue } from '../../src/cli/buildIssueCli.js';
import { run as runReadProofCommand } from '../../src/cli/readProofCli.js';
import type { CliIo } from '../../src/cli/runCommand.js';
import type { CorrectionsReport } from '../../src/corrections/Correction.js';

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

/** Runs read-proof in-process on an issue of a project, with the corrections report it wrote (exit 0 or 7). */
export async function runReadProof(root: string, issueId: string, args: string[]): Promise<CliResult & { report: CorrectionsReport }> {
  const result = await runCommandLine(runReadProofCommand, [issueId, '--root', root, ...args]);
  const wrote = result.code === 0 || result.code === 7;
  const report = wrote ? (JSON.parse(readFileSync(join(root, 'dist', `${issueId}-corrections.json`), 'utf8')) as CorrectionsReport) : (undefined as never);
  return { ...result, report };
}
