/**
 * Stage 3 with several workers (build-issue --jobs N): the issue is cut into runs of whole articles
 * (splitIntoRuns), each paginated by Paged.js in a tab of its own (Chromium gives every tab its own renderer
 * process, so the runs lay out on different cores), and the runs are stitched into the first tab, which laid out
 * the front pages and the first run, as --watch replaces an edited article's pages (src/page/paginate/parallelRuns.ts,
 * stitch). Every article starts on a new page, so an article's pages depend only on its own content and on
 * the side of its first page: a run on the side it was guessed to start on is laid out as a whole pagination lays
 * it out. The sides are verified after stitching and a run on the wrong side is paginated again on the right one;
 * then the text check runs on the stitched issue, and the typography check and the print as after a whole pagination.
 */
import type { Browser, Page } from 'puppeteer-core';
import type { IssueDocument } from '../IssueDocument.js';
import { callPage } from '../chromium/callPage.js';
import type { RunPages as PageRunPages } from '../page/api.js';
import { openDocument } from './openDocument.js';
import { checkLayout, layOutPages, printPages, type PagedLayout, type PaginatedIssue, type PaginateOptions } from './paginate.js';
import { type ArticleEstimate, type Run, splitIntoRuns } from './splitIntoRuns.js';

export interface ParallelPlan {
  /** Workers (tabs paginating at once), 2 or more. */
  jobs: number;
  articles: ArticleEstimate[];
  front: { weight: number; pages: number };
}

export interface ParallelPaginatedIssue<Inspection, Extra> extends PaginatedIssue<Inspection, Extra> {
  /** Runs paginated again because they started on the other side than guessed. */
  repaginatedRuns: number;
  /** Each article's page count, for the next build's guesses. */
  articlePages: Record<string, number>;
}

type RunPages = PageRunPages & { ids: string[] };

export async function paginateInParallel<Inspection = undefined, Extra = undefined>(
  browser: Browser,
  document: IssueDocument,
  plan: ParallelPlan,
  options: PaginateOptions<Inspection, Extra> = {},
): Promise<ParallelPaginatedIssue<Inspection, Extra>> {
  const [first, ...runs] = splitIntoRuns(plan.articles, plan.jobs, plan.front);
  const workers: { page: Page; errors: string[] }[] = [];
  const main = layOutPages(browser, document, options, first.ids);
  main.catch(() => undefined);
  try {
    const laidOut = await Promise.all(
      runs.map(async (run) => {
        const worker = await openDocument(browser, document);
        workers.push(worker);
        return { worker, pages: await paginateRun(worker.page, run) };
      }),
    );
    const mainPages = await main;
    const stitch = (stitched: RunPages[]) => callPage(mainPages.page, 'paginate', 'stitch', stitched);
    let layout = await stitch(laidOut.map(({ pages }) => pages));
    let repaginatedRuns = 0;
    // Fixing the first run on the wrong side makes it right for good (the runs before it are right), so this ends.
    for (let wrong = wrongSides(runs, layout); wrong.length > 0; wrong = wrongSides(runs, layout)) {
      const again = await Promise.all(
        wrong.map((index) => {
          runs[index].onRight = !runs[index].onRight;
          return paginateRun(laidOut[index].worker.page, runs[index]);
        }),
      );
      repaginatedRuns += again.length;
      layout = await stitch(again);
    }
    checkLayout({ ...layout, brokenImages: mainPages.layout.brokenImages }, [...mainPages.errors, ...workers.flatMap((worker) => worker.errors)]);
    const articlePages = Object.fromEntries(layout.text.map((article) => [article.id, new Set(article.pages).size]));
    return { ...(await printPages({ ...mainPages, layout }, options)), repaginatedRuns, articlePages };
  } finally {
    await Promise.all(workers.map((worker) => worker.page.close().catch(() => undefined)));
    // The main tab is closed by printPages, or here when something failed before it printed.
    await main.then((pages) => pages.page.close()).catch(() => undefined);
  }
}

/** A run's pages and the rules Paged.js made for them, laid out in a worker tab. */
async function paginateRun(page: Page, run: Run): Promise<RunPages> {
  const result = await callPage(page, 'paginate', 'paginateRun', run.ids, run.onRight);
  return { ids: run.ids, ...result };
}

/** Indexes of the runs whose first page is not on the side they were laid out for (page 1 is a right page). */
function wrongSides(runs: Run[], layout: PagedLayout): number[] {
  return runs.flatMap((run, index) => ((layout.articleStartPages[run.ids[0]] % 2 === 1) === run.onRight ? [] : [index]));
}
