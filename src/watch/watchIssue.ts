/**
 * `build-issue <id> --watch`: one browser for the session; the issue is paginated again whenever a source
 * changes (articles, manifest, periodical settings, templates, fonts.yaml), and the paginated pages, exactly as
 * the PDF will have them, are served to the editor's browser, which reloads in place. Errors are shown in the
 * terminal and over the preview; the watcher keeps running until Ctrl-C.
 */
import { watch, type FSWatcher } from 'node:fs';
import { dirname, join } from 'node:path';
import { findChrome } from '../browser/findChrome.js';
import { closeBrowser, launchBrowser } from '../browser/launchBrowser.js';
import { checkFontCoverage } from '../fonts/checkFontCoverage.js';
import { loadFonts } from '../fonts/loadFonts.js';
import { loadIssue } from '../manifest/loadIssue.js';
import { renderDocument } from '../render/renderDocument.js';
import type { IssueDocument } from '../render/renderIssueHtml.js';
import type { Reporter } from '../Reporter.js';
import type { BuildOptions } from '../buildIssue.js';
import { UserError } from '../UserError.js';
import { LivePages } from './LivePages.js';
import { PreviewServer } from './PreviewServer.js';

export interface WatchOptions {
  /** The issue, browser, reporter and per-rebuild timeout, as a build takes them. */
  build: BuildOptions;
  /** Port on 127.0.0.1; 0 picks a free one. */
  port: number;
  /** Ends the session (Ctrl-C). */
  signal: AbortSignal;
}

export async function watchIssue({ build: options, port, signal }: WatchOptions): Promise<void> {
  const { reporter } = options;
  const browser = await launchBrowser(findChrome(options.chrome));
  const server = new PreviewServer();
  const watchers: FSWatcher[] = [];
  try {
    reporter.stage(`preview at ${await server.listen(port)} (Ctrl-C to stop)`);
    let live: LivePages | undefined;
    const rebuild = serialize(async () => {
      const started = performance.now();
      try {
        const document = await renderIssue(options, reporter);
        // After an edit to articles only, the open tab paginates just those; otherwise a new tab, the whole issue.
        let layout = await live?.update(document).catch(async (error: unknown) => {
          // A failed update may have left the tab half changed: the next rebuild starts afresh.
          await live?.close();
          live = undefined;
          throw error;
        });
        if (!layout || !live) {
          await live?.close();
          live = undefined;
          const opened = await LivePages.open(browser, document, reporter.warn);
          [live, layout] = [opened.pages, opened.layout];
        }
        const html = (await live.toHtml()).replace('</body>', '<script src="/preview-client.js"></script></body>');
        server.show({ html, assets: document.assets });
        const articles = layout.paginatedArticles.length === Object.keys(layout.articleStartPages).length ? 'all articles' : `${layout.paginatedArticles.length} of ${Object.keys(layout.articleStartPages).length} articles`;
        reporter.stage(`rebuilt: ${layout.pageCount} pages in ${((performance.now() - started) / 1000).toFixed(2)} s (${articles} paginated)`);
      } catch (error) {
        // The watcher keeps running whatever failed; a failure that is not the sources' is said to be paiban's.
        const message = error instanceof UserError ? error.message : `internal error: ${String((error as Error)?.message ?? error).split('\n')[0]} (a bug in paiban: please report it)`;
        reporter.warn(message);
        server.showError(message);
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
    await new Promise<void>((resolve) => (signal.aborted ? resolve() : signal.addEventListener('abort', () => resolve(), { once: true })));
    clearTimeout(timer);
  } finally {
    for (const watcher of watchers) watcher.close();
    await server.close();
    await closeBrowser(browser);
  }
}

/** The issue rendered afresh from its sources, every character checked against the fonts. */
async function renderIssue(options: BuildOptions, reporter: Reporter): Promise<IssueDocument> {
  const issue = await loadIssue(options.root, options.issueId);
  const fonts = await loadFonts(issue.fontsFile);
  checkFontCoverage(issue, fonts);
  return renderDocument(issue, fonts, reporter.warn);
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
