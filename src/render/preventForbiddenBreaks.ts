/**
 * Chromium's `line-break: strict` keeps most Chinese marks off the start and end of lines, but (measured in
 * Chromium 156, shared/handbook/typography.md §2) it lets `·` `～` `~` a single `—` `／` `－` start a line and
 * `/` end one. A WORD JOINER (U+2060) glues them to their neighbour. Applied to text nodes only, never to URLs
 * or Markdown syntax.
 */
const wordJoiner = '\u2060';
const mayNotStartLine = /(?<=\S)(?=[·～~／－]|(?<!—)—(?!—))/gu;
const mayNotEndLine = /(?<=\/)(?=\S)/gu;

export function preventForbiddenBreaks(text: string): string {
  return text.replace(mayNotStartLine, wordJoiner).replace(mayNotEndLine, wordJoiner);
}
