/** GB/T 15834-2011 4.9, 4.15: brackets and book-title marks come in pairs, nested, never crossing. */
import type { ProseBlock } from './extractProse.js';
import { matchPairs } from './matchPairs.js';
import { markProblem, type ProseProblem } from './ProseProblem.js';

const closerOf: Record<string, string> = { '（': '）', '《': '》', '〈': '〉', '【': '】', '〔': '〕', '〖': '〗' };
const openerOf = Object.fromEntries(Object.entries(closerOf).map(([opener, closer]) => [closer, opener]));

/**
 * A half-width bracket pairs like a full-width one, so `（…)` is balanced: the half-width rule reports the `)`.
 * A closer right after a one- or two-character list number (`1）` `a)`) at the start of a clause is a 序次语, not a
 * bracket: it neither closes nor needs an opener.
 */
export function findBracketProblems(block: ProseBlock): ProseProblem[] {
  const text = block.text.replace(/\(/g, '（').replace(/\)/g, '）');
  const scan = matchPairs(text, closerOf, (index) => !isListNumber(text, index));
  const name = (index: number) => (/[《》〈〉]/.test(text[index]!) ? '书名号' : '括号');
  return [
    ...scan.unclosed.map(({ open }) =>
      markProblem('bracket-balance', open, `前${name(open)}“${block.text[open]}”没有对应的后${name(open)}“${closerOf[text[open]!]}”`),
    ),
    ...scan.unopened.map((close) =>
      markProblem('bracket-balance', close, `后${name(close)}“${block.text[close]}”前面没有对应的前${name(close)}“${openerOf[text[close]!]}”`),
    ),
  ];
}

function isListNumber(text: string, closer: number): boolean {
  return text[closer] === '）' && /(?:^|[\s。；：，])[0-9A-Za-z]{1,2}$/.test(text.slice(0, closer));
}
