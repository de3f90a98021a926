/**
 * Word files as WPS and Word really write them (raw WordprocessingML, test/helpers/makeWordXml.ts): the import
 * answers for the build. Characters typed in Symbol and Wingdings become their Unicode characters; EMF and WMF
 * drawings become PNG pictures in their place; a drawing group's pictures in mc:AlternateContent's VML fallback are
 * placed; and a manuscript the build would refuse (an emoji no face has, a picture the page cannot draw) is refused
 * before anything is written, every problem of every manuscript named at once.
 */
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run } from '../src/cli/importManuscriptCli.js';
import { cleanManuscriptText } from '../src/import/cleanManuscriptText.js';
import { convertManuscript } from '../src/import/convertManuscript.js';
import { imageType } from '../src/render/readImages.js';
import { makeEmf, makeWmf } from './helpers/makeMetafile.js';
import { groupedPictures, inlinePicture, makeWordXml, p, symbolParagraph, title, vmlPicture, type Writer } from './helpers/makeWordXml.js';
import { runCommandLine } from './helpers/runCli.js';
import { makeTempProject } from './helpers/tempProject.js';

const convert = (bytes: Buffer) => convertManuscript('m.docx', bytes, { acceptChanges: false, nameArticle: () => '01-m' });
const bodyOf = (text: string) => text.split('\n---\n')[1].trim();

const png = readFileSync(join(import.meta.dirname, 'fixtures', 'mini', 'issues', 'mini', 'figure.png'));

describe.each<Writer>(['WPS', 'Word'])('a manuscript written by %s', (writer) => {
  it('has the characters typed in Symbol and Wingdings as Unicode: α ≤ β ✓, each replacement reported', async () => {
    const article = await convert(await makeWordXml({ writer, body: title('显著性检验') + symbolParagraph[writer] }));
    expect(bodyOf(article.text)).toBe('设显著性水平α≤0.05，系数β为正，已核对✓。');
    if (writer === 'WPS') {
      expect(article.symbols).toEqual([
        { font: 'Symbol', from: 'U+F061', to: 'α', count: 1 },
        { font: 'Symbol', from: 'U+F0A3', to: '≤', count: 1 },
        { font: 'Symbol', from: 'b', to: 'β', count: 1 },
        { font: 'Wingdings', from: 'U+F0FC', to: '✓', count: 1 },
      ]);
    }
    expect(article.problems).toEqual([]);
  });

  it('has its EMF and WMF drawings as PNG pictures in their places, and the pictures of a drawing group placed', async () => {
    const picture = writer === 'Word' ? inlinePicture : (relationship: string) => vmlPicture(relationship);
    const article = await convert(
      await makeWordXml({
        writer,
        body:
          title('流程') +
          p('审查流程如下。') +
          picture('rIdImg3', 1) +
          p('图1 审查流程') +
          p('两张照片：') +
          groupedPictures +
          picture('rIdImg4', 2) +
          p('图2 结构'),
        media: [
          { name: 'image1.png', bytes: png },
          { name: 'image2.png', bytes: png },
          { name: 'image3.emf', bytes: makeEmf() },
          { name: 'image4.wmf', bytes: makeWmf() },
        ],
      }),
    );
    expect(article.problems).toEqual([]);
    expect(article.images.map((image) => [image.name, imageType(image.bytes)])).toEqual([
      ['01-m-1.png', 'image/png'],
      ['01-m-2.png', 'image/png'],
      ['01-m-3.png', 'image/png'],
      ['01-m-4.png', 'image/png'],
    ]);
    expect(bodyOf(article.text).split('\n\n')).toEqual([
      '审查流程如下。',
      '![图1 审查流程](01-m-1.png)',
      '两张照片：',
      '![](01-m-2.png)',
      '![](01-m-3.png)',
      '![图2 结构](01-m-4.png)',
    ]);
    expect(article.warnings.filter((warning) => /Windows (EMF|WMF) drawing, converted to PNG/.test(warning))).toHaveLength(2);
  });
});

describe('import-manuscript refuses what the build would refuse, naming every problem, writing nothing', () => {
  let root: string;
  beforeEach(() => {
    root = makeTempProject();
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('lists an emoji in a table and a TIFF picture of one manuscript and a Wingdings 2 box no face draws in another, with where and what to do', async () => {
    const table =
      '<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tr><w:tc><w:p><w:r><w:t>功能</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>状态</w:t></w:r></w:p></w:tc></w:tr>' +
      '<w:tr><w:tc><w:p><w:r><w:t>自动编号</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>支持✅</w:t></w:r></w:p></w:tc></w:tr></w:tbl>';
    const tiff = Buffer.from('49492a00080000000000', 'hex');
    writeFileSync(
      join(root, 'a.docx'),
      await makeWordXml({
        writer: 'Word',
        body: title('模板说明') + p('功能一览。') + table + inlinePicture('rIdImg1', 1),
        media: [{ name: 'image1.tiff', bytes: tiff }],
      }),
    );
    const unmapped =
      '<w:p><w:r><w:t>复选</w:t></w:r><w:r><w:rPr><w:rFonts w:ascii="Wingdings 2" w:hAnsi="Wingdings 2"/></w:rPr><w:t>&#xF052;</w:t></w:r><w:r><w:t>已选。</w:t></w:r></w:p>';
    writeFileSync(join(root, 'b.docx'), await makeWordXml({ writer: 'WPS', body: title('表单') + unmapped }));
    const before = readdirSync(join(root, 'issues'));
    const result = await runCommandLine(run, ['2025-1', 'a.docx', 'b.docx', '--section', '理论与实践'], { cwd: root });
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/3 problems block the import \(nothing was written\), in 2 files/);
    expect(result.stderr).toMatch(/\na\.docx: 2 problems\n/);
    expect(result.stderr).toMatch(
      / {2}a\.docx: issues\/2025-1\/01-a\.md:\d+: character “✅” \(U\+2705\) is in neither the song font Noto Serif SC nor the fallback font in “\| 自动编号 \| 支持✅ \|”; replace the character/,
    );
    expect(result.stderr).toMatch(
      / {2}a\.docx: issues\/2025-1\/01-a\.md: picture 1 is image\/tiff, which the page cannot draw: ask the author for it as PNG or JPEG/,
    );
    // Wingdings 2's ☑ is mapped to Unicode, and no declared face has it: named with its place.
    expect(result.stderr).toMatch(
      /\nb\.docx: 1 problem\n {2}b\.docx: issues\/2025-1\/02-b\.md:\d+: character “☑” \(U\+2611\) is in neither .* in “复选☑已选。”/,
    );
    expect(readdirSync(join(root, 'issues'))).toEqual(before);
    expect(existsSync(join(root, 'issues', '2025-1'))).toBe(false);
    expect(existsSync(join(root, 'dist', '2025-1-import.json'))).toBe(false);
  });
});

describe('the cleaning keeps the spaces that separate', () => {
  it.each([
    ['图1 审查流程', '图1 审查流程'],
    ['表 2-1 主要参数', '表2-1 主要参数'],
    ['**图3.2** 结构', '**图3.2** 结构'],
    ['共有 3 个图1 所示', '共有3个图1所示'],
  ])('%s → %s', (dirty, clean) => {
    expect(cleanManuscriptText(dirty).text).toBe(clean);
  });

  it("keeps the space between a term and its definition in a list of terms (as WPS writes a standard's 缩略语), not in a sentence", async () => {
    const body =
      title('缩略语') +
      p('下列缩略语适用于本文件。') +
      p('PSR 定期安全评价') +
      p('SF 安全要素') +
      p('SSCs 构筑物、系统和部件') +
      p('PSR 每十年开展一次。') +
      p('APP 软件端');
    const article = await convert(await makeWordXml({ writer: 'WPS', body }));
    expect(bodyOf(article.text).split('\n\n')).toEqual([
      '下列缩略语适用于本文件。',
      'PSR 定期安全评价',
      'SF 安全要素',
      'SSCs 构筑物、系统和部件',
      'PSR每十年开展一次。',
      'APP软件端',
    ]);
  });
});
