// Reusable readers for an issue folder (issue.yaml + NN-slug.md articles) and for
// the plain-text source of a printed issue. Used by the fidelity test for 2024·4
// and meant to be reused by tests that compare a built PDF with the text.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

export interface IssueSection {
  title: string;
  articles: string[];
}

export interface IssueManifest {
  year: number;
  number: number;
  cumulative?: number;
  date?: string;
  imprint?: { label: string; value: string }[];
  sections: IssueSection[];
}

export interface ArticleFrontMatter {
  title: string;
  tocTitle?: string;
  subtitle?: string;
  authors: string[];
  dateline?: string;
  affiliation?: string;
}

export interface IssueArticle {
  /** file name as listed in issue.yaml, e.g. "01-huiyuan-dahui.md" */
  file: string;
  /** title of the issue.yaml section the article is listed under */
  section: string;
  frontMatter: ArticleFrontMatter;
  /** Markdown body after the front matter */
  body: string;
  /** Chinese characters of the article in printed order, see articleHanText() */
  hanText: string;
}

/** The literal the article template prints before an affiliation: （作者单位：…） */
export const AFFILIATION_PREFIX = '作者单位';

const HAN_GLOBAL = /\p{Script=Han}/gu;
const HAN_ONE = /^\p{Script=Han}$/u;

/** The sequence of Chinese characters (CJK ideographs, Unicode Script=Han) in s. */
export function hanCharacters(s: string): string {
  return (s.match(HAN_GLOBAL) ?? []).join('');
}

export function readIssueManifest(issueDir: string): IssueManifest {
  return parse(readFileSync(join(issueDir, 'issue.yaml'), 'utf8')) as IssueManifest;
}

/** Split "---\n<yaml>\n---\n<body>" into parsed front matter and body. */
export function splitFrontMatter(text: string): { frontMatter: ArticleFrontMatter; body: string } {
  const m = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text);
  if (!m) throw new Error('missing YAML front matter');
  return { frontMatter: parse(m[1]!) as ArticleFrontMatter, body: m[2]! };
}

/**
 * The article's texts in the order the magazine prints them: title, subtitle,
 * dateline, authors, body, and the article-final （作者单位：affiliation） line.
 */
export function articlePrintedParts(fm: ArticleFrontMatter, body: string): string[] {
  const parts = [fm.title];
  if (fm.subtitle) parts.push(fm.subtitle);
  if (fm.dateline) parts.push(fm.dateline);
  parts.push(...(fm.authors ?? []));
  parts.push(body);
  if (fm.affiliation) parts.push(`（${AFFILIATION_PREFIX}：${fm.affiliation}）`);
  return parts;
}

export function articleHanText(fm: ArticleFrontMatter, body: string): string {
  return hanCharacters(articlePrintedParts(fm, body).join(''));
}

/** Every article listed in issue.yaml, in issue order. */
export function readArticles(issueDir: string): IssueArticle[] {
  const manifest = readIssueManifest(issueDir);
  return manifest.sections.flatMap((section) =>
    section.articles.map((file) => {
      const { frontMatter, body } = splitFrontMatter(readFileSync(join(issueDir, file), 'utf8'));
      return { file, section: section.title, frontMatter, body, hanText: articleHanText(frontMatter, body) };
    }),
  );
}

/**
 * Reduce Markdown to the characters a reader sees, for comparison with plain
 * source text: drops heading marks, ** emphasis, the Pandoc "Table:" caption
 * prefix, pipe-table syntax and all whitespace.
 */
export function markdownVisibleText(md: string): string {
  return md
    .split('\n')
    .filter((line) => !/^\|(\s*:?-+:?\s*\|)+\s*$/.test(line))
    .map((line) => {
      if (line.startsWith('|'))
        return line
          .replace(/^\||\|$/g, '')
          .split('|')
          .join('');
      return line.replace(/^#{1,6} /, '').replace(/^Table: /, '');
    })
    .join('\n')
    .replace(/\*\*/g, '')
    .replace(/\s+/gu, '');
}

export interface SourcePart {
  /** the article title (as given) that starts this part */
  title: string;
  /** the raw source text of the part, from the printed title up to the next article's title */
  raw: string;
  /** its Chinese characters */
  han: string;
}

/**
 * Cut the plain-text source of an issue into one part per article: from the
 * article's printed title to the start of the next article's title (the last
 * part runs to the end). The printed contents list at the top, which repeats
 * every title, is skipped: starting at "目录", the contents entries
 * (tocTitle ?? title) are searched in order first, and only after the last
 * one are the article titles searched, in order. Matching is done on the
 * Chinese characters only, so line breaks, spaces and digits inside a printed
 * title do not matter.
 */
export function locateSourceParts(source: string, articles: { title: string; tocTitle?: string }[], contentsHeading = '目录'): SourcePart[] {
  // han[i] is the i-th Chinese character of source, at code-unit offset at[i]
  const han: string[] = [];
  const at: number[] = [];
  for (let i = 0; i < source.length; ) {
    const ch = String.fromCodePoint(source.codePointAt(i)!);
    if (HAN_ONE.test(ch)) {
      han.push(ch);
      at.push(i);
    }
    i += ch.length;
  }
  const hanText = han.join('');
  const find = (needle: string, from: number, what: string): number => {
    const i = hanText.indexOf(hanCharacters(needle), from);
    if (i < 0 || hanCharacters(needle) === '') throw new Error(`${what} not found in source: ${needle}`);
    return i;
  };

  let pos = find(contentsHeading, 0, 'contents heading');
  for (const a of articles) {
    const t = a.tocTitle ?? a.title;
    pos = find(t, pos, 'contents entry') + hanCharacters(t).length;
  }
  const starts: number[] = [];
  for (const a of articles) {
    const i = find(a.title, pos, 'article title');
    starts.push(i);
    pos = i + hanCharacters(a.title).length;
  }
  return articles.map((a, k) => {
    const s = starts[k]!;
    const e = k + 1 < starts.length ? starts[k + 1]! : han.length;
    const rawEnd = e < han.length ? at[e]! : source.length;
    return { title: a.title, raw: source.slice(at[s]!, rawEnd), han: hanText.slice(s, e) };
  });
}

/** Where two strings first differ, with some context on both sides, or undefined if equal. */
export function firstDifference(actual: string, expected: string, context = 20): string | undefined {
  if (actual === expected) return undefined;
  const a = Array.from(actual);
  const b = Array.from(expected);
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const show = (x: string[]) => `${x.slice(Math.max(0, i - context), i).join('')}⟦${x.slice(i, i + context).join('')}⟧`;
  return `first difference at character ${i} (of ${a.length} vs ${b.length}):\n  got:      ${show(a)}\n  expected: ${show(b)}`;
}
