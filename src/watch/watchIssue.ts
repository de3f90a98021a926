/**
 * `build-issue <id> --watch`: one browser for the session; the issue is paginated again whenever a source
 * changes (articles, manifest, periodical settings, templates, fonts.yaml), and the paginated pages, exactly as
 * the PDF will have them, are served to the editor's browser, which reloads in place. Errors are shown in the
 * terminal and over the preview; the watcher keeps running until Ctrl-C.
 */
import { watch, type FSWatcher } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Browser } from 'puppeteer-core';
import { findChrome } from '../browser/findChrome.js';
import { closeBrowser, launchBrowser } from '../browser/launchBrowser.js';
import { checkFontCoverage } from '../fonts/checkFontCoverage.js';
import { loadFonts } from '../fonts/loadFonts.js';
import { loadIssue } from '../manifest/loadIssue.js';
import { documentOrigin } from '../paginate/openDocument.js';
import { layOutPages } from '../paginate/paginate.js';
import { renderDocument } from '../render/renderDocument.js';
import type { Reporter } from '../Reporter.js';
import { UserError } from '../UserError.js';
import { PreviewServer, type PreviewPages } from './PreviewServer.js';

export interface WatchOptions {
  root: string;
  issueId: string;
  chrome?: string;
  /** Port on 127.0.0.1; 0 picks a free one. */
  port: number;
  /** Ends the session (Ctrl-C). */
  signal: AbortSignal;
  reporter: Reporter;
}

export async function watchIssue(options: WatchOptions): Promise<void> {
  const { reporter } = options;
  const browser = await launchBrowser(findChrome(options.chrome));
  const server = new PreviewServer();
  const watchers: FSWatcher[] = [];
  try {
    reporter.stage(`preview at ${await server.listen(options.port)} (Ctrl-C to stop)`);
    const rebuild = serialize(async () => {
      const started = performance.now();
      try {
        const pages = await paginatePreview(browser, options, reporter);
        server.show(pages);
        reporter.stage(`rebuilt: ${pages.pageCount} pages in ${((performance.now() - started) / 1000).toFixed(1)} s`);
      } catch (error) {
        if (!(error instanceof UserError)) throw error;
        reporter.warn(error.message);
        server.showError(error.message);
      }
    });
    // Watch first, then build: an edit made while the first build runs must not be missed.
    const issue = await loadIssue(options.root, options.issueId).catch(() => undefined);
    const watched = [join(options.root, 'issues', options.issueId), join(options.root, 'periodical.yaml'), issue?.templatesDir, issue && dirname(issue.fontsFile)];
    let timer: NodeJS.Timeout | undefined;
    for (const path of new Set(watched.filter((entry): entry is string => Boolean(entry)))) {
      // Editors save in bursts (temporary file, rename): one rebuild after the burst.
      watchers.push(
        watch(path, { recursive: true }, () => {
          clearTimeout(timer);
          timer = setTimeout(() => void rebuild(), 150);
        }),
      );
    }
    await rebuild();
    await new Promise<void>((resolve) => (options.signal.aborted ? resolve() : options.signal.addEventListener('abort', () => resolve(), { once: true })));
    clearTimeout(timer);
  } finally {
    for (const watcher of watchers) watcher.close();
    await server.close();
    await closeBrowser(browser);
  }
}

/** Paginates the issue in the session's browser and takes the pages as HTML, without the scripts that made them. */
async function paginatePreview(browser: Browser, options: WatchOptions, reporter: Reporter): Promise<PreviewPages & { pageCount: number }> {
  const issue = await loadIssue(options.root, options.issueId);
  const fonts = await loadFonts(issue.fontsFile);
  checkFontCoverage(issue, fonts);
  const document = await renderDocument(issue, fonts, reporter.warn);
  const { page, layout } = await layOutPages(browser, document, { onWarning: reporter.warn });
  try {
    // Paged.js writes some rules (target-counter page numbers of the contents) through the CSSOM, which the
    // serialized DOM does not carry: write every sheet's rules back into its <style> element first.
    await page.evaluate(`for (const sheet of document.styleSheets) {
      if (sheet.ownerNode instanceof HTMLStyleElement) sheet.ownerNode.textContent = Array.from(sheet.cssRules, (rule) => rule.cssText).join('\\n');
    }`);
    const html = (await page.content())
      .replace(/<script\b[^>]*><\/script>/g, '')
      // Paged.js made stylesheet URLs absolute on the build's own origin; the preview serves them from its root.
      .replaceAll(documentOrigin, '/')
      .replace('</body>', '<script src="/preview-client.js"></script></body>');
    return { html, assets: document.assets, pageCount: layout.pageCount };
  } finally {
    await page.close().catch(() => undefined);
  }
}

/** Runs `task` one at a time; a call while it runs schedules exactly one more run after it. */
function serialize(task: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  let again = false;
  const run = async (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = task().finally(() => (running = undefined));
    await running;
    if (again) {
      again = false;
      await run();
    }
  };
  return run;
}
