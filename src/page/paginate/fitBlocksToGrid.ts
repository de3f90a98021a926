/**
 * Blocks that are not body text on the line grid (标题占行): an article's head (title, subtitle, dateline, authors and
 * the space under them) and each table across the columns (caption, rows and the space around them) take a whole
 * number of body lines, so that the body under them sits on the grid of every other page and full columns end on the
 * foot line. No CSS does this (`line-grid` was never implemented, docs/typesetting.md §8) and their height depends on
 * how their text wraps: each is measured alone at the type area's width, with its ancestors' styles, before Paged.js
 * lays it out, and the space that makes it whole lines is added half above and half below it, the block centred in
 * its lines as a typesetter centres it (a head in its padding, a table in its margins).
 */
import { createBenchHost, shellsAround } from '../core/bench.js';
import { spaceToWholeLines } from '../core/grid.js';

/** Marks a block whose space was set here, with the space added (px): an article set again keeps it. */
const fitted = 'data-grid-space';

/** Sets the space around every article's head and spanning tables so that each takes a whole number of lines. */
export function fitBlocksToGrid(articles: Element[]) {
  const host = createBenchHost('var(--type-area-width)');
  try {
    const pitch = parseFloat(getComputedStyle(host).lineHeight);
    for (const article of articles) {
      const head = article.querySelector(':scope > .article-head');
      if (head instanceof HTMLElement) fitBlock(head, article, host, pitch, 'padding');
      for (const table of Array.from(article.querySelectorAll('.article-body table'))) {
        if (table instanceof HTMLElement) fitBlock(table, article, host, pitch, 'margin');
      }
    }
  } finally {
    host.remove();
  }
}

/**
 * Measures a copy of `block` on a bench of its ancestors up to the article and adds to its `side` (padding or margin)
 * above and below the space that makes it, with that space, whole lines.
 */
function fitBlock(block: HTMLElement, article: Element, host: HTMLElement, pitch: number, side: 'padding' | 'margin') {
  if (block.hasAttribute(fitted)) return;
  const copy = block.cloneNode(true) as HTMLElement;
  const bench = shellsAround(block, article, copy);
  host.append(bench);
  try {
    const style = getComputedStyle(copy);
    // A table kept in a column is not a block of the page's grid on its own (nor made so here).
    if (side === 'margin' && style.columnSpan !== 'all') return;
    const [top, bottom] = [parseFloat(style.getPropertyValue(`${side}-top`)), parseFloat(style.getPropertyValue(`${side}-bottom`))];
    const outside = side === 'margin' ? top + bottom : 0;
    const space = spaceToWholeLines(copy.getBoundingClientRect().height + outside, pitch);
    block.style.setProperty(`${side}-top`, `${top + space / 2}px`);
    block.style.setProperty(`${side}-bottom`, `${bottom + space / 2}px`);
    block.setAttribute(fitted, space.toFixed(3));
  } finally {
    host.removeChild(bench);
  }
}
