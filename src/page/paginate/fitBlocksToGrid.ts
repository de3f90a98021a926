/**
 * The blocks of an article's body that are not body text on the line grid (标题占行): tables with their captions,
 * column figures with their captions, block quotes, code blocks, thematic breaks and the footnote area each take a
 * whole number of body lines, their content centred in them as a typesetter centres it, so that the text under them
 * stays on the grid of every other page and full columns end on the foot line (docs/typesetting.md §1). As for the
 * article heads (fitHeadsToGrid.ts), each is measured alone before Paged.js lays it out, margins included, and the
 * space that makes it whole lines is added half above and half below.
 *
 * The space is the padding of a wrapper (`.grid-block`) holding the block, its own margins moved into that padding:
 * a margin is truncated where a column or page begins (Chromium's fragmentation, and Paged.js's pages), so a table
 * or figure at a column's head would keep only its margin below and set the rest of the column off the grid; padding
 * stays. A table's own padding does nothing (collapsed borders), so the wrapper it is. A wrapper of a table set across
 * the columns spans them itself (`column-span` works on a direct child of the body's columns). Wide figures are not
 * wrapped: they leave the flow and take whole lines at a page's top (placeWideFigures.ts).
 */
import { createBenchHost, shellsAround } from '../core/bench.js';
import { spaceToWholeLines } from '../core/grid.js';

/** Blocks of a body that take whole lines, as direct children of the body; a footnote area with its rule is one. */
const blockSelector = ':is(table, figure:not(.wide), blockquote, pre, hr, section.footnotes)';

/** The wrapper's class; it carries the space it added (px) in data-grid-space. */
const wrapperClass = 'grid-block';

/** Wraps every such block of every article's body and sets its wrapper's padding to make it whole lines. */
export function fitBlocksToGrid(articles: Element[]) {
  const host = createBenchHost('var(--type-area-width)');
  try {
    const pitch = parseFloat(getComputedStyle(host).lineHeight);
    for (const article of articles) {
      const body = article.querySelector(':scope > .article-body');
      if (!body) continue;
      for (const group of blockGroups(body)) fitGroup(wrap(group), article, host, pitch);
    }
  } finally {
    host.remove();
  }
}

/** The body's blocks to fit, not yet wrapped, a footnote rule grouped with the footnotes under it. */
function blockGroups(body: Element): HTMLElement[][] {
  const groups: HTMLElement[][] = [];
  for (const child of Array.from(body.children)) {
    if (!(child instanceof HTMLElement) || !child.matches(blockSelector)) continue;
    const previous = groups.at(-1)?.at(-1);
    if (child.matches('section.footnotes') && previous?.matches('hr.footnotes-sep') && previous.nextElementSibling === child) groups.at(-1)?.push(child);
    else groups.push([child]);
  }
  return groups;
}

/** A wrapper in place of the group, holding it. */
function wrap(group: HTMLElement[]) {
  const wrapper = document.createElement('div');
  wrapper.className = wrapperClass;
  group[0].before(wrapper);
  wrapper.append(...group);
  return wrapper;
}

/**
 * Measures a copy of the wrapper on a bench of its ancestors up to the article, the body's columns filled one after
 * the other (so a block sets at a column's width, or across them if it spans, and never splits), and moves the
 * blocks' outer margins into the wrapper's padding with the space that makes it whole lines. The wrapper spans the
 * columns and is kept whole as its block is (a figure never leaves its caption, nor its space). Styles are read on
 * the bench: an article paginated again (--watch) is set here before it is in the document.
 */
function fitGroup(wrapper: HTMLElement, article: Element, host: HTMLElement, pitch: number) {
  const copy = wrapper.cloneNode(true) as HTMLElement;
  const bench = shellsAround(wrapper, article, copy, (ancestor, shell) => {
    if (ancestor.classList.contains('article-body')) shell.style.cssText += '; column-fill: auto; height: 100000px;';
  });
  host.append(bench);
  try {
    const [first, last] = [copy.firstElementChild as HTMLElement, copy.lastElementChild as HTMLElement];
    const style = getComputedStyle(first);
    const top = parseFloat(style.marginTop);
    const bottom = parseFloat(getComputedStyle(last).marginBottom);
    const shape = { columnSpan: style.columnSpan === 'all' ? 'all' : '', breakInside: style.breakInside === 'avoid' ? 'avoid' : '' };
    for (const box of [copy, wrapper]) {
      Object.assign(box.style, shape);
      (box.firstElementChild as HTMLElement).style.marginTop = '0';
      (box.lastElementChild as HTMLElement).style.marginBottom = '0';
    }
    const space = spaceToWholeLines(copy.getBoundingClientRect().height + top + bottom, pitch);
    wrapper.style.paddingTop = `${top + space / 2}px`;
    wrapper.style.paddingBottom = `${bottom + space / 2}px`;
    wrapper.dataset.gridSpace = space.toFixed(3);
  } finally {
    host.removeChild(bench);
  }
}
