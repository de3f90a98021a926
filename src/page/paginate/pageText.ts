/** The text of the articles before and after pagination, for Node's check that nothing was lost. */
import { mainPages } from './pages.js';

/** Not text of the article: Paged.js drops scripts from the pages, so counting them would report text lost. */
const notText = 'script, style, template, noscript';

/**
 * Figures float out of the text's order: wide ones to the top of a page (placeWideFigures.ts), column ones past the
 * lines that fill the column before them (floatColumnFigures.ts). Their text is compared apart, figure by figure, in
 * order: the body text still proves nothing lost or moved, the figures' that none is lost, repeated or reordered.
 * Each kind keeps its order, not the two together: a wide figure at a page's top comes before the column figures
 * of the page's text above its reference.
 */
const floated = 'figure';
const kinds = ['figure.wide', 'figure:not(.wide)'];

/**
 * The visible text of an element, whitespace and soft hyphens removed (the line adjustment hyphenates a word after
 * the text is taken), without what `skipped` matches.
 */
const textOf = (element: Element, skipped: string = `${notText}, ${floated}`) => {
  const walker = element.ownerDocument.createTreeWalker(element, NodeFilter.SHOW_TEXT, {
    acceptNode: (node) => (node.parentElement?.closest(skipped) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
  });
  let text = '';
  for (let node = walker.nextNode(); node; node = walker.nextNode()) text += withoutPagedHyphen(node as Text);
  return text.replace(/[\s\u00ad]+/g, '');
};

/**
 * A text node's text without the hyphen Paged.js adds where it breaks a page inside a word (Layout's
 * hyphenateAtBreak: the hyphen appended to the text before the break, its parent classed `pagedjs_hyphen`; see
 * runPagedJs): drawn for the reader, not the author's text.
 */
const withoutPagedHyphen = (node: Text) => {
  const pagedHyphen = node.parentElement?.classList.contains('pagedjs_hyphen') && !node.nextSibling && node.data.endsWith('-');
  return pagedHyphen ? node.data.slice(0, -1) : node.data;
};

/** The text of each figure of a kind in an element, in document order. */
const figuresOf = (element: Element, kind: string) => Array.from(element.querySelectorAll(kind), (figure) => textOf(figure, notText));

/** An article's text before pagination, and its figures' (the wide ones, then the column ones, each in order). */
export function describeSource(article: HTMLElement) {
  const figures = kinds.flatMap((kind) => figuresOf(article, kind));
  return { id: article.dataset.article ?? '', file: article.dataset.file ?? '', text: textOf(article), figures };
}

/**
 * Where each article starts and the text found on its pages, against its text before pagination.
 */
export function describeLayout(before: Array<{ id: string; file: string; text: string; figures: string[] }>) {
  const articleStartPages: Record<string, number> = {};
  const after: Map<string, { text: string; pages: number[]; figures: string[][] }> = new Map();
  const pages = mainPages();
  pages.forEach((pageElement, index) => {
    pageElement.querySelectorAll('article.article').forEach((fragment) => {
      const id = (fragment as HTMLElement).dataset.article ?? '';
      articleStartPages[id] ??= index + 1;
      const entry = after.get(id) ?? { text: '', pages: [], figures: kinds.map(() => []) };
      entry.text += textOf(fragment);
      kinds.forEach((kind, at) => entry.figures[at].push(...figuresOf(fragment, kind)));
      entry.pages.push(index + 1);
      after.set(id, entry);
    });
  });
  return {
    pageCount: pages.length,
    articleStartPages,
    text: before.map((article) => {
      const paged = after.get(article.id);
      return { ...article, paged: paged?.text ?? '', pages: paged?.pages ?? [], pagedFigures: paged?.figures.flat() ?? [] };
    }),
  };
}
