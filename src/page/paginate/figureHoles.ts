/**
 * The holes column figures leave (issue 26 item 2), measured on an article's laid-out pages: a column short of the foot
 * (core/shortColumns.ts's count) before a column figure that begins the next column, on the page or overleaf. What
 * floatColumnFigures.ts floats the figures by and judges its trials with.
 */
import { columnIndexAt, columnsOf, type Columns } from '../core/columns.js';
import { countShort } from '../core/shortColumns.js';
import { slack } from '../core/tolerances.js';

/** A column figure's wrapper (fitBlocksToGrid.ts), a direct child of the article body. */
export const figureBlock = '.grid-block:has(> figure:not(.wide))';

/**
 * A hole before a column figure: the figure's wrapper (its Paged.js data-ref), the whole lines left empty, and the
 * page they are on (an index in the article's pages).
 */
export type Hole = { ref: string; lines: number; page: number };

/**
 * The holes before column figures on an article's pages, in order: a figure first in its column (no line or block of
 * the column above it) whose column before, on its page, is short of the foot; or first in the first column of a page
 * whose page before is short (all its columns: Chromium balances what is left over them). Whole lines, as
 * core/shortColumns.ts counts them (a page it does not count has no hole).
 */
export function holesBeforeFigures(pages: HTMLElement[]): Hole[] {
  const holes: Hole[] = [];
  pages.forEach((page, index) => {
    const body = bodyOn(page);
    if (!body) return;
    const geometry = columnsOf(body);
    for (let column = 0; column < geometry.count; column++) {
      const first = firstInColumn(body, geometry, column);
      const lines = first instanceof HTMLElement && first.matches(figureBlock) ? linesShortBefore(pages, index, column) : 0;
      if (lines > 0) holes.push({ ref: (first as HTMLElement).dataset.ref ?? '', lines, page: column > 0 ? index : index - 1 });
    }
  });
  return holes;
}

/**
 * The whole lines left empty before a column of a page: at the foot of the column before on the page, or, before a
 * page's first column, of all the page before's columns (Chromium balances what is left over them). As
 * core/shortColumns.ts counts them (a page it does not count has none).
 */
function linesShortBefore(pages: HTMLElement[], index: number, column: number) {
  const page = column > 0 ? pages[index] : pages[index - 1];
  const body = bodyOn(page);
  const short = page && body ? countShort(page, body)?.short : undefined;
  return (short ?? []).reduce((sum, lines, each) => sum + (column === 0 || each === column - 1 ? lines : 0), 0);
}

/** The article body on a page. */
export const bodyOn = (page: HTMLElement | undefined) => (page?.querySelector('article[data-article] .article-body') ?? undefined) as HTMLElement | undefined;

/**
 * The body's first child with a box in the column (children are in the order of the text): blocks across the columns
 * (a wide figure at the page's top) and boxes without height (marks) are in no column.
 */
function firstInColumn(body: HTMLElement, geometry: Columns, column: number) {
  return Array.from(body.children).find((child) =>
    Array.from(child.getClientRects()).some((box) => box.height > 0 && box.width <= geometry.width + slack && columnIndexAt(geometry, box.left) === column),
  );
}
