/**
 * The in-page side of the typography check: a plain browser script (functions serialized from TypeScript carry
 * transpiler helpers such as esbuild's __name that do not exist in the page), evaluated after Paged.js.
 *
 * `paibanTypographyProbe()` reads the line boxes Chromium laid out and returns the findings of every layout rule.
 * The lines come from a few measured characters (lineBoxes.js, evaluated before this script); one ideograph per line
 * mostly bounds how far justification stretched it (ideographWidths). `paibanTextRoles()` lists the page's text nodes
 * in document order with the font role their CSS asks for, for the font rule (which needs the DevTools protocol, so
 * runs in Node). Nothing here changes the document: the pages are printed after the check.
 */
import type { PageFinding as Finding, Stretch, TextRole, TypographyProbe as Probe } from '../api.js';
import { characterTest } from '../core/characters.js';
import { lineBoxBottom, linesBelow } from '../core/grid.js';
import { createMeasurer } from '../core/measurer.js';
import { type Glyph, type Segment, boxOf, findSegments } from '../core/segments.js';
import { slack } from '../core/tolerances.js';
/**
 */

/** Never at the start of a line (docs/typesetting.md §2, GB/T 15834); `——` and `……` may start one, as whole pairs. */
const noLineStart = new Set([...'、，。；：？！”’）〕】》〉」』〗］｝–—～·/／%‰℃…']);
/** Never at the end of a line. */
const noLineEnd = new Set([...'“‘（〔【《〈「『〖［｛']);
/** Elements whose text forms lines of their own; text in a nested one belongs to the nested one. */
const textBlockSelector = 'p, li, h1, h2, h3, h4, h5, h6, td, th, caption, figcaption, dt, dd';
const headingSelector = '.article-body :is(h2, h3, h4, h5, h6)';
/** Blocks whose last line must not hold a single character: not table cells and captions, set narrow. */
const paragraphSelector = 'p, li, dd, h1, h2, h3, h4, h5, h6';
/** Body text set to the full measure: every line but the last must reach the right edge. */
const measuredTextSelector = '.article-body :is(p, li, dd)';
/** Headings are balanced, so their lines are short on purpose: only a line spread apart is a fault. */
const balancedTextSelector = '.article-body :is(h2, h3, h4, h5, h6)';
/** Text of invisible characters only. */
const invisibleText = /^[\s\u2060\u200b\u00ad]*$/u;
const wordCharacter = /[\p{L}\p{N}]/u;
const hanzi = characterTest(/\p{Script=Han}/u);
/** Ideographs and CJK marks, next to which justification may add space (Chromium: IsCJKIdeographOrSymbol). */
const cjk = characterTest(/[\p{Script=Han}\u3000-\u303f\uff00-\uffef\u2018\u2019\u201c\u201d\u2014\u2026\u00b7]/u);
const asciiAlphanumeric = /^[A-Za-z0-9]$/;
const digit = /^[0-9]$/;
/**
 * Justification spreads what a line lacks over its gaps. Under `line-break: strict` ordinary lines lack ½ em
 * (a pair of marks compressed to 1.5 em, docs/typesetting.md §3), 1 em (a character moved to the next line to keep a mark
 * off its start: Chromium cannot compress the line instead) or both: on issue 2024-4 the stretches cluster at
 * 0.5, 1.0 and 1.5 em, ⅛-em autospace aside. More than that is a line whose break an unbreakable run (a number,
 * a Latin word, `“1+17+60+N”`) pushed down, spreading the characters visibly apart (+0.08 em a gap and more).
 * 1.6, not 1.5: the measured 1.5-em cluster spreads by ±0.1 em (proportional digits, autospace).
 */
const looseLineEm = 1.6;
/** Lines spread by more than this are counted (not reported one by one): what the line adjustment aims at. */
const stretchedLineEm = 1;
/** A non-final line ending this far short of the measure is ragged, not justified. */
const shortLineEm = 0.5;
/**
 * How far apart (px) the boxes of glyphs of the same advance may measure: Chromium snaps glyph edges to LayoutUnits
 * (1/64 px), so a box is up to 1/64 px wider or narrower than the advance; twice that, to be safe.
 */
const snapping = 2 / 64;

function paibanTypographyProbe(): Probe {
  const pages = Array.from(document.querySelectorAll('.pagedjs_page'));
  const context = createContext();
  const blocks = collectBlocks(pages, context);
  const fragments = blocks.flatMap((block) => block.fragments);
  const stretch: Stretch = { worst: 0, overOneEm: 0 };
  const findings = [
    ...blocks.flatMap(checkLineBreaks),
    ...blocks.flatMap(checkLastLine),
    ...blocks.flatMap(checkWidowsAndOrphans),
    ...blocks.flatMap((block) => checkMeasure(block, context, stretch)),
    ...checkHeadings(blocks),
    ...checkShortColumns(pages, blocks, context),
    ...pages.flatMap((page, index) =>
      checkOverflow(
        page,
        index + 1,
        fragments.filter((fragment) => fragment.page === index + 1),
        context,
      ),
    ),
    ...pages.flatMap((page, index) => checkHiddenText(page, index + 1, context)),
  ];
  return { findings, stretch, adjustments: countAdjustments(pages) };
}

/**
 * The line adjustments on the pages (src/adjust/browser/adjustLines.js marks each with data-adjust), by kind. An
 * element Paged.js split over two pages is there twice, with the same data-ref: it counts once.
 */
function countAdjustments(pages: Element[]): Record<string, number> {
  const counts: Record<string, number> = {};
  const seen = new Set();
  for (const page of pages) {
    for (const element of Array.from(page.querySelectorAll('[data-adjust]'))) {
      const ref = element.getAttribute('data-ref') ?? element;
      if (seen.has(ref)) continue;
      seen.add(ref);
      const kind = element.getAttribute('data-adjust') ?? '';
      counts[kind] = (counts[kind] ?? 0) + 1;
    }
  }
  return counts;
}

/** Per-run caches: computed styles, multicol geometry and boxes are read once per element or text. */
function createContext() {
  const { range, style, boxesOf } = createMeasurer();
  const multicols: Map<Element, Columns | null> = new Map();
  const containers: Map<Element, Columns> = new Map();
  /** The columns of a multicol container. */
  const columnsIn = (container: Element) => {
    let columns = containers.get(container);
    if (!columns) containers.set(container, (columns = columnsOf(container, style(container))));
    return columns;
  };
  /**
   * The columns of an element's nearest multicol container, or null for content outside one and for
   * column-span: all elements (tables), which sit across the columns.
   */
  const multicolOf = (element: Element): Columns | null => {
    const cached = multicols.get(element);
    if (cached !== undefined) return cached;
    const parent = element.parentElement;
    let found: Columns | null = null;
    if (parent && !parent.classList.contains('pagedjs_page_content') && style(element).columnSpan !== 'all') {
      found = isMulticol(style(parent)) ? columnsIn(parent) : multicolOf(parent);
    }
    multicols.set(element, found);
    return found;
  };
  return { style, multicolOf, boxesOf, range };
}

function isMulticol(style: CSSStyleDeclaration) {
  return style.columnCount !== 'auto' || style.columnWidth !== 'auto';
}

/**
 * Column geometry of a multicol container, as CSS Multi-column Layout §3.4 computes it.
 */
function columnsOf(container: Element, style: CSSStyleDeclaration): Columns {
  const box = container.getBoundingClientRect();
  const left = box.left + parseFloat(style.paddingLeft) + parseFloat(style.borderLeftWidth);
  const available =
    box.width - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - parseFloat(style.borderLeftWidth) - parseFloat(style.borderRightWidth);
  const gap = style.columnGap === 'normal' ? parseFloat(style.fontSize) : parseFloat(style.columnGap);
  const byWidth = style.columnWidth === 'auto' ? Infinity : Math.max(1, Math.floor((available + gap) / (parseFloat(style.columnWidth) + gap)));
  const count = Math.max(1, Math.min(style.columnCount === 'auto' ? Infinity : Number(style.columnCount), byWidth));
  return { left, count, gap, width: (available - (count - 1) * gap) / count };
}

/**
 * 1-based column of a horizontal position, or null outside any multicol container.
 */
function columnAt(element: Element, x: number, context: ReturnType<typeof createContext>) {
  const columns = context.multicolOf(element);
  if (!columns) return null;
  const { left, count, width, gap } = columns;
  return Math.min(count, Math.max(1, Math.floor((x - left + gap / 2) / (width + gap)) + 1));
}

/**
 * Left and right edges of a column, or of the page area for content outside columns.
 */
function columnEdges(element: Element, column: number | null, area: DOMRect, context: ReturnType<typeof createContext>) {
  const columns = context.multicolOf(element);
  if (!columns || column === null) return { left: area.left, right: area.right };
  const { left, width, gap } = columns;
  const start = left + (column - 1) * (width + gap);
  return { left: start, right: start + width };
}

/**
 * Every text block of every article, its fragments (Paged.js clones a block split across pages; the clones
 * share data-ref) joined in page order.
 */
function collectBlocks(pages: Element[], context: ReturnType<typeof createContext>): Block[] {
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
    // A new line box: the text went back to the left, or left the previous line's band (the next column). Glyphs
    // of one segment are in one line box, so only a segment's first glyph can start a line.
    if (!line || item.left < right - slack || item.top >= line.bottom - slack || item.bottom <= line.top + slack) {
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

const textOf = (line: Line) =>
  line.glyphs
    .map((glyph) => glyph.character + (glyph.spaceAfter ? ' ' : ''))
    .join('')
    .trim();

/**
 * A finding at a place on the pages (a line, or a page and column); `line` of the finding is the source line of
 * the block (data-line of it or of its top-level block).
 */
function finding(rule: string, where: Fragment | Element, at: { page: number; column: number | null }, excerpt: string, detail?: string): Finding {
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
 * Every soft line break inside a block: forbidden first and last characters, and breaks inside `——`, `……`
 * or a number or Latin word (docs/typesetting.md §2) — not at a space between two words.
 */
function checkLineBreaks(block: Block): Finding[] {
  const findings: Finding[] = [];
  block.lines.forEach((line, index) => {
    const next = block.lines[index + 1];
    if (!next || line.forcedEnd) return;
    // The characters either side of the break, three at most.
    const before = line.glyphs.slice(-3).map((glyph) => glyph.character);
    const after = next.glyphs.slice(0, 3).map((glyph) => glyph.character);
    const [last, beforeLast] = [before[before.length - 1], before[before.length - 2]];
    const [first, second] = [after[0], after[1]];
    const { fragment } = line;
    if (!line.glyphs[line.glyphs.length - 1].spaceAfter && isUnbreakable(beforeLast, last, first, second)) {
      findings.push(finding('split-unbreakable', fragment, line, textOf(line), `broken inside “${before.join('')}⏎${after.join('')}”`));
      return;
    }
    if (noLineEnd.has(last)) findings.push(finding('line-end-forbidden', fragment, line, textOf(line), `ends with “${last}”`));
    const startsPair = (first === '—' || first === '…') && second === first;
    if (noLineStart.has(first) && !startsPair) {
      findings.push(finding('line-start-forbidden', next.fragment, next, textOf(next), `starts with “${first}”`));
    }
  });
  return findings;
}

/**
 * Whether a break between `last` and `first` splits `——`, `……`, a Latin word or a number (`2024`, `3.05`).
 */
function isUnbreakable(beforeLast: string | undefined, last: string, first: string, second: string | undefined) {
  if ((last === '—' || last === '…') && first === last) return true;
  if (asciiAlphanumeric.test(last) && asciiAlphanumeric.test(first)) return true;
  const separator = /^[.,]$/;
  return (separator.test(last) && digit.test(beforeLast ?? '') && digit.test(first)) || (digit.test(last) && separator.test(first) && digit.test(second ?? ''));
}

/**
 * 孤字: the last line of a block of two or more lines holds a single character, with punctuation at most
 * (docs/typesetting.md §5).
 */
function checkLastLine(block: Block): Finding[] {
  const last = block.lines[block.lines.length - 1];
  if (!block.complete || block.lines.length < 2 || !block.fragments[0].element.matches(paragraphSelector)) return [];
  const words = last.glyphs.filter((glyph) => wordCharacter.test(glyph.character));
  if (words.length !== 1) return [];
  return [finding('lone-character', last.fragment, last, textOf(last))];
}

/**
 * 孤行: a block of two or more lines leaving one line alone in a column — its first line at a column's foot
 * or its last at a column's head (docs/typesetting.md §5). A broken heading is reported as a heading.
 */
function checkWidowsAndOrphans(block: Block): Finding[] {
  const runs = runsOf(block.lines);
  if (block.lines.length < 2 || runs.length < 2 || block.fragments[0].element.matches(headingSelector)) return [];
  return runs
    .filter((run) => run.length === 1)
    .map(([line]) => {
      const where = line === block.lines[0] ? 'first line alone at the foot of the column' : 'line alone at the head of the column';
      return finding('widow-orphan', line.fragment, line, textOf(line), where);
    });
}

/**
 * Non-final lines of body text must fill the measure: `short-line` when a line stops short of the right edge
 * (ragged, not justified), `loose-line` when justification filled it by spreading the characters apart (in
 * headings too). Every line spread by more than 1 em is counted in `stretch`, and the most any was.
 */
function checkMeasure(block: Block, context: ReturnType<typeof createContext>, stretch: Stretch): Finding[] {
  const element = block.fragments[0].element;
  const style = context.style(element);
  const balanced = element.matches(balancedTextSelector);
  if (!(balanced || element.matches(measuredTextSelector)) || ['center', 'right', 'end', '-webkit-center'].includes(style.textAlign)) return [];
  const em = parseFloat(style.fontSize);
  const findings: Finding[] = [];
  block.lines.forEach((line, index) => {
    if (line.forcedEnd || (block.complete && index === block.lines.length - 1)) return;
    const { fragment } = line;
    const shortBy = (measureRight(fragment, line, context) - line.right) / em;
    if (!balanced && shortBy > shortLineEm) {
      findings.push(finding('short-line', fragment, line, textOf(line), `ends ${shortBy.toFixed(1)} em short of the measure`));
      return;
    }
    const spread = looseStretch(line, em, context.range, stretchedLineEm);
    if (!spread) return;
    stretch.overOneEm++;
    stretch.worst = Math.max(stretch.worst, spread.stretch);
    const loose = spread.stretch > looseLineEm ? spread : undefined;
    if (loose) {
      findings.push(
        finding('loose-line', fragment, line, textOf(line), `stretched by ${loose.stretch.toFixed(1)} em (+${loose.gap.toFixed(2)} em between characters)`),
      );
    }
  });
  return findings;
}

/**
 * The right edge of the content box a line is set in: the block's box in the line's column.
 */
function measureRight(fragment: Fragment, line: Line, context: ReturnType<typeof createContext>) {
  const box =
    fragment.boxes.find((rect) => rect.left <= line.left + slack && line.left <= rect.right && rect.top <= line.top + slack && line.top <= rect.bottom) ??
    fragment.boxes[0];
  const style = context.style(fragment.element);
  return box.right - parseFloat(style.paddingRight) - parseFloat(style.borderRightWidth);
}

/**
 * What justification added to a line, in em, when that is more than `limit` em (else undefined): the space after
 * each character — the median excess width of its ideographs over 1 em (an ideograph's advance is exactly 1 em;
 * autospace widens those next to Latin, hence the median) — times the number of places Chromium may add it: next
 * to an ideograph or CJK mark, not inside a Latin word or number. The line's last character gets none and is left
 * out. The ideographs are measured only as far as it takes to rule the line out: widths bounded from above bound
 * the median from above.
 */
function looseStretch(line: Line, em: number, range: Range, limit: number) {
  const { glyphs } = line;
  const { ideographs, widths, unsure } = ideographWidths(glyphs, range);
  if (ideographs.length < 3) return undefined;
  let opportunities = 0;
  for (let index = 1, before = cjk(glyphs[0].character); index < glyphs.length; index++) {
    const after = cjk(glyphs[index].character);
    if (after || before) opportunities++;
    before = after;
  }
  /** Whether an ideograph this wide, in the middle, would make the line loose. */
  const tooWide = (width: number) => Math.max(0, width / em - 1) * opportunities > limit;
  // The median is the ⌊n/2⌋-th smallest of n: it is not too wide while ⌈n/2⌉ - 1 or fewer are.
  const allowed = widths.length - Math.floor(widths.length / 2) - 1;
  let wide = 0;
  for (const width of widths) if (tooWide(width)) wide++;
  for (const index of unsure) {
    if (wide <= allowed) return undefined;
    if (tooWide(widths[index])) wide--;
    widths[index] = widthOf(ideographs[index], range);
    if (tooWide(widths[index])) wide++;
  }
  const excess = widths.map((width) => width / em - 1).sort((a, b) => a - b);
  const gap = Math.max(0, excess[Math.floor(excess.length / 2)]);
  const stretch = gap * opportunities;
  return stretch > limit ? { gap, stretch } : undefined;
}

/**
 * The ideographs of a line but its last glyph, with their widths as far as one measured ideograph per element tells,
 * and which of those widths are only upper bounds (`unsure`, unknown ones first). A regular ideograph — one between
 * two others in its text, or the line's first before another — is as wide as its font's 1 em plus the
 * justification's share, the same all along the line (Chromium spreads the space evenly and adds none before a
 * line's first character): the regular ideographs of one element measure the same, within `snapping`. The others —
 * next to a mark, Latin, a break hint or an element's edge, at the line's end — may be wider (autospace, the space
 * Chromium adds before an ideograph that follows Latin or some marks, another style): unknown unless measured.
 */
function ideographWidths(glyphs: Glyph[], range: Range) {
  const ideographs: Glyph[] = [];
  const widths: number[] = [];
  const unknown: number[] = [];
  /** The regular ideographs of each element. */
  const regulars: Map<Element | null, number[]> = new Map();
  for (let index = 0; index < glyphs.length - 1; index++) {
    const glyph = glyphs[index];
    if (!hanzi(glyph.character)) continue;
    const at = ideographs.push(glyph) - 1;
    widths.push(glyph.width ?? Infinity);
    if (index < glyphs.length - 2 && regularAt(glyphs, index)) {
      const group = regulars.get(glyph.node.parentElement);
      if (group) group.push(at);
      else regulars.set(glyph.node.parentElement, [at]);
    } else if (glyph.width === undefined) {
      unknown.push(at);
    }
  }
  const bounded: number[] = [];
  for (const group of regulars.values()) {
    // Measured while the lines were found, or now.
    const sample = ideographs[group.find((at) => ideographs[at].width !== undefined) ?? group[0]];
    const bound = widthOf(sample, range) + snapping;
    for (const at of group) {
      const { width } = ideographs[at];
      widths[at] = width ?? bound;
      if (width === undefined) bounded.push(at);
    }
  }
  return { ideographs, widths, unsure: unknown.concat(bounded) };
}

/**
 * Whether glyph `index` of a line is a regular ideograph (see ideographWidths): an ideograph whose neighbours on the
 * line are ideographs right next to it in its text node — at the line's start, the one after it, the character
 * before it in the text (on the line above) being an ideograph or CJK mark, so that no autospace can come between.
 */
function regularAt(glyphs: Glyph[], index: number) {
  const { node, offset, character } = glyphs[index];
  const [before, after] = [glyphs[index - 1], glyphs[index + 1]];
  const end = offset + character.length;
  if (!(hanzi(character) && after.node === node && after.offset === end && hanzi(after.character))) return false;
  if (!before) return offset > 0 && cjk(node.data[offset - 1]);
  return before.node === node && before.offset + before.character.length === offset && hanzi(before.character);
}

/** The width of a glyph of a line, which lies in a box of its text (see segmentsIn). */
function widthOf(glyph: Glyph, range: Range) {
  return glyph.width ?? (boxOf(glyph, range) as DOMRect).width;
}

/**
 * A heading may not end a column: the text it heads must follow it in the same column (docs/typesetting.md §1, §5), and
 * the heading itself must not be broken over two columns. Blocks are in document order, so the next block of
 * the same article is what the heading heads.
 */
function checkHeadings(blocks: Block[]): Finding[] {
  return blocks.flatMap((block, index) => {
    const heading = block.fragments[0];
    if (!heading.element.matches(headingSelector)) return [];
    const text = block.lines.map(textOf).join('');
    const split = runsOf(block.lines);
    if (split.length > 1) {
      const last = split[0][split[0].length - 1];
      return [finding('heading-last-in-column', last.fragment, last, text, 'the heading is broken over two columns')];
    }
    const last = block.lines[block.lines.length - 1];
    const next = blocks[index + 1]?.lines[0];
    if (!next || articleOf(blocks[index + 1].fragments[0].element) !== articleOf(heading.element)) return [];
    // Null: a table across the columns, which follows the columns above it.
    if (next.page === last.page && (next.column === last.column || next.column === null)) return [];
    return [finding('heading-last-in-column', heading, last, text, 'the text it heads starts in the next column')];
  });
}

/**
 * 栏未排满: a hand-set page is a full grid, so on a page in the middle of an article (the article goes on
 * overleaf) every column of its body reaches the foot of the type area; the widow and orphan rules and headings
 * kept with their text push lines on and leave a column a line or two short. One finding per page, at its first
 * short column, naming each. Not judged: a page whose lowest
 * content spans the columns (a table), which ends its columns above it, balanced.
 */
function checkShortColumns(pages: Element[], blocks: Block[], context: ReturnType<typeof createContext>): Finding[] {
  /** The body lines of each article, by article file. */
  const articles: Map<string, { lastPage: number; lines: Line[] }> = new Map();
  for (const line of blocks.flatMap((block) => block.lines)) {
    const file = articleOf(line.fragment.element);
    if (!file || !line.fragment.element.closest('.article-body')) continue;
    const article = articles.get(file) ?? { lastPage: 0, lines: [] };
    article.lastPage = Math.max(article.lastPage, line.page);
    article.lines.push(line);
    articles.set(file, article);
  }
  const findings: Finding[] = [];
  for (const { lastPage, lines } of articles.values()) {
    for (let page = lines[0].page; page < lastPage; page++) {
      const onPage = lines.filter((line) => line.page === page);
      const content = pages[page - 1]?.querySelector('.pagedjs_page_content');
      const columned = onPage.find((line) => line.column !== null);
      if (!content || !columned) continue;
      const columns = context.multicolOf(columned.fragment.element) as Columns;
      const bottoms = Array.from({ length: columns.count }, () => -Infinity);
      let spanning = -Infinity;
      const pitch = parseFloat(context.style(columned.fragment.element).lineHeight);
      for (const line of onPage) {
        const bottom = lineBoxBottom(line.top, line.bottom, pitch);
        if (line.column === null) spanning = Math.max(spanning, bottom);
        else bottoms[line.column - 1] = Math.max(bottoms[line.column - 1], bottom);
      }
      // Figures and images draw no lines of text: their boxes end their columns.
      for (const element of Array.from(pages[page - 1].querySelectorAll('.article-body :is(figure, img)'))) {
        const box = element.getBoundingClientRect();
        const column = columnAt(element, box.left, context);
        if (column !== null) bottoms[column - 1] = Math.max(bottoms[column - 1], box.bottom);
      }
      if (spanning > Math.max(...bottoms)) continue;
      const foot = content.getBoundingClientRect().bottom;
      const short = bottoms.map((bottom) => linesBelow(bottom, foot, pitch));
      const column = short.findIndex((lines) => lines >= 1);
      if (column < 0) continue;
      const last = onPage.filter((line) => line.column === column + 1).at(-1) ?? columned;
      const detail = short.flatMap((lines, index) => (lines >= 1 ? [`column ${index + 1} ends ${lines} line${lines > 1 ? 's' : ''} short of the foot`] : []));
      findings.push(finding('short-column', last.fragment, { page, column: column + 1 }, textOf(last), `${detail.join(', ')}; the article goes on overleaf`));
    }
  }
  return findings;
}

/**
 * A block's lines in runs of consecutive lines in the same column of the same page.
 */
function runsOf(lines: Line[]): Line[][] {
  const runs: Line[][] = [];
  lines.forEach((line, index) => {
    const previous = lines[index - 1];
    if (previous && previous.page === line.page && previous.column === line.column) runs[runs.length - 1].push(line);
    else runs.push([line]);
  });
  return runs;
}

const articleOf = (element: Element) => element.closest('[data-file]')?.getAttribute('data-file') ?? null;

/**
 * Content outside its page's content area or its column, and content clipped by an overflow: hidden box
 * (Paged.js moves what does not fit to the next page, except what cannot be broken). Only the outermost
 * offending element is reported; a line of text is reported when it runs out of its block's column.
 *   @param fragments on this page
 */
function checkOverflow(page: Element, number: number, fragments: Fragment[], context: ReturnType<typeof createContext>): Finding[] {
  const content = page.querySelector('.pagedjs_page_content');
  if (!content) return [];
  const area = content.getBoundingClientRect();
  const findings: Finding[] = [];
  const reported: Set<Element> = new Set();
  for (const element of Array.from(content.querySelectorAll('*'))) {
    if (element.parentElement && reported.has(element.parentElement)) {
      reported.add(element);
      continue;
    }
    const problem = overflowOf(element, area, context);
    if (!problem) continue;
    reported.add(element);
    const at = { page: number, column: columnAt(element, element.getBoundingClientRect().left, context) };
    findings.push(finding('overflow', element, at, element.textContent || `<${element.localName}>`, problem));
  }
  for (const fragment of fragments.filter((candidate) => !reported.has(candidate.element))) {
    const em = parseFloat(context.style(fragment.element).fontSize);
    for (const line of fragment.lines) {
      const edges = columnEdges(fragment.element, line.column, area, context);
      const outside = Math.max(line.right - edges.right, edges.left - line.left);
      if (outside > slack) findings.push(finding('overflow', fragment, line, textOf(line), `line runs ${(outside / em).toFixed(1)} em out of its column`));
    }
  }
  return findings;
}

/**
 * What is wrong with an element's box, or undefined.
 */
function overflowOf(element: Element, area: DOMRect, context: ReturnType<typeof createContext>) {
  const style = context.style(element);
  if (style.overflowX !== 'visible' && element.scrollWidth > element.clientWidth + slack) return 'content clipped horizontally';
  if (style.overflowY !== 'visible' && element.scrollHeight > element.clientHeight + slack) return 'content clipped vertically';
  for (const rect of context.boxesOf(element)) {
    if (rect.width === 0 && rect.height === 0) continue;
    if (rect.left < area.left - slack || rect.right > area.right + slack || rect.top < area.top - slack || rect.bottom > area.bottom + slack) {
      return 'outside the page area';
    }
    const edges = columnEdges(element, columnAt(element, rect.left, context), area, context);
    if (rect.right > edges.right + slack) return `wider than its column by ${(rect.right - edges.right).toFixed(0)} px`;
  }
  return undefined;
}

/**
 * Text that is on the page but not seen: no box (display: none), an empty box (font-size: 0, height: 0),
 * or hidden (visibility, opacity). Text lost outright is caught earlier, by the build's text comparison.
 */
function checkHiddenText(page: Element, number: number, context: ReturnType<typeof createContext>): Finding[] {
  const content = page.querySelector('.pagedjs_page_content');
  if (!content) return [];
  const findings: Finding[] = [];
  const walker = document.createTreeWalker(content, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = (node as Text).data;
    const parent = node.parentElement;
    if (!parent || invisibleText.test(text)) continue;
    const visible = context.boxesOf(node as Text).some((rect) => rect.width > 0 && rect.height > 0);
    const shown = parent.checkVisibility({ opacityProperty: true, visibilityProperty: true });
    if (!visible || !shown)
      findings.push(finding('missing-text', parent, { page: number, column: null }, text, visible ? 'hidden by visibility or opacity' : 'no visible box'));
  }
  return findings;
}

/**
 * The text nodes of the pages in document order with the role their CSS font-family names first
 * (paiban-song → song) and whether they are bold, for the font rule. Only ASCII-blank nodes are left out, as
 * the DevTools protocol's DOM tree leaves them out.
 */
function paibanTextRoles(): TextRole[] {
  const pages = Array.from(document.querySelectorAll('.pagedjs_page'));
  const root = document.querySelector('.pagedjs_pages');
  if (!root) return [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
    acceptNode: (node) => (/[^\t\n\f\r ]/.test((node as Text).data) ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP),
  });
  const roles: TextRole[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement as Element;
    const style = getComputedStyle(parent);
    const source = parent.closest('[data-line]')?.getAttribute('data-line');
    roles.push({
      text: (node as Text).data,
      role: style.fontFamily
        .split(',')[0]
        .trim()
        .replace(/^["']|["']$/g, ''),
      bold: Number(style.fontWeight) > 500,
      page: pages.indexOf(parent.closest('.pagedjs_page') as Element) + 1,
      article: articleOf(parent),
      line: source ? Number(source) : null,
    });
  }
  return roles;
}

export { paibanTypographyProbe as typographyProbe, paibanTextRoles as textRoles };

type Line = {
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
type Fragment = { element: Element; page: number; lines: Line[]; boxes: DOMRect[] };
type Block = { fragments: Fragment[]; lines: Line[]; complete: boolean };
type Columns = { left: number; count: number; width: number; gap: number };
