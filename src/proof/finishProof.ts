/** What the build makes of the printed proof: the finished proof PDF (carrying its line map) and its report. */
import type { PDFDocument } from 'pdf-lib';
import type { TypographyReport } from '../check/checkTypography.js';
import { finishPartPdf } from '../finish/finishPdf.js';
import type { Issue } from '../manifest/loadIssue.js';
import { buildProofMap, proofMapFileName } from './buildProofMap.js';
import { buildProofReport, locateTypographyFindings } from './buildProofReport.js';
import type { PreparedProof } from './prepareProof.js';
import type { PrintedProof } from './printProof.js';
import { renderProofReportHtml } from './renderProofReportHtml.js';

export interface FinishedProof {
  pdf: Uint8Array;
  reportHtml: string;
  reportJson: string;
}

export async function finishProof(
  issue: Issue,
  printed: PrintedProof,
  typography: TypographyReport,
  proof: PreparedProof,
  declaredFonts: string[],
): Promise<FinishedProof> {
  const findings = locateTypographyFindings(typography.findings, printed.lines);
  const report = buildProofReport(issue, printed.lines, printed.slug, { findings, changes: proof.changes });
  const map = buildProofMap(issue, printed.lines, { ...proof, slug: printed.slug });
  // The line map travels inside the proof (read-proof reads it back): an embedded file, which readers list and keep.
  const attachMap = async (document: PDFDocument) => {
    await document.attach(new TextEncoder().encode(JSON.stringify(map)), proofMapFileName, {
      mimeType: 'application/json',
      description: 'paiban proof line map: printed lines to source offsets (read-proof)',
      creationDate: proof.builtAt,
      modificationDate: proof.builtAt,
    });
  };
  return {
    pdf: await finishPartPdf(issue, printed.pdf, declaredFonts, `校样 第${proof.round}校`, undefined, attachMap),
    reportHtml: renderProofReportHtml(report),
    reportJson: `${JSON.stringify(report, null, 2)}\n`,
  };
}
