/**
 * The line adjustment's changes to the document, each undone by unwrap: a mark narrowed (halt or letter spacing), a
 * Latin run's autospace taken out, a break allowed after an operator, a word hyphenated, a line's letter spacing
 * tightened, the lines above a loose line spaced out, a paragraph broken without `text-wrap: pretty`.
 */
import type { Change } from '../adjust/steps.js';
import { wordIn } from '../adjust/units.js';
import type { AdjustKind } from '../api.js';
import type { CharacterTest } from '../core/characters.js';
import { closingMark } from '../core/punctuation.js';
import type { Glyph } from '../core/segments.js';
import { locate, type Target } from './targets.js';
import { unwrap, wrap } from './wrap.js';
import createHyphenator from 'hyphen/hyphen.js';
import hyphenationPatternsEnUs from 'hyphen/patterns/en-us.js';

/**
 * Liang's hyphenation with TeX's US English patterns (the hyphen package, bundled with this script): the word with a
 * soft hyphen at each of its breaks.
 */
export const hyphenateWord = createHyphenator(hyphenationPatternsEnUs, { hyphenChar: '\u00ad' });

/**
 * An adjusted span that other changes may go inside: 拉行's letter spacing (columns/loosen.ts) spreads its lines as
 * justification does, and a line it leaves loose is mended by the changes of the line adjustment, within it.
 */
const lineSpacing = '[data-adjust="loosen"]';

/** Text a change has adjusted already (a mark narrowed, a run without autospace): no change goes inside it. */
const adjustedAlready = `[data-adjust]:not(${lineSpacing}), .mark-pair`;

/**
 * Text whose spacing a change has set (marks narrowed, by letter spacing in a face without `halt`; letter spacing
 * taken; a pair of marks kept apart): hyphenation and tracking leave it alone. A Latin run without its autospace is
 * still theirs.
 */
const spacedAlready = `[data-adjust]:not([data-adjust="no-autospace"], ${lineSpacing}), .mark-pair`;

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
  if (!at || !parent || parent.closest(adjustedAlready)) return undefined;
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
  if (!from || !to || from.node !== to.node || from.node.parentElement?.closest(adjustedAlready)) return undefined;
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
 * Sets `spacing` (em, negative: core/stretch.ts trackingToFit) as the letter spacing of every character of some
 * glyphs (a line and the unit after it): a span on each piece of their text (the text of adjusted spans aside: a
 * mark narrowed by letter spacing keeps its own). One change, one count.
 */
export function track(glyphs: Glyph[], spacing: number): Change | undefined {
  const spans = wrapPieces(glyphs, 'tracking', spacedAlready);
  for (const span of spans) span.style.letterSpacing = `${spacing}em`;
  return spans.length === 0 ? undefined : { kinds: ['tracking'], undo: () => spans.forEach(unwrap) };
}

/**
 * Sets a paragraph's lines as the line breaker finds them, one after another (`text-wrap: wrap`), rather than as
 * `text-wrap: pretty` balances its last lines: undefined when it is so already. Undone by taking the style out.
 */
export function breakGreedily(paragraph: HTMLElement): Change | undefined {
  if (getComputedStyle(paragraph).textWrapStyle !== 'pretty') return undefined;
  paragraph.style.textWrap = 'wrap';
  // Marked for the check's count: `data-adjust` would say its text sits in an adjusted span.
  paragraph.dataset.adjustWrap = 'greedy';
  return { kinds: ['greedy'], undo: () => restorePretty(paragraph) };
}

/** Takes breakGreedily's style out again. */
export function restorePretty(paragraph: HTMLElement) {
  paragraph.style.removeProperty('text-wrap');
  delete paragraph.dataset.adjustWrap;
  if (paragraph.getAttribute('style') === '') paragraph.removeAttribute('style');
}

/**
 * Sets `spacing` (em, positive: core/stretch.ts spacingsAbove) as the letter spacing of the characters of some glyphs
 * (the lines above a loose line) that `spaced` accepts, ideographs and marks: a span on each run of them (the text of
 * adjusted spans aside). One change, one count (`loosen-above`).
 */
export function spaceOut(glyphs: Glyph[], spacing: number, spaced: CharacterTest): Change | undefined {
  const spans = wrapPieces(glyphs, 'loosen-above', spacedAlready, spaced);
  for (const span of spans) span.style.letterSpacing = `${spacing}em`;
  return spans.length === 0 ? undefined : { kinds: ['loosen-above'], undo: () => spans.forEach(unwrap) };
}

/**
 * Lets an address break between any two of its letters and digits: `line-break: anywhere` on each piece of its text
 * (the spans of the changes before it included), but nowhere else — not before a slash or `%` (GB/T 15834 keeps them
 * off a line's start), not after its last character (before a `。`, say): each character not followed by a letter
 * or digit goes in a part (`data-adjust-part`) with the paragraph's line breaking again (see breakAfter). One change,
 * one count.
 */
export function breakAnywhere(glyphs: Glyph[]): Change | undefined {
  const spans = wrapPieces(glyphs, 'break-address');
  if (spans.length === 0) return undefined;
  const lineBreak = getComputedStyle(spans[0].parentElement as Element).lineBreak;
  for (const span of spans) span.style.lineBreak = 'anywhere';
  const characters = spans.reverse().flatMap((span) => {
    const text = span.firstChild as Text;
    return Array.from(text.data, (_, at) => ({ text, at, character: text.data[at] }));
  });
  // A masked number's stars too (`138****5678`).
  const alphanumeric = (character = '') => /^[A-Za-z0-9*]$/.test(character);
  const kept = characters.filter(({ character }, index) => !(alphanumeric(character) && alphanumeric(characters[index + 1]?.character)));
  for (const { text, at } of kept.reverse()) restoreLineBreak(text, at, at + 1, lineBreak);
  return { kinds: ['break-address'], undo: () => spans.forEach(unwrap) };
}

/** Puts characters start…end of a text in a part of its span (`data-adjust-part`) with `lineBreak` set. */
function restoreLineBreak(text: Text, start: number, end: number, lineBreak: string) {
  if (end < text.data.length) text.splitText(end);
  const middle = start > 0 ? text.splitText(start) : text;
  const part = document.createElement('span');
  part.dataset.adjustPart = '';
  part.style.lineBreak = lineBreak;
  middle.before(part);
  part.append(middle);
}

/**
 * Wraps each piece of text from the first glyph to the last in a span of `kind`, but the text in `left` (a selector);
 * with `only`, each run of the characters it accepts.
 */
function wrapPieces(glyphs: Glyph[], kind: AdjustKind, left?: string, only?: CharacterTest): HTMLElement[] {
  const [first, last] = [glyphs[0], glyphs[glyphs.length - 1]];
  if (!first) return [];
  const range = document.createRange();
  range.setStart(first.node, first.offset);
  range.setEnd(last.node, last.offset + last.character.length);
  const root = range.commonAncestorContainer;
  const walker = document.createTreeWalker(root instanceof Text ? (root.parentNode as Node) : root, NodeFilter.SHOW_TEXT);
  const pieces: Array<{ node: Text; start: number; end: number }> = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node as Text;
    if (!range.intersectsNode(text) || (left && text.parentElement?.closest(left))) continue;
    const start = text === range.startContainer ? range.startOffset : 0;
    const stop = text === range.endContainer ? range.endOffset : text.data.length;
    if (stop > start) pieces.push(...(only ? runsOf(text, start, stop, only) : [{ node: text, start, end: stop }]));
  }
  return pieces.reverse().map(({ node, start, end }) => wrap(node, start, end, kind));
}

/** The runs of characters `only` accepts in characters start…end of a text, in order. */
function runsOf(node: Text, start: number, end: number, only: CharacterTest) {
  const runs: Array<{ node: Text; start: number; end: number }> = [];
  for (let at = start; at < end; ) {
    const from = at;
    while (at < end && only(node.data[at])) at++;
    if (at > from) runs.push({ node, start: from, end: at });
    else at++;
  }
  return runs;
}

/**
 * A break opportunity after a target that adds no character: the target in a span with `line-break: anywhere`.
 * Whether a line may break between two characters is the first's to say (measured in Chromium 156: `anywhere` on
 * one character lets a line break after it, not before it), and `anywhere` overrides the WORD JOINER that keeps a
 * slash off a line's end elsewhere (render/adjustLineBreaks.ts). Not a <wbr> or a ZERO WIDTH SPACE: where a page
 * broke next to one, Paged.js (chunker/layout.js) set a sentence of the article twice (seen on a text full of web
 * addresses, caught by the build's text comparison).
 */
export function breakAfter(target: Target, kind: 'break-formula' | 'break-address') {
  const at = locate(target);
  if (!at) return undefined;
  const span = wrap(at.node, at.start, at.end, kind);
  span.style.lineBreak = 'anywhere';
  return span;
}
