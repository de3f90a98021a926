/**
 * A note's reference stays with the character before it (clreq: a note mark, 注号, never starts a line). UAX #14 lets
 * a line break before an opening bracket, so Chromium set `实验` at the end of one line and `[12]，` at the start of
 * the next (seen on a weekly with its links as footnotes). A WORD JOINER after the character before the reference
 * glues them, across the closing tags between (a link's, an emphasis's).
 */
import type { StateCore } from 'markdown-it';
import { wordJoiner } from './adjustLineBreaks.js';

export function glueNoteReferences(state: StateCore): void {
  for (const token of state.tokens) {
    const children = token.children ?? [];
    children.forEach((child, index) => {
      if (child.type !== 'footnote_ref') return;
      // Closing tags, and the empty text markdown-it leaves where emphasis delimiters were, stand between.
      const before = children
        .slice(0, index)
        .findLast((candidate) => !candidate.type.endsWith('_close') && !(candidate.type === 'text' && candidate.content === ''));
      if (before?.type === 'text' && /[^\s\u2060]$/u.test(before.content)) before.content += wordJoiner;
    });
  }
}
