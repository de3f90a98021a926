/**
 * Holes before column pictures, read from a PDF with poppler alone (not from the page's own count): a column of an
 * article's page that ends short of the type area's foot while the next column — on the page, or the first of the
 * next page — begins with a picture. What a reader sees as a picture that moved on whole and left the column empty.
 */
import { type ImageBox, pdfImageBoxes } from './pdfImageBoxes.js';
import { pdfWords } from './pdfTools.js';

/** A hole: the page and column (from 1) that end short, and by how many whole lines. */
export interface PictureHole {
  page: number;
  column: number;
  lines: number;
}

export interface PageGeometry {
  /** The type area of a page (1-based), in points from the page's top and left. */
  typeAreaOf: (page: number) => { left: number; right: number; top: number; bottom: number };
  /** The page's height in points (the PDF's, bleed included): image boxes are measured from its foot. */
  pageHeight: number;
  columns: number;
  pitch: number;
}

/** What a column holds: whether its first box is a picture, and the bottom of its last. */
type Column = { page: number; column: number; bottom: number; picture: boolean };

/**
 * The holes before pictures on the given pages (an article's, in order; its last page ends where the article does
 * and is not judged, as the short-column rule does not judge it).
 */
export async function holesBeforePictures(pdf: string, pages: number[], geometry: PageGeometry): Promise<PictureHole[]> {
  const images = await pdfImageBoxes(pdf);
  const columns = pages.flatMap((page) => columnsOf(page, pdf, images, geometry));
  const holes: PictureHole[] = [];
  columns.forEach((column, index) => {
    const next = columns[index + 1];
    if (!next?.picture || column.page === pages.at(-1) || column.bottom === -Infinity) return;
    // A full column's last line box ends on the foot, its glyphs a little above it (the half-leading, 0.09 of a line).
    const lines = Math.floor((geometry.typeAreaOf(column.page).bottom - column.bottom) / geometry.pitch + 0.15);
    if (lines > 0) holes.push({ page: column.page, column: column.column + 1, lines });
  });
  return holes;
}

/** A page's columns: its words and pictures inside the type area, by the column their middle is in. */
function columnsOf(page: number, pdf: string, images: ImageBox[], geometry: PageGeometry): Column[] {
  const area = geometry.typeAreaOf(page);
  const columnOf = (left: number, right: number) =>
    Math.min(geometry.columns - 1, Math.floor(((left + right) / 2 - area.left) / ((area.right - area.left) / geometry.columns)));
  const boxes = [
    ...pdfWords(pdf, page).map((word) => ({ left: word.xMin, right: word.xMax, top: word.yMin, bottom: word.yMax, picture: false })),
    ...images
      .filter((image) => image.page === page)
      .map((image) => ({
        left: image.left,
        right: image.right,
        top: geometry.pageHeight - image.top,
        bottom: geometry.pageHeight - image.bottom,
        picture: true,
      })),
  ].filter((box) => box.top >= area.top - 1 && box.bottom <= area.bottom + 1);
  return Array.from({ length: geometry.columns }, (_, column) => {
    const held = boxes.filter((box) => columnOf(box.left, box.right) === column).sort((a, b) => a.top - b.top);
    return {
      page,
      column,
      bottom: Math.max(-Infinity, ...held.map((box) => box.bottom)),
      picture: held[0]?.picture ?? false,
    };
  });
}
