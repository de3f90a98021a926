/**
 * Stage 3 as the build asks for it: the whole pagination with one job, else parallel runs guessed from the page
 * counts of earlier builds, which this build's counts then update.
 */
import type { Browser } from 'puppeteer-core';
import type { IssueDocument } from '../IssueDocument.js';
import type { Issue } from '../manifest/loadIssue.js';
import { paginate, type PaginatedIssue, type PaginateOptions } from './paginate.js';
import { paginateInParallel } from './paginateInParallel.js';
import { planRuns, rememberPageCounts } from './planRuns.js';

export async function paginateIssue<Inspection, Extra>(
  browser: Browser,
  issue: Issue,
  document: IssueDocument,
  jobs: number,
  options: PaginateOptions<Inspection, Extra> & { onStage?: (message: string) => void },
): Promise<PaginatedIssue<Inspection, Extra>> {
  if (jobs === 1) return paginate(browser, document, options);
  if (issue.periodical.typesetting.adjust) {
    // Runs paginated on their own set the line adjustment's paragraphs differently from the whole issue (measured
    // on 2024-4: 56 pages against 55), so the stitched issue would not be the whole pagination: paginate it whole.
    options.onStage?.(`--jobs ${jobs}: the line adjustment (typesetting.adjust) is not yet paginated in runs; paginating the whole issue`);
    return paginate(browser, document, options);
  }
  const parallel = await paginateInParallel(browser, document, await planRuns(issue, jobs), options);
  const again = parallel.repaginatedRuns;
  if (again > 0) options.onStage?.(`paginated ${again} run${again > 1 ? 's' : ''} again: ${again > 1 ? 'they' : 'it'} began on the other side than guessed`);
  await rememberPageCounts(issue, parallel.articlePages);
  return parallel;
}
