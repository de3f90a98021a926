/**
 * 缩行 (and 拉行 on the page before): an article with a short column still after the filling paginated again, one change
 * at a time; then 加行 (spaceLines.ts) for a page still short.
 */
import { tightenParagraph } from '../adjust/adjustLines.js';
import { withBenchHost } from '../core/bench.js';
import { linesOf } from '../core/columnLines.js';
import { columnIndexAt, columnsOf, type Columns } from '../core/columns.js';
import { linesShortIn, shortColumns, type ShortPage } from '../core/shortColumns.js';
import { pagesHolding } from '../paginate/pages.js';
import type { Trial } from '../paginate/trialGoals.js';
import { countTime, filling, spaceColumns, stillShort } from './fillColumns.js';
import { isWholeBodyText, loosenParagraph, onBench, takeContentOf } from './loosen.js';

/**
 * Most times an article is paginated again to mend its short columns (each is a Paged.js run of the article, ~0.2 s
 * for one of 2024-4's): on 2024-4 every kept trial was an article's first.
 */
const mendTrials = 2;

/**
 * 缩行: an article whose pages still have a short column after fillColumns gets a paragraph of its first such
 * page set one line shorter (tightenParagraph: the line adjustment's mark narrowing, counted as `tighten`) and
 * is paginated again on its own (`paginateAlone`, the runtime's): the line taken lets the page hold what was pushed
 * overleaf. The new pages replace the old when the article keeps its page count (nothing after it moves) and is
 * fewer lines short in all; otherwise the trial is dropped. Trials are counted, not timed, so that every pagination
 * (whole, runs, --watch) mends alike.
 *
 * A trial paginates a copy of the article as it was before Paged.js (`pristine`): Paged.js's handlers change what
 * they paginate (paginate/placeWideFigures.ts takes wide figures out of the flow). A paragraph on a page is found in it by its
 * place among the article's paragraphs, read from the article as paginated (`laidOut`, whose elements carry the
 * data-ref of their fragments on the pages). `paginateAlone` lays the copy out and judges it against the goal
 * (meetsMendGoal) where it lays it out: in the trial frame (paginate/trialFrame.ts).
 * @param container the `.pagedjs_pages` holding the run's pages
 */
export async function mendColumns(
  container: HTMLElement,
  articles: Array<{ laidOut: HTMLElement; pristine: HTMLElement }>,
  paginateAlone: (article: HTMLElement, onRight: boolean, goal: MendGoal) => Promise<Trial>,
) {
  const pagesIn = () => Array.from(container.querySelectorAll(':scope > .pagedjs_page')) as HTMLElement[];
  const started = performance.now();
  filling.mending = true;
  try {
    await withBenchHost(async () => {
      for (const article of articles) if (stillShort.has(article.laidOut.dataset.article ?? '')) await mendArticle(article);
    });
  } finally {
    filling.mending = false;
    countTime(started);
  }

  /**
   * The paragraphs to try for the first short page of an article, found as they are reached (a trial that works
   * ends the search): set a line shorter on the page, then a line longer on the page before.
   * @param pages the article's
   */
  function* candidatesFor(short: ShortPage, pages: HTMLElement[]): Generator<Candidate> {
    for (const ref of tighteningCandidates(short)) yield { ref, change: (paragraph) => changeCopy(paragraph, short.geometry, tightenParagraph) };
    yield* looseningCandidates(pages[pages.indexOf(short.page) - 1]);
  }

  async function mendArticle({ laidOut, pristine }: { laidOut: HTMLElement; pristine: HTMLElement }) {
    const id = laidOut.dataset.article ?? '';
    let current = { laidOut, pristine };
    let trials = mendTrials;
    for (let mended = true; mended && trials > 0; ) {
      mended = false;
      const pages = pagesHolding(pagesIn(), id);
      const short = shortColumns(pages);
      if (short.length === 0) break;
      const goal: MendGoal = { kind: 'mend', id, pageCount: pages.length, linesShort: linesShortIn(pages) };
      // Paged.js numbers pages from 0, the first a right page.
      const onRight = pagesIn().indexOf(pages[0]) % 2 === 0;
      const paragraphs = paragraphsOf(current.laidOut);
      // A copy is used up by a change only: a candidate that cannot be changed leaves it as it was.
      let copy = current.pristine.cloneNode(true) as HTMLElement;
      for (const { ref, change } of candidatesFor(short[0], pages)) {
        if (trials <= 0) break;
        const place = paragraphs.findIndex((paragraph) => paragraph.dataset.ref === ref);
        if (place < 0 || !change(paragraphsOf(copy)[place])) continue;
        trials--;
        const pristine = copy.cloneNode(true) as HTMLElement;
        const trial = await paginateAlone(copy, onRight, goal);
        if (!trial.kept) {
          copy = current.pristine.cloneNode(true) as HTMLElement;
          continue;
        }
        pages[0].before(...pagesHolding(trial.pages, id));
        for (const page of pages) page.remove();
        current = { laidOut: trial.laidOut, pristine };
        mended = true;
        break;
      }
    }
    spaceColumns(pagesHolding(pagesIn(), id));
  }
}

/** What a trial of 缩行 must reach to be kept: the article's page count kept, fewer lines short in all. */
export interface MendGoal {
  kind: 'mend';
  id: string;
  pageCount: number;
  linesShort: number;
}

/** Whether a trial's pages meet the goal. */
export function meetsMendGoal(pages: HTMLElement[], { id, pageCount, linesShort }: MendGoal) {
  const laidOut = pagesHolding(pages, id);
  return laidOut.length === pageCount && linesShortIn(laidOut) < linesShort;
}

/**
 * An article's body paragraphs in document order, the same before Paged.js and after its handlers' filters (a figure
 * holds none).
 */
function paragraphsOf(article: Element): HTMLElement[] {
  return Array.from(article.querySelectorAll('.article-body p')).filter((paragraph) => !paragraph.closest('figure')) as HTMLElement[];
}

/**
 * 拉行 on the page before a short one, for a trial that paginates the article again: the paragraphs ending on it,
 * the cheapest to set a line longer first. A line more there pushes a line onto the short page, whose own filling
 * then has one line less to find. None when the page before is not the article's.
 */
function looseningCandidates(page: HTMLElement | undefined): Candidate[] {
  const body = page?.querySelector('article[data-article] .article-body');
  if (!(body instanceof HTMLElement)) return [];
  const geometry = columnsOf(body);
  return (Array.from(body.querySelectorAll('p[data-ref]')) as HTMLElement[])
    .filter(isWholeBodyText)
    .flatMap((paragraph) => {
      const lines = onBench(paragraph, body, geometry, loosenParagraph);
      return lines === undefined ? [] : [{ ref: paragraph.dataset.ref ?? '', lines }];
    })
    .sort((a, b) => a.lines - b.lines)
    .map(({ ref }) => ({ ref, change: (paragraph) => changeCopy(paragraph, geometry, loosens) }));
}

/**
 * Changes a paragraph of an article not yet paginated (a trial's copy) as `change` changes a copy of it on a bench
 * at the width of its columns (see onBench): whether it did. 缩行's change is the line adjustment's tightening
 * (adjust/adjustLines.ts tightenParagraph: its marks narrowed).
 */
function changeCopy(paragraph: HTMLElement, geometry: Columns, change: (paragraph: HTMLElement, geometry: Columns) => boolean) {
  return onBench(paragraph, paragraph.closest('.article-body') as HTMLElement, geometry, (bench, benchGeometry) => {
    if (!change(bench, benchGeometry)) return false;
    takeContentOf(paragraph, bench);
    return true;
  });
}

/** 拉行 of a paragraph set alone (a trial's copy, on a bench): whether it could be set a line longer. */
function loosens(paragraph: HTMLElement, geometry: Columns) {
  return loosenParagraph(paragraph, geometry) !== undefined;
}

/**
 * The paragraphs of a page to try setting a line shorter, by Paged.js reference: the body's justified paragraphs
 * starting above the hole (in its column or one before it: a line taken after it moves nothing into it), the longest
 * first (more marks to narrow; trying one costs a measurement off the page, only one that could be set shorter costs
 * a pagination).
 */
function tighteningCandidates(short: ShortPage): string[] {
  const { body, geometry, lastShort } = short;
  if (!headingComesBack(short)) return [];
  return Array.from(body.querySelectorAll('p[data-ref]'))
    .filter((paragraph) => getComputedStyle(paragraph).textAlign === 'justify')
    .filter((paragraph) => (linesOf(paragraph, geometry)[0]?.column ?? Infinity) <= lastShort)
    .sort((a, b) => (b.textContent?.length ?? 0) - (a.textContent?.length ?? 0))
    .map((paragraph) => paragraph.getAttribute('data-ref') ?? '');
}

/**
 * Whether a line taken above a page's hole could bring back what starts the column after it: not when that is a
 * heading whose block (its box and the lines of the next paragraph Chromium keeps with it, `orphans`) needs more
 * lines than the hole and the line taken give. The trial would only leave the hole a line deeper: on 2024-4 the
 * 笑气 report's opening page, a column one line short before 一、基本情况, which needs four, two trials dropped of five.
 * A hole before the page's end (the last column's) is the next page's business and says yes.
 */
function headingComesBack({ body, geometry, lastShort, lines }: ShortPage): boolean {
  const next = lastShort + 1;
  if (next >= geometry.count) return true;
  const first = Array.from(body.children).find((child) =>
    Array.from(child.getClientRects()).some((box) => box.height > 0 && columnIndexAt(geometry, box.left) === next),
  );
  if (!(first instanceof HTMLElement) || !/^H[1-6]$/.test(first.tagName)) return true;
  const paragraph = first.nextElementSibling;
  const pitch = parseFloat(getComputedStyle(first).lineHeight);
  const style = getComputedStyle(first);
  const height = first.getBoundingClientRect().height + parseFloat(style.marginTop) + parseFloat(style.marginBottom);
  const kept = paragraph ? Number.parseInt(getComputedStyle(paragraph).orphans, 10) || 0 : 0;
  return lines + 1 >= Math.round(height / pitch) + kept;
}

/** A paragraph, by Paged.js reference, and what sets it a line longer or shorter in a copy of its article (whether it could). */
type Candidate = { ref: string; change: (paragraph: HTMLElement) => boolean };
