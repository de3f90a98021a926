// Fidelity of issues/2024-4 to the text of the printed magazine.
//
// issues/2024-4/source/2024-4.txt is a verbatim copy of the extracted text of
// the printed issue 2024·4 (see issues/2024-4/NOTES.md). Each article of
// issue.yaml must reproduce its part of that source: the same Chinese
// characters in the same order, and (more strictly) the same visible
// characters once whitespace and Markdown syntax are ignored.
import { describe, it, expect } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { articlePrintedParts, firstDifference, locateSourceParts, markdownVisibleText, readArticles, readIssueManifest } from './helpers/readIssueText.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const issueDir = join(root, 'issues', '2024-4');
const source = readFileSync(join(issueDir, 'source', '2024-4.txt'), 'utf8');
// The copy travels with the issue; where the shared original is at hand, the two must not drift apart.
const sharedSource = join(root, '..', 'shared', 'sources', '2024-4.txt');

const manifest = readIssueManifest(issueDir);
const articles = readArticles(issueDir);
const parts = locateSourceParts(
  source,
  articles.map((a) => ({ title: a.frontMatter.title, tocTitle: a.frontMatter.tocTitle })),
);

const CLOSING = '。！？”…：；';

it.runIf(existsSync(sharedSource))('the issue keeps an exact copy of the shared source text', () => {
  expect(source).toBe(readFileSync(sharedSource, 'utf8'));
});

describe('issue 2024·4 structure', () => {
  it('has 18 articles in 5 sections with the printed counts', () => {
    expect(articles).toHaveLength(18);
    expect(manifest.sections.map((s) => [s.title, s.articles.length])).toEqual([
      ['要闻', 1],
      ['特稿', 1],
      ['庆祝人民代表大会成立70周年', 8],
      ['理论与实践', 7],
      ['调查研究', 1],
    ]);
  });

  it('numbers the article files 01..18 in printed order', () => {
    expect(articles.map((a) => a.file.slice(0, 3))).toEqual(Array.from({ length: 18 }, (_, i) => `${String(i + 1).padStart(2, '0')}-`));
    for (const a of articles) expect(a.file).toMatch(/^\d\d-[a-z0-9-]+\.md$/);
  });

  it('has the table with its caption, header and 16 data rows, two of them marked *', () => {
    const withTable = articles.filter((a) => /^\|/m.test(a.body));
    expect(withTable.map((a) => a.file)).toEqual(['03-dushiquan.md']);
    const lines = withTable[0]!.body.split('\n');
    const first = lines.findIndex((l) => l.startsWith('|'));
    expect(lines[first - 2]).toBe('Table: 14个国家级都市圈情况汇总表');
    expect(lines[first - 1]).toBe('');
    let end = first;
    while (end < lines.length && lines[end]!.startsWith('|')) end++;
    const rows = lines.slice(first, end);
    expect(rows[0]).toMatch(/^\| 名称 \|/);
    expect(rows[1]).toMatch(/^\|(-+\|)+$/);
    const data = rows.slice(2);
    expect(data).toHaveLength(16);
    expect(data.every((r) => r.split('|').length === 7)).toBe(true);
    expect(data.filter((r) => r.startsWith('| * ')).map((r) => r.split('|')[1]!.trim())).toEqual(['* 青岛都市圈', '* 济南都市圈']);
  });
});

describe('issue 2024·4 text is the printed text', () => {
  it.each(articles.map((a, i) => [a.file, i] as const))('%s: Chinese characters equal the source part', (_file, i) => {
    const a = articles[i]!;
    const p = parts[i]!;
    expect(firstDifference(a.hanText, p.han), `article ${a.file} vs source part "${p.title}"`).toBeUndefined();
    expect(a.hanText).toBe(p.han);
  });

  it.each(articles.map((a, i) => [a.file, i] as const))('%s: all visible characters equal the source part (whitespace and Markdown ignored)', (_file, i) => {
    const a = articles[i]!;
    const mine = articlePrintedParts(a.frontMatter, a.body).map(markdownVisibleText).join('');
    const theirs = parts[i]!.raw.replace(/\s+/gu, '');
    expect(firstDifference(mine, theirs), `article ${a.file}`).toBeUndefined();
  });
});

describe('issue 2024·4 Markdown conventions', () => {
  it.each(articles.map((a) => [a.file, a] as const))('%s: LF, no raw HTML or images, no hard wraps', (_file, a) => {
    const text = readFileSync(join(issueDir, a.file), 'utf8');
    expect(text).not.toMatch(/\r/);
    expect(text.endsWith('\n')).toBe(true);
    expect(a.body).not.toMatch(/<[a-zA-Z/!]/);
    expect(a.body).not.toMatch(/!\[/);
    // blocks are separated by exactly one blank line; only a table spans several lines
    for (const block of a.body.trim().split('\n\n')) {
      const lines = block.split('\n');
      if (lines.length > 1)
        expect(
          lines.every((l) => l.startsWith('|')),
          block.slice(0, 40),
        ).toBe(true);
    }
  });

  it.each(articles.map((a) => [a.file, a] as const))('%s: every paragraph ends with closing punctuation (none left split)', (_file, a) => {
    const paragraphs = a.body
      .trim()
      .split('\n\n')
      .filter((b) => !b.startsWith('#') && !b.startsWith('|') && !b.startsWith('Table: '));
    for (const p of paragraphs) expect(CLOSING, `paragraph ends "${p.slice(-15)}"`).toContain(p.slice(-1));
  });

  it.each(articles.map((a) => [a.file, a] as const))('%s: no space between Chinese text and digits/Latin', (_file, a) => {
    const fm = a.frontMatter;
    for (const s of [fm.title, fm.subtitle ?? '', ...fm.authors, fm.affiliation ?? '', a.body]) {
      expect(s).not.toMatch(/[^\x00-\x7f] +[A-Za-z0-9]|[A-Za-z0-9%] +[^\x00-\x7f]/u);
    }
    for (const name of fm.authors) expect(name).not.toMatch(/\s/);
  });
});
