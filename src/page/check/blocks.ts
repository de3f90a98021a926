/**
 * The text blocks of the pages as the rules read them: each block's fragments (Paged.js clones a block split across
 * pages) and its lines, found from its glyphs' segments, with the findings' shared helpers.
 */
import type { PageFinding as Finding } from '../api.js';
import { findSegments, type Glyph, type Segment } from '../core/segments.js';
import { startsLine } from '../core/lines.js';
import { columnAt, type createContext } from './context.js';

/** Elements whose text forms lines of their own; text in a nested one belongs to the nested one. */
const textBlockSelector = 'p, li, h1, h2, h3, h4, h5, h6, td, th, caption, figcaption, dt, dd';

/**
 * Every text block of every article, its fragments (Paged.js clones a block split across pages; the clones
 * share data-ref) joined in page order.
 */
export function collectBlocks(pages: Element[], context: ReturnType<typeof createContext>): Block[] {
  const blocks: Map<string | Element, Block> = new Map();
  pages.forEach((page, index) => {
    page.querySelectorAll(`.pagedjs_page_content article :is(${textBlockSelector})`).forEach((element) => {
      const fragment = measureFragment(element, index + 1, context);
      const key = element.getAttribute('data-ref') ?? element;
      const block = blocks.get(key) ?? { fragments: [], lines: [], complete: false };
      block.fragments.push(fragment);
      block.lines.push(...fragment.lines);
      // The fragment Paged.js continues on a later page carries data-split-to: its last line is not the block's.
      block.complete = !element.hasAttribute('data-split-to');
      blocks.set(key, block);
    });
  });
  return [...blocks.values()].filter((block) => block.lines.length > 0);
}

function measureFragment(element: Element, page: number, context: ReturnType<typeof createContext>): Fragment {
  const fragment: Fragment = { element, page, lines: [], boxes: context.boxesOf(element) };
  let line: Line | undefined;
  /** Right edge of the line's last glyph. */
  let right = -Infinity;
  for (const item of segmentsOf(element, context)) {
    if (item === 'break') {
      if (line) line.forcedEnd = true;
      line = undefined;
      continue;
    }
    if (!line || startsLine(line, right, item)) {
      // The segment's array of glyphs, which is its own, becomes the line's.
      line = {
        glyphs: item.glyphs,
        fragment,
        page,
        column: columnAt(element, item.left, context),
        top: item.top,
        bottom: item.bottom,
        left: item.left,
        right: item.right,
        forcedEnd: false,
      };
      fragment.lines.push(line);
    } else {
      for (const glyph of item.glyphs) line.glyphs.push(glyph);
      // A segment's glyphs go left to right: the last is the rightmost.
      line.right = Math.max(line.right, item.right);
    }
    right = item.right;
  }
  return fragment;
}

/**
 * The visible characters of a block in logical order, in segments that each lie in one line box, and 'break' for each
 * <br>. Text of nested text blocks is theirs, not this block's.
 */
function* segmentsOf(block: Element, context: ReturnType<typeof createContext>): Generator<Segment | 'break'> {
  const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT, {
    acceptNode: (node) =>
      !(node instanceof Element) || node.localName === 'br'
        ? NodeFilter.FILTER_ACCEPT
        : node.matches(textBlockSelector)
          ? NodeFilter.FILTER_REJECT
          : NodeFilter.FILTER_SKIP,
  });
  /** The last glyph yielded: a break opportunity that follows marks it. */
  let previous: Glyph | undefined;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node instanceof Element) {
      yield 'break';
      continue;
    }
    const { segments, breakFirst } = findSegments(node as Text, context);
    if (breakFirst && previous) previous.spaceAfter = true;
    // Read before the segments are yielded: the lines made of them take over their arrays of glyphs.
    const last = segments.at(-1)?.glyphs.at(-1);
    yield* segments;
    previous = last ?? previous;
  }
}

export const textOf = (line: Line) =>
  line.glyphs
    .map((glyph) => glyph.character + (glyph.spaceAfter ? ' ' : ''))
    .join('')
    .trim();

/**
 * A finding at a place on the pages (a line, or a page and column); `line` of the finding is the source line of
 * the block (data-line of it or of its top-level block).
 */
export function finding(rule: string, where: Fragment | Element, at: { page: number; column: number | null }, excerpt: string, detail?: string): Finding {
  const element = where instanceof Element ? where : where.element;
  const source = element.closest('[data-line]')?.getAttribute('data-line');
  return {
    rule,
    page: at.page,
    column: at.column,
    article: articleOf(element),
    line: source ? Number(source) : null,
    // Zero-width marks the renderer inserted (break hints) and spaces standing for them between CJK characters are not text.
    excerpt: [
      ...excerpt
        .replace(/[\u200b\u2060\u00ad]/g, '')
        .replace(/(?<=[^\x00-\x7f])\s+(?=[^\x00-\x7f])/gu, '')
        .replace(/\s+/g, ' ')
        .trim(),
    ]
      .slice(0, 30)
      .join(''),
    ...(detail === undefined ? {} : { detail }),
  };
}

/**
 * A block's lines in runs of consecutive lines in the same column of the same page.
 */
export function runsOf(lines: Line[]): Line[][] {
  const runs: Line[][] = [];
  lines.forEach((line, index) => {
    const previous = lines[index - 1];
    if (previous && previous.page === line.page && previous.column === line.column) runs[runs.length - 1].push(line);
    else runs.push([line]);
  });
  return runs;
}

export const articleOf = (element: Element) => element.closest('[data-file]')?.getAttribute('data-file') ?? null;

export type Line = {
  glyphs: Glyph[];
  fragment: Fragment;
  page: number;
  column: number | null;
  top: number;
  bottom: number;
  left: number;
  right: number;
  forcedEnd: boolean;
};

export type Fragment = { element: Element; page: number; lines: Line[]; boxes: DOMRect[] };

export type Block = { fragments: Fragment[]; lines: Line[]; complete: boolean };
