/** What a test of the desk reads of a project folder to tell whether a request changed anything. */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** git in `root`, as a test's committer (the desk authors its own commits). */
export function gitIn(root: string): (...args: string[]) => string {
  return (...args) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd: root, encoding: 'utf8' }).trim();
}

/**
 * The project's files (but .git and those under the `skipped` folders, relative to root) with their SHA-256, and
 * git's HEAD: what "nothing changed" compares.
 */
export function snapshotProject(root: string, skipped: string[] = []): { files: Record<string, string>; head: string } {
  const files: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.name === '.git' || skipped.some((folder) => relative(root, path).startsWith(folder))) continue;
      if (entry.isDirectory()) walk(path);
      else files[relative(root, path)] = createHash('sha256').update(readFileSync(path)).digest('hex');
    }
  };
  walk(root);
  return { files, head: gitIn(root)('rev-parse', 'HEAD') };
}
