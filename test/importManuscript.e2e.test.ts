/**
 * A new issue started from nothing with import-manuscript and built at once with build-issue (the README's quick
 * start), on real Chromium: every paragraph, heading, table cell and footnote text of both manuscripts (one written
 * by the docx package, one by LibreOffice) is in the PDF in order, the pictures are placed, the tracked deletion is
 * not printed, the comment is not printed, and the front matter is right in the article and the contents.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run as importManuscript } from '../src/cli/importManuscriptCli.js';
import { makeSampleManuscript, sample } from './helpers/makeManuscript.js';
import { pageTexts, squeeze } from './helpers/pdfTools.js';
import { runCli, runCommandLine } from './helpers/runCli.js';
import { makeTempProject } from './helpers/tempProject.js';

let root: string;
let pages: string[];
let pdf: string;

beforeAll(async () => {
  root = makeTempProject();
  writeFileSync(join(root, 'a.docx'), await makeSampleManuscript());
  copyFileSync(join(import.meta.dirname, 'fixtures', 'import', 'sample-libreoffice.docx'), join(root, 'b.docx'));
  const imported = await runCommandLine(importManuscript, ['2025-1', 'a.docx', 'b.docx', '--section', '理论与实践', '--accept-changes'], { cwd: root });
  expect(imported.code, imported.stderr).toBe(0);
  const built = await runCli(['2025-1', '--root', root]);
  expect(built.code, built.stderr).toBe(0);
  pdf = join(root, 'dist', '2025-1.pdf');
  pages = pageTexts(pdf).map(squeeze);
}, 180_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** The manuscript's texts as the article must print them, in reading order. */
const printedInOrder = [
  sample.title,
  sample.subtitle,
  sample.authors.join(''),
  sample.opening.clean,
  sample.heading1.label + sample.heading1.text,
  sample.lineBreak.clean,
  sample.tracked.kept.join(''),
  sample.heading2.label + sample.heading2.text,
  sample.runIn.head + sample.runIn.clean,
  sample.tableCaption,
  ...sample.table
    .flat()
    .filter(Boolean)
    .map((cell) => cell.replace('(个)', '（个）')),
  sample.figureCaption,
  sample.heading1b.label + sample.heading1b.text,
  sample.closing.clean,
  sample.notBold + sample.link.text,
  sample.footnotes[0].clean,
  sample.footnotes[1].clean,
].map(squeeze);

describe('import-manuscript 2025-1 a.docx b.docx, then build-issue 2025-1', () => {
  it.each([
    ['a.docx (docx package)', 0],
    ['b.docx (LibreOffice)', 1],
  ])('prints every text of %s in order, and its affiliation', (_, index) => {
    // An article's first page has its title over its subtitle; the contents lists the title alone.
    const starts = pages.map((text, page) => (text.includes(squeeze(sample.title + sample.subtitle)) ? page : -1)).filter((page) => page >= 0);
    expect(starts).toHaveLength(2);
    const article = pages.slice(starts[index], starts[index + 1]).join('');
    let position = 0;
    for (const text of printedInOrder) {
      const found = article.indexOf(text, position);
      expect(found, `“${text}” after position ${position}`).toBeGreaterThanOrEqual(position);
      position = found + text.length;
    }
    expect(article).toContain(`（作者单位：${sample.affiliation}）`);
  });

  it('does not print the tracked deletion or the comment', () => {
    const all = pages.join('');
    expect(all).not.toContain(sample.tracked.deleted);
    expect(all).not.toContain(sample.comment.text);
  });

  it('lists both articles in the contents with title and authors', () => {
    const contents = pages.find((text) => text.includes('目录'))!;
    expect(contents.split(squeeze(`${sample.title}${sample.authors.join('')}`)).length - 1).toBe(2);
  });

  it('places both pictures on the article pages', () => {
    const rows = execFileSync('pdfimages', ['-list', pdf], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
    const imagePages = rows.map((row) => Number(row.trim().split(/\s+/)[0]));
    expect(imagePages).toHaveLength(2);
    for (const page of imagePages) expect(pages[page - 1]).toContain(squeeze(sample.figureCaption));
  });
});
