/** Stretch: what justifying spreads a line by, and a paragraph's badness from its lines' stretches. */

/**
 * Stretch (em) a line may take without a fault: the 1 em Chromium leaves when it moves a character down. The line
 * adjustment mends lines spread more; the typography check counts them (stretch.overOneEm).
 */
export const allowedStretchEm = 1;

/** Badness differences smaller than this are rounding. */
export const epsilon = 1e-6;

/** The paragraph's badness: the squared stretch beyond the allowed 1 em, summed over its lines. */
export function badnessOf(stretches: number[], em: number) {
  return stretches.reduce((sum, stretch) => sum + Math.max(0, stretch / em - allowedStretchEm) ** 2, 0);
}

/**
 * The most letter spacing a line may give a character to take its next unit back (em): 0.04 em, 0.4 pt at 10.5 pt.
 * A typesetter prefers a line a little tight (压字距) to one spread apart; the Song and Hei faces draw an ideograph in
 * about 0.92 em, so 0.04 em keeps more than half of the white between two characters and they never touch.
 */
export const maxTrackingEm = 0.04;

/** The least tracking a change gives (em): a hundredth of an em, 0.1 pt at 10.5 pt, too little to see. */
export const minTrackingEm = 0.01;

/**
 * The letter spacing (em, negative) that takes `lacking` px from `characters` characters at `em` px, in steps of
 * half a hundredth, at least minTrackingEm; undefined when it would take more than maxTrackingEm.
 */
export function trackingToFit(lacking: number, characters: number, em: number): number | undefined {
  if (characters === 0) return undefined;
  const needed = Math.max(minTrackingEm, Math.ceil((lacking / em / characters) * 200) / 200);
  return needed > maxTrackingEm + epsilon ? undefined : -needed;
}

/**
 * Stretch (em) above which the typography check calls a line loose (`loose-line`). Under `line-break: strict`
 * ordinary lines lack ½ em (a pair of marks compressed to 1.5 em, docs/typesetting.md §3), 1 em (a character moved to
 * the next line to keep a mark off its start) or both: on issue 2024-4 the stretches cluster at 0.5, 1.0 and 1.5 em,
 * ⅛-em autospace aside. More than that is a line whose break an unbreakable run (a number, a Latin word,
 * `“1+17+60+N”`) pushed down, spreading the characters visibly apart (+0.08 em a gap and more). 1.6, not 1.5: the
 * measured 1.5-em cluster spreads by ±0.1 em (proportional digits, autospace).
 */
export const looseLineEm = 1.6;

/** How many lines above a loose line may be set looser to give it their text (see spacingsAbove). */
export const linesToSpreadOver = 8;

/**
 * The most a line set looser for a loose line below it may be spread in all (em), its letter spacing counted: the
 * widest of the ordinary lines' stretches (a pair of marks compressed and a character moved on, see looseLineEm).
 */
export const ordinaryStretchEm = 1.5;

/** The letter spacings a plan for the lines above may give a character (em): up to maxTrackingEm, tracking's most. */
const spacingSteps = [minTrackingEm, 0.02, 0.03, maxTrackingEm];

/**
 * The letter spacings to try on the lines above a loose line (`loosen-above`), in order: for each of the lines just
 * above it, nearest first, the spacing its ideographs and marks get (em, 0 for none). A loose line lacks text: when
 * nothing can come back from below, the lines above can hand it theirs, as TeX spreads a paragraph's white over its
 * lines rather than leave one gaping. A line spread a little more than the white it has (`stretch`, em) no longer
 * holds its last unit, which moves on, and the text it gets from the line above moves on with it; a line too short of
 * ideographs for that (`characters`, those that would take the spacing) passes on what it gets. The farthest line of
 * a plan must move a unit on; the nearest lines first, one more line a plan, up to linesToSpreadOver.
 */
export function spacingsAbove(above: Array<{ stretch: number; characters: number }>): number[][] {
  const plans: number[][] = [];
  const plan: number[] = [];
  for (const line of above.slice(0, linesToSpreadOver)) {
    const spacing = spacingSteps.find((step) => step * line.characters > line.stretch + epsilon);
    plan.push(spacing ?? 0);
    if (spacing !== undefined) plans.push([...plan]);
  }
  return plans;
}
