/** A block's first or last line alone in its column. */
import type { PageFinding as Finding } from '../../api.js';
import { finding, runsOf, textOf, type Block } from '../blocks.js';
import { headingSelector } from './headings.js';

/**
 * 孤行: a block of two or more lines leaving one line alone in a column — its first line at a column's foot
 * or its last at a column's head (docs/typesetting.md §5). A broken heading is reported as a heading.
 */
export function checkWidowsAndOrphans(block: Block): Finding[] {
  const runs = runsOf(block.lines);
  if (block.lines.length < 2 || runs.length < 2 || block.fragments[0].element.matches(headingSelector)) return [];
  return runs
    .filter((run) => run.length === 1)
    .map(([line]) => {
      const where = line === block.lines[0] ? 'first line alone at the foot of the column' : 'line alone at the head of the column';
      return finding('widow-orphan', line.fragment, line, textOf(line), where);
    });
}
