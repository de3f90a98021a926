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
  /** The line before the change, where a hunk replaced lines one for one: the proof then bars only what changed. */
  previous?: string;
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
    const changed: { line: number; previous?: string }[] = existed ? await diffLines(root, since, path) : lines.map((_, index) => ({ line: index + 1 }));
    for (const { line, previous } of changed) {
      if (lines[line - 1]?.trim()) passages.push({ file, line, text: lines[line - 1], ...(previous === undefined ? {} : { previous }) });
    }
  }
  return passages;
}

/**
 * New-side lines of the hunks of `git diff --unified=0 <since> -- <path>`, each with its old line where the hunk
 * replaced as many lines as it removed (then line k of the hunk was line k before).
 */
async function diffLines(root: string, since: string, path: string): Promise<{ line: number; previous?: string }[]> {
  const { stdout } = await run('git', ['diff', '--unified=0', '--no-color', since, '--', path], { cwd: root, maxBuffer: 64 * 1024 * 1024 });
  const lines: { line: number; previous?: string }[] = [];
  for (const hunk of stdout.split(/^(?=@@ )/m).slice(1)) {
    const header = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/.exec(hunk);
    if (!header) continue;
    const start = Number(header[1]);
    const count = header[2] === undefined ? 1 : Number(header[2]);
    const body = hunk.split('\n').slice(1);
    const removed = body.filter((text) => text.startsWith('-')).map((text) => text.slice(1));
    const added = body.filter((text) => text.startsWith('+')).map((text) => text.slice(1));
    for (let index = 0; index < count; index++) {
      lines.push(removed.length === added.length ? { line: start + index, previous: removed[index] } : { line: start + index });
    }
  }
  return lines;
}
