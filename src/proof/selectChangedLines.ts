import type { ChangedPassage } from './findChangedLines.js';
import type { VisualLine } from './printProof.js';
import { toPrintedText } from './toPrintedText.js';

/**
 * The visual lines that get a change bar: of a paragraph changed since the earlier round, only the lines showing
 * characters that changed (what a proofreader must read again), found by the common start and end of its text
 * before and after; the whole paragraph when its earlier text is not known (lines added or removed).
 */
export function selectChangedLines(lines: VisualLine[], passages: (ChangedPassage & { displayFile: string })[]): VisualLine[] {
  return lines.filter((line) =>
    passages.some((passage) =>
      line.parts.some((part) => {
        if (part.file !== passage.displayFile || part.line !== passage.line) return false;
        const range = changedRange(passage);
        return !range || (part.start < range.end && part.start + part.length > range.start);
      }),
    ),
  );
}

/** Offsets, in the printed text of the new paragraph, of what differs from the old one; undefined if unknown. */
function changedRange(passage: ChangedPassage): { start: number; end: number } | undefined {
  if (passage.previous === undefined) return undefined;
  const before = [...toPrintedText(passage.previous)];
  const after = [...toPrintedText(passage.text)];
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let end = 0;
  while (end < before.length - start && end < after.length - start && before[before.length - 1 - end] === after[after.length - 1 - end]) end++;
  // A deletion changes no printed character: bar the line where the text was taken out.
  return { start, end: Math.max(start + 1, after.length - end) };
}
