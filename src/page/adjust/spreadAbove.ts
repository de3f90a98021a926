/**
 * `loosen-above`, the line adjustment's last resort for a line that stays loose (the check's `loose-line`) when no
 * step could bring its next unit back (a product name or an identifier of five em and more after `采用`): the lines
 * above it hand it part of their text, each spread a little, so that the white of one gaping line is shared by
 * several lines each within the ordinary stretch — what TeX does with a paragraph, and a typesetter by hand.
 */
import type { Change } from './steps.js';
import { measureParagraph, measureStretches, type Line } from '../core/paragraphLines.js';
import { han, mark } from '../core/punctuation.js';
import { badnessOf, epsilon, ordinaryStretchEm, spacingsAbove } from '../core/stretch.js';
import { spaceOut } from '../edit/adjustments.js';

/** Characters that take the spacing: ideographs and CJK marks (a Latin word letter-spaced would read as spaced out). */
const spaced = (character: string) => han(character) || mark(character);

/** How many plans (spacingsAbove) are tried at most: each lays the paragraph out again. */
const mostTries = 3;

/**
 * Spreads the lines above line `index` of a paragraph so that they hand it their text, when it is loose beyond the
 * check's limit. The change is kept when every line it touched (their spacing counted: the check reads it as spread)
 * is within the ordinary stretch, the paragraph is no longer, and its badness from the first spread line on, the
 * spacing counted, is less than before.
 */
export function spreadAbove(paragraph: HTMLElement, index: number): Change | undefined {
  const { lines, stretches, em } = measureParagraph(paragraph);
  if (index === 0 || index >= lines.length - 1 || stretches[index] / em <= ordinaryStretchEm) return undefined;
  // Only lines of the same run of text: a forced break (<br>) above ends the lines that could give.
  let first = index;
  while (first > 0 && !lines[first - 1].forcedEnd) first--;
  const above = lines
    .slice(first, index)
    .map((line, at) => ({ stretch: stretches[first + at] / em, characters: spacedCount(line) }))
    .reverse();
  for (const plan of spacingsAbove(above).slice(0, mostTries)) {
    const from = index - plan.length;
    const before = badnessOf(stretches.slice(from), em);
    const changes = plan.flatMap((spacing, at) => {
      const change = spacing > 0 ? spaceOut(lines[index - 1 - at].glyphs, spacing, spaced) : undefined;
      return change ? [change] : [];
    });
    const change: Change = { kinds: ['loosen-above'], undo: () => changes.forEach((each) => each.undo()) };
    if (changes.length > 0 && better(paragraph, from, lines.length, before)) return change;
    change.undo();
  }
  return undefined;
}

/**
 * Whether the paragraph, spread from line `from` on, is as long as before (`count` lines), has no line from there on
 * beyond the ordinary stretch and a badness from there on less than `before`, the letter spacing counted as stretch.
 */
function better(paragraph: HTMLElement, from: number, count: number, before: number) {
  if (measureStretches(paragraph).stretches.length !== count) return false;
  const { lines, stretches, em } = measureParagraph(paragraph);
  if (lines.length !== count) return false;
  const spread = lines.slice(from).map((line, at) => stretches[from + at] + spacingOf(line));
  return spread.every((stretch) => stretch / em <= ordinaryStretchEm) && badnessOf(spread, em) < before - epsilon;
}

/** The characters of a line that would take the spacing (its last too: its spacing makes the line longer). */
function spacedCount(line: Line) {
  return line.glyphs.filter((glyph) => spaced(glyph.character)).length;
}

/** The letter spacing a line's characters took (px). */
function spacingOf(line: Line) {
  let sum = 0;
  for (const glyph of line.glyphs.slice(0, -1)) {
    const span = glyph.node.parentElement?.closest('[data-adjust="loosen-above"]');
    if (span instanceof HTMLElement) sum += parseFloat(getComputedStyle(span).letterSpacing);
  }
  return sum;
}
