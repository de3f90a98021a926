import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface SourceRevision {
  commit: string;
  /** The working tree had uncommitted changes under the project folder. */
  dirty: boolean;
}

/** The git revision of the sources, for the proof's slug; undefined outside a git checkout. */
export async function readRevision(root: string): Promise<SourceRevision | undefined> {
  try {
    const { stdout: commit } = await run('git', ['rev-parse', '--short=10', 'HEAD'], { cwd: root });
    const { stdout: status } = await run('git', ['status', '--porcelain', '--', '.'], { cwd: root });
    return { commit: commit.trim(), dirty: status.trim().length > 0 };
  } catch {
    return undefined;
  }
}
