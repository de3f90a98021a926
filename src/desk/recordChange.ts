/**
 * History: when the project is a git repository, every change the desk makes is a commit of the folder
 * with a message saying what was done; the desk reads the log and an article's changes back from git.
 * One commit at a time per process (git's index is shared). On a desk with accounts the commit's author is the
 * person logged in.
 */
import { execFile } from 'node:child_process';
import { relative } from 'node:path';
import { promisify } from 'node:util';
import { currentActor } from './deskActor.js';

const run = promisify(execFile);
let queue: Promise<unknown> = Promise.resolve();

async function git(root: string, args: string[]): Promise<string> {
  const { stdout } = await run('git', args, { cwd: root, maxBuffer: 32 * 1024 * 1024 });
  return stdout;
}

export async function isGitRepository(root: string): Promise<boolean> {
  return git(root, ['rev-parse', '--is-inside-work-tree']).then(
    (out) => out.trim() === 'true',
    () => false,
  );
}

/** Commits what changed under `paths` (new files too) with `message`; returns the short commit, or undefined when nothing changed or no git. */
export function recordChange(root: string, paths: string[], message: string): Promise<string | undefined> {
  // The person logged in to the desk is the commit's author (the machine's identity stays its committer): read
  // here, in the request's context, before the queue runs the commit later.
  const actor = currentActor();
  const author = actor ? ['--author', `${actor.name} <${actor.name.replace(/[^A-Za-z0-9._-]/g, '_')}@paiban-desk>`] : [];
  const next = queue.then(async () => {
    if (!(await isGitRepository(root))) return undefined;
    const relativePaths = paths.map((path) => relative(root, path) || '.');
    await git(root, ['add', '-A', '--', ...relativePaths]);
    const staged = await git(root, ['diff', '--cached', '--name-only', '--', ...relativePaths]);
    if (!staged.trim()) return undefined;
    // An office machine may have no git identity: the desk signs its commits then, rather than fail the change.
    const identity = (await git(root, ['config', 'user.name']).catch(() => '')).trim()
      ? []
      : ['-c', 'user.name=paiban-desk', '-c', 'user.email=desk@localhost'];
    await git(root, [...identity, 'commit', '-q', ...author, '-m', message, '--', ...relativePaths]);
    return (await git(root, ['rev-parse', '--short=10', 'HEAD'])).trim();
  });
  queue = next.catch(() => undefined);
  return next;
}

export interface HistoryEntry {
  commit: string;
  date: string;
  author: string;
  message: string;
}

/** The commits touching `path`, newest first. */
export async function readHistory(root: string, path: string, limit = 100): Promise<HistoryEntry[]> {
  if (!(await isGitRepository(root))) return [];
  const out = await git(root, ['log', `-${limit}`, '--format=%h%x1f%aI%x1f%an%x1f%s', '--', relative(root, path)]).catch(() => '');
  return out
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [commit, date, author, message] = line.split('\x1f');
      return { commit, date, author, message };
    });
}

const revisionPattern = /^[0-9a-f]{4,40}$/;

/** An article's changes between two commits of its history (`to` omitted: today's file), as a unified diff. */
export async function diffBetween(root: string, path: string, from: string, to?: string): Promise<string> {
  if (!revisionPattern.test(from) || (to !== undefined && !revisionPattern.test(to))) return '';
  return git(root, ['diff', from, ...(to ? [to] : []), '--', relative(root, path)]).catch(() => '');
}

/** The commit the working tree is at (short), or undefined outside git. */
export async function headCommit(root: string): Promise<string | undefined> {
  return git(root, ['rev-parse', '--short=10', 'HEAD']).then(
    (out) => out.trim(),
    () => undefined,
  );
}
