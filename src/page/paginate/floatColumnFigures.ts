/**
 * Column figures that never leave a hole (issue 26 item 2). A column figure (a picture set at a column's width in
 * the article body, wrapped in whole lines by fitBlocksToGrid.ts) that does not fit what is left of its column
 * moves on whole — Chromium's columns keep it unbroken — and leaves the rest of the column empty. A typesetter floats
 * it instead: the text that follows fills the column to the foot and the picture takes the top of the next column
 * (or the next page), the picture set between two lines of a paragraph. Figures never change their order (the
 * pictures right after a floated one float with it; a run may come apart, text between its pictures) and only move
 * later in the text, so none goes before its reference's page.
 *
 * How: after a Paged.js run (the runtime's column mending, with the pages filled), an article's first hole before a
 * column figure is found on its pages (figureHoles.ts) — a column short of the foot (core/shortColumns.ts's count, the
 * one definition) whose next column, on the page or overleaf, begins with the figure. In a copy of the article as it
 * was before Paged.js, the paragraphs after the figure that fill that many lines go before it, the last of them split
 * at the first glyph of the line that would not fit (measured on a bench at the column's width by the measuring core):
 * its first part ends justified to the full measure, the second goes on after the figure without indent. The copy is
 * paginated again (`paginateAlone`, the runtime's, in the trial frame, trialFrame.ts) and its pages replace the
 * article's when the article is no longer and its pages up to the hole's come out better (`badness`: lines short and
 * lines of holes); otherwise the trial is dropped. When some of the lines moved did not fit after all (the widow and
 * orphan rules keep a part of two lines whole where one line was free) and went on above the figure, a second trial
 * moves only those that fit. One hole at a time, front to back: filling one moves every later page's text. If, all
 * told, the article's pages come out no better than they were, they come back.
 *
 * Why after the run and not inside Paged.js's layout: where a column ends is known only once Chromium has laid the
 * page out, and Paged.js lays out a page from its source in one pass (a handler cannot have it lay the page out
 * again with the text reordered, and changing the page after it cannot pull text back from overleaf: the hole would
 * only move to the foot of the page). Paginating the article again is what 缩行 (columns/mendColumns.ts) does too,
 * with the same judge; it costs a pagination of the article per hole, and nothing for an article without pictures.
 *
 * The two parts of a split paragraph keep its source line (data-line): the proof numbers their characters on from
 * one to the other, and the text check, which compares figures apart from the body text (pageText.ts), reads them as
 * one paragraph.
 */
import { linesOf } from '../core/columnLines.js';
import { columnIndexAt, columnsOf, type Columns } from '../core/columns.js';
import { countShort, linesShortIn, shortColumns } from '../core/shortColumns.js';
import { slack } from '../core/tolerances.js';
import { firstGlyphOf, onBench, takeContentOf } from '../columns/loosen.js';
import { filling, stillShort } from '../columns/fillColumns.js';
import { bodyOn, figureBlock, holesBeforeFigures } from './figureHoles.js';
import { pagesHolding } from './pages.js';
import type { Trial } from './trialGoals.js';

/**
 * Floats the column figures of each article that leave a hole, a trial pagination per hole (at most two per
 * figure), and returns the articles to mend as they now are (their laid-out and pristine copies). A float can make
 * an article shorter: when it is shorter by an odd number of pages, every later article starts on the other side,
 * and each is paginated again on its side (`paginateOnSide`, with its own floating and mending) before its turn, so
 * that an article's pages depend on its own content and first side only, in every pagination (whole, runs, --watch).
 * @param container the `.pagedjs_pages` holding the run's pages
 */
export async function floatColumnFigures(
  container: HTMLElement,
  articles: Article[],
  paginateAlone: (article: HTMLElement, onRight: boolean, goal: FloatGoal) => Promise<Trial>,
  paginateOnSide: (article: HTMLElement, onRight: boolean) => Promise<HTMLElement[]>,
): Promise<Article[]> {
  const pagesIn = () => Array.from(container.querySelectorAll(':scope > .pagedjs_page')) as HTMLElement[];
  // Paged.js numbers pages from 0, the first a right page.
  const startsOnRight = (pages: HTMLElement[]) => pagesIn().indexOf(pages[0]) % 2 === 0;
  // A trial's filling (fillColumns) is the mending's business: it leaves the list of articles to mend alone.
  const wasMending = filling.mending;
  filling.mending = true;
  const toMend = [];
  let sideChanged = false;
  try {
    for (const article of articles) {
      const id = article.laidOut.dataset.article ?? '';
      const pages = pagesHolding(pagesIn(), id);
      if (pages.length > 0 && pages[0].classList.contains('pagedjs_right_page') !== startsOnRight(pages)) {
        sideChanged = true;
        filling.mending = wasMending;
        const fresh = await paginateOnSide(article.pristine.cloneNode(true) as HTMLElement, startsOnRight(pages));
        filling.mending = true;
        pages[0].before(...pagesHolding(fresh, id));
        for (const page of pages) page.remove();
      } else {
        toMend.push(article.laidOut.querySelector(figureBlock) ? await floatArticle(article) : article);
      }
    }
  } finally {
    filling.mending = wasMending;
  }
  // The articles paginated again filled and mended their own columns, and the list of articles to mend with them.
  for (const id of sideChanged ? toMend.map(({ laidOut }) => laidOut.dataset.article ?? '') : []) {
    if (linesShortIn(pagesHolding(pagesIn(), id)) > 0) stillShort.add(id);
    else stillShort.delete(id);
  }
  return toMend;

  async function floatArticle(article: Article) {
    const id = article.laidOut.dataset.article ?? '';
    const original = pagesHolding(pagesIn(), id);
    const originalBadness = badness(original, original.length);
    let current = article;
    /** The figures tried already: a figure that could not be floated, or whose trial was dropped, is not tried again. */
    const tried = new Set<number>();
    for (;;) {
      const figures = Array.from(current.laidOut.querySelectorAll(figureBlock)) as HTMLElement[];
      const hole = holesBeforeFigures(pagesHolding(pagesIn(), id))
        .map((each) => ({ ...each, index: figures.findIndex((figure) => figure.dataset.ref === each.ref) }))
        .find((each) => each.index >= 0 && !tried.has(each.index));
      if (!hole) break;
      tried.add(hole.index);
      const floated = await tryFloat(current, hole.index, hole.lines, hole.page);
      if (!floated) continue;
      // Lines that did not fit the column went on above the figure (the widow and orphan rules keep a part of two lines
      // whole, or a page's columns balanced short): the lines that fit, from the same copy, end the column full.
      const { over, free, page } = placeOf(floated, hole.index);
      const fewer = hole.lines - over + free;
      current = (fewer > 0 && fewer < hole.lines && (await tryFloat(current, hole.index, fewer, page))) || floated;
    }
    // Each float is judged on the pages up to its hole, the later ones set again after it: the article's pages as
    // they were come back if, all told, they were no worse.
    const pages = pagesHolding(pagesIn(), id);
    if (current === article || badness(pages, pages.length) < originalBadness) return current;
    pages[0].before(...original);
    for (const page of pages) page.remove();
    return article;
  }

  /**
   * A trial of the article with `lines` lines of text moved before its column figure `index` (in a copy of `from`
   * before Paged.js), its pages put in place of the article's when it keeps as many pages or fewer and its pages up to
   * the hole's (`upto`, an index) come out better (badness): the article as it then is, or undefined. The later pages
   * are judged when their own holes are floated: a typesetter makes pages up front to back.
   */
  async function tryFloat(from: Article, index: number, lines: number, upto: number): Promise<Article | undefined> {
    const id = from.laidOut.dataset.article ?? '';
    const pages = pagesHolding(pagesIn(), id);
    const copy = from.pristine.cloneNode(true) as HTMLElement;
    const geometry = columnsOf(bodyOn(pages[0]) as HTMLElement);
    if (!fillHole(Array.from(copy.querySelectorAll(figureBlock))[index] as HTMLElement, lines, geometry)) return undefined;
    const pristine = copy.cloneNode(true) as HTMLElement;
    // Fewer pages is fine (an odd number fewer moves the later articles to the other side: see above); more not.
    const goal: FloatGoal = { kind: 'float', id, pageCount: pages.length, upto, badness: badness(pages, upto) };
    const trial = await paginateAlone(copy, startsOnRight(pages), goal);
    if (!trial.kept) return undefined;
    pages[0].before(...pagesHolding(trial.pages, id));
    for (const page of pages) page.remove();
    return { laidOut: trial.laidOut, pristine };
  }

  /**
   * Where the article's column figure `index` is set: the lines of body text above it in its column (on its page)
   * and the whole lines left empty before that column.
   */
  function placeOf(article: Article, index: number) {
    const ref = (Array.from(article.laidOut.querySelectorAll(figureBlock))[index] as HTMLElement | undefined)?.dataset.ref ?? '';
    const pages = pagesHolding(pagesIn(), article.laidOut.dataset.article ?? '');
    const page = pages.findIndex((each) => each.querySelector(`[data-ref="${CSS.escape(ref)}"]`));
    const figure = pages[page]?.querySelector(`[data-ref="${CSS.escape(ref)}"]`);
    const body = figure?.parentElement;
    if (!figure || !body) return { over: 0, free: 0, page };
    const geometry = columnsOf(body);
    const box = figure.getBoundingClientRect();
    const column = columnIndexAt(geometry, box.left);
    const above = Array.from(body.children).slice(0, Array.from(body.children).indexOf(figure));
    const over = above
      .filter((child) => child.tagName === 'P')
      .flatMap((paragraph) => linesOf(paragraph, geometry))
      .filter((band) => band.column === column && band.bottom <= box.top + slack).length;
    // The lines free in the column just before (the widow and orphan rules may leave those of the columns before it).
    const before = column > 0 ? pages[page] : pages[page - 1];
    const beforeBody = bodyOn(before);
    const short = before && beforeBody ? countShort(before, beforeBody)?.short : undefined;
    return { over, free: (column > 0 ? short?.[column - 1] : short?.at(-1)) ?? 0, page: column > 0 ? page : page - 1 };
  }
}

/**
 * What a float is judged by on an article's pages up to index `upto`: the lines short (core/shortColumns.ts) and the
 * lines of holes before figures again, a hole being worse than a line the widow and orphan rules leave (and a hole on
 * an article's last page, which is never short, still one).
 */
function badness(pages: HTMLElement[], upto: number) {
  const short = shortColumns(pages).filter((each) => pages.indexOf(each.page) <= upto);
  const holes = holesBeforeFigures(pages).filter((hole) => hole.page <= upto);
  return [...short, ...holes].reduce((sum, each) => sum + each.lines, 0);
}

/**
 * What a float's trial must reach to be kept: the article no longer (`pageCount` pages or fewer), its pages up to the
 * hole's (`upto`, an index) better than they were (`badness`).
 */
export interface FloatGoal {
  kind: 'float';
  id: string;
  pageCount: number;
  upto: number;
  badness: number;
}

/** Whether a float's trial pages meet the goal. */
export function meetsFloatGoal(pages: HTMLElement[], { id, pageCount, upto, badness: before }: FloatGoal) {
  const laidOut = pagesHolding(pages, id);
  return laidOut.length <= pageCount && badness(laidOut, upto) < before;
}

/** An article as paginated (its elements carry Paged.js's data-ref) and a copy of it as it was before Paged.js. */
type Article = { laidOut: HTMLElement; pristine: HTMLElement };

/**
 * Moves before the figure the body paragraphs after it that fill `lines` lines at the column's width, splitting the
 * last at a line; whether any moved. Column figures among them stay where they are, after the figure, so they float
 * with it in their order; anything else ends the text that may move (a heading stays with what it heads).
 */
function fillHole(figure: HTMLElement, lines: number, geometry: Columns): boolean {
  const body = figure.parentElement as HTMLElement;
  const moved: HTMLElement[] = [];
  let left = lines;
  for (let next = figure.nextElementSibling; next instanceof HTMLElement && left > 0; next = next.nextElementSibling) {
    if (next.matches(figureBlock)) continue;
    if (next.tagName !== 'P') break;
    const count = onBench(next, body, geometry, (bench, benchGeometry) => linesOf(bench, benchGeometry).length);
    if (count <= left) {
      moved.push(next);
      left -= count;
      continue;
    }
    const head = splitParagraph(next, left, body, geometry);
    if (head) moved.push(head);
    break;
  }
  figure.before(...moved);
  return moved.length > 0;
}

/**
 * Splits a paragraph before its line `lines` (from 0) as set alone at the column's width: a new paragraph holding the
 * lines before, justified to the full measure on its last line too, is put before it, and the paragraph goes on
 * without indent. Undefined (nothing changed) when the first part would not keep those lines exactly.
 */
function splitParagraph(paragraph: HTMLElement, lines: number, body: HTMLElement, geometry: Columns): HTMLElement | undefined {
  return onBench(paragraph, body, geometry, (bench, benchGeometry) => {
    const line = linesOf(bench, benchGeometry)[lines];
    const glyph = line && firstGlyphOf(bench, line, benchGeometry);
    if (!glyph) return undefined;
    const range = document.createRange();
    range.setStart(bench, 0);
    range.setEnd(glyph.node, glyph.offset);
    const head = bench.cloneNode(false) as HTMLElement;
    head.append(range.extractContents());
    // The breaks of the lines before: `text-wrap: pretty` would set the part's last lines again as a paragraph's end.
    head.style.textWrap = 'wrap';
    head.style.textAlignLast = 'justify';
    bench.before(head);
    bench.style.textIndent = '0';
    if (linesOf(head, benchGeometry).length !== lines) return undefined;
    paragraph.before(head);
    takeContentOf(paragraph, bench);
    return head;
  });
}
