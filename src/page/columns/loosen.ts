/** 拉行 of one paragraph: its last lines set a little looser so that it ends a line later, within limits. */
import { seatBench, shellsAround } from '../core/bench.js';
import { linesOf, type Band, bandWidth } from '../core/columnLines.js';
import { columnEdges, columnIndexAt, type Columns } from '../core/columns.js';
import { createMeasurer } from '../core/measurer.js';
import { findSegments } from '../core/segments.js';
import { slack } from '../core/tolerances.js';

/** Letter spacing of a loosened line, in em: enough to move one character of a full line on, within its 1 em. */
const spacing = 0.02;

/**
 * A line of a loosened paragraph may fall this far (em) short of the measure when set flush left, its letter spacing
 * counted as width: the typography check, which counts letter spacing as spread, then finds about 1.5 em, under its
 * 1.6-em loose line. A loosened line holding a character fewer than its grid falls 0.6 em short; one that had to move
 * a character with its mark (避头尾) 1.6 em: a paragraph loosened so is refused.
 */
const loosenedStretchEm = 1.1;

/** A new last line shorter than this (in em) would be a 孤字 line (one character and its mark). */
const shortestLastLineEm = 3;

/**
 * Runs `trial` on a copy of the paragraph set alone at its column's width, off the page: a trial on the page would
 * balance the page's columns again at every measurement. Its ancestors up to the article are shallow copies (their
 * classes and styles), the body's columns taken out, and it is set flush left, so that a line's natural width shows
 * (the breaks do not depend on the alignment), as the line adjustment measures it. The column filling keeps one host
 * for its benches (withBenchHost).
 */
export function onBench<T>(paragraph: HTMLElement, body: HTMLElement, geometry: Columns, trial: (paragraph: HTMLElement, geometry: Columns) => T): T {
  const copy = paragraph.cloneNode(true) as HTMLElement;
  const bench = shellsAround(paragraph, body.closest('article') as Element, copy, (ancestor, shell) => {
    if (ancestor === body) shell.style.cssText += `; columns: auto; width: ${geometry.width}px; text-align: start;`;
  });
  const unseat = seatBench(bench);
  try {
    const box = copy.getBoundingClientRect();
    return trial(copy, { left: box.left, width: box.width, gap: geometry.gap, count: 1 });
  } finally {
    unseat();
  }
}

/**
 * Body text that ends on the page (the part of a paragraph Paged.js split to the next page has its break fixed:
 * loosening it would leave its last line spread; the part continued from the page before ends here and may be): a
 * justified paragraph, not a heading, caption or container.
 */
export function isWholeBodyText(paragraph: HTMLElement) {
  if (paragraph.hasAttribute('data-split-to')) return false;
  if (paragraph.closest('figure, table, blockquote, li, .footnotes') || paragraph.querySelector('img, br')) return false;
  const style = getComputedStyle(paragraph);
  return style.textAlign === 'justify' && !paragraph.querySelector('[data-adjust="loosen"], [data-adjust="tracking"]');
}

/**
 * Sets the paragraph's last lines but one (the `count` lines before its last) a little looser, so that each moves a
 * character on and the paragraph ends one line later: a span from the start of the first of them, marked
 * `data-adjust="loosen"`. Returns what takes it back.
 */
export function loosenLastLines(paragraph: HTMLElement, count: number, geometry: Columns): () => void {
  const lines = linesOf(paragraph, geometry);
  const from = lines[lines.length - 1 - count];
  const first = firstGlyphOf(paragraph, from, geometry);
  const range = document.createRange();
  if (first) range.setStart(first.node, first.offset);
  else range.setStart(paragraph, 0);
  range.setEnd(paragraph, paragraph.childNodes.length);
  const span = document.createElement('span');
  span.dataset.adjust = 'loosen';
  span.style.letterSpacing = `${spacing}em`;
  span.append(range.extractContents());
  paragraph.append(span);
  // `text-wrap: pretty` would take a character back from the line before a short new last line and leave that
  // line spread by 2 em: the number of lines loosened decides the last line's length instead (linesToLoosen).
  // What it was is put back on undo: a paragraph the line adjustment set greedily (`greedy`) has it already.
  const textWrap = paragraph.style.textWrap;
  paragraph.style.textWrap = 'wrap';
  return () => {
    span.replaceWith(...Array.from(span.childNodes));
    paragraph.normalize();
    paragraph.style.textWrap = textWrap;
    if (paragraph.getAttribute('style') === '') paragraph.removeAttribute('style');
  };
}

/**
 * The first glyph set on a line of the paragraph (its text measured as the typography check measures it).
 */
export function firstGlyphOf(paragraph: HTMLElement, line: Band, geometry: Columns) {
  const measurer = createMeasurer();
  const walker = document.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (const segment of findSegments(node as Text, measurer).segments) {
      const onLine = columnIndexAt(geometry, segment.left) === line.column && segment.top < line.bottom - slack && line.top < segment.bottom - slack;
      if (onLine) return segment.glyphs[0];
    }
  }
  return undefined;
}

/**
 * How many lines before its last to loosen so that the paragraph ends exactly one line later, with a last line of
 * `shortestLastLineEm` or more and no line spread by more than allowed; undefined when no number of them does. The paragraph is
 * left as it was.
 */
export function linesToLoosen(paragraph: HTMLElement, geometry: Columns) {
  const em = parseFloat(getComputedStyle(paragraph).fontSize);
  const measure = geometry.width;
  const lines = linesOf(paragraph, geometry);
  // Loosened lines may be spread as much as the paragraph's worst line already is, or the allowed stretch.
  const allowed = Math.max(loosenedStretchEm * em, mostSpread(paragraph, geometry));
  // Each loosened full line moves about one character on: the last line needs that many more to overflow.
  const fewest = Math.max(1, Math.ceil((measure - bandWidth(lines[lines.length - 1])) / em) + 1);
  for (let count = fewest; count < lines.length; count++) {
    const undo = loosenLastLines(paragraph, count, geometry);
    try {
      const now = linesOf(paragraph, geometry);
      if (now.length > lines.length + 1) return undefined;
      // More lines loosened move more characters on (a longer last line) and change which lines end on a mark.
      if (now.length < lines.length + 1 || bandWidth(now[now.length - 1]) < shortestLastLineEm * em - slack) continue;
      if (mostSpread(paragraph, geometry) <= allowed + slack) return count;
    } finally {
      undo();
    }
  }
  return undefined;
}

/**
 * The most a line of the paragraph but its last falls short of the measure when set flush left: what justifying
 * spreads it by (its breaks do not depend on the alignment).
 */
function mostSpread(paragraph: HTMLElement, geometry: Columns) {
  paragraph.style.textAlign = 'start';
  try {
    return Math.max(
      0,
      ...linesOf(paragraph, geometry)
        .slice(0, -1)
        // From the line's end to the column's right edge: a first line's indent is not spread.
        .map((line) => columnEdges(geometry, line.column).right - line.right),
    );
  } finally {
    paragraph.style.removeProperty('text-align');
    if (paragraph.getAttribute('style') === '') paragraph.removeAttribute('style');
  }
}
