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
  /** A match left as it is, by the text before it (and the match). */
  keep?: (before: string, options: CleaningOptions, match: string) => boolean;
}

/** `图1 `, `表 2-1 `, `图3.2 `: the space after a caption's label separates it from the title, as the author set it. */
const captionLabel = /^(?:\\?\*){0,2}(?:续?表|图|圖)\s*[0-9０-９]+(?:[.．\-－][0-9０-９]+)*(?:\\?\*){0,2}$/u;
/** `PSR 定期安全评价`: the Latin term opening a term line, before the space that separates its definition. */
const definedTerm = /^(?:\\?\*){0,2}[A-Z][A-Za-z0-9/-]*(?:\\?\*){0,2}$/u;

export interface CleaningOptions {
  /** The text is a line of a list of terms (abbreviations and their full names): the space after the term stays. */
  termLine?: boolean;
  /** The text is a heading: the space after its number (`1　范围`, `3.1 定义`) stays. */
  heading?: boolean;
}

/** A heading's number: `1`, `3.1`, `A.2`. */
const headingNumber = /^(?:\\?\*){0,2}(?:[0-9]+|[A-Z])(?:\.[0-9]+)*(?:\\?\*){0,2}$/u;

/** A line of a list of terms, `PSR 定期安全评价`: a Latin term, spaces, a definition that is no sentence. */
export function isTermLine(text: string): boolean {
  return /^[A-Z][A-Za-z0-9/-]*[ \t\u00a0\u3000]+\p{Script=Han}/u.test(text) && !/[。；;，,！？!?]/u.test(text) && text.length <= 60;
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
    replace: (_, before: string, after: string) => joinAcrossEmphasis(before, after),
  },
  {
    name: 'space between digits/Latin and Chinese removed',
    pattern: new RegExp(String.raw`([\p{Script=Latin}\d%.]${marks})[ \t\u00a0\u3000]+(${marks}${chineseAfter})`, 'gu'),
    replace: (_, before: string, after: string) => joinAcrossEmphasis(before, after),
    // A number's gap written by the numbering (U+3000) stays also in a numbered paragraph that is no heading.
    keep: (before, options, match) =>
      captionLabel.test(before) ||
      (Boolean(options.termLine) && definedTerm.test(before)) ||
      ((Boolean(options.heading) || match.includes('\u3000')) && headingNumber.test(before)),
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

/** `**2024**` + `**年**` joined is `**2024年**`, not `**2024****年**`, whose stars would print. */
function joinAcrossEmphasis(before: string, after: string): string {
  return before.endsWith('**') && !before.endsWith('\\**') && after.startsWith('**') ? before.slice(0, -2) + after.slice(2) : before + after;
}

export function cleanManuscriptText(text: string, options: CleaningOptions = {}): { text: string; changes: CleaningChange[] } {
  const changes: CleaningChange[] = [];
  let current = text;
  for (const rule of rules) {
    current = current.replace(rule.pattern, (...args: unknown[]) => {
      const match = args[0] as string;
      const groups = args.slice(1, -2) as string[];
      const offset = args.at(-2) as number;
      const input = args.at(-1) as string;
      const replacement = rule.keep?.(input.slice(0, offset + (groups[0]?.length ?? 0)), options, match) ? match : rule.replace(match, ...groups);
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
