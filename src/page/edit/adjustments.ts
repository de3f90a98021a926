/**
 * The line adjustment's changes to the document, each undone by unwrap: a mark narrowed (halt or letter spacing), a
 * Latin run's autospace taken out, a break allowed after an operator, a word hyphenated, a line's letter spacing
 * tightened.
 */
import type { Change } from '../adjust/steps.js';
import { wordIn } from '../adjust/units.js';
import type { AdjustKind } from '../api.js';
import { closingMark } from '../core/punctuation.js';
import type { Glyph } from '../core/segments.js';
import { locate, type Target } from './targets.js';
import { unwrap, wrap } from './wrap.js';
import createHyphenator from 'hyphen/hyphen.js';
import hyphenationPatternsEnUs from 'hyphen/patterns/en-us.js';

/**
 * Letter spacing a line's characters give at most (em), the last resort before a loose line: a hundredth of an em,
 * 0.1 pt at 10.5 pt, too little to see, as Chinese typesetters tighten a line (压字距) by whole percents.
 */
const trackingEm = 0.01;

/**
 * Liang's hyphenation with TeX's US English patterns (the hyphen package, bundled with this script): the word with a
 * soft hyphen at each of its breaks.
 */
export const hyphenateWord = createHyphenator(hyphenationPatternsEnUs, { hyphenChar: '\u00ad' });

/**
 * Text whose spacing a change has set (marks narrowed, by letter spacing in a face without `halt`; letter spacing
 * taken; a pair of marks kept apart): hyphenation and tracking leave it alone. A Latin run without its autospace is
 * still theirs.
 */
const spacedAlready = '[data-adjust]:not([data-adjust="no-autospace"]), .mark-pair';

/**
 * How a face narrows a mark to half its width, measured once per face and mark: `halt` where the face has it (Noto
 * Serif/Sans SC), else (LXGW WenKai has no `halt`) negative letter spacing of half the mark's own advance on a
 * closing mark, whose right half is empty.
 */
const narrowing: Map<string, 'halt' | 'spacing'> = new Map();

/**
 * Narrows a mark to half its width in a span; undefined when it is half width already (text-spacing-trim took
 * half of it) or sits in an adjusted span.
 */
export function narrowMark(target: Target, kind: AdjustKind, em: number) {
  const at = locate(target);
  const parent = at?.node.parentElement;
  if (!at || !parent || parent.closest('[data-adjust], .mark-pair')) return undefined;
  const { node, start, end } = at;
  const range = document.createRange();
  range.setStart(node, start);
  range.setEnd(node, end);
  const width = range.getBoundingClientRect().width;
  if (width < 0.75 * em) return undefined;
  const span = wrap(node, start, end, kind);
  const style = getComputedStyle(parent);
  const key = `${style.fontFamily}|${style.fontWeight}|${style.fontStyle}|${target.character}`;
  let how = narrowing.get(key);
  if (!how) {
    span.style.fontFeatureSettings = '"halt"';
    how = span.getBoundingClientRect().width < 0.75 * width ? 'halt' : 'spacing';
    narrowing.set(key, how);
  }
  if (how === 'halt') {
    span.style.fontFeatureSettings = '"halt"';
  } else if (closingMark(target.character)) {
    // Half the mark's own advance, in its own em so that the spacing follows the type size. Letter spacing
    // narrows the mark's box from its right, where a closing mark is empty; a negative margin would do the same
    // but make its box overlap the character before it, which the line finding reads as a new line.
    span.style.fontFeatureSettings = '';
    span.style.letterSpacing = `${-(width / 2 / parseFloat(style.fontSize)).toFixed(4)}em`;
  } else {
    // An opening mark is empty on its left: spacing cannot take that side without moving the character before.
    unwrap(span);
    return undefined;
  }
  return span;
}

/** A span without autospace around a run, or undefined when it sits in an adjusted span already. */
export function noAutospace({ first, last }: { first: Target; last: Target }) {
  const [from, to] = [locate(first), locate(last)];
  if (!from || !to || from.node !== to.node || from.node.parentElement?.closest('[data-adjust]')) return undefined;
  const span = wrap(from.node, from.start, to.end, 'no-autospace');
  span.style.setProperty('text-autospace', 'no-autospace');
  return span;
}

/**
 * Puts soft hyphens at a word's breaks, in a span; undefined when the patterns give it none (or it sits in an
 * adjusted span). unwrap takes them out again.
 */
export function hyphenate(unit: Glyph[]) {
  const word = wordIn(unit);
  if (!word || word.node.parentElement?.closest(spacedAlready)) return undefined;
  const hyphenated = hyphenateWord(word.node.data.slice(word.start, word.end));
  if (!hyphenated.includes('\u00ad')) return undefined;
  const span = wrap(word.node, word.start, word.end, 'hyphenate');
  span.textContent = hyphenated;
  return span;
}

/**
 * Takes `trackingEm` of letter spacing from every character of some glyphs (a line and the unit after it): a span
 * on each piece of their text (the text of adjusted spans aside: a mark narrowed by letter spacing keeps its own).
 * One change, one count.
 */
export function track(glyphs: Glyph[]): Change | undefined {
  const [first, last] = [glyphs[0], glyphs[glyphs.length - 1]];
  if (!first) return undefined;
  const range = document.createRange();
  range.setStart(first.node, first.offset);
  range.setEnd(last.node, last.offset + last.character.length);
  const root = range.commonAncestorContainer;
  const walker = document.createTreeWalker(root instanceof Text ? (root.parentNode as Node) : root, NodeFilter.SHOW_TEXT);
  const pieces: Array<{ node: Text; start: number; end: number }> = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node as Text;
    if (!range.intersectsNode(text) || text.parentElement?.closest(spacedAlready)) continue;
    const start = text === range.startContainer ? range.startOffset : 0;
    const stop = text === range.endContainer ? range.endOffset : text.data.length;
    if (stop > start) pieces.push({ node: text, start, end: stop });
  }
  const spans = pieces.reverse().map(({ node, start, end: stop }) => {
    const span = wrap(node, start, stop, 'tracking');
    span.style.letterSpacing = `${-trackingEm}em`;
    return span;
  });
  return spans.length === 0 ? undefined : { kinds: ['tracking'], undo: () => spans.forEach(unwrap) };
}

/** A <wbr> after a target: a break opportunity that adds no character. */
export function breakAfter(target: Target) {
  const at = locate(target);
  if (!at) return undefined;
  const { node, end } = at;
  const wbr = document.createElement('wbr');
  wbr.dataset.adjust = 'break-formula';
  if (end < node.data.length) node.splitText(end);
  node.after(wbr);
  return wbr;
}
