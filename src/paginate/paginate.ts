/**
 * Stage 3: IssueDocument → pages, with Paged.js in Chromium → Chromium's PDF, plus what the later stages need to
 * know about the layout (page count, where each article starts). The tab comes from openDocument.
 */
import type { Browser, Page } from 'puppeteer-core';
import type { IssueDocument } from '../IssueDocument.js';
import { UserError } from '../UserError.js';
import { callPage } from '../chromium/callPage.js';
import type { PagedLayout } from '../page/api.js';
import { checkPagedText, type PagedTextReport } from './checkPagedText.js';
import { openDocument } from './openDocument.js';

export interface PaginateOptions<Inspection, Extra> {
  onPage?: (pageNumber: number) => void;
  onWarning?: (message: string) => void;
  /** Runs on the paginated page before it is printed (the typography check reads the laid-out lines). */
  inspect?: (page: Page) => Promise<Inspection>;
  /** Runs on the same page after the print PDF is made (the proof decorates it and prints again). */
  afterPrint?: (page: Page) => Promise<Extra>;
}

export interface PaginatedIssue<Inspection = undefined, Extra = undefined> {
  pdf: Uint8Array;
  pageCount: number;
  /** Page number on which each article (by id) starts. */
  articleStartPages: Record<string, number>;
  /** What the page tried and was refused: requests for remote or unknown files, scripts the CSP blocked. */
  blockedRequests: string[];
  inspection: Inspection;
  extra: Extra;
}

export async function paginate<Inspection = undefined, Extra = undefined>(
  browser: Browser,
  document: IssueDocument,
  options: PaginateOptions<Inspection, Extra> = {},
): Promise<PaginatedIssue<Inspection, Extra>> {
  return printPages(await layOutPages(browser, document, options), options);
}

/** Inspects and prints laid-out pages (of one pagination or of stitched runs), then closes their tab. */
export async function printPages<Inspection, Extra>(
  { page, layout, blockedRequests }: LaidOutPages,
  options: PaginateOptions<Inspection, Extra>,
): Promise<PaginatedIssue<Inspection, Extra>> {
  try {
    const inspection = (await options.inspect?.(page)) as Inspection;
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true, outline: false, tagged: false, timeout: 0 });
    const extra = (await options.afterPrint?.(page)) as Extra;
    return { pdf, pageCount: layout.pageCount, articleStartPages: layout.articleStartPages, blockedRequests, inspection, extra };
  } finally {
    await page.close().catch(() => undefined);
  }
}

export interface LaidOutPages {
  /** The open tab with the paginated document; the caller closes it. */
  page: Page;
  layout: PagedLayout;
  blockedRequests: string[];
  /** Script errors the page reports, also after this returns (a later repagination in the same tab). */
  errors: string[];
}

/** Opens the document, runs Paged.js and checks the result: errors, undecodable images, text lost. */
export async function layOutPages(
  browser: Browser,
  document: IssueDocument,
  options: Pick<PaginateOptions<unknown, unknown>, 'onPage' | 'onWarning'> = {},
  /** Only these articles (the first run of a parallel build); the others are left for the page's stitch (parallelRuns.ts). */
  only?: string[],
): Promise<LaidOutPages> {
  const { page, blockedRequests, errors } = await openDocument(browser, document, async (newPage) => {
    await newPage.exposeFunction('__paibanPageDone', (pageNumber: number) => options.onPage?.(pageNumber));
  });
  try {
    const layout = await callPage(page, 'paginate', 'paginate', only);
    // A first run alone is checked once the other runs are stitched to it (paginateInParallel).
    if (!only) checkLayout(layout, errors);
    for (const what of new Set(blockedRequests)) options.onWarning?.(`blocked ${what}: only the issue's own files load and only paiban's scripts run`);
    return { page, layout, blockedRequests, errors };
  } catch (error) {
    await page.close().catch(() => undefined);
    throw error;
  }
}

/** Fails the build on what went wrong in the page during pagination: script errors, undecodable images, text lost. */
export function checkLayout(layout: PagedLayout, errors: string[]): void {
  if (errors.length > 0) throw new UserError('browser', `the page reported an error during pagination: ${errors[0]}`);
  if (layout.brokenImages.length > 0) {
    throw new UserError('input', `image ${layout.brokenImages[0]} could not be decoded by Chromium (corrupt or unsupported); export it again as PNG or JPEG`);
  }
  assertNoTextLost(layout.text);
}

/**
 * Paged.js loses or duplicates text at page breaks in some layouts (pagedjs/pagedjs#167, #208; measured here: a
 * paragraph longer than a two-column page comes out with ~1,100 characters twice): the text of every article
 * after pagination must equal its text before, or the build fails rather than print a wrong PDF.
 */
function assertNoTextLost(report: PagedTextReport[]): void {
  const problem = checkPagedText(report);
  if (problem) throw new UserError('check', problem);
}

export type { PagedLayout } from '../page/api.js';
