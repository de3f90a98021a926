/**
 * What a line break would move and where a run may break: the unit that would come back up a line, the breaks clreq
 * allows in a formula-like run and the Chicago Manual in an address, the Latin word that may be hyphenated, marks
 * that may be narrowed.
 */
import type { CharacterTest } from '../core/characters.js';
import {
  addressCharacter,
  closingMark,
  connector,
  digit,
  formulaOperator,
  han,
  hyphen,
  latinOrDigit,
  latinRun,
  mark,
  openingMark,
} from '../core/punctuation.js';
import type { Glyph } from '../core/segments.js';

/**
 * A Latin word that may be hyphenated: four lowercase letters or more, after one capital at most. Acronyms and
 * names set in capitals inside (`NVMe`, `RedCap`) stay whole, as English typesetting keeps them.
 */
const hyphenatable = /^[A-Z]?[a-z]{4,}$/;

const slash = (character: string) => character === '/';

/**
 * What the decisions read of a glyph: its character, whether a line may break after it (a space follows) and
 * whether it may not (a WORD JOINER follows).
 */
export type Letter = Pick<Glyph, 'character' | 'spaceAfter' | 'gluedAfter'>;

/** Whether a Latin word may be hyphenated (see hyphenatable). */
export function mayHyphenate(word: string): boolean {
  return hyphenatable.test(word);
}

/**
 * The first unit of a line: what would come back to the line above were the break before it moved one
 * opportunity on — opening marks; one Han character or a run of Latin letters and digits (up to a space, with the
 * characters of an address: `@liujuntao123`, `github.com/ruanyf`), and what a connector joins to it (`流-2024`,
 * `1+17+60+N`); then the closing marks that may not start a line; and, while a WORD JOINER glues its last character
 * to the next, the unit after it too (`在⁠~/.config/paiban`: a `~` may not start a line, so the path comes with
 * the 在, and its own breaks are what can mend the line; a note's reference `[12]` comes with the character it is
 * glued to).
 */
export function firstUnit<G extends Letter>(glyphs: G[]): G[] {
  let end = singleUnit(glyphs).length;
  while (end > 0 && end < glyphs.length && glyphs[end - 1].gluedAfter) {
    const rest = glyphs.slice(end);
    const next = singleUnit(rest).length || noteReference(rest);
    if (next === 0) break;
    end += next;
  }
  return glyphs.slice(0, end);
}

/** How many glyphs a note's reference (`[12]`, glued to the character before it) and its closing marks take. */
function noteReference(glyphs: Letter[]) {
  const text = glyphs
    .slice(0, 12)
    .map((glyph) => glyph.character)
    .join('');
  const reference = /^\[\d+\]/.exec(text)?.[0].length ?? 0;
  let at = reference;
  while (reference > 0 && at < glyphs.length && closingMark(glyphs[at].character)) at++;
  return at;
}

/** The first unit of a line, as the line breaker finds it (see firstUnit), glue aside. */
function singleUnit<G extends Letter>(glyphs: G[]): G[] {
  let at = 0;
  const is = (test: CharacterTest, index: number) => index < glyphs.length && test(glyphs[index].character);
  /** The end of the run of letters and digits from `index`, stopping after a space. */
  const runEnd = (index: number) => {
    while (is(latinRun, index) || is(addressCharacter, index)) if (glyphs[index++].spaceAfter) return { end: index, spaced: true };
    return { end: index, spaced: false };
  };
  while (is(openingMark, at)) at++;
  let spaced = false;
  if (is(han, at)) {
    at++;
    // A slash may not start a line (UAX #14 keeps it with what is before it): `元/吨`, `为/art/`.
    if (!glyphs[at - 1].spaceAfter && is(slash, at)) ({ end: at, spaced } = runEnd(at));
  } else ({ end: at, spaced } = runEnd(at));
  while (!spaced && at > 0 && !glyphs[at - 1].spaceAfter && is(connector, at) && is(latinOrDigit, at + 1)) ({ end: at, spaced } = runEnd(at + 1));
  while (is(closingMark, at)) at++;
  return glyphs.slice(0, at);
}

/**
 * What would come back up to line `index` of a paragraph from the line below: its first unit, or all of that line
 * when it is the paragraph's last and would keep a single character (a 孤字): `text-wrap: pretty` moves a character
 * down rather than leave one alone, so there only the whole line comes back (the paragraph a line shorter).
 */
export function unitBelow<G extends Letter>(lines: Array<{ glyphs: G[] }>, index: number): G[] {
  const below = lines[index + 1].glyphs;
  const unit = firstUnit(below);
  if (index + 1 !== lines.length - 1) return unit;
  const rest = below.slice(unit.length);
  return rest.length > 0 && firstUnit(rest).length === rest.length ? below : unit;
}

/**
 * Whether the mark at `at` has no mark beside it, in its text or among the glyphs: halving one of two marks side
 * by side would make them touch (text-spacing-trim has taken half of one already).
 */
export function isolatedMark(glyphs: Glyph[], at: number) {
  const { node, offset, character } = glyphs[at];
  const neighbours = [node.data[offset - 1], node.data[offset + character.length], glyphs[at - 1]?.character, glyphs[at + 1]?.character];
  return !neighbours.some((neighbour) => neighbour !== undefined && mark(neighbour));
}

/**
 * The runs of Latin letters and digits among some glyphs, each within one text node: the ⅛-em autospace either
 * side of such a run is what `no-autospace` takes out.
 */
export function latinRuns(glyphs: Glyph[]): Glyph[][] {
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

/**
 * The glyphs of a unit after which clreq lets a formula-like run break: an operator between two operands
 * (`1+17+60+N`), or a hyphen between a name and a number (`清源断流-2024`) — never inside a number (`0531-51782293`
 * is one).
 */
export function formulaBreaks<G extends Letter>(unit: G[]): G[] {
  return unit.filter((glyph, at) => {
    const [before, after] = [unit[at - 1]?.character, unit[at + 1]?.character];
    if (before === undefined || after === undefined) return false;
    if (formulaOperator(glyph.character)) return latinOrDigit(before) && latinOrDigit(after);
    return hyphen(glyph.character) && (han(before) || (latinOrDigit(before) && !digit(before))) && digit(after);
  });
}

/** A run this long (characters) is an identifier that may break at a case change or before its digits. */
const longIdentifier = 10;

/** The fewest characters a break in an address leaves on either side. */
const shortestPiece = 3;

/**
 * Characters an address may break after (GB/T 15834 keeps `/` off a line's start, so the slash ends the line, as
 * clreq and the Chicago Manual allow): a slash (not between two), a period (not inside a number), a hyphen, an
 * underline, a colon (not before `//`), `=`, `&`.
 */
const breaksAfter = new Set(['/', '.', '-', '_', ':', '=', '&']);

/** Characters it may break before: `?`, `#`, `@`, `~` (the Chicago Manual, 17th ed., 7.42). */
const breaksBefore = new Set(['?', '#', '@', '~']);

/**
 * The glyphs of a unit after which a web or e-mail address or a long identifier may break, with no hyphen added (a
 * hyphen would read as part of it): after `/ . - _ : = &`, before `? # @ ~` (see breaksAfter); in an identifier of
 * ten characters or more (`getElementById`, `liujuntao123`), at a change from lower to upper case and before its
 * digits — never inside a number (`7.9`, `700MHz` keeps its unit), never leaving fewer than three characters on a
 * side. A unit that is none of these (`COVID-19`, a word, a number) gets none: the formula breaks and hyphenation
 * are theirs.
 */
export function addressBreaks<G extends Letter>(unit: G[]): G[] {
  const { run, text, addressLike } = addressIn(unit);
  const at = (index: number) => text[index] ?? '';
  const identifier = text.length >= longIdentifier;
  /** Whether a break between `index - 1` and `index` is allowed. */
  const allowed = (index: number) => {
    const [before, after] = [at(index - 1), at(index)];
    if (addressLike) {
      if (breaksAfter.has(before)) {
        if (before === '/' && after === '/') return false;
        if (before === ':' && after === '/') return false;
        return !(before === '.' && digit(at(index - 2)) && digit(after));
      }
      if (breaksBefore.has(after)) return true;
    }
    return identifier && ((lower(before) && upper(after)) || (letter(before) && digit(after)));
  };
  const breaks: G[] = [];
  for (let index = shortestPiece; index <= text.length - shortestPiece; index++) if (allowed(index)) breaks.push(run[index - 1]);
  return breaks;
}

/** An address this long (characters) may break between any two of its characters (see addressToBreakAnywhere). */
const longAddress = 8;

/**
 * The glyphs of a web or e-mail address or a handle (`@solidSpoon`) of eight characters or more in a unit, which may
 * break anywhere when the breaks above leave its line loose: Chromium already breaks an address longer than the
 * line anywhere (overflow-wrap), so the first break may as well fill the line before it (a line set before
 * `http://` otherwise spreads by up to 9 em); undefined for words, numbers and identifiers without address marks.
 */
export function addressToBreakAnywhere<G extends Letter>(unit: G[]): G[] | undefined {
  const { run, addressLike } = addressIn(unit);
  return addressLike && run.length >= longAddress ? run : undefined;
}

const lower = (character: string) => /^[a-z]$/.test(character);
const upper = (character: string) => /^[A-Z]$/.test(character);
const letter = (character: string) => lower(character) || upper(character);

/**
 * A unit's run without its marks, its characters, and whether it is an address: it holds `@ : / _ ~ # ? & =`, or a
 * period between two letters (`debug.com`).
 */
function addressIn<G extends Letter>(unit: G[]) {
  const first = unit.findIndex((glyph) => !mark(glyph.character));
  const last = unit.findLastIndex((glyph) => !mark(glyph.character));
  const run = first < 0 ? [] : unit.slice(first, last + 1);
  const text = run.map((glyph) => glyph.character);
  const addressLike =
    text.some((character) => addressCharacter(character) && !['.', '-', '%', '+'].includes(character)) || /[A-Za-z]\.[A-Za-z]/.test(text.join(''));
  return { run, text, addressLike };
}

/**
 * The Latin word a unit is (opening and closing marks aside), when it may be hyphenated and its letters are one
 * text's: `Checkpoint，`, not `3GPP` or `700MHz`.
 */
export function wordIn(unit: Glyph[]): { node: Text; start: number; end: number } | undefined {
  const letters = unit.filter((glyph) => !mark(glyph.character));
  const [first, last] = [letters[0], letters[letters.length - 1]];
  if (!first || first.node !== last.node) return undefined;
  const [start, end] = [first.offset, last.offset + last.character.length];
  return mayHyphenate(first.node.data.slice(start, end)) && end - start === letters.length ? { node: first.node, start, end } : undefined;
}
