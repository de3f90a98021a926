/**
 * The builds the desk starts, each the CLI's own: 排版 (build-issue), 付印 (build-issue --press, then --preflight's
 * check). Proof rounds are in proofRounds.ts. Every one runs through IssueBuilds (one per issue at a time).
 */
import { join } from 'node:path';
import { buildIssue, type BuildOptions, type BuildResult } from '../buildIssue.js';
import type { PreflightReport } from '../preflight/PreflightReport.js';
import { deskFolder } from './issueFolder.js';
import type { IssueBuilds } from './IssueBuilds.js';
import { readJsonRecord, writeJsonRecord } from './readJsonRecord.js';

/** What every desk build shares: the project, the issue, the browser and the timeout. */
export type DeskBuildOptions = Omit<BuildOptions, 'reporter' | 'signal' | 'proof' | 'press'>;

export function startBuild(builds: IssueBuilds, options: DeskBuildOptions): { joined: boolean; done: Promise<BuildResult> } {
  return builds.run(options.issueId, 'build', (reporter, signal) => buildIssue({ ...options, reporter, signal }));
}

const preflightFile = (root: string, issueId: string) => join(deskFolder(root, issueId), 'preflight.json');

export interface PreflightRecord {
  at: string;
  reports: PreflightReport[];
}

/** The press PDFs built and checked as `build-issue --press --preflight` does; the tables are kept for the desk. */
export function startPress(builds: IssueBuilds, options: DeskBuildOptions): { joined: boolean; done: Promise<BuildResult> } {
  return builds.run(options.issueId, 'press', async (reporter, signal) => {
    const build = { ...options, reporter, signal, press: true };
    const result = await buildIssue(build);
    reporter.stage('preflight: 按印厂的方式检查付印文件');
    const { preflightIssue } = await import('../preflight/preflightIssue.js');
    const reports = await preflightIssue(build);
    await writeJsonRecord(preflightFile(options.root, options.issueId), { at: new Date().toISOString(), reports } satisfies PreflightRecord);
    reporter.stage(reports.every((report) => report.pass) ? 'preflight: 全部通过' : 'preflight: 有未通过的项目（见下表）');
    return result;
  });
}

export function readPreflight(root: string, issueId: string): Promise<PreflightRecord | undefined> {
  return readJsonRecord<PreflightRecord | undefined>(preflightFile(root, issueId), undefined);
}
