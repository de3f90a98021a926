/**
 * One build per issue at a time. A build (plain, a proof round or the press files) runs the CLI's own buildIssue;
 * its progress (stages, the page counter) goes to every browser watching that issue, and a second request for the
 * same kind of build joins the running one instead of starting another. The outcome is recorded in
 * dist/desk/<id>/build.json: a failed build is recorded beside the last good one, whose PDF buildIssue left in
 * place (it writes only after everything succeeded), so the desk can show it as the last good one, never as new.
 */
import { EventEmitter } from 'node:events';
import { join } from 'node:path';
import type { BuildResult } from '../buildIssue.js';
import type { Reporter } from '../Reporter.js';
import { UserError } from '../UserError.js';
import { explainError } from './explainError.js';
import { deskFolder } from './issueFolder.js';
import { readJsonRecord, writeJsonRecord } from './readJsonRecord.js';

export type BuildKind = 'build' | 'proof' | 'press';

export const buildKindNames: Record<BuildKind, string> = { build: '排版', proof: '出校样', press: '付印文件' };

export type BuildEvent =
  | { type: 'start'; kind: BuildKind; at: string }
  | { type: 'stage'; message: string }
  | { type: 'page'; page: number }
  | { type: 'warning'; message: string }
  | { type: 'done'; kind: BuildKind; pageCount: number; seconds: number }
  | { type: 'failed'; kind: BuildKind; message: string };

export interface BuildRecord {
  /** The desk's last build that succeeded (its pages: the layout the build wrote beside the PDF, readBuiltLayout). */
  lastGood?: { kind: BuildKind; at: string; pageCount: number; seconds: number; findings: number };
  /** The last build that failed, while no build has succeeded since (a success writes the record without it). */
  lastFailure?: { kind: BuildKind; at: string; message: string };
}

interface RunningBuild {
  kind: BuildKind;
  done: Promise<BuildResult>;
  events: BuildEvent[];
}

export function buildRecordFile(root: string, issueId: string): string {
  return join(deskFolder(root, issueId), 'build.json');
}

/** The failure to show on a page (of `kind`, or any): a record keeps one only while no build has succeeded since. */
export function lastFailureOf(record: BuildRecord, kind?: BuildKind): BuildRecord['lastFailure'] {
  return record.lastFailure && (!kind || record.lastFailure.kind === kind) ? record.lastFailure : undefined;
}

export function readBuildRecord(root: string, issueId: string): Promise<BuildRecord> {
  return readJsonRecord<BuildRecord>(buildRecordFile(root, issueId), {});
}

export class IssueBuilds {
  private readonly running = new Map<string, RunningBuild>();
  private readonly emitter = new EventEmitter().setMaxListeners(0);
  private readonly stopping = new AbortController();

  constructor(private readonly root: string) {}

  /** The running build of the issue and its events so far, for a browser that starts watching. */
  current(issueId: string): { kind: BuildKind; events: BuildEvent[] } | undefined {
    const build = this.running.get(issueId);
    return build && { kind: build.kind, events: [...build.events] };
  }

  /** Calls `listener` with every event of the issue's builds until the returned function is called. */
  watch(issueId: string, listener: (event: BuildEvent) => void): () => void {
    this.emitter.on(issueId, listener);
    return () => this.emitter.off(issueId, listener);
  }

  /**
   * Runs `task` as the issue's build of `kind`, or joins the one running. A build of another kind is refused
   * while one runs: its outputs would be written over each other.
   */
  run(
    issueId: string,
    kind: BuildKind,
    task: (reporter: Reporter, signal: AbortSignal) => Promise<BuildResult>,
  ): { joined: boolean; done: Promise<BuildResult> } {
    const running = this.running.get(issueId);
    if (running) {
      if (running.kind === kind) return { joined: true, done: running.done };
      throw new UserError('input', `本期正在${buildKindNames[running.kind]}，完成后再${buildKindNames[kind]}`);
    }
    const events: BuildEvent[] = [];
    const emit = (event: BuildEvent) => {
      events.push(event);
      this.emitter.emit(issueId, event);
    };
    const reporter: Reporter = {
      stage: (message) => emit({ type: 'stage', message }),
      progress: (message) => {
        const page = /page (\d+)/.exec(message);
        if (page) emit({ type: 'page', page: Number(page[1]) });
      },
      warn: (message) => emit({ type: 'warning', message }),
    };
    emit({ type: 'start', kind, at: new Date().toISOString() });
    const done = (async () => {
      try {
        const result = await task(reporter, this.stopping.signal);
        await writeJsonRecord(buildRecordFile(this.root, issueId), {
          lastGood: {
            kind,
            at: new Date().toISOString(),
            pageCount: result.pageCount,
            seconds: result.seconds,
            findings: result.typography.findings.length,
          },
        } satisfies BuildRecord);
        emit({ type: 'done', kind, pageCount: result.pageCount, seconds: result.seconds });
        return result;
      } catch (error) {
        // Paths in the project are shown from its folder: the office knows issues/…, not where the desk runs.
        const text = error instanceof UserError ? explainError(error) : `内部错误：${(error as Error)?.message ?? error}`;
        const message = text.replaceAll(`${this.root}/`, '');
        const record = await readBuildRecord(this.root, issueId);
        await writeJsonRecord(buildRecordFile(this.root, issueId), { ...record, lastFailure: { kind, at: new Date().toISOString(), message } });
        emit({ type: 'failed', kind, message });
        throw error;
      } finally {
        this.running.delete(issueId);
      }
    })();
    done.catch(() => undefined);
    this.running.set(issueId, { kind, done, events });
    return { joined: false, done };
  }

  /** Stops every running build (each closes its browser) and waits for them. */
  async close(): Promise<void> {
    this.stopping.abort();
    await Promise.allSettled([...this.running.values()].map((build) => build.done));
  }
}
