/** The lines of a paragraph as laid out now (its glyphs, or only its line boxes' right edges), with their stretches. */
import { createMeasurer } from './measurer.js';
import { findSegments, type Glyph } from './segments.js';
import { inBand, startsLine } from './lines.js';

/**
 * The lines of a paragraph as laid out now, with what each would be stretched by when justified (px).
 */
export function measureParagraph(paragraph: HTMLElement): { lines: Line[]; stretches: number[]; em: number } {
  const measurer = createMeasurer();
  const style = measurer.style(paragraph);
  const em = parseFloat(style.fontSize);
  const box = paragraph.getBoundingClientRect();
  const right = box.right - parseFloat(style.paddingRight) - parseFloat(style.borderRightWidth);
  const lines: Line[] = [];
  let line: Line | undefined;
  let lastRight = -Infinity;
  const walker = document.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT, {
    acceptNode: (node) => (!(node instanceof Element) || node.localName === 'br' ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP),
  });
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node instanceof Element) {
      if (line) line.forcedEnd = true;
      line = undefined;
      continue;
    }
    const { segments, breakFirst } = findSegments(node as Text, measurer);
    // A space that starts a text node (after a span of the adjustment's: `Cloudflare⟨span⟩ Tunnel`) is a break
    // after the glyph before it, as a space inside one text is.
    const previous = line?.glyphs.at(-1);
    if (breakFirst && previous) previous.spaceAfter = true;
    for (const segment of segments) {
      if (!line || startsLine(line, lastRight, segment)) {
        line = { glyphs: [...segment.glyphs], right: segment.right, top: segment.top, bottom: segment.bottom, forcedEnd: false };
        lines.push(line);
      } else {
        line.glyphs.push(...segment.glyphs);
        line.right = Math.max(line.right, segment.right);
      }
      lastRight = segment.right;
    }
  }
  const stretches = lines.map((each, index) => (each.forcedEnd || index === lines.length - 1 ? 0 : Math.max(0, right - each.right)));
  return { lines, stretches, em };
}

/**
 * What each line of a paragraph would be stretched by when justified (px), from the right edges of its line boxes
 * only: one Range over the paragraph (the text and inline boxes of a line share its band), no glyph measured. A
 * trial needs no more; the glyphs (measureParagraph) are found only for a line to mend. A forced break (<br>) ends a
 * line that is not stretched: such a paragraph is measured in full.
 * @returns lastLine: the last line's width
 */
export function measureStretches(paragraph: HTMLElement): { stretches: number[]; em: number; lastLine?: number } {
  if (paragraph.querySelector('br')) return measureParagraph(paragraph);
  const style = getComputedStyle(paragraph);
  const box = paragraph.getBoundingClientRect();
  const right = box.right - parseFloat(style.paddingRight) - parseFloat(style.borderRightWidth);
  const range = document.createRange();
  range.selectNodeContents(paragraph);
  const bands: Array<{ top: number; bottom: number; left: number; right: number }> = [];
  for (const rect of Array.from(range.getClientRects())) {
    if (rect.width === 0 || rect.height === 0) continue;
    const band = bands.find((each) => inBand(rect, each));
    if (band) {
      band.left = Math.min(band.left, rect.left);
      band.right = Math.max(band.right, rect.right);
    } else {
      bands.push({ top: rect.top, bottom: rect.bottom, left: rect.left, right: rect.right });
    }
  }
  bands.sort((a, b) => a.top - b.top);
  const last = bands[bands.length - 1];
  return {
    stretches: bands.map((band, index) => (index === bands.length - 1 ? 0 : Math.max(0, right - band.right))),
    em: parseFloat(style.fontSize),
    lastLine: last ? last.right - last.left : 0,
  };
}

/** The width of some glyphs set side by side (a unit), from the first's left edge to the last's right (px). */
export function unitWidth(glyphs: Glyph[]) {
  if (glyphs.length === 0) return 0;
  const [first, last] = [glyphs[0], glyphs[glyphs.length - 1]];
  const range = document.createRange();
  range.setStart(first.node, first.offset);
  range.setEnd(last.node, last.offset + last.character.length);
  return range.getBoundingClientRect().width;
}

export type Line = { glyphs: Glyph[]; right: number; top: number; bottom: number; forcedEnd: boolean };
