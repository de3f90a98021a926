/** 禁则: marks that may not start or end a line, and units broken apart (docs/typesetting.md §2). */
import type { PageFinding as Finding } from '../../api.js';
import { finding, textOf, type Block } from '../blocks.js';

/** Never at the start of a line (docs/typesetting.md §2, GB/T 15834); `——` and `……` may start one, as whole pairs. */
const noLineStart = new Set([...'、，。；：？！”’）〕】》〉」』〗］｝–—～·/／%‰℃…']);

/** Never at the end of a line. */
const noLineEnd = new Set([...'“‘（〔【《〈「『〖［｛']);

export const wordCharacter = /[\p{L}\p{N}]/u;

const asciiAlphanumeric = /^[A-Za-z0-9]$/;

const digit = /^[0-9]$/;

/** A break the line adjustment allowed (in an address, a long identifier or a formula): not a fault. */
const allowedBreak = '[data-adjust^="break-"]';

/**
 * Every soft line break inside a block: forbidden first and last characters, and breaks inside `——`, `……`
 * or a number or Latin word (docs/typesetting.md §2) — not at a space between two words, nor where the line
 * adjustment allowed a break.
 */
export function checkLineBreaks(block: Block): Finding[] {
  const findings: Finding[] = [];
  block.lines.forEach((line, index) => {
    const next = block.lines[index + 1];
    if (!next || line.forcedEnd) return;
    // The characters either side of the break, three at most.
    const before = line.glyphs.slice(-3).map((glyph) => glyph.character);
    const after = next.glyphs.slice(0, 3).map((glyph) => glyph.character);
    const [last, beforeLast] = [before[before.length - 1], before[before.length - 2]];
    const [first, second] = [after[0], after[1]];
    const { fragment } = line;
    const lastGlyph = line.glyphs[line.glyphs.length - 1];
    if (!lastGlyph.spaceAfter && !lastGlyph.node.parentElement?.closest(allowedBreak) && isUnbreakable(beforeLast, last, first, second)) {
      findings.push(finding('split-unbreakable', fragment, line, textOf(line), `broken inside “${before.join('')}⏎${after.join('')}”`));
      return;
    }
    if (noLineEnd.has(last)) findings.push(finding('line-end-forbidden', fragment, line, textOf(line), `ends with “${last}”`));
    const startsPair = (first === '—' || first === '…') && second === first;
    if (noLineStart.has(first) && !startsPair) {
      findings.push(finding('line-start-forbidden', next.fragment, next, textOf(next), `starts with “${first}”`));
    }
  });
  return findings;
}

/**
 * Whether a break between `last` and `first` splits `——`, `……`, a Latin word or a number (`2024`, `3.05`).
 */
function isUnbreakable(beforeLast: string | undefined, last: string, first: string, second: string | undefined) {
  if ((last === '—' || last === '…') && first === last) return true;
  if (asciiAlphanumeric.test(last) && asciiAlphanumeric.test(first)) return true;
  const separator = /^[.,]$/;
  return (separator.test(last) && digit.test(beforeLast ?? '') && digit.test(first)) || (digit.test(last) && separator.test(first) && digit.test(second ?? ''));
}
