/**
 * Soft hyphens out of the PDF's text layer. The line adjustment gives a Latin word soft hyphens where TeX's patterns
 * break it (`hyphenate`), and an author may type `&shy;`. Chromium (Skia's PDF backend) draws each one as an empty
 * glyph inside a marked-content span `/Span <</ActualText <FEFF00AD>>> BDC … EMC`, broken or not, so a reader's
 * search and a full-text index read `Tri\u00adton` for `Triton` and `Check\u00ad-` at a break. The span's ActualText
 * is emptied: the text layer then reads `Triton`, and `Check-` / `point` at a break, which readers join as they do any
 * word hyphenated at a line's end. Nothing drawn changes; a page without soft hyphens is not rewritten.
 */
import { decodePDFRawStream, PDFArray, type PDFDocument, PDFName, PDFRawStream, PDFRef } from 'pdf-lib';

/** The span as Skia writes it (`/ActualText <FEFF00AD>`, for a glyph that stands for no character of its own). */
const softHyphenText = /\/ActualText\s*<feff00ad>/gi;
const emptyText = '/ActualText <FEFF>';

/** Empties the ActualText of every soft hyphen in the pages' content streams; returns how many. */
export function dropSoftHyphenText(document: PDFDocument): number {
  let dropped = 0;
  for (const page of document.getPages()) {
    const contents = page.node.get(PDFName.of('Contents'));
    const refs = contents instanceof PDFArray ? contents.asArray() : [contents];
    for (const ref of refs) {
      if (!(ref instanceof PDFRef)) continue;
      const stream = document.context.lookup(ref);
      if (!(stream instanceof PDFRawStream)) continue;
      // Latin-1 maps every byte to one character and back: the stream's binary parts survive the round trip.
      const text = Buffer.from(decodePDFRawStream(stream).decode()).toString('latin1');
      const count = text.match(softHyphenText)?.length ?? 0;
      if (count === 0) continue;
      document.context.assign(ref, document.context.flateStream(Buffer.from(text.replaceAll(softHyphenText, emptyText), 'latin1')));
      dropped += count;
    }
  }
  return dropped;
}
