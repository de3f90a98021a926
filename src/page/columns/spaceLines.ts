/**
 * 加行: a column still short after the loosening and 缩行 filled with a line of space where a typesetter puts one, on
 * the grid: a heading above the hole set one line taller (a second-level heading takes one line in this house, two in
 * many; docs/typesetting.md §1 on the grid), or, on an opening page, the title block a line taller and a paragraph
 * after the hole set a line shorter (缩行) to give the page back that line. The element's own text is centred in its
 * lines, as fitHeadsToGrid centres a title block. On 2024-4 they fill the two opening pages whose first column ended
 * a line short (pp. 36 and 52): a paragraph split over the columns by the widow rule, and a level-1 heading whose
 * block starts the second column, where no paragraph of the first could be set a line longer.
 *
 * Each element given a line carries `data-adjust="space"`, counted by the typography check with the adjustments.
 */
import { tightenParagraph } from '../adjust/adjustLines.js';
import { linesOf } from '../core/columnLines.js';
import { columnIndexAt, type Columns } from '../core/columns.js';
import { padHalfAndHalf } from '../core/grid.js';
import { slack } from '../core/tolerances.js';
import { isWholeBodyText, onBench, takeContentOf } from './loosen.js';

/** Most paragraphs tried for the 缩行 that gives an opening page back the title block's line (each lays the page out). */
const mostTightened = 3;

/**
 * The ways to fill a page's short columns with a line of space, in the order tried, found as they are reached (the
 * 缩行 benches only when no heading filled the page): each makes its change and returns what takes it back, or
 * undefined when it has nothing to change. The caller judges the page after each, and takes it back before the next.
 */
export function* spaceLineChanges(body: HTMLElement, geometry: Columns, lastShort: number, pitch: number): Generator<() => (() => void) | undefined> {
  const bands = linesOf(body, geometry);
  const headings = (Array.from(body.querySelectorAll(':scope > :is(h2, h3, h4)')) as HTMLElement[])
    .filter((heading) => heading.getClientRects().length > 0 && columnIndexAt(geometry, heading.getBoundingClientRect().left) <= lastShort)
    // Not a heading that starts its column: space over it would open the column below its neighbour's first line.
    .filter((heading) => {
      const box = heading.getBoundingClientRect();
      const column = columnIndexAt(geometry, box.left);
      return bands.some((band) => band.column === column && band.bottom <= box.top + slack);
    })
    // The nearest the hole first: a line there moves the least text.
    .reverse();
  // On the article's opening page its fragment there holds the title block.
  const head = body.closest('article')?.querySelector(':scope > .article-head');
  for (const heading of headings) yield () => addLine(heading, pitch);
  if (!(head instanceof HTMLElement)) return;
  for (const tighten of tightenedAfter(body, geometry, lastShort)) yield () => withTallerHead(head, pitch, tighten);
}

/** The title block a line taller and a paragraph a line shorter (`tighten`), both or neither. */
function withTallerHead(head: HTMLElement, pitch: number, tighten: () => (() => void) | undefined) {
  const undoTighten = tighten();
  if (!undoTighten) return undefined;
  const undoLine = addLine(head, pitch);
  return () => {
    undoLine();
    undoTighten();
  };
}

/**
 * 缩行 of the paragraphs wholly on the page that start in a column after the last short one (a line taken there moves
 * nothing into the hole), each set a line shorter on a bench (adjust/adjustLines.ts tightenParagraph: its marks
 * narrowed) when it can be: what applies it, and takes it back.
 */
function tightenedAfter(body: HTMLElement, geometry: Columns, lastShort: number): Array<() => () => void> {
  const found: Array<() => () => void> = [];
  for (const paragraph of Array.from(body.querySelectorAll(':scope > p')) as HTMLElement[]) {
    if (found.length === mostTightened) break;
    if (!isWholeBodyText(paragraph) || (linesOf(paragraph, geometry)[0]?.column ?? -1) <= lastShort) continue;
    const copy = onBench(paragraph, body, geometry, (bench) => (tightenParagraph(bench) ? bench : undefined));
    if (copy) found.push(() => takeContentOf(paragraph, copy));
  }
  return found;
}

/** Gives an element a line more of space, half above and half below it: what takes it back. */
function addLine(element: HTMLElement, pitch: number): () => void {
  const [style, adjust] = [element.getAttribute('style'), element.dataset.adjust];
  padHalfAndHalf(element, pitch);
  element.dataset.adjust = 'space';
  return () => {
    if (style === null) element.removeAttribute('style');
    else element.setAttribute('style', style);
    if (adjust === undefined) delete element.dataset.adjust;
    else element.dataset.adjust = adjust;
  };
}
