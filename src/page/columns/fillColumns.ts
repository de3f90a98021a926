/**
 * 拉行: columns filled to the foot (issue 13 item 5). A hand-set page is a full grid: on a page in the middle of an
 * article both columns end on the last grid line. Paged.js leaves a column one or two lines short where the widow and
 * orphan rules or a heading kept with its text push lines overleaf (and Chromium balances what is left over the
 * columns). A typesetter sets a paragraph of that page one line longer — loosened a little, within limits — once per
 * missing line, like TeX's `\looseness=1`: the page then holds the same text, to the foot, and nothing overleaf moves.
 *
 * Part of the document's page script, with the line adjustment: the pagination runtime calls `fillColumns(pages)` on
 * the pages of each Paged.js run, before they are printed or stitched. This filling happens on the laid-out pages and
 * paginates nothing (a column still short after it is mended by 缩行, columns/mendColumns.ts, which paginates the
 * article again, then given a line of space by 加行, spaceColumns): only paragraphs wholly on the page are loosened (a paragraph split over two pages keeps its
 * break), each by the least letter spacing that sets it one line longer, and a page's change is kept only when its
 * columns come out fuller and nothing goes below the foot. What it does depends on an article's own pages only, so the
 * whole pagination and the runs of a parallel build (and --watch's) fill the same columns alike.
 *
 * Each loosened paragraph carries `data-adjust="loosen"` (a line of space `data-adjust="space"`), counted by the
 * typography check with the line adjustments.
 */
import { adjustReport } from '../adjust/report.js';
import { withBenchHost } from '../core/bench.js';
import { linesOf, lowestBottom } from '../core/columnLines.js';
import type { Columns } from '../core/columns.js';
import { countShort, midArticlePages, shortLines } from '../core/shortColumns.js';
import { slack } from '../core/tolerances.js';
import { isWholeBodyText, loosenParagraph, onBench, takeContentOf } from './loosen.js';
import { spaceLineChanges } from './spaceLines.js';

/** Most paragraphs loosened on one page: more lines short than this is a layout problem, not a loose grid. */
const mostLines = 3;

/** Fills the short columns of every page of the given pages that an article goes on from (not its last). */
export function fillColumns(pages: HTMLElement[]) {
  const started = performance.now();
  // A trial of the mending fills its pages too: its time is the mending's, what it leaves short its own business.
  if (!filling.mending) stillShort.clear();
  withBenchHost(() => {
    for (const { page, body } of midArticlePages(pages)) {
      if (fillPage(page, body) && !filling.mending) stillShort.add(body.closest('article[data-article]')?.getAttribute('data-article') ?? '');
    }
  });
  if (!filling.mending) countTime(started);
}

/** The articles whose pages the last filling (not a trial's) left with a short column: the ones to mend. */
export const stillShort = new Set();

/** Whether mendColumns is running (its trials' filling is counted in its own time). */
export const filling = { mending: false };

/** Adds the time since `started` to the column filling's (check.json's adjustments.columnSeconds). */
export function countTime(started: number) {
  adjustReport().columnSeconds += (performance.now() - started) / 1000;
}

/**
 * Fills a page's short columns by loosening as many of its paragraphs as its columns are lines short, the cheapest
 * first. Whether a column is still short.
 */
function fillPage(page: HTMLElement, body: HTMLElement): boolean {
  return fillPageWith(page, body, ({ geometry, lastShort, before }) => [() => loosenParagraphs(body, geometry, lastShort, before)]);
}

/**
 * 加行, the last resort for an article's pages still short after 缩行 (mendColumns.ts calls it): each given a line of
 * space where a typesetter puts one (spaceLines.ts), the first way that fills it.
 */
export function spaceColumns(pages: HTMLElement[]) {
  for (const { page, body } of midArticlePages(pages))
    fillPageWith(page, body, ({ geometry, lastShort, pitch }) => spaceLineChanges(body, geometry, lastShort, pitch));
}

/**
 * Fills a page's short columns with the first of `changes` that makes them fuller with no text below the foot (the
 * others taken back as they fail): each makes its change and returns what takes it back, or undefined. Whether a
 * column is still short.
 */
function fillPageWith(page: HTMLElement, body: HTMLElement, changes: (short: ShortFound) => Iterable<() => (() => void) | undefined>): boolean {
  const count = countShort(page, body);
  const before = count?.short?.reduce((sum, lines) => sum + lines, 0);
  if (!count?.short || !before) return false;
  if (before > mostLines) return true;
  const { foot, pitch, geometry, short } = count;
  // A line more in a column after the last short one would go overleaf: what fills them starts above.
  const lastShort = short.findLastIndex((lines) => lines > 0);
  for (const change of changes({ geometry, lastShort, before, pitch })) {
    const undo = change();
    if (!undo) continue;
    const after = shortLines(body, geometry, foot, pitch)?.reduce((sum, lines) => sum + lines, 0);
    if (after !== undefined && after < before && lowestBottom(body) <= foot + slack) return after > 0;
    undo();
  }
  return true;
}

/** A page's short columns as fillPageWith found them: the last short one, the lines short in all, the pitch. */
type ShortFound = { geometry: Columns; lastShort: number; before: number; pitch: number };

/**
 * Loosens `count` paragraphs of the page that start in a short column or before one, the cheapest first (each set a
 * line longer on a bench, see loosenParagraph): what takes them back, undefined when there are not so many.
 */
function loosenParagraphs(body: HTMLElement, geometry: Columns, lastShort: number, count: number) {
  const choices = Array.from(body.querySelectorAll('p'))
    .filter((paragraph) => isWholeBodyText(paragraph as HTMLElement))
    .filter((paragraph) => (linesOf(paragraph, geometry)[0]?.column ?? Infinity) <= lastShort)
    .flatMap((paragraph) => {
      const loosened = onBench(paragraph as HTMLElement, body, geometry, (copy, benchGeometry) => {
        const lines = loosenParagraph(copy, benchGeometry);
        return lines === undefined ? undefined : { lines, copy };
      });
      return loosened === undefined ? [] : [{ paragraph: paragraph as HTMLElement, ...loosened }];
    })
    .sort((a, b) => a.lines - b.lines)
    .slice(0, count);
  if (choices.length < count) return undefined;
  const undos = choices.map(({ paragraph, copy }) => takeContentOf(paragraph, copy));
  return () => {
    for (const undo of undos) undo();
  };
}
