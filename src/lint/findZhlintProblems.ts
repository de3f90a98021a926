/**
 * zhlint (npm) for what the project's own checks do not cover: stray spaces around full-width punctuation, quotes
 * and brackets, spaces at a block's edges (an author's U+3000 indent), 「」『』 in horizontal simplified text, and
 * the one-character ⁇ ‼ ⁈ ⁉.
 *
 * zhlint's default preset is written for Chinese web documentation, and much of it contradicts GB/T 15834 print
 * or this project, so only the rules named below are on. Off: a space between Chinese and Latin letters, digits
 * or code (the sources here carry none: the typesetter adds the spacing; on issue 2024·4 this alone gave 600
 * findings), a space outside quotations and brackets (1,100 more), half-width () in Chinese text, `~` for ～,
 * `/` for ／, ● for ·, and a space after half-width punctuation or between Latin words (English typography). Also
 * off are the rules our own checks cover (half-width punctuation, spaces between hanzi, ellipsis, interpunct,
 * unbalanced quotes and brackets), so that each place is reported once, by the check that explains it best.
 */
import { run, type Options } from 'zhlint';
import type { ProseBlock } from './extractProse.js';
import type { ProseProblem } from './ProseProblem.js';

/**
 * The marks zhlint is asked to replace: corner quotes are for vertical text (GB/T 15834 4.8), horizontal simplified
 * text takes “”‘’; the one-character ⁇ ‼ ⁈ ⁉ are two marks.
 */
const replacementOf: Record<string, string> = {
  '「': '“',
  '」': '”',
  '『': '‘',
  '』': '’',
  '⁇': '？？',
  '‼': '！！',
  '⁈': '？！',
  '⁉': '！？',
};

const options: Options = {
  rules: {
    noSinglePair: false,
    unifiedPunctuation: {
      default: false,
      ...Object.fromEntries(Object.entries(replacementOf).map(([variant, mark]) => [mark, [variant]])),
    },
    noSpaceBeforePauseOrStop: true,
    noSpaceAfterFullwidthPauseOrStop: true,
    noSpaceOutsideFullwidthQuotation: true,
    noSpaceInsideQuotation: true,
    noSpaceOutsideFullwidthBracket: true,
    noSpaceInsideBracket: true,
    trimSpace: true,
    skipPureWestern: true,
  },
  // The block is already plain prose; zhlint's Markdown parser would see Markdown that is not there.
  hyperParse: [],
};

export function findZhlintProblems(block: ProseBlock): ProseProblem[] {
  return run(block.text, options).validations.flatMap((validation) => {
    const place = placeOf(block.text, validation);
    if (!place) return [];
    const found = block.text.slice(place.start, place.end);
    const replacement = replacementOf[found];
    const message = replacement ? `${validation.message}：${found} 应为 ${replacement}` : `${validation.message}，应删去`;
    return [{ rule: 'zhlint', ...place, message }];
  });
}

type Validation = ReturnType<typeof run>['validations'][number];

/**
 * Every rule kept asks either to replace a mark or to remove a space. For a space zhlint reports the token before it;
 * for a quotation that token is the whole quotation, reported by its opening mark (its `length` counts child tokens,
 * not characters), so the space is the one after the matching closing mark. A space rule that finds no space there
 * would be a zhlint bug, and is dropped.
 */
function placeOf(text: string, validation: Validation): { start: number; end: number } | undefined {
  const { index, length, target } = validation;
  if (target === 'value' || target === 'startValue' || target === 'endValue') {
    return { start: index, end: index + Math.max(1, length) };
  }
  const after = target === 'innerSpaceBefore' ? index + length : tokenEnd(text, index, length);
  const blanks = /^\s+/u.exec(text.slice(after));
  return after >= 0 && blanks ? { start: after, end: after + blanks[0].length } : undefined;
}

const closingQuoteOf: Record<string, string> = {
  '“': '”',
  '‘': '’',
  '「': '」',
  '『': '』',
  '《': '》',
  '〈': '〉',
  '【': '】',
  '〖': '〗',
  '"': '"',
  "'": "'",
};

function tokenEnd(text: string, index: number, length: number): number {
  const opening = text[index]!;
  const closing = closingQuoteOf[opening];
  if (!closing) return index + length;
  if (opening === closing) {
    const close = text.indexOf(closing, index + 1);
    return close < 0 ? -1 : close + 1;
  }
  let depth = 0;
  for (let at = index; at < text.length; at++) {
    if (text[at] === opening) depth++;
    if (text[at] === closing && --depth === 0) return at + 1;
  }
  return -1;
}
