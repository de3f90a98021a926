import { PDFName, type PDFDocument } from 'pdf-lib';
import { countOf } from './countItems.js';
import { groupPageProblems } from './describePages.js';
import type { PreflightCheck, PreflightExpectations } from './PreflightReport.js';

const ptPerMm = 72 / 25.4;
/** Boxes are compared within half a point: Chromium and Ghostscript round page sizes to hundredths. */
const tolerance = 0.5;

interface Box {
  left: number;
  bottom: number;
  right: number;
  top: number;
}

/**
 * TrimBox = the trim size, BleedBox = the trim plus the bleed on each side, MediaBox ⊇ BleedBox, on every page,
 * from `pdfinfo -box` output. pdfinfo shows the CropBox in place of a missing TrimBox or BleedBox, so presence is
 * read from the page dictionaries.
 */
export function checkPageBoxes(pdfinfoBoxes: string, document: PDFDocument, expect: PreflightExpectations): PreflightCheck {
  const boxes = parsePageBoxes(pdfinfoBoxes);
  const trim = { width: expect.trimMm.width * ptPerMm, height: expect.trimMm.height * ptPerMm };
  const bleed = expect.bleedMm * ptPerMm;
  const problems = document.getPages().flatMap((page, index) => {
    const pageBoxes = boxes.get(index + 1) ?? new Map<string, Box>();
    const present = (name: string) => page.node.get(PDFName.of(name)) !== undefined && pageBoxes.has(name);
    return findBoxProblems(pageBoxes, present('TrimBox'), present('BleedBox'), trim, bleed).map((problem) => ({ page: index + 1, problem }));
  });
  const expected = `TrimBox ${size(trim.width, trim.height)} (${expect.trimMm.width} × ${expect.trimMm.height} mm), BleedBox ${size(trim.width + 2 * bleed, trim.height + 2 * bleed)} (+${expect.bleedMm} mm each side)`;
  if (problems.length > 0) return { name: 'page boxes', pass: false, ...groupPageProblems(problems) };
  const media = boxes.get(1)?.get('MediaBox');
  return {
    name: 'page boxes',
    pass: true,
    detail: `${countOf(document.getPageCount(), 'page')}: ${expected}, MediaBox ${media ? size(width(media), height(media)) : '?'}`,
  };
}

function findBoxProblems(boxes: Map<string, Box>, hasTrimBox: boolean, hasBleedBox: boolean, trim: { width: number; height: number }, bleed: number): string[] {
  const problems: string[] = [];
  const media = boxes.get('MediaBox');
  const trimBox = boxes.get('TrimBox');
  const bleedBox = boxes.get('BleedBox');
  if (!hasTrimBox || !trimBox) problems.push(`no TrimBox (page ${media ? size(width(media), height(media)) : 'size unknown'})`);
  else if (!near(width(trimBox), trim.width) || !near(height(trimBox), trim.height))
    problems.push(`TrimBox ${size(width(trimBox), height(trimBox))}, expected ${size(trim.width, trim.height)}`);
  if (!hasBleedBox || !bleedBox) problems.push('no BleedBox');
  else if (hasTrimBox && trimBox) {
    const sides = [trimBox.left - bleedBox.left, trimBox.bottom - bleedBox.bottom, bleedBox.right - trimBox.right, bleedBox.top - trimBox.top];
    if (!sides.every((side) => near(side, bleed)))
      problems.push(`bleed ${sides.map((side) => side.toFixed(2)).join('/')} pt (left/bottom/right/top), expected ${bleed.toFixed(2)} pt`);
  }
  if (media && bleedBox && !contains(media, bleedBox)) problems.push(`MediaBox ${describeBox(media)} does not contain BleedBox ${describeBox(bleedBox)}`);
  return problems;
}

/** Page number → box name → box, from lines like "Page    1 TrimBox:     8.50     8.50   603.78   816.37". */
function parsePageBoxes(pdfinfoBoxes: string): Map<number, Map<string, Box>> {
  const pages = new Map<number, Map<string, Box>>();
  for (const match of pdfinfoBoxes.matchAll(/^Page\s+(\d+)\s+(\w+Box):\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+)/gm)) {
    const [left, bottom, right, top] = match.slice(3, 7).map(Number);
    const page = pages.get(Number(match[1])) ?? new Map<string, Box>();
    page.set(match[2], { left, bottom, right, top });
    pages.set(Number(match[1]), page);
  }
  return pages;
}

const width = (box: Box) => box.right - box.left;
const height = (box: Box) => box.top - box.bottom;
const near = (value: number, expected: number) => Math.abs(value - expected) <= tolerance;
const size = (w: number, h: number) => `${w.toFixed(2)} × ${h.toFixed(2)} pt`;
const describeBox = (box: Box) => `[${[box.left, box.bottom, box.right, box.top].map((value) => value.toFixed(2)).join(' ')}]`;

function contains(outer: Box, inner: Box): boolean {
  const slack = 0.01;
  return outer.left <= inner.left + slack && outer.bottom <= inner.bottom + slack && outer.right >= inner.right - slack && outer.top >= inner.top - slack;
}
