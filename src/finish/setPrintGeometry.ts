import { grayscale, type PDFDocument, type PDFPage } from 'pdf-lib';

const ptPerMm = 72 / 25.4;
/** Crop marks start this far outside the bleed and are this long (mm); the MediaBox grows to hold them. */
const markOffset = 2;
const markLength = 5;

/**
 * TrimBox (the finished page) and BleedBox on every page, which Chromium does not write (docs/print.md §2); with crop
 * marks, a MediaBox large enough to hold them outside the bleed, where they belong. Chromium's page is the trim
 * plus the bleed (Paged.js `bleed`), so its origin is the bleed's corner.
 */
export interface PrintGeometry {
  /** Trim size and bleed in mm. */
  width: number;
  height: number;
  bleed: number;
  cropMarks: boolean;
}

export function setPrintGeometry(document: PDFDocument, page: PrintGeometry): void {
  const bleed = page.bleed * ptPerMm;
  const width = page.width * ptPerMm;
  const height = page.height * ptPerMm;
  const marks = page.cropMarks ? (markOffset + markLength) * ptPerMm : 0;
  for (const pdfPage of document.getPages()) {
    pdfPage.setMediaBox(-marks, -marks, width + 2 * (bleed + marks), height + 2 * (bleed + marks));
    pdfPage.setCropBox(-marks, -marks, width + 2 * (bleed + marks), height + 2 * (bleed + marks));
    pdfPage.setBleedBox(0, 0, width + 2 * bleed, height + 2 * bleed);
    pdfPage.setTrimBox(bleed, bleed, width, height);
    if (page.cropMarks) drawCropMarks(pdfPage, bleed, width, height);
  }
}

/** Eight hairlines at the trim corners, outside the bleed, in black only (K; registration-safe). */
function drawCropMarks(pdfPage: PDFPage, bleed: number, width: number, height: number): void {
  const offset = bleed + markOffset * ptPerMm;
  const length = markLength * ptPerMm;
  const line = (x1: number, y1: number, x2: number, y2: number) =>
    pdfPage.drawLine({ start: { x: x1, y: y1 }, end: { x: x2, y: y2 }, thickness: 0.25, color: grayscale(0) });
  for (const x of [bleed, bleed + width]) {
    for (const y of [bleed, bleed + height]) {
      const outwardX = x === bleed ? -1 : 1;
      const outwardY = y === bleed ? -1 : 1;
      line(x + outwardX * offset, y, x + outwardX * (offset + length), y);
      line(x, y + outwardY * offset, x, y + outwardY * (offset + length));
    }
  }
}
