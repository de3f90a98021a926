export interface PairScan {
  /** Matched pairs; depth: how many openers enclose the pair. */
  pairs: { open: number; close: number; depth: number }[];
  /** Openers never closed (including those a crossing closer skipped over). */
  unclosed: { open: number; depth: number }[];
  /** Closers with no opener. */
  unopened: number[];
}

/**
 * Matches opening and closing marks with a stack. A closer whose opener is not on top closes that opener anyway and
 * leaves the openers above it unclosed, so `（《）》` reports `《` unclosed and `》` unopened, not a cascade.
 */
export function matchPairs(text: string, closerOf: Record<string, string>, isMark: (index: number) => boolean): PairScan {
  const openerOf = Object.fromEntries(Object.entries(closerOf).map(([opener, closer]) => [closer, opener]));
  const stack: { open: number; depth: number }[] = [];
  const scan: PairScan = { pairs: [], unclosed: [], unopened: [] };
  for (let index = 0; index < text.length; index++) {
    const char = text[index]!;
    if (!(char in closerOf || char in openerOf) || !isMark(index)) continue;
    if (char in closerOf) {
      stack.push({ open: index, depth: stack.length });
      continue;
    }
    const match = stack.findLastIndex((entry) => text[entry.open] === openerOf[char]);
    if (match < 0) {
      scan.unopened.push(index);
      continue;
    }
    scan.unclosed.push(...stack.splice(match + 1));
    const { open, depth } = stack.pop()!;
    scan.pairs.push({ open, close: index, depth });
  }
  scan.unclosed.push(...stack);
  scan.unclosed.sort((a, b) => a.open - b.open);
  return scan;
}
