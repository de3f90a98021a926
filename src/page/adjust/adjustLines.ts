/**
 * Line adjustment as Chinese typesetters do it (JIS X 4051 §4, clreq 3.x, jlreq): a plain browser script, loaded by
 * the page after lineBoxes.js and before the pagination runtime, which calls `paibanAdjustLines(articles)` once the
 * fonts have loaded and before Paged.js paginates. A column's width is fixed, so its line breaks are known before
 * pagination: nothing is paginated twice.
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
 * may be hyphenated as its language does it (clreq 3.2.4, jlreq 3.2.4); and, as a last resort before a loose line,
 * the line's letter spacing may give a hundredth of an em a character (压字距).
 *
 * Each change is a span (or a <wbr>) carrying `data-adjust` with its kind, so the typography check and the proof
 * count them; no visible character is added (a hyphenated word gets soft hyphens, drawn only where a line breaks).
 *   seconds: this pass's time in the page; columnSeconds: the column filling's (fillColumns.js)
 */
import createHyphenator from 'hyphen/hyphen.js';
import hyphenationPatternsEnUs from 'hyphen/patterns/en-us.js';
import type { AdjustKind, AdjustReport } from '../api.js';
import { createBenchHost, shellsAround } from '../core/bench.js';
import { type CharacterTest, characterTest } from '../core/characters.js';
import { createMeasurer } from '../core/measurer.js';
import { type Glyph, findSegments } from '../core/segments.js';
import { slack } from '../core/tolerances.js';

/** Stretch (em) a line may take without a fault: the 1 em Chromium leaves when it moves a character down. */
const allowedStretchEm = 1;
/** Marks whose glyph sits in the left half of the em (GB/T 15834 positions for simplified Chinese): their right half may go. */
const closingMark = characterTest(/^[，。、；：！？”’）》」』】〕〗〉]$/u);
/** Marks whose glyph sits in the right half: their left half may go. */
const openingMark = characterTest(/^[“‘（《「『【〔〖〈]$/u);
const mark = (character: string) => closingMark(character) || openingMark(character);
const han = characterTest(/^\p{Script=Han}$/u);
const latinOrDigit = characterTest(/^[A-Za-z0-9]$/);
const digit = characterTest(/^[0-9]$/);
/** Characters of a formula-like run: operands and operators (clreq 3.1.6: a line may break after an operator). */
const formulaOperator = characterTest(/^[+=×÷＋＝]$/u);
const hyphen = characterTest(/^[-‐‑]$/u);
/** What joins two runs of letters and digits into one unit the line breaker keeps whole. */
const connector = characterTest(/^[-‐‑+=×÷/]$/u);
/** Characters of a run of Latin letters and digits, as a number writes them (`7.9%`). */
const latinRun = characterTest(/^[A-Za-z0-9.%]$/);
/** Blocks of body text set justified to the full measure (the typography check's measured text). */
const paragraphSelector = ':is(p, li, dd)';
/** A paragraph holding one of these is a container, not text of its own. */
const nestedBlockSelector = 'p, li, dd, ul, ol, dl, table, blockquote, figure, div, pre, h1, h2, h3, h4, h5, h6';
/** Most trials for one paragraph: bounds the cost of a pathological paragraph. */
const maxTrialsPerParagraph = 60;
/**
 * How far (em) settle's reckoning of what a line lacks may be off (spacing that comes or goes as a unit moves back,
 * kerning of marks side by side): a change is measured once the line lacks less than this.
 */
const unmeasuredMargin = 0.25;
/** How many levels of lines below a mended line are adjusted before the paragraph is judged (see settle). */
const lookahead = 2;
/** How many lines above a loose line may have their marks narrowed to move its break (see changesFor). */
const linesAbove = 3;
/**
 * Letter spacing a line's characters give at most (em), the last resort before a loose line: a hundredth of an em,
 * 0.1 pt at 10.5 pt, too little to see, as Chinese typesetters tighten a line (压字距) by whole percents.
 */
const trackingEm = 0.01;
/**
 * A Latin word that may be hyphenated: lowercase after one capital at most, five letters or more. Acronyms and
 * names set in capitals inside (`NVMe`, `RedCap`) stay whole, as English typesetting keeps them.
 */
const hyphenatable = /^[A-Z]?[a-z]{4,}$/;
/**
 * Liang's hyphenation with TeX's US English patterns (the hyphen package, bundled with this script): the word with a
 * soft hyphen at each of its breaks.
 */
const hyphenateWord = createHyphenator(hyphenationPatternsEnUs, { hyphenChar: '\u00ad' });
/**
 * Text whose spacing a change has set (marks narrowed, by letter spacing in a face without `halt`; letter spacing
 * taken; a pair of marks kept apart): hyphenation and tracking leave it alone. A Latin run without its autospace is
 * still theirs.
 */
const spacedAlready = '[data-adjust]:not([data-adjust="no-autospace"]), .mark-pair';
/** Badness differences smaller than this are rounding. */
const epsilon = 1e-6;

const report: AdjustReport = {
  seconds: 0,
  columnSeconds: 0,
  paragraphs: 0,
  trials: 0,
  counts: {
    'halt-end': 0,
    'halt-line': 0,
    'no-autospace': 0,
    'break-formula': 0,
    hyphenate: 0,
    tracking: 0,
    tighten: 0,
  },
};

/**
 * How a face narrows a mark to half its width, measured once per face and mark: `halt` where the face has it (Noto
 * Serif/Sans SC), else (LXGW WenKai has no `halt`) negative letter spacing of half the mark's own advance on a
 * closing mark, whose right half is empty.
 * @type
 */
const narrowing: Map<string, 'halt' | 'spacing'> = new Map();

/**
 * Adjusts the lines of every justified paragraph of the articles' bodies. The articles are moved, one at a time,
 * into an off-screen host as wide as the type area (the document's body is kept undisplayed until Paged.js moves
 * it; an article not yet in the document has no style) and back to where they were.
 */
function paibanAdjustLines(articles: Element[]): AdjustReport {
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
 * 缩行 (`paibanTightenParagraph`): narrows the paragraph's isolated marks one at a time from its end, as `halt-line`
 * does (counted as `tighten`), until it is a line shorter; takes them back and says no when it cannot be, or when a
 * line would be spread more than before or its last line would hold one character. The paragraph is laid out at its
 * column's width, flush left: the column filling (fillColumns.js) sets a copy on its bench before it paginates the
 * article again, and counts the time.
 */
function tightenParagraph(paragraph: HTMLElement): boolean {
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
    const style = getComputedStyle(body);
    const count = style.columnCount === 'auto' ? 1 : Number(style.columnCount);
    const gap = style.columnGap === 'normal' ? parseFloat(style.fontSize) : parseFloat(style.columnGap);
    const paragraphs = Array.from(body.querySelectorAll(paragraphSelector)).filter(
      (element) => element instanceof HTMLElement && !element.querySelector(nestedBlockSelector) && getComputedStyle(element).textAlign === 'justify',
    ) as HTMLElement[];
    const width = (typeAreaWidth - (count - 1) * gap) / count;
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

/**
 * The lines of a paragraph as laid out now, with what each would be stretched by when justified (px).
 */
function measureParagraph(paragraph: HTMLElement): { lines: Line[]; stretches: number[]; em: number } {
  const measurer = createMeasurer();
  const style = measurer.style(paragraph);
  const em = parseFloat(style.fontSize);
  const box = paragraph.getBoundingClientRect();
  const right = box.right - parseFloat(style.paddingRight) - parseFloat(style.borderRightWidth);
  const lines: Line[] = [];
  let line: Line | undefined;
  let lastRight = -Infinity;
  const walker = document.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT, {
    acceptNode: (node) => (!(node instanceof Element) || node.localName === 'br' ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP),
  });
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node instanceof Element) {
      if (line) line.forcedEnd = true;
      line = undefined;
      continue;
    }
    for (const segment of findSegments(node as Text, measurer).segments) {
      // A new line box: as the typography check tells them (the text went back left, or left the line's band).
      if (!line || segment.left < lastRight - slack || segment.top >= line.bottom - slack || segment.bottom <= line.top + slack) {
        line = { glyphs: [...segment.glyphs], right: segment.right, top: segment.top, bottom: segment.bottom, forcedEnd: false };
        lines.push(line);
      } else {
        line.glyphs.push(...segment.glyphs);
        line.right = Math.max(line.right, segment.right);
      }
      lastRight = segment.right;
    }
  }
  const stretches = lines.map((each, index) => (each.forcedEnd || index === lines.length - 1 ? 0 : Math.max(0, right - each.right)));
  return { lines, stretches, em };
}

/**
 * What each line of a paragraph would be stretched by when justified (px), from the right edges of its line boxes
 * only: one Range over the paragraph (the text and inline boxes of a line share its band), no glyph measured. A
 * trial needs no more; the glyphs (measureParagraph) are found only for a line to mend. A forced break (<br>) ends a
 * line that is not stretched: such a paragraph is measured in full.
 *  @returns  lastLine: its width
 */
function measureStretches(paragraph: HTMLElement): { stretches: number[]; em: number; lastLine?: number } {
  if (paragraph.querySelector('br')) return measureParagraph(paragraph);
  const style = getComputedStyle(paragraph);
  const box = paragraph.getBoundingClientRect();
  const right = box.right - parseFloat(style.paddingRight) - parseFloat(style.borderRightWidth);
  const range = document.createRange();
  range.selectNodeContents(paragraph);
  const bands: Array<{ top: number; bottom: number; left: number; right: number }> = [];
  for (const rect of Array.from(range.getClientRects())) {
    if (rect.width === 0 || rect.height === 0) continue;
    const band = bands.find((each) => rect.top < each.bottom - slack && each.top < rect.bottom - slack);
    if (band) {
      band.left = Math.min(band.left, rect.left);
      band.right = Math.max(band.right, rect.right);
    } else {
      bands.push({ top: rect.top, bottom: rect.bottom, left: rect.left, right: rect.right });
    }
  }
  bands.sort((a, b) => a.top - b.top);
  const last = bands[bands.length - 1];
  return {
    stretches: bands.map((band, index) => (index === bands.length - 1 ? 0 : Math.max(0, right - band.right))),
    em: parseFloat(style.fontSize),
    lastLine: last ? last.right - last.left : 0,
  };
}

/** Whether a line of a paragraph but its last might be spread by more than 1 em. */
function mayBeLoose(paragraph: HTMLElement) {
  const { stretches, em } = measureStretches(paragraph);
  return stretches.some((stretch) => stretch > allowedStretchEm * em + slack);
}

/** The paragraph's badness: the squared stretch beyond the allowed 1 em, summed over its lines. */
function badnessOf(stretches: number[], em: number) {
  return stretches.reduce((sum, stretch) => sum + Math.max(0, stretch / em - allowedStretchEm) ** 2, 0);
}

/**
 * Adjusts a paragraph line by line from the top (a change re-breaks only the lines after it) and counts what it
 * kept.
 */
function adjustParagraph(paragraph: HTMLElement) {
  report.paragraphs++;
  const kept = settle(paragraph, 0, lookahead, { trials: maxTrialsPerParagraph });
  for (const change of kept) for (const kind of change.kinds) report.counts[kind]++;
}

/**
 * Adjusts the loose lines of a paragraph from line `from` on and returns the changes it kept, which the paragraph
 * is left with. For each loose line the changes are applied one after another, each cumulative on those before,
 * until the line is no longer loose; the paragraph's best state among them is kept, when it is better than
 * before. A change that mends its line often re-breaks the lines after it and opens a hole further down: then
 * those lines are adjusted in turn (`depth` levels deep) before the paragraph is judged.
 */
function settle(paragraph: HTMLElement, from: number, depth: number, budget: { trials: number }): Change[] {
  const kept: Change[] = [];
  let measured = measureStretches(paragraph);
  let badness = badnessOf(measured.stretches, measured.em);
  /** The line tried last, and whether it was tried again: a line still loose after what was kept gets a second turn. */
  let last = { index: -1, again: false };
  for (let index = from; index < measured.stretches.length - 1 && budget.trials > 0 && badness > 0; index++) {
    if (measured.stretches[index] / measured.em <= allowedStretchEm) continue;
    // The glyphs of the lines, for the changes to try (measured again each time: taking a change back merges text
    // nodes, so glyphs measured before may name nodes gone).
    const { lines, stretches, em } = measureParagraph(paragraph);
    // Line boxes the quick measure told apart otherwise (an inline box out of its line's band): judged by glyphs.
    if (stretches.length !== measured.stretches.length) return kept;
    last = { index, again: last.index === index };
    const done: Change[] = [];
    let best = { badness, changes: 0 };
    // What the line lacks for its next unit to come back, less what the changes so far can have given: until it
    // is made up, a change has not mended the line and only spread it further, and is not measured.
    let lacking = widthOf(firstUnit(lines[index + 1])) - stretches[index] - unmeasuredMargin * em;
    for (const step of changesFor(paragraph, lines, index, em)) {
      if (budget.trials <= 0) break;
      const change = step();
      if (!change) continue;
      done.push(change);
      budget.trials--;
      report.trials++;
      lacking = step.gain === undefined ? -Infinity : lacking - step.gain;
      if (lacking > 0) continue;
      let after = measureStretches(paragraph);
      let score = badnessOf(after.stretches, after.em);
      const mended = after.stretches[index] / after.em <= allowedStretchEm;
      if (mended && score >= best.badness - epsilon && depth > 0) {
        const below = settle(paragraph, index + 1, depth - 1, budget);
        after = measureStretches(paragraph);
        score = badnessOf(after.stretches, after.em);
        if (score < best.badness - epsilon) done.push(combined(below));
        else undoAll(below);
      }
      if (score < best.badness - epsilon) best = { badness: score, changes: done.length };
      if (mended && best.changes === done.length) break;
    }
    undoAll(done.splice(best.changes));
    kept.push(...done);
    badness = best.badness;
    measured = measureStretches(paragraph);
    // What was kept may have left the line loose with a new first unit below it (a formula broken after its hyphen).
    if (done.length > 0 && !last.again && measured.stretches[index] / measured.em > allowedStretchEm) index--;
  }
  return kept;
}

/** One change made of several, taken back together. */
function combined(changes: Change[]): Change {
  return { kinds: changes.flatMap((change) => change.kinds), undo: () => undoAll(changes) };
}

/** Takes changes back, the last first. */
function undoAll(changes: Change[]) {
  for (let index = changes.length - 1; index >= 0; index--) changes[index].undo();
}

/**
 * A glyph that a change may touch, held by a live Range at its end: wrapping another glyph of the same text node
 * splits the node, and the DOM moves live ranges along (splitText, normalize), where offsets would go stale.
 */
function targetOf(glyph: Glyph): Target {
  const end = document.createRange();
  end.setStart(glyph.node, glyph.offset + glyph.character.length);
  return { character: glyph.character, end };
}

/**
 * Where a target is now: its text node and offsets; undefined when a change put it in a span of its own (its range
 * then left the text), or its text is no longer in the document.
 */
function locate(target: Target) {
  const node = target.end.startContainer;
  const end = target.end.startOffset;
  const start = end - target.character.length;
  if (!(node instanceof Text) || !node.isConnected || start < 0 || node.data.slice(start, end) !== target.character) return undefined;
  return { node, start, end };
}

/**
 * The changes for a loose line `index`, in the order a typesetter tries them, each cumulative on the ones before:
 * halve the mark that would end the line if the first unit of the next line came back; then the line's other
 * marks, one at a time from its end; then take out the Han–Latin spacing of the line's Latin and digit runs (and the
 * unit's); then allow a break after an operator or hyphen in the unit, or hyphenate it when it is a word; then
 * narrow the marks of the lines above, one line after another, to move the line's start on; last, take a hundredth
 * of an em of letter spacing from the line and its unit. Each applies its change and returns it, or undefined when
 * it has nothing to change; a halved mark of the line or its unit says the most it gives (`gain`, half an em).
 *
 */
function changesFor(paragraph: HTMLElement, lines: Line[], index: number, em: number): Step[] {
  const line = lines[index];
  const unit = firstUnit(lines[index + 1]);
  const endMark =
    unit.length > 0 && closingMark(unit[unit.length - 1].character) && isolatedMark(unit, unit.length - 1) ? targetOf(unit[unit.length - 1]) : undefined;
  // The line's marks from its end, after those of the unit that would come back (its opening marks).
  const lineMarks = [...line.glyphs, ...unit.slice(0, -1)]
    .flatMap((glyph, at, glyphs) => (mark(glyph.character) && isolatedMark(glyphs, at) ? [targetOf(glyph)] : []))
    .reverse();
  const runs = [...latinRuns(line.glyphs), ...latinRuns(unit)].map((run) => ({ first: targetOf(run[0]), last: targetOf(run[run.length - 1]) }));
  const breaks = formulaBreaks(unit).map(targetOf);
  /**
   * The line and the unit after it as laid out now, for the changes that read them again: the spans of the changes
   * before them moved the text they hold, and a live range in a node that moves goes to its parent.
   */
  const now = () => {
    const fresh = measureParagraph(paragraph).lines;
    return fresh.length > index + 1 ? { line: fresh[index], unit: firstUnit(fresh[index + 1]) } : undefined;
  };
  const changeOf = (kind: AdjustKind, made: Array<Element | undefined>): Change | undefined => {
    const elements = made.filter((element) => element !== undefined);
    return elements.length === 0 ? undefined : { kinds: elements.map(() => kind), undo: () => elements.forEach(unwrap) };
  };
  const steps: Step[] = [];
  const gain = em / 2;
  if (endMark) steps.push(Object.assign(() => changeOf('halt-end', [narrowMark(endMark, 'halt-end', em)]), { gain }));
  for (const target of lineMarks) steps.push(Object.assign(() => changeOf('halt-line', [narrowMark(target, 'halt-line', em)]), { gain }));
  if (runs.length > 0) steps.push(() => changeOf('no-autospace', runs.map(noAutospace)));
  if (breaks.length > 0) steps.push(() => changeOf('break-formula', breaks.map(breakAfter)));
  if (wordIn(unit)) steps.push(() => changeOf('hyphenate', [hyphenate(now()?.unit ?? [])]));
  // Last, the lines above, nearest first, all their marks at once (JIS X 4051 compresses a line's marks alike):
  // each line that takes a character back up moves this line's start on, and its break with it.
  for (const above of lines.slice(Math.max(0, index - linesAbove), index).reverse()) {
    const targets = above.glyphs.flatMap((glyph, at) => (mark(glyph.character) && isolatedMark(above.glyphs, at) ? [targetOf(glyph)] : []));
    if (targets.length > 0)
      steps.push(() =>
        changeOf(
          'halt-line',
          targets.map((target) => narrowMark(target, 'halt-line', em)),
        ),
      );
  }
  steps.push(() => {
    const fresh = now();
    return fresh && track([...fresh.line.glyphs, ...fresh.unit]);
  });
  return steps;
}

/**
 * The first unit of a line: what would come back to the line above were the break before it moved one
 * opportunity on — opening marks; one Han character or a run of Latin letters and digits (up to a space), and
 * what a connector joins to it (`流-2024`, `1+17+60+N`); then the closing marks that may not start a line.
 */
function firstUnit({ glyphs }: Line): Glyph[] {
  let at = 0;
  const is = (test: CharacterTest, index: number) => index < glyphs.length && test(glyphs[index].character);
  /** The end of the run of letters and digits from `index`, stopping after a space. */
  const runEnd = (index: number) => {
    while (is(latinRun, index)) if (glyphs[index++].spaceAfter) return { end: index, spaced: true };
    return { end: index, spaced: false };
  };
  while (is(openingMark, at)) at++;
  let spaced = false;
  if (is(han, at)) at++;
  else ({ end: at, spaced } = runEnd(at));
  while (!spaced && at > 0 && !glyphs[at - 1].spaceAfter && is(connector, at) && is(latinOrDigit, at + 1)) ({ end: at, spaced } = runEnd(at + 1));
  while (is(closingMark, at)) at++;
  return glyphs.slice(0, at);
}

/** The width of some glyphs set side by side (a unit), from the first's left edge to the last's right. */
function widthOf(glyphs: Glyph[]) {
  if (glyphs.length === 0) return 0;
  const [first, last] = [glyphs[0], glyphs[glyphs.length - 1]];
  const range = document.createRange();
  range.setStart(first.node, first.offset);
  range.setEnd(last.node, last.offset + last.character.length);
  return range.getBoundingClientRect().width;
}

/**
 * Whether the mark at `at` has no mark beside it, in its text or among the glyphs: halving one of two marks side
 * by side would make them touch (text-spacing-trim has taken half of one already).
 */
function isolatedMark(glyphs: Glyph[], at: number) {
  const { node, offset, character } = glyphs[at];
  const neighbours = [node.data[offset - 1], node.data[offset + character.length], glyphs[at - 1]?.character, glyphs[at + 1]?.character];
  return !neighbours.some((neighbour) => neighbour !== undefined && mark(neighbour));
}

/**
 * Narrows a mark to half its width in a span; undefined when it is half width already (text-spacing-trim took
 * half of it) or sits in an adjusted span.
 */
function narrowMark(target: Target, kind: AdjustKind, em: number) {
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

/**
 * The runs of Latin letters and digits among some glyphs, each within one text node: the ⅛-em autospace either
 * side of such a run is what `no-autospace` takes out.
 */
function latinRuns(glyphs: Glyph[]): Glyph[][] {
  const runs: Glyph[][] = [];
  glyphs.forEach((glyph, at) => {
    if (!latinOrDigit(glyph.character)) return;
    const run = runs[runs.length - 1];
    const previous = glyphs[at - 1];
    const continues = run && run[run.length - 1] === previous && previous.node === glyph.node && previous.offset + previous.character.length === glyph.offset;
    if (continues) run.push(glyph);
    else runs.push([glyph]);
  });
  return runs;
}

/** A span without autospace around a run, or undefined when it sits in an adjusted span already. */
function noAutospace({ first, last }: { first: Target; last: Target }) {
  const [from, to] = [locate(first), locate(last)];
  if (!from || !to || from.node !== to.node || from.node.parentElement?.closest('[data-adjust]')) return undefined;
  const span = wrap(from.node, from.start, to.end, 'no-autospace');
  span.style.setProperty('text-autospace', 'no-autospace');
  return span;
}

/**
 * The glyphs of a unit after which clreq lets a formula-like run break: an operator between two operands
 * (`1+17+60+N`), or a hyphen between a name and a number (`清源断流-2024`) — never inside a number (`0531-51782293`
 * is one).
 */
function formulaBreaks(unit: Glyph[]): Glyph[] {
  return unit.filter((glyph, at) => {
    const [before, after] = [unit[at - 1]?.character, unit[at + 1]?.character];
    if (before === undefined || after === undefined) return false;
    if (formulaOperator(glyph.character)) return latinOrDigit(before) && latinOrDigit(after);
    return hyphen(glyph.character) && (han(before) || (latinOrDigit(before) && !digit(before))) && digit(after);
  });
}

/**
 * The Latin word a unit is (opening and closing marks aside), when it may be hyphenated and its letters are one
 * text's: `Checkpoint，`, not `3GPP` or `700MHz`.
 */
function wordIn(unit: Glyph[]): { node: Text; start: number; end: number } | undefined {
  const letters = unit.filter((glyph) => !mark(glyph.character));
  const [first, last] = [letters[0], letters[letters.length - 1]];
  if (!hyphenateWord || !first || first.node !== last.node) return undefined;
  const [start, end] = [first.offset, last.offset + last.character.length];
  return hyphenatable.test(first.node.data.slice(start, end)) && end - start === letters.length ? { node: first.node, start, end } : undefined;
}

/**
 * Puts soft hyphens at a word's breaks, in a span; undefined when the patterns give it none (or it sits in an
 * adjusted span). unwrap takes them out again.
 */
function hyphenate(unit: Glyph[]) {
  const word = wordIn(unit);
  if (!hyphenateWord || !word || word.node.parentElement?.closest(spacedAlready)) return undefined;
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
function track(glyphs: Glyph[]): Change | undefined {
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
function breakAfter(target: Target) {
  const at = locate(target);
  if (!at) return undefined;
  const { node, end } = at;
  const wbr = document.createElement('wbr');
  wbr.dataset.adjust = 'break-formula';
  if (end < node.data.length) node.splitText(end);
  node.after(wbr);
  return wbr;
}

/**
 * Wraps characters start…end of a text node in a span marked with the kind of adjustment. The node is split by
 * splitText, which moves the live ranges of targets after it along.
 */
function wrap(node: Text, start: number, end: number, kind: AdjustKind) {
  if (end < node.data.length) node.splitText(end);
  const middle = start > 0 ? node.splitText(start) : node;
  const span = document.createElement('span');
  span.dataset.adjust = kind;
  middle.before(span);
  span.append(middle);
  return span;
}

/** Takes an adjustment out again, its text back in one node with its neighbours. */
function unwrap(element: Element) {
  const parent = element.parentNode;
  if (!parent) return;
  if (element instanceof HTMLElement && element.dataset.adjust === 'hyphenate') element.textContent = (element.textContent ?? '').replace(/\u00ad/g, '');
  element.replaceWith(...Array.from(element.childNodes));
  parent.normalize();
}

/** What the line adjustment and the column filling did so far in this page. */
function adjustReport(): AdjustReport {
  return report;
}

export { paibanAdjustLines as adjustLines, tightenParagraph, adjustReport };

type Line = { glyphs: Glyph[]; right: number; top: number; bottom: number; forcedEnd: boolean };
/** one applied step: an adjustment per element it made */
type Change = { kinds: AdjustKind[]; undo: () => void };
/** applies a change; gain: the most it can shorten the line and unit (px) */
type Step = (() => Change | undefined) & { gain?: number };
type Target = { character: string; end: Range };
