/**
 * Proofs: the same lines as the print PDF, a slug on every page, line numbers that count each column's lines,
 * report entries located in proof and source, and change marks for what changed since a git revision.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProofReport } from '../src/proof/buildProofReport.js';
import { groupLines, pageTexts, pdfWords, squeeze, type PdfWord } from './helpers/pdfTools.js';
import { runCli, type CliResult } from './helpers/runCli.js';
import { editFile, makeTempProject } from './helpers/tempProject.js';

const root = makeTempProject('proof:\n  lineStep: 1\n');
const dist = join(root, 'dist');
let result: CliResult;
let print: string[];
let proof: string[];
let report: ProofReport;

const pt = (mm: number) => (mm * 72) / 25.4;

/**
 * Lines of one column of a page (inside the type area), from the words pdftotext finds: the text inside the
 * column, or with `numbers` the proof's line numbers beside it. The fixture's grid: 2 columns of 21 em at
 * 10.5 pt with a 2 em gap; odd pages have the inner margin (23.5 mm) on the left, even pages the outer one.
 */
function columnLines(pdf: string, page: number, column: 1 | 2, numbers = false): PdfWord[] {
  const em = 10.5; // pt
  const outer = 210 - 23.5 - (44 * em * 25.4) / 72; // mm
  const left = pt(3 + (page % 2 === 1 ? 23.5 : outer)) + (column - 1) * 23 * em;
  const right = left + 21 * em;
  const [top, bottom] = [pt(3 + 22) - 2, pt(3 + 22 + 233.4) + 2];
  // Words taller than 30 pt are the proof's watermark, not text.
  const words = pdfWords(pdf, page).filter((word) => word.yMin >= top && word.yMax <= bottom && word.yMax - word.yMin < 30);
  const inside = (word: PdfWord) => word.xMin >= left - 1 && word.xMax <= right + 1;
  const beside = (word: PdfWord) =>
    /^\d+$/.test(word.text) && (column === 1 ? word.xMax < left : word.xMin > right) && Math.abs(word.xMin - (column === 1 ? left : right)) < 30;
  return groupLines(words.filter(numbers ? beside : inside));
}

beforeAll(async () => {
  execFileSync('git', ['init', '-q'], { cwd: root });
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qam', 'round 1', '--allow-empty'], { cwd: root });
  execFileSync('git', ['add', '.'], { cwd: root });
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qm', 'round 1'], { cwd: root });
  // Round 2: one edited paragraph (line 23 of 03-long.md) and a seeded half-width bracket in another (line 13).
  editFile(root, 'issues/mini/03-long.md', (text) => {
    const lines = text.split('\n');
    lines[22] = lines[22].replace('第8段。', '第8段。本段在第二校中改写。');
    lines[12] = lines[12].replace('第3段。', '第3段。(测试)');
    return lines.join('\n');
  });
  result = await runCli(['mini', '--root', root, '--round', '2', '--since', 'HEAD']);
  print = pageTexts(join(dist, 'mini.pdf'));
  proof = pageTexts(join(dist, 'mini-proof.pdf'));
  report = JSON.parse(readFileSync(join(dist, 'mini-proof-report.json'), 'utf8')) as ProofReport;
}, 120_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('the proof', () => {
  it('is written beside the print PDF with its report', () => {
    expect(result.code, result.stderr).toBe(0);
    for (const name of ['mini-proof.pdf', 'mini-proof-report.html', 'mini-proof-report.json']) expect(result.stderr).toContain(join(dist, name));
  });

  it('carries the slug on every page, and the print PDF carries none', () => {
    const commit = execFileSync('git', ['rev-parse', '--short=10', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
    proof.forEach((text, index) => {
      expect(squeeze(text), `page ${index + 1}`).toMatch(
        new RegExp(`校样第2校\\d{4}-\\d\\d-\\d\\d\\d\\d:\\d\\d版本${commit}（有未提交的修改）第${index + 1}页`),
      );
    });
    expect(print.join('')).not.toContain('校样');
  });

  it('has the print PDF’s lines, page for page and line for line', () => {
    // The print PDF may end with blank pages added for the binding; the proof shows the laid-out pages.
    expect(print.slice(proof.length).every((text) => !text.trim())).toBe(true);
    proof.forEach((_text, index) => {
      const page = index + 1;
      for (const column of [1, 2] as const) {
        const printLines = columnLines(join(dist, 'mini.pdf'), page, column).map((line) => line.text);
        const proofLines = columnLines(join(dist, 'mini-proof.pdf'), page, column).map((line) => line.text);
        expect(proofLines, `page ${page} column ${column}`).toEqual(printLines);
      }
    });
  });

  it('numbers every line of each column, restarting in each column', () => {
    const page = 6; // a full page of the long article
    for (const column of [1, 2] as const) {
      const count = columnLines(join(dist, 'mini.pdf'), page, column).length;
      expect(count).toBeGreaterThan(30);
      const columnNumbers = columnLines(join(dist, 'mini-proof.pdf'), page, column, true).map((line) => Number(line.text));
      expect(columnNumbers, `column ${column}`).toEqual(Array.from({ length: count }, (_, index) => index + 1));
    }
  });

  it('locates a seeded text error in the sources and on the proof page, column and line', () => {
    const entry = report.articles
      .flatMap((article) => article.entries)
      .find((candidate) => candidate.rule === 'halfwidth-punctuation' && candidate.excerpt.includes('测试'));
    expect(entry?.source).toMatchObject({ file: expect.stringMatching(/03-long\.md$/), line: 13 });
    const { page, column, line } = entry!.proof!;
    expect(columnLines(join(dist, 'mini.pdf'), page, column as 1 | 2)[line - 1].text).toContain('(测试');
  });

  it('lists the changed passage with its place in proof and source', () => {
    const changes = report.articles.flatMap((article) => article.entries).filter((entry) => entry.kind === 'change');
    expect(changes.map((entry) => entry.source.line)).toEqual([13, 23]);
    const changed = changes.find((entry) => entry.source.line === 23)!;
    const { page, column, line } = changed.proof!;
    expect(columnLines(join(dist, 'mini.pdf'), page, column as 1 | 2)[line - 1].text).toContain('第8段');
    expect(readFileSync(join(dist, 'mini-proof-report.html'), 'utf8')).toContain('自上一轮以来修改的段落');
  });

  it('counts findings per kind and per article in the report', () => {
    expect(report.counts.byRule['halfwidth-punctuation']).toBeGreaterThanOrEqual(2);
    expect(report.counts.byRule.changed).toBe(2);
    expect(Object.keys(report.counts.byArticle)).toEqual(expect.arrayContaining([expect.stringMatching(/03-long\.md$/)]));
  });
});
