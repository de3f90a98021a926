/**
 * The reference issue built whole, with real Chromium and Paged.js: every character of every article printed in
 * order on its pages (a dropped or duplicated paragraph fails), and the contents page numbers real.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentsPage, printedHan, titlePage } from './helpers/printedArticles.js';
import { pageTexts, pdfFonts } from './helpers/pdfTools.js';
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

  it('uses only subset CID TrueType fonts', () => {
    expect(pdfFonts(pdf).every((font) => font.type === 'CID TrueType' && font.embedded && font.subset)).toBe(true);
  });

  it('embeds each face once (Paged.js must not declare the faces a second time)', () => {
    const faces = pdfFonts(pdf).map((font) => font.name.replace(/^[A-Z]{6}\+/, ''));
    expect(faces.length).toBeGreaterThan(1);
    expect(new Set(faces).size).toBe(faces.length);
  });
});
