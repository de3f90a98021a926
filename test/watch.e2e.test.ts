/**
 * --watch end to end: start, see the paginated issue through the preview server, edit an article (only it is
 * paginated again, or it and the next when that one's first page changes side), add new characters (the whole
 * issue), break the manifest and see the error, stop cleanly. The incremental preview is then compared with a
 * whole pagination of the same sources, to the pixel, and with the PDF the build writes, page by page.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, expect, it } from 'vitest';
import { run } from '../src/cli/buildIssueCli.js';
import { launchTestBrowser } from './helpers/makeTestPdf.js';
import { pageTexts, renderPages } from './helpers/pdfTools.js';
import { editFile, makeTempProject } from './helpers/tempProject.js';

const root = makeTempProject();
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function waitFor<T>(probe: () => T | undefined, what: string, timeoutMs = 20_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A watch session on `root` until `act` is done with the preview's URL and the session's messages. */
async function withWatch<T>(act: (url: string, messages: () => string) => Promise<T>): Promise<T> {
  let stderr = '';
  const controller = new AbortController();
  const running = run(['mini', '--root', root, '--watch', '--port', '0'], {
    stdout: { write: () => true },
    stderr: { write: (text: string) => (stderr += text) },
    signal: controller.signal,
  });
  try {
    const url = await waitFor(() => /preview at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(stderr)?.[1], 'the preview URL');
    await waitFor(() => (stderr.includes('rebuilt:') ? true : undefined), 'the first build');
    return await act(url, () => stderr);
  } finally {
    controller.abort();
    expect(await running).toBe(0);
  }
}

/**
 * The preview as the editor's browser shows it, printed: each page rendered (PNG, 30 dpi; equal images mean
 * equal pages, styles included) and its text.
 */
async function printPreview(url: string): Promise<{ images: Buffer[]; texts: string[] }> {
  return inPreview(url, async (page) => {
    const pdf = join(mkdtempSync(join(tmpdir(), 'paiban-preview-')), 'preview.pdf');
    writeFileSync(pdf, await page.pdf({ preferCSSPageSize: true, printBackground: true }));
    return { images: renderPages(pdf), texts: pageTexts(pdf) };
  });
}

/** What the preview's page `number` shows as its running head, top right (a right-hand page). */
async function runningHead(url: string, number: number): Promise<string> {
  return inPreview(
    url,
    async (page) =>
      (await page.evaluate(
        `getComputedStyle(document.querySelectorAll('.pagedjs_page')[${number - 1}].querySelector('.pagedjs_margin-top-right .pagedjs_margin-content'), '::after').content`,
      )) as string,
  );
}

/** Opens the preview in a browser tab, as the editor does, fonts loaded, for `act`. */
async function inPreview<T>(url: string, act: (page: Page) => Promise<T>): Promise<T> {
  const page = await (browser ??= await launchTestBrowser()).newPage();
  try {
    await page.goto(url, { waitUntil: 'load' });
    await page.evaluate('document.fonts.ready');
    return await act(page);
  } finally {
    await page.close();
  }
}

let browser: Browser | undefined;
afterAll(() => browser?.close());

const pagesIn = (html: string) => (html.match(/class="pagedjs_page[ "]/g) ?? []).length;

/**
 * Each page of the preview's HTML as its side (the classes Paged.js gives it) and its text, markup and whitespace
 * removed.
 */
const pageTextsIn = (html: string) =>
  html
    .split('<div class="pagedjs_page ')
    .slice(1)
    .map(
      (page) =>
        `${page.slice(0, page.indexOf('"'))} ${page
          .slice(page.indexOf('>') + 1)
          .replace(/<[^>]*>/g, '')
          .replace(/\s+/g, '')}`,
    );

it('serves the paginated issue, rebuilds on an edit (only the edited article when it can), reports errors, and stops cleanly', async () => {
  let editedImages: Buffer[] = [];
  const incremental = await withWatch(async (url, messages) => {
    const rebuilds = () => messages().match(/rebuilt: .*/g) ?? [];
    const first = await (await fetch(url)).text();
    expect(pagesIn(first)).toBe(11);
    expect(first).toContain('测试期刊召开2025年编辑工作会议');
    expect(first).not.toMatch(/<script src="paged/);
    expect(rebuilds()[0]).toMatch(/\(all articles paginated\)/);
    expect((await fetch(new URL('fonts/song-regular.ttf', url))).status).toBe(200);
    // The running heads as the editor's browser draws them: the section's name on the right-hand page 3.
    expect(await runningHead(url, 3)).toBe('"要闻"');

    // Subscribe to reload events as the preview page does.
    const events = await fetch(new URL('events', url));
    const reader = events.body!.getReader();
    let received = '';
    void (async () => {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        received += new TextDecoder().decode(value);
      }
    })();

    // Characters the issue already has (the fonts stay the same): only 03-long is paginated again — one more
    // paragraph still fits its pages — and then, three paragraphs later (the line adjustment sets them tight), with
    // 04-table, whose first page moved to the other side.
    const longArticle = readFileSync(join(root, 'issues/mini/03-long.md'), 'utf8');
    const paragraph = longArticle.split('\n\n').find((block) => block.startsWith('第1段'))!;
    editFile(root, 'issues/mini/03-long.md', () => `${longArticle}\n${paragraph}\n`);
    await waitFor(() => (rebuilds().length >= 2 ? true : undefined), `the rebuild (${messages()})`);
    expect(rebuilds()[1]).toMatch(/^rebuilt: 11 pages in [\d.]+ s \(1 of 4 articles paginated\)/);
    // The text of the pages: the line adjustment's spans may come between its characters.
    expect(pageTextsIn(await (await fetch(url)).text()).join('')).toContain(paragraph.slice(0, 20));
    await waitFor(() => (received.includes('event: reload') ? true : undefined), 'the reload event');
    editFile(root, 'issues/mini/03-long.md', () => `${longArticle}${`\n${paragraph}\n`.repeat(4)}`);
    await waitFor(() => (rebuilds().length >= 3 ? true : undefined), `the rebuild (${messages()})`);
    expect(rebuilds()[2]).toMatch(/^rebuilt: 12 pages in [\d.]+ s \(2 of 4 articles paginated\)/);
    const edited = await (await fetch(url)).text();
    editedImages = (await printPreview(url)).images;

    // New characters change the font subsets: the whole issue is paginated again.
    // Two paragraphs, each shorter than a page (Paged.js cannot split a longer one: see checkPagedText).
    const added = '新增的段落在此。'.repeat(150);
    editFile(root, 'issues/mini/01-short.md', (text) => `${text}\n${added}\n\n${added}\n`);
    await waitFor(() => (rebuilds().length >= 4 ? true : undefined), `the rebuild (${messages()})`);
    expect(rebuilds()[3]).toMatch(/\(all articles paginated\)/);
    const grown = await (await fetch(url)).text();
    expect(grown).toContain('新增的段落在此');
    expect(pagesIn(grown)).toBeGreaterThan(pagesIn(edited));

    editFile(root, 'issues/mini/issue.yaml', (text) => text.replace('number: 1', 'number: one'));
    await waitFor(() => (received.includes('event: failure') ? true : undefined), 'the failure event');
    expect(messages()).toMatch(/warning: .*issue\.yaml:2:9: number/);
    expect(await (await fetch(url)).text()).toContain('新增的段落在此'); // the last good pages stay
    await reader.cancel();

    // Back to the state after the articles-only edit, for the comparison below.
    editFile(root, 'issues/mini/issue.yaml', (text) => text.replace('number: one', 'number: 1'));
    editFile(root, 'issues/mini/01-short.md', (text) => text.slice(0, text.indexOf(`\n${added}`)));
    await waitFor(() => (rebuilds().length >= 5 ? true : undefined), `the rebuild (${messages()})`);
    expect(pageTextsIn(await (await fetch(url)).text())).toEqual(pageTextsIn(edited));
    return edited;
  });

  // The pages after an incremental rebuild are those a whole pagination of the same sources gives, to the pixel.
  const [whole, wholePrint] = await withWatch(async (url) => [await (await fetch(url)).text(), await printPreview(url)] as const);
  const wholeImages = wholePrint.images;
  expect(pageTextsIn(incremental)).toEqual(pageTextsIn(whole));
  expect(editedImages.length).toBe(wholeImages.length);
  editedImages.forEach((image, index) => expect(image.equals(wholeImages[index]), `page ${index + 1} of the preview`).toBe(true));

  // And, printed from the editor's browser, the preview has the pages of the PDF the build writes from the same
  // sources: the same text on each (running heads and page numbers included), then the blank pages the build
  // adds for saddle stitching. (Not to the pixel: Chromium rounds the preview's page width to 612 pt of 612.28.)
  const out = join(mkdtempSync(join(tmpdir(), 'paiban-built-')), 'mini.pdf');
  expect(await run(['mini', '--root', root, '--out', out], { stdout: { write: () => true }, stderr: { write: () => true } })).toBe(0);
  const built = pageTexts(out);
  expect(wholePrint.texts).toHaveLength(12);
  expect(wholePrint.texts[2]).toContain('测试期刊召开2025年编辑工作会议');
  // The build's PDF carries no zero width spaces or word joiners in its text layer (finish/dropInvisibleText.ts), the
  // preview printed by Chromium does (poppler also breaks its lines there): compared without them and line breaks.
  const visible = (texts: string[]) => texts.map((text) => text.replace(/[\s\u200b\u2060\u00ad]+/g, ''));
  expect(visible(built.slice(0, wholePrint.texts.length))).toEqual(visible(wholePrint.texts));
  expect(built.slice(wholePrint.texts.length).every((text) => text.trim() === '')).toBe(true);
}, 120_000);
