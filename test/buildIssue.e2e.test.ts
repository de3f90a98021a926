/**
 * End to end: the fixture issue built by the real CLI (in-process) with real Chromium and Paged.js, asserted on
 * the PDF itself as a reader and a printer would see it.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, PDFName, type PDFString } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentsPage, printedHan, titlePage as printedTitlePage } from './helpers/printedArticles.js';
import { readArticles, type IssueArticle } from './helpers/readIssueText.js';
import { pageTexts, pdfFonts, pdfInfo, pdfOutline, squeeze } from './helpers/pdfTools.js';
import { runCli, type CliResult } from './helpers/runCli.js';

const fixture = join(import.meta.dirname, 'fixtures', 'mini');
const out = mkdtempSync(join(tmpdir(), 'paiban-e2e-'));
const pdf = join(out, 'mini.pdf');
const declaredFonts = [
  'NotoSerifSC-Regular',
  'NotoSerifSC-Bold',
  'NotoSansSC-Regular',
  'NotoSansSC-Bold',
  'LXGWWenKai-Regular',
  'LXGWWenKai-Bold',
  'DejaVuSerif',
  'DejaVuSerif-Bold',
];
const versoHead = '测试期刊　2025·1';

let result: CliResult;
let pages: string[];
let articles: IssueArticle[];

beforeAll(async () => {
  result = await runCli(['mini', '--root', fixture, '--out', pdf, '--html']);
  pages = pageTexts(pdf);
  articles = readArticles(join(fixture, 'issues', 'mini'));
}, 120_000);

afterAll(() => rmSync(out, { recursive: true, force: true }));

const titlePage = (title: string) => printedTitlePage(pages, title);

describe('build-issue on the fixture issue', () => {
  it('exits 0 and reports pages, time and output path', () => {
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(new RegExp(`wrote ${pdf.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: ${pages.length} pages in [\\d.]+ s`));
  });

  it('writes the HTML handed to the browser when asked', () => {
    const html = readFileSync(join(out, 'mini.html'), 'utf8');
    expect(html).toContain('<html lang="zh-Hans">');
    expect(html).toContain('Content-Security-Policy');
  });

  it('has an imprint page, a contents page, and every article starting on a new page', () => {
    expect(squeeze(pages[0])).toContain('测试期刊');
    expect(squeeze(pages[0])).toContain('编印单位：测试编辑部');
    expect(squeeze(pages[0])).toContain('印数：100册');
    expect(squeeze(pages[1])).toContain('目录');
    const starts = articles.map((article) => titlePage(article.frontMatter.title));
    expect(starts[0]).toBe(3);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    expect(new Set(starts).size).toBe(articles.length);
    // The long article spans several pages.
    expect(starts[3] - starts[2]).toBeGreaterThanOrEqual(3);
  });

  it('prints in the contents the page on which each article title is printed', () => {
    for (const article of articles) expect(contentsPage(pages[1], article), article.file).toBe(titlePage(article.frontMatter.title));
  });

  it('sets running heads: periodical and issue on versos, the section on rectos; none on the front pages', () => {
    const firstArticlePage = titlePage(articles[0].frontMatter.title);
    for (let page = firstArticlePage; page <= pages.length; page++) {
      const text = pages[page - 1];
      if (!text.trim()) continue; // a blank page added for the binding
      if (page % 2 === 0) {
        expect(squeeze(text).startsWith(squeeze(versoHead)), `verso page ${page}`).toBe(true);
      } else {
        const section = [...articles].reverse().find((article) => titlePage(article.frontMatter.title) <= page)!.section;
        expect(squeeze(text).startsWith(section), `recto page ${page} starts with ${section}`).toBe(true);
      }
    }
    // Page 2 is a verso, but the contents page is a front page: no head.
    expect(squeeze(pages[1]).startsWith(squeeze(versoHead))).toBe(false);
  });

  it('pads with blank pages to a multiple of 4 for saddle stitching, and says so', () => {
    expect(pages.length % 4).toBe(0);
    expect(pages.at(-1)!.trim()).toBe('');
    expect(result.stderr).toMatch(/added \d blank pages? at the end: saddle stitching needs a multiple of 4 pages/);
  });

  it('sets TrimBox and BleedBox on every page from the settings', () => {
    const boxes = execFileSync('pdfinfo', ['-box', '-f', '1', '-l', String(pages.length), pdf], { encoding: 'utf8' });
    const trim = [...boxes.matchAll(/Page\s+\d+ TrimBox:\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)/g)].map((match) => match.slice(1).map(Number));
    const bleed = [...boxes.matchAll(/Page\s+\d+ BleedBox:\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)/g)].map((match) => match.slice(1).map(Number));
    expect(trim).toHaveLength(pages.length);
    const mm = (value: number) => (value * 25.4) / 72;
    for (const [x0, y0, x1, y1] of trim) {
      expect([mm(x0), mm(y0), mm(x1 - x0), mm(y1 - y0)].map((value) => Math.round(value * 10) / 10)).toEqual([3, 3, 210, 285]);
    }
    for (const [x0, y0, x1, y1] of bleed) expect([mm(x0), mm(y0), mm(x1), mm(y1)].map((value) => Math.round(value))).toEqual([0, 0, 216, 291]);
  });

  it('prints the folio on every page but the added blanks', () => {
    pages
      .filter((text) => text.trim())
      .forEach((text, index) => {
        const lines = text.split('\n').map((line) => line.trim());
        expect(lines, `page ${index + 1}`).toContain(String(index + 1));
      });
  });

  it('embeds only the declared fonts, as subset CID TrueType, no Type 3', () => {
    const fonts = pdfFonts(pdf);
    expect(fonts.length).toBeGreaterThanOrEqual(4);
    for (const font of fonts) {
      expect(font.type, font.name).toBe('CID TrueType');
      expect(font.embedded && font.subset, font.name).toBe(true);
      expect(declaredFonts, font.name).toContain(font.name.replace(/^[A-Z]{6}\+/, ''));
    }
  });

  it('carries metadata from the manifest', async () => {
    const info = pdfInfo(pdf);
    expect(info.Title).toBe('测试期刊 2025年第1期 总第40期');
    expect(info.Author).toBe('测试编辑部');
    expect(info.Subject).toBe('要闻、理论与实践');
    expect(info.Pages).toBe(String(pages.length));
    expect(info.CreationDate).toMatch(/Mar\s+1 00:00:00 2025/);
    const document = await PDFDocument.load(readFileSync(pdf));
    expect((document.catalog.get(PDFName.of('Lang')) as PDFString).decodeText()).toBe('zh-CN');
  });

  it('has one bookmark per section and per article, pointing at their pages', async () => {
    const outline = await pdfOutline(pdf);
    expect(outline.map((item) => item.title)).toEqual(['要闻', '理论与实践']);
    const children = outline.flatMap((item) => item.children);
    expect(children.map((item) => item.title)).toEqual(articles.map((article) => article.frontMatter.title));
    for (const child of children) expect(child.page, child.title).toBe(titlePage(child.title));
    expect(outline[1].page).toBe(children[2].page);
  });

  it('prints every character of every article, in order, on its pages', () => {
    articles.forEach((article, index) => expect(printedHan(pages, articles, index, versoHead), article.file).toBe(article.hanText));
  });

  it('places the figure with its caption, at its full resolution', () => {
    expect(squeeze(pages.join(''))).toContain('图1都市圈人口规模示意');
    const images = execFileSync('pdfimages', ['-list', pdf], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
    expect(images.map((line) => line.trim().split(/\s+/).slice(3, 5).join('x'))).toContain('1200x480');
  });

  it('keeps the table with its caption and every row', () => {
    const text = squeeze(pages.join(''));
    expect(text).toContain('五个都市圈情况汇总表');
    for (const row of ['南京都市圈5.16.603548', '福州都市圈2.215.601745', '成都都市圈2.793.313009', '长株潭都市圈*2.072.801700', '西安都市圈1.763.792249']) {
      expect(text).toContain(row);
    }
  });
});
