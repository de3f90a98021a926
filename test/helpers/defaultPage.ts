/**
 * The page of a test issue built with paiban's default periodical settings, in the PDF's points: what the tests that
 * read positions back from the PDF (pdftotext's words, from the page's top; the image boxes) compare with.
 */
import { periodicalSchema } from '../../src/manifest/schemas.js';
import { typeArea } from '../../src/render/typeArea.js';

export const ptPerMm = 72 / 25.4;
/** paiban's defaults, as a fixture's periodical.yaml without a page, grid or type section gets them. */
export const periodical = periodicalSchema.parse({ title: 't', publisher: 'p' });
export const area = typeArea(periodical);
export const pitch = periodical.type.linePitch;
export const bleed = periodical.page.bleed * ptPerMm;
/** The PDF's page height, the bleed included. */
export const pageHeight = periodical.page.height * ptPerMm + 2 * bleed;

/** The type area of a page in PDF points from the page's top and left; odd pages are right-hand pages. */
export function typeAreaOf(page: number) {
  const left = bleed + (page % 2 === 1 ? periodical.page.marginInner : area.outer) * ptPerMm;
  const top = bleed + periodical.page.marginTop * ptPerMm;
  return { left, right: left + area.width * ptPerMm, top, bottom: top + area.height * ptPerMm, middle: left + (area.width * ptPerMm) / 2 };
}
