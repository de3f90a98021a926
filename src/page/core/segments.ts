/**
 * The glyphs of a text node in segments that each lie in one line box, found from a few measured characters.
 *
 * Measuring a character (a Range's client rects) is what costs, so few are measured: a text node's boxes, one per line
 * box it is set on, and a search for the last character of each give the node's segments (segmentsIn); text whose
 * boxes cannot be trusted is measured character by character. Nothing here changes the document.
 */
import { breakOpportunity, type CharacterTest, invisible, unorderedCharacter } from './characters.js';
import type { Measurer } from './measurer.js';
import { slack } from './tolerances.js';

/** U+2060, the glue render/adjustLineBreaks.ts puts where a line may not break. */
const wordJoiner = '\u2060';

/**
 * A visible character at `offset` in `node`; spaceAfter: a space (or zero-width space, soft hyphen) follows, where a
 * line may break; gluedAfter: a WORD JOINER follows, which keeps the next character on its line
 * (render/adjustLineBreaks.ts: `在⁠~/.config`, a note's reference); width: of its box, once measured.
 */
export interface Glyph {
  character: string;
  node: Text;
  offset: number;
  spaceAfter: boolean;
  gluedAfter?: boolean;
  width?: number;
}
export interface Edges {
  left: number;
  right: number;
  top: number;
  bottom: number;
}
/** Glyphs side by side in one line box: the left, top and bottom edges of the first, the right edge of the last. */
export interface Segment extends Edges {
  glyphs: Glyph[];
}
/** breakFirst: a break opportunity comes before the first glyph (it marks the glyph before the node). */
export interface TextSegments {
  segments: Segment[];
  breakFirst: boolean;
}

/**
 * The glyphs of a text node in logical order, in segments that each lie in one line box. Glyphs are its characters
 * but those `skipped` (by default the invisible ones); a glyph without a box is left out.
 */
export function findSegments(node: Text, measurer: Measurer, skipped: CharacterTest = invisible): TextSegments {
  const { glyphs, breakFirst } = glyphsIn(node, skipped);
  const segments = glyphs.length === 0 ? [] : segmentsIn(node, glyphs, measurer);
  return segments ? { segments, breakFirst } : measureEachCharacter(node, measurer.range, skipped);
}

/**
 * Text segmentsIn cannot split: one Range per character, each its own segment.
 */
function measureEachCharacter(node: Text, range: Range, skipped: CharacterTest): TextSegments {
  const segments: Segment[] = [];
  /** The last glyph measured: a break opportunity that follows marks it. */
  let previous: Glyph | undefined;
  let breakFirst = false;
  let offset = 0;
  for (const character of node.data) {
    const end = offset + character.length;
    if (breakOpportunity(character)) {
      if (previous) previous.spaceAfter = true;
      else breakFirst = true;
    }
    if (character === wordJoiner && previous) previous.gluedAfter = true;
    if (!skipped(character)) {
      range.setStart(node, offset);
      range.setEnd(node, end);
      // The character's own box is the last: after a soft hyphen where the line breaks, Chromium lists the drawn
      // hyphen's box (at the end of the line before) first.
      const rects = range.getClientRects();
      const rect = rects[rects.length - 1];
      if (rect)
        segments.push({
          glyphs: [(previous = { character, node, offset, spaceAfter: false, width: rect.width })],
          left: rect.left,
          top: rect.top,
          bottom: rect.bottom,
          right: rect.right,
        });
    }
    offset = end;
  }
  return { segments, breakFirst };
}

/**
 * The glyphs of a text node (its characters but those `skipped`), marked where a break opportunity follows, and
 * whether one comes before the first of them (it marks the glyph before the node).
 */
function glyphsIn(node: Text, skipped: CharacterTest) {
  const glyphs: Glyph[] = [];
  let breakFirst = false;
  let offset = 0;
  for (const character of node.data) {
    if (!skipped(character)) {
      glyphs.push({ character, node, offset, spaceAfter: false });
    } else if (breakOpportunity(character)) {
      if (glyphs.length > 0) glyphs[glyphs.length - 1].spaceAfter = true;
      else breakFirst = true;
    } else if (character === wordJoiner && glyphs.length > 0) {
      glyphs[glyphs.length - 1].gluedAfter = true;
    }
    offset += character.length;
  }
  return { glyphs, breakFirst };
}

/**
 * A text node's glyphs in segments, one per box of the node (its part of a line box), measuring a few glyphs rather
 * than each. The boxes come in logical order; where a glyph starts a box (no invisible character before it in the
 * box), its left, top and bottom edges are the box's, and where one ends a box, its right edge is. So what is left
 * is to find the last glyph of each box: a search probes glyphs — guessing from the width left in the box, or the
 * distance into the next — until a glyph reaches the box's right edge or starts the next box, in one probe when
 * the guess is right. A glyph is in the box that holds the middle of its own box.
 *
 * Undefined when the boxes cannot be trusted to tell a glyph's line (the caller then measures each glyph): no
 * boxes, boxes that overlap, characters out of left-to-right order (unorderedCharacter, right-to-left or vertical
 * text, negative spacing, a soft hyphen), a glyph without a box or in none of the boxes.
 */
function segmentsIn(node: Text, glyphs: Glyph[], measurer: Measurer): Segment[] | undefined {
  const style = node.parentElement && measurer.style(node.parentElement);
  if (style?.direction !== 'ltr' || style.writingMode !== 'horizontal-tb' || parseFloat(style.letterSpacing) < 0 || parseFloat(style.wordSpacing) < 0)
    return undefined;
  // A soft hyphen where the line breaks draws a hyphen at the end of the box, past the last glyph the search looks for.
  if (unorderedCharacter.test(node.data) || node.data.includes('\u00ad')) return undefined;
  // Empty boxes (collapsed spaces) hold no glyph. Plain numbers: DOMRect's edges are computed on each read.
  const boxes = measurer
    .boxesOf(node)
    .filter((box) => box.width > 0 && box.height > 0)
    .map(({ left, right, top, bottom }) => ({ left, right, top, bottom }));
  if (boxes.length === 0 || overlapping(boxes)) return undefined;
  const em = parseFloat(style.fontSize);
  const { range } = measurer;
  /** Whether no invisible character comes between glyph `index` and the one before (or the node's start). */
  const followsClosely = (index: number) => glyphs[index].offset === (index === 0 ? 0 : glyphs[index - 1].offset + glyphs[index - 1].character.length);
  /** Whether no invisible character comes between glyph `index` and the next (or the node's end). */
  const precedesClosely = (index: number) =>
    index + 1 < glyphs.length ? followsClosely(index + 1) : glyphs[index].offset + glyphs[index].character.length === node.data.length;
  /** The box, from box `from` on, that holds the middle of a glyph's box, or -1. */
  const boxAt = (rect: DOMRect, from: number) => {
    const x = rect.left + rect.width / 2;
    const y = rect.top + rect.height / 2;
    for (let index = from; index < boxes.length; index++) {
      const box = boxes[index];
      if (box.left <= x && x <= box.right && box.top <= y && y <= box.bottom) return index;
    }
    return -1;
  };
  /**
   * The edges of glyph `index`, the first after box `from` - 1, and the index of its box: box `from`'s own when the
   * glyph starts it — unless that box goes on along the line of the one before, as the box of a hyphen Chromium
   * adds at a break does.
   */
  const opening = (index: number, from: number): [Edges, number] | undefined => {
    const [before, box] = [boxes[from - 1], boxes[from]];
    const alongLine = before && box.left >= before.right - slack && box.top < before.bottom && before.top < box.bottom;
    if (followsClosely(index) && !alongLine) return [box, from];
    const rect = boxOf(glyphs[index], range);
    const at = rect ? boxAt(rect, from) : -1;
    return rect && at >= 0 ? [rect, at] : undefined;
  };
  /** The right edge of glyph `index`, the last of box `box`. */
  const closing = (index: number, box: number) => (precedesClosely(index) ? boxes[box].right : boxOf(glyphs[index], range)?.right);
  /**
   * The first glyph after box `box`, whose first glyph is `start` at `left`: `last` is a glyph known to be in the
   * box, `next` one known to be after it; probes close in on the box's end.
   */
  const boxEnd = (start: number, left: number, box: number) => {
    let [last, next, nextBox] = [start, glyphs.length, -1];
    /** The box of glyph `last` when measured. */
    let lastRect: DOMRect | undefined;
    /** The box of glyph `next` when measured. */
    let nextRect: DOMRect | undefined;
    // First guess: the box is full of 1-em glyphs. The glyph after them rather than the last of them: measured, the
    // first glyph of a line often spares measuring one for ideographWidths.
    let guess = start + Math.round((boxes[box].right - left) / em);
    // Guesses close in on a box's end in a step or two; should they not, halving the interval bounds the steps.
    for (let step = 0; next - last > 1; step++) {
      const probe = Math.min(Math.max(step < 3 ? guess : Math.floor((last + next) / 2), last + 1), next - 1);
      const rect = boxOf(glyphs[probe], range);
      const at = rect ? boxAt(rect, box) : -1;
      if (!rect || at < 0) return undefined;
      if (at === box) {
        [last, lastRect] = [probe, rect];
        // Nothing of the box follows a glyph that reaches its right edge.
        if (rect.right === boxes[box].right && next > last + 1) [next, nextRect, nextBox] = [last + 1, undefined, -1];
        guess = probe + Math.round((boxes[box].right - rect.right) / Math.max(rect.width, 1));
      } else {
        [next, nextRect, nextBox] = [probe, rect, at];
        // A glyph that starts the next box comes right after the last glyph of this one.
        if (at === box + 1 && rect.left === boxes[at].left && last < next - 1) [last, lastRect] = [next - 1, undefined];
        guess = probe - Math.round((rect.left - boxes[at].left) / Math.max(rect.width, 1));
      }
    }
    const opened: [Edges, number] | undefined = next === glyphs.length ? undefined : nextRect ? [nextRect, nextBox] : opening(next, box + 1);
    return { next, right: lastRect ? lastRect.right : closing(last, box), opened };
  };
  const segments: Segment[] = [];
  let start = 0;
  let opened = opening(0, 0);
  while (opened) {
    const [first, box] = opened;
    // The last box holds the rest of the glyphs.
    const end = box === boxes.length - 1 ? { next: glyphs.length, right: closing(glyphs.length - 1, box), opened: undefined } : boxEnd(start, first.left, box);
    if (!end || end.right === undefined) return undefined;
    segments.push({ glyphs: glyphs.slice(start, end.next), left: first.left, top: first.top, bottom: first.bottom, right: end.right });
    if (end.next === glyphs.length) return segments;
    [start, opened] = [end.next, end.opened];
  }
  return undefined;
}

/** Whether any two of some boxes overlap. */
function overlapping(boxes: Edges[]) {
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const [a, b] = [boxes[i], boxes[j]];
      if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) return true;
    }
  }
  return false;
}

/** The box of a glyph, as a Range over its character reports it; its width is kept. */
export function boxOf(glyph: Glyph, range: Range) {
  range.setStart(glyph.node, glyph.offset);
  range.setEnd(glyph.node, glyph.offset + glyph.character.length);
  const rect = range.getClientRects()[0] as DOMRect | undefined;
  glyph.width = rect?.width;
  return rect;
}
