/**
 * `--since <revision>`: which lines of each article changed since then (working tree against the revision), so
 * the proof can bar them and the report list them: round 2 is read for what changed.
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { promisify } from 'node:util';
import { UserError } from '../UserError.js';

const run = promisify(execFile);

export interface ChangedPassage {
  /** Absolute path of the article file. */
  file: string;
  line: number;
  text: string;
}

export async function findChangedLines(root: string, since: string, files: string[]): Promise<ChangedPassage[]> {
  try {
    await run('git', ['rev-parse', '--verify', '--quiet', `${since}^{commit}`], { cwd: root });
  } catch {
    throw new UserError('usage', `--since ${since}: not a git revision of ${root}; give a commit, tag or branch (git log shows them)`);
  }
  const passages: ChangedPassage[] = [];
  for (const file of files) {
    const path = relative(root, file);
    const existed = await run('git', ['cat-file', '-e', `${since}:${path}`], { cwd: root }).then(
      () => true,
      () => false,
    );
    const lines = (await readFile(file, 'utf8')).replace(/\r\n?/g, '\n').split('\n');
    const changed = existed ? await diffLines(root, since, path) : lines.map((_, index) => index + 1);
    for (const line of changed) if (lines[line - 1]?.trim()) passages.push({ file, line, text: lines[line - 1] });
  }
  return passages;
}

/** New-side line numbers of the hunks of `git diff --unified=0 <since> -- <path>`. */
async function diffLines(root: string, since: string, path: string): Promise<number[]> {
  const { stdout } = await run('git', ['diff', '--unified=0', '--no-color', since, '--', path], { cwd: root, maxBuffer: 64 * 1024 * 1024 });
  const lines: number[] = [];
  for (const match of stdout.matchAll(/^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/gm)) {
    const start = Number(match[1]);
    const count = match[2] === undefined ? 1 : Number(match[2]);
    for (let line = start; line < start + count; line++) lines.push(line);
  }
  return lines;
}
