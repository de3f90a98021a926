/** The changes a typesetter tries for a loose line, in order. */
import type { AdjustKind } from '../api.js';
import { measureParagraph, type Line } from '../core/paragraphLines.js';
import { closingMark, mark } from '../core/punctuation.js';
import { breakAfter, hyphenate, narrowMark, noAutospace, track } from '../edit/adjustments.js';
import { targetOf } from '../edit/targets.js';
import { unwrap } from '../edit/wrap.js';
import { firstUnit, formulaBreaks, isolatedMark, latinRuns, wordIn } from './units.js';

/** How many lines above a loose line may have their marks narrowed to move its break (see changesFor). */
const linesAbove = 3;

/**
 * The changes for a loose line `index`, in the order a typesetter tries them, each cumulative on the ones before:
 * halve the mark that would end the line if the first unit of the next line came back; then the line's other
 * marks, one at a time from its end; then take out the Han–Latin spacing of the line's Latin and digit runs (and the
 * unit's); then allow a break after an operator or hyphen in the unit, or hyphenate it when it is a word; then
 * narrow the marks of the lines above, one line after another, to move the line's start on; last, take a hundredth
 * of an em of letter spacing from the line and its unit. Each applies its change and returns it, or undefined when
 * it has nothing to change; a halved mark of the line or its unit says the most it gives (`gain`, half an em).
 *
 */
export function changesFor(paragraph: HTMLElement, lines: Line[], index: number, em: number): Step[] {
  const line = lines[index];
  const unit = firstUnit(lines[index + 1].glyphs);
  const endMark =
    unit.length > 0 && closingMark(unit[unit.length - 1].character) && isolatedMark(unit, unit.length - 1) ? targetOf(unit[unit.length - 1]) : undefined;
  // The line's marks from its end, after those of the unit that would come back (its opening marks).
  const lineMarks = [...line.glyphs, ...unit.slice(0, -1)]
    .flatMap((glyph, at, glyphs) => (mark(glyph.character) && isolatedMark(glyphs, at) ? [targetOf(glyph)] : []))
    .reverse();
  const runs = [...latinRuns(line.glyphs), ...latinRuns(unit)].map((run) => ({ first: targetOf(run[0]), last: targetOf(run[run.length - 1]) }));
  const breaks = formulaBreaks(unit).map(targetOf);
  /**
   * The line and the unit after it as laid out now, for the changes that read them again: the spans of the changes
   * before them moved the text they hold, and a live range in a node that moves goes to its parent.
   */
  const now = () => {
    const fresh = measureParagraph(paragraph).lines;
    return fresh.length > index + 1 ? { line: fresh[index], unit: firstUnit(fresh[index + 1].glyphs) } : undefined;
  };
  const changeOf = (kind: AdjustKind, made: Array<Element | undefined>): Change | undefined => {
    const elements = made.filter((element) => element !== undefined);
    return elements.length === 0 ? undefined : { kinds: elements.map(() => kind), undo: () => elements.forEach(unwrap) };
  };
  const steps: Step[] = [];
  const gain = em / 2;
  if (endMark) steps.push(Object.assign(() => changeOf('halt-end', [narrowMark(endMark, 'halt-end', em)]), { gain }));
  for (const target of lineMarks) steps.push(Object.assign(() => changeOf('halt-line', [narrowMark(target, 'halt-line', em)]), { gain }));
  if (runs.length > 0) steps.push(() => changeOf('no-autospace', runs.map(noAutospace)));
  if (breaks.length > 0) steps.push(() => changeOf('break-formula', breaks.map(breakAfter)));
  if (wordIn(unit)) steps.push(() => changeOf('hyphenate', [hyphenate(now()?.unit ?? [])]));
  // Last, the lines above, nearest first, all their marks at once (JIS X 4051 compresses a line's marks alike):
  // each line that takes a character back up moves this line's start on, and its break with it.
  for (const above of lines.slice(Math.max(0, index - linesAbove), index).reverse()) {
    const targets = above.glyphs.flatMap((glyph, at) => (mark(glyph.character) && isolatedMark(above.glyphs, at) ? [targetOf(glyph)] : []));
    if (targets.length > 0)
      steps.push(() =>
        changeOf(
          'halt-line',
          targets.map((target) => narrowMark(target, 'halt-line', em)),
        ),
      );
  }
  steps.push(() => {
    const fresh = now();
    return fresh && track([...fresh.line.glyphs, ...fresh.unit]);
  });
  return steps;
}

/** One applied step: an adjustment per element it made. */
export type Change = { kinds: AdjustKind[]; undo: () => void };

/** Applies a change; gain: the most it can shorten the line and unit (px). */
type Step = (() => Change | undefined) & { gain?: number };
