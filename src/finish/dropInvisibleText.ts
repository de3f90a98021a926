/**
 * Format characters out of the PDF's text layer: soft hyphens, zero width spaces and word joiners, which paiban puts
 * in the text to steer line breaking (the line adjustment's `hyphenate`, an author's `&shy;`; render/adjustLineBreaks
 * before an opening quote and after a slash). Chromium (Skia's PDF backend) draws each as an empty glyph inside a
 * marked-content span `/Span <</ActualText <FEFF00AD>>> BDC … EMC` (`<FEFF201D200B>` where it joins a quote's glyph),
 * so a reader's search, a copied web address and a full-text index read `Tri\u00adton`, `https:/\u2060/\u2060www…`.
 * Those characters are taken out of the span's ActualText (emptied when nothing else is left): the text layer then
 * reads `Triton`, `https://www…`, and `Check-` / `point` at a break, which readers join as they do any word hyphenated
 * at a line's end. Nothing drawn changes; a page without them is not rewritten.
 */
import { decodePDFRawStream, PDFArray, type PDFDocument, PDFName, PDFRawStream, PDFRef } from 'pdf-lib';

/** A span's ActualText as Skia writes it: UTF-16BE in hex after its byte order mark. */
const actualText = /\/ActualText\s*<FEFF((?:[0-9A-F]{4})*)>/gi;

/** Soft hyphen, zero width space, word joiner (UTF-16 code units, hex). */
const invisible = new Set(['00AD', '200B', '2060']);

/** Takes the invisible characters out of every ActualText in the pages' content streams; returns how many spans. */
export function dropInvisibleText(document: PDFDocument): number {
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
      let count = 0;
      const cleaned = text.replace(actualText, (span, units: string) => {
        const kept = (units.match(/.{4}/g) ?? []).filter((unit) => !invisible.has(unit.toUpperCase()));
        if (kept.length * 4 === units.length) return span;
        count++;
        return `/ActualText <FEFF${kept.join('')}>`;
      });
      if (count === 0) continue;
      document.context.assign(ref, document.context.flateStream(Buffer.from(cleaned, 'latin1')));
      dropped += count;
    }
  }
  return dropped;
}
