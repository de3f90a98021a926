/** The search: a paragraph's loose lines adjusted from the top, a change kept only when the paragraph gets better. */
import { measureParagraph, measureStretches, unitWidth } from '../core/paragraphLines.js';
import { allowedStretchEm, badnessOf, epsilon, ordinaryStretchEm } from '../core/stretch.js';
import { report } from './report.js';
import { spreadAbove } from './spreadAbove.js';
import { breakGreedily, restorePretty } from '../edit/adjustments.js';
import { mark } from '../core/punctuation.js';
import { changesFor, type Change } from './steps.js';
import { unitBelow } from './units.js';

/** Most trials for one paragraph: bounds the cost of a pathological paragraph. */
const maxTrialsPerParagraph = 80;

/**
 * How far (em) settle's reckoning of what a line lacks may be off (spacing that comes or goes as a unit moves back,
 * kerning of marks side by side): a change is measured once the line lacks less than this.
 */
const unmeasuredMargin = 0.25;

/** How many levels of lines below a mended line are adjusted before the paragraph is judged (see settle). */
const lookahead = 2;

/**
 * Adjusts a paragraph line by line from the top (a change re-breaks only the lines after it) and counts what it
 * kept.
 */
export function adjustParagraph(paragraph: HTMLElement) {
  report.paragraphs++;
  const budget = { trials: maxTrialsPerParagraph };
  const kept = settle(paragraph, 0, lookahead, budget);
  // A second pass from the top when the first kept something: `text-wrap: pretty` sets a paragraph's last lines
  // together, so a line below that was mended (its last line taken back) can let a loose line above take its unit.
  if (kept.length > 0) kept.push(...settle(paragraph, 0, lookahead, budget));
  // Set without `pretty`, the lines below a greedy break may since have left a 孤字: then `pretty` comes back.
  const greedy = paragraph.dataset.adjustWrap !== undefined;
  if (greedy && lastLineAlone(paragraph)) restorePretty(paragraph);
  for (const change of kept) for (const kind of change.kinds) if (kind !== 'greedy' || paragraph.dataset.adjustWrap !== undefined) report.counts[kind]++;
}

/**
 * Adjusts the loose lines of a paragraph from line `from` on and returns the changes it kept, which the paragraph
 * is left with. For each loose line the changes are applied one after another, each cumulative on those before,
 * until the line is no longer loose; the paragraph's best state among them is kept, when it is better than
 * before. A change that mends its line often re-breaks the lines after it and opens a hole further down: then
 * those lines are adjusted in turn (`depth` levels deep) before the paragraph is judged.
 */
function settle(paragraph: HTMLElement, from: number, depth: number, budget: { trials: number }): Change[] {
  const kept: Change[] = [];
  let measured = measureStretches(paragraph);
  let badness = badnessOf(measured.stretches, measured.em);
  /** The line tried last, and whether it was tried again: a line still loose after what was kept gets a second turn. */
  let last = { index: -1, again: false };
  for (let index = from; index < measured.stretches.length - 1 && budget.trials > 0 && badness > 0; index++) {
    if (measured.stretches[index] / measured.em <= allowedStretchEm) continue;
    // The glyphs of the lines, for the changes to try (measured again each time: taking a change back merges text
    // nodes, so glyphs measured before may name nodes gone).
    const { lines, stretches, em } = measureParagraph(paragraph);
    // Line boxes the quick measure told apart otherwise (an inline box out of its line's band): judged by glyphs.
    if (stretches.length !== measured.stretches.length) return kept;
    last = { index, again: last.index === index };
    const done: Change[] = [];
    let best = { badness, changes: 0 };
    // What the line lacks for its next unit to come back, less what the changes so far can have given: until it
    // is made up, a change has not mended the line and only spread it further, and is not measured.
    let lacking = unitWidth(unitBelow(lines, index)) - stretches[index] - unmeasuredMargin * em;
    for (const step of changesFor(paragraph, lines, index, em)) {
      if (budget.trials <= 0) break;
      const change = step();
      if (!change) continue;
      done.push(change);
      budget.trials--;
      report.trials++;
      lacking = step.gain === undefined ? -Infinity : lacking - step.gain;
      if (lacking > 0) continue;
      let after = measureStretches(paragraph);
      let score = badnessOf(after.stretches, after.em);
      const mended = after.stretches[index] / after.em <= allowedStretchEm;
      if (mended && score >= best.badness - epsilon && depth > 0) {
        const below = settle(paragraph, index + 1, depth - 1, budget);
        after = measureStretches(paragraph);
        score = badnessOf(after.stretches, after.em);
        if (score < best.badness - epsilon) done.push(combined(below));
        else undoAll(below);
      }
      if (score < best.badness - epsilon) best = { badness: score, changes: done.length };
      if (mended && best.changes === done.length) break;
    }
    undoAll(done.splice(best.changes));
    kept.push(...done);
    measured = measureStretches(paragraph);
    badness = best.badness;
    if (measured.stretches[index] / measured.em > ordinaryStretchEm && budget.trials > 0) {
      const resorts = lastResorts(paragraph, index, depth, budget, badness);
      kept.push(...resorts);
      measured = measureStretches(paragraph);
      if (resorts.length > 0) badness = badnessOf(measured.stretches, measured.em);
    }
    // What was kept may have left the line loose with a new first unit below it (a formula broken after its hyphen).
    if (done.length > 0 && !last.again && measured.stretches[index] / measured.em > allowedStretchEm) index--;
  }
  return kept;
}

/**
 * What is tried for a line still loose beyond the check's limit after its changes, in order: the paragraph set
 * without `text-wrap: pretty` (`greedy`), which moves text down to lengthen a short last line and may leave a line
 * above spread by 2 em, its lines from this one on settled again; then the lines above spread to hand it their text
 * (`loosen-above`, see spreadAbove). Kept when the paragraph gets better (its badness below `badness`), never with a
 * last line of one character (the 孤字 `pretty` was avoiding).
 */
function lastResorts(paragraph: HTMLElement, index: number, depth: number, budget: { trials: number }, badness: number): Change[] {
  const greedy = breakGreedily(paragraph);
  if (greedy) {
    budget.trials--;
    report.trials++;
    const below = settle(paragraph, index, depth, budget);
    const after = measureStretches(paragraph);
    if (!lastLineAlone(paragraph) && badnessOf(after.stretches, after.em) < badness - epsilon) return [greedy, ...below];
    undoAll(below);
    greedy.undo();
  }
  const spread = spreadAbove(paragraph, index);
  if (!spread) return [];
  budget.trials--;
  report.trials++;
  return [spread];
}

/** Whether a paragraph's last line holds one character (marks aside): a 孤字. */
function lastLineAlone(paragraph: HTMLElement) {
  const last = measureParagraph(paragraph).lines.at(-1);
  return last !== undefined && last.glyphs.filter((glyph) => !mark(glyph.character)).length < 2;
}

/** One change made of several, taken back together. */
function combined(changes: Change[]): Change {
  return { kinds: changes.flatMap((change) => change.kinds), undo: () => undoAll(changes) };
}

/** Takes changes back, the last first. */
export function undoAll(changes: Change[]) {
  for (let index = changes.length - 1; index >= 0; index--) changes[index].undo();
}
