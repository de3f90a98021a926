/**
 * Word files as WPS and Word write them, imported and built on real Chromium: the characters typed in Symbol and
 * Wingdings print as α ≤ β ✓ in declared faces, the EMF and WMF drawings and a drawing group's pictures are on the
 * page; and a build of an issue with several articles the build refuses names every problem of every article.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run as importManuscript } from '../src/cli/importManuscriptCli.js';
import { makeEmf, makeWmf } from './helpers/makeMetafile.js';
import {
  coverPage,
  groupedPictures,
  inlinePicture,
  makeWordXml,
  outlineNumbering,
  outlineStyles,
  p,
  symbolParagraph,
  tableOfContents,
  title,
  vmlPicture,
  type Writer,
} from './helpers/makeWordXml.js';
import { pdfImageBoxes } from './helpers/pdfImageBoxes.js';
import { pageTexts, pdfFonts, squeeze } from './helpers/pdfTools.js';
import { runCli, runCommandLine } from './helpers/runCli.js';
import { editFile, makeTempProject } from './helpers/tempProject.js';

const png = readFileSync(join(import.meta.dirname, 'fixtures', 'mini', 'issues', 'mini', 'figure.png'));
const manuscript = (writer: Writer) =>
  makeWordXml({
    writer,
    body:
      title(`${writer}稿件`) +
      symbolParagraph[writer] +
      (writer === 'Word' ? inlinePicture('rIdImg3', 1) : vmlPicture('rIdImg3')) +
      p('图1 审查流程') +
      groupedPictures +
      (writer === 'Word' ? inlinePicture('rIdImg4', 2) : vmlPicture('rIdImg4')) +
      p('图2 结构'),
    media: [
      { name: 'image1.png', bytes: png },
      { name: 'image2.png', bytes: png },
      { name: 'image3.emf', bytes: makeEmf() },
      { name: 'image4.wmf', bytes: makeWmf() },
    ],
  });

describe('WPS and Word manuscripts with symbol fonts and metafiles, imported and built', () => {
  let root: string;
  let pdf: string;
  beforeAll(async () => {
    root = makeTempProject();
    writeFileSync(join(root, 'wps.docx'), await manuscript('WPS'));
    writeFileSync(join(root, 'word.docx'), await manuscript('Word'));
    const imported = await runCommandLine(importManuscript, ['2025-1', 'wps.docx', 'word.docx', '--section', '理论与实践'], { cwd: root });
    expect(imported.code, imported.stderr).toBe(0);
    const built = await runCli(['2025-1', '--root', root]);
    expect(built.code, built.stderr).toBe(0);
    pdf = join(root, 'dist', '2025-1.pdf');
  }, 180_000);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('prints the symbols as Unicode characters in declared faces, in both articles', () => {
    const text = squeeze(pageTexts(pdf).join(''));
    expect(text.split('设显著性水平α≤0.05，系数β为正，已核对✓。')).toHaveLength(3);
    expect(text).toContain('图1 审查流程'.replace(' ', ''));
    expect(pdfFonts(pdf).every((font) => /NotoSerifSC|NotoSansSC|LXGWWenKai|DejaVu/.test(font.name))).toBe(true);
  });

  it('draws every picture: the EMF, the WMF and both of the group, in each article', async () => {
    expect((await pdfImageBoxes(pdf)).length).toBe(8);
  });
});

/** A standard (WPS) and a thesis chapter (Word) as they arrive: cover, table of contents, numbered headings, a list, captions. */
const structured = (writer: Writer) => {
  const [chapter, clause] = writer === 'Word' ? ['1', '2'] : ['47', '44'];
  const heading = (style: string, text: string) => `<w:p><w:pPr><w:pStyle w:val="${style}"/></w:pPr><w:r><w:t>${text}</w:t></w:r></w:p>`;
  const splitBold =
    '<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>格式</w:t></w:r><w:bookmarkStart w:id="0" w:name="_Toc1"/><w:bookmarkEnd w:id="0"/><w:r><w:rPr><w:b/></w:rPr><w:t>说明：</w:t></w:r><w:r><w:t>正文用宋体。</w:t></w:r></w:p>';
  const table = '<w:tbl><w:tblPr/><w:tr><w:tc><w:p><w:r><w:t>要素</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>内容</w:t></w:r></w:p></w:tc></w:tr></w:tbl>';
  return makeWordXml({
    writer,
    numbering: outlineNumbering(writer),
    styles: outlineStyles(writer),
    body:
      coverPage(writer) +
      tableOfContents(writer) +
      heading(chapter, '范围') +
      p('本文件规定了定期安全评价的要求。') +
      heading(chapter, '术语和定义') +
      heading(clause, '定期安全评价') +
      splitBold +
      p('表1：安全要素', '<w:jc w:val="center"/>') +
      table,
  });
};

describe.each<Writer>(['WPS', 'Word'])('a %s manuscript with cover, contents and numbered headings, imported and built', (writer) => {
  let root: string;
  let text: string;
  beforeAll(async () => {
    root = makeTempProject();
    writeFileSync(join(root, 'm.docx'), await structured(writer));
    const imported = await runCommandLine(importManuscript, ['2025-1', 'm.docx', '--section', '理论与实践'], { cwd: root });
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stderr).toMatch(/left out, not the article: table of contents/);
    expect(imported.stderr).toMatch(/left out, not the article: cover page/);
    const built = await runCli(['2025-1', '--root', root]);
    expect(built.code, built.stderr).toBe(0);
    text = pageTexts(join(root, 'dist', '2025-1.pdf')).join('\n');
  }, 180_000);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('prints the title from the cover, the headings with their labels, the caption, and no contents, form or emphasis marks', () => {
    // The article's pages: from its title, after the issue's own contents page.
    expect(squeeze(text)).toContain('核电厂定期安全评价第1部分：通用要求');
    const flat = squeeze(text).slice(squeeze(text).lastIndexOf('核电厂定期安全评价第1部分：通用要求'));
    const [one, two] = writer === 'Word' ? ['第一章', '第二章'] : ['1', '2'];
    expect(flat).toContain(`${one}范围本文件规定了定期安全评价的要求。`);
    expect(flat).toContain(`${two}术语和定义2.1定期安全评价格式说明：正文用宋体。`);
    expect(flat).toContain('表1：安全要素');
    for (const absent of ['ICS', 'F69', '点击此处', '发布', '目录', '目次', '前言', 'II', '*']) expect(flat).not.toContain(absent);
  });
});

it('build-issue --check passes a clean issue, writing nothing', async () => {
  const root = makeTempProject();
  try {
    const checked = await runCli(['mini', '--root', root, '--check']);
    expect(checked.code, checked.stderr).toBe(0);
    expect(checked.stderr).toMatch(/check: no blocking problem in 4 articles/);
    expect(existsSync(join(root, 'dist'))).toBe(false);
    expect((await runCli(['mini', '--root', root, '--check', '--press'])).code).toBe(2);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

it('build-issue names every blocking problem of the issue at once, per file', async () => {
  const root = makeTempProject();
  try {
    writeFileSync(join(root, 'issues', 'mini', 'drawing.emf'), makeEmf());
    editFile(root, 'issues/mini/01-short.md', (text) => `${text}\n支持✅，见下图。\n\n![流程](drawing.emf)\n`);
    editFile(root, 'issues/mini/03-long.md', (text) => `${text}\n复选☑已选。\n\n![缺](missing.png)\n`);
    const result = await runCli(['mini', '--root', root]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/4 problems block the build, in 2 files/);
    expect(result.stderr).toMatch(/01-short\.md: 2 problems\n {2}\S*01-short\.md:\d+: character “✅” \(U\+2705\)/);
    expect(result.stderr).toMatch(/01-short\.md:\d+: image drawing\.emf is not a PNG, JPEG, GIF or WebP file \(a Windows EMF drawing\); convert it to PNG/);
    expect(result.stderr).toMatch(/03-long\.md: 2 problems\n {2}\S*03-long\.md:\d+: character “☑” \(U\+2611\)/);
    expect(result.stderr).toMatch(/03-long\.md:\d+: image missing\.png not found/);
    // --check lists the same, without Chromium, writing nothing.
    const checked = await runCli(['mini', '--root', root, '--check']);
    expect(checked.code).toBe(result.code);
    expect(checked.stderr).toMatch(/4 problems block the build, in 2 files/);
    expect(existsSync(join(root, 'dist'))).toBe(false);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}, 120_000);
