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
import type { PreflightCheck, PreflightExpectations, PreflightReport } from './PreflightReport.js';
import { readImageInk } from './readImageInk.js';
import { readPageColours } from './readPageColours.js';

export type { PreflightCheck, PreflightExpectations, PreflightReport } from './PreflightReport.js';
export { formatPreflightTable } from './formatPreflightTable.js';

/**
 * The checks a printer runs on an interior PDF before accepting it (print.md), each with its figures, measured
 * the way the printer's tools would: poppler's pdfinfo, pdffonts and pdfimages, Ghostscript's inkcov, qpdf, and
 * pdf-lib for what those do not show (colour operators, transparency, the PDF/X declaration).
 */
export async function runPreflight(pdfPath: string, expect: PreflightExpectations): Promise<PreflightReport> {
  const document = await loadPdf(pdfPath);
  const pages = document.getPages();
  const [boxes, fonts, imageList, inkCoverage, structure, imageInk] = await Promise.all([
    runTool('pdfinfo', ['-box', '-f', '1', '-l', String(pages.length), pdfPath]),
    runTool('pdffonts', [pdfPath]),
    runTool('pdfimages', ['-list', pdfPath]),
    runTool('gs', ['-q', '-dSAFER', '-o', '-', '-sDEVICE=inkcov', pdfPath]),
    runTool('qpdf', ['--check', pdfPath], { okExitCodes: [0, 2, 3] }),
    readImageInk(pdfPath),
  ]);
  const images = parseImageList(imageList.stdout);
  const pageColours = pages.map(readPageColours);
  const checks = [
    checkPageBoxes(boxes.stdout, document, expect),
    checkPageCount(pages.length, expect.pageMultiple),
    checkFonts(fonts.stdout, expect),
    checkBlackInk(inkCoverage.stdout, images, pageColours, expect),
    checkColourSpaces(pages, pageColours),
    checkTransparency(pages),
    checkImages(images, expect, imageInk),
    ...(expect.requirePdfX ? [checkPdfX(document, boxes.stdout)] : []),
    checkStructure(structure),
  ];
  return { file: pdfPath, pass: checks.every((check) => check.pass), checks };
}

/** Saddle stitching folds sheets of four pages: the count must be a multiple of 4 (print.md). */
function checkPageCount(count: number, multiple: number | undefined): PreflightCheck {
  const missing = multiple ? (multiple - (count % multiple)) % multiple : 0;
  if (count === 0) return { name: 'page count', pass: false, detail: 'no pages' };
  if (!multiple) return { name: 'page count', pass: true, detail: countOf(count, 'page') };
  if (missing === 0) return { name: 'page count', pass: true, detail: `${countOf(count, 'page')}, a multiple of ${multiple}` };
  return { name: 'page count', pass: false, detail: `${countOf(count, 'page')}, not a multiple of ${multiple}: ${countOf(missing, 'blank page')} to add` };
}
