/** The paginated pages: which hold an article, and their numbers after pages were replaced. */

export const articlesOf = (root: ParentNode) => Array.from(root.querySelectorAll('article[data-article]')) as HTMLElement[];

export const mainPages = (): HTMLElement[] => Array.from(document.querySelectorAll('body > .pagedjs_pages > .pagedjs_page'));

/** The pages holding (part of) an article: every article starts a page, so no page holds two. */
export const pagesHolding = (pages: HTMLElement[], id: string) => pages.filter((page) => page.querySelector(`article[data-article="${CSS.escape(id)}"]`));

/**
 * Page numbers, ids and first-page marks after pages were replaced, and the contents' page numbers: Paged.js
 * writes each target-counter as a rule `[data-target-counter-…="uuid"]::after { counter-reset: … N }` when it
 * lays out the page holding the link; those rules are rewritten from where the targets are now.
 */
export function renumberPages() {
  const pages = mainPages();
  pages.forEach((page, index) => {
    page.id = `page-${index + 1}`;
    page.dataset.pageNumber = String(index + 1);
    page.classList.toggle('pagedjs_first_page', index === 0);
  });
  (document.querySelector('body > .pagedjs_pages') as HTMLElement).style.setProperty('--pagedjs-page-count', String(pages.length));
  // Paged.js's rules are in <style> elements; reading a <link>ed sheet's rules throws when it came from another
  // origin or was refused (a stylesheet link in an article's raw HTML, blocked by the content security policy).
  for (const sheet of Array.from(document.styleSheets).filter((candidate) => candidate.ownerNode instanceof HTMLStyleElement)) {
    for (const rule of Array.from(sheet.cssRules)) {
      const target = rule instanceof CSSStyleRule && /^\[data-(target-counter-[\w-]+)="([^"]+)"\]/.exec(rule.selectorText);
      if (!target || !(rule instanceof CSSStyleRule)) continue;
      const link = document.querySelector(`[data-${target[1]}="${CSS.escape(target[2])}"]`);
      const href = link?.getAttribute('href');
      const element = href?.startsWith('#') ? document.getElementById(href.slice(1)) : null;
      const page = element && pages.findIndex((candidate) => candidate.contains(element));
      if (page !== null && page !== undefined && page >= 0) rule.style.setProperty('counter-reset', `${target[1]} ${page + 1}`);
    }
  }
}
