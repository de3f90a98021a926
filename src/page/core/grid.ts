/** The line grid: where a line box ends, and how many whole lines fit above the foot of the type area. */
import { fitTolerance } from './tolerances.js';

/**
 * The bottom of the line box a line's glyphs are set in, lines `pitch` apart: the glyphs' box (`top`…`bottom`) sits
 * in its middle, the half-leading below it.
 */
export function lineBoxBottom(top: number, bottom: number, pitch: number) {
  return bottom + Math.max(0, pitch - (bottom - top)) / 2;
}

/**
 * Whole lines that would still fit between a column's lowest box and the foot of the type area (a head above the
 * columns that is not a whole number of lines leaves less than one: that column is full): the short-column rule's
 * count, and the column filling's.
 */
export function linesBelow(bottom: number, foot: number, pitch: number) {
  return Math.floor((foot - bottom) / pitch + fitTolerance);
}

/**
 * The space to add to a block `height` tall so that it takes a whole number of lines `pitch` apart (rounded up: a
 * block a hair over a whole number, sub-pixel positions, takes that number).
 */
export function spaceToWholeLines(height: number, pitch: number) {
  return Math.max(0, Math.ceil(height / pitch - fitTolerance) * pitch - height);
}

/**
 * Adds `space` to an element's padding, half above and half below, so that its content stays centred in the lines it
 * takes (标题占行). Padding, not margin: a margin is truncated where a column or page breaks before it. `style`: the
 * padding to add to, the element's own by default.
 */
export function padHalfAndHalf(element: HTMLElement, space: number, style: CSSStyleDeclaration = getComputedStyle(element)) {
  element.style.paddingTop = `${parseFloat(style.paddingTop) + space / 2}px`;
  element.style.paddingBottom = `${parseFloat(style.paddingBottom) + space / 2}px`;
}
