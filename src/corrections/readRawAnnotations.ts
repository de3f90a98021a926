/**
 * The entries of annotation dictionaries that pdf.js does not hand out, read with pdf-lib: /NM (the unique name
 * Acrobat, Foxit and PDF-XChange write and MuPDF and poppler do not, which tells the readers apart) and /Name (a
 * note's icon: pdf.js reports "NoIcon" for every note that has an appearance stream, so an Insert note made in
 * SumatraPDF would read as a plain note). Keyed by object as pdf.js names them ("12R", "12R3" for generation 3).
 * Incremental updates are read in file order, so an annotation rewritten by a later save is read as last saved.
 */
import { PDFDict, PDFDocument, PDFHexString, PDFName, PDFString } from 'pdf-lib';

export interface RawAnnotationEntries {
  /** /NM, or null when the dictionary has none. */
  uniqueName: string | null;
  /** /Name (a note's or a stamp's icon) without the slash, or null. */
  icon: string | null;
}

const subtype = PDFName.of('Subtype');
const rect = PDFName.of('Rect');

export async function readRawAnnotations(bytes: Uint8Array): Promise<Map<string, RawAnnotationEntries>> {
  const entries = new Map<string, RawAnnotationEntries>();
  let pdf: PDFDocument;
  try {
    pdf = await PDFDocument.load(bytes, { ignoreEncryption: true, updateMetadata: false, throwOnInvalidObject: false });
  } catch {
    // pdf.js opened the file already; without these entries the marks are read by the conventions of Acrobat.
    return entries;
  }
  for (const [ref, object] of pdf.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict) || !object.has(subtype) || !object.has(rect)) continue;
    const id = ref.generationNumber === 0 ? `${ref.objectNumber}R` : `${ref.objectNumber}R${ref.generationNumber}`;
    entries.set(id, { uniqueName: textOf(object.get(PDFName.of('NM'))), icon: nameOf(object.get(PDFName.of('Name'))) });
  }
  return entries;
}

function textOf(value: unknown): string | null {
  return value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : null;
}

function nameOf(value: unknown): string | null {
  return value instanceof PDFName ? value.decodeText().replace(/^\//, '') : null;
}
