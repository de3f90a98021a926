/**
 * What pdf.js does not hand out about a proof's annotations, read with pdf-lib from the pages' /Annots: /NM (the
 * unique name Acrobat, Foxit and PDF-XChange write and MuPDF and poppler do not, which tells the readers apart),
 * /Name (a note's icon: pdf.js reports "NoIcon" for every note that has an appearance stream, so an Insert note made
 * in SumatraPDF would read as a plain note), and which pages hold a mark without the Print flag (poppler sets no
 * flags) or hidden, which pdf.js' cheap 'print' intent would leave out. Keyed by object as pdf.js names them ("12R", "12R3"
 * for generation 3). Incremental updates are read in file order, so an annotation rewritten later is read as saved.
 */
import { type PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFRef, PDFString } from 'pdf-lib';

export interface RawAnnotationEntries {
  /** /NM, or null when the dictionary has none. */
  uniqueName: string | null;
  /** /Name (a note's or a stamp's icon) without the slash, or null. */
  icon: string | null;
}

export interface RawAnnotations {
  entries: Map<string, RawAnnotationEntries>;
  /** 1-based pages with a mark pdf.js' 'print' intent leaves out: no Print flag (/F 4), or hidden (/F 2); every page
   * when pdf-lib cannot read the file. */
  unprinted: Set<number> | 'every page';
}

const [hiddenFlag, printFlag] = [2, 4];
/** Not marks, so not a reason to read a page whole: Chromium writes its links without flags. */
const notMarks = new Set(['Link', 'Popup', 'Widget']);

export async function readRawAnnotations(bytes: Uint8Array): Promise<RawAnnotations> {
  const raw = { entries: new Map<string, RawAnnotationEntries>(), unprinted: new Set<number>() };
  let pdf: PDFDocument;
  try {
    pdf = await PDFDocument.load(bytes, { ignoreEncryption: true, updateMetadata: false, throwOnInvalidObject: false });
  } catch {
    // pdf.js opened the file already: without these entries every page is read whole, by Acrobat's conventions.
    return { ...raw, unprinted: 'every page' };
  }
  pdf.getPages().forEach((page, index) => {
    const annots = page.node.Annots();
    for (let position = 0; position < (annots?.size() ?? 0); position++) {
      const item = (annots as PDFArray).get(position);
      const annotation = pdf.context.lookupMaybe(item, PDFDict);
      if (!annotation) continue;
      const flags = annotation.get(PDFName.of('F'));
      const mark = !notMarks.has(nameOf(annotation.get(PDFName.of('Subtype'))) ?? '');
      const printed = flags instanceof PDFNumber && (flags.asNumber() & (printFlag | hiddenFlag)) === printFlag;
      if (mark && !printed) raw.unprinted.add(index + 1);
      if (!(item instanceof PDFRef)) continue;
      const id = item.generationNumber === 0 ? `${item.objectNumber}R` : `${item.objectNumber}R${item.generationNumber}`;
      raw.entries.set(id, { uniqueName: textOf(annotation.get(PDFName.of('NM'))), icon: nameOf(annotation.get(PDFName.of('Name'))) });
    }
  });
  return raw;
}

function textOf(value: unknown): string | null {
  return value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : null;
}

function nameOf(value: unknown): string | null {
  return value instanceof PDFName ? value.decodeText().replace(/^\//, '') : null;
}
