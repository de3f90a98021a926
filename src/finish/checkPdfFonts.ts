import type { PDFDocument } from 'pdf-lib';
import { UserError } from '../UserError.js';
import { listPdfFonts } from './listPdfFonts.js';

/**
 * The PDF must hold exactly the declared faces, embedded, subset and with TrueType outlines: a Type 3 font
 * fails the printer's preflight, and an undeclared font means Chromium fell back to a system font for a
 * character (docs/typesetting.md §7). Returns the font names found.
 */
export function checkPdfFonts(document: PDFDocument, declared: string[]): string[] {
  const fonts = listPdfFonts(document);
  for (const font of fonts) {
    const pages = `page${font.pages.length > 1 ? 's' : ''} ${font.pages.slice(0, 5).join(', ')}`;
    if (font.subtype === 'Type3') {
      throw new UserError('check', `a Type 3 font (${font.name || 'unnamed'}) is on ${pages}: printers reject it; use TrueType-outline fonts`);
    }
    if (!declared.includes(font.name)) {
      throw new UserError(
        'check',
        `font ${font.name} on ${pages} is not declared in fonts/fonts.yaml: Chromium fell back to it for a character the declared faces lack; run with --html and look for unusual characters on those pages`,
      );
    }
    if (!font.embedded || !font.subset) {
      throw new UserError('check', `font ${font.name} on ${pages} is ${font.embedded ? 'not subset' : 'not embedded'}; printers need embedded subset fonts`);
    }
  }
  return [...new Set(fonts.map((font) => font.name))].sort();
}
