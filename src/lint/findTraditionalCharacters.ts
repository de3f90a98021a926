/**
 * A traditional or variant character in simplified text: one that OpenCC's traditional→simplified conversion changes.
 * The whole block is converted, not character by character, so OpenCC's phrase tables keep characters that are
 * simplified in some words (乾坤, 乾隆, 宫商角徵羽). A character that simplified→traditional also changes (麽, 苧) is
 * itself a simplified character and is left alone.
 */
import { Converter, type ConverterFunction } from 'opencc-js';
import type { ProseBlock } from './extractProse.js';
import { isHanzi } from './isChinese.js';
import type { ProseProblem } from './ProseProblem.js';

let converters: { toSimplified: ConverterFunction; toTraditional: ConverterFunction } | undefined;

/** Built on first use: loading the dictionaries takes about 0.15 s. */
function opencc() {
  converters ??= { toSimplified: Converter({ from: 't', to: 'cn' }), toTraditional: Converter({ from: 'cn', to: 't' }) };
  return converters;
}

export function findTraditionalCharacters(block: ProseBlock): ProseProblem[] {
  const { toSimplified, toTraditional } = opencc();
  const characters = Array.from(block.text);
  const converted = Array.from(toSimplified(block.text));
  // Phrase conversions nearly always keep the length; if one did not, fall back to characters one by one.
  const simplified = converted.length === characters.length ? converted : characters.map(toSimplified);
  const problems: ProseProblem[] = [];
  let index = 0;
  characters.forEach((character, position) => {
    const replacement = simplified[position]!;
    if (replacement !== character && isHanzi(character) && toTraditional(character) === character) {
      problems.push({
        rule: 'traditional-character',
        start: index,
        end: index + character.length,
        message: `繁体字或异体字“${character}”，简体应为“${replacement}”`,
      });
    }
    index += character.length;
  });
  return problems;
}
