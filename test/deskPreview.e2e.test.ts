/**
 * The article page's preview, driven in real Chromium: the article's pages as --watch's incremental pagination lays
 * them out, refreshed after a save (only the edited article paginated again) and pushed to the page, which shows
 * the new sentence. The preview runs no script, loads nothing but the desk's own files, and its routes refuse what
 * they should (HTTP, as an attacker would).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OpenDesk, openDesk } from './helpers/openDesk.js';
import { makeTempProject } from './helpers/tempProject.js';

const root = makeTempProject('typesetting:\n  adjust: false\n');
const articleFile = join(root, 'issues', 'mini', '01-short.md');
let desk: OpenDesk;
let page: Page;
const requested: string[] = [];

/** The preview frame's text as shown: hidden pages (other articles) are not in innerText. */
const previewText = () =>
  // biome-ignore lint/performance/useDomNodeTextContent: the test reads the preview as the editor sees it, laid out
  page.evaluate(() => (document.querySelector('.preview iframe') as HTMLIFrameElement | null)?.contentDocument?.body?.innerText ?? '');

async function waitForPreview(text: string): Promise<string> {
  await page.waitForFunction(
    // biome-ignore lint/performance/useDomNodeTextContent: as above
    (wanted) => (document.querySelector('.preview iframe') as HTMLIFrameElement | null)?.contentDocument?.body?.innerText.includes(wanted),
    { timeout: 240_000, polling: 500 },
    text,
  );
  return previewText();
}

beforeAll(async () => {
  desk = await openDesk(root);
  page = desk.page;
  page.on('request', (request) => void requested.push(request.url()));
}, 60_000);

afterAll(async () => {
  await desk?.close();
});

describe('the article preview', () => {
  it('shows the article’s pages, and after a save the new sentence, paginating only that article', async () => {
    await page.goto(`${desk.base}/issues/mini/articles/01-short.md`);
    const first = await waitForPreview('提高刊物质量');
    expect(first).toContain('测试期刊召开2025年编辑工作会议');
    // Only this article's pages: the next article's title is on a hidden page.
    expect(first).not.toContain('在编辑工作会议上的讲话');
    const scripts = await page.evaluate(
      () => (document.querySelector('.preview iframe') as HTMLIFrameElement).contentDocument!.querySelectorAll('script').length,
    );
    expect(scripts).toBe(0);

    const text = await page.$eval('textarea[name=text]', (element) => (element as HTMLTextAreaElement).value);
    await page.$eval('textarea[name=text]', (element, value) => ((element as HTMLTextAreaElement).value = value), text.replace('提高刊物质量', '提高期刊质量'));
    await Promise.all([page.waitForNavigation(), page.click('form.edit button[type=submit]')]);
    expect(readFileSync(articleFile, 'utf8')).toContain('提高期刊质量');

    const after = await waitForPreview('提高期刊质量');
    expect(after).not.toContain('提高刊物质量');
    // The save was a change to one article: --watch's incremental pagination laid out that one alone.
    await page.waitForFunction(() => document.querySelector('[data-preview-status]')?.textContent?.includes('重排了1/4篇'), { timeout: 60_000 });
    if (process.env.DESK_SCREENSHOTS) await page.screenshot({ path: join(process.env.DESK_SCREENSHOTS, 'article-preview.png'), fullPage: true });

    // Everything the page and its preview loaded came from the desk.
    expect(requested.length).toBeGreaterThan(5);
    expect(requested.filter((url) => !url.startsWith(`${desk.base}/`))).toEqual([]);
  }, 600_000);

  it('serves the preview with a policy that runs no script and lets only the desk frame it', async () => {
    const response = await fetch(`${desk.base}/issues/mini/articles/01-short.md/preview`);
    expect(response.status).toBe(200);
    const policy = response.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("script-src 'none'");
    expect(policy).toContain('sandbox allow-same-origin');
    expect(policy).toContain("frame-ancestors 'self'");
    expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    const html = await response.text();
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toContain('paiban.invalid');
  });

  it('refuses what it should, and keeps serving', async () => {
    expect((await fetch(`${desk.base}/issues/mini/articles/..%2Fperiodical.md/preview`)).status).toBe(400);
    expect((await fetch(`${desk.base}/issues/..%2F..%2Fetc/preview/events`)).status).toBe(400);
    expect((await fetch(`${desk.base}/issues/mini/preview/files/..%2F..%2Fperiodical.yaml`)).status).toBe(404);
    expect((await fetch(`${desk.base}/issues/mini/preview/files/no-such.woff2`)).status).toBe(404);
    expect((await fetch(`${desk.base}/issues/mini/articles/01-short.md/preview`)).status).toBe(200);
  });
});
