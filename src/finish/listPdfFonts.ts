import { PDFDict, PDFName, PDFArray, PDFRef, type PDFDocument, type PDFObject } from 'pdf-lib';

export interface PdfFont {
  /** BaseFont without the subset prefix, e.g. NotoSerifSC-Regular. */
  name: string;
  subtype: string;
  /** The descendant's subtype for Type0 fonts (CIDFontType2 = TrueType outlines, CIDFontType0 = CFF). */
  descendantSubtype?: string;
  subset: boolean;
  embedded: boolean;
  pages: number[];
}

/** Every font the pages use (also inside form XObjects), as pdffonts would list them. */
export function listPdfFonts(document: PDFDocument): PdfFont[] {
  const fonts = new Map<PDFDict, PdfFont>();
  document.getPages().forEach((page, index) => {
    const seen = new Set<PDFDict>();
    const visitResources = (resources: PDFObject | undefined) => {
      const dict = lookupDict(document, resources);
      if (!dict || seen.has(dict)) return;
      seen.add(dict);
      const fontDict = lookupDict(document, dict.get(PDFName.of('Font')));
      for (const [, value] of fontDict?.entries() ?? []) {
        const font = lookupDict(document, value);
        if (!font) continue;
        const entry = fonts.get(font) ?? describeFont(document, font);
        if (!entry.pages.includes(index + 1)) entry.pages.push(index + 1);
        fonts.set(font, entry);
        visitResources(font.get(PDFName.of('Resources'))); // Type 3 glyph procedures have resources too
      }
      const xObjects = lookupDict(document, dict.get(PDFName.of('XObject')));
      for (const [, value] of xObjects?.entries() ?? []) {
        const stream = document.context.lookup(value);
        const streamDict = (stream as { dict?: PDFDict } | undefined)?.dict;
        if (streamDict) visitResources(streamDict.get(PDFName.of('Resources')));
      }
    };
    visitResources(page.node.Resources());
  });
  return [...fonts.values()];
}

function describeFont(document: PDFDocument, font: PDFDict): PdfFont {
  const baseFont = nameOf(font.get(PDFName.of('BaseFont'))) ?? '';
  const subtype = nameOf(font.get(PDFName.of('Subtype'))) ?? '';
  const descendants = document.context.lookup(font.get(PDFName.of('DescendantFonts')));
  const descendant = descendants instanceof PDFArray ? lookupDict(document, descendants.get(0)) : undefined;
  const descriptor = lookupDict(document, (descendant ?? font).get(PDFName.of('FontDescriptor')));
  const embedded = ['FontFile', 'FontFile2', 'FontFile3'].some((key) => descriptor?.has(PDFName.of(key)));
  return {
    name: baseFont.replace(/^[A-Z]{6}\+/, ''),
    subtype,
    descendantSubtype: descendant ? nameOf(descendant.get(PDFName.of('Subtype'))) : undefined,
    subset: /^[A-Z]{6}\+/.test(baseFont),
    // Type 3 glyphs are drawn by content streams inside the font: "embedded" in that sense.
    embedded: embedded || subtype === 'Type3',
    pages: [],
  };
}

function lookupDict(document: PDFDocument, value: PDFObject | undefined): PDFDict | undefined {
  const object = value instanceof PDFRef ? document.context.lookup(value) : value;
  return object instanceof PDFDict ? object : undefined;
}

function nameOf(value: PDFObject | undefined): string | undefined {
  return value instanceof PDFName ? value.decodeText() : undefined;
}
