/** 拉行 of one paragraph: its last lines set a little looser so that it ends a line later, within limits. */
import { undoAll } from '../adjust/settle.js';
import { changesFor, type Change } from '../adjust/steps.js';
import { seatBench, shellsAround } from '../core/bench.js';
import { linesOf, type Band, bandWidth } from '../core/columnLines.js';
import { columnEdges, columnIndexAt, type Columns } from '../core/columns.js';
import { createMeasurer } from '../core/measurer.js';
import { measureParagraph } from '../core/paragraphLines.js';
import { findSegments } from '../core/segments.js';
import { slack } from '../core/tolerances.js';

/** Letter spacing of a loosened line, in em: enough to move one character of a full line on, within its 1 em. */
const spacing = 0.02;

/**
 * A line of a loosened paragraph may fall this far (em) short of the measure when set flush left, its letter spacing
 * counted as width: the typography check, which counts letter spacing as spread, then finds about 1.5 em, under its
 * 1.6-em loose line. A loosened line holding a character fewer than its grid falls 0.6 em short; one that had to move
 * a character with its mark (避头尾) 1.6 em: such a line is mended (loosenParagraph) or the loosening refused.
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
 * Gives a paragraph the content and style of its copy changed on a bench (the copy is emptied): what takes it back.
 */
export function takeContentOf(paragraph: HTMLElement, copy: HTMLElement): () => void {
  const [children, style] = [Array.from(paragraph.childNodes), paragraph.getAttribute('style')];
  const setStyle = (value: string | null) => (value === null ? paragraph.removeAttribute('style') : paragraph.setAttribute('style', value));
  paragraph.replaceChildren(...Array.from(copy.childNodes));
  setStyle(copy.getAttribute('style'));
  return () => {
    paragraph.replaceChildren(...children);
    setStyle(style);
  };
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
function loosenLastLines(paragraph: HTMLElement, count: number, geometry: Columns): () => void {
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
 * 拉行 of a paragraph set alone (a copy on a bench, see onBench): its last lines set a little looser (loosenLastLines),
 * as few of them as make it end exactly one line later, with a last line of `shortestLastLineEm` or more and no line
 * spread by more than allowed. A loosened line that cannot give one character alone (the next is a mark that may not
 * start a line, 避头尾, and goes with it: 1.6 em) gets what the line adjustment tries for a loose line
 * (adjust/steps.ts: the mark that would end it narrowed first), so that it keeps the pair instead and the lines
 * after it give the character (test/page/core.e2e.test.ts has a paragraph where every number of lines loosened meets
 * such a pair).
 * @returns how many lines it loosened (its cost), the paragraph left loosened; undefined, the paragraph as it was,
 * when no number of them does
 */
export function loosenParagraph(paragraph: HTMLElement, geometry: Columns): number | undefined {
  const em = parseFloat(getComputedStyle(paragraph).fontSize);
  const measure = geometry.width;
  const lines = linesOf(paragraph, geometry);
  // Loosened lines may be spread as much as the paragraph's worst line already is, or the allowed stretch.
  const allowed = Math.max(loosenedStretchEm * em, ...spreadsOf(paragraph, geometry).slice(0, -1));
  // Each loosened full line moves about one character on: the last line needs that many more to overflow.
  const fewest = Math.max(1, Math.ceil((measure - bandWidth(lines[lines.length - 1])) / em) + 1);
  /** Whether the paragraph now ends exactly one line later, with a last line long enough. */
  const longer = () => {
    const now = linesOf(paragraph, geometry);
    return now.length === lines.length + 1 && bandWidth(now[now.length - 1]) >= shortestLastLineEm * em - slack;
  };
  for (let count = fewest; count < lines.length; count++) {
    const undo = loosenLastLines(paragraph, count, geometry);
    // More lines loosened move more characters on (a longer last line) and change which lines end on a mark.
    if (linesOf(paragraph, geometry).length > lines.length + 1) {
      undo();
      return undefined;
    }
    // A mended line keeps text it would have moved on, which can only take the new line away again: mending is
    // tried only on a paragraph that is a line longer already (most candidates are not, and cost no mending).
    const mended = longer() ? mendLooseLines(paragraph, geometry, allowed) : undefined;
    if (mended && longer()) return count;
    if (mended) undoAll(mended);
    undo();
  }
  return undefined;
}

/** Most loose lines of a loosened paragraph mended (each a few layouts of the paragraph on its bench). */
const mostMended = 4;

/**
 * Mends each line of a loosened paragraph spread beyond `allowed`, from the top (see mendLine): the changes made, or
 * undefined, none left made, when a line stays beyond.
 */
function mendLooseLines(paragraph: HTMLElement, geometry: Columns, allowed: number): Change[] | undefined {
  const made: Change[] = [];
  for (let mended = 0; ; mended++) {
    const spreads = spreadsOf(paragraph, geometry);
    const index = spreads.findIndex((spread, at) => at < spreads.length - 1 && spread > allowed + slack);
    if (index < 0) return made;
    if (mended === mostMended || !mendLine(paragraph, geometry, index, allowed, made)) break;
  }
  undoAll(made);
  return undefined;
}

/**
 * Gives line `index` of a paragraph the line adjustment's changes for a loose line (adjust/steps.ts), one after
 * another, until it is spread no more than `allowed`; each change made goes to `made`. Whether it is.
 */
function mendLine(paragraph: HTMLElement, geometry: Columns, index: number, allowed: number, made: Change[]): boolean {
  // The steps read the lines flush left, as the bench sets the paragraph (their own measure included).
  const { lines, em } = flushLeft(paragraph, () => measureParagraph(paragraph));
  // Line boxes the glyphs tell apart otherwise (an inline box out of its line's band): its index names no line there.
  if (lines.length !== linesOf(paragraph, geometry).length) return false;
  for (const step of changesFor(paragraph, lines, index, em)) {
    const change = flushLeft(paragraph, step);
    if (!change) continue;
    made.push(change);
    if (spreadsOf(paragraph, geometry)[index] <= allowed + slack) return true;
  }
  return false;
}

/**
 * How far each line of the paragraph falls short of the measure when set flush left (its last line's too): what
 * justifying spreads it by (its breaks do not depend on the alignment; a first line's indent is not spread).
 */
function spreadsOf(paragraph: HTMLElement, geometry: Columns): number[] {
  return flushLeft(paragraph, () => linesOf(paragraph, geometry).map((line) => Math.max(0, columnEdges(geometry, line.column).right - line.right)));
}

/** Runs `work` with the paragraph set flush left, then as it was. */
function flushLeft<T>(paragraph: HTMLElement, work: () => T): T {
  const before = paragraph.style.textAlign;
  paragraph.style.textAlign = 'start';
  try {
    return work();
  } finally {
    paragraph.style.textAlign = before;
    if (paragraph.getAttribute('style') === '') paragraph.removeAttribute('style');
  }
}
