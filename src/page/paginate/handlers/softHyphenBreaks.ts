import { Paged } from '../pagedjs.js';

/**
 * Paged.js breaks a page one letter late after a soft hyphen (a word the line adjustment hyphenated, or an author's
 * `&shy;`): it takes the first letter below the page by each letter's box, and Chromium's box of the letter after a
 * soft hyphen where the line breaks spans the hyphen drawn on the line above (its client rects list that first). The
 * overflow is moved back to that letter when its own box is on the line of the letter Paged.js found; Paged.js then
 * ends the page with the hyphen (runPagedJs).
 */
export class SoftHyphenBreaks extends Paged.Handler {
  onOverflow(overflow: Range | undefined): Range | undefined {
    const node = overflow?.startContainer;
    const offset = overflow?.startOffset ?? 0;
    if (!overflow || !(node instanceof Text) || offset < 2 || offset >= node.data.length || node.data[offset - 2] !== '\u00ad') return undefined;
    const boxOf = (at: number) => {
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + 1);
      return Array.from(range.getClientRects()).at(-1);
    };
    const [late, found] = [boxOf(offset - 1), boxOf(offset)];
    if (!late || !found || late.bottom <= found.top) return undefined;
    const moved = overflow.cloneRange();
    moved.setStart(node, offset - 1);
    return moved;
  }
}
