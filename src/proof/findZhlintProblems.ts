/**
 * zhlint (npm) for what the project's own checks do not cover: stray spaces around full-width punctuation, quotes
 * and brackets, spaces at a block's edges (an author's U+3000 indent), 「」『』 in horizontal simplified text, and
 * the one-character ⁇ ‼ ⁈ ⁉.
 *
 * zhlint's default preset is written for Chinese web documentation, and much of it contradicts GB/T 15834 print
 * or this project: it wants a space between Chinese and Latin letters or digits (the sources here carry none: the
 * typesetter adds the spacing), half-width () in Chinese text, `~` for ～ and `/` for ／. Those rules are off. The
 * rules our own checks cover are off too (half-width punctuation, spaces between hanzi, ellipsis, interpunct,
 * unbalanced quotes and brackets), so each place is reported once, by the check that explains it best.
 */
import { run, type Options } from 'zhlint';
import type { ProseBlock } from './extractProse.js';
import type { ProseProblem } from './textRules.js';

const unifiedMarks: Record<string, string[]> = { '“': ['「'], '”': ['」'], '‘': ['『'], '’': ['』'] };

const options: Options = {
  rules: {
    noSinglePair: false,
    unifiedPunctuation: { default: false, ...unifiedMarks, '？？': true, '！！': true, '？！': true, '！？': true },
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

const replacementOf = new Map<string, string>([
  ...Object.entries(unifiedMarks).flatMap(([mark, variants]) => variants.map((variant): [string, string] => [variant, mark])),
  ['⁇', '？？'],
  ['‼', '！！'],
  ['⁈', '？！'],
  ['⁉', '！？'],
]);

export function findZhlintProblems(block: ProseBlock): ProseProblem[] {
  return run(block.text, options).validations.flatMap((validation) => {
    const place = placeOf(block.text, validation);
    if (!place) return [];
    const found = block.text.slice(place.start, place.end);
    const replacement = replacementOf.get(found);
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
  if (target === 'value' || target === 'startValue' || target === 'endValue') return { start: index, end: index + Math.max(1, length) };
  const after = target === 'innerSpaceBefore' ? index + length : tokenEnd(text, index, length);
  const blanks = /^\s+/u.exec(text.slice(after));
  return after >= 0 && blanks ? { start: after, end: after + blanks[0].length } : undefined;
}

const closingQuoteOf: Record<string, string> = { '“': '”', '‘': '’', '「': '」', '『': '』', '《': '》', '〈': '〉', '【': '】', '〖': '〗', '"': '"', "'": "'" };

function tokenEnd(text: string, index: number, length: number): number {
  const opening = text[index]!;
  const closing = closingQuoteOf[opening];
  if (!closing) return index + length;
  let depth = 0;
  for (let at = index; at < text.length; at++) {
    if (opening === closing) {
      if (at > index && text[at] === closing) return at + 1;
      continue;
    }
    if (text[at] === opening) depth++;
    if (text[at] === closing && --depth === 0) return at + 1;
  }
  return -1;
}
