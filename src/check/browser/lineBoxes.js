// @ts-check
/**
 * The lines of the paginated pages, found from a few measured characters: a plain browser script (evaluated as a
 * string after Paged.js, like the scripts that use it) shared by the typography check (typographyProbe.js) and the
 * proof (proof/browser/proofOverlay.js), which are evaluated after it and take its functions from
 * `window.paibanLineBoxes`.
 *
 * Measuring a character (a Range's client rects) is what costs, so few are measured: a text node's boxes, one per line
 * box it is set on, and a search for the last character of each give the node's segments (segmentsIn); text whose
 * boxes cannot be trusted is measured character by character. Nothing here changes the document.
 *
 * The types are declared outside the function, where the type checker lets the scripts using it import them.
 * @typedef {(character: string) => boolean} CharacterTest
 * @typedef {{ character: string, node: Text, offset: number, spaceAfter: boolean, width?: number }} Glyph  a visible character at `offset` in `node`; spaceAfter: a space (or zero-width space, soft hyphen) follows, where a line may break; width: of its box, once measured
 * @typedef {{ left: number, right: number, top: number, bottom: number }} Edges
 * @typedef {{ glyphs: Glyph[], left: number, top: number, bottom: number, right: number }} Segment  glyphs side by side in one line box: the left, top and bottom edges of the first, the right edge of the last
 * @typedef {{ range: Range, style: (element: Element) => CSSStyleDeclaration, boxesOf: (node: Text | Element) => DOMRect[] }} Measurer  a Range to measure with; computed styles and boxes, each read once
 * @typedef {{ segments: Segment[], breakFirst: boolean }} TextSegments  breakFirst: a break opportunity comes before the first glyph (it marks the glyph before the node)
 * @typedef {{ characterTest: (pattern: RegExp) => CharacterTest, createMeasurer: () => Measurer, findSegments: (node: Text, measurer: Measurer, skipped?: CharacterTest) => TextSegments, boxOf: (glyph: Glyph, range: Range) => DOMRect | undefined, lineBoxBottom: (top: number, bottom: number, pitch: number) => number, linesBelow: (bottom: number, foot: number, pitch: number) => number, shellsAround: (element: Element, top: Element, seat: Node, shape?: (ancestor: Element, shell: HTMLElement) => void) => Node, createBenchHost: (width?: string) => HTMLElement, slack: number }} LineBoxes
 */
(() => {
  /** Characters that draw nothing and take no part in line breaking rules (word joiner, zero-width space, soft hyphen). */
  const invisible = characterTest(/^[\s\u2060\u200b\u00ad]$/u);
  /** Invisible characters after which a line may break. */
  const breakOpportunity = characterTest(/^[\s\u200b\u00ad]$/u);
  /**
   * Visible characters whose boxes need not follow one another left to right in a line box: those that draw nothing or
   * join the character before into one cluster (marks, format and control characters, default ignorables, emoji
   * modifiers, halves of flags, Hangul jamo) and right-to-left scripts. Text holding one is measured character by
   * character (see segmentsIn).
   */
  const unorderedCharacter =
    /(?![\s\u2060\u200b\u00ad])[\p{M}\p{Grapheme_Extend}\p{Cf}\p{Cc}\p{Default_Ignorable_Code_Point}\p{Emoji_Modifier}\p{Regional_Indicator}\u1100-\u11ff\ua960-\ua97f\ud7b0-\ud7ff]|[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefe\u{10800}-\u{10fff}\u{1e800}-\u{1efff}]/u;
  /** Tolerance for sub-pixel layout (LayoutUnit is 1/64 px; glyph boxes are rounded). */
  const slack = 1;

  /**
   * A test of single characters that remembers its answers for the Basic Multilingual Plane: the rules ask about some
   * 60,000 characters, a few thousand of them distinct, and reading a table is much cheaper than a Unicode property
   * regex.
   * @param {RegExp} pattern @returns {CharacterTest}
   */
  function characterTest(pattern) {
    /** By UTF-16 code unit: 0 not asked yet, 1 no, 2 yes. */
    const known = new Uint8Array(0x10000);
    return (character) => {
      if (character.length !== 1) return pattern.test(character);
      const code = character.charCodeAt(0);
      if (known[code] === 0) known[code] = pattern.test(character) ? 2 : 1;
      return known[code] === 2;
    };
  }

  /**
   * A Range to measure with, and caches of computed styles and of boxes: a user of the lines reads them again (the
   * typography check's overflow and hidden-text rules).
   * @returns {Measurer}
   */
  function createMeasurer() {
    const range = document.createRange();
    /** @type {Map<Element, CSSStyleDeclaration>} */
    const styles = new Map();
    /** @type {Map<Text | Element, DOMRect[]>} */
    const nodeBoxes = new Map();
    /** @param {Element} element */
    const style = (element) => {
      let computed = styles.get(element);
      if (!computed) styles.set(element, (computed = getComputedStyle(element)));
      return computed;
    };
    /**
     * The boxes of an element, or of a whole text node: one per line box it is set on.
     * @param {Text | Element} node
     */
    const boxesOf = (node) => {
      let boxes = nodeBoxes.get(node);
      if (!boxes) {
        if (node instanceof Element) {
          boxes = Array.from(node.getClientRects());
        } else {
          range.selectNodeContents(node);
          boxes = Array.from(range.getClientRects());
        }
        nodeBoxes.set(node, boxes);
      }
      return boxes;
    };
    return { range, style, boxesOf };
  }

  /**
   * The glyphs of a text node in logical order, in segments that each lie in one line box. Glyphs are its characters
   * but those `skipped` (by default the invisible ones); a glyph without a box is left out.
   * @param {Text} node @param {Measurer} measurer @param {CharacterTest} [skipped] @returns {TextSegments}
   */
  function findSegments(node, measurer, skipped = invisible) {
    const { glyphs, breakFirst } = glyphsIn(node, skipped);
    const segments = glyphs.length === 0 ? [] : segmentsIn(node, glyphs, measurer);
    return segments ? { segments, breakFirst } : measureEachCharacter(node, measurer.range, skipped);
  }

  /**
   * Text segmentsIn cannot split: one Range per character, each its own segment.
   * @param {Text} node @param {Range} range @param {CharacterTest} skipped @returns {TextSegments}
   */
  function measureEachCharacter(node, range, skipped) {
    /** @type {Segment[]} */
    const segments = [];
    /** @type {Glyph | undefined} The last glyph measured: a break opportunity that follows marks it. */
    let previous;
    let breakFirst = false;
    let offset = 0;
    for (const character of node.data) {
      const end = offset + character.length;
      if (breakOpportunity(character)) {
        if (previous) previous.spaceAfter = true;
        else breakFirst = true;
      }
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
   * @param {Text} node @param {CharacterTest} skipped
   */
  function glyphsIn(node, skipped) {
    /** @type {Glyph[]} */
    const glyphs = [];
    let breakFirst = false;
    let offset = 0;
    for (const character of node.data) {
      if (!skipped(character)) {
        glyphs.push({ character, node, offset, spaceAfter: false });
      } else if (breakOpportunity(character)) {
        if (glyphs.length > 0) glyphs[glyphs.length - 1].spaceAfter = true;
        else breakFirst = true;
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
   * @param {Text} node @param {Glyph[]} glyphs @param {Measurer} measurer @returns {Segment[] | undefined}
   */
  function segmentsIn(node, glyphs, measurer) {
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
    /** Whether no invisible character comes between glyph `index` and the one before (or the node's start). @param {number} index */
    const followsClosely = (index) => glyphs[index].offset === (index === 0 ? 0 : glyphs[index - 1].offset + glyphs[index - 1].character.length);
    /** Whether no invisible character comes between glyph `index` and the next (or the node's end). @param {number} index */
    const precedesClosely = (index) =>
      index + 1 < glyphs.length ? followsClosely(index + 1) : glyphs[index].offset + glyphs[index].character.length === node.data.length;
    /** The box, from box `from` on, that holds the middle of a glyph's box, or -1. @param {DOMRect} rect @param {number} from */
    const boxAt = (rect, from) => {
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
     * @param {number} index @param {number} from @returns {[Edges, number] | undefined}
     */
    const opening = (index, from) => {
      const [before, box] = [boxes[from - 1], boxes[from]];
      const alongLine = before && box.left >= before.right - slack && box.top < before.bottom && before.top < box.bottom;
      if (followsClosely(index) && !alongLine) return [box, from];
      const rect = boxOf(glyphs[index], range);
      const at = rect ? boxAt(rect, from) : -1;
      return rect && at >= 0 ? [rect, at] : undefined;
    };
    /** The right edge of glyph `index`, the last of box `box`. @param {number} index @param {number} box */
    const closing = (index, box) => (precedesClosely(index) ? boxes[box].right : boxOf(glyphs[index], range)?.right);
    /**
     * The first glyph after box `box`, whose first glyph is `start` at `left`: `last` is a glyph known to be in the
     * box, `next` one known to be after it; probes close in on the box's end.
     * @param {number} start @param {number} left @param {number} box
     */
    const boxEnd = (start, left, box) => {
      let [last, next, nextBox] = [start, glyphs.length, -1];
      /** @type {DOMRect | undefined} The box of glyph `last` when measured. */
      let lastRect;
      /** @type {DOMRect | undefined} The box of glyph `next` when measured. */
      let nextRect;
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
      /** @type {[Edges, number] | undefined} */
      const opened = next === glyphs.length ? undefined : nextRect ? [nextRect, nextBox] : opening(next, box + 1);
      return { next, right: lastRect ? lastRect.right : closing(last, box), opened };
    };
    /** @type {Segment[]} */
    const segments = [];
    let start = 0;
    let opened = opening(0, 0);
    while (opened) {
      const [first, box] = opened;
      // The last box holds the rest of the glyphs.
      const end =
        box === boxes.length - 1 ? { next: glyphs.length, right: closing(glyphs.length - 1, box), opened: undefined } : boxEnd(start, first.left, box);
      if (!end || end.right === undefined) return undefined;
      segments.push({ glyphs: glyphs.slice(start, end.next), left: first.left, top: first.top, bottom: first.bottom, right: end.right });
      if (end.next === glyphs.length) return segments;
      [start, opened] = [end.next, end.opened];
    }
    return undefined;
  }

  /** Whether any two of some boxes overlap. @param {Edges[]} boxes */
  function overlapping(boxes) {
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, b] = [boxes[i], boxes[j]];
        if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) return true;
      }
    }
    return false;
  }

  /** The box of a glyph, as a Range over its character reports it; its width is kept. @param {Glyph} glyph @param {Range} range */
  function boxOf(glyph, range) {
    range.setStart(glyph.node, glyph.offset);
    range.setEnd(glyph.node, glyph.offset + glyph.character.length);
    const rect = /** @type {DOMRect | undefined} */ (range.getClientRects()[0]);
    glyph.width = rect?.width;
    return rect;
  }

  /** @type {LineBoxes} */
  /**
   * A bench for laying out an element alone with its ancestors' classes and styles (the line adjustment's trials):
   * shallow copies of its ancestors up to `top`, each in the next, `seat` in the innermost; `shape` may change a copy
   * (a body's columns). Detached: the caller puts it in a host of its own.
   * @param {Element} element @param {Element} top @param {Node} seat @param {(ancestor: Element, shell: HTMLElement) => void} [shape]
   * @returns {Node} the outermost copy
   */
  function shellsAround(element, top, seat, shape) {
    let bench = seat;
    for (let ancestor = element.parentElement; ancestor && ancestor !== top.parentElement; ancestor = ancestor.parentElement) {
      const shell = /** @type {HTMLElement} */ (ancestor.cloneNode(false));
      shape?.(ancestor, shell);
      shell.append(bench);
      bench = shell;
    }
    return bench;
  }

  /**
   * A host for benches: in the document (so that styles apply), off screen and unseen, its layout its own so that a
   * trial on it lays out the bench only. The caller removes it.
   * @param {string} [width] a CSS width
   */
  function createBenchHost(width) {
    const host = document.createElement('div');
    host.style.cssText = `position: absolute; left: -100000px; top: 0;${width ? ` width: ${width};` : ''} visibility: hidden; contain: layout style;`;
    document.documentElement.append(host);
    return host;
  }

  /** Tolerance, in line pitches, for a line box that would just fit above the foot (sub-pixel positions). */
  const fitTolerance = 0.02;

  /**
   * The bottom of the line box a line's glyphs are set in, lines `pitch` apart: the glyphs' box (`top`…`bottom`) sits
   * in its middle, the half-leading below it.
   * @param {number} top @param {number} bottom @param {number} pitch
   */
  function lineBoxBottom(top, bottom, pitch) {
    return bottom + Math.max(0, pitch - (bottom - top)) / 2;
  }

  /**
   * Whole lines that would still fit between a column's lowest box and the foot of the type area (a head above the
   * columns that is not a whole number of lines leaves less than one: that column is full): the short-column rule's
   * count, and the column filling's.
   * @param {number} bottom @param {number} foot @param {number} pitch
   */
  function linesBelow(bottom, foot, pitch) {
    return Math.floor((foot - bottom) / pitch + fitTolerance);
  }

  const paibanLineBoxes = { characterTest, createMeasurer, findSegments, boxOf, lineBoxBottom, linesBelow, shellsAround, createBenchHost, slack };
  Object.assign(window, { paibanLineBoxes });
})();
