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
  const parallel = await paginateInParallel(browser, document, await planRuns(issue, jobs), options);
  const again = parallel.repaginatedRuns;
  if (again > 0) options.onStage?.(`paginated ${again} run${again > 1 ? 's' : ''} again: ${again > 1 ? 'they' : 'it'} began on the other side than guessed`);
  await rememberPageCounts(issue, parallel.articlePages);
  return parallel;
}
