// @ts-check
/**
 * The in-page side of pagination, loaded by the page as a plain script (not serialized from TypeScript, whose
 * transpilers add helpers that do not exist in the page). `window.paibanPaginate()` waits for the fonts, runs
 * Paged.js, and returns what Node needs to know about the layout.
 */
(() => {
  /**
   * The visible text of an element, whitespace removed. Script and style contents are not text of the article
   * (Paged.js drops scripts from the pages, so counting them would report text lost).
   * @param {Element} element
   */
  const textOf = (element) => {
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT, {
      acceptNode: (node) => (node.parentElement?.closest('script, style, template, noscript') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
    });
    let text = '';
    for (let node = walker.nextNode(); node; node = walker.nextNode()) text += node.nodeValue;
    return text.replace(/\s+/g, '');
  };

  /** @returns {Promise<{ pageCount: number, articleStartPages: Record<string, number>, text: Array<{ id: string, file: string, text: string, paged: string, pages: number[] }>, brokenImages: string[] }>} */
  async function paibanPaginate() {
    const Paged = /** @type {any} */ (window).Paged;
    const notify = /** @type {any} */ (window).__paibanPageDone ?? (() => undefined);
    await document.fonts.ready;
    // Chromium draws a small placeholder for an image it cannot decode, silently: report it instead. (Remote
    // images were refused on purpose and are reported as such.)
    const brokenImages = Array.from(document.images)
      .filter((image) => image.src.startsWith(location.origin) && (!image.complete || image.naturalWidth === 0))
      .map((image) => image.getAttribute('src') ?? '');
    const before = Array.from(document.querySelectorAll('article.article'), (article) => ({
      id: /** @type {HTMLElement} */ (article).dataset.article ?? '',
      file: /** @type {HTMLElement} */ (article).dataset.file ?? '',
      text: textOf(article),
    }));
    class ProgressHandler extends Paged.Handler {
      /** @param {Element} _fragment @param {{ position: number }} page */
      afterPageLayout(_fragment, page) {
        notify(page.position + 1);
      }
    }
    Paged.registerHandlers(ProgressHandler);
    const previewer = new Paged.Previewer();
    // Paged.js lays out each page in a task queue that waits for an animation frame between pages (Queue.tick =
    // requestAnimationFrame), so a page costs at least one 16.7 ms frame even when its layout takes 5 ms; about
    // half of the pagination time of issue 2024-4 was spent idle. No frame is needed between pages: Paged.js
    // measures with forced synchronous layout. A message-channel task yields to the event loop without the frame
    // wait (and without setTimeout's 4 ms clamp for nested timers).
    const channel = new MessageChannel();
    /** @type {Array<() => void>} */
    const ticks = [];
    channel.port1.onmessage = () => ticks.shift()?.();
    previewer.chunker.q.tick = (/** @type {() => void} */ callback) => {
      ticks.push(callback);
      channel.port2.postMessage(undefined);
    };
    const flow = await previewer.preview();
    /** @type {Record<string, number>} */
    const articleStartPages = {};
    /** @type {Map<string, { text: string, pages: number[] }>} */
    const after = new Map();
    document.querySelectorAll('.pagedjs_page').forEach((pageElement, index) => {
      pageElement.querySelectorAll('article.article').forEach((fragment) => {
        const id = /** @type {HTMLElement} */ (fragment).dataset.article ?? '';
        articleStartPages[id] ??= index + 1;
        const entry = after.get(id) ?? { text: '', pages: [] };
        entry.text += textOf(fragment);
        entry.pages.push(index + 1);
        after.set(id, entry);
      });
    });
    return {
      pageCount: flow.total,
      articleStartPages,
      text: before.map((article) => ({ ...article, paged: after.get(article.id)?.text ?? '', pages: after.get(article.id)?.pages ?? [] })),
      brokenImages,
    };
  }

  /** @type {any} */ (window).paibanPaginate = paibanPaginate;
})();
