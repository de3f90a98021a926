/** Lines that do not fill the measure (ragged) or that justification spread apart (loose), and the stretch counted. */
import type { PageFinding as Finding, Stretch } from '../../api.js';
import { characterTest } from '../../core/characters.js';
import { boxOf, type Glyph } from '../../core/segments.js';
import { slack } from '../../core/tolerances.js';
import { finding, textOf, type Block, type Fragment, type Line } from '../blocks.js';
import type { createContext } from '../context.js';
import { allowedStretchEm, looseLineEm } from '../../core/stretch.js';

/** Body text set to the full measure: every line but the last must reach the right edge. */
const measuredTextSelector = '.article-body :is(p, li, dd)';

/** Headings are balanced, so their lines are short on purpose: only a line spread apart is a fault. */
const balancedTextSelector = '.article-body :is(h2, h3, h4, h5, h6)';

const hanzi = characterTest(/\p{Script=Han}/u);

/** Ideographs and CJK marks, next to which justification may add space (Chromium: IsCJKIdeographOrSymbol). */
const cjk = characterTest(/[\p{Script=Han}\u3000-\u303f\uff00-\uffef\u2018\u2019\u201c\u201d\u2014\u2026\u00b7]/u);

/** The space Chromium's `text-autospace` puts between an ideograph and a Latin letter or digit (em). */
const autospaceEm = 1 / 8;

/** Latin letters and digits, beside which an ideograph gets autospace. */
const latinOrDigit = characterTest(/^[A-Za-z0-9]$/);

/** So many regular ideographs on a line (no autospace beside them) give its justification's share alone. */
const fewestRegulars = 3;

/** A non-final line ending this far short of the measure is ragged, not justified. */
const shortLineEm = 0.5;

/**
 * How far apart (px) the boxes of glyphs of the same advance may measure: Chromium snaps glyph edges to LayoutUnits
 * (1/64 px), so a box is up to 1/64 px wider or narrower than the advance; twice that, to be safe.
 */
const snapping = 2 / 64;

/**
 * Non-final lines of body text must fill the measure: `short-line` when a line stops short of the right edge
 * (ragged, not justified), `loose-line` when justification filled it by spreading the characters apart (in
 * headings too). Every line spread by more than 1 em is counted in `stretch`, and the most any was.
 */
export function checkMeasure(block: Block, context: ReturnType<typeof createContext>, stretch: Stretch): Finding[] {
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
    const spread = looseStretch(line, em, context.range, allowedStretchEm);
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
 * the median from above. With three regular ideographs or more (see ideographWidths), the median is theirs.
 */
function looseStretch(line: Line, em: number, range: Range, limit: number) {
  const { glyphs } = line;
  const { ideographs, widths, unsure, regular } = ideographWidths(glyphs, range);
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
    widths[index] = glyphWidth(ideographs[index], range);
    if (tooWide(widths[index])) wide++;
  }
  // A line dense with numbers and Latin (`于2025年12月31日`) has most of its ideographs widened by autospace: the
  // regular ones, when there are enough, tell the justification's share alone.
  // Else each ideograph's autospace is taken off its width: ⅛ em for each side a Latin letter or digit is on.
  const excess = (regular.length >= fewestRegulars ? regular : widths.map((_, index) => index))
    .map((index) => widths[index] / em - 1 - autospaceEm * autospacedSides(ideographs[index], glyphs))
    .sort((a, b) => a - b);
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
    const bound = glyphWidth(sample, range) + snapping;
    for (const at of group) {
      const { width } = ideographs[at];
      widths[at] = width ?? bound;
      if (width === undefined) bounded.push(at);
    }
  }
  return { ideographs, widths, unsure: unknown.concat(bounded), regular: Array.from(regulars.values()).flat() };
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

/**
 * How many sides of an ideograph a Latin letter or digit of its line is on, where Chromium's `text-autospace` puts
 * ⅛ em between them (not where the line adjustment took it out: `no-autospace`, on either).
 */
function autospacedSides(ideograph: Glyph, glyphs: Glyph[]) {
  const at = glyphs.indexOf(ideograph);
  const off = (glyph: Glyph) => glyph.node.parentElement?.closest('[data-adjust="no-autospace"]') != null;
  if (off(ideograph)) return 0;
  return [glyphs[at - 1], glyphs[at + 1]].filter((glyph) => glyph !== undefined && latinOrDigit(glyph.character) && !off(glyph)).length;
}

/** The width of a glyph of a line, which lies in a box of its text (see segmentsIn). */
function glyphWidth(glyph: Glyph, range: Range) {
  return glyph.width ?? (boxOf(glyph, range) as DOMRect).width;
}
