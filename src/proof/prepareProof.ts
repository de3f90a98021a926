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
    builtAt: new Date(),
    selectChanged: (lines) => selectChangedLines(lines, passages),
    changes,
  };
}
