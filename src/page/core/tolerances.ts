/** Tolerances of the measuring, in one place: what counts as the same edge, and as a line that just fits. */

/** Tolerance for sub-pixel layout (LayoutUnit is 1/64 px; glyph boxes are rounded). */
export const slack = 1;

/** Tolerance, in line pitches, for a line box that would just fit above the foot (sub-pixel positions). */
export const fitTolerance = 0.02;
