/**
 * The in-page side of pagination, in the document's own script (lib/page/paginate.js, after Paged.js's).
 *
 * `paginate()` waits for the fonts, runs Paged.js over the whole document, and returns what Node
 * needs to know about the layout. `repaginate(html)` then takes a new rendering of the same issue
 * and paginates again only the articles that changed (the --watch rebuild): every article starts on a new page,
 * so an article's pages depend on its own content and on the side (left or right) of its first page only.
 */
import type { PagedLayout as Layout, RunPages } from '../api.js';
import { adjustLines as adjustArticles, adjustReport as reportOfAdjustment } from '../adjust/adjustLines.js';
import { fillColumns as fillPages, mendColumns } from '../columns/fillColumns.js';
import { adjusting } from './adjusting.js';
import { Paged } from './pagedjs.js';

const notify = (pageNumber: number) => window.__paibanPageDone?.(pageNumber);

class ProgressHandler extends Paged.Handler {
  afterPageLayout(_fragment: Element, page: { position: number }) {
    notify(page.position + 1);
  }
}
/**
 * Paged.js 0.4.3 sets each page's running-head strings as unterminated CSS strings (`"value`; fixed upstream in
 * pagedjs/pagedjs#227, not released in 0.4.x). Chromium's CSSOM takes them, but the page's HTML read again (the
 * --watch preview) runs each into the next declaration, and the right-hand running heads vanish: they are
 * closed as soon as Paged.js has set them (handlers run in the order registered, Paged.js's own first).
 */
class RunningHeadStrings extends Paged.Handler {
  afterPageLayout(pageElement: HTMLElement) {
    for (const name of Array.from(pageElement.style).filter((property) => property.startsWith('--pagedjs-string-'))) {
      const value = pageElement.style.getPropertyValue(name);
      const closed = value.length > 1 && value.endsWith('"') && !value.endsWith('\\"');
      if (value.startsWith('"') && !closed) pageElement.style.setProperty(name, `${value}"`);
    }
  }
}
/**
 * Paged.js breaks a page one letter late after a soft hyphen (a word the line adjustment hyphenated, or an author's
 * `&shy;`): it takes the first letter below the page by each letter's box, and Chromium's box of the letter after a
 * soft hyphen where the line breaks spans the hyphen drawn on the line above (its client rects list that first). The
 * overflow is moved back to that letter when its own box is on the line of the letter Paged.js found; Paged.js then
 * ends the page with the hyphen (runPagedJs).
 */
class SoftHyphenBreaks extends Paged.Handler {
  onOverflow(overflow: Range | undefined): Range | undefined {
    const node = overflow?.startContainer;
    const offset = overflow?.startOffset ?? 0;
    if (!overflow || !(node instanceof Text) || offset < 2 || offset >= node.data.length || node.data[offset - 2] !== '\u00ad') return undefined;
    const boxOf = (at: number) => {
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + 1);
      return Array.from(range.getClientRects()).at(-1);
    };
    const [late, found] = [boxOf(offset - 1), boxOf(offset)];
    if (!late || !found || late.bottom <= found.top) return undefined;
    const moved = overflow.cloneRange();
    moved.setStart(node, offset - 1);
    return moved;
  }
}

/**
 * The body stays undisplayed until Paged.js has moved it into its pages: Chromium would otherwise lay out and
 * paint the whole unpaginated issue while it loads, and again as each font arrives (~0.35 s of a 0.6 s page
 * load for issue 2024-4), all thrown away. This script runs in the head, before the body is parsed; Paged.js
 * leaves the style alone (data-pagedjs-ignore), and the fonts are loaded explicitly instead (paibanPaginate).
 */
const undisplayedBody = document.createElement('style');
undisplayedBody.dataset.pagedjsIgnore = '';
undisplayedBody.dataset.paibanUndisplayed = '';
undisplayedBody.textContent = 'body { display: none; }';
document.head.append(undisplayedBody);
// Every declared face, used or not yet, loading from now on, while the body loads: nothing is laid out before
// Paged.js lays out its pages, and a face still loading then would be measured in a fallback font. (Scripts
// wait for the stylesheets before them, so fonts.css's faces are declared by now.)
const fontsLoaded = Promise.all(Array.from(document.fonts, (face) => face.load()));

/**
 * The stylesheets Paged.js took out of the document on its first run (it processes them into its own); every
 * later run processes them again.
 * @type
 */
let stylesheets: unknown[] | undefined;

/**
 * What the whole pagination leaves for --watch's later ones: each article's markup as it was paginated, the
 * document with the articles left out (a change there — contents, imprint, templates — needs the whole issue
 * paginated again), and the <style> element holding the rules Paged.js made while paginating (its sheet is
 * replaced whenever the preview writes the rules back into it, the element stays).
 * @type
 */
let state: { articles: Map<string, string>; frame: string; rules: HTMLStyleElement } | undefined;

/** Not text of the article: Paged.js drops scripts from the pages, so counting them would report text lost. */
const notText = 'script, style, template, noscript';
/**
 * Wide figures float to the top of a page (placeWideFigures.js), out of the text's order: their text is compared
 * apart, figure by figure, in order.
 */
const floated = 'figure.wide';

/**
 * The visible text of an element, whitespace and soft hyphens removed (the line adjustment hyphenates a word after
 * the text is taken), without what `skipped` matches.
 */
const textOf = (element: Element, skipped: string = `${notText}, ${floated}`) => {
  const walker = element.ownerDocument.createTreeWalker(element, NodeFilter.SHOW_TEXT, {
    acceptNode: (node) => (node.parentElement?.closest(skipped) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
  });
  let text = '';
  for (let node = walker.nextNode(); node; node = walker.nextNode()) text += withoutPagedHyphen(node as Text);
  return text.replace(/[\s\u00ad]+/g, '');
};

/**
 * A text node's text without the hyphen Paged.js adds where it breaks a page inside a word (Layout's
 * hyphenateAtBreak: the hyphen appended to the text before the break, its parent classed `pagedjs_hyphen`; see
 * runPagedJs): drawn for the reader, not the author's text.
 */
const withoutPagedHyphen = (node: Text) => {
  const pagedHyphen = node.parentElement?.classList.contains('pagedjs_hyphen') && !node.nextSibling && node.data.endsWith('-');
  return pagedHyphen ? node.data.slice(0, -1) : node.data;
};

/** The text of each floated figure in an element, in document order. */
const figuresOf = (element: Element) => Array.from(element.querySelectorAll(floated), (figure) => textOf(figure, notText));

const articlesOf = (root: ParentNode) => Array.from(root.querySelectorAll('article[data-article]')) as HTMLElement[];

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
 * Runs Paged.js over `content` (the document's body when undefined) into `renderTo`; returns the Previewer and the
 * content it paginated (its elements carry Paged.js's data-ref).
 */
async function runPagedJs(content: DocumentFragment | undefined, renderTo: Element | undefined) {
  // Paged.js adds a hyphen where it breaks a page inside a word (Layout's hyphenateAtBreak), U+2011 by default: the
  // CJK faces lack it and Chromium would draw it in an undeclared system font; the hyphen-minus every face has.
  const previewer = new Paged.Previewer({ hyphenGlyph: '-' });
  // Paged.js lays out each page in a task queue that waits for an animation frame between pages (Queue.tick =
  // requestAnimationFrame), so a page costs at least one 16.7 ms frame even when its layout takes 5 ms; about
  // half of the pagination time of issue 2024-4 was spent idle. No frame is needed between pages: Paged.js
  // measures with forced synchronous layout. A message-channel task yields to the event loop without the frame
  // wait (and without setTimeout's 4 ms clamp for nested timers).
  const channel = new MessageChannel();
  const ticks: Array<() => void> = [];
  channel.port1.onmessage = () => ticks.shift()?.();
  previewer.chunker.q.tick = (callback) => {
    ticks.push(callback);
    channel.port2.postMessage(undefined);
  };
  // In Paged.js's own order: the body moves into a template first, so that only the head's stylesheets are
  // taken (a <link> in an article's raw HTML stays inert, and is reported as refused).
  const source = content ?? previewer.wrapContent();
  undisplayedBody.remove();
  // Read once: Paged.js fetches a linked sheet again on every run (through the request interception).
  stylesheets ??= await Promise.all(
    previewer.removeStyles().map(async (sheet) => (typeof sheet === 'string' ? { [sheet]: await (await fetch(sheet)).text() } : sheet)),
  );
  // Paged.js inserts the stylesheets it processed (and its base styles) on every run, and each insertion has the
  // style of every element of the document computed again: seconds for a yearly volume's hundreds of pages when
  // 缩行 paginates articles again. Where an earlier run's are in the document (they are the same text), a later
  // run parses the sheets for its handlers but inserts nothing.
  if (document.head.querySelector('style[data-pagedjs-inserted-styles]')) previewer.polisher.insert = () => document.createElement('style');
  await previewer.preview(source, stylesheets, renderTo);
  return { previewer, source };
}

/**
 * The line adjustment (adjustLines.ts, when typesetting.adjust is on) of articles before Paged.js lays them out; it
 * adds elements, never text, so the text compared after pagination is the same.
 */
const adjustLines = (articles: Element[]) => adjusting && adjustArticles(articles);
/**
 * The columns of laid-out pages filled to the foot (fillColumns.ts, with the line adjustment): on the pages of every
 * Paged.js run, before they are checked, stitched or printed.
 */
const fillColumns = (pages: HTMLElement[]) => adjusting && fillPages(pages);

/**
 * 缩行 of the articles whose pages still have a short column after fillColumns (fillColumns.ts, with it), each trial
 * an article paginated again on its own.
 * @param container the `.pagedjs_pages` holding the run's pages
 * @param laidOut the articles as Paged.js paginated them (their elements carry data-ref; its
 * handlers' filters changed them, e.g. wide figures taken out of the flow by placeWideFigures.js)
 * @param pristine copies of the same articles taken before, for a trial to paginate again
 */
const mendShortColumns = async (container: HTMLElement, laidOut: HTMLElement[], pristine: HTMLElement[]) => {
  if (!adjusting) return;
  await mendColumns(
    container,
    laidOut.map((article, index) => ({ laidOut: article, pristine: pristine[index] })),
    (article, onRight, judge) => paginateArticles([article], onRight, judge),
  );
};

/** Deep copies of articles, for mendShortColumns. */
const copiesOf = (articles: HTMLElement[]) => articles.map((article) => article.cloneNode(true) as HTMLElement);

const mainPages = (): HTMLElement[] => Array.from(document.querySelectorAll('body > .pagedjs_pages > .pagedjs_page'));

/**
 * The text of every article before pagination, for the parallel build's check after stitching (paibanStitch).
 * @type
 */
let sourceText: Array<{ id: string; file: string; text: string; figures: string[] }> = [];

/**
 * Paginates the whole document; with `only`, the other articles are emptied first (still one page each, holding
 * their ids for the contents' target-counters), to be replaced by runs paginated in other tabs (paibanStitch).
 */
async function paibanPaginate(only?: string[]): Promise<Layout> {
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
async function paibanRepaginate(html: string): Promise<Layout | undefined> {
  if (!state) throw new Error('paibanRepaginate before paibanPaginate');
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
 * A worker tab's run: its articles, taken out of its body and adjusted by its first pagination, kept for a second
 * one (the first guess of the side was wrong).
 * @type
 */
let workerRun: { ids: string; articles: HTMLElement[] } | undefined;

/**
 * The parallel build's worker: paginates only the given articles, the first on the given side, and returns their
 * pages' markup and the rules Paged.js made for them (paibanStitch puts both into the main tab).
 */
async function paibanPaginateRun(ids: string[], onRight: boolean): Promise<RunPages> {
  await fontsLoaded;
  // The line adjustment measures with the document's stylesheets, which the first Paged.js run takes out of the
  // head (its own processed copies go with the run's pages): the run's articles are adjusted before, once.
  if (!workerRun) {
    const articles = articlesOf(document).filter((article) => ids.includes(article.dataset.article ?? ''));
    adjustLines(articles);
    workerRun = { ids: JSON.stringify(ids), articles };
  } else if (workerRun.ids !== JSON.stringify(ids)) {
    throw new Error('paibanPaginateRun: a worker tab paginates one run, again only on the other side');
  }
  // Nothing else of the unpaginated issue is ever laid out: the body holds only the run's pages.
  document.body.replaceChildren();
  const headBefore = new Set(document.head.children);
  const { pages } = await paginateArticles(
    workerRun.articles.map((article) => article.cloneNode(true) as HTMLElement),
    onRight,
  );
  const made = Array.from(document.head.children).filter((element) => !headBefore.has(element));
  return {
    pages: pages.filter((page) => page.querySelector('article[data-article]')).map((page) => page.outerHTML),
    rules: made.flatMap((element) => Array.from((element as HTMLStyleElement).sheet?.cssRules ?? [], (rule) => rule.cssText)),
  };
}

/**
 * Puts runs paginated by paibanPaginateRun in place of their articles' pages (and their rules beside the main
 * run's, less those it made too), then renumbers the pages and the contents, as paibanRepaginate does.
 */
function paibanStitch(runs: Array<RunPages & { ids: string[] }>): Layout {
  for (const run of runs) {
    const template = document.createElement('template');
    template.innerHTML = run.pages.join('');
    const fresh = Array.from(template.content.children) as HTMLElement[];
    for (const id of run.ids) {
      const replaced = pagesHolding(mainPages(), id);
      replaced[0].before(...pagesHolding(fresh, id));
      for (const page of replaced) page.remove();
    }
    const known = new Set(Array.from(state?.rules.sheet?.cssRules ?? [], (rule) => rule.cssText));
    const sheet = state?.rules.sheet;
    for (const rule of run.rules) if (!known.has(rule) && sheet) sheet.insertRule(rule, sheet.cssRules.length);
  }
  renumberPages();
  return { ...describeLayout(sourceText), brokenImages: [], paginatedArticles: runs.flatMap((run) => run.ids) };
}

/** The pages holding (part of) an article: every article starts a page, so no page holds two. */
const pagesHolding = (pages: HTMLElement[], id: string) => pages.filter((page) => page.querySelector(`article[data-article="${CSS.escape(id)}"]`));

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
async function paginateArticles(
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
 * @type
 */
const keptRules: Set<Node> = new Set();

/** Deletes from a run's sheet of made rules those the first run made too (the rest name this run's ids). */
function keepNewRules(rules: CSSStyleSheet) {
  const known = new Set(Array.from(state?.rules.sheet?.cssRules ?? [], (rule) => rule.cssText));
  for (let index = rules.cssRules.length - 1; index >= 0; index--) if (known.has(rules.cssRules[index].cssText)) rules.deleteRule(index);
  if (rules.cssRules.length === 0) rules.ownerNode?.remove();
}

/**
 * Page numbers, ids and first-page marks after pages were replaced, and the contents' page numbers: Paged.js
 * writes each target-counter as a rule `[data-target-counter-…="uuid"]::after { counter-reset: … N }` when it
 * lays out the page holding the link; those rules are rewritten from where the targets are now.
 */
function renumberPages() {
  const pages = mainPages();
  pages.forEach((page, index) => {
    page.id = `page-${index + 1}`;
    page.dataset.pageNumber = String(index + 1);
    page.classList.toggle('pagedjs_first_page', index === 0);
  });
  (document.querySelector('body > .pagedjs_pages') as HTMLElement).style.setProperty('--pagedjs-page-count', String(pages.length));
  // Paged.js's rules are in <style> elements; reading a <link>ed sheet's rules throws when it came from another
  // origin or was refused (a stylesheet link in an article's raw HTML, blocked by the content security policy).
  for (const sheet of Array.from(document.styleSheets).filter((candidate) => candidate.ownerNode instanceof HTMLStyleElement)) {
    for (const rule of Array.from(sheet.cssRules)) {
      const target = rule instanceof CSSStyleRule && /^\[data-(target-counter-[\w-]+)="([^"]+)"\]/.exec(rule.selectorText);
      if (!target || !(rule instanceof CSSStyleRule)) continue;
      const link = document.querySelector(`[data-${target[1]}="${CSS.escape(target[2])}"]`);
      const href = link?.getAttribute('href');
      const element = href?.startsWith('#') ? document.getElementById(href.slice(1)) : null;
      const page = element && pages.findIndex((candidate) => candidate.contains(element));
      if (page !== null && page !== undefined && page >= 0) rule.style.setProperty('counter-reset', `${target[1]} ${page + 1}`);
    }
  }
}

function describeSource(article: HTMLElement) {
  return { id: article.dataset.article ?? '', file: article.dataset.file ?? '', text: textOf(article), figures: figuresOf(article) };
}

/**
 * Where each article starts and the text found on its pages, against its text before pagination.
 */
function describeLayout(before: Array<{ id: string; file: string; text: string; figures: string[] }>) {
  const articleStartPages: Record<string, number> = {};
  const after: Map<string, { text: string; pages: number[]; figures: string[] }> = new Map();
  const pages = mainPages();
  pages.forEach((pageElement, index) => {
    pageElement.querySelectorAll('article.article').forEach((fragment) => {
      const id = (fragment as HTMLElement).dataset.article ?? '';
      articleStartPages[id] ??= index + 1;
      const entry = after.get(id) ?? { text: '', pages: [], figures: [] };
      entry.text += textOf(fragment);
      entry.figures.push(...figuresOf(fragment));
      entry.pages.push(index + 1);
      after.set(id, entry);
    });
  });
  return {
    pageCount: pages.length,
    articleStartPages,
    text: before.map((article) => {
      const paged = after.get(article.id);
      return { ...article, paged: paged?.text ?? '', pages: paged?.pages ?? [], pagedFigures: paged?.figures ?? [] };
    }),
  };
}

/** The line adjustment's report, when it is on. */
const adjustReport = () => (adjusting ? reportOfAdjustment() : undefined);

export { ProgressHandler, RunningHeadStrings, SoftHyphenBreaks };
export { paibanPaginate as paginate, paibanRepaginate as repaginate, paibanPaginateRun as paginateRun, paibanStitch as stitch, adjustReport };
