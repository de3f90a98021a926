/**
 * The in-page side of pagination, in the document's own script (lib/page/paginate.js, after Paged.js's).
 *
 * `paginate()` waits for the fonts, runs Paged.js over the whole document, and returns what Node
 * needs to know about the layout. `repaginate(html)` then takes a new rendering of the same issue
 * and paginates again only the articles that changed (the --watch rebuild): every article starts on a new page,
 * so an article's pages depend on its own content and on the side (left or right) of its first page only.
 */
import { adjustLines as adjustArticles } from '../adjust/adjustLines.js';
import { adjustReport as reportOfAdjustment } from '../adjust/report.js';
import type { PagedLayout as Layout } from '../api.js';
import { fillColumns as fillPages } from '../columns/fillColumns.js';
import { mendColumns } from '../columns/mendColumns.js';
import { adjusting } from './adjusting.js';
import { fitBlocksToGrid } from './fitBlocksToGrid.js';
import { fitHeadsToGrid } from './fitHeadsToGrid.js';
import { floatColumnFigures } from './floatColumnFigures.js';
import { articlesOf, mainPages, pagesHolding, renumberPages } from './pages.js';
import { describeLayout, describeSource } from './pageText.js';
import { fontsLoaded, runPagedJs, undisplayedBody } from './runPagedJs.js';

undisplayedBody.dataset.pagedjsIgnore = '';

undisplayedBody.dataset.paibanUndisplayed = '';

undisplayedBody.textContent = 'body { display: none; }';

document.head.append(undisplayedBody);

/**
 * What the whole pagination leaves for --watch's later ones: each article's markup as it was paginated, the
 * document with the articles left out (a change there — contents, imprint, templates — needs the whole issue
 * paginated again), and the <style> element holding the rules Paged.js made while paginating (its sheet is
 * replaced whenever the preview writes the rules back into it, the element stays).
 */
export let state: { articles: Map<string, string>; frame: string; rules: HTMLStyleElement } | undefined;

/**
 * The document's markup as rendered, with every article emptied: equal frames lay out equal front pages.
 */
const frameOf = (source: Document) => {
  const copy = source.documentElement.cloneNode(true) as HTMLElement;
  for (const article of articlesOf(copy)) article.replaceChildren();
  copy.querySelector('style[data-paiban-undisplayed]')?.remove();
  return copy.outerHTML;
};

/**
 * What is set on articles before Paged.js lays them out: their heads and the other blocks of their bodies fitted to the
 * line grid (fitHeadsToGrid.ts, fitBlocksToGrid.ts), then
 * the line adjustment (adjustLines.ts, when typesetting.adjust is on). Both add space or elements, never text, so the
 * text compared after pagination is the same.
 */
export const adjustLines = (articles: Element[]) => {
  fitHeadsToGrid(articles);
  fitBlocksToGrid(articles);
  return adjusting && adjustArticles(articles);
};

/**
 * The columns of laid-out pages filled to the foot (fillColumns.ts, with the line adjustment): on the pages of every
 * Paged.js run, before they are checked, stitched or printed.
 */
const fillColumns = (pages: HTMLElement[]) => adjusting && fillPages(pages);

/**
 * Column figures floated where they left a hole (floatColumnFigures.ts, always), then 缩行 of the articles whose pages
 * still have a short column after fillColumns (fillColumns.ts, with it), each trial an article paginated again on its
 * own.
 * @param container the `.pagedjs_pages` holding the run's pages
 * @param laidOut the articles as Paged.js paginated them (their elements carry data-ref; its
 * handlers' filters changed them, e.g. wide figures taken out of the flow by placeWideFigures.ts)
 * @param pristine copies of the same articles taken before, for a trial to paginate again
 */
const mendShortColumns = async (container: HTMLElement, laidOut: HTMLElement[], pristine: HTMLElement[]) => {
  const paginateAlone = (article: HTMLElement, onRight: boolean, judge: (pages: HTMLElement[]) => boolean) => paginateArticles([article], onRight, judge);
  const articles = await floatColumnFigures(
    container,
    laidOut.map((article, index) => ({ laidOut: article, pristine: pristine[index] })),
    paginateAlone,
    async (article, onRight) => (await paginateArticles([article], onRight)).pages,
  );
  if (adjusting) await mendColumns(container, articles, paginateAlone);
};

/** Deep copies of articles, for mendShortColumns. */
const copiesOf = (articles: HTMLElement[]) => articles.map((article) => article.cloneNode(true) as HTMLElement);

/**
 * The text of every article before pagination, for the parallel build's check after stitching (stitch).
 */
export let sourceText: Array<{ id: string; file: string; text: string; figures: string[] }> = [];

/**
 * Paginates the whole document; with `only`, the other articles are emptied first (still one page each, holding
 * their ids for the contents' target-counters), to be replaced by runs paginated in other tabs (stitch).
 */
export async function paginate(only?: string[]): Promise<Layout> {
  await fontsLoaded;
  // Chromium draws a small placeholder for an image it cannot decode, silently: report it instead. (Remote
  // images were refused on purpose and are reported as such.)
  const brokenImages = Array.from(document.images)
    .filter((image) => image.src.startsWith(location.origin) && (!image.complete || image.naturalWidth === 0))
    .map((image) => image.getAttribute('src') ?? '');
  const frame = frameOf(document);
  const sources = articlesOf(document);
  const articles = new Map(sources.map((article) => [article.dataset.article ?? '', article.outerHTML]));
  const before = sources.map(describeSource);
  sourceText = before;
  if (only) for (const article of sources) if (!only.includes(article.dataset.article ?? '')) article.replaceChildren();
  adjustLines(sources);
  const pristine = copiesOf(sources);
  const { previewer, source } = await runPagedJs(undefined, undefined);
  state = { articles, frame, rules: previewer.polisher.styleEl };
  fillColumns(mainPages());
  await mendShortColumns(document.querySelector('body > .pagedjs_pages') as HTMLElement, articlesOf(source), pristine);
  renumberPages();
  return { ...describeLayout(before), brokenImages, paginatedArticles: [...articles.keys()] };
}

/**
 * Paginates again the articles of `html` whose markup changed in place of their old pages. When that changes an
 * article's page count by an odd number, every later article's first page changes side: those are paginated
 * again too, in one run. Undefined when more than articles changed (the caller paginates the whole issue).
 */
export async function repaginate(html: string): Promise<Layout | undefined> {
  if (!state) throw new Error('repaginate before paginate');
  const incoming = new DOMParser().parseFromString(html, 'text/html');
  if (frameOf(incoming) !== state.frame) return undefined;
  const articles = articlesOf(incoming);
  const pages = mainPages();
  const pagesOf = (article: HTMLElement) => pagesHolding(pages, article.dataset.article ?? '');
  if (articles.some((article) => pagesOf(article).length === 0)) return undefined;
  const paginatedArticles: string[] = [];
  let position = pages.indexOf(pagesOf(articles[0])[0]);
  for (let index = 0; index < articles.length; index++) {
    const old = pagesOf(articles[index]);
    // Paged.js numbers pages from 0, the first a right page: an even index is a right page.
    const onRight = position % 2 === 0;
    const sideChanged = old[0].classList.contains('pagedjs_right_page') !== onRight;
    if (!sideChanged && state.articles.get(articles[index].dataset.article ?? '') === articles[index].outerHTML) {
      position += old.length;
      continue;
    }
    // An unchanged article on the other side: so are all after it (their counts did not change).
    const run = sideChanged ? articles.slice(index) : [articles[index]];
    // Copies, adjusted here: the parsed articles' markup is what the next rebuild compares with.
    const copies = run.map((article) => document.importNode(article, true));
    adjustLines(copies);
    const fresh = (await paginateArticles(copies, onRight)).pages;
    for (const article of run) {
      const id = article.dataset.article ?? '';
      const replaced = pagesOf(article);
      const laidOut = pagesHolding(fresh, id);
      replaced[0].before(...laidOut);
      replaced.forEach((page) => page.remove());
      state.articles.set(id, article.outerHTML);
      paginatedArticles.push(id);
      position += laidOut.length;
    }
    index += run.length - 1;
  }
  renumberPages();
  return { ...describeLayout(articles.map(describeSource)), brokenImages: [], paginatedArticles };
}

/**
 * Articles (copies, adjusted by the caller) laid out by a Paged.js run of their own, off screen, the first on the
 * given side: a placeholder page before it when it starts on a left page. Their columns are filled (fillColumns) and
 * mended (mendShortColumns) as in every pagination, unless `judge` is given: then the run is a trial of the mending,
 * judged while its pages are laid out, and its pages and rules are dropped unless the judge keeps them.
 *
 * The run adds its own copies of the stylesheets, which repeat the first run's: they are taken out again. Its
 * sheet of made rules is kept, less the rules the first run made too: Paged.js rewrites some selectors (`a + b`,
 * `:nth-of-type`) into attributes naming a new id each run, on this run's elements, with a rule per id.
 *
 */
export async function paginateArticles(
  articles: HTMLElement[],
  onRight: boolean,
  judge?: (pages: HTMLElement[]) => boolean,
): Promise<{ pages: HTMLElement[]; kept: boolean }> {
  const headBefore = new Set(document.head.children);
  const scratch = document.body.appendChild(document.createElement('div'));
  const content = document.createElement('template').content;
  if (!onRight) content.append(document.createElement('div'));
  const pristine = judge ? [] : copiesOf(articles);
  content.append(...articles);
  let rules: CSSStyleSheet | undefined;
  let kept = true;
  try {
    rules = (await runPagedJs(content, scratch)).previewer.polisher.styleSheet;
    const pages = () => Array.from(scratch.querySelectorAll(':scope > .pagedjs_pages > .pagedjs_page')) as HTMLElement[];
    fillColumns(pages());
    if (judge) kept = judge(pages());
    else await mendShortColumns(scratch.querySelector(':scope > .pagedjs_pages') as HTMLElement, articles, pristine);
    return { pages: pages(), kept };
  } finally {
    scratch.remove();
    if (rules?.ownerNode && kept) keptRules.add(rules.ownerNode);
    for (const element of Array.from(document.head.children)) if (!headBefore.has(element) && !keptRules.has(element)) element.remove();
    if (rules && kept) keepNewRules(rules);
  }
}

/**
 * The sheets of made rules of the runs whose pages were kept: a run's clean-up leaves them, also those of the trials
 * run within it (mendShortColumns), whose pages replace some of its own.
 */
const keptRules: Set<Node> = new Set();

/** Deletes from a run's sheet of made rules those the first run made too (the rest name this run's ids). */
function keepNewRules(rules: CSSStyleSheet) {
  const known = new Set(Array.from(state?.rules.sheet?.cssRules ?? [], (rule) => rule.cssText));
  for (let index = rules.cssRules.length - 1; index >= 0; index--) if (known.has(rules.cssRules[index].cssText)) rules.deleteRule(index);
  if (rules.cssRules.length === 0) rules.ownerNode?.remove();
}

/** The line adjustment's report, when it is on. */
export const adjustReport = () => (adjusting ? reportOfAdjustment() : undefined);
