import { loadPdf } from '../press/pdfObjects.js';
import { runTool } from '../press/runTool.js';
import { checkBlackInk } from './checkBlackInk.js';
import { checkColourSpaces } from './checkColourSpaces.js';
import { checkFonts } from './checkFonts.js';
import { checkImages } from './checkImages.js';
import { checkPageBoxes } from './checkPageBoxes.js';
import { checkPdfX } from './checkPdfX.js';
import { checkStructure } from './checkStructure.js';
import { checkTransparency } from './checkTransparency.js';
import { countOf } from './countItems.js';
import { parseImageList } from './parseImageList.js';
import { preflightRules, type PreflightRule } from '../rules/preflightRules.js';
import type { PreflightCheck, PreflightExpectations, PreflightReport } from './PreflightReport.js';
import { readPageColours } from './readPageColours.js';

export type { PreflightCheck, PreflightExpectations, PreflightReport } from './PreflightReport.js';
export { formatPreflightTable } from './formatPreflightTable.js';

/**
 * The checks a printer runs on an interior PDF before accepting it (docs/print.md §1), each with its figures, measured
 * the way the printer's tools would: poppler's pdfinfo, pdffonts and pdfimages, Ghostscript's inkcov, qpdf, and
 * pdf-lib for what those do not show (colour operators, transparency, the PDF/X declaration).
 */
export async function runPreflight(pdfPath: string, expect: PreflightExpectations): Promise<PreflightReport> {
  const document = await loadPdf(pdfPath);
  const pages = document.getPages();
  const [boxes, fonts, imageList, inkCoverage, structure] = await Promise.all([
    runTool('pdfinfo', ['-box', '-f', '1', '-l', String(pages.length), pdfPath]),
    runTool('pdffonts', [pdfPath]),
    runTool('pdfimages', ['-list', pdfPath]),
    runTool('gs', ['-q', '-dSAFER', '-o', '-', '-sDEVICE=inkcov', pdfPath]),
    runTool('qpdf', ['--check', pdfPath], { okExitCodes: [0, 2, 3] }),
  ]);
  const images = parseImageList(imageList.stdout);
  const pageColours = pages.map(readPageColours);
  // The rules by name, in the table's order (src/rules/preflightRules.ts); a rule switched off does not run.
  const rules: Record<PreflightRule, (() => PreflightCheck) | undefined> = {
    'page-boxes': () => checkPageBoxes(boxes.stdout, document, expect),
    'page-count': () => checkPageCount(pages.length, expect.pageMultiple),
    fonts: () => checkFonts(fonts.stdout, expect),
    'black-on-k': () => checkBlackInk(inkCoverage.stdout, images, pageColours, expect),
    'colour-spaces': () => checkColourSpaces(pages, pageColours),
    transparency: () => checkTransparency(pages),
    images: () => checkImages(images, expect),
    'pdf-x': expect.requirePdfX ? () => checkPdfX(document, boxes.stdout) : undefined,
    structure: () => checkStructure(structure),
  };
  const checks = (Object.keys(preflightRules) as PreflightRule[]).filter((rule) => !expect.off?.includes(rule)).flatMap((rule) => rules[rule]?.() ?? []);
  return { file: pdfPath, pass: checks.every((check) => check.pass), checks };
}

/** Saddle stitching folds sheets of four pages: the count must be a multiple of 4 (docs/print.md §1). */
function checkPageCount(count: number, multiple: number | undefined): PreflightCheck {
  const missing = multiple ? (multiple - (count % multiple)) % multiple : 0;
  if (count === 0) return { name: 'page count', pass: false, detail: 'no pages' };
  if (!multiple) return { name: 'page count', pass: true, detail: countOf(count, 'page') };
  if (missing === 0) return { name: 'page count', pass: true, detail: `${countOf(count, 'page')}, a multiple of ${multiple}` };
  return { name: 'page count', pass: false, detail: `${countOf(count, 'page')}, not a multiple of ${multiple}: ${countOf(missing, 'blank page')} to add` };
}
