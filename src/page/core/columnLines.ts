/** The line boxes of an element's text column by column (its text boxes grouped by column and band), and the body's columns. */
import { slack } from './tolerances.js';

/**
 */

export function columnsOf(body: HTMLElement): ColumnGeometry {
  const style = getComputedStyle(body);
  const count = style.columnCount === 'auto' ? 1 : Number(style.columnCount);
  const gap = style.columnGap === 'normal' ? parseFloat(style.fontSize) : parseFloat(style.columnGap);
  const box = body.getBoundingClientRect();
  return { left: box.left, pitch: (box.width + gap) / count, gap, count };
}

export const widthOf = (band: Band) => band.right - band.left;

export const columnAt = (left: number, geometry: ColumnGeometry) =>
  Math.min(geometry.count - 1, Math.max(0, Math.floor((left - geometry.left + slack) / geometry.pitch)));

/**
 * The line boxes of an element's text, column by column, top to bottom (its text rects grouped by column and band).
 */
export function linesOf(element: Element, geometry: ColumnGeometry): Band[] {
  const bands: Band[] = [];
  for (const rect of textRectsOf(element)) {
    if (rect.width === 0 || rect.height === 0) continue;
    const column = columnAt(rect.left, geometry);
    const band = bands.find((each) => each.column === column && rect.top < each.bottom - slack && each.top < rect.bottom - slack);
    if (band) {
      band.left = Math.min(band.left, rect.left);
      band.right = Math.max(band.right, rect.right);
      band.bottom = Math.max(band.bottom, rect.bottom);
    } else {
      bands.push({ column, top: rect.top, bottom: rect.bottom, left: rect.left, right: rect.right });
    }
  }
  return bands.sort((a, b) => a.column - b.column || a.top - b.top);
}

/** The bottom of the lowest text of the body. */
export function lowestBottom(body: HTMLElement) {
  return Math.max(...textRectsOf(body).map((rect) => (rect.height > 0 ? rect.bottom : -Infinity)));
}

/**
 * The boxes of an element's text, a box per line box of each text node. Not the boxes of the elements: a paragraph
 * broken over two columns has a box in the first reaching the column's foot, below its last line.
 */
function textRectsOf(element: Element): DOMRect[] {
  const range = document.createRange();
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  const rects: DOMRect[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    range.selectNodeContents(node);
    rects.push(...Array.from(range.getClientRects()));
  }
  return rects;
}

/** pitch: a column's width and its gap */
export type ColumnGeometry = { left: number; pitch: number; gap: number; count: number };

/** a line box of an element */
export type Band = { column: number; top: number; bottom: number; left: number; right: number };
