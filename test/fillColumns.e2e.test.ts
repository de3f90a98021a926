/**
 * 拉行, 缩行 and 加行 (src/page/columns/) in real Chromium and Paged.js: six articles of issue 2024-4
 * whose pages Paged.js leaves with a column short in mid-article, built with the line adjustment on and off. On,
 * paragraphs of those pages are set a line longer (10-taian-lifa.md, 15-donge-huanghe-dajuan.md), or a paragraph a line
 * shorter and the article paginated again (02-nianhui-jianghua.md), or a paragraph of the page before a line longer
 * and the article paginated again (03-dushiquan.md: a heading kept with its text leaves three lines free, under its
 * data table the columns are balanced), or, on an opening page where none of that can, a heading set a line taller
 * (12-rizhao-zhidu-zixin.md: the widow rule splits a paragraph over the columns) or the title block a line taller and a
 * paragraph after the hole a line shorter (18-xiaoqi-diaoyan.md: a level-1 heading block starts the second column),
 * and the columns reach the foot, on the grid, with no rule broken and every character printed in order.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TypographyReport } from '../src/check/checkTypography.js';
import { pageTexts } from './helpers/pdfTools.js';
import { printedHan } from './helpers/printedArticles.js';
import { readArticles } from './helpers/readIssueText.js';
import { runCli } from './helpers/runCli.js';

const repository = join(import.meta.dirname, '..');
const articles = [
  '02-nianhui-jianghua.md',
  '03-dushiquan.md',
  '10-taian-lifa.md',
  '12-rizhao-zhidu-zixin.md',
  '15-donge-huanghe-dajuan.md',
  '18-xiaoqi-diaoyan.md',
];
const work = mkdtempSync(join(tmpdir(), 'paiban-fill-'));
const built = new Map<boolean, { report: TypographyReport; pages: string[]; issue: string }>();

/** A project with the articles in an issue of their own, the line adjustment on or off. */
function makeProject(adjust: boolean): string {
  const root = join(work, adjust ? 'on' : 'off');
  const issue = join(root, 'issues', 'fill');
  mkdirSync(issue, { recursive: true });
  for (const article of articles) cpSync(join(repository, 'issues', '2024-4', article), join(issue, article));
  const manifest = readFileSync(join(repository, 'issues', '2024-4', 'issue.yaml'), 'utf8');
  writeFileSync(
    join(issue, 'issue.yaml'),
    `${manifest.slice(0, manifest.indexOf('sections:'))}sections:\n  - title: 测试\n    articles:\n${articles.map((name) => `      - ${name}\n`).join('')}`,
  );
  const settings = readFileSync(join(repository, 'periodical.yaml'), 'utf8');
  const paths = `fonts: ${join(repository, 'fonts', 'fonts.yaml')}\ntemplates: ${join(repository, 'templates')}\n`;
  writeFileSync(join(root, 'periodical.yaml'), `${settings}\n${paths}typesetting:\n  adjust: ${adjust}\n`);
  return root;
}

beforeAll(async () => {
  for (const adjust of [false, true]) {
    const out = join(work, `fill-${adjust}.pdf`);
    const root = makeProject(adjust);
    const result = await runCli(['fill', '--root', root, '--out', out]);
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(readFileSync(join(work, `fill-${adjust}.check.json`), 'utf8')) as TypographyReport;
    built.set(adjust, { report, pages: pageTexts(out), issue: join(root, 'issues', 'fill') });
  }
}, 300_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('columns filled to the foot', () => {
  it('sets paragraphs of pages with a short column a line longer or shorter, and the columns reach the foot', () => {
    const [plain, filled] = [built.get(false)!, built.get(true)!];
    const shortPages = (report: TypographyReport) => report.findings.filter((finding) => finding.rule === 'short-column').map((finding) => finding.page);
    expect(shortPages(plain.report).length).toBeGreaterThanOrEqual(3);
    expect(filled.report.adjustments!.counts.loosen).toBeGreaterThan(0);
    expect(filled.report.adjustments!.counts.tighten).toBeGreaterThan(0);
    // 加行 on the two opening pages no paragraph of the short column could fill: a heading a line taller (12), the
    // title block a line taller with a paragraph after the hole a line shorter (18).
    expect(filled.report.adjustments!.counts.space).toBe(2);
    expect(shortPages(filled.report)).toEqual([]);
  });

  it('breaks no rule doing it, and prints every character of the articles in order', () => {
    const { report, pages, issue } = built.get(true)!;
    for (const rule of ['loose-line', 'lone-character', 'widow-orphan', 'overflow', 'missing-text', 'line-start-forbidden', 'off-grid'] as const) {
      expect(report.counts[rule], rule).toBe(0);
    }
    const printed = readArticles(issue);
    printed.forEach((article, index) => expect(printedHan(pages, printed, index, '山东人大工作理论与实践　2024·4'), article.file).toBe(article.hanText));
  });
});
