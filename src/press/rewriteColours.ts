import { PDFName, PDFRawStream, type PDFDocument } from 'pdf-lib';
import { replaceOperations, type Operation } from './parseOperations.js';
import { decodeStreamText, encodeStreamText, isContentStream, readPageContent } from './pdfObjects.js';
import type { SpotColour } from '../manifest/themeColours.js';

/**
 * A theme colour is declared in CMYK and rendered with a unique placeholder RGB value, which is replaced by the
 * CMYK operator in the PDF (the route Vivliostyle takes, docs/print.md §3).
 *
 * Rewrites Chromium's RGB fill and stroke operators in every page and form content stream before Ghostscript
 * converts the PDF to CMYK:
 * - a placeholder RGB becomes its declared `k`/`K` CMYK operator, which Ghostscript keeps (at its internal
 *   precision of about 1/1000, which it applies to every colour: 85 % is written 0.849609, measured);
 * - a neutral RGB (r = g = b, black included) becomes a `g`/`G` grey, which Ghostscript maps to the black plate only.
 *   Left in RGB, `0 0 0 rg` comes out as C72 M67 Y67 K88 rich black, whatever the output profile (docs/print.md §3); a
 *   four-colour grey misregisters on small type the same way. This is Prince's "use-true-black".
 * Other RGB colours are left for Ghostscript's profile conversion.
 */
export function rewriteColours(document: PDFDocument, spotColours: readonly SpotColour[]): void {
  const recolour = (operation: Operation) => recolourOperation(operation, spotColours);
  for (const page of document.getPages()) {
    const content = readPageContent(page);
    const rewritten = replaceOperations(content, recolour);
    if (rewritten !== content) page.node.set(PDFName.of('Contents'), document.context.register(encodeStreamText(document.context.obj({}), rewritten)));
  }
  for (const [ref, object] of document.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFRawStream) || !isContentStream(object.dict)) continue;
    const content = decodeStreamText(object);
    const rewritten = replaceOperations(content, recolour);
    if (rewritten !== content) document.context.assign(ref, encodeStreamText(object.dict, rewritten));
  }
}

function recolourOperation({ operator, operands }: Operation, spotColours: readonly SpotColour[]): string | undefined {
  if ((operator !== 'rg' && operator !== 'RG') || operands.length !== 3) return undefined;
  const rgb = operands.map(Number);
  const stroke = operator === 'RG';
  // Chromium writes channels as fractions with four decimals (200 → .7843): match to the nearest 1/255.
  const spot = spotColours.find((colour) => colour.rgb.every((channel, index) => Math.abs(rgb[index] * 255 - channel) < 0.5));
  if (spot) return `${spot.cmyk.map((ink) => formatFraction(ink / 100)).join(' ')} ${stroke ? 'K' : 'k'}`;
  if (rgb[0] === rgb[1] && rgb[1] === rgb[2]) return `${operands[0]} ${stroke ? 'G' : 'g'}`;
  return undefined;
}

function formatFraction(value: number): string {
  return String(Number(value.toFixed(4)));
}
