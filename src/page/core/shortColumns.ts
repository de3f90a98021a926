/**
 * The short-column count (栏未排满), one definition for the typography check's rule, the column filling (拉行) and
 * 缩行. A hand-set page is a full grid: on a page an article goes on from, every column of its body ends on the last
 * grid line. A typesetter counts a column short by the whole grid lines left empty between its lowest content and
 * the foot of the type area, where the content is
 * - its text, by line box (the glyphs' box with its half-leading: lines.ts's bands);
 * - a figure, image or table set in the column, by its box: the table's foot rule and a figure's caption are part
 *   of the column (a table's last text line is not its end); the text of one across the columns is in no column;
 * and a page is not counted at all
 * - when its lowest content spans the columns (a wide table or figure ends the columns above it, balanced: that is
 *   the layout, not a gap);
 * - when a column holds nothing: a page the article goes on from with an empty column is a break before a block
 *   too tall for what was left of the page, not a grid a line or two short, and no line can be pulled into it.
 */
import { type Band, linesOf } from './columnLines.js';
import { columnIndexAt, columnsOf, type Columns } from './columns.js';
import { lineBoxBottom, linesBelow } from './grid.js';
import { slack } from './tolerances.js';

/**
 * The pages of the given pages with a column short in the middle of an article, and how many lines short (summed
 * over the columns).
 */
export function shortColumns(pages: HTMLElement[]): ShortPage[] {
  return midArticlePages(pages).flatMap(({ page, body }) => {
    const count = countShort(page, body);
    const lines = count?.short?.reduce((sum, each) => sum + each, 0) ?? 0;
    return count?.short && lines > 0 ? [{ page, lines, body, geometry: count.geometry, lastShort: count.short.findLastIndex((each) => each > 0) }] : [];
  });
}

/** The lines the pages' columns are short, in all (what 缩行 and the floated figures judge by). */
export const linesShortIn = (pages: HTMLElement[]) => shortColumns(pages).reduce((sum, each) => sum + each.lines, 0);

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
 * An article body's columns on a page, measured: the foot of the type area, the line pitch (its paragraphs'), and
 * the whole lines short in each column (undefined when the page is not counted, see above). Undefined for a body
 * without a paragraph on the page.
 */
export function countShort(page: Element, body: HTMLElement): ShortCount | undefined {
  const content = page.querySelector('.pagedjs_page_content');
  const first = body.querySelector('p');
  if (!content || !first) return undefined;
  const foot = content.getBoundingClientRect().bottom;
  const pitch = parseFloat(getComputedStyle(first).lineHeight);
  const geometry = columnsOf(body);
  return { foot, pitch, geometry, short: shortLines(body, geometry, foot, pitch) };
}

/**
 * Whole lines that would still fit below each column's lowest content; undefined when the page is not counted.
 */
export function shortLines(body: HTMLElement, geometry: Columns, foot: number, pitch: number) {
  const bottoms = Array.from({ length: geometry.count }, () => -Infinity);
  const spans: DOMRect[] = [];
  for (const element of Array.from(body.querySelectorAll('figure, img, table'))) {
    const box = element.getBoundingClientRect();
    if (getComputedStyle(element).columnSpan === 'all' || box.width > geometry.width + geometry.gap) spans.push(box);
    else bottoms[columnIndexAt(geometry, box.left)] = Math.max(bottoms[columnIndexAt(geometry, box.left)], box.bottom);
  }
  // The text of a table or figure across the columns is in its box, not in a column: its line boxes, set at the
  // body's pitch, would reach below the box.
  const inSpan = (band: Band) => spans.some((box) => band.top >= box.top - slack && band.bottom <= box.bottom + slack);
  for (const band of linesOf(body, geometry)) {
    if (!inSpan(band)) bottoms[band.column] = Math.max(bottoms[band.column], lineBoxBottom(band.top, band.bottom, pitch));
  }
  const spanning = Math.max(-Infinity, ...spans.map((box) => box.bottom));
  if (spanning > Math.max(...bottoms) || bottoms.some((bottom) => bottom === -Infinity)) return undefined;
  return bottoms.map((bottom) => Math.max(0, linesBelow(bottom, foot, pitch)));
}

/** An article body's columns on a page, measured by countShort. */
export type ShortCount = { foot: number; pitch: number; geometry: Columns; short: number[] | undefined };
/** A page with a short column: how many lines short in all, its article body and columns, the last column short. */
export type ShortPage = { page: HTMLElement; lines: number; body: HTMLElement; geometry: Columns; lastShort: number };
