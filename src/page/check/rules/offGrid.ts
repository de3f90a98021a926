/** A body line off the page's line grid. */
import type { PageFinding as Finding } from '../../api.js';
import { lineBoxBottom } from '../../core/grid.js';
import { finding, textOf, type Block, type Line } from '../blocks.js';
import type { createContext } from '../context.js';

/** Body text set on the grid's pitch: paragraphs and list items of an article's body (not headings, captions, cells). */
const bodySelector = '.article-body :is(p, li, dd)';

/** How far a line box may end from a grid line, in pitches: Chromium snaps glyphs to whole pixels (1 px of 24.5). */
const tolerance = 0.08;

/**
 * 不在版心网格上: a hand-set page is a grid (版心网格), every body line on one of the type area's lines, a whole
 * number of pitches above its foot, so that lines back up through the paper and every full column ends on the foot
 * line; titles, headings, tables and figures take whole lines (../shared/handbook/typography.md §10). A block that is
 * not whole lines shifts every line under it. One finding per column of a page, at its first line off the grid,
 * saying how far off and how many of the column's body lines are.
 */
export function checkOffGrid(pages: Element[], blocks: Block[], context: ReturnType<typeof createContext>): Finding[] {
  const pitch = parseFloat(getComputedStyle(document.documentElement).lineHeight);
  const columns: Map<string, { first: Line; off: number; lines: number; by: number }> = new Map();
  for (const line of blocks.flatMap((block) => block.lines)) {
    const element = line.fragment.element;
    if (!element.matches(bodySelector) || parseFloat(context.style(element).lineHeight) !== pitch) continue;
    const foot = pages[line.page - 1]?.querySelector('.pagedjs_page_content')?.getBoundingClientRect().bottom;
    if (foot === undefined) continue;
    const lines = (foot - lineBoxBottom(line.top, line.bottom, pitch)) / pitch;
    const by = lines - Math.round(lines);
    const key = `${line.page}:${line.column}`;
    const column = columns.get(key) ?? { first: line, off: 0, lines: 0, by: 0 };
    columns.set(key, column);
    column.lines++;
    if (Math.abs(by) <= tolerance) continue;
    if (column.off === 0) Object.assign(column, { first: line, by });
    column.off++;
  }
  return [...columns.values()]
    .filter((column) => column.off > 0)
    .map(({ first, off, lines, by }) =>
      finding(
        'off-grid',
        first.fragment,
        first,
        textOf(first),
        `${off} of ${lines} body lines in the column ${Math.abs(by).toFixed(2)} of a line ${by > 0 ? 'above' : 'below'} the grid`,
      ),
    );
}
