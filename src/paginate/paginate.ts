/**
 * Stage 3: IssueDocument → pages, with Paged.js in Chromium → Chromium's PDF, plus what the later stages need to
 * know about the layout (page count, where each article starts).
 *
 * The page is served from an origin that cannot exist (.invalid, RFC 2606) by request interception: every file
 * comes from the IssueDocument, nothing from disk or the network. Anything else the page asks for is refused and
 * reported.
 */
import type { Browser, HTTPRequest, Page } from 'puppeteer-core';
import type { IssueDocument } from '../render/renderIssueHtml.js';
import { UserError } from '../UserError.js';
import { checkPagedText, type PagedTextReport } from './checkPagedText.js';

export const documentOrigin = 'https://paiban.invalid/';

export interface PaginateOptions {
  onPage?: (pageNumber: number) => void;
  onWarning?: (message: string) => void;
}

export interface PaginatedIssue {
  pdf: Uint8Array;
  pageCount: number;
  /** Page number on which each article (by id) starts. */
  articleStartPages: Record<string, number>;
  /** Requests the page made that were refused (remote or unknown files). */
  blockedRequests: string[];
}

export async function paginate(browser: Browser, document: IssueDocument, options: PaginateOptions = {}): Promise<PaginatedIssue> {
  const page = await browser.newPage();
  try {
    const blockedRequests = await serveDocument(page, document);
    const errors = collectPageErrors(page);
    await page.exposeFunction('__paibanPageDone', (pageNumber: number) => options.onPage?.(pageNumber));
    await page.goto(`${documentOrigin}index.html`, { waitUntil: 'load', timeout: 0 });
    const layout = await page.evaluate(runPagedJs);
    if (errors.length > 0) throw new UserError('browser', `the page reported an error during pagination: ${errors[0]}`);
    assertNoTextLost(layout.text);
    for (const url of blockedRequests) options.onWarning?.(`blocked a request for ${url}: only files of the issue may load`);
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true, outline: false, tagged: false, timeout: 0 });
    return { pdf, pageCount: layout.pageCount, articleStartPages: layout.articleStartPages, blockedRequests };
  } finally {
    await page.close().catch(() => undefined);
  }
}

async function serveDocument(page: Page, document: IssueDocument): Promise<string[]> {
  const blocked: string[] = [];
  await page.setRequestInterception(true);
  page.on('request', (request: HTTPRequest) => {
    const url = request.url();
    const path = url.startsWith(documentOrigin) ? decodeURIComponent(url.slice(documentOrigin.length).split(/[?#]/)[0]) : undefined;
    if (path === 'index.html') {
      void request.respond({ status: 200, contentType: 'text/html; charset=utf-8', body: document.html });
      return;
    }
    const asset = path === undefined ? undefined : document.assets.get(path);
    if (asset) {
      void request.respond({ status: 200, contentType: asset.contentType, body: asset.body });
      return;
    }
    if (!url.startsWith('data:')) blocked.push(url);
    void request.abort('blockedbyclient');
  });
  return blocked;
}

function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(String((error as Error).message ?? error).split('\n')[0]));
  page.on('console', (message) => {
    // A refused request is reported once, by the interception; the console echo of it is noise.
    if (message.type() === 'error' && !/ERR_BLOCKED_BY_CLIENT|Failed to load resource/.test(message.text())) errors.push(message.text());
  });
  return errors;
}

/**
 * Paged.js is known to drop lines at page breaks and rows of tables in some layouts (print.md, "Things users of
 * the peers ask for most"): the text of every article after pagination must equal its text before, or the build
 * fails rather than print a PDF with text missing.
 */
function assertNoTextLost(report: PagedTextReport[]): void {
  const problem = checkPagedText(report);
  if (problem) throw new UserError('check', problem);
}

interface PagedLayout {
  pageCount: number;
  articleStartPages: Record<string, number>;
  text: PagedTextReport[];
}

/** Runs in the page: waits for the fonts, paginates, and reads back what Node needs. Must be self-contained. */
async function runPagedJs(): Promise<PagedLayout> {
  type PagedGlobal = {
    Handler: new (...args: unknown[]) => object;
    registerHandlers: (...handlers: unknown[]) => void;
    Previewer: new () => { preview: () => Promise<{ total: number }> };
  };
  const paged = (window as unknown as { Paged: PagedGlobal }).Paged;
  const notify = (window as unknown as { __paibanPageDone: (n: number) => void }).__paibanPageDone;
  const squeeze = (text: string | null) => (text ?? '').replace(/\s+/g, '');
  await document.fonts.ready;
  const articles = Array.from(document.querySelectorAll<HTMLElement>('article.article'));
  const before = articles.map((article) => ({ id: article.id, file: article.dataset.file ?? '', text: squeeze(article.textContent) }));
  class ProgressHandler extends paged.Handler {
    afterPageLayout(_fragment: Element, page: { position: number }) {
      notify(page.position + 1);
    }
  }
  paged.registerHandlers(ProgressHandler);
  const flow = await new paged.Previewer().preview();
  const pages = Array.from(document.querySelectorAll<HTMLElement>('.pagedjs_page'));
  const articleStartPages: Record<string, number> = {};
  const after = new Map<string, { text: string; pages: number[] }>();
  pages.forEach((pageElement, index) => {
    for (const fragment of pageElement.querySelectorAll<HTMLElement>('article.article')) {
      const id = fragment.dataset.article ?? '';
      articleStartPages[id] ??= index + 1;
      const entry = after.get(id) ?? { text: '', pages: [] };
      entry.text += squeeze(fragment.textContent);
      entry.pages.push(index + 1);
      after.set(id, entry);
    }
  });
  return {
    pageCount: flow.total,
    articleStartPages,
    text: before.map((article) => ({ ...article, paged: after.get(article.id)?.text ?? '', pages: after.get(article.id)?.pages ?? [] })),
  };
}
