/**
 * Wide figures (`![…](…){.wide}`, a <figure class="wide"> across all columns) are set as a magazine sets them: at
 * the top of the page where the text refers to them, the text going on in its columns below, never in the middle of
 * a page with the columns above balanced short. Paged.js 0.4.3 reads `float: footnote` only (its Footnotes handler),
 * not the page floats of CSS Page Floats (https://drafts.csswg.org/css-page-floats/: `float: top`, deferred to the
 * next page when it does not fit), so this handler builds them for wide figures, in three steps:
 *
 * 1. `filter` (after Paged.js has parsed the content, before any page): each wide figure leaves the flow; an empty
 *    anchor marks its place (at the start of the next paragraph), and each article with wide figures gets one empty
 *    flush mark per figure at its end.
 * 2. `renderNode`: when an anchor is laid out, its figure goes to the top of the page's part of the article body
 *    (under the figures already there; on an article's first page that is under the article's head) if the text
 *    before the anchor still fits the page with it; otherwise it waits for the next page, whose top it takes before
 *    any figure anchored there (figures never change their order). A snapped bottom margin makes figure and margin
 *    whole lines, so the columns below keep the line grid.
 * 3. `layoutNode`: a flush mark reached while figures still wait breaks the page before it, so an article's last
 *    figures get a page of their own at its end rather than leaving the article.
 *
 * The figures' captions are therefore out of the text's order: the text check compares them apart (pageText.ts).
 */
import { Paged } from './pagedjs.js';

const anchorAttribute = 'data-paiban-float-anchor';
const flushAttribute = 'data-paiban-float-flush';
/** Set on a figure once placed: the next one placed on the page goes under it. */
const placedAttribute = 'data-paiban-floated';
/** The least room between a figure's caption and the text under it, in lines (the figure's own margin). */
const leastGap = 0.5;

class WideFigureFloats extends Paged.Handler {
  /** Each anchor's figure, by the anchor's data-ref. */
  figures = new Map<string, HTMLElement>();
  /** Figures waiting for the top of the next page, in source order. */
  waiting: HTMLElement[] = [];
  /** Anchors already handled (a break can move an anchor on to the next page). */
  handled = new Set<string>();
  /** The page being laid out (its Layout), once its article body has begun. */
  pageLayout: unknown = undefined;

  filter(content: DocumentFragment) {
    for (const body of Array.from(content.querySelectorAll('article[data-article] .article-body'))) {
      const figures = Array.from(body.querySelectorAll('figure.wide')) as HTMLElement[];
      for (const figure of figures) {
        // In the paragraph after the figure, at its start, where there is one: an anchor of its own between a
        // heading and its paragraph would take the heading's break-after: avoid (Paged.js's data-previous-break-
        // after), leaving the paragraph free to start the next page without its heading.
        const next = figure.nextElementSibling;
        const anchor = document.createElement(next?.tagName === 'P' ? 'span' : 'div');
        anchor.setAttribute(anchorAttribute, '');
        anchor.dataset.ref = `${figure.dataset.ref}-anchor`;
        if (next?.tagName === 'P') {
          next.prepend(anchor);
          figure.remove();
        } else {
          figure.replaceWith(anchor);
        }
        this.figures.set(anchor.dataset.ref, figure);
      }
      for (const figure of figures) {
        const flush = document.createElement('div');
        flush.setAttribute(flushAttribute, '');
        flush.dataset.ref = `${figure.dataset.ref}-flush`;
        body.append(flush);
      }
    }
  }

  /** A flush mark with figures still waiting starts a new page (Paged.js reads data-break-before). */
  layoutNode(node: Node) {
    if (node instanceof HTMLElement && node.hasAttribute(flushAttribute) && this.waiting.length > 0) node.dataset.breakBefore = 'page';
  }

  renderNode(clone: Node, node: Node, layout: Layout) {
    if (!(clone instanceof HTMLElement)) return;
    const body = clone.closest('.article-body') as HTMLElement | null;
    if (!body) return;
    // The waiting figures take the top of a page when its first element of the article body is laid out, or wait:
    // Paged.js never moves the first thing of a page on (it would break the page where it started, a loop it
    // escapes by keeping everything), and a column figure there might not fit under them.
    if (layout !== this.pageLayout) {
      this.pageLayout = layout;
      if (this.waiting.length > 0 && !(node instanceof Element && node.closest('figure'))) this.placeWaiting(body, layout);
    }
    // A paragraph is laid out whole (Paged.js clones it deep), its anchor inside.
    const anchors = [clone, ...Array.from(clone.querySelectorAll(`[${anchorAttribute}]`))].filter((element) => element.hasAttribute(anchorAttribute));
    for (const anchor of anchors as HTMLElement[]) this.placeAnchored(anchor, body, layout);
  }

  /**
   * The figure of an anchor just laid out, at the top of the page if the text before the anchor still fits the page
   * with it, else waiting for the next page (as it does behind figures already waiting).
   */
  placeAnchored(anchor: HTMLElement, body: HTMLElement, layout: Layout) {
    const ref = anchor.dataset.ref ?? '';
    const figure = this.figures.get(ref);
    if (!figure || this.handled.has(ref)) return;
    this.handled.add(ref);
    if (this.waiting.length > 0 || overflowsBefore(anchor, layout)) {
      this.waiting.push(figure);
      return;
    }
    const placed = place(figure, body);
    if (overflowsBefore(anchor, layout)) {
      placed.remove();
      this.waiting.push(figure);
    }
  }

  /**
   * The waiting figures at the top of a new page, in order, as many as fit (the first always: a figure is never
   * taller than a column, so it fits an empty page).
   */
  placeWaiting(body: HTMLElement, layout: Layout) {
    let count = 0;
    for (const figure of this.waiting) {
      const placed = place(figure, body);
      if (count > 0 && !endsOnPage(placed, layout)) {
        placed.remove();
        break;
      }
      count++;
    }
    this.waiting.splice(0, count);
  }
}

/**
 * A copy of the figure under those already at the top of this page's part of the article body, with no top margin
 * (a figure's margin in the text) and a bottom margin making figure and margin whole lines: the text under it stays
 * on the grid of the pages without figures.
 */
function place(figure: HTMLElement, body: HTMLElement) {
  const copy = figure.cloneNode(true) as HTMLElement;
  copy.setAttribute(placedAttribute, '');
  copy.style.marginTop = '0';
  const above = Array.from(body.children).filter((child) => child.hasAttribute(placedAttribute));
  if (above.length > 0) above[above.length - 1].after(copy);
  else body.prepend(copy);
  const pitch = parseFloat(getComputedStyle(body).lineHeight);
  const height = copy.getBoundingClientRect().height;
  copy.style.marginBottom = `${Math.ceil(height / pitch + leastGap) * pitch - height}px`;
  return copy;
}

/**
 * Whether what is laid out up to the anchor no longer fits the page: Paged.js's own search for the overflow
 * (Layout.findOverflow) in the page's content, which also finds a column figure pushed off the page by a figure
 * placed above it, starts before the anchor (the text after it, in its paragraph, may go on overleaf).
 */
function overflowsBefore(anchor: HTMLElement, layout: Layout) {
  const content = Array.from(layout.element.children).find((child) => child.contains(anchor));
  const overflow = content && layout.findOverflow(content, layout.bounds);
  return Boolean(overflow && overflow.comparePoint(anchor, 0) >= 0);
}

/** Whether a placed figure ends, with its margin, on the page. */
function endsOnPage(figure: HTMLElement, layout: Layout) {
  const box = figure.getBoundingClientRect();
  const margin = parseFloat(figure.style.marginBottom) || 0;
  return Math.round(box.left) < Math.round(layout.bounds.right + layout.gap) && Math.floor(box.bottom + margin) <= Math.round(layout.bounds.bottom);
}

export { WideFigureFloats };

type Layout = { element: HTMLElement; bounds: DOMRect; gap: number; findOverflow: (content: Element, bounds: DOMRect) => Range | undefined };
