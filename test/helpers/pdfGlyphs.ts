/**
 * Where each glyph of a page is printed, read independently of paiban, in PDF coordinates: what a reader's text
 * selection snaps to when a proofreader marks text. Poppler gives words (pdftotext -bbox); a word of CJK text is
 * set on a uniform advance (justification spreads the space evenly), so its glyphs are placed by dividing it, each
 * one em wide. (Ghostscript's txtwrite has per-glyph boxes but decodes some of these fonts' glyphs wrongly.)
 */
import { pdfWords } from './pdfTools.js';

export interface PdfGlyph {
  character: string;
  left: number;
  right: number;
  /** The word box's top and bottom, from the page's bottom. */
  top: number;
  bottom: number;
  /** Font size in points, from the box height (poppler's boxes are 1.437 em tall for these faces). */
  size: number;
}

export function pdfGlyphs(pdf: string, page: number, pageHeight: number): PdfGlyph[] {
  return pdfWords(pdf, page).flatMap((word) => {
    const characters = Array.from(word.text);
    const size = Math.round(((word.yMax - word.yMin) / 1.437) * 2) / 2;
    const advance = characters.length > 1 ? (word.xMax - word.xMin - size) / (characters.length - 1) : 0;
    return characters.map((character, index) => ({
      character,
      left: word.xMin + index * advance,
      right: index === characters.length - 1 ? word.xMax : word.xMin + index * advance + Math.min(size, advance),
      top: pageHeight - word.yMin,
      bottom: pageHeight - word.yMax,
      size,
    }));
  });
}
