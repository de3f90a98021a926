// @ts-check
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
(() => {
  const { characterTest, createMeasurer, findSegments, boxOf, lineBoxBottom, linesBelow, slack } = /** @type {LineBoxes} */ (
    /** @type {any} */ (window).paibanLineBoxes
  );
  /**
   * @typedef {import('./lineBoxes.js').LineBoxes} LineBoxes
   * @typedef {import('./lineBoxes.js').Glyph} Glyph
   * @typedef {import('./lineBoxes.js').Segment} Segment
   * @typedef {{ rule: string, page: number, column: number | null, article: string | null, line: number | null, excerpt: string, detail?: string }} Finding
   * @typedef {{ glyphs: Glyph[], fragment: Fragment, page: number, column: number | null, top: number, bottom: number, left: number, right: number, forcedEnd: boolean }} Line
   * @typedef {{ element: Element, page: number, lines: Line[], boxes: DOMRect[] }} Fragment
   * @typedef {{ fragments: Fragment[], lines: Line[], complete: boolean }} Block
   * @typedef {{ left: number, count: number, width: number, gap: number }} Columns
   * @typedef {{ text: string, role: string, bold: boolean, page: number, article: string | null, line: number | null }} TextRole
   * @typedef {{ worst: number, overOneEm: number }} Stretch  the most a justified line was spread (em), and how many lines were spread by more than 1 em
   * @typedef {{ findings: Finding[], stretch: Stretch, adjustments: Record<string, number> }} Probe
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

  /** @returns {Probe} */
  function paibanTypographyProbe() {
    const pages = Array.from(document.querySelectorAll('.pagedjs_page'));
    const context = createContext();
    const blocks = collectBlocks(pages, context);
    const fragments = blocks.flatMap((block) => block.fragments);
    /** @type {Stretch} */
    const stretch = { worst: 0, overOneEm: 0 };
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
   * @param {Element[]} pages @returns {Record<string, number>}
   */
  function countAdjustments(pages) {
    /** @type {Record<string, number>} */
    const counts = {};
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
    /** @type {Map<Element, Columns | null>} */
    const multicols = new Map();
    /** @type {Map<Element, Columns>} */
    const containers = new Map();
    /** The columns of a multicol container. @param {Element} container */
    const columnsIn = (container) => {
      let columns = containers.get(container);
      if (!columns) containers.set(container, (columns = columnsOf(container, style(container))));
      return columns;
    };
    /**
     * The columns of an element's nearest multicol container, or null for content outside one and for
     * column-span: all elements (tables), which sit across the columns.
     * @param {Element} element @returns {Columns | null}
     */
    const multicolOf = (element) => {
      const cached = multicols.get(element);
      if (cached !== undefined) return cached;
      const parent = element.parentElement;
      /** @type {Columns | null} */
      let found = null;
      if (parent && !parent.classList.contains('pagedjs_page_content') && style(element).columnSpan !== 'all') {
        found = isMulticol(style(parent)) ? columnsIn(parent) : multicolOf(parent);
      }
      multicols.set(element, found);
      return found;
    };
    return { style, multicolOf, boxesOf, range };
  }

  /** @param {CSSStyleDeclaration} style */
  function isMulticol(style) {
    return style.columnCount !== 'auto' || style.columnWidth !== 'auto';
  }

  /**
   * Column geometry of a multicol container, as CSS Multi-column Layout §3.4 computes it.
   * @param {Element} container @param {CSSStyleDeclaration} style @returns {Columns}
   */
  function columnsOf(container, style) {
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
   * @param {Element} element @param {number} x @param {ReturnType<typeof createContext>} context
   */
  function columnAt(element, x, context) {
    const columns = context.multicolOf(element);
    if (!columns) return null;
    const { left, count, width, gap } = columns;
    return Math.min(count, Math.max(1, Math.floor((x - left + gap / 2) / (width + gap)) + 1));
  }

  /**
   * Left and right edges of a column, or of the page area for content outside columns.
   * @param {Element} element @param {number | null} column @param {DOMRect} area @param {ReturnType<typeof createContext>} context
   */
  function columnEdges(element, column, area, context) {
    const columns = context.multicolOf(element);
    if (!columns || column === null) return { left: area.left, right: area.right };
    const { left, width, gap } = columns;
    const start = left + (column - 1) * (width + gap);
    return { left: start, right: start + width };
  }

  /**
   * Every text block of every article, its fragments (Paged.js clones a block split across pages; the clones
   * share data-ref) joined in page order.
   * @param {Element[]} pages @param {ReturnType<typeof createContext>} context @returns {Block[]}
   */
  function collectBlocks(pages, context) {
    /** @type {Map<string | Element, Block>} */
    const blocks = new Map();
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

  /** @param {Element} element @param {number} page @param {ReturnType<typeof createContext>} context @returns {Fragment} */
  function measureFragment(element, page, context) {
    /** @type {Fragment} */
    const fragment = { element, page, lines: [], boxes: context.boxesOf(element) };
    /** @type {Line | undefined} */
    let line;
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
   * @param {Element} block @param {ReturnType<typeof createContext>} context @returns {Generator<Segment | 'break'>}
   */
  function* segmentsOf(block, context) {
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT, {
      acceptNode: (node) =>
        !(node instanceof Element) || node.localName === 'br'
          ? NodeFilter.FILTER_ACCEPT
          : node.matches(textBlockSelector)
            ? NodeFilter.FILTER_REJECT
            : NodeFilter.FILTER_SKIP,
    });
    /** @type {Glyph | undefined} The last glyph yielded: a break opportunity that follows marks it. */
    let previous;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node instanceof Element) {
        yield 'break';
        continue;
      }
      const { segments, breakFirst } = findSegments(/** @type {Text} */ (node), context);
      if (breakFirst && previous) previous.spaceAfter = true;
      // Read before the segments are yielded: the lines made of them take over their arrays of glyphs.
      const last = segments.at(-1)?.glyphs.at(-1);
      yield* segments;
      previous = last ?? previous;
    }
  }

  /** @param {Line} line */
  const textOf = (line) =>
    line.glyphs
      .map((glyph) => glyph.character + (glyph.spaceAfter ? ' ' : ''))
      .join('')
      .trim();

  /**
   * A finding at a place on the pages (a line, or a page and column); `line` of the finding is the source line of
   * the block (data-line of it or of its top-level block).
   * @param {string} rule @param {Fragment | Element} where @param {{ page: number, column: number | null }} at @param {string} excerpt @param {string} [detail] @returns {Finding}
   */
  function finding(rule, where, at, excerpt, detail) {
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
   * @param {Block} block @returns {Finding[]}
   */
  function checkLineBreaks(block) {
    /** @type {Finding[]} */
    const findings = [];
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
   * @param {string | undefined} beforeLast @param {string} last @param {string} first @param {string | undefined} second
   */
  function isUnbreakable(beforeLast, last, first, second) {
    if ((last === '—' || last === '…') && first === last) return true;
    if (asciiAlphanumeric.test(last) && asciiAlphanumeric.test(first)) return true;
    const separator = /^[.,]$/;
    return (
      (separator.test(last) && digit.test(beforeLast ?? '') && digit.test(first)) || (digit.test(last) && separator.test(first) && digit.test(second ?? ''))
    );
  }

  /**
   * 孤字: the last line of a block of two or more lines holds a single character, with punctuation at most
   * (docs/typesetting.md §5).
   * @param {Block} block @returns {Finding[]}
   */
  function checkLastLine(block) {
    const last = block.lines[block.lines.length - 1];
    if (!block.complete || block.lines.length < 2 || !block.fragments[0].element.matches(paragraphSelector)) return [];
    const words = last.glyphs.filter((glyph) => wordCharacter.test(glyph.character));
    if (words.length !== 1) return [];
    return [finding('lone-character', last.fragment, last, textOf(last))];
  }

  /**
   * 孤行: a block of two or more lines leaving one line alone in a column — its first line at a column's foot
   * or its last at a column's head (docs/typesetting.md §5). A broken heading is reported as a heading.
   * @param {Block} block @returns {Finding[]}
   */
  function checkWidowsAndOrphans(block) {
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
   * @param {Block} block @param {ReturnType<typeof createContext>} context @param {Stretch} stretch @returns {Finding[]}
   */
  function checkMeasure(block, context, stretch) {
    const element = block.fragments[0].element;
    const style = context.style(element);
    const balanced = element.matches(balancedTextSelector);
    if (!(balanced || element.matches(measuredTextSelector)) || ['center', 'right', 'end', '-webkit-center'].includes(style.textAlign)) return [];
    const em = parseFloat(style.fontSize);
    /** @type {Finding[]} */
    const findings = [];
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
   * @param {Fragment} fragment @param {Line} line @param {ReturnType<typeof createContext>} context
   */
  function measureRight(fragment, line, context) {
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
   * @param {Line} line @param {number} em @param {Range} range @param {number} limit
   */
  function looseStretch(line, em, range, limit) {
    const { glyphs } = line;
    const { ideographs, widths, unsure } = ideographWidths(glyphs, range);
    if (ideographs.length < 3) return undefined;
    let opportunities = 0;
    for (let index = 1, before = cjk(glyphs[0].character); index < glyphs.length; index++) {
      const after = cjk(glyphs[index].character);
      if (after || before) opportunities++;
      before = after;
    }
    /** Whether an ideograph this wide, in the middle, would make the line loose. @param {number} width */
    const tooWide = (width) => Math.max(0, width / em - 1) * opportunities > limit;
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
   * @param {Glyph[]} glyphs @param {Range} range
   */
  function ideographWidths(glyphs, range) {
    /** @type {Glyph[]} */
    const ideographs = [];
    /** @type {number[]} */
    const widths = [];
    /** @type {number[]} */
    const unknown = [];
    /** @type {Map<Element | null, number[]>} The regular ideographs of each element. */
    const regulars = new Map();
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
    /** @type {number[]} */
    const bounded = [];
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
   * @param {Glyph[]} glyphs @param {number} index
   */
  function regularAt(glyphs, index) {
    const { node, offset, character } = glyphs[index];
    const [before, after] = [glyphs[index - 1], glyphs[index + 1]];
    const end = offset + character.length;
    if (!(hanzi(character) && after.node === node && after.offset === end && hanzi(after.character))) return false;
    if (!before) return offset > 0 && cjk(node.data[offset - 1]);
    return before.node === node && before.offset + before.character.length === offset && hanzi(before.character);
  }

  /** The width of a glyph of a line, which lies in a box of its text (see segmentsIn). @param {Glyph} glyph @param {Range} range */
  function widthOf(glyph, range) {
    return glyph.width ?? /** @type {DOMRect} */ (boxOf(glyph, range)).width;
  }

  /**
   * A heading may not end a column: the text it heads must follow it in the same column (docs/typesetting.md §1, §5), and
   * the heading itself must not be broken over two columns. Blocks are in document order, so the next block of
   * the same article is what the heading heads.
   * @param {Block[]} blocks @returns {Finding[]}
   */
  function checkHeadings(blocks) {
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
   * @param {Element[]} pages @param {Block[]} blocks @param {ReturnType<typeof createContext>} context @returns {Finding[]}
   */
  function checkShortColumns(pages, blocks, context) {
    /** @type {Map<string, { lastPage: number, lines: Line[] }>} The body lines of each article, by article file. */
    const articles = new Map();
    for (const line of blocks.flatMap((block) => block.lines)) {
      const file = articleOf(line.fragment.element);
      if (!file || !line.fragment.element.closest('.article-body')) continue;
      const article = articles.get(file) ?? { lastPage: 0, lines: [] };
      article.lastPage = Math.max(article.lastPage, line.page);
      article.lines.push(line);
      articles.set(file, article);
    }
    /** @type {Finding[]} */
    const findings = [];
    for (const { lastPage, lines } of articles.values()) {
      for (let page = lines[0].page; page < lastPage; page++) {
        const onPage = lines.filter((line) => line.page === page);
        const content = pages[page - 1]?.querySelector('.pagedjs_page_content');
        const columned = onPage.find((line) => line.column !== null);
        if (!content || !columned) continue;
        const columns = /** @type {Columns} */ (context.multicolOf(columned.fragment.element));
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
   * @param {Line[]} lines @returns {Line[][]}
   */
  function runsOf(lines) {
    /** @type {Line[][]} */
    const runs = [];
    lines.forEach((line, index) => {
      const previous = lines[index - 1];
      if (previous && previous.page === line.page && previous.column === line.column) runs[runs.length - 1].push(line);
      else runs.push([line]);
    });
    return runs;
  }

  /** @param {Element} element */
  const articleOf = (element) => element.closest('[data-file]')?.getAttribute('data-file') ?? null;

  /**
   * Content outside its page's content area or its column, and content clipped by an overflow: hidden box
   * (Paged.js moves what does not fit to the next page, except what cannot be broken). Only the outermost
   * offending element is reported; a line of text is reported when it runs out of its block's column.
   * @param {Element} page @param {number} number @param {Fragment[]} fragments on this page @param {ReturnType<typeof createContext>} context @returns {Finding[]}
   */
  function checkOverflow(page, number, fragments, context) {
    const content = page.querySelector('.pagedjs_page_content');
    if (!content) return [];
    const area = content.getBoundingClientRect();
    /** @type {Finding[]} */
    const findings = [];
    /** @type {Set<Element>} */
    const reported = new Set();
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
   * @param {Element} element @param {DOMRect} area @param {ReturnType<typeof createContext>} context
   */
  function overflowOf(element, area, context) {
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
   * @param {Element} page @param {number} number @param {ReturnType<typeof createContext>} context @returns {Finding[]}
   */
  function checkHiddenText(page, number, context) {
    const content = page.querySelector('.pagedjs_page_content');
    if (!content) return [];
    /** @type {Finding[]} */
    const findings = [];
    const walker = document.createTreeWalker(content, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = /** @type {Text} */ (node).data;
      const parent = node.parentElement;
      if (!parent || invisibleText.test(text)) continue;
      const visible = context.boxesOf(/** @type {Text} */ (node)).some((rect) => rect.width > 0 && rect.height > 0);
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
   * @returns {TextRole[]}
   */
  function paibanTextRoles() {
    const pages = Array.from(document.querySelectorAll('.pagedjs_page'));
    const root = document.querySelector('.pagedjs_pages');
    if (!root) return [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
      acceptNode: (node) => (/[^\t\n\f\r ]/.test(/** @type {Text} */ (node).data) ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP),
    });
    /** @type {TextRole[]} */
    const roles = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = /** @type {Element} */ (node.parentElement);
      const style = getComputedStyle(parent);
      const source = parent.closest('[data-line]')?.getAttribute('data-line');
      roles.push({
        text: /** @type {Text} */ (node).data,
        role: style.fontFamily
          .split(',')[0]
          .trim()
          .replace(/^["']|["']$/g, ''),
        bold: Number(style.fontWeight) > 500,
        page: pages.indexOf(/** @type {Element} */ (parent.closest('.pagedjs_page'))) + 1,
        article: articleOf(parent),
        line: source ? Number(source) : null,
      });
    }
    return roles;
  }

  Object.assign(window, { paibanTypographyProbe, paibanTextRoles });
})();
