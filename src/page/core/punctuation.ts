/** Punctuation and script classes the line breaking and its adjustment ask about (GB/T 15834 positions, clreq). */
import { characterTest } from './characters.js';

/** Marks whose glyph sits in the left half of the em (GB/T 15834 positions for simplified Chinese): their right half may go. */
export const closingMark = characterTest(/^[，。、；：！？”’）》」』】〕〗〉]$/u);

/** Marks whose glyph sits in the right half: their left half may go. */
export const openingMark = characterTest(/^[“‘（《「『【〔〖〈]$/u);

export const mark = (character: string) => closingMark(character) || openingMark(character);

export const han = characterTest(/^\p{Script=Han}$/u);

export const latinOrDigit = characterTest(/^[A-Za-z0-9]$/);

export const digit = characterTest(/^[0-9]$/);

/** Characters of a formula-like run: operands and operators (clreq 3.1.6: a line may break after an operator). */
export const formulaOperator = characterTest(/^[+=×÷＋＝]$/u);

export const hyphen = characterTest(/^[-‐‑]$/u);

/** What joins two runs of letters and digits into one unit the line breaker keeps whole. */
export const connector = characterTest(/^[-‐‑+=×÷/]$/u);

/** Characters of a run of Latin letters and digits, as a number writes them (`7.9%`). */
export const latinRun = characterTest(/^[A-Za-z0-9.%]$/);

/**
 * What a web or e-mail address or an identifier holds besides letters and digits (RFC 3986's unreserved characters
 * and the delimiters running text keeps, and the stars of a masked number, `138****5678`): Chromium's line breaker
 * keeps `@liujuntao123` or `a_b` whole, as one unit.
 */
export const addressCharacter = characterTest(/^[@:/_~#?&=%.+*-]$/);
