/** The line boxes of an element's text column by column: its text boxes grouped by column and band. */
import { columnIndexAt, type Columns } from './columns.js';
import { inBand } from './lines.js';

/** A line box of an element: its column (from 0) and edges. */
export interface Band {
  column: number;
  top: number;
  bottom: number;
  left: number;
  right: number;
}

/** The width of a line box. */
export const bandWidth = (band: Band) => band.right - band.left;

/**
 * The line boxes of an element's text, column by column, top to bottom (its text rects grouped by column and band).
 */
export function linesOf(element: Element, columns: Columns): Band[] {
  const bands: Band[] = [];
  for (const rect of textRectsOf(element)) {
    if (rect.width === 0 || rect.height === 0) continue;
    const column = columnIndexAt(columns, rect.left);
    const band = bands.find((each) => each.column === column && inBand(rect, each));
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
