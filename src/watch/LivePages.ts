/**
 * The paginated issue of a --watch session, kept open in one tab between rebuilds. After an edit to articles
 * only, only those articles are paginated again (and any later article whose first page changed side), in place
 * of their old pages: every article starts on a new page, so its pages depend on nothing else. Any other change —
 * the manifest's front matter, a template, a stylesheet, a font or image file — lays the whole issue out again.
 */
import { createHash } from 'node:crypto';
import type { Browser, Page } from 'puppeteer-core';
import { callPage } from '../chromium/callPage.js';
import { documentOrigin } from '../paginate/openDocument.js';
import { checkLayout, layOutPages, type PagedLayout } from '../paginate/paginate.js';
import type { Deadline } from '../Deadline.js';
import type { Asset, IssueDocument } from '../IssueDocument.js';

export class LivePages {
  private constructor(
    private readonly page: Page,
    private readonly errors: string[],
    /** Of the files the tab was opened with: the fonts, stylesheets and images it has loaded. */
    private readonly assetsKey: string,
  ) {}

  /** Paginates the whole document in a new tab. */
  static async open(browser: Browser, document: IssueDocument, onWarning: (message: string) => void): Promise<{ pages: LivePages; layout: PagedLayout }> {
    const { page, layout, errors } = await layOutPages(browser, document, { onWarning });
    return { pages: new LivePages(page, errors, keyOf(document.assets)), layout };
  }

  /**
   * The pages of a new rendering of the issue: in `live`'s tab when only articles changed, else in a new tab (the
   * old one closed). On failure no tab is left open: a failed update may have left it half changed, so the next
   * refresh starts afresh. Used by --watch and by the desk's article preview.
   */
  static async refresh(
    live: LivePages | undefined,
    browser: Browser,
    document: IssueDocument,
    deadline: Deadline,
    onWarning: (message: string) => void,
  ): Promise<{ pages: LivePages; layout: PagedLayout }> {
    const layout = await deadline
      .run('paginating the changed articles', async () => live?.update(document))
      .catch(async (error: unknown) => {
        await live?.close();
        throw error;
      });
    if (live && layout) return { pages: live, layout };
    await live?.close();
    return deadline.run('paginating', () => LivePages.open(browser, document, onWarning));
  }

  /**
   * Paginates the changed articles of a new rendering of the issue in place; undefined (the tab left as it was)
   * when more than articles changed.
   */
  async update(document: IssueDocument): Promise<PagedLayout | undefined> {
    if (keyOf(document.assets) !== this.assetsKey) return undefined;
    const layout = (await callPage(this.page, 'paginate', 'repaginate', document.html)) ?? undefined;
    if (layout) checkLayout(layout, this.errors);
    return layout;
  }

  /** The pages as one HTML document without the scripts that made them, the files it loads served from `base`. */
  async toHtml(base = '/'): Promise<string> {
    // Paged.js writes some rules (the contents' target-counter page numbers) through the CSSOM, which the
    // serialized DOM does not carry: every sheet's rules go back into its <style> element first. Chromium writes
    // the @page size Paged.js set as `calc(816.378px)`, which it does not read back there (the page size would
    // fall back to Letter when the editor prints the preview): plain lengths instead.
    await this.page.evaluate(`for (const sheet of document.styleSheets) {
      if (sheet.ownerNode instanceof HTMLStyleElement) {
        sheet.ownerNode.textContent = Array.from(sheet.cssRules, (rule) => (rule instanceof CSSPageRule ? rule.cssText.replace(/calc\\(([\\d.]+px)\\)/g, '$1') : rule.cssText)).join('\\n');
      }
    }`);
    return (await this.page.content()).replace(/<script\b[^>]*><\/script>/g, '').replaceAll(documentOrigin, base);
  }

  async close(): Promise<void> {
    await this.page.close().catch(() => undefined);
  }
}

/** One hash of every file the page loads (fonts are ~4 MB: hashing takes milliseconds). */
function keyOf(assets: Map<string, Asset>): string {
  const hash = createHash('sha256');
  for (const [path, asset] of [...assets].sort(([a], [b]) => a.localeCompare(b)))
    hash.update(`${path}\0${asset.contentType}\0`).update(asset.body).update('\0');
  return hash.digest('hex');
}
