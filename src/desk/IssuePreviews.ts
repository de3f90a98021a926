/**
 * The article page's preview: an issue paginated as `build-issue --watch` paginates it (LivePages: after an edit to
 * articles only, only those are paginated again, in the open tab), kept as HTML without scripts for the desk to
 * serve. A previewed issue's sources are watched as --watch watches them (SourceWatcher on what the preparation
 * read), so a save in the desk — or a 核红, an edit from elsewhere — refreshes the preview, and every browser
 * watching hears of it. Bounded: one Chromium for every preview of the desk (builds have their own), one tab per
 * issue previewed, all closed after a few idle minutes with nobody watching; the next preview starts them again.
 */
import { EventEmitter } from 'node:events';
import type { Browser } from 'puppeteer-core';
import { findChrome } from '../chromium/findChrome.js';
import { closeBrowser, launchBrowser, onBrowserCrash } from '../chromium/launchBrowser.js';
import { Deadline } from '../Deadline.js';
import type { Asset } from '../IssueDocument.js';
import { prepareIssue } from '../prepareIssue.js';
import { UserError } from '../UserError.js';
import { LivePages } from '../watch/LivePages.js';
import { serialize } from '../watch/serialize.js';
import { SourceWatcher } from '../watch/SourceWatcher.js';
import { explainError } from './explainError.js';

/** The last preview of an issue: its pages as HTML (files loaded from `base`) and each article's pages. */
export interface IssuePreview {
  at: string;
  html: string;
  assets: Map<string, Asset>;
  pageCount: number;
  /** By article path: its first and last page. */
  articlePages: Map<string, [number, number]>;
  seconds: number;
  /** Articles paginated by this refresh, of all. */
  paginated: [number, number];
  /** What the preparation and pagination warned of (the build's warnings, as it would give them). */
  warnings: string[];
}

export type PreviewEvent =
  | { type: 'preview-start' }
  | { type: 'preview'; at: string; pageCount: number; seconds: number; paginated: [number, number] }
  | { type: 'preview-failed'; message: string };

interface PreviewedIssue {
  live?: LivePages;
  shown?: IssuePreview;
  failure?: string;
  refreshing: boolean;
  refresh: () => Promise<void>;
  sources: SourceWatcher;
}

export interface PreviewOptions {
  root: string;
  chrome?: string;
  timeoutMs: number;
  /** Where the preview's HTML loads its files from (the desk's route), by issue. */
  filesBase: (issueId: string) => string;
  /** Closed after this long unused with nobody watching (default 5 minutes). */
  idleMs?: number;
}

export class IssuePreviews {
  private browser?: Promise<Browser>;
  private readonly issues = new Map<string, PreviewedIssue>();
  private readonly emitter = new EventEmitter().setMaxListeners(0);
  private readonly stopping = new AbortController();
  private idleTimer?: NodeJS.Timeout;

  constructor(private readonly options: PreviewOptions) {}

  /** The issue's last preview and whether a newer one is being made; the first request starts one. */
  state(issueId: string): { preview?: IssuePreview; failure?: string; refreshing: boolean } {
    this.touch();
    const issue = this.issues.get(issueId) ?? this.start(issueId);
    return { preview: issue.shown, failure: issue.failure, refreshing: issue.refreshing };
  }

  /** Calls `listener` with the issue's preview events until the returned function is called. */
  watch(issueId: string, listener: (event: PreviewEvent) => void): () => void {
    this.emitter.on(issueId, listener);
    return () => {
      this.emitter.off(issueId, listener);
      this.touch();
    };
  }

  /** Ends every preview: the watchers, the tabs and the browser. */
  async close(): Promise<void> {
    this.stopping.abort();
    clearTimeout(this.idleTimer);
    await this.closeAll();
  }

  private start(issueId: string): PreviewedIssue {
    const issue: PreviewedIssue = {
      refreshing: false,
      refresh: serialize(() => this.refresh(issueId, issue)),
      sources: new SourceWatcher(() => void issue.refresh()),
    };
    this.issues.set(issueId, issue);
    void issue.refresh();
    return issue;
  }

  private async refresh(issueId: string, issue: PreviewedIssue): Promise<void> {
    if (this.stopping.signal.aborted || this.issues.get(issueId) !== issue) return;
    const started = performance.now();
    const emit = (event: PreviewEvent) => this.emitter.emit(issueId, event);
    const inputs = new Set<string>();
    const deadline = new Deadline(this.options.timeoutMs, this.stopping.signal);
    issue.refreshing = true;
    emit({ type: 'preview-start' });
    try {
      const warnings: string[] = [];
      const { issue: loaded, document } = await prepareIssue({ root: this.options.root, issueId, warn: (message) => warnings.push(message), deadline, inputs });
      const browser = await deadline.run('starting Chromium', () => this.openBrowser());
      const previous = issue.live;
      issue.live = undefined;
      const { pages, layout } = await LivePages.refresh(previous, browser, document, deadline, (message) => warnings.push(message));
      issue.live = pages;
      const html = await deadline.run('serialising the pages', () => pages.toHtml(this.options.filesBase(issueId)));
      const order = loaded.sections
        .flatMap((section) => section.articles)
        .map((article) => ({ file: article.file, start: layout.articleStartPages[article.id] }));
      const articlePages = new Map(
        order.map((article, index) => [article.file, [article.start, (order[index + 1]?.start ?? layout.pageCount + 1) - 1] as [number, number]]),
      );
      const paginated: [number, number] = [layout.paginatedArticles.length, order.length];
      const seconds = (performance.now() - started) / 1000;
      issue.shown = { at: new Date().toISOString(), html, assets: document.assets, pageCount: layout.pageCount, articlePages, seconds, paginated, warnings };
      issue.failure = undefined;
      emit({ type: 'preview', at: issue.shown.at, pageCount: layout.pageCount, seconds, paginated });
    } catch (error) {
      if (this.stopping.signal.aborted) return;
      // Paths in the project are shown from its folder, as the build's failures are.
      const text = error instanceof UserError ? explainError(error) : `内部错误：${(error as Error)?.message ?? error}（请报告）`;
      issue.failure = text.replaceAll(`${this.options.root}/`, '');
      emit({ type: 'preview-failed', message: issue.failure });
    } finally {
      deadline.clear();
      issue.refreshing = false;
      // Whatever this preparation read, as far as it got, is what an edit must refresh the preview for.
      if (this.issues.get(issueId) === issue) await issue.sources.watch(inputs);
      this.touch();
    }
  }

  private openBrowser(): Promise<Browser> {
    if (!this.browser) {
      const starting = launchBrowser(findChrome(this.options.chrome));
      this.browser = starting;
      starting.then(
        (browser) =>
          onBrowserCrash(browser, () => {
            // Killed or closed: every tab went with it; the next request starts afresh.
            if (this.browser === starting) this.browser = undefined;
            for (const issue of this.issues.values()) issue.live = undefined;
          }),
        () => {
          if (this.browser === starting) this.browser = undefined;
        },
      );
    }
    return this.browser;
  }

  /** (Re)arms the idle timer: unused for `idleMs` with nobody watching and nothing running, everything closes. */
  private touch(): void {
    clearTimeout(this.idleTimer);
    if (this.stopping.signal.aborted) return;
    this.idleTimer = setTimeout(
      () => {
        const busy = [...this.issues].some(([id, issue]) => issue.refreshing || this.emitter.listenerCount(id) > 0);
        if (busy) this.touch();
        else void this.closeAll();
      },
      this.options.idleMs ?? 5 * 60_000,
    );
    this.idleTimer.unref();
  }

  private async closeAll(): Promise<void> {
    const issues = [...this.issues.values()];
    this.issues.clear();
    for (const issue of issues) issue.sources.close();
    await Promise.all(issues.map((issue) => issue.live?.close()));
    const browser = await this.browser?.catch(() => undefined);
    this.browser = undefined;
    if (browser) await closeBrowser(browser);
  }
}
