import { join } from 'node:path';

/**
 * Every file a build writes, beside the interior PDF: `out`, or by default dist/<id>.pdf under the project root;
 * dist/2024-4.pdf → dist/2024-4-cover.pdf, …
 */
export function outputPaths({ root, issueId, out }: { root: string; issueId: string; out?: string }) {
  const pdf = out ?? join(root, 'dist', `${issueId}.pdf`);
  const base = pdf.replace(/\.pdf$/i, '');
  return {
    pdf,
    cover: `${base}-cover.pdf`,
    check: `${base}.check.json`,
    /** Which page each article starts on in the PDF beside it (BuiltLayout): what the desk's plan shows. */
    layout: `${base}.layout.json`,
    html: `${base}.html`,
    press: `${base}-press.pdf`,
    coverPress: `${base}-cover-press.pdf`,
    proof: `${base}-proof.pdf`,
    proofReportHtml: `${base}-proof-report.html`,
    proofReportJson: `${base}-proof-report.json`,
  };
}
