/** The changes a typesetter tries for a loose line, in order. */
import type { AdjustKind } from '../api.js';
import { measureParagraph, measureStretches, unitWidth, type Line } from '../core/paragraphLines.js';
import { allowedStretchEm, epsilon, maxTrackingEm, trackingToFit } from '../core/stretch.js';
import { closingMark, mark } from '../core/punctuation.js';
import { breakAfter, breakAnywhere, hyphenate, narrowMark, noAutospace, track } from '../edit/adjustments.js';
import { targetOf } from '../edit/targets.js';
import { unwrap } from '../edit/wrap.js';
import { addressBreaks, addressToBreakAnywhere, formulaBreaks, isolatedMark, latinRuns, unitBelow, wordIn } from './units.js';

/** How many lines above a loose line may have their marks narrowed to move its break (see changesFor). */
const linesAbove = 3;

/**
 * The changes for a loose line `index`, in the order a typesetter tries them, each cumulative on the ones before:
 * halve the mark that would end the line if the first unit of the next line came back; then the line's other
 * marks, one at a time from its end; then take out the Han–Latin spacing of the line's Latin and digit runs (and the
 * unit's); then allow a break after an operator or hyphen in the unit, or hyphenate it when it is a word, or let it
 * break where an address or a long identifier may (the Chicago Manual's places, then anywhere in an address); then
 * narrow the marks of the lines above, one line after another, to move the line's start on; last, take from the
 * line and its unit the letter spacing that makes room for the unit, up to 0.04 em a character (trackingToFit,
 * measured a half-hundredth at a time). Each applies its change and returns it, or undefined when it has nothing to
 * change; a halved mark of the line or its unit says the most it gives (`gain`, half an em). A line still loose after
 * them gets settle.ts's last resorts (`greedy`, `loosen-above`).
 */
export function changesFor(paragraph: HTMLElement, lines: Line[], index: number, em: number): Step[] {
  const line = lines[index];
  const unit = unitBelow(lines, index);
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
    return fresh.length > index + 1 ? { line: fresh[index], unit: unitBelow(fresh, index) } : undefined;
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
  if (breaks.length > 0)
    steps.push(() =>
      changeOf(
        'break-formula',
        breaks.map((target) => breakAfter(target, 'break-formula')),
      ),
    );
  if (wordIn(unit)) steps.push(() => changeOf('hyphenate', [hyphenate(now()?.unit ?? [])]));
  // From the unit as it is now (`no-autospace` has put its letters in spans of their own), and only in what could
  // come back: further on, a break would end a line of the address short (Latin is not spread), where Chromium
  // breaks an address longer than the line at its very edge.
  if (addressBreaks(unit).length > 0)
    steps.push(() => {
      const { unit: unitNow, fitting } = roomBelow(paragraph, index);
      const breaks = addressBreaks(unitNow).filter((glyph) => unitNow.indexOf(glyph) < fitting);
      return changeOf(
        'break-address',
        breaks.map(targetOf).map((target) => breakAfter(target, 'break-address')),
      );
    });
  if (addressToBreakAnywhere(unit))
    steps.push(() => {
      const { unit: unitNow, fitting } = roomBelow(paragraph, index);
      return breakAnywhere((addressToBreakAnywhere(unitNow) ?? []).filter((glyph) => unitNow.indexOf(glyph) <= fitting));
    });
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
  // The least tracking that makes room for the unit, then a half-hundredth more at a time up to the most: what the
  // line lacks is reckoned without the space a Latin word comes back with (`学习 Java`), so each is measured.
  steps.push(() => {
    const fresh = measureParagraph(paragraph);
    if (fresh.lines.length <= index + 1) return undefined;
    const unitNow = unitBelow(fresh.lines, index);
    const glyphs = [...fresh.lines[index].glyphs, ...unitNow];
    const least = trackingToFit(unitWidth(unitNow) - fresh.stretches[index], glyphs.length, em);
    for (let spacing = least; spacing !== undefined && spacing >= -maxTrackingEm - epsilon; spacing -= 0.005) {
      const change = track(glyphs, Number(spacing.toFixed(3)));
      if (!change || spacing - 0.005 < -maxTrackingEm - epsilon) return change;
      if (measureStretches(paragraph).stretches[index] / em <= allowedStretchEm) return change;
      change.undo();
    }
    return undefined;
  });
  return steps;
}

/**
 * The unit below line `index` as laid out now, and how many of its first glyphs fit in what the line lacks (and a
 * quarter of an em more).
 */
function roomBelow(paragraph: HTMLElement, index: number) {
  const { lines, stretches, em } = measureParagraph(paragraph);
  if (lines.length <= index + 1) return { unit: [], fitting: 0 };
  const unit = unitBelow(lines, index);
  let fitting = 0;
  while (fitting < unit.length && unitWidth(unit.slice(0, fitting + 1)) <= stretches[index] + em / 4) fitting++;
  return { unit, fitting };
}

/** One applied step: an adjustment per element it made. */
export type Change = { kinds: AdjustKind[]; undo: () => void };

/** Applies a change; gain: the most it can shorten the line and unit (px). */
type Step = (() => Change | undefined) & { gain?: number };
