/**
 * The line grid around blocks that are not body text (src/page/paginate/fitBlocksToGrid.ts) and the pictures' sizes,
 * end to end on real Chromium and Paged.js through the command line: the issue of test/helpers/writeGridIssue.ts
 * (pictures of every shape, a table with caption and note, a block quote, code, footnotes), read back from the PDF
 * with the printer's tools; and the column pictures floated where they would leave a hole
 * (src/page/paginate/floatColumnFigures.ts).
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { markProof } from './helpers/markProof.js';
import type { PdfGlyph } from './helpers/pdfGlyphs.js';
import { type ImageBox, pdfImageBoxes } from './helpers/pdfImageBoxes.js';
import { pageTexts, pdfWords, squeeze } from './helpers/pdfTools.js';
import { holesBeforePictures } from './helpers/pictureHoles.js';
import { columnGlyphs, type ProofPages } from './helpers/proofPlaces.js';
import { runCli, runReadProof, type CliResult } from './helpers/runCli.js';
import { area, pageHeight, periodical, pitch, ptPerMm, typeAreaOf } from './helpers/defaultPage.js';
import { makeTempProject } from './helpers/tempProject.js';
import { afterFigures, gridPictures, writeGridIssue } from './helpers/writeGridIssue.js';

const columnWidth = periodical.grid.columnChars * periodical.type.bodySize;
const columnHeight = periodical.grid.lines * pitch;

// Every check on, short-column too: a column figure that does not fit the rest of its column floats
// (floatColumnFigures.ts) instead of leaving a hole.
const settings = 'figures:\n  numbering: true\n';
/** Where the text first names each picture of the first article (writeGridIssue.ts). */
const references = ['见图1', '见图2', '见图3', '见图4', '见图5', '图6和', '和图7'];
/** Every picture in the order of the text: its caption as printed (numbered within its article), the words naming it. */
const figures = [
  ...gridPictures.map(([, , , , caption], index) => ({ caption: `图${index + 1}${caption}`, reference: references[index] })),
  ...afterFigures.map(({ caption, reference }, index) => ({ caption: `图${index + 1}${caption}`, reference })),
];
let root: string;
let build: CliResult;
let pdf: string;
let boxes: ImageBox[];
let texts: string[];

beforeAll(async () => {
  root = makeTempProject(settings);
  writeGridIssue(root);
  pdf = join(root, 'dist', 'grid.pdf');
  build = await runCli(['grid', '--root', root, '--proof']);
  boxes = await pdfImageBoxes(pdf);
  texts = pageTexts(pdf).map(squeeze);
}, 180_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('blocks and pictures on the line grid', () => {
  it('builds, the text check proving nothing lost, with no finding but single lines the widow and orphan rules leave', () => {
    expect(build.code, build.stderr + build.stdout).toBe(0);
    const report = JSON.parse(readFileSync(join(root, 'dist', 'grid.check.json'), 'utf8')) as {
      findings: Array<{ rule: string; detail: string }>;
      counts: Record<string, number>;
    };
    expect(report.counts['off-grid']).toBe(0);
    expect(report.findings.filter((finding) => finding.rule !== 'short-column')).toEqual([]);
    // The fixture's paragraphs all end on a short last line, so no paragraph can be set a line longer to fill a line a
    // paragraph's first or last two lines left (fillColumns.ts); a picture leaves no such column (next test).
    for (const finding of report.findings) expect(finding.detail).toMatch(/^(column \d ends 1 line short of the foot(, |; ))+the article goes on/);
  });

  it('leaves no hole before a column picture: the text after it fills the column, measured on the PDF', async () => {
    // Each article's pages: from its title to the last with its paragraphs (第N段, then 续N段).
    const first = texts.findIndex((text) => text.includes('第一段')) + 1;
    const second = texts.findIndex((text, index) => index >= first && text.includes('其后一篇')) + 1;
    const last = texts.reduce((found, text, index) => (text.includes('段') ? index + 1 : found), 0);
    const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, index) => from + index);
    expect(second).toBeGreaterThan(first);
    for (const pages of [range(first, second - 1), range(second, last)]) {
      expect(await holesBeforePictures(pdf, pages, { typeAreaOf, pageHeight, columns: periodical.grid.columns, pitch })).toEqual([]);
    }
  });

  it('sets every article page on its side: the article after starts on the other side once the pictures shorten the first', () => {
    // Floating the pictures shortens the first article by a page (an odd number): the second is paginated again on
    // the side it now starts on. A right (odd) page carries the section in its running head, a left page the periodical.
    const first = texts.findIndex((text) => text.includes('第一段'));
    const pages = texts.flatMap((text, index) => (index >= first && text.includes('段') ? [index + 1] : []));
    expect(texts.some((text) => text.includes('其后一篇'))).toBe(true);
    for (const page of pages) expect(texts[page - 1].startsWith(page % 2 === 1 ? '网格' : '测试期刊'), `page ${page}`).toBe(true);
  });

  it('sets every body-size line of every page on one grid, a whole number of line pitches apart (read from the PDF)', () => {
    // Body-size words (10.5 pt: poppler's boxes are 1.437 em tall): paragraphs and the code; not captions, cells or
    // notes (the block quote's face reads smaller). A quote mark drawn by another face has a box of its own height,
    // and the table's caption, centred with its table in whole lines, sits between two lines on purpose: left out.
    // The article's pages (the contents page's lines are set on a grid of their own).
    const first = texts.findIndex((text) => text.includes('第一段'));
    const words = texts.flatMap((_, index) =>
      (index < first ? [] : pdfWords(pdf, index + 1))
        .filter((word) => Math.abs((word.yMax - word.yMin) / 1.437 - periodical.type.bodySize) < 0.3 && !/^[“”‘’]$|各地情况汇总表/.test(word.text))
        .map((word) => ({ ...word, page: index + 1 })),
    );
    expect(words.length).toBeGreaterThan(100);
    // How far above the foot of the type area, in pitches, modulo one: the same for every line of the issue.
    const phase = (word: (typeof words)[number]) => ((typeAreaOf(word.page).bottom - word.yMax) / pitch) % 1;
    const reference = phase(words[0]);
    for (const word of words) {
      const off = Math.abs(phase(word) - reference);
      // Chromium snaps baselines to whole pixels: within 1 pt.
      expect(Math.min(off, 1 - off) * pitch, `page ${word.page}: ${word.text}`).toBeLessThan(1);
    }
  });

  it('prints the pictures in the order of the text, none before the page that names it, none taller than half a column', () => {
    expect(boxes).toHaveLength(figures.length);
    const order = [...boxes].sort(
      (a, b) => a.page - b.page || (a.left > b.left + columnWidth / 2 ? 1 : a.left < b.left - columnWidth / 2 ? -1 : b.top - a.top),
    );
    expect(order).toEqual(boxes);
    boxes.forEach((box, index) => {
      const { caption, reference } = figures[index];
      const named = texts.findIndex((text) => text.includes(reference)) + 1;
      expect(named, caption).toBeGreaterThan(0);
      expect(box.page, caption).toBeGreaterThanOrEqual(named);
      expect(box.top - box.bottom, caption).toBeLessThanOrEqual(columnHeight / 2 + 1);
      expect(texts[box.page - 1], caption).toContain(caption);
    });
  });

  it('scales a tall picture down to half a column and centres it in the column', () => {
    const tall = boxes[0];
    expect(tall.top - tall.bottom).toBeCloseTo(columnHeight / 2, 0);
    const { left } = typeAreaOf(tall.page);
    const column = tall.left < left + columnWidth ? left : left + area.width * ptPerMm - columnWidth;
    expect((tall.left + tall.right) / 2).toBeCloseTo(column + columnWidth / 2, 0);
    expect(tall.right - tall.left).toBeLessThan(columnWidth / 2);
    // Never drawn below the page (pageHeight is the PDF's, bleed included).
    expect(tall.bottom).toBeGreaterThan(0);
    expect(tall.top).toBeLessThan(pageHeight);
  });

  it('reads marks on both parts of a paragraph a picture was floated into as marks on one paragraph of the source', async () => {
    const proofPdf = join(root, 'dist', 'grid-proof.pdf');
    const proof: ProofPages = { pdf: proofPdf, ...(await PDFDocument.load(readFileSync(proofPdf))).getPage(0).getSize() };
    const images = await pdfImageBoxes(proofPdf);
    /** A column's body lines, top to bottom: glyphs grouped by their top. */
    const linesOf = (page: number, column: number) => {
      const lines = new Map<number, PdfGlyph[]>();
      for (const glyph of columnGlyphs(proof, page, column)) lines.set(glyph.top, [...(lines.get(glyph.top) ?? []), glyph]);
      return [...lines.values()].sort((a, b) => b[0].top - a[0].top);
    };
    // The second part: the first line under a picture that starts no paragraph (each of the fixture's starts 第…段).
    let parts: { page: number; before: PdfGlyph[]; after: PdfGlyph[]; beforePage: number } | undefined;
    for (const image of images) {
      const column = (image.left + image.right) / 2 < proof.width / 2 ? 1 : 2;
      const under = linesOf(image.page, column).find((line) => line[0].top < image.bottom);
      if (!under || under[0].character === '第' || parts) continue;
      const beforePage = column === 1 ? image.page - 1 : image.page;
      const before = linesOf(beforePage, column === 1 ? 2 : 1).at(-1) as PdfGlyph[];
      parts = { page: image.page, before, after: under, beforePage };
    }
    expect(parts, 'a paragraph split around a picture').toBeDefined();
    const { before, after, page, beforePage } = parts as NonNullable<typeof parts>;
    const marked = join(root, 'proof-marked.pdf');
    const marks = [
      { kind: 'replace' as const, before: '', target: '', text: '甲乙', at: { page: beforePage, glyphs: before.slice(-2) } },
      { kind: 'replace' as const, before: '', target: '', text: '丙丁', at: { page, glyphs: after.slice(0, 2) } },
    ];
    writeFileSync(marked, await markProof(proofPdf, readFileSync(proofPdf), '校对甲', marks));
    const source = readFileSync(join(root, 'issues', 'grid', '01-grid.md'), 'utf8');
    const result = await runReadProof(root, 'grid', [marked, '--apply']);
    expect(result.code, result.stderr + result.stdout).toBe(0);
    const corrections = result.report.articles.flatMap((article) => article.corrections);
    const text = (glyphs: PdfGlyph[]) => glyphs.map((glyph) => glyph.character).join('');
    expect(corrections.map((correction) => [correction.marked, correction.status])).toEqual([
      [text(before.slice(-2)), 'applied'],
      [text(after.slice(0, 2)), 'applied'],
    ]);
    // Both in the paragraph's one source line, the second right after the first: the two parts read as one paragraph.
    const [first, second] = corrections.map((correction) => correction.source);
    expect(second?.line).toBe(first?.line);
    expect(second?.column).toBe((first?.column ?? 0) + 2);
    const line = source.split('\n')[(first?.line ?? 0) - 1];
    const edited = readFileSync(join(root, 'issues', 'grid', '01-grid.md'), 'utf8').split('\n')[(first?.line ?? 0) - 1];
    const at = (first?.column ?? 0) - 1;
    expect(edited).toBe(`${line.slice(0, at)}甲乙丙丁${line.slice(at + 4)}`);
  });
});
