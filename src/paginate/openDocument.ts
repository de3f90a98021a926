/**
 * A tab showing an IssueDocument, served from an origin that cannot exist (.invalid, RFC 2606) by request
 * interception: every file comes from the document (or is paiban's own Paged.js), nothing from disk or the network.
 * Anything else the page asks for is refused and reported, as is what the content security policy blocks.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, HTTPRequest, Page } from 'puppeteer-core';
import type { IssueDocument } from '../IssueDocument.js';
import { UserError } from '../UserError.js';
import { pageScriptFile } from '../chromium/callPage.js';

export const documentOrigin = 'https://paiban.invalid/';

/**
 * Paged.js and paiban's page script that drives it (src/page/entries/paginate.ts, bundled with the line adjustment
 * and the hyphenation patterns). pagedjs's "exports" map hides dist/; its CommonJS entry lib/index.cjs sits beside it.
 */
const require = createRequire(import.meta.url);
const pagedScripts = new Map([
  ['paged.js', join(dirname(require.resolve('pagedjs')), '..', 'dist', 'paged.js')],
  ['paginate.js', fileURLToPath(pageScriptFile('paginate'))],
]);

/** Prints a document that needs no pagination (the cover) as Chromium lays it out. */
export async function printDocument(browser: Browser, document: IssueDocument): Promise<Uint8Array> {
  const { page, errors } = await openDocument(browser, document);
  try {
    await page.evaluate('document.fonts.ready');
    if (errors.length > 0) throw new UserError('browser', `the page reported an error: ${errors[0]}`);
    return await page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: false, timeout: 0 });
  } finally {
    await page.close().catch(() => undefined);
  }
}

export interface OpenDocument {
  page: Page;
  blockedRequests: string[];
  errors: string[];
}

/** A new tab showing the document, served from its assets only; `prepare` runs before it loads. */
export async function openDocument(browser: Browser, document: IssueDocument, prepare?: (page: Page) => Promise<void>): Promise<OpenDocument> {
  const page = await browser.newPage();
  try {
    const blockedRequests = await serveDocument(page, document);
    const errors = collectPageErrors(page, blockedRequests);
    await prepare?.(page);
    await page.goto(`${documentOrigin}index.html`, { waitUntil: 'load', timeout: 0 });
    return { page, blockedRequests, errors };
  } catch (error) {
    await page.close().catch(() => undefined);
    throw error;
  }
}

/** Chromium's CSP console message, shortened to what was refused: "an inline script", "a stylesheet from URL". */
function describeCspViolation(message: string): string {
  const loading = /Loading the (\w+) '([^']+)'/.exec(message);
  if (loading) return `a ${loading[1]} from ${loading[2]} (content security policy)`;
  const executing = /Executing (inline [\w ]+?) violates/.exec(message);
  return executing ? `an ${executing[1]} (content security policy)` : `content (content security policy: ${message.split('.')[0]})`;
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
    const script = path === undefined ? undefined : pagedScripts.get(path);
    const asset = path === undefined ? undefined : (document.assets.get(path) ?? (script && { body: readFileSync(script), contentType: 'text/javascript' }));
    if (asset) {
      void request.respond({ status: 200, contentType: asset.contentType, body: asset.body });
      return;
    }
    // Chromium asks for a favicon by itself; only the document's own requests are worth reporting.
    if (!url.startsWith('data:') && path !== 'favicon.ico') blocked.push(`a request for ${url}`);
    void request.abort('blockedbyclient');
  });
  return blocked;
}

/**
 * Script errors fail the build. What the content security policy refused (a script or handler in an article's
 * raw HTML) is not an error of the build: it is reported, like a refused request.
 */
function collectPageErrors(page: Page, blocked: string[]): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(String((error as Error).message ?? error).split('\n')[0]));
  page.on('console', (message) => {
    const text = message.text();
    if (message.type() !== 'error') return;
    if (/Content Security Policy/.test(text)) blocked.push(describeCspViolation(text));
    // A refused request is reported once, by the interception; the console echo of it is noise.
    else if (!/ERR_BLOCKED_BY_CLIENT|Failed to load resource/.test(text)) errors.push(text);
  });
  return errors;
}
