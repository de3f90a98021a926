/**
 * Line adjustment as Chinese typesetters do it (JIS X 4051 §4, clreq 3.x, jlreq), part of the document's page script:
 * the pagination runtime calls `adjustLines(articles)` once the fonts have loaded and before Paged.js paginates. A
 * column's width is fixed, so its line breaks are known before pagination: the adjustment paginates nothing (the
 * column filling's 缩行, columns/mendColumns.ts, paginates an article again when a column stays short).
 *
 * Chromium justifies a line by spreading it and never compresses it: when an unbreakable unit (`2024年`, `12351`,
 * `会，`) does not fit, it moves down whole and the line it leaves is spread apart. A typesetter first compresses the
 * line's punctuation (the mark that would end the line first, then the others, never more than half a mark, never
 * two marks so they touch), then takes out the space between Han and Latin or digits, and only then spreads. Here
 * each paragraph is measured at its column's width, set flush left so a line's natural width shows; for each line
 * that would be spread by more than 1 em, those adjustments are tried in that order, cumulatively, and a trial is
 * kept only when the paragraph as a whole gets better (a fix re-breaks the lines after it, which can open a hole
 * further down): the sum over its lines of the squared stretch beyond 1 em. Last, a formula-like run (`1+17+60+N`,
 * `清源断流-2024`) may break after its operator or hyphen where clreq allows it, never inside a number; a Latin word
 * may be hyphenated as its language does it (clreq 3.2.4, jlreq 3.2.4); the line's letter spacing may give up to
 * 0.04 em a character, what the unit needs (压字距). A line that stays spread by more than 1.5 em gets last resorts:
 * its paragraph set without `text-wrap: pretty` (which leaves such lines to lengthen a last line), then the lines
 * above it spread a little to hand it their text (adjust/spreadAbove.ts).
 *
 * Each change is a span (or a <wbr>) carrying `data-adjust` with its kind, so the typography check and the proof
 * count them; no visible character is added (a hyphenated word gets soft hyphens, drawn only where a line breaks).
 * The steps are in adjust/steps.ts, in the order they are tried; the search that keeps them in adjust/settle.ts; the
 * changes to the document in edit/.
 */
import type { AdjustReport } from '../api.js';
import { createBenchHost, shellsAround } from '../core/bench.js';
import { columnsIn } from '../core/columns.js';
import { measureParagraph, measureStretches } from '../core/paragraphLines.js';
import { mark } from '../core/punctuation.js';
import { allowedStretchEm, badnessOf, epsilon } from '../core/stretch.js';
import { slack } from '../core/tolerances.js';
import { narrowMark } from '../edit/adjustments.js';
import { targetOf } from '../edit/targets.js';
import { unwrap } from '../edit/wrap.js';
import { report } from './report.js';
import { adjustParagraph } from './settle.js';
import { isolatedMark } from './units.js';

/** Blocks of body text set justified to the full measure (the typography check's measured text). */
const paragraphSelector = ':is(p, li, dd)';

/** A paragraph holding one of these is a container, not text of its own. */
const nestedBlockSelector = 'p, li, dd, ul, ol, dl, table, blockquote, figure, div, pre, h1, h2, h3, h4, h5, h6';

/**
 * Adjusts the lines of every justified paragraph of the articles' bodies. The articles are moved, one at a time,
 * into an off-screen host as wide as the type area (the document's body is kept undisplayed until Paged.js moves
 * it; an article not yet in the document has no style) and back to where they were.
 */
export function adjustLines(articles: Element[]): AdjustReport {
  const started = performance.now();
  withHosts((host, width, bench) => {
    for (const article of articles) adjustArticle(article, host, width, bench);
  });
  report.seconds += (performance.now() - started) / 1000;
  return report;
}

/**
 * Runs `work` with two hosts as wide as the type area (page.css gives the grid's width), off screen, their layout
 * their own: the articles are set in one, the paragraph being adjusted on a bench in the other, so that a trial lays
 * out the bench only.
 */
function withHosts(work: (host: HTMLElement, width: number, bench: HTMLElement) => void) {
  const [host, bench] = [createBenchHost('var(--type-area-width)'), createBenchHost('var(--type-area-width)')];
  try {
    work(host, host.getBoundingClientRect().width, bench);
  } finally {
    host.remove();
    bench.remove();
  }
}

/**
 * 缩行 (`tightenParagraph`): narrows the paragraph's isolated marks one at a time from its end, as `halt-line`
 * does (counted as `tighten`), until it is a line shorter; takes them back and says no when it cannot be, or when a
 * line would be spread more than before or its last line would hold one character. The paragraph is laid out at its
 * column's width, flush left: 缩行 (columns/mendColumns.ts) sets a copy on its bench before it paginates the
 * article again, and counts the time.
 */
export function tightenParagraph(paragraph: HTMLElement): boolean {
  const before = measureStretches(paragraph);
  // A mark gives half an em at most: a last line longer than all the marks can give is there to stay (most
  // paragraphs, found without measuring a glyph).
  const marks = Array.from(paragraph.textContent ?? '').filter(mark).length;
  // So many marks at least must be narrowed before the last line can go: the paragraph is measured only after.
  const fewest = Math.ceil(((before.lastLine ?? Infinity) - slack) / (0.5 * before.em));
  if (marks < fewest) return false;
  const { lines, em } = measureParagraph(paragraph);
  const targets = lines
    .flatMap((line) => line.glyphs.flatMap((glyph, at) => (mark(glyph.character) && isolatedMark(line.glyphs, at) ? [targetOf(glyph)] : [])))
    .reverse();
  const narrowed: Element[] = [];
  for (const target of targets) {
    const span = narrowMark(target, 'tighten', em);
    if (!span) continue;
    narrowed.push(span);
    if (narrowed.length < fewest) continue;
    const now = measureStretches(paragraph);
    if (now.stretches.length === before.stretches.length) continue;
    const kept =
      now.stretches.length === before.stretches.length - 1 &&
      (now.lastLine ?? 0) >= 2 * em - slack &&
      badnessOf(now.stretches, em) <= badnessOf(before.stretches, em) + epsilon;
    if (kept) {
      report.counts.tighten += narrowed.length;
      return true;
    }
    break;
  }
  for (const span of narrowed.reverse()) unwrap(span);
  return false;
}

/**
 * Adjusts an article's paragraphs that may be loose (found laid out in the host, the article moved there whole so
 * that its own styles, a `columns-1` variant, apply, and its body set to the width of one of its columns) on the
 * bench, one at a time.
 */
function adjustArticle(article: Element, host: HTMLElement, typeAreaWidth: number, bench: HTMLElement) {
  const body = article.querySelector('.article-body');
  if (!(body instanceof HTMLElement)) return;
  const placeholder = document.createComment('paiban-adjust');
  article.before(placeholder);
  host.append(article);
  const inline = body.getAttribute('style');
  try {
    const paragraphs = Array.from(body.querySelectorAll(paragraphSelector)).filter(
      (element) => element instanceof HTMLElement && !element.querySelector(nestedBlockSelector) && getComputedStyle(element).textAlign === 'justify',
    ) as HTMLElement[];
    const { width } = columnsIn(getComputedStyle(body), 0, typeAreaWidth);
    // Flush left, so that a line's natural width shows; the breaks do not depend on the alignment.
    body.style.cssText += `; columns: auto; width: ${width}px; text-align: start;`;
    const selected = paragraphs.filter(mayBeLoose);
    // Back out of the host before its paragraphs go to the bench one by one: a paragraph taken out of a laid-out
    // article would have the whole article laid out again at the next measurement (halved the pass's time).
    if (placeholder.parentNode) placeholder.replaceWith(article);
    else article.remove();
    for (const paragraph of selected) adjustOnBench(paragraph, article, bench);
  } finally {
    if (placeholder.parentNode) placeholder.replaceWith(article);
    if (inline === null) body.removeAttribute('style');
    else body.setAttribute('style', inline);
  }
}

/**
 * Adjusts a paragraph on a bench of its own: shallow copies of its ancestors up to the article (their classes and
 * styles, the body's width among them) in the bench's host, so that each trial lays out this paragraph only, not
 * its article. It goes back where it was after.
 */
function adjustOnBench(paragraph: HTMLElement, article: Element, host: HTMLElement) {
  const seat = document.createComment('');
  const bench = shellsAround(paragraph, article, seat);
  host.append(bench);
  const placeholder = document.createComment('paiban-adjust');
  paragraph.replaceWith(placeholder);
  seat.replaceWith(paragraph);
  try {
    adjustParagraph(paragraph);
  } finally {
    placeholder.replaceWith(paragraph);
    host.replaceChildren();
  }
}

/** Whether a line of a paragraph but its last might be spread by more than 1 em. */
function mayBeLoose(paragraph: HTMLElement) {
  const { stretches, em } = measureStretches(paragraph);
  return stretches.some((stretch) => stretch > allowedStretchEm * em + slack);
}
