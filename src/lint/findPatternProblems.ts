/**
 * The checks that a regular expression finds, each with an optional test of the match's context for the
 * legitimate uses it must leave alone (a number's decimal point, a list number, a connecting dash, a title's phrases).
 */
import type { ProseBlock } from './extractProse.js';
import { containsHanzi, isChinese, isHanzi } from './isChinese.js';
import type { TextRule } from '../rules/textRules.js';
import type { ProseProblem } from './ProseProblem.js';

interface TextPattern {
  rule: TextRule;
  pattern: RegExp;
  /** Whether a match is a problem in its context; absent: every match is. */
  isProblem?: (match: RegExpExecArray, block: ProseBlock) => boolean;
  message: (found: string) => string;
}

const fullwidthForm: Record<string, [name: string, fullwidth: string]> = {
  ',': ['逗号', '，'],
  '.': ['句号', '。'],
  ';': ['分号', '；'],
  ':': ['冒号', '：'],
  '?': ['问号', '？'],
  '!': ['叹号', '！'],
  '(': ['括号', '（'],
  ')': ['括号', '）'],
};

const textPatterns: TextPattern[] = [
  {
    rule: 'halfwidth-punctuation',
    pattern: /[,.;:?!()]/g,
    isProblem: ({ 0: found, index }, { text }) => ('()'.includes(found) ? isBracketInChinese(text, index) : isPunctuationInChinese(text, index)),
    message: (found) => `半角${fullwidthForm[found]![0]}“${found}”用在中文中，应为全角“${fullwidthForm[found]![1]}”`,
  },
  {
    rule: 'ellipsis-form',
    pattern: /\.{3,}|。{3,}|[·・]{3,}|⋯+|…+/gu,
    isProblem: (match, block) => isWrongEllipsis(match[0], block),
    message: (found) => (found === '…' ? '单个“…”不成省略号，应为“……”（两个U+2026）' : `省略号应为“……”（两个U+2026），此处为“${found}”`),
  },
  {
    rule: 'dash-form',
    pattern: /[-－–]{2,}|[―─]+|—+/gu,
    isProblem: (match, block) => isWrongDash(match[0], block.text, match.index),
    message: (found) =>
      found === '—' ? '单个“—”夹在汉字之间：作破折号应为“——”；作连接号（如“北京—上海”）可不改' : `破折号应为“——”（两个U+2014），此处为“${found}”`,
  },
  {
    rule: 'interpunct-form',
    pattern: /[・•‧]/gu,
    message: (found) => `间隔号应为“·”（U+00B7），此处为“${found}”（U+${codePoint(found)}）`,
  },
  {
    rule: 'fullwidth-alnum',
    pattern: /[０-９Ａ-Ｚａ-ｚ]+/gu,
    message: (found) => `全角字母数字“${found}”应为半角“${toHalfwidth(found)}”`,
  },
  {
    rule: 'doubled-punctuation',
    // ！！ ？？ ？！ are legitimate (GB/T 15834 4.2, 4.3); …… and —— are the ellipsis and dash checks' business.
    pattern: /[。，、；：][。，、；：？！]|[？！][。，、；：]/gu,
    message: (found) => `点号“${found}”重复或连用，应只保留一个`,
  },
  {
    rule: 'space-between-hanzi',
    pattern: /(?<=\p{Script=Han})\s+(?=[\p{Script=Han}A-Za-z0-9])|(?<=[A-Za-z0-9%‰℃°])\s+(?=\p{Script=Han})/gu,
    isProblem: (match, block) => !isPhraseSpace(match, block),
    message: (found) => `汉字与汉字、数字或字母之间有${found.includes('\u3000') ? '全角' : ''}空格，应删去（间距由排版添加）`,
  },
  {
    rule: 'abbreviated-year',
    // Conservative: `10年` alone is as often "ten years" as a year; only `’08` or a month after it makes it a date.
    pattern: /[’']\d{2}(?!\d)|(?<![\d.．])\d{2}年(?=\d{1,2}月)/g,
    message: (found) => `年份不应省略，“${found}”应写全四位（GB/T 15835）`,
  },
];

export function findPatternProblems(block: ProseBlock): ProseProblem[] {
  return textPatterns.flatMap(({ rule, pattern, isProblem, message }) =>
    [...block.text.matchAll(pattern)]
      .filter((match) => !isProblem || isProblem(match, block))
      .map((match) => ({ rule, start: match.index, end: match.index + match[0].length, message: message(match[0]) })),
  );
}

/**
 * Next to Chinese on either side, except a list number's point (`1.以上`, GB/T 15834 allows it) and a Latin
 * abbreviation's (`U.S.`, `Inc.`). Inside numbers (3.05, 1:500, 10:30) the neighbours are digits, so no exception is needed.
 */
function isPunctuationInChinese(text: string, index: number): boolean {
  if (!isChinese(text[index - 1]) && !isChinese(text[index + 1])) return false;
  if (text[index] !== '.') return true;
  if (text[index - 1] === '.' || text[index + 1] === '.') return false; // ... is the ellipsis check's
  const before = text.slice(0, index);
  const isListNumber = /(?:^|[^\p{L}\p{N}.])\d{1,3}$/u.test(before);
  const isAbbreviation = latinAbbreviation.test(before);
  return !isListNumber && !isAbbreviation;
}

const latinAbbreviation = /(?:\b[A-Za-z]\.)+[A-Za-z]$|\b(?:Mr|Mrs|Ms|Dr|Prof|St|No|Vol|Co|Ltd|Inc|Corp|Jr|Sr|vs|etc|al)$/;

/** A half-width bracket belongs to Chinese text when it or its partner touches Chinese, or it encloses Chinese. */
function isBracketInChinese(text: string, index: number): boolean {
  const partner = findPartnerBracket(text, index);
  const [open, close] = partner === undefined ? [index, index] : [Math.min(index, partner), Math.max(index, partner)];
  const touchesChinese = [open - 1, open + 1, close - 1, close + 1].some((at) => isChinese(text[at]));
  return touchesChinese || containsHanzi(text.slice(open, close));
}

function findPartnerBracket(text: string, index: number): number | undefined {
  const step = text[index] === '(' ? 1 : -1;
  let depth = 0;
  for (let at = index; at >= 0 && at < text.length; at += step) {
    if ('(（'.includes(text[at]!)) depth += step;
    if (')）'.includes(text[at]!)) depth -= step;
    if (depth === 0) return at === index ? undefined : at;
  }
  return undefined;
}

/** GB/T 15834 4.11: …… ; twelve dots (…………) alone on a line stand for omitted paragraphs or lines of verse. */
function isWrongEllipsis(found: string, block: ProseBlock): boolean {
  if (!/^…+$/.test(found)) return true;
  return found.length !== 2 && !(found.length === 4 && block.text.trim() === found);
}

/** GB/T 15834 4.10: —— ; `--` `――` `──` stand in for it, and so may a lone `—`. */
function isWrongDash(found: string, text: string, index: number): boolean {
  if (!/^—+$/.test(found)) return true;
  return found.length === 1 ? isLoneDash(text, index) : found.length > 2;
}

/**
 * A single `—` between two hanzi is a dash typed short, unless it connects (GB/T 15834 4.13: 一字线 between places,
 * times, steps): it is part of a chain `收集—研判—汇总`, or joins two short items `徐州—长治段`.
 */
function isLoneDash(text: string, index: number): boolean {
  if (!isHanzi(text[index - 1]) || !isHanzi(text[index + 1])) return false;
  const before = text.slice(0, index);
  const after = text.slice(index + 1);
  const singleDash = /(?<!—)—(?!—)/u;
  const isChain = singleDash.test(before.split(clauseSeparator).at(-1)!) || singleDash.test(after.split(clauseSeparator)[0]!);
  const itemBefore = /\p{Script=Han}*$/u.exec(before)![0];
  const itemAfter = /^\p{Script=Han}*/u.exec(after)![0];
  const joinsShortItems = Array.from(itemBefore).length <= 4 && Array.from(itemAfter).length <= 4;
  return !isChain && !joinsShortItems;
}

const clauseSeparator = /[，。；：！？、“”‘’（）《》【】\s]/u;

/**
 * A printed title or heading may be split into phrases by single spaces (`坚定制度自信 凝聚奋进力量`), and so may a
 * quoted name inside the text (`“代表小组建支部 党旗引领履职路”`, a 《…》 title): the print keeps those spaces.
 */
function isPhraseSpace(match: RegExpExecArray, block: ProseBlock): boolean {
  const { text } = block;
  const betweenHanzi = isHanzi(text[match.index - 1]) && isHanzi(text[match.index + 1]);
  if (match[0] !== ' ' || !betweenHanzi) return false;
  return block.kind === 'title' || block.kind === 'heading' || isInsideQuotedName(text, match.index);
}

/** Inside “…” or 《…》 holding no sentence punctuation: a name, title or slogan rather than quoted speech. */
function isInsideQuotedName(text: string, index: number): boolean {
  const open = Math.max(text.lastIndexOf('“', index), text.lastIndexOf('《', index));
  if (open < 0) return false;
  const close = text.indexOf(text[open] === '“' ? '”' : '》', index);
  return close > 0 && !/[“”《》，。；：！？]/.test(text.slice(open + 1, close));
}

function codePoint(char: string): string {
  return char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
}

function toHalfwidth(text: string): string {
  return text.replace(/[０-９Ａ-Ｚａ-ｚ]/g, (char) => String.fromCharCode(char.charCodeAt(0) - 0xfee0));
}
