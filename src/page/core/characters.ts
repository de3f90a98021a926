/**
 * Classes of characters the measuring and the typesetting rules ask about, each a test that remembers its answers.
 */

/** A test of one character (a code point). */
export type CharacterTest = (character: string) => boolean;

/**
 * A test of single characters that remembers its answers for the Basic Multilingual Plane: the rules ask about some
 * 60,000 characters, a few thousand of them distinct, and reading a table is much cheaper than a Unicode property
 * regex.
 */
export function characterTest(pattern: RegExp): CharacterTest {
  /** By UTF-16 code unit: 0 not asked yet, 1 no, 2 yes. */
  const known = new Uint8Array(0x10000);
  return (character) => {
    if (character.length !== 1) return pattern.test(character);
    const code = character.charCodeAt(0);
    if (known[code] === 0) known[code] = pattern.test(character) ? 2 : 1;
    return known[code] === 2;
  };
}

/** Characters that draw nothing and take no part in line breaking rules (word joiner, zero-width space, soft hyphen). */
export const invisible = characterTest(/^[\s\u2060\u200b\u00ad]$/u);
/** Invisible characters after which a line may break. */
export const breakOpportunity = characterTest(/^[\s\u200b\u00ad]$/u);
/**
 * Visible characters whose boxes need not follow one another left to right in a line box: those that draw nothing or
 * join the character before into one cluster (marks, format and control characters, default ignorables, emoji
 * modifiers, halves of flags, Hangul jamo) and right-to-left scripts. Text holding one is measured character by
 * character (see segmentsIn).
 */
export const unorderedCharacter =
  /(?![\s\u2060\u200b\u00ad])[\p{M}\p{Grapheme_Extend}\p{Cf}\p{Cc}\p{Default_Ignorable_Code_Point}\p{Emoji_Modifier}\p{Regional_Indicator}\u1100-\u11ff\ua960-\ua97f\ud7b0-\ud7ff]|[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefe\u{10800}-\u{10fff}\u{1e800}-\u{1efff}]/u;
