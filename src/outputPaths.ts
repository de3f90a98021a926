/** Every file a build writes, beside the interior PDF: dist/2024-4.pdf → dist/2024-4-cover.pdf, … */
export function outputPaths(pdf: string) {
  const base = pdf.replace(/\.pdf$/i, '');
  return {
    pdf,
    cover: `${base}-cover.pdf`,
    check: `${base}.check.json`,
    html: `${base}.html`,
    press: `${base}-press.pdf`,
    coverPress: `${base}-cover-press.pdf`,
    proof: `${base}-proof.pdf`,
    proofReportHtml: `${base}-proof-report.html`,
    proofReportJson: `${base}-proof-report.json`,
  };
}
