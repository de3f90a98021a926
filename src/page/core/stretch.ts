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
