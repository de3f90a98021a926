import { PDFName, PDFNumber, type PDFPage } from 'pdf-lib';
import { collectPageObjects, dictOf } from './pdfObjects.js';

/**
 * What makes the page use transparency, e.g. ['ca 0.5', 'SMask'], or [] when it has none. PDF/X-1a forbids
 * transparency, and Ghostscript's PDF/X mode flattens such a page into one image without fonts (docs/print.md §4).
 * Chromium writes an ExtGState with `ca 1 / BM Normal` on every page: opaque, so not counted.
 */
export function findTransparency(page: PDFPage): string[] {
  const reasons = new Set<string>();
  for (const object of collectPageObjects(page)) {
    const dict = dictOf(object);
    for (const key of ['CA', 'ca']) {
      const alpha = dict.get(PDFName.of(key));
      if (alpha instanceof PDFNumber && alpha.asNumber() < 1) reasons.add(`${key} ${alpha.asNumber()}`);
    }
    const softMask = dict.get(PDFName.of('SMask'));
    if (softMask !== undefined && softMask !== PDFName.of('None')) reasons.add('SMask');
    const blendMode = dict.get(PDFName.of('BM'));
    if (blendMode instanceof PDFName && !['Normal', 'Compatible'].includes(blendMode.decodeText())) reasons.add(`BM ${blendMode.decodeText()}`);
    // /S /Transparency is found only in group dictionaries, whose /Type is optional.
    if (dict.get(PDFName.of('S')) === PDFName.of('Transparency')) reasons.add('transparency group');
  }
  return [...reasons];
}
