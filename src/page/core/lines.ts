/**
 * Lines, one definition for every feature: when the next segment of a block's text starts a new line box, and when two
 * boxes share a line's band. The typography check, the line adjustment and the column filling group by these.
 */
import { slack } from './tolerances.js';

interface Band {
  top: number;
  bottom: number;
}

/**
 * Whether a segment (glyphs side by side in one line box, in logical order) starts a new line after `line`, whose
 * last segment ended at `right`: the text went back to the left, or left the line's band (the next column). Glyphs of
 * one segment are in one line box, so only a segment's first glyph can start a line.
 */
export function startsLine(line: Band, right: number, segment: Band & { left: number }): boolean {
  return segment.left < right - slack || segment.top >= line.bottom - slack || segment.bottom <= line.top + slack;
}

/** Whether a box is on a line's band: they overlap vertically by more than the slack. */
export function inBand(box: Band, band: Band): boolean {
  return box.top < band.bottom - slack && band.top < box.bottom - slack;
}
