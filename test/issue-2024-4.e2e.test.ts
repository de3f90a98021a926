/**
 * The reference issue built whole, with real Chromium and Paged.js: every character of every article printed in
 * order on its pages (a dropped or duplicated paragraph fails), and the contents page numbers real.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentsPage, printedHan, titlePage } from './helpers/printedArticles.js';
import { periodical, pitch, typeAreaOf } from './helpers/defaultPage.js';
import { pageTexts, pdfFonts, pdfWords } from './helpers/pdfTools.js';
import { readArticles, type IssueArticle } from './helpers/readIssueText.js';
import { runCli, type CliResult } from './helpers/runCli.js';

const root = join(import.meta.dirname, '..');
const out = mkdtempSync(join(tmpdir(), 'paiban-2024-4-'));
const pdf = join(out, '2024-4.pdf');
let result: CliResult;
let pages: string[];
let articles: IssueArticle[];

beforeAll(async () => {
  result = await runCli(['2024-4', '--root', root, '--out', pdf]);
  pages = pageTexts(pdf);
  articles = readArticles(join(root, 'issues', '2024-4'));
}, 180_000);
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('issue 2024-4 as built', () => {
  it('builds', () => {
    expect(result.code, result.stderr).toBe(0);
    expect(articles).toHaveLength(18);
  });

  it('prints every article’s text, in order, on its own pages', () => {
    articles.forEach((article, index) => expect(printedHan(pages, articles, index, '山东人大工作理论与实践　2024·4'), article.file).toBe(article.hanText));
  });

  it('lists every article in the contents with the page its title is printed on', () => {
    for (const article of articles) expect(contentsPage(pages[1], article), article.file).toBe(titlePage(pages, article.frontMatter.title));
  });

  it('ends both columns of every page an article goes on from on the foot line, opening pages too (read from the PDF)', () => {
    const starts = articles.map((article) => titlePage(pages, article.frontMatter.title));
    // Body-size words (poppler's boxes are 1.437 em tall); a quote mark drawn by another face has a box of its own.
    const bodyWords = (page: number) =>
      pdfWords(pdf, page).filter((word) => Math.abs((word.yMax - word.yMin) / 1.437 - periodical.type.bodySize) < 0.3 && !/^[“”‘’]$/.test(word.text));
    const lowest = (page: number) =>
      [0, 1].map((column) =>
        Math.max(
          ...bodyWords(page)
            .filter((word) => word.xMin < typeAreaOf(page).middle === (column === 0))
            .map((word) => word.yMax),
        ),
      );
    // Every article's pages but its last (the last article's ends before the blank page that makes up the sheets).
    const goingOn = starts.flatMap((start, index) => Array.from({ length: (starts[index + 1] ?? pages.length) - start - 1 }, (_, at) => start + at));
    const feet = new Map(goingOn.map((page) => [page, lowest(page)]));
    const foot = Math.max(...[...feet.values()].flat());
    const short = [...feet].flatMap(([page, bottoms]) =>
      bottoms.flatMap((bottom, column) => (Math.round((foot - bottom) / pitch) > 0 ? [`p. ${page} column ${column + 1}`] : [])),
    );
    expect(goingOn.length).toBeGreaterThan(30);
    expect(short).toEqual([]);
  });

  it('uses only subset CID TrueType fonts', () => {
    expect(pdfFonts(pdf).every((font) => font.type === 'CID TrueType' && font.embedded && font.subset)).toBe(true);
  });

  it('embeds each face once (Paged.js must not declare the faces a second time)', () => {
    const faces = pdfFonts(pdf).map((font) => font.name.replace(/^[A-Z]{6}\+/, ''));
    expect(faces.length).toBeGreaterThan(1);
    expect(new Set(faces).size).toBe(faces.length);
  });
});
