/**
 * `build-issue <id> --watch`: one browser for the session; the issue is paginated again whenever a file the last
 * build read changes (articles, manifest, periodical settings, templates, font files, images), and the paginated
 * pages, exactly as the PDF will have them, are served to the editor's browser, which reloads in place. Each
 * rebuild is the build's own preparation (prepareIssue) under the build's timeout. Errors are shown in the terminal
 * and over the preview; the watcher keeps running until Ctrl-C, or ends if Chromium dies.
 */
import type { BuildOptions } from '../buildIssue.js';
import { findChrome } from '../chromium/findChrome.js';
import { closeBrowser, launchBrowser, onBrowserCrash } from '../chromium/launchBrowser.js';
import { Deadline } from '../Deadline.js';
import { issueFolderInputs, prepareIssue } from '../prepareIssue.js';
import { UserError } from '../UserError.js';
import { LivePages } from './LivePages.js';
import { PreviewServer } from './PreviewServer.js';
import { serialize } from './serialize.js';
import { SourceWatcher } from './SourceWatcher.js';

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
  let deadline: Deadline | undefined;
  let crashed: UserError | undefined;
  const ended = new Promise<void>((resolve) => {
    signal.addEventListener('abort', () => resolve(), { once: true });
    if (signal.aborted) resolve();
    onBrowserCrash(browser, (describe) => {
      crashed = describe('previewing');
      deadline?.fail(describe);
      resolve();
    });
  });
  let live: LivePages | undefined;
  const rebuild = serialize(async () => {
    const started = performance.now();
    const inputs = new Set<string>();
    deadline = new Deadline(options.timeoutMs, signal);
    try {
      const { document } = await prepareIssue({ root: options.root, issueId: options.issueId, warn: reporter.warn, deadline, inputs });
      // After an edit to articles only, the open tab paginates just those; otherwise a new tab, the whole issue.
      const previous = live;
      live = undefined;
      const { pages, layout } = await LivePages.refresh(previous, browser, document, deadline, reporter.warn);
      live = pages;
      const html = (await live.toHtml()).replace('</body>', '<script src="/preview-client.js"></script></body>');
      server.show({ html, assets: document.assets });
      const total = Object.keys(layout.articleStartPages).length;
      const articles = layout.paginatedArticles.length === total ? 'all articles' : `${layout.paginatedArticles.length} of ${total} articles`;
      reporter.stage(`rebuilt: ${layout.pageCount} pages in ${((performance.now() - started) / 1000).toFixed(2)} s (${articles} paginated)`);
    } catch (error) {
      if (signal.aborted || crashed) return;
      // The watcher keeps running whatever failed; a failure that is not the sources' is said to be paiban's.
      const message =
        error instanceof UserError
          ? error.message
          : `internal error: ${String((error as Error)?.message ?? error).split('\n')[0]} (a bug in paiban: please report it)`;
      reporter.warn(message);
      server.showError(message);
    } finally {
      deadline.clear();
      // Whatever this build read, as far as it got, is what an edit must trigger a rebuild for.
      await sources.watch(inputs);
    }
  });
  const sources = new SourceWatcher(() => void rebuild());
  try {
    reporter.stage(`preview at ${await server.listen(port)} (Ctrl-C to stop)`);
    // Watched before the first build, so that an edit made while it runs is not missed.
    await sources.watch(issueFolderInputs(options.root, options.issueId));
    await rebuild();
    await ended;
    if (crashed) throw crashed;
  } finally {
    sources.close();
    await server.close();
    await closeBrowser(browser);
  }
}
