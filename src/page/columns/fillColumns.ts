/**
 * 拉行: columns filled to the foot (issue 13 item 5). A hand-set page is a full grid: on a page in the middle of an
 * article both columns end on the last grid line. Paged.js leaves a column one or two lines short where the widow and
 * orphan rules or a heading kept with its text push lines overleaf (and Chromium balances what is left over the
 * columns). A typesetter sets a paragraph of that page one line longer — loosened a little, within limits — once per
 * missing line, like TeX's `\looseness=1`: the page then holds the same text, to the foot, and nothing overleaf moves.
 *
 * A plain browser script, loaded after adjustLines.js; the pagination runtime calls `paibanFillColumns(pages)` on
 * the pages of each Paged.js run, before they are printed or stitched. Everything happens on the laid-out pages, so no
 * page is paginated again: only paragraphs wholly on the page are loosened (a paragraph split over two pages keeps its
 * break), each by the least letter spacing that sets it one line longer, and a page's change is kept only when its
 * columns come out fuller and nothing goes below the foot. What it does depends on an article's own pages only, so the
 * whole pagination and the runs of a parallel build (and --watch's) fill the same columns alike.
 *
 * Each loosened paragraph carries `data-adjust="loosen"`, counted by the typography check with the line adjustments.
 */
import { createBenchHost, shellsAround } from '../core/bench.js';
import { lineBoxBottom, linesBelow } from '../core/grid.js';
import { createMeasurer } from '../core/measurer.js';
import { findSegments } from '../core/segments.js';
import { slack } from '../core/tolerances.js';
import { adjustReport, tightenParagraph as tightenMarks } from '../adjust/adjustLines.js';
/** Letter spacing of a loosened line, in em: enough to move one character of a full line on, within its 1 em. */
const spacing = 0.02;
/**
 * A line of a loosened paragraph may fall this far (em) short of the measure when set flush left, its letter spacing
 * counted as width: the typography check, which counts letter spacing as spread, then finds about 1.5 em, under its
 * 1.6-em loose line. A loosened line holding a character fewer than its grid falls 0.6 em short; one that had to move
 * a character with its mark (避头尾) 1.6 em: a paragraph loosened so is refused.
 */
const allowedStretchEm = 1.1;
/** A new last line shorter than this (in em) would be a 孤字 line (one character and its mark). */
const shortestLastLineEm = 3;
/** Most paragraphs loosened on one page: more lines short than this is a layout problem, not a loose grid. */
const mostLines = 3;
/**
 * Most times an article is paginated again to mend its short columns (each is a Paged.js run of the article, ~0.2 s
 * for one of 2024-4's): on 2024-4 every kept trial was an article's first.
 */
const mendTrials = 2;

/**
 * Fills the short columns of every page of the given pages that an article goes on from (not its last page).
 *  @returns the paragraphs loosened
 */
function paibanFillColumns(pages: HTMLElement[]): number {
  const started = performance.now();
  let loosened = 0;
  // A trial of the mending fills its pages too: its time is the mending's, what it leaves short its own business.
  if (!mending) stillShort.clear();
  for (const { page, body } of midArticlePages(pages)) {
    const { filled, short } = fillPage(page, body);
    loosened += filled;
    if (short && !mending) stillShort.add(body.closest('article[data-article]')?.getAttribute('data-article') ?? '');
  }
  if (!mending) countTime(started);
  return loosened;
}

/** The articles whose pages the last filling (not a trial's) left with a short column: the ones to mend. */
const stillShort = new Set();

/** Whether paibanMendColumns is running (its trials' filling is counted in its own time). */
let mending = false;

/** Adds the time since `started` to the column filling's (check.json's adjustments.columnSeconds). */
function countTime(started: number) {
  const report = adjustReport();
  if (report) report.columnSeconds += (performance.now() - started) / 1000;
}

/**
 * 缩行: an article whose pages still have a short column after paibanFillColumns gets a paragraph of its first such
 * page set one line shorter (paibanTightenParagraph: the line adjustment's mark narrowing, counted as `tighten`) and
 * is paginated again on its own (`paginateAlone`, the runtime's): the line taken lets the page hold what was pushed
 * overleaf. The new pages replace the old when the article keeps its page count (nothing after it moves) and is
 * fewer lines short in all; otherwise the trial is dropped. Trials are counted, not timed, so that every pagination
 * (whole, runs, --watch) mends alike.
 *
 * A trial paginates a copy of the article as it was before Paged.js (`pristine`): Paged.js's handlers change what
 * they paginate (placeWideFigures.js takes wide figures out of the flow). A paragraph on a page is found in it by its
 * place among the article's paragraphs, read from the article as paginated (`laidOut`, whose elements carry the
 * data-ref of their fragments on the pages).
 * @param container the `.pagedjs_pages` holding the run's pages
 *
 */
async function paibanMendColumns(
  container: HTMLElement,
  articles: Array<{ laidOut: HTMLElement; pristine: HTMLElement }>,
  paginateAlone: (article: HTMLElement, onRight: boolean, judge: (pages: HTMLElement[]) => boolean) => Promise<{ pages: HTMLElement[]; kept: boolean }>,
) {
  const pagesIn = () => Array.from(container.querySelectorAll(':scope > .pagedjs_page')) as HTMLElement[];
  const pagesOf = (id: string, pages: HTMLElement[]) => pages.filter((page) => page.querySelector(`article[data-article="${CSS.escape(id)}"]`));
  const linesShort = (pages: HTMLElement[]) => paibanShortColumns(pages).reduce((sum, each) => sum + each.lines, 0);
  const started = performance.now();
  mending = true;
  try {
    for (const article of articles) if (stillShort.has(article.laidOut.dataset.article ?? '')) await mendArticle(article);
  } finally {
    mending = false;
    countTime(started);
  }

  /**
   * The paragraphs to try for the first short page of an article, found as they are reached (a trial that works
   * ends the search): set a line shorter on the page, then a line longer on the page before.
   *  @param pages the article's
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
      const pages = pagesOf(id, pagesIn());
      const short = paibanShortColumns(pages);
      if (short.length === 0) break;
      const before = linesShort(pages);
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
        const next = { laidOut: copy, pristine: copy.cloneNode(true) as HTMLElement };
        const trial = await paginateAlone(copy, onRight, (fresh) => {
          const laidOutPages = pagesOf(id, fresh);
          return laidOutPages.length === pages.length && linesShort(laidOutPages) < before;
        });
        if (!trial.kept) {
          copy = current.pristine.cloneNode(true) as HTMLElement;
          continue;
        }
        pages[0].before(...pagesOf(id, trial.pages));
        for (const page of pages) page.remove();
        current = next;
        mended = true;
        break;
      }
    }
  }
}

/**
 * An article's body paragraphs in document order, the same before Paged.js and after its handlers' filters (a figure
 * holds none).
 */
function paragraphsOf(article: Element): HTMLElement[] {
  return Array.from(article.querySelectorAll('.article-body p')).filter((paragraph) => !paragraph.closest('figure')) as HTMLElement[];
}

/**
 * reference, and what sets it a line longer or shorter in a copy of its article (whether it could)
 */

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
      const lines = onBench(paragraph, body, geometry, linesToLoosen);
      return lines === undefined ? [] : [{ ref: paragraph.dataset.ref ?? '', lines }];
    })
    .sort((a, b) => a.lines - b.lines)
    .map(({ ref }) => ({ ref, change: (paragraph) => changeCopy(paragraph, geometry, loosenParagraph) }));
}

/**
 * Changes a paragraph of an article not yet paginated (a trial's copy) as `change` changes a copy of it on a bench
 * at the width of its columns (see onBench): whether it did.
 *
 */
function changeCopy(paragraph: HTMLElement, geometry: ColumnGeometry, change: (paragraph: HTMLElement, geometry: ColumnGeometry) => boolean) {
  return onBench(paragraph, paragraph.closest('.article-body') as HTMLElement, geometry, (bench, benchGeometry) => {
    if (!change(bench, benchGeometry)) return false;
    paragraph.replaceChildren(...Array.from(bench.childNodes));
    const style = bench.getAttribute('style');
    if (style) paragraph.setAttribute('style', style);
    return true;
  });
}

/**
 * 拉行 of a paragraph set alone (a trial's copy, on a bench): its last lines loosened so that it ends a line later.
 */
function loosenParagraph(paragraph: HTMLElement, geometry: ColumnGeometry) {
  const count = linesToLoosen(paragraph, geometry);
  if (count !== undefined) loosenLastLines(paragraph, count, geometry);
  return count !== undefined;
}

/**
 * 缩行 of a paragraph set alone (a trial's copy, on a bench): adjustLines.js's tightening, its marks narrowed.
 */
function tightenParagraph(paragraph: HTMLElement) {
  return tightenMarks(paragraph);
}

/**
 * The paragraphs of a page to try setting a line shorter, by Paged.js reference: the body's justified paragraphs
 * starting above the hole (in its column or one before it: a line taken after it moves nothing into it), the longest
 * first (more marks to narrow; trying one costs a measurement off the page, only one that could be set shorter costs
 * a pagination).
 */
function tighteningCandidates({ body, geometry, lastShort }: ShortPage): string[] {
  return Array.from(body.querySelectorAll('p[data-ref]'))
    .filter((paragraph) => getComputedStyle(paragraph).textAlign === 'justify')
    .filter((paragraph) => (linesOf(paragraph, geometry)[0]?.column ?? Infinity) <= lastShort)
    .sort((a, b) => (b.textContent?.length ?? 0) - (a.textContent?.length ?? 0))
    .map((paragraph) => paragraph.getAttribute('data-ref') ?? '');
}

/**
 *   lines: how many lines short in all; lastShort: the last column short
 */

/**
 * The pages of the given pages with a column short in the middle of an article, and how many lines short (summed
 * over the columns).
 */
function paibanShortColumns(pages: HTMLElement[]): ShortPage[] {
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
function midArticlePages(pages: HTMLElement[]): Array<{ page: HTMLElement; body: HTMLElement }> {
  return pages.flatMap((page, index) => {
    const body = page.querySelector('article[data-article] .article-body');
    const article = body?.closest('article[data-article]');
    const next = pages[index + 1]?.querySelector('article[data-article]');
    const goesOn = body instanceof HTMLElement && article && next?.getAttribute('data-article') === article.getAttribute('data-article');
    return goesOn ? [{ page, body: body as HTMLElement }] : [];
  });
}

/**
 * Loosens as many paragraphs of the page as its columns are lines short, the cheapest first; keeps them when the
 * columns come out fuller and no text goes below the foot, else takes them back. The paragraphs loosened, and
 * whether a column is still short.
 */
function fillPage(page: HTMLElement, body: HTMLElement): { filled: number; short: boolean } {
  const content = page.querySelector('.pagedjs_page_content');
  const first = body.querySelector('p');
  if (!content || !first) return { filled: 0, short: false };
  const foot = content.getBoundingClientRect().bottom;
  const pitch = parseFloat(getComputedStyle(first).lineHeight);
  const geometry = columnsOf(body);
  const short = shortLines(body, geometry, foot, pitch);
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

/**
 * Runs `trial` on a copy of the paragraph set alone at its column's width, off the page: a trial on the page would
 * balance the page's columns again at every measurement. Its ancestors up to the article are shallow copies (their
 * classes and styles), the body's columns taken out, and it is set flush left, so that a line's natural width shows
 * (the breaks do not depend on the alignment), as the line adjustment measures it.
 *
 *
 */
function onBench<T>(paragraph: HTMLElement, body: HTMLElement, geometry: ColumnGeometry, trial: (paragraph: HTMLElement, geometry: ColumnGeometry) => T): T {
  const copy = paragraph.cloneNode(true) as HTMLElement;
  const bench = shellsAround(paragraph, body.closest('article') as Element, copy, (ancestor, shell) => {
    if (ancestor === body) shell.style.cssText += `; columns: auto; width: ${geometry.pitch - geometry.gap}px; text-align: start;`;
  });
  const host = createBenchHost();
  host.append(bench);
  try {
    const box = copy.getBoundingClientRect();
    return trial(copy, { left: box.left, pitch: box.width + geometry.gap, gap: geometry.gap, count: 1 });
  } finally {
    host.remove();
  }
}

/**
 * Body text that ends on the page (the part of a paragraph Paged.js split to the next page has its break fixed:
 * loosening it would leave its last line spread; the part continued from the page before ends here and may be): a
 * justified paragraph, not a heading, caption or container.
 */
function isWholeBodyText(paragraph: HTMLElement) {
  if (paragraph.hasAttribute('data-split-to')) return false;
  if (paragraph.closest('figure, table, blockquote, li, .footnotes') || paragraph.querySelector('img, br')) return false;
  const style = getComputedStyle(paragraph);
  return style.textAlign === 'justify' && !paragraph.querySelector('[data-adjust="loosen"], [data-adjust="tracking"]');
}

/**
 * Sets the paragraph's last lines but one (the `count` lines before its last) a little looser, so that each moves a
 * character on and the paragraph ends one line later: a span from the start of the first of them, marked
 * `data-adjust="loosen"`. Returns what takes it back.
 */
function loosenLastLines(paragraph: HTMLElement, count: number, geometry: ColumnGeometry): () => void {
  const lines = linesOf(paragraph, geometry);
  const from = lines[lines.length - 1 - count];
  const first = firstGlyphOf(paragraph, from, geometry);
  const range = document.createRange();
  if (first) range.setStart(first.node, first.offset);
  else range.setStart(paragraph, 0);
  range.setEnd(paragraph, paragraph.childNodes.length);
  const span = document.createElement('span');
  span.dataset.adjust = 'loosen';
  span.style.letterSpacing = `${spacing}em`;
  span.append(range.extractContents());
  paragraph.append(span);
  // `text-wrap: pretty` would take a character back from the line before a short new last line and leave that
  // line spread by 2 em: the number of lines loosened decides the last line's length instead (linesToLoosen).
  paragraph.style.textWrap = 'wrap';
  return () => {
    span.replaceWith(...Array.from(span.childNodes));
    paragraph.normalize();
    paragraph.style.removeProperty('text-wrap');
    if (paragraph.getAttribute('style') === '') paragraph.removeAttribute('style');
  };
}

/**
 * The first glyph set on a line of the paragraph (its text measured as the typography check measures it).
 */
function firstGlyphOf(paragraph: HTMLElement, line: Band, geometry: ColumnGeometry) {
  const measurer = createMeasurer();
  const walker = document.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (const segment of findSegments(node as Text, measurer).segments) {
      const onLine = columnAt(segment.left, geometry) === line.column && segment.top < line.bottom - slack && line.top < segment.bottom - slack;
      if (onLine) return segment.glyphs[0];
    }
  }
  return undefined;
}

/**
 * How many lines before its last to loosen so that the paragraph ends exactly one line later, with a last line of two
 * characters or more and no line spread by more than allowed; undefined when no number of them does. The paragraph is
 * left as it was.
 */
function linesToLoosen(paragraph: HTMLElement, geometry: ColumnGeometry) {
  const em = parseFloat(getComputedStyle(paragraph).fontSize);
  const measure = geometry.pitch - geometry.gap;
  const lines = linesOf(paragraph, geometry);
  // Loosened lines may be spread as much as the paragraph's worst line already is, or the allowed stretch.
  const allowed = Math.max(allowedStretchEm * em, mostSpread(paragraph, geometry, measure));
  // Each loosened full line moves about one character on: the last line needs that many more to overflow.
  const fewest = Math.max(1, Math.ceil((measure - widthOf(lines[lines.length - 1])) / em) + 1);
  for (let count = fewest; count < lines.length; count++) {
    const undo = loosenLastLines(paragraph, count, geometry);
    try {
      const now = linesOf(paragraph, geometry);
      if (now.length > lines.length + 1) return undefined;
      // More lines loosened move more characters on (a longer last line) and change which lines end on a mark.
      if (now.length < lines.length + 1 || widthOf(now[now.length - 1]) < shortestLastLineEm * em - slack) continue;
      if (mostSpread(paragraph, geometry, measure) <= allowed + slack) return count;
    } finally {
      undo();
    }
  }
  return undefined;
}

/**
 * The most a line of the paragraph but its last falls short of the measure when set flush left: what justifying
 * spreads it by (its breaks do not depend on the alignment).
 */
function mostSpread(paragraph: HTMLElement, geometry: ColumnGeometry, measure: number) {
  paragraph.style.textAlign = 'start';
  try {
    return Math.max(
      0,
      ...linesOf(paragraph, geometry)
        .slice(0, -1)
        // From the line's end to the column's right edge: a first line's indent is not spread.
        .map((line) => geometry.left + line.column * geometry.pitch + measure - line.right),
    );
  } finally {
    paragraph.style.removeProperty('text-align');
    if (paragraph.getAttribute('style') === '') paragraph.removeAttribute('style');
  }
}

/**
 */

function columnsOf(body: HTMLElement): ColumnGeometry {
  const style = getComputedStyle(body);
  const count = style.columnCount === 'auto' ? 1 : Number(style.columnCount);
  const gap = style.columnGap === 'normal' ? parseFloat(style.fontSize) : parseFloat(style.columnGap);
  const box = body.getBoundingClientRect();
  return { left: box.left, pitch: (box.width + gap) / count, gap, count };
}

const widthOf = (band: Band) => band.right - band.left;

const columnAt = (left: number, geometry: ColumnGeometry) =>
  Math.min(geometry.count - 1, Math.max(0, Math.floor((left - geometry.left + slack) / geometry.pitch)));

/**
 * The line boxes of an element's text, column by column, top to bottom (its text rects grouped by column and band).
 */
function linesOf(element: Element, geometry: ColumnGeometry): Band[] {
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

/**
 * Whole lines that would still fit below each column's last; undefined when the page's
 * lowest content spans the columns (a table or wide figure ends the columns above it, balanced) — as the typography
 * check's short-column rule counts them.
 */
function shortLines(body: HTMLElement, geometry: ColumnGeometry, foot: number, pitch: number) {
  const bottoms = Array.from({ length: geometry.count }, () => -Infinity);
  for (const band of linesOf(body, geometry)) bottoms[band.column] = Math.max(bottoms[band.column], lineBoxBottom(band.top, band.bottom, pitch));
  let spanning = -Infinity;
  for (const element of Array.from(body.querySelectorAll('figure, img, table'))) {
    const box = element.getBoundingClientRect();
    if (getComputedStyle(element).columnSpan === 'all' || box.width > geometry.pitch) spanning = Math.max(spanning, box.bottom);
    else bottoms[columnAt(box.left, geometry)] = Math.max(bottoms[columnAt(box.left, geometry)], box.bottom);
  }
  if (spanning > Math.max(...bottoms) || bottoms.some((bottom) => bottom === -Infinity)) return undefined;
  return bottoms.map((bottom) => Math.max(0, linesBelow(bottom, foot, pitch)));
}

/** The bottom of the lowest text of the body. */
function lowestBottom(body: HTMLElement) {
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

export { paibanFillColumns as fillColumns, paibanMendColumns as mendColumns };

/** a paragraph, by Paged.js */
type Candidate = { ref: string; change: (paragraph: HTMLElement) => boolean };
type ShortPage = { page: HTMLElement; lines: number; body: HTMLElement; geometry: ColumnGeometry; lastShort: number };
/** pitch: a column's width and its gap */
type ColumnGeometry = { left: number; pitch: number; gap: number; count: number };
/** a line box of an element */
type Band = { column: number; top: number; bottom: number; left: number; right: number };
