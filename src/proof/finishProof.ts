/** What the build makes of the printed proof: the finished proof PDF and its report. */
import type { TypographyReport } from '../check/checkTypography.js';
import { finishPartPdf } from '../finish/finishPdf.js';
import type { Issue } from '../manifest/loadIssue.js';
import { buildProofReport, locateTypographyFindings } from './buildProofReport.js';
import type { PreparedProof } from './prepareProof.js';
import type { PrintedProof } from './printProof.js';
import { renderProofReportHtml } from './renderProofReportHtml.js';

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
