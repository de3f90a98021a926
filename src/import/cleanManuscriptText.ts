/**
 * Manuscript dirt, cleaned by the rules the 2024-4 sources were cleaned by (issues/2024-4/NOTES.md): manual line
 * breaks and indents removed, spaces between Chinese and digits/Latin removed (the CSS spaces them), half-width
 * , ; : ? ! and () between Chinese characters made full-width. Nothing is reworded: every change is one of these
 * and is returned with the text around it, for the import report.
 */
import { lineBreakMark } from './htmlToMarkdown.js';

export interface CleaningChange {
  rule: string;
  before: string;
  after: string;
}

/** Han characters and the Chinese marks that may stand next to them. */
const han = String.raw`\p{Script=Han}`;
const chineseBefore = String.raw`[\p{Script=Han}）》」』】”’。，、；：？！]`;
const chineseAfter = String.raw`[\p{Script=Han}（《「『【“‘]`;
/** Emphasis marks may stand between a character and a space (`**一、** 2024年`). */
const marks = String.raw`(?:\\?\*{1,2})?`;
const fullWidth: Record<string, string> = { ',': '，', ';': '；', ':': '：', '?': '？', '!': '！' };

interface Rule {
  name: string;
  pattern: RegExp;
  replace: (match: string, ...groups: string[]) => string;
}

const rules: Rule[] = [
  {
    name: 'manual line break removed',
    pattern: new RegExp(String.raw`(.?)${lineBreakMark}+(.?)`, 'gu'),
    replace: (_, before: string, after: string) =>
      /[\p{Script=Latin}\d]/u.test(before) && /[\p{Script=Latin}\d]/u.test(after) ? `${before} ${after}` : before + after,
  },
  { name: 'indent or trailing space removed', pattern: /^[\s\u3000\u00a0]+|[\s\u3000\u00a0]+$/gu, replace: () => '' },
  {
    name: 'space between Chinese and digits/Latin removed',
    pattern: new RegExp(String.raw`(${chineseBefore}${marks})[ \t\u00a0\u3000]+(${marks}[\p{Script=Latin}\d%])`, 'gu'),
    replace: (_, before: string, after: string) => before + after,
  },
  {
    name: 'space between digits/Latin and Chinese removed',
    pattern: new RegExp(String.raw`([\p{Script=Latin}\d%.]${marks})[ \t\u00a0\u3000]+(${marks}${chineseAfter})`, 'gu'),
    replace: (_, before: string, after: string) => before + after,
  },
  {
    name: 'half-width punctuation between Chinese made full-width',
    pattern: new RegExp(String.raw`(?<=${chineseBefore})[ \u00a0]*([,;:?!])[ \u00a0]*(?=${chineseAfter})|(?<=${han})([?!])(?=(?:\[\^\d+\])*$)`, 'gu'),
    replace: (match: string, between: string | undefined, atEnd: string | undefined) => fullWidth[between ?? atEnd ?? match.trim()],
  },
  {
    name: 'half-width brackets around Chinese made full-width',
    pattern: new RegExp(String.raw`\(([^()\]\[]*${han}[^()\]\[]*)\)`, 'gu'),
    replace: (_, inside: string) => `（${inside}）`,
  },
];

export function cleanManuscriptText(text: string): { text: string; changes: CleaningChange[] } {
  const changes: CleaningChange[] = [];
  let current = text;
  for (const rule of rules) {
    current = current.replace(rule.pattern, (...args: unknown[]) => {
      const match = args[0] as string;
      const groups = args.slice(1, -2) as string[];
      const offset = args.at(-2) as number;
      const input = args.at(-1) as string;
      const replacement = rule.replace(match, ...groups);
      if (replacement !== match) {
        const before = input.slice(Math.max(0, offset - 6), offset + match.length + 6);
        const after = input.slice(Math.max(0, offset - 6), offset) + replacement + input.slice(offset + match.length, offset + match.length + 6);
        changes.push({ rule: rule.name, before: before.replace(lineBreakMark, '⏎'), after });
      }
      return replacement;
    });
  }
  return { text: current, changes };
}
