/**
 * The opening title block on the line grid (标题占行): an article's head (title, subtitle, dateline, authors and the
 * space under them) takes a whole number of body lines, so that the body under it sits on the grid of every other
 * page and its columns end on the foot line. No CSS does this (`line-grid` was never implemented, docs/typesetting.md
 * §8) and the head's height depends on how its title wraps: each head is measured alone at the type area's width
 * before Paged.js lays it out, and the space that makes it whole lines is added half above and half below it, the
 * block centred in its lines as a typesetter centres it.
 */
import { createBenchHost } from '../core/bench.js';
import { padHalfAndHalf, spaceToWholeLines } from '../core/grid.js';

/** Marks a head whose space was set here, with the space added (px): set again, a head is measured without it. */
const fitted = 'data-grid-space';

/** Sets every article head's padding so that it takes a whole number of lines. */
export function fitHeadsToGrid(articles: Element[]) {
  const host = createBenchHost('var(--type-area-width)');
  try {
    const pitch = parseFloat(getComputedStyle(host).lineHeight);
    for (const article of articles) {
      const head = article.querySelector(':scope > .article-head');
      if (!(head instanceof HTMLElement) || head.hasAttribute(fitted)) continue;
      const copy = head.cloneNode(true) as HTMLElement;
      host.append(copy);
      const style = getComputedStyle(copy);
      const space = spaceToWholeLines(copy.getBoundingClientRect().height, pitch);
      padHalfAndHalf(head, space, style);
      head.setAttribute(fitted, space.toFixed(3));
      copy.remove();
    }
  } finally {
    host.remove();
  }
}
