/**
 * Wide figures floated to the top of a page (src/page/paginate/placeWideFigures.ts), end to end on real Chromium
 * and Paged.js through the command line: the issue of test/helpers/writeFloatIssue.ts, read back from the PDF with
 * the printer's tools (the drawn image boxes, pdftotext's words and their boxes).
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { figureRules } from '../src/rules/figureRules.js';
import { type ImageBox, pdfImageBoxes } from './helpers/pdfImageBoxes.js';
import { groupLines, type PdfWord, pageTexts, pdfWords, squeeze } from './helpers/pdfTools.js';
import { runCli, type CliResult } from './helpers/runCli.js';
import { area, pageHeight, pitch, ptPerMm, typeAreaOf } from './helpers/defaultPage.js';
import { makeTempProject } from './helpers/tempProject.js';
import { floatArticles, floatParagraph, writeFloatIssue } from './helpers/writeFloatIssue.js';

/** Han characters only: what a reader reads, without the folios, spaces and Latin of the running heads. */
const han = (text: string) => text.replace(/[^\p{Script=Han}]/gu, '');
const captionOf = (index: number, caption: string) => `图${index + 1}${caption}`;

let root: string;
let build: CliResult;
let pdf: string;
let boxes: ImageBox[];
let texts: string[];

/** The first page of each article. */
let starts: number[];

beforeAll(async () => {
  root = makeTempProject('figures:\n  numbering: true\n');
  writeFloatIssue(root);
  build = await runCli(['floats', '--root', root]);
  pdf = join(root, 'dist', 'floats.pdf');
  boxes = await pdfImageBoxes(pdf);
  texts = pageTexts(pdf);
  // After the imprint and the contents, which names every article too.
  starts = floatArticles.map((article) => texts.findIndex((text, index) => index >= 2 && squeeze(text).includes(article.title)) + 1);
}, 120_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

/** The pages (1-based) of an article, first and last. */
const pagesOf = (article: number): [number, number] => [starts[article], article + 1 < starts.length ? starts[article + 1] - 1 : texts.length];

/** The page (1-based) of an article printing a text, whitespace ignored. */
function pageOf(article: number, text: string): number {
  const [first, last] = pagesOf(article);
  for (let page = first; page <= last; page++) if (squeeze(texts[page - 1]).includes(squeeze(text))) return page;
  return 0;
}

/** The body lines of a page below a height (from the top), per column, top to bottom. */
function columnLines(page: number, below: number): PdfWord[][] {
  const typeArea = typeAreaOf(page);
  const words = pdfWords(pdf, page).filter((word) => word.yMin > below && word.yMax < typeArea.bottom + pitch / 2);
  return [words.filter((word) => word.xMax <= typeArea.middle), words.filter((word) => word.xMin >= typeArea.middle)].map(groupLines);
}

/** A figure by its article and caption: its page, the caption's line, and the image box drawn right above that line. */
function figureOn(article: number, caption: string) {
  const page = pageOf(article, caption);
  const captionLine = groupLines(pdfWords(pdf, page)).find((line) => squeeze(line.text).includes(caption.slice(2))) as PdfWord;
  const above = boxes.filter((box) => box.page === page && pageHeight - box.bottom <= captionLine.yMin);
  const box = above.sort((a, b) => a.bottom - b.bottom)[0];
  return { page, box, captionLine };
}

describe('wide figures at the top of the page', () => {
  it('builds with no figure finding of the check, and no column short of the foot on a page with a figure', () => {
    expect(build.code, build.stderr + build.stdout).toBe(0);
    type Finding = { rule: string; page: number };
    const report = JSON.parse(readFileSync(join(root, 'dist', 'floats.check.json'), 'utf8')) as { findings: Finding[] };
    expect(report.findings.filter((finding) => finding.rule in figureRules)).toEqual([]);
    const figurePages = new Set(boxes.map((box) => box.page));
    expect(report.findings.filter((finding) => finding.rule === 'short-column' && figurePages.has(finding.page))).toEqual([]);
  });

  it('sets each figure at the top of the type area, across it, its caption under it on the same page', () => {
    for (const article of [0, 1]) {
      const caption = captionOf(0, floatArticles[article].figures[0].caption);
      const { page, box, captionLine } = figureOn(article, caption);
      const typeArea = typeAreaOf(page);
      expect(box, caption).toBeDefined();
      expect(pageHeight - box.top, caption).toBeCloseTo(typeArea.top, 0);
      expect(box.left, caption).toBeCloseTo(typeArea.left, 0);
      expect(box.right, caption).toBeCloseTo(typeArea.right, 0);
      expect(captionLine, caption).toBeDefined();
      expect(captionLine.yMin).toBeGreaterThan(pageHeight - box.bottom);
      expect(captionLine.yMin - (pageHeight - box.bottom)).toBeLessThan(pitch);
    }
  });

  it('runs both columns below the figure full, from under its caption to the foot, on the line grid', () => {
    for (const article of [0, 1]) {
      const { page, captionLine } = figureOn(article, captionOf(0, floatArticles[article].figures[0].caption));
      const typeArea = typeAreaOf(page);
      const columns = columnLines(page, captionLine.yMax);
      // A page of the article set as text only, neither its first (under the head) nor one with a figure.
      const [first, last] = pagesOf(article);
      const textPage = Array.from({ length: last - first }, (_, index) => first + 1 + index).find((candidate) => !boxes.some((box) => box.page === candidate));
      const textLines = columnLines(textPage as number, typeAreaOf(textPage as number).top - 1)[0];
      for (const lines of columns) {
        expect(lines.length, floatArticles[article].file).toBeGreaterThan(5);
        // No gap under the caption: the first line within two line pitches of it.
        expect(lines[0].yMin - captionLine.yMax).toBeLessThan(2 * pitch);
        // Line after line, a line pitch apart, down to the foot: the last line's box ends in the type area's last line.
        lines.slice(1).forEach((line, index) => expect(line.yMin - lines[index].yMin).toBeCloseTo(pitch, 0));
        expect(typeArea.bottom - lines.at(-1)!.yMax).toBeLessThan(pitch / 2);
        expect(typeArea.bottom - lines.at(-1)!.yMax).toBeGreaterThan(0);
        // On the grid of the text pages: the first line a whole number of line pitches below a text page's first.
        const linesAbove = (lines[0].yMin - textLines[0].yMin) / pitch;
        expect(Math.abs(linesAbove - Math.round(linesAbove))).toBeLessThan(0.05);
      }
      expect(columns[0]).toHaveLength(columns[1].length);
    }
  });

  it('moves the figure up above the text before its reference point, on the page holding that point', () => {
    const after = floatArticles[0].figures[0].after;
    const { page, captionLine } = figureOn(0, captionOf(0, floatArticles[0].figures[0].caption));
    // The paragraphs on either side of the reference point are on the figure's page, set under it.
    expect(pageOf(0, floatParagraph(after + 1).slice(0, 5))).toBe(page);
    expect(pageOf(0, floatParagraph(after).slice(0, 5))).toBe(page);
    expect(page).toBeGreaterThan(pagesOf(0)[0]);
    const start = floatParagraph(after).slice(0, 5);
    const line = columnLines(page, 0)
      .flat()
      .find((candidate) => squeeze(candidate.text).startsWith(start)) as PdfWord;
    expect(line.yMin).toBeGreaterThan(captionLine.yMax);
  });

  it('sends the figure to the next page when its reference point falls in the last lines of a page', () => {
    const after = floatArticles[1].figures[0].after;
    const { page } = figureOn(1, captionOf(0, floatArticles[1].figures[0].caption));
    // The paragraph after the reference point starts in the second column of the page before, in its last quarter.
    const start = floatParagraph(after + 1).slice(0, 5);
    const before = pageOf(1, start);
    expect(before).toBe(page - 1);
    const column = columnLines(before, 0)[1];
    const line = column.find((candidate) => squeeze(candidate.text).startsWith(start)) as PdfWord;
    expect(line).toBeDefined();
    expect(typeAreaOf(before).bottom - line.yMin).toBeLessThan((area.height * ptPerMm) / 4);
  });

  it("keeps an article's last figures in order on a page of their own at its end", () => {
    const article = floatArticles[2];
    const [first, second] = article.figures.map((figure, index) => figureOn(2, captionOf(index, figure.caption)));
    expect(second.page).toBe(first.page);
    expect(first.page).toBe(pagesOf(2)[1]);
    expect(second.box.top).toBeLessThan(first.box.bottom);
    // Nothing else on that page but the running head and the folio.
    const body = han(squeeze(texts[first.page - 1]))
      .replace(han(captionOf(0, article.figures[0].caption)), '')
      .replace(han(captionOf(1, article.figures[1].caption)), '');
    expect(body).toBe('测试期刊');
    expect(pageOf(2, floatParagraph(article.paragraphs).slice(0, 5))).toBe(first.page - 1);
  });

  it("prints every paragraph of every article once and in order, and each caption once, on the article's pages", () => {
    floatArticles.forEach((article, index) => {
      const [first, last] = pagesOf(index);
      const pages = texts.slice(first - 1, last);
      let printed = han(pages.map((text) => squeeze(text)).join(''));
      for (const [at, figure] of article.figures.entries()) {
        const caption = han(captionOf(at, figure.caption));
        expect(printed.split(caption), caption).toHaveLength(2);
        printed = printed.replace(caption, '');
      }
      const paragraphs = han(Array.from({ length: article.paragraphs }, (_, n) => floatParagraph(n + 1)).join(''));
      // The running heads (the periodical's title, the section's) are printed at the top of the pages.
      const body = printed.replaceAll('测试期刊', '').replaceAll('图片', '');
      expect(body.slice(body.indexOf(paragraphs.slice(0, 3)))).toBe(paragraphs);
    });
  });
});
