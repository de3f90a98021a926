// @ts-check
/**
 * The in-page side of the typography check: a plain browser script (functions serialized from TypeScript carry
 * transpiler helpers such as esbuild's __name that do not exist in the page), evaluated after Paged.js.
 *
 * `paibanTypographyProbe()` reads the line boxes Chromium laid out — one Range per character, grouped into lines —
 * and returns the findings of every layout rule. `paibanTextRoles()` lists the page's text nodes in document order
 * with the font role their CSS asks for, for the font rule (which needs the DevTools protocol, so runs in Node).
 * Nothing here changes the document: the pages are printed after the check.
 */
(() => {
  /**
   * @typedef {{ rule: string, page: number, column: number | null, article: string | null, line: number | null, excerpt: string, detail?: string }} Finding
   * @typedef {{ character: string, rect: DOMRect, spaceAfter: boolean }} Glyph  spaceAfter: a space (or zero-width space, soft hyphen) follows, where a line may break
   * @typedef {{ glyphs: Glyph[], page: number, column: number | null, top: number, bottom: number, left: number, right: number, forcedEnd: boolean }} Line
   * @typedef {{ element: Element, page: number, lines: Line[], boxes: DOMRect[] }} Fragment
   * @typedef {{ fragments: Fragment[], lines: Line[], complete: boolean }} Block
   * @typedef {{ left: number, count: number, width: number, gap: number }} Columns
   * @typedef {{ text: string, role: string, bold: boolean, page: number, article: string | null, line: number | null }} TextRole
   */

  /** Never at the start of a line (handbook §2, GB/T 15834); `——` and `……` may start one, as whole pairs. */
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
  /** Characters that draw nothing and take no part in line breaking rules (word joiner, zero-width space, soft hyphen). */
  const invisible = /^[\s\u2060\u200b\u00ad]$/u;
  /** Invisible characters after which a line may break. */
  const breakOpportunity = /^[\s\u200b\u00ad]$/u;
  const wordCharacter = /[\p{L}\p{N}]/u;
  const hanzi = /\p{Script=Han}/u;
  /** Ideographs and CJK marks, next to which justification may add space (Chromium: IsCJKIdeographOrSymbol). */
  const cjk = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef\u2018\u2019\u201c\u201d\u2014\u2026\u00b7]/u;
  const asciiAlphanumeric = /^[A-Za-z0-9]$/;
  const digit = /^[0-9]$/;
  /** Tolerance for sub-pixel layout (LayoutUnit is 1/64 px; glyph boxes are rounded). */
  const slack = 1;
  /**
   * Justification spreads what a line lacks over its gaps. Under `line-break: strict` ordinary lines lack ½ em
   * (a pair of marks compressed to 1.5 em, handbook §3), 1 em (a character moved to the next line to keep a mark
   * off its start: Chromium cannot compress the line instead) or both: on issue 2024-4 the stretches cluster at
   * 0.5, 1.0 and 1.5 em, ⅛-em autospace aside. More than that is a line whose break an unbreakable run (a number,
   * a Latin word, `“1+17+60+N”`) pushed down, spreading the characters visibly apart (+0.08 em a gap and more).
   * 1.6, not 1.5: the measured 1.5-em cluster spreads by ±0.1 em (proportional digits, autospace).
   */
  const looseLineEm = 1.6;
  /** A non-final line ending this far short of the measure is ragged, not justified. */
  const shortLineEm = 0.5;

  /** @returns {Finding[]} */
  function paibanTypographyProbe() {
    const pages = Array.from(document.querySelectorAll('.pagedjs_page'));
    const context = createContext();
    const blocks = collectBlocks(pages, context);
    const fragments = blocks.flatMap((block) => block.fragments);
    return [
      ...blocks.flatMap(checkLineBreaks),
      ...blocks.flatMap(checkLastLine),
      ...blocks.flatMap(checkWidowsAndOrphans),
      ...blocks.flatMap((block) => checkMeasure(block, context)),
      ...checkHeadings(blocks),
      ...pages.flatMap((page, index) => checkOverflow(page, index + 1, fragments.filter((fragment) => fragment.page === index + 1), context)),
      ...pages.flatMap((page, index) => checkHiddenText(page, index + 1, context)),
    ];
  }

  /** Per-run caches: computed styles and multicol geometry are read once per element. */
  function createContext() {
    /** @type {Map<Element, CSSStyleDeclaration>} */
    const styles = new Map();
    /** @type {Map<Element, Columns | null>} */
    const multicols = new Map();
    /** @param {Element} element */
    const style = (element) => {
      let computed = styles.get(element);
      if (!computed) styles.set(element, (computed = getComputedStyle(element)));
      return computed;
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
        found = isMulticol(style(parent)) ? columnsOf(parent, style(parent)) : multicolOf(parent);
      }
      multicols.set(element, found);
      return found;
    };
    return { style, multicolOf, range: document.createRange() };
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
    const available = box.width - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - parseFloat(style.borderLeftWidth) - parseFloat(style.borderRightWidth);
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
    /** @type {Line[]} */
    const lines = [];
    /** @type {Line | undefined} */
    let line;
    for (const item of glyphsOf(element, context.range)) {
      if (item === 'break') {
        if (line) line.forcedEnd = true;
        line = undefined;
        continue;
      }
      const { rect } = item;
      const previous = line?.glyphs[line.glyphs.length - 1];
      // A new line box: the text went back to the left, or left the previous line's band (the next column).
      if (!line || !previous || rect.left < previous.rect.right - slack || rect.top >= line.bottom - slack || rect.bottom <= line.top + slack) {
        line = { glyphs: [], page, column: columnAt(element, rect.left, context), top: rect.top, bottom: rect.bottom, left: rect.left, right: rect.right, forcedEnd: false };
        lines.push(line);
      }
      line.glyphs.push(item);
      line.right = Math.max(line.right, rect.right);
    }
    return { element, page, lines, boxes: Array.from(element.getClientRects()) };
  }

  /**
   * The visible characters of a block with their boxes, in logical order, and 'break' for each <br>. Text of
   * nested text blocks is theirs, not this block's.
   * @param {Element} block @param {Range} range @returns {Generator<Glyph | 'break'>}
   */
  function* glyphsOf(block, range) {
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT, {
      acceptNode: (node) =>
        !(node instanceof Element) || node.localName === 'br'
          ? NodeFilter.FILTER_ACCEPT
          : node.matches(textBlockSelector)
            ? NodeFilter.FILTER_REJECT
            : NodeFilter.FILTER_SKIP,
    });
    /** @type {Glyph | undefined} */
    let previous;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node instanceof Element) {
        yield 'break';
        continue;
      }
      let offset = 0;
      for (const character of /** @type {Text} */ (node).data) {
        const end = offset + character.length;
        if (breakOpportunity.test(character) && previous) previous.spaceAfter = true;
        if (!invisible.test(character)) {
          range.setStart(node, offset);
          range.setEnd(node, end);
          const rect = range.getClientRects()[0];
          if (rect) yield (previous = { character, rect, spaceAfter: false });
        }
        offset = end;
      }
    }
  }

  /** @param {Line} line */
  const textOf = (line) => line.glyphs.map((glyph) => glyph.character + (glyph.spaceAfter ? ' ' : '')).join('').trim();

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
      excerpt: [...excerpt.replace(/[\u200b\u2060\u00ad]/g, '').replace(/(?<=[^\x00-\x7f])\s+(?=[^\x00-\x7f])/gu, '').replace(/\s+/g, ' ').trim()].slice(0, 30).join(''),
      ...(detail === undefined ? {} : { detail }),
    };
  }

  /** The fragment of a block that holds a line. @param {Block} block @param {Line} line */
  function fragmentOf(block, line) {
    return /** @type {Fragment} */ (block.fragments.find((fragment) => fragment.lines.includes(line)));
  }

  /**
   * Every soft line break inside a block: forbidden first and last characters, and breaks inside `——`, `……`
   * or a number or Latin word (handbook §2) — not at a space between two words.
   * @param {Block} block @returns {Finding[]}
   */
  function checkLineBreaks(block) {
    /** @type {Finding[]} */
    const findings = [];
    block.lines.forEach((line, index) => {
      const next = block.lines[index + 1];
      if (!next || line.forcedEnd) return;
      const before = line.glyphs.map((glyph) => glyph.character);
      const after = next.glyphs.map((glyph) => glyph.character);
      const [last, beforeLast] = [before[before.length - 1], before[before.length - 2]];
      const [first, second] = [after[0], after[1]];
      const fragment = fragmentOf(block, line);
      if (!line.glyphs[line.glyphs.length - 1].spaceAfter && isUnbreakable(beforeLast, last, first, second)) {
        findings.push(finding('split-unbreakable', fragment, line, textOf(line), `broken inside “${before.slice(-3).join('')}⏎${after.slice(0, 3).join('')}”`));
        return;
      }
      if (noLineEnd.has(last)) findings.push(finding('line-end-forbidden', fragment, line, textOf(line), `ends with “${last}”`));
      const startsPair = (first === '—' || first === '…') && second === first;
      if (noLineStart.has(first) && !startsPair) {
        findings.push(finding('line-start-forbidden', fragmentOf(block, next), next, textOf(next), `starts with “${first}”`));
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
    return (separator.test(last) && digit.test(beforeLast ?? '') && digit.test(first)) || (digit.test(last) && separator.test(first) && digit.test(second ?? ''));
  }

  /**
   * 孤字: the last line of a block of two or more lines holds a single character, with punctuation at most
   * (handbook §5).
   * @param {Block} block @returns {Finding[]}
   */
  function checkLastLine(block) {
    const last = block.lines[block.lines.length - 1];
    if (!block.complete || block.lines.length < 2 || !block.fragments[0].element.matches(paragraphSelector)) return [];
    const words = last.glyphs.filter((glyph) => wordCharacter.test(glyph.character));
    if (words.length !== 1) return [];
    return [finding('lone-character', fragmentOf(block, last), last, textOf(last))];
  }

  /**
   * 孤行: a block of two or more lines leaving one line alone in a column — its first line at a column's foot
   * or its last at a column's head (handbook §5). A broken heading is reported as a heading.
   * @param {Block} block @returns {Finding[]}
   */
  function checkWidowsAndOrphans(block) {
    const runs = runsOf(block.lines);
    if (block.lines.length < 2 || runs.length < 2 || block.fragments[0].element.matches(headingSelector)) return [];
    return runs
      .filter((run) => run.length === 1)
      .map(([line]) => {
        const where = line === block.lines[0] ? 'first line alone at the foot of the column' : 'line alone at the head of the column';
        return finding('widow-orphan', fragmentOf(block, line), line, textOf(line), where);
      });
  }

  /**
   * Non-final lines of body text must fill the measure: `short-line` when a line stops short of the right edge
   * (ragged, not justified), `loose-line` when justification filled it by spreading the characters apart (in
   * headings too).
   * @param {Block} block @param {ReturnType<typeof createContext>} context @returns {Finding[]}
   */
  function checkMeasure(block, context) {
    const element = block.fragments[0].element;
    const style = context.style(element);
    const balanced = element.matches(balancedTextSelector);
    if (!(balanced || element.matches(measuredTextSelector)) || ['center', 'right', 'end', '-webkit-center'].includes(style.textAlign)) return [];
    const em = parseFloat(style.fontSize);
    /** @type {Finding[]} */
    const findings = [];
    block.lines.forEach((line, index) => {
      if (line.forcedEnd || (block.complete && index === block.lines.length - 1)) return;
      const fragment = fragmentOf(block, line);
      const shortBy = (measureRight(fragment, line, context) - line.right) / em;
      if (!balanced && shortBy > shortLineEm) {
        findings.push(finding('short-line', fragment, line, textOf(line), `ends ${shortBy.toFixed(1)} em short of the measure`));
        return;
      }
      const { gap, stretch } = justificationStretch(line, em);
      if (stretch > looseLineEm) {
        findings.push(finding('loose-line', fragment, line, textOf(line), `stretched by ${stretch.toFixed(1)} em (+${gap.toFixed(2)} em between characters)`));
      }
    });
    return findings;
  }

  /**
   * The right edge of the content box a line is set in: the block's box in the line's column.
   * @param {Fragment} fragment @param {Line} line @param {ReturnType<typeof createContext>} context
   */
  function measureRight(fragment, line, context) {
    const box = fragment.boxes.find((rect) => rect.left <= line.left + slack && line.left <= rect.right && rect.top <= line.top + slack && line.top <= rect.bottom) ?? fragment.boxes[0];
    const style = context.style(fragment.element);
    return box.right - parseFloat(style.paddingRight) - parseFloat(style.borderRightWidth);
  }

  /**
   * What justification added to a line, in em: the space after each character — the median excess width of
   * its ideographs over 1 em (an ideograph's advance is exactly 1 em; autospace widens those next to Latin, hence
   * the median) — times the number of places Chromium may add it: next to an ideograph or CJK mark, not inside a
   * Latin word or number. The line's last character gets none and is left out.
   * @param {Line} line @param {number} em
   */
  function justificationStretch(line, em) {
    const characters = line.glyphs.map((glyph) => glyph.character);
    const excess = line.glyphs
      .slice(0, -1)
      .filter((glyph) => hanzi.test(glyph.character))
      .map((glyph) => glyph.rect.width / em - 1)
      .sort((a, b) => a - b);
    if (excess.length < 3) return { gap: 0, stretch: 0 };
    const gap = Math.max(0, excess[Math.floor(excess.length / 2)]);
    const opportunities = characters.slice(1).filter((character, index) => cjk.test(character) || cjk.test(characters[index])).length;
    return { gap, stretch: gap * opportunities };
  }

  /**
   * A heading may not end a column: the text it heads must follow it in the same column (handbook §1, §5), and
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
        return [finding('heading-last-in-column', fragmentOf(block, last), last, text, 'the heading is broken over two columns')];
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
    for (const rect of Array.from(element.getClientRects())) {
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
      if (!parent || [...text].every((character) => invisible.test(character))) continue;
      context.range.selectNodeContents(node);
      const visible = Array.from(context.range.getClientRects()).some((rect) => rect.width > 0 && rect.height > 0);
      const shown = parent.checkVisibility({ opacityProperty: true, visibilityProperty: true });
      if (!visible || !shown) findings.push(finding('missing-text', parent, { page: number, column: null }, text, visible ? 'hidden by visibility or opacity' : 'no visible box'));
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
        role: style.fontFamily.split(',')[0].trim().replace(/^["']|["']$/g, ''),
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
