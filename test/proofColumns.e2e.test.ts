/**
 * The proof numbers lines by the columns of each article's body (the page's measuring core, src/page/core/columns.ts),
 * for any column count: a one-column article (`columns: 1`) and a three-column grid get one number per printed line
 * beside its column, and the proof report and the line map read-proof places marks by say the same; read-proof places
 * a mark in the right half of a one-column article's line on that line. Before, the proof split every page in two
 * halves: a one-column line was numbered as two half-lines, a three-column page as two columns.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run as readProofCommand } from '../src/cli/readProofCli.js';
import type { CorrectionsReport } from '../src/corrections/Correction.js';
import { openProof } from '../src/corrections/openProof.js';
import type { ProofMap, ProofMapLine } from '../src/proof/buildProofMap.js';
import type { ProofReport } from '../src/proof/buildProofReport.js';
import { appendAnnotations } from './helpers/annotatePdf.js';
import { pdfGlyphs, type PdfGlyph } from './helpers/pdfGlyphs.js';
import { runCli } from './helpers/runCli.js';
import { editFile, makeTempProject } from './helpers/tempProject.js';

const article = 'issues/mini/03-long.md';
// Unadjusted, so that the lines are Chromium's own; every line numbered.
const settings = 'proof:\n  lineStep: 1\ntypesetting:\n  adjust: false\n';
const oneColumn = makeTempProject(settings);
// Three columns of 14 em with 1-em gaps: the two-column grid's 44-em measure.
const threeColumns = makeTempProject(`${settings}grid:\n  columns: 3\n  columnChars: 14\n  gapChars: 1\n`);

interface Built {
  root: string;
  proofPdf: string;
  map: ProofMap;
  report: ProofReport;
  pageHeight: number;
}
let one: Built;
let three: Built;

async function buildProof(root: string): Promise<Built> {
  // A half-width bracket in the long article's third paragraph: a text finding the report locates in the proof.
  editFile(root, article, (text) => text.replace('第3段。', '第3段。(测试)'));
  const result = await runCli(['mini', '--root', root, '--proof']);
  expect(result.code, result.stderr).toBe(0);
  const proofPdf = join(root, 'dist', 'mini-proof.pdf');
  const { document, map } = await openProof(proofPdf, 'mini');
  await document.destroy();
  const report = JSON.parse(readFileSync(join(root, 'dist', 'mini-proof-report.json'), 'utf8')) as ProofReport;
  const pageHeight = (await PDFDocument.load(readFileSync(proofPdf))).getPage(0).getSize().height;
  return { root, proofPdf, map, report, pageHeight };
}

/** The map's body lines of the long article (column 0 is its head), by page. */
function articleLines({ map }: Built): Map<number, ProofMapLine[]> {
  const file = map.files.findIndex((entry) => entry.path.endsWith(article));
  const pages = new Map<number, ProofMapLine[]>();
  for (const line of map.lines.filter((candidate) => candidate.column > 0 && candidate.runs.some((run) => run[1] === file))) {
    pages.set(line.page, [...(pages.get(line.page) ?? []), line]);
  }
  return pages;
}

/** The line numbers printed on a page (6.5 pt), each with where it stands. */
function printedNumbers({ proofPdf, pageHeight }: Built, page: number): Array<{ number: number; left: number; right: number; middle: number }> {
  const digits = pdfGlyphs(proofPdf, page, pageHeight).filter((glyph) => glyph.size === 6.5 && /\d/.test(glyph.character));
  const numbers: Array<{ number: number; left: number; right: number; middle: number; glyphs: PdfGlyph[] }> = [];
  for (const digit of digits.sort((a, b) => b.top - a.top || a.left - b.left)) {
    const middle = (digit.top + digit.bottom) / 2;
    const previous = numbers.at(-1);
    if (previous && Math.abs(previous.middle - middle) < 1 && digit.left - previous.right < 2) {
      previous.glyphs.push(digit);
      previous.right = digit.right;
      previous.number = Number(previous.glyphs.map((glyph) => glyph.character).join(''));
    } else {
      numbers.push({ number: Number(digit.character), left: digit.left, right: digit.right, middle, glyphs: [digit] });
    }
  }
  return numbers.map(({ number, left, right, middle }) => ({ number, left, right, middle }));
}

/** The report's entry for the half-width bracket seeded in the long article. */
const seededFinding = ({ report }: Built) =>
  report.articles.flatMap((each) => each.entries).find((candidate) => candidate.rule === 'halfwidth-punctuation' && candidate.excerpt.includes('测试'));

beforeAll(async () => {
  editFile(oneColumn, article, (text) => text.replace('affiliation: 测试市人大常委会研究室\n', 'affiliation: 测试市人大常委会研究室\ncolumns: 1\n'));
  one = await buildProof(oneColumn);
  three = await buildProof(threeColumns);
}, 180_000);
afterAll(() => {
  rmSync(oneColumn, { recursive: true, force: true });
  rmSync(threeColumns, { recursive: true, force: true });
});

describe('the proof of a one-column article', () => {
  it('numbers each printed line once, in one column across the type area, in the left margin', () => {
    const pages = articleLines(one);
    expect(pages.size).toBeGreaterThan(0);
    for (const [page, lines] of pages) {
      expect(new Set(lines.map((line) => line.column)), `page ${page}`).toEqual(new Set([1]));
      expect(lines.map((line) => line.line)).toEqual(lines.map((_, index) => index + 1));
      // Lines do not overlap: each printed line is one map line, not two halves side by side.
      const sorted = [...lines].sort((a, b) => b.box[3] - a.box[3]);
      sorted.slice(1).forEach((line, index) => expect(line.box[3], `page ${page} line ${line.line}`).toBeLessThanOrEqual(sorted[index].box[1] + 1));
      // A full line (not a paragraph's last) reaches across the type area: 44 em of 10.5 pt.
      const widest = Math.max(...lines.map((line) => line.box[2] - line.box[0]));
      expect(widest).toBeGreaterThan(44 * 10.5 - 12);
      // The numbers printed are the map's, all in the left margin, one per line.
      const numbers = printedNumbers(one, page).filter((number) => number.middle < Math.max(...lines.map((line) => line.box[3])) + 5);
      const typeLeft = Math.min(...lines.map((line) => line.box[0]));
      expect(numbers.map((number) => number.number).sort((a, b) => a - b)).toEqual(lines.map((line) => line.line));
      for (const number of numbers) expect(number.right).toBeLessThan(typeLeft);
    }
  });

  it('locates a report entry on the printed line that shows it', () => {
    const entry = seededFinding(one);
    expect(entry?.proof).toBeDefined();
    const line = one.map.lines.find(
      (candidate) => candidate.page === entry!.proof!.page && candidate.column === entry!.proof!.column && candidate.line === entry!.proof!.line,
    );
    expect(entry!.proof!.column).toBe(1);
    expect(line?.text).toContain('(');
  });

  it('read-proof places a strike-out in the right half of a line on that line and its source', async () => {
    const pages = articleLines(one);
    const page = [...pages.keys()].at(-1)!;
    const line = pages.get(page)!.find((candidate) => candidate.text.length >= 40 && /^[\p{Script=Han}]{8}$/u.test(candidate.text.slice(30, 38)))!;
    expect(line).toBeDefined();
    // Glyphs 31–34 of the line as poppler reads them from the page (not from the map): right of the page's middle.
    const glyphs = pdfGlyphs(one.proofPdf, page, one.pageHeight)
      .filter((glyph) => glyph.size === 10.5 && glyph.bottom < line.box[3] && glyph.top > line.box[1])
      .sort((a, b) => a.left - b.left);
    expect(glyphs.map((glyph) => glyph.character).join('')).toBe(line.text);
    const marked = glyphs.slice(30, 34);
    const [left, right, top, bottom] = [marked[0].left, marked.at(-1)!.right, marked[0].top, marked[0].bottom];
    expect(left).toBeGreaterThan((line.box[0] + line.box[2]) / 2);
    const proof = new Uint8Array(readFileSync(one.proofPdf));
    const markedPdf = join(one.root, 'proof-marked.pdf');
    writeFileSync(
      markedPdf,
      await appendAnnotations(
        proof,
        [
          {
            page,
            entries: {
              Subtype: '/StrikeOut',
              QuadPoints: [left, top, right, top, left, bottom, right, bottom],
              Rect: [left - 1, bottom - 1, right + 1, top + 1],
              C: [1, 0, 0],
              T: '校对甲',
              F: 4,
            },
          },
        ],
        'table',
      ),
    );
    let stderr = '';
    const code = await readProofCommand(['mini', '--root', one.root, markedPdf], {
      stdout: { write: () => true },
      stderr: { write: (text: string) => (stderr += text) },
    });
    expect(code, stderr).toBe(0);
    const report = JSON.parse(readFileSync(join(one.root, 'dist', 'mini-corrections.json'), 'utf8')) as CorrectionsReport;
    const corrections = report.articles.flatMap((entry) => entry.corrections);
    expect(corrections).toHaveLength(1);
    const printed = printedNumbers(one, page).find((number) => Math.abs(number.middle - (top + bottom) / 2) < 5);
    expect(corrections[0]).toMatchObject({ kind: 'delete', marked: line.text.slice(30, 34), proof: { page, column: 1, line: printed?.number } });
    expect(corrections[0].proof.line).toBe(line.line);
    const source = readFileSync(join(one.root, article), 'utf8');
    const sourceLine = source.split('\n').findIndex((text) => text.includes(line.text.slice(26, 34))) + 1;
    expect(corrections[0].source).toMatchObject({ line: sourceLine });
    expect(corrections[0].source!.file.endsWith(article)).toBe(true);
  });
});

describe('the proof of a three-column grid', () => {
  it('numbers the lines of each of the three columns, each line inside its column', () => {
    const pages = articleLines(three);
    // A page in the middle of the article has all three columns.
    const full = [...pages.entries()].filter(([, lines]) => new Set(lines.map((line) => line.column)).size === 3);
    expect(full.length).toBeGreaterThan(0);
    const columnWidth = 14 * 10.5;
    for (const [page, lines] of full) {
      for (const column of [1, 2, 3]) {
        const inColumn = lines.filter((line) => line.column === column);
        expect(
          inColumn.map((line) => line.line),
          `page ${page} column ${column}`,
        ).toEqual(inColumn.map((_, index) => index + 1));
        for (const line of inColumn) expect(line.box[2] - line.box[0]).toBeLessThan(columnWidth + 2);
        const lefts = inColumn.map((line) => line.box[0]);
        // Each column's lines start further right than the column before's end.
        if (column > 1) expect(Math.min(...lefts)).toBeGreaterThan(Math.max(...lines.filter((line) => line.column === column - 1).map((line) => line.box[2])));
      }
      // One number per line: the first column's in the left margin, the last's in the right, the middle's in the gap before it.
      const numbers = printedNumbers(three, page);
      const edges = [1, 2, 3].map((column) => {
        const inColumn = lines.filter((line) => line.column === column);
        return { left: Math.min(...inColumn.map((line) => line.box[0])), right: Math.max(...inColumn.map((line) => line.box[2])), count: inColumn.length };
      });
      const beside = (test: (number: { left: number; right: number }) => boolean) => numbers.filter(test).length;
      expect(beside((number) => number.right < edges[0].left)).toBeGreaterThanOrEqual(edges[0].count);
      expect(beside((number) => number.left > edges[0].right && number.right < edges[1].left)).toBe(edges[1].count);
      expect(beside((number) => number.left > edges[2].right)).toBe(edges[2].count);
    }
  });

  it('locates a report entry in its column', () => {
    const entry = seededFinding(three);
    expect(entry?.proof?.column).toBeGreaterThan(0);
    const line = three.map.lines.find(
      (candidate) => candidate.page === entry?.proof?.page && candidate.column === entry.proof.column && candidate.line === entry.proof.line,
    );
    expect(line?.text).toContain('(');
  });
});
