/** A heading that ends a column or is broken over two. */
import type { PageFinding as Finding } from '../../api.js';
import { articleOf, finding, runsOf, textOf, type Block } from '../blocks.js';

export const headingSelector = '.article-body :is(h2, h3, h4, h5, h6)';

/**
 * A heading may not end a column: the text it heads must follow it in the same column (docs/typesetting.md §1, §5), and
 * the heading itself must not be broken over two columns. Blocks are in document order, so the next block of
 * the same article is what the heading heads.
 */
export function checkHeadings(blocks: Block[]): Finding[] {
  return blocks.flatMap((block, index) => {
    const heading = block.fragments[0];
    if (!heading.element.matches(headingSelector)) return [];
    const text = block.lines.map(textOf).join('');
    const split = runsOf(block.lines);
    if (split.length > 1) {
      const last = split[0][split[0].length - 1];
      return [finding('heading-last-in-column', last.fragment, last, text, 'the heading is broken over two columns')];
    }
    const last = block.lines[block.lines.length - 1];
    const next = blocks[index + 1]?.lines[0];
    if (!next || articleOf(blocks[index + 1].fragments[0].element) !== articleOf(heading.element)) return [];
    // Null: a table across the columns, which follows the columns above it.
    if (next.page === last.page && (next.column === last.column || next.column === null)) return [];
    return [finding('heading-last-in-column', heading, last, text, 'the text it heads starts in the next column')];
  });
}
