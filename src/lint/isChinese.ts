const hanzi = /\p{Script=Han}/u;
const chinese = /[\p{Script=Han}\u3000-\u303F\uFF00-\uFFEF“”‘’…—·]/u;

/**
 * A Chinese character or a full-width mark (CJK punctuation, full-width forms, “”‘’…—·): what makes the text next
 * to it Chinese, so that a half-width mark there is out of place.
 */
export function isChinese(char: string | undefined): boolean {
  return char !== undefined && chinese.test(char);
}

/** A Chinese character (CJK ideograph, Unicode Script=Han, 〇 included). */
export function isHanzi(char: string | undefined): boolean {
  return char !== undefined && hanzi.test(char);
}

export function containsHanzi(text: string): boolean {
  return hanzi.test(text);
}
