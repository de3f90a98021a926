/** What the proof needs before pagination: the lines changed since the earlier round, and the revision. */
import type { Issue } from '../manifest/loadIssue.js';
import { findChangedLines, type ChangedPassage } from './findChangedLines.js';
import type { ProofOptions } from './printProof.js';
import { readRevision } from './readRevision.js';
import { selectChangedLines } from './selectChangedLines.js';

export interface ProofRequest {
  round: number;
  /** A git revision: lines changed since then get change bars and are listed. */
  since?: string;
}

export type PreparedProof = ProofOptions & { changes: ChangedPassage[] };

export async function prepareProof(issue: Issue, request: ProofRequest): Promise<PreparedProof> {
  const articles = issue.sections.flatMap((section) => section.articles);
  const changes = request.since
    ? await findChangedLines(
        issue.root,
        request.since,
        articles.map((article) => article.file),
      )
    : [];
  const passages = changes.map((change) => ({ ...change, displayFile: articles.find((article) => article.file === change.file)?.displayFile ?? change.file }));
  return {
    round: request.round,
    lineStep: issue.periodical.proof.lineStep,
    revision: await readRevision(issue.root),
    builtAt: readBuildTime(),
    selectChanged: (lines) => selectChangedLines(lines, passages),
    changes,
  };
}

/** When the proof was built: now, or SOURCE_DATE_EPOCH's time if set (reproducible-builds.org), so that the same
 * sources can give a byte-identical proof (scripts/md5Baseline.sh compares builds so). */
function readBuildTime(): Date {
  const epoch = process.env.SOURCE_DATE_EPOCH;
  return epoch && /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000) : new Date();
}
