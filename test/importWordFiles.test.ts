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
import { buildImportReport, summariseImport } from '../src/import/buildImportReport.js';
import { convertManuscript } from '../src/import/convertManuscript.js';
import { htmlToMarkdown } from '../src/import/htmlToMarkdown.js';
import { imageType } from '../src/render/readImages.js';
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

describe.each<Writer>(['WPS', 'Word'])('headings and lists written by %s', (writer) => {
  it("become headings with exactly Word's labels, lists stay lists, adjacent bold runs are one", async () => {
    const [chapter, clause, subClause] = writer === 'Word' ? ['1', '2', '3'] : ['47', '44', '48'];
    const heading = (style: string, text: string) => `<w:p><w:pPr><w:pStyle w:val="${style}"/></w:pPr><w:r><w:t>${text}</w:t></w:r></w:p>`;
    const listItem = (text: string) => `<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="2"/></w:numPr></w:pPr><w:r><w:t>${text}</w:t></w:r></w:p>`;
    const emptyBullet = '<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="2"/></w:numPr></w:pPr></w:p>';
    // Word splits a bold heading into runs (a proofing mark between them): one strong each in mammoth's HTML.
    const splitBold =
      '<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>格式</w:t></w:r><w:proofErr w:type="spellStart"/><w:r><w:rPr><w:b/></w:rPr><w:t>说明：</w:t></w:r><w:r><w:t>正文用宋体。</w:t></w:r></w:p>';
    const body =
      title('标准编写说明') +
      heading(chapter, '范围') +
      p('本文件规定了编写要求。') +
      heading(chapter, '术语和定义') +
      heading(clause, '定期安全评价') +
      p('下列要求适用：') +
      listItem('要求一；') +
      emptyBullet +
      listItem('要求二。') +
      heading(subClause, '一般要求') +
      splitBold +
      heading(clause, '缩略语');
    const article = await convert(await makeWordXml({ writer, body, numbering: outlineNumbering(writer), styles: outlineStyles(writer) }));
    const [one, two] = writer === 'Word' ? ['第一章\u3000', '第二章\u3000'] : ['1\u3000', '2\u3000'];
    expect(bodyOf(article.text).split('\n\n')).toEqual([
      `## ${one}范围`,
      '本文件规定了编写要求。',
      `## ${two}术语和定义`,
      '### 2.1\u3000定期安全评价',
      '下列要求适用：',
      // A list of the body keeps its labels as text (Word's a) and 1) are not Markdown's), one paragraph each; the empty
      // item between is counted, as Word counts it, and not printed.
      ...(writer === 'Word' ? ['1)要求一；', '3)要求二。'] : ['a)要求一；', 'c)要求二。']),
      '#### 2.1.1\u3000一般要求',
      '**格式说明：**正文用宋体。',
      '### 2.2\u3000缩略语',
    ]);
  });
});

describe.each<Writer>(['WPS', 'Word'])('what is not the article, written by %s', (writer) => {
  it('leaves out the cover page, its placeholder and the table of contents, lists them, and takes the title from the cover', async () => {
    const heading = (text: string) => `<w:p><w:pPr><w:outlineLvl w:val="0"/></w:pPr><w:r><w:rPr><w:b/></w:rPr><w:t>${text}</w:t></w:r></w:p>`;
    const body =
      coverPage(writer) +
      tableOfContents(writer) +
      heading('前  言') +
      p('本文件按照GB/T 1.1—2020的规定起草。') +
      heading('1　范围') +
      p('本文件规定了定期安全评价的要求。');
    const article = await convert(await makeWordXml({ writer, body }));
    expect(article.text).toBe(
      [
        '---',
        'title: 核电厂定期安全评价 第1部分：通用要求',
        'authors: []',
        '---',
        '',
        '## 前  言',
        '',
        '本文件按照GB/T 1.1—2020的规定起草。',
        '',
        '## 1　范围',
        '',
        '本文件规定了定期安全评价的要求。',
        '',
      ].join('\n'),
    );
    expect(article.setAside.map((item) => item.what)).toEqual(['table of contents', 'placeholder', 'cover page']);
    expect(article.setAside[0].text).toMatch(/前言 ?II.*范围 ?1/);
    expect(article.setAside[2].text).toMatch(/ICS 27\.120\.99 \/ F69 \/ 核电厂定期安全评价 \/ 第1部分：通用要求/);
    expect(article.frontMatter.title.reason).toMatch(/cover page/);
    expect(article.frontMatter.titleWarning).toMatch(/taken from the cover page/);
    // The TOC's and the form's fields are gone with them: no warning about field codes left.
    expect(article.warnings.filter((warning) => /TOC|FORMTEXT|PAGEREF/.test(warning))).toEqual([]);
  });
});

it('leaves out a list of figures (TOC \\c "图") with its 插图目录 heading, as Word writes a thesis', async () => {
  const list =
    '<w:p><w:pPr><w:outlineLvl w:val="0"/></w:pPr><w:r><w:t>插图目录</w:t></w:r></w:p>' +
    '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> TOC \\h \\z \\c "图" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>图1-1 设置标题样式</w:t></w:r><w:r><w:tab/></w:r><w:r><w:t>2</w:t></w:r></w:p>' +
    '<w:p><w:r><w:t>图1-2 插入图片流程</w:t></w:r><w:r><w:tab/></w:r><w:r><w:t>2</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>';
  const article = await convert(await makeWordXml({ writer: 'Word', body: title('模板简介') + list + p('正文。') }));
  expect(bodyOf(article.text)).toBe('正文。');
  expect(article.setAside).toEqual([{ what: 'table of contents', text: '“插图目录 图1-1 设置标题样式 2 图1-2 插入图片流程 2”' }]);
});

describe('front matter with sense', () => {
  it.each<[string, string, string, Record<string, unknown>]>([
    ['摘要 is not the author', title('化工厂巡检路径规划与建模'), p('摘要') + p('本文研究巡检路径。'), { title: '化工厂巡检路径规划与建模', authors: [] }],
    [
      'a classification code is not the author',
      title('基层立法联系点建设研究'),
      p('中图分类号：D62') + p('正文。'),
      { title: '基层立法联系点建设研究', authors: [] },
    ],
    [
      'a line longer than the title is not the author',
      title('调研报告'),
      p('某市人大常委会研究室课题组调研') + p('正文。'),
      { title: '调研报告', authors: [] },
    ],
    ['a short name line still is', title('调研报告'), p('赵　明') + p('正文。'), { title: '调研报告', authors: ['赵明'] }],
  ])('%s', async (_, head, rest, expected) => {
    const article = await convert(await makeWordXml({ writer: 'WPS', body: head + rest }));
    expect(article.text).toMatch(
      new RegExp(
        `^---\\ntitle: ${expected.title}\\nauthors:${(expected.authors as string[]).length ? `\\n  - ${(expected.authors as string[]).join('\\n  - ')}` : ' \\[\\]'}\\n---`,
      ),
    );
  });

  it('a title block typed in a one-column table (WPS) is found: its first line the title, the rest kept in the body', async () => {
    const row = (text: string, pPr = '') =>
      `<w:tr><w:tc><w:p>${pPr ? `<w:pPr>${pPr}</w:pPr>` : ''}<w:r><w:rPr><w:b/><w:sz w:val="32"/></w:rPr><w:t>${text}</w:t></w:r></w:p></w:tc></w:tr>`;
    const table = `<w:tbl><w:tblPr><w:tblW w:w="5000" w:type="pct"/></w:tblPr>${row('核电厂定期安全评价 第1部分：通用要求', '<w:jc w:val="center"/>')}${row('编制说明')}${row('（2023年3月）')}</w:tbl>`;
    const article = await convert(await makeWordXml({ writer: 'WPS', body: table + p('一、任务来源') + p('本标准来源于能源行业标准制修订计划。') }));
    expect(article.text.split('\n---\n')[0]).toBe('---\ntitle: 核电厂定期安全评价 第1部分：通用要求\nauthors: []');
    expect(bodyOf(article.text).split('\n\n')).toEqual(['**编制说明**', '**（2023年3月）**', '## 一、任务来源', '本标准来源于能源行业标准制修订计划。']);
  });

  it('an attachment label above the title (附件1, as WPS writes an official document) stays in the body', async () => {
    const label = '<w:p><w:r><w:rPr><w:rFonts w:ascii="黑体" w:eastAsia="黑体"/><w:sz w:val="32"/></w:rPr><w:t>附件1</w:t></w:r></w:p>';
    const heading = '<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:sz w:val="44"/></w:rPr><w:t>公共科目笔试考试大纲</w:t></w:r></w:p>';
    const article = await convert(await makeWordXml({ writer: 'WPS', body: label + heading + p('为便于报考者了解笔试，特制定本大纲。') }));
    expect(article.frontMatter.title.value).toBe('公共科目笔试考试大纲');
    expect(bodyOf(article.text).split('\n\n')).toEqual(['附件1', '为便于报考者了解笔试，特制定本大纲。']);
  });

  it('a subtitle in another language is not the author', async () => {
    const article = await convert(
      await makeWordXml({ writer: 'Word', body: title('MinerU supports DOCX parsing now') + p('MinerU支持docx解析了') + p('正文。') }),
    );
    expect(article.frontMatter.authors).toBeUndefined();
  });

  it('a title taken from the first numbered heading stays in the body, with a warning', async () => {
    const heading = `<w:p><w:pPr><w:outlineLvl w:val="0"/></w:pPr><w:r><w:t>1　这是第一章标题</w:t></w:r></w:p>`;
    const article = await convert(await makeWordXml({ writer: 'Word', body: heading + p('正文第一段。') }));
    expect(article.frontMatter.title.value).toBe('1　这是第一章标题');
    expect(bodyOf(article.text).split('\n\n')).toEqual(['## 1　这是第一章标题', '正文第一段。']);
    expect(article.frontMatter.titleWarning).toMatch(/first heading.*left it in the body/);
  });
});

describe.each<Writer>(['WPS', 'Word'])('captions written by %s', (writer) => {
  it('become captions with or without a colon, the separator kept, also when styled as headings', async () => {
    const asHeading = (text: string) =>
      `<w:p><w:pPr><w:outlineLvl w:val="1"/><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:b/></w:rPr><w:t>${text}</w:t></w:r></w:p>`;
    const caption = writer === 'Word' ? asHeading : (text: string) => p(text, '<w:jc w:val="center"/>');
    const table =
      '<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tr><w:tc><w:p><w:r><w:t>起点</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>终点</w:t></w:r></w:p></w:tc></w:tr></w:tbl>';
    const body =
      title('巡检路径规划') +
      p('结果如下表1所示。') +
      caption('表1：22点到每个点的最短路径') +
      table +
      inlinePicture('rIdImg1', 1) +
      caption('图1: 路线1的循环路线图') +
      caption('图2 路线2') +
      p('表2中的数据表明，路线均衡。');
    const article = await convert(await makeWordXml({ writer, body, media: [{ name: 'image1.png', bytes: png }] }));
    expect(bodyOf(article.text).split('\n\n')).toEqual([
      '结果如下表1所示。',
      'Table: 表1：22点到每个点的最短路径',
      '| 起点 | 终点 |\n|---|---|',
      '![图1: 路线1的循环路线图](01-m-1.png)',
      '图2 路线2',
      '表2中的数据表明，路线均衡。',
    ]);
  });
});

describe('the summary an editor can act on', () => {
  it('puts unsure guesses first, groups and counts the rest, and keeps the converter internals for --debug', async () => {
    const field = (code: string, text: string) =>
      `<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> ${code} </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>${text}</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>`;
    const unknown = '<w:tbl><w:tblPr/><w:tblPrEx><w:tblBorders/></w:tblPrEx><w:tr><w:tc><w:p><w:r><w:t>单元格</w:t></w:r></w:p></w:tc></w:tr></w:tbl>';
    const body =
      p('关于代表联络站的报告') +
      p('王良') +
      field('DATE \\@ "yyyy年M月d日"', '2025年1月1日') +
      field('DATE', '2025年1月2日') +
      field('AUTHOR', '王良') +
      unknown +
      p('正文。');
    const article = await convert(await makeWordXml({ writer: 'WPS', body }));
    const report = buildImportReport('2025-1', '专题', 'issue.yaml', [{ ...article, article: '01-m.md' }]);
    const lines = summariseImport(report);
    expect(lines[1]).toMatch(/^ {2}check: no paragraph is formatted as a title/);
    expect(lines[2]).toMatch(/^ {2}check: took the short line under the title, “王良”/);
    expect(lines).toContain('  warning: 3 fields kept as their last shown text (DATE ×2, AUTHOR); they will not update');
    expect(lines.some((line) => line.includes('tblPrEx'))).toBe(false);
    expect(lines.at(-1)).toMatch(/^ {2}\d+ notes? of the converter on Word internals \(with --debug; in the report\)$/);
    expect(summariseImport(report, { debug: true }).some((line) => /^ {2}debug: .*tblPrEx/.test(line))).toBe(true);
  });
});

describe('emphasis as mammoth writes it from Word runs', () => {
  it.each([
    ['<p><strong>〇.1</strong><a id="_Toc1"></a><strong>格式说明</strong>正文。</p>', '**〇.1格式说明**正文。'],
    ['<p><strong><strong>习近平</strong></strong></p>', '**习近平**'],
    ['<p><strong>数字推理：</strong><strong>每道题</strong>给出一个数列。</p>', '**数字推理：每道题**给出一个数列。'],
    ['<p><em>甲</em><em>乙</em>与<strong>丙</strong> <strong>丁</strong></p>', '*甲乙*与**丙** **丁**'],
  ])('%s → %s', (html, markdown) => {
    const [block] = htmlToMarkdown(html).blocks;
    expect(block.render(block.texts)).toBe(markdown);
  });
});

it('joins bold runs split across a hyperlink or bookmark wrapper (Word 2013)', () => {
  const [block] = htmlToMarkdown('<p><strong>表决通过了《</strong><a href="#x"><strong>中华人民共和国民法典</strong></a><strong>》。</strong></p>').blocks;
  expect(block.render(block.texts)).toBe('**表决通过了《中华人民共和国民法典》。**');
});

it('numbers captions as Word does: 表%1-%5 with legal numbering restarts per chapter only (w:lvlRestart), as a thesis template writes it', async () => {
  const numbering =
    '<w:abstractNum w:abstractNumId="2"><w:multiLevelType w:val="multilevel"/>' +
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCountingThousand"/><w:suff w:val="space"/><w:lvlText w:val="第%1章"/></w:lvl>' +
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:isLgl/><w:suff w:val="space"/><w:lvlText w:val="%1.%2"/></w:lvl>' +
    '<w:lvl w:ilvl="4"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlRestart w:val="1"/><w:isLgl/><w:suff w:val="space"/><w:lvlText w:val="表%1-%5"/></w:lvl>' +
    '</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="2"/></w:num>';
  const numbered = (ilvl: number, text: string) => p(text, `<w:numPr><w:ilvl w:val="${ilvl}"/><w:numId w:val="1"/></w:numPr>`);
  const body =
    title('模板') + numbered(0, '绪论') + numbered(4, '格式') + numbered(1, '用法') + numbered(4, '样式') + numbered(0, '问题') + numbered(4, '字体');
  const article = await convert(await makeWordXml({ writer: 'Word', body, numbering }));
  expect(bodyOf(article.text).split('\n\n')).toEqual([
    '第一章\u3000绪论',
    '表1-1\u3000格式',
    '1.1\u3000用法',
    '表1-2\u3000样式',
    '第二章\u3000问题',
    '表2-1\u3000字体',
  ]);
});

it.each([
  ['**0.1**\u3000**格式说明**', '**0.1**\u3000**格式说明**'],
  ['**2024** **年工作**', '**2024年工作**'],
])('cleaning never leaves **** between emphasis: %s → %s', (dirty, clean) => {
  expect(cleanManuscriptText(dirty).text).toBe(clean);
});

it('prints no bare bullet and no empty heading: the items under an empty item move up, an empty heading is dropped', () => {
  const { blocks } = htmlToMarkdown('<h1><a id="_Toc1"></a></h1><ul><li><ul><li>本合同一式四份。</li><li>各执一份。</li></ul></li></ul>');
  expect(blocks.map((block) => block.kind)).toEqual(['paragraph', 'list']);
  expect(blocks[0].texts).toEqual(['']);
  expect(blocks[1].render(blocks[1].texts)).toBe('- 本合同一式四份。\n- 各执一份。');
});

it('counts on across a second instance that only replaces a level (w:lvlOverride with w:lvl, no w:startOverride), as a Word thesis template writes it', async () => {
  const chapterLevel =
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCountingThousand"/><w:pStyle w:val="1"/><w:suff w:val="nothing"/><w:lvlText w:val="第%1章 "/></w:lvl>';
  const numbering =
    `<w:abstractNum w:abstractNumId="3"><w:multiLevelType w:val="multilevel"/>${chapterLevel}` +
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:pStyle w:val="20"/><w:isLgl/><w:lvlText w:val="%1.%2"/></w:lvl></w:abstractNum>' +
    `<w:num w:numId="4"><w:abstractNumId w:val="3"/></w:num><w:num w:numId="12"><w:abstractNumId w:val="3"/><w:lvlOverride w:ilvl="0">${chapterLevel}</w:lvlOverride></w:num>`;
  const styles =
    '<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:pPr><w:numPr><w:numId w:val="4"/></w:numPr><w:outlineLvl w:val="0"/></w:pPr></w:style>' +
    '<w:style w:type="paragraph" w:styleId="20"><w:name w:val="heading 2"/><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="12"/></w:numPr><w:outlineLvl w:val="1"/></w:pPr></w:style>';
  const heading = (style: string, text: string) => `<w:p><w:pPr><w:pStyle w:val="${style}"/></w:pPr><w:r><w:t>${text}</w:t></w:r></w:p>`;
  const body = title('学位论文') + heading('1', '绪论') + heading('20', '引言') + heading('1', '正文') + heading('20', '论文正文');
  const article = await convert(await makeWordXml({ writer: 'Word', body, numbering, styles }));
  expect(bodyOf(article.text).split('\n\n')).toEqual(['## 第一章 绪论', '### 1.1\u3000引言', '## 第二章 正文', '### 2.1\u3000论文正文']);
});
