/** A block's last line holding a single character. */
import type { PageFinding as Finding } from '../../api.js';
import { finding, textOf, type Block } from '../blocks.js';
import { wordCharacter } from './lineBreaks.js';

/** Blocks whose last line must not hold a single character: not table cells and captions, set narrow. */
const paragraphSelector = 'p, li, dd, h1, h2, h3, h4, h5, h6';

/**
 * 孤字: the last line of a block of two or more lines holds a single character, with punctuation at most
 * (docs/typesetting.md §5).
 */
export function checkLastLine(block: Block): Finding[] {
  const last = block.lines[block.lines.length - 1];
  if (!block.complete || block.lines.length < 2 || !block.fragments[0].element.matches(paragraphSelector)) return [];
  const words = last.glyphs.filter((glyph) => wordCharacter.test(glyph.character));
  if (words.length !== 1) return [];
  return [finding('lone-character', last.fragment, last, textOf(last))];
}
