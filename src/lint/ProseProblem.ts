import type { TextRule } from '../rules/textRules.js';

/** A problem found in one block of prose; start/end index the block's text (UTF-16, end exclusive). */
export interface ProseProblem {
  rule: TextRule;
  start: number;
  end: number;
  message: string;
}

/** A problem with one mark, at `index`. */
export function markProblem(rule: TextRule, index: number, message: string): ProseProblem {
  return { rule, start: index, end: index + 1, message };
}
