/**
 * What a line break would move and where a run may break: the unit that would come back up a line, the breaks clreq
 * allows in a formula-like run, the Latin word that may be hyphenated, marks that may be narrowed.
 */
import type { CharacterTest } from '../core/characters.js';
import { closingMark, connector, digit, formulaOperator, han, hyphen, latinOrDigit, latinRun, mark, openingMark } from '../core/punctuation.js';
import type { Glyph } from '../core/segments.js';

/**
 * A Latin word that may be hyphenated: four lowercase letters or more, after one capital at most. Acronyms and
 * names set in capitals inside (`NVMe`, `RedCap`) stay whole, as English typesetting keeps them.
 */
const hyphenatable = /^[A-Z]?[a-z]{4,}$/;

/** What the decisions read of a glyph: its character, and whether a line may break after it (a space follows). */
export type Letter = Pick<Glyph, 'character' | 'spaceAfter'>;

/** Whether a Latin word may be hyphenated (see hyphenatable). */
export function mayHyphenate(word: string): boolean {
  return hyphenatable.test(word);
}

/**
 * The first unit of a line: what would come back to the line above were the break before it moved one
 * opportunity on — opening marks; one Han character or a run of Latin letters and digits (up to a space), and
 * what a connector joins to it (`流-2024`, `1+17+60+N`); then the closing marks that may not start a line.
 */
export function firstUnit<G extends Letter>(glyphs: G[]): G[] {
  let at = 0;
  const is = (test: CharacterTest, index: number) => index < glyphs.length && test(glyphs[index].character);
  /** The end of the run of letters and digits from `index`, stopping after a space. */
  const runEnd = (index: number) => {
    while (is(latinRun, index)) if (glyphs[index++].spaceAfter) return { end: index, spaced: true };
    return { end: index, spaced: false };
  };
  while (is(openingMark, at)) at++;
  let spaced = false;
  if (is(han, at)) at++;
  else ({ end: at, spaced } = runEnd(at));
  while (!spaced && at > 0 && !glyphs[at - 1].spaceAfter && is(connector, at) && is(latinOrDigit, at + 1)) ({ end: at, spaced } = runEnd(at + 1));
  while (is(closingMark, at)) at++;
  return glyphs.slice(0, at);
}

/**
 * Whether the mark at `at` has no mark beside it, in its text or among the glyphs: halving one of two marks side
 * by side would make them touch (text-spacing-trim has taken half of one already).
 */
export function isolatedMark(glyphs: Glyph[], at: number) {
  const { node, offset, character } = glyphs[at];
  const neighbours = [node.data[offset - 1], node.data[offset + character.length], glyphs[at - 1]?.character, glyphs[at + 1]?.character];
  return !neighbours.some((neighbour) => neighbour !== undefined && mark(neighbour));
}

/**
 * The runs of Latin letters and digits among some glyphs, each within one text node: the ⅛-em autospace either
 * side of such a run is what `no-autospace` takes out.
 */
export function latinRuns(glyphs: Glyph[]): Glyph[][] {
  const runs: Glyph[][] = [];
  glyphs.forEach((glyph, at) => {
    if (!latinOrDigit(glyph.character)) return;
    const run = runs[runs.length - 1];
    const previous = glyphs[at - 1];
    const continues = run && run[run.length - 1] === previous && previous.node === glyph.node && previous.offset + previous.character.length === glyph.offset;
    if (continues) run.push(glyph);
    else runs.push([glyph]);
  });
  return runs;
}

/**
 * The glyphs of a unit after which clreq lets a formula-like run break: an operator between two operands
 * (`1+17+60+N`), or a hyphen between a name and a number (`清源断流-2024`) — never inside a number (`0531-51782293`
 * is one).
 */
export function formulaBreaks<G extends Letter>(unit: G[]): G[] {
  return unit.filter((glyph, at) => {
    const [before, after] = [unit[at - 1]?.character, unit[at + 1]?.character];
    if (before === undefined || after === undefined) return false;
    if (formulaOperator(glyph.character)) return latinOrDigit(before) && latinOrDigit(after);
    return hyphen(glyph.character) && (han(before) || (latinOrDigit(before) && !digit(before))) && digit(after);
  });
}

/**
 * The Latin word a unit is (opening and closing marks aside), when it may be hyphenated and its letters are one
 * text's: `Checkpoint，`, not `3GPP` or `700MHz`.
 */
export function wordIn(unit: Glyph[]): { node: Text; start: number; end: number } | undefined {
  const letters = unit.filter((glyph) => !mark(glyph.character));
  const [first, last] = [letters[0], letters[letters.length - 1]];
  if (!first || first.node !== last.node) return undefined;
  const [start, end] = [first.offset, last.offset + last.character.length];
  return mayHyphenate(first.node.data.slice(start, end)) && end - start === letters.length ? { node: first.node, start, end } : undefined;
}
