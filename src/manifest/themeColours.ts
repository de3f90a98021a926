import type { PeriodicalSettings } from './schemas.js';

/** A colour the page draws as `rgb` and the press prints as `cmyk`. */
export interface SpotColour {
  /** The placeholder as the CSS gives it, 0–255 per channel. */
  rgb: [number, number, number];
  /** The colour to print, 0–100 % per ink. */
  cmyk: [number, number, number, number];
}

/**
 * The theme colours as the page draws them (the plain RGB of their CMYK, so the ordinary PDF shows them) and as
 * the press PDF prints them: the conversion rewrites exactly that RGB value to the declared CMYK.
 */
export function themeColours(colours: PeriodicalSettings['colours']): (SpotColour & { name: string })[] {
  return Object.entries(colours).map(([name, cmyk]) => {
    const [c, m, y, k] = cmyk.map((value) => value / 100);
    const channel = (ink: number) => Math.round(255 * (1 - ink) * (1 - k));
    return { name, cmyk, rgb: [channel(c), channel(m), channel(y)] };
  });
}
