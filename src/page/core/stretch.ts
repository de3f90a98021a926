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
