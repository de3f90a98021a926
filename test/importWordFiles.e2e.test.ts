/**
 * Word files as WPS and Word write them, imported and built on real Chromium: the characters typed in Symbol and
 * Wingdings print as α ≤ β ✓ in declared faces, the EMF and WMF drawings and a drawing group's pictures are on the
 * page; and a build of an issue with several articles the build refuses names every problem of every article.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run as importManuscript } from '../src/cli/importManuscriptCli.js';
import { makeEmf, makeWmf } from './helpers/makeMetafile.js';
import { groupedPictures, inlinePicture, makeWordXml, p, symbolParagraph, title, vmlPicture, type Writer } from './helpers/makeWordXml.js';
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
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}, 120_000);
