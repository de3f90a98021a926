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
 * article again): only paragraphs wholly on the page are loosened (a paragraph split over two pages keeps its
 * break), each by the least letter spacing that sets it one line longer, and a page's change is kept only when its
 * columns come out fuller and nothing goes below the foot. What it does depends on an article's own pages only, so the
 * whole pagination and the runs of a parallel build (and --watch's) fill the same columns alike.
 *
 * Each loosened paragraph carries `data-adjust="loosen"`, counted by the typography check with the line adjustments.
 */
import { adjustReport } from '../adjust/report.js';
import { withBenchHost } from '../core/bench.js';
import { linesOf, lowestBottom } from '../core/columnLines.js';
import { countShort, midArticlePages, shortLines } from '../core/shortColumns.js';
import { slack } from '../core/tolerances.js';
import { isWholeBodyText, linesToLoosen, loosenLastLines, onBench } from './loosen.js';

/** Most paragraphs loosened on one page: more lines short than this is a layout problem, not a loose grid. */
const mostLines = 3;

/**
 * Fills the short columns of every page of the given pages that an article goes on from (not its last page).
 * @returns the paragraphs loosened
 */
export function fillColumns(pages: HTMLElement[]): number {
  const started = performance.now();
  let loosened = 0;
  // A trial of the mending fills its pages too: its time is the mending's, what it leaves short its own business.
  if (!filling.mending) stillShort.clear();
  withBenchHost(() => {
    for (const { page, body } of midArticlePages(pages)) {
      const { filled, short } = fillPage(page, body);
      loosened += filled;
      if (short && !filling.mending) stillShort.add(body.closest('article[data-article]')?.getAttribute('data-article') ?? '');
    }
  });
  if (!filling.mending) countTime(started);
  return loosened;
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
 * Loosens as many paragraphs of the page as its columns are lines short, the cheapest first; keeps them when the
 * columns come out fuller and no text goes below the foot, else takes them back. The paragraphs loosened, and
 * whether a column is still short.
 */
function fillPage(page: HTMLElement, body: HTMLElement): { filled: number; short: boolean } {
  const count = countShort(page, body);
  if (!count) return { filled: 0, short: false };
  const { foot, pitch, geometry, short } = count;
  const before = short?.reduce((sum, lines) => sum + lines, 0);
  if (!short || !before) return { filled: 0, short: false };
  if (before > mostLines) return { filled: 0, short: true };
  // A line more in a column after the last short one would go overleaf: the paragraphs loosened start above.
  const lastShort = short.findLastIndex((lines) => lines > 0);
  const choices = Array.from(body.querySelectorAll('p'))
    .filter((paragraph) => isWholeBodyText(paragraph as HTMLElement))
    .filter((paragraph) => (linesOf(paragraph, geometry)[0]?.column ?? Infinity) <= lastShort)
    .flatMap((paragraph) => {
      const lines = onBench(paragraph as HTMLElement, body, geometry, linesToLoosen);
      return lines === undefined ? [] : [{ paragraph: paragraph as HTMLElement, lines }];
    })
    .sort((a, b) => a.lines - b.lines)
    .slice(0, before);
  if (choices.length < before) return { filled: 0, short: true };
  const loosened = choices.map(({ paragraph, lines }) => loosenLastLines(paragraph, lines, geometry));
  const after = shortLines(body, geometry, foot, pitch)?.reduce((sum, lines) => sum + lines, 0);
  if (after !== undefined && after < before && lowestBottom(body) <= foot + slack) return { filled: choices.length, short: after > 0 };
  for (const undo of loosened) undo();
  return { filled: 0, short: true };
}
