/**
 * GB/T 15834-2011 4.8: quotations take “” outside and ‘’ inside, each paragraph balanced, except that a quotation
 * running over several paragraphs opens each of them with “ and closes only at its end.
 */
import type { ProseBlock } from './extractProse.js';
import { containsHanzi, isChinese } from './isChinese.js';
import { matchPairs } from './matchPairs.js';
import { markProblem, type ProseProblem } from './ProseProblem.js';

const closerOf: Record<string, string> = { '“': '”', '‘': '’' };

export function findQuoteProblems(block: ProseBlock, next: ProseBlock | undefined): ProseProblem[] {
  const { text } = block;
  const scan = matchPairs(text, closerOf, (index) => !isApostrophe(text, index));
  const problem = (index: number, message: string) => markProblem('quote-balance', index, message);
  const continues = block.kind === 'paragraph' && next?.kind === 'paragraph' && next.text.startsWith('“');
  return [
    ...scan.pairs
      .filter(({ open, depth }) => text[open] !== nestedQuote(depth))
      .map(({ open, depth }) =>
        problem(open, depth % 2 ? `引号内的引号应为单引号 ‘’，此处用了 ${text[open]}` : `最外层的引号应为双引号 “”，此处用了 ${text[open]}`),
      ),
    ...scan.unclosed
      .filter(({ open, depth }) => !(continues && depth === 0 && text[open] === '“'))
      .map(({ open }) => problem(open, `前引号 ${text[open]} 没有对应的后引号 ${closerOf[text[open]!]}`)),
    ...scan.unopened.map((index) => problem(index, `后引号 ${text[index]} 前面没有对应的前引号`)),
    ...asciiQuotes(text).map((index) => problem(index, `半角引号 ${text[index]} 用在中文中，应为 “” 或 ‘’`)),
  ];
}

function nestedQuote(depth: number): string {
  return depth % 2 ? '‘' : '“';
}

/** ’ inside a Latin word (China’s) or before a two-digit year (’08: the year rule reports that). */
function isApostrophe(text: string, index: number): boolean {
  if (text[index] !== '’' && text[index] !== "'") return false;
  const insideLatinWord = /[A-Za-z]/.test(text[index - 1] ?? '') && /[A-Za-z]/.test(text[index + 1] ?? '');
  return insideLatinWord || /^\d{2}(?!\d)/.test(text.slice(index + 1));
}

/** " anywhere in a paragraph with Chinese in it; ' only next to Chinese, as it is also the Latin apostrophe. */
function asciiQuotes(text: string): number[] {
  const hasChinese = containsHanzi(text);
  return [...text.matchAll(/["']/g)]
    .map((match) => match.index)
    .filter((index) => (text[index] === '"' ? hasChinese : !isApostrophe(text, index) && (isChinese(text[index - 1]) || isChinese(text[index + 1]))));
}
