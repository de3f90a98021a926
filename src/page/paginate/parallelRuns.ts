/** The parallel build's side of the page: a worker tab's run, and the runs stitched into the main tab. */
import type { PagedLayout as Layout, RunPages } from '../api.js';
import { adjustLines, paginateArticles, sourceText, state } from './pagedRuntime.js';
import { articlesOf, mainPages, pagesHolding, renumberPages } from './pages.js';
import { describeLayout } from './pageText.js';
import { fontsLoaded } from './runPagedJs.js';

/**
 * A worker tab's run: its articles, taken out of its body and adjusted by its first pagination, kept for a second
 * one (the first guess of the side was wrong).
 */
let workerRun: { ids: string; articles: HTMLElement[] } | undefined;

/**
 * The parallel build's worker: paginates only the given articles, the first on the given side, and returns their
 * pages' markup and the rules Paged.js made for them (stitch puts both into the main tab).
 */
export async function paginateRun(ids: string[], onRight: boolean): Promise<RunPages> {
  await fontsLoaded;
  // The line adjustment measures with the document's stylesheets, which the first Paged.js run takes out of the
  // head (its own processed copies go with the run's pages): the run's articles are adjusted before, once.
  if (!workerRun) {
    const articles = articlesOf(document).filter((article) => ids.includes(article.dataset.article ?? ''));
    adjustLines(articles);
    workerRun = { ids: JSON.stringify(ids), articles };
  } else if (workerRun.ids !== JSON.stringify(ids)) {
    throw new Error('paginateRun: a worker tab paginates one run, again only on the other side');
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
 * Puts runs paginated by paginateRun in place of their articles' pages (and their rules beside the main
 * run's, less those it made too), then renumbers the pages and the contents, as repaginate does.
 */
export function stitch(runs: Array<RunPages & { ids: string[] }>): Layout {
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
