/** How many whole lines short of the foot each column of a page is, for the column filling and 缩行. */
import { linesOf } from './columnLines.js';
import { columnIndexAt, columnsOf, type Columns } from './columns.js';
import { lineBoxBottom, linesBelow } from './grid.js';

/**
 * The pages of the given pages with a column short in the middle of an article, and how many lines short (summed
 * over the columns).
 */
export function shortColumns(pages: HTMLElement[]): ShortPage[] {
  return midArticlePages(pages).flatMap(({ page, body }) => {
    const content = page.querySelector('.pagedjs_page_content');
    const first = body.querySelector('p');
    if (!content || !first) return [];
    const geometry = columnsOf(body);
    const short = shortLines(body, geometry, content.getBoundingClientRect().bottom, parseFloat(getComputedStyle(first).lineHeight));
    const lines = short?.reduce((sum, each) => sum + each, 0) ?? 0;
    return short && lines > 0 ? [{ page, lines, body, geometry, lastShort: short.findLastIndex((each) => each > 0) }] : [];
  });
}

/**
 * The pages an article goes on from (not its last), with its body there.
 */
export function midArticlePages(pages: HTMLElement[]): Array<{ page: HTMLElement; body: HTMLElement }> {
  return pages.flatMap((page, index) => {
    const body = page.querySelector('article[data-article] .article-body');
    const article = body?.closest('article[data-article]');
    const next = pages[index + 1]?.querySelector('article[data-article]');
    const goesOn = body instanceof HTMLElement && article && next?.getAttribute('data-article') === article.getAttribute('data-article');
    return goesOn ? [{ page, body: body as HTMLElement }] : [];
  });
}

/**
 * Whole lines that would still fit below each column's last; undefined when the page's
 * lowest content spans the columns (a table or wide figure ends the columns above it, balanced) — as the typography
 * check's short-column rule counts them.
 */
export function shortLines(body: HTMLElement, geometry: Columns, foot: number, pitch: number) {
  const bottoms = Array.from({ length: geometry.count }, () => -Infinity);
  for (const band of linesOf(body, geometry)) bottoms[band.column] = Math.max(bottoms[band.column], lineBoxBottom(band.top, band.bottom, pitch));
  let spanning = -Infinity;
  for (const element of Array.from(body.querySelectorAll('figure, img, table'))) {
    const box = element.getBoundingClientRect();
    if (getComputedStyle(element).columnSpan === 'all' || box.width > geometry.width + geometry.gap) spanning = Math.max(spanning, box.bottom);
    else bottoms[columnIndexAt(geometry, box.left)] = Math.max(bottoms[columnIndexAt(geometry, box.left)], box.bottom);
  }
  if (spanning > Math.max(...bottoms) || bottoms.some((bottom) => bottom === -Infinity)) return undefined;
  return bottoms.map((bottom) => Math.max(0, linesBelow(bottom, foot, pitch)));
}

/** A page with a short column: how many lines short in all, its article body and columns, the last column short. */
export type ShortPage = { page: HTMLElement; lines: number; body: HTMLElement; geometry: Columns; lastShort: number };
