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
import { openTrials, type Trials } from './trialFrame.js';
import { meetsGoal, type TrialGoal } from './trialGoals.js';

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
 * still have a short column after fillColumns (fillColumns.ts, with it): each trial an article paginated again on its
 * own, in the trial frame (trialFrame.ts), the caller's or one opened here at the first trial.
 * @param container the `.pagedjs_pages` holding the run's pages
 * @param laidOut the articles as Paged.js paginated them (their elements carry data-ref; its
 * handlers' filters changed them, e.g. wide figures taken out of the flow by placeWideFigures.ts)
 * @param pristine copies of the same articles taken before, for a trial to paginate again
 */
const mendShortColumns = async (container: HTMLElement, laidOut: HTMLElement[], pristine: HTMLElement[], opened?: Trials) => {
  const trials = opened ?? openTrials();
  const paginateAlone = async (article: HTMLElement, onRight: boolean, goal: TrialGoal) => {
    const { rules, ...trial } = await trials.paginate(article, onRight, goal);
    if (trial.kept) keepRules(rules);
    return trial;
  };
  try {
    const articles = await floatColumnFigures(
      container,
      laidOut.map((article, index) => ({ laidOut: article, pristine: pristine[index] })),
      paginateAlone,
      async (article, onRight) => (await paginateArticles([article], onRight)).pages,
    );
    if (adjusting) await mendColumns(container, articles, paginateAlone);
  } finally {
    if (trials !== opened) trials.close();
  }
};

/**
 * A full garbage collection before the filling's edits of laid-out pages. Chromium keeps every Range a script made
 * registered with its document until a full collection, and updates each at every text edit (a split, a merge, a
 * removal): after Paged.js's run of a yearly volume the dead ones made each of 缩行's bench edits cost ~50 ms instead
 * of ~10. A collection takes ~40 ms beside 2024-4, ~150 ms beside the volume. `gc` is offered to the page by
 * `--js-flags=--expose-gc` (src/chromium/launchBrowser.ts); a browser without it only goes without the collection.
 */
const collectDeadRanges = () => (globalThis as { gc?: () => void }).gc?.();

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
  // The trial frame loads beside the run (mendShortColumns).
  const trials = openTrials({ now: adjusting });
  try {
    const { previewer, source } = await runPagedJs(undefined, undefined);
    state = { articles, frame, rules: previewer.polisher.styleEl };
    collectDeadRanges();
    fillColumns(mainPages());
    await mendShortColumns(document.querySelector('body > .pagedjs_pages') as HTMLElement, articlesOf(source), pristine, trials);
  } finally {
    trials.close();
  }
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
 * given side (a placeholder page before it when it starts on a left page), their columns filled (fillColumns) and
 * mended (mendShortColumns) as in every pagination.
 */
export async function paginateArticles(articles: HTMLElement[], onRight: boolean): Promise<{ pages: HTMLElement[] }> {
  const pristine = copiesOf(articles);
  const run = await layOutArticles(articles, onRight);
  try {
    collectDeadRanges();
    fillColumns(run.pages());
    await mendShortColumns(run.container, articles, pristine);
    return { pages: run.pages() };
  } finally {
    run.dispose(true);
  }
}

/**
 * A trial of 缩行 in the trial frame's document (trialFrame.ts installs it there): the article laid out alone, its
 * columns filled, judged against the goal; its pages, the article as laid out and the rules Paged.js made for them.
 */
export async function paginateTrial(article: HTMLElement, onRight: boolean, goal: TrialGoal) {
  await fontsLoaded;
  const run = await layOutArticles([article], onRight);
  try {
    fillColumns(run.pages());
    const pages = run.pages();
    return { kept: meetsGoal(pages, goal), pages, laidOut: article, rules: Array.from(run.rules.cssRules, (rule) => rule.cssText) };
  } finally {
    run.dispose(false);
  }
}

/**
 * Articles laid out by a Paged.js run into a scratch element at the end of the body, the first on the given side.
 * `dispose` takes the scratch away and what the run added to the head, but its sheet of made
 * rules when asked to keep it (the pages are kept).
 *
 * The run adds its own copies of the stylesheets, which repeat the first run's: they are taken out again. Its
 * sheet of made rules is kept, less the rules the first run made too: Paged.js rewrites some selectors (`a + b`,
 * `:nth-of-type`) into attributes naming a new id each run, on this run's elements, with a rule per id.
 */
async function layOutArticles(articles: HTMLElement[], onRight: boolean) {
  const headBefore = new Set(document.head.children);
  const scratch = document.body.appendChild(document.createElement('div'));
  const content = document.createElement('template').content;
  if (!onRight) content.append(document.createElement('div'));
  content.append(...articles);
  const dispose = (rules: CSSStyleSheet | undefined) => {
    scratch.remove();
    if (rules?.ownerNode) keptRules.add(rules.ownerNode);
    for (const element of Array.from(document.head.children)) if (!headBefore.has(element) && !keptRules.has(element)) element.remove();
    if (rules) keepNewRules(rules);
  };
  let rules: CSSStyleSheet;
  try {
    rules = (await runPagedJs(content, scratch)).previewer.polisher.styleSheet;
  } catch (error) {
    dispose(undefined);
    throw error;
  }
  const pages = () => Array.from(scratch.querySelectorAll(':scope > .pagedjs_pages > .pagedjs_page')) as HTMLElement[];
  return {
    pages,
    rules,
    container: scratch.querySelector(':scope > .pagedjs_pages') as HTMLElement,
    dispose: (keep: boolean) => dispose(keep ? rules : undefined),
  };
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

/** A kept trial's made rules (made in the trial frame) as a sheet of this document's, less those the first run made too. */
function keepRules(rules: string[]) {
  const sheet = document.head.appendChild(document.createElement('style'));
  sheet.textContent = rules.join('\n');
  if (sheet.sheet) keepNewRules(sheet.sheet);
  keptRules.add(sheet);
}

/** The line adjustment's report, when it is on. */
export const adjustReport = () => (adjusting ? reportOfAdjustment() : undefined);
