/**
 * The proof around the build: what it needs before pagination (changed lines, revision) and what it makes of
 * the printed proof afterwards (the finished proof PDF and its report).
 */
import type { TypographyReport } from '../check/checkTypography.js';
import { finishPartPdf } from '../finish/finishPdf.js';
import type { Issue } from '../manifest/loadIssue.js';
import { buildProofReport, locateTypographyFindings } from './buildProofReport.js';
import { findChangedLines, type ChangedPassage } from './findChangedLines.js';
import type { PrintedProof, ProofOptions } from './printProof.js';
import { readRevision } from './readRevision.js';
import { renderProofReportHtml } from './renderProofReportHtml.js';
import { selectChangedLines } from './selectChangedLines.js';

export interface ProofRequest {
  round: number;
  /** A git revision: lines changed since then get change bars and are listed. */
  since?: string;
}

export type PreparedProof = ProofOptions & { changes: ChangedPassage[] };

export async function prepareProof(issue: Issue, request: ProofRequest): Promise<PreparedProof> {
  const articles = issue.sections.flatMap((section) => section.articles);
  const changes = request.since ? await findChangedLines(issue.root, request.since, articles.map((article) => article.file)) : [];
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

export interface FinishedProof {
  pdf: Uint8Array;
  reportHtml: string;
  reportJson: string;
}

export async function finishProof(issue: Issue, printed: PrintedProof, typography: TypographyReport, proof: PreparedProof, declaredFonts: string[]): Promise<FinishedProof> {
  const findings = locateTypographyFindings(typography.findings, printed.lines);
  const report = buildProofReport(issue, printed.lines, printed.slug, { findings, changes: proof.changes });
  return {
    pdf: await finishPartPdf(issue, printed.pdf, declaredFonts, `校样 第${proof.round}校`),
    reportHtml: renderProofReportHtml(report),
    reportJson: `${JSON.stringify(report, null, 2)}\n`,
  };
}
