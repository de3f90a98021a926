/**
 * Word manuscripts → articles (import-manuscript), without a browser: manuscripts written by the docx package and by
 * LibreOffice converted to paiban's Markdown, the cleaning rules on 2024-4's examples, and the command line's
 * refusals (exit 3, one line, nothing written). test/importManuscript.e2e.test.ts builds the imported issue.
 */
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import mammoth from 'mammoth';
import { parse } from 'yaml';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run } from '../src/cli/importManuscriptCli.js';
import { cleanManuscriptText } from '../src/import/cleanManuscriptText.js';
import { convertManuscript } from '../src/import/convertManuscript.js';
import { htmlToMarkdown } from '../src/import/htmlToMarkdown.js';
import { formatNumber } from '../src/import/labelNumberedParagraphs.js';
import { splitAuthorNames } from '../src/import/recogniseFrontMatter.js';
import { makePlainManuscript, makeSampleManuscript, makeSpeechManuscript, makeUnformattedManuscript, sample, speech } from './helpers/makeManuscript.js';
import { runCommandLine } from './helpers/runCli.js';
import { makeTempProject } from './helpers/tempProject.js';

const libreOfficeSample = readFileSync(join(import.meta.dirname, 'fixtures', 'import', 'sample-libreoffice.docx'));
const convert = (bytes: Buffer, acceptChanges = true) => convertManuscript('m.docx', bytes, { acceptChanges, nameArticle: () => '01-m' });
/** The article's body: its Markdown blocks, front matter left out. */
const bodyOf = (text: string) => text.split('\n---\n')[1].trim().split('\n\n');

describe.each([
  ['the docx package', makeSampleManuscript],
  ['LibreOffice', async () => libreOfficeSample],
])('a manuscript written by %s', (_, make) => {
  it("becomes an article in paiban's Markdown, every text in order, with its front matter recognised", async () => {
    const article = await convert(await make());
    const [frontMatterText] = article.text.slice(4).split('\n---\n');
    expect(parse(frontMatterText)).toEqual({ title: sample.title, subtitle: sample.subtitle, authors: sample.authors, affiliation: sample.affiliation });
    expect(article.frontMatter.title.reason).toMatch(/centred|styled Title/);
    const cleanTable = sample.table.map((row) => row.map((cell) => cell.replace('(个)', '（个）')));
    expect(bodyOf(article.text)).toEqual([
      `${sample.opening.clean}[^1]`,
      `## ${sample.heading1.label}${sample.heading1.text}`,
      sample.lineBreak.clean,
      sample.tracked.kept.join(''),
      `### ${sample.heading2.label}${sample.heading2.text}`,
      `**${sample.runIn.head}**${sample.runIn.clean}`,
      `Table: ${sample.tableCaption}`,
      [`| ${cleanTable[0].join(' | ')} |`, '|---|---|---|', ...cleanTable.slice(1).map((row) => `| ${row.join(' | ')} |`)]
        .join('\n')
        .replace(/\| {2}\|/g, '|  |'),
      `![${sample.figureCaption}](01-m-1.png)`,
      `## ${sample.heading1b.label}${sample.heading1b.text}`,
      `${sample.closing.clean}[^2]`,
      `${sample.notBold}${sample.link.text}。`,
      `[^1]: ${sample.footnotes[0].clean}`,
      `[^2]: ${sample.footnotes[1].clean}`,
    ]);
    expect(article.images).toHaveLength(1);
    expect(article.images[0].bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(article.counts).toEqual({ paragraph: 6, heading: 3, table: 1, figure: 1, list: 0, footnote: 2 });
    expect(article.warnings).toEqual([expect.stringMatching(/^"表1 联络站建设情况" has 2 merged cells, .*first cell.*check the table$/)]);
  });

  it('lists the comment with its author, text and anchor, and does not print it', async () => {
    const article = await convert(await make());
    expect(article.comments).toEqual([
      expect.objectContaining({ author: sample.comment.author, text: sample.comment.text, anchoredTo: sample.runIn.commented }),
    ]);
    expect(article.text).not.toContain(sample.comment.text);
  });

  it('refuses unaccepted tracked changes, and with acceptChanges keeps insertions, drops deletions and lists both', async () => {
    await expect(convert(await make(), false)).rejects.toThrow(
      /^m\.docx: 2 tracked changes not accepted: inserted “定期” by 编辑乙 in paragraph \d+ \(“各联络站定期接待选民.*deleted “，每月两次” by 编辑乙 .*--accept-changes/,
    );
    const article = await convert(await make());
    expect(article.trackedChanges.map(({ kind, text, author }) => [kind, text, author])).toEqual([
      ['insertion', sample.tracked.inserted, '编辑乙'],
      ['deletion', `，${sample.tracked.deleted}`, '编辑乙'],
    ]);
    expect(article.text).not.toContain(sample.tracked.deleted);
  });

  it('lists every cleaning change with the text around it', async () => {
    const { cleaning } = await convert(await make());
    const rules = new Set(cleaning.map((change) => change.rule));
    expect(rules).toEqual(
      new Set([
        'indent or trailing space removed',
        'space between Chinese and digits/Latin removed',
        'space between digits/Latin and Chinese removed',
        'half-width punctuation between Chinese made full-width',
        'half-width brackets around Chinese made full-width',
        'manual line break removed',
        'empty paragraph dropped',
      ]),
    );
    expect(cleaning).toContainEqual({
      rule: 'manual line break removed',
      before: '制度、有活动”⏎的要求建设(镇',
      after: '制度、有活动”的要求建设(镇',
      block: 'block 4 (paragraph)',
    });
  });
});

describe('what mammoth gets wrong, mended', () => {
  it('mammoth alone drops the numbering labels and reads bold switched off as bold; the import does neither', async () => {
    // The docx package writes bold switched off as w:val="false", which mammoth reads right; "off" (as valid) it does not.
    const zip = await JSZip.loadAsync(await makeSampleManuscript());
    const document = await zip.file('word/document.xml')!.async('string');
    expect(document.match(/<w:b w:val="false"\/>/g)).toHaveLength(1);
    const bytes = await zip.file('word/document.xml', document.replace('<w:b w:val="false"/>', '<w:b w:val="off"/>')).generateAsync({ type: 'nodebuffer' });
    const { value } = await mammoth.convertToHtml({ buffer: bytes });
    expect(value).toContain(`<strong>${sample.notBold}</strong>`);
    expect(value).not.toContain(sample.heading1.label);
    const { text } = await convert(bytes);
    expect(text).toContain(`\n${sample.notBold}`);
    expect(text).toContain(`## ${sample.heading1.label}`);
  });

  it("warns about an equation, a text box and a field, naming the paragraph; keeps the field's shown result", async () => {
    const article = await convert(await makeSpeechManuscript());
    expect(article.warnings).toEqual([
      expect.stringMatching(/^paragraph \d+ \(“专栏：代表风采”\): a text box; .*kept as paragraphs where the box is anchored/),
      expect.stringMatching(/^paragraph \d+ \(“这项指标按下式计算：”\): an equation, which is left out/),
      expect.stringMatching(/^paragraph \d+ \(“本页页码为7。”\): a field \{PAGE\}; its last shown result is kept/),
    ]);
    expect(article.text).toContain(`\n${speech.field}7。\n`);
  });

  it('recognises a title styled Title, a dateline, 、-separated authors and 作者单位 under them; endnotes, Word headings, lists', async () => {
    const article = await convert(await makeSpeechManuscript());
    expect(article.frontMatter.title).toEqual({ value: speech.title, reason: 'first paragraph, styled Title', confidence: 'sure' });
    expect(
      article.text.startsWith(
        `---\ntitle: ${speech.title}\ndateline: ${speech.dateline}\nauthors:\n  - 王良\n  - 张红卫\naffiliation: ${speech.affiliation}\n---\n`,
      ),
    ).toBe(true);
    expect(bodyOf(article.text).at(-1)).toBe(`[^1]: ${speech.endnote}`);
    expect(bodyOf(article.text).slice(0, 6)).toEqual([
      `${speech.opening}[^1]`,
      `## ${speech.heading1}`,
      `### ${speech.heading2}`,
      speech.bullets.map((text) => `- ${text}`).join('\n'),
      `1.${speech.numbered[0]}`,
      `2.${speech.numbered[1]}`,
    ]);
  });
});

describe('htmlToMarkdown', () => {
  it("drops the tab LibreOffice starts a note with and mammoth's back link, and escapes Markdown in the text", () => {
    const html =
      '<p>见*注*[1]<sup><a href="#footnote-1" id="footnote-ref-1">[1]</a></sup></p>' +
      '<ol><li id="footnote-1"><p>\t注释_文字 <a href="#footnote-ref-1">↑</a></p></li></ol>';
    const { blocks } = htmlToMarkdown(html);
    expect(blocks.map((block) => block.render(block.texts))).toEqual(['见\\*注\\*\\[1\\][^1]', '[^1]: 注释\\_文字']);
  });
});

describe('cleanManuscriptText: the rules 2024-4 was cleaned by (issues/2024-4/NOTES.md)', () => {
  it.each([
    ['召开 2024 年', '召开2024年'],
    ['约 20 年的进程', '约20年的进程'],
    ['15 个万亿级 GDP 城市', '15个万亿级GDP城市'],
    ['占比 93.08%，', '占比93.08%，'],
    ['91% 以上', '91%以上'],
    ['APP 软件端', 'APP软件端'],
    ['注：1. 以上', '注：1.以上'],
    ['　　全市共有,其中(含县)', '全市共有，其中（含县）'],
    ['为什么?', '为什么？'],
    ['一是\u2028二是', '一是二是'],
    ['Paged.js\u2028and', 'Paged.js and'],
  ])('%s → %s', (dirty, clean) => {
    expect(cleanManuscriptText(dirty).text).toBe(clean);
  });

  it('keeps the deliberate spaces between Chinese phrases and Latin punctuation that is not between Chinese', () => {
    for (const text of ['深入践行全过程人民民主 在守正创新中推动', '“汇聚代表合力 助力招商引资”', 'GDP (1)', 'see p. 5, line 3']) {
      expect(cleanManuscriptText(text)).toEqual({ text, changes: [] });
    }
  });
});

describe('labels and names', () => {
  it.each([
    [1, 'chineseCounting', '一'],
    [10, 'chineseCounting', '十'],
    [12, 'chineseCounting', '十二'],
    [20, 'chineseCounting', '二十'],
    [35, 'taiwaneseCountingThousand', '三十五'],
    [3, 'decimalEnclosedParen', '⑶'],
    [2, 'decimalEnclosedCircle', '②'],
    [3, 'ideographTraditional', '丙'],
    [4, 'lowerRoman', 'iv'],
    [11, 'chineseLegalSimplified', '拾壹'],
  ])('%i in %s is %s', (value, format, label) => {
    expect(formatNumber(value, format)).toBe(label);
  });

  it('splits author names, joining two-character names padded to three', () => {
    expect(splitAuthorNames('赵　明　李　华')).toEqual(['赵明', '李华']);
    expect(splitAuthorNames('杨光荣、尹华强，王 良')).toEqual(['杨光荣', '尹华强', '王良']);
    expect(splitAuthorNames('济南市人大常委会研究室')).toEqual(['济南市人大常委会研究室']);
  });
});

describe('a manuscript whose title is not formatted as one', () => {
  const body = ['近年来，我市各级人大代表联络站建设取得明显成效，联系群众的渠道更加畅通。', '下一步，要继续完善制度，提升履职质效。'];

  it('takes a short first paragraph without closing punctuation for the title, and warns', async () => {
    const article = await convert(await makeUnformattedManuscript(['关于代表联络站建设的调研报告', '王良', ...body]));
    expect(article.frontMatter.title.value).toBe('关于代表联络站建设的调研报告');
    expect(article.frontMatter.authors?.names).toEqual(['王良']);
    expect(bodyOf(article.text)).toEqual(body);
    expect(article.warnings).toEqual([
      expect.stringMatching(/^no paragraph is formatted as a title: took the first, "关于代表联络站建设的调研报告"; check the title/),
      // An unmarked name line under an unmarked title is a guess too: the editor sees both first.
      expect.stringMatching(/^took the short line under the title, “王良”, for the authors .*; check them/),
    ]);
  });

  it("takes the file's name when the first paragraph reads as body text, and keeps that paragraph", async () => {
    const article = await convertManuscript('联络站调研.docx', await makeUnformattedManuscript(body), { acceptChanges: true, nameArticle: () => '01-m' });
    expect(article.frontMatter.title.value).toBe('联络站调研');
    expect(bodyOf(article.text)).toEqual(body);
    expect(article.warnings).toEqual([
      expect.stringMatching(/^no title found \(the first paragraph, "近年来，.*", reads as body text\): took the file's name, "联络站调研"/),
    ]);
  });
});

describe('import-manuscript command line', () => {
  let root: string;
  beforeEach(() => {
    root = makeTempProject();
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));
  const importInto = (argv: string[]) => runCommandLine(run, argv, { cwd: root });
  const snapshot = () => ({
    folder: readdirSync(join(root, 'issues', 'mini')).sort(),
    manifest: readFileSync(join(root, 'issues', 'mini', 'issue.yaml'), 'utf8'),
    dist: existsSync(join(root, 'dist')),
  });

  it('prints help with the exit codes, and exits 2 without --section', async () => {
    const help = await importInto(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: import-manuscript [options] <id> <files...>');
    expect(help.stdout).toMatch(/Exit codes:[\s\S]*3 {4}invalid sources/);
    const missing = await importInto(['mini', 'a.docx']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("required option '--section <title>' not specified");
  });

  it('adds articles to an existing issue: numbers continue, a new section is added, the rest of issue.yaml is untouched', async () => {
    writeFileSync(join(root, 'sample.docx'), await makeSampleManuscript());
    writeFileSync(join(root, '讲话稿.docx'), await makeSpeechManuscript());
    const manifest = join(root, 'issues', 'mini', 'issue.yaml');
    writeFileSync(manifest, `# the test issue\n${readFileSync(manifest, 'utf8')}`);
    const before = readFileSync(manifest, 'utf8');
    const result = await importInto(['mini', 'sample.docx', '讲话稿.docx', '--section', '特稿', '--accept-changes']);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('sample.docx → 05-sample.md: title “关于基层人大代表联络站建设的调研报告”');
    expect(result.stderr).toContain('讲话稿.docx → 06-quanshi-renda-gongzuo.md');
    expect(result.stderr).toMatch(/warning: 1 equation left out \(paragraph \d+ \(“这项指标按下式计算：”\)\): set them as text or pictures/);
    expect(readFileSync(manifest, 'utf8')).toBe(`${before}  - title: 特稿\n    articles:\n      - 05-sample.md\n      - 06-quanshi-renda-gongzuo.md\n`);
    expect(readdirSync(join(root, 'issues', 'mini'))).toEqual(expect.arrayContaining(['05-sample.md', '05-sample-1.png', '06-quanshi-renda-gongzuo.md']));
    const report = JSON.parse(readFileSync(join(root, 'dist', 'mini-import.json'), 'utf8'));
    expect(report.manuscripts.map((manuscript: { article: string }) => manuscript.article)).toEqual(['05-sample.md', '06-quanshi-renda-gongzuo.md']);
    expect(report.manuscripts[0].comments[0]).toMatchObject({ author: '编辑甲', anchoredTo: '统一台账' });
    expect(report.manuscripts[0].trackedChanges).toHaveLength(2);
    expect(report.manuscripts[1].frontMatter.dateline.value).toBe(speech.dateline);

    const again = await importInto(['mini', 'sample.docx', '--section', '特稿', '--accept-changes']);
    expect(again.code).toBe(3);
    expect(again.stderr).toMatch(/^import-manuscript: error: sample\.docx: the issue already has an article named "sample" \(05-sample\.md\)/m);
  });

  it('adds into an existing section', async () => {
    writeFileSync(join(root, 'plain.docx'), await makePlainManuscript('测试标题', '王良', ['第一段。', '第二段。']));
    expect((await importInto(['mini', 'plain.docx', '--section', '要闻'])).code).toBe(0);
    expect(parse(readFileSync(join(root, 'issues', 'mini', 'issue.yaml'), 'utf8')).sections[0]).toEqual({
      title: '要闻',
      articles: ['01-short.md', '02-speech.md', '05-plain.md'],
    });
  });

  const cfb = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]);
  const emptyDocument = async () => {
    const zip = await JSZip.loadAsync(await makePlainManuscript('x', 'y', []));
    const document = (await zip.file('word/document.xml')!.async('string')).replace(/<w:body>[\s\S]*<w:sectPr/, '<w:body><w:sectPr');
    return zip.file('word/document.xml', document).generateAsync({ type: 'nodebuffer' });
  };
  it.each([
    ['empty.docx', async () => Buffer.alloc(0), /the file is empty \(0 bytes\)/],
    ['legacy.doc', async () => cfb, /this is a legacy Word 97–2003 \(.doc\) file, not a .docx; open it in Word or WPS and save it as a Word document/],
    ['renamed.docx', async () => cfb, /this is a legacy Word 97–2003 \(.doc\) file renamed .docx, not a .docx/],
    ['old.wps', async () => cfb, /this is a WPS Writer \(.wps\) file, not a .docx/],
    ['locked.docx', async () => Buffer.concat([cfb, Buffer.from('EncryptionInfo', 'utf16le')]), /the document is password-protected; .*remove the password/],
    ['cut.docx', async () => (await makeSampleManuscript()).subarray(0, 3000), /the .docx is corrupt \(/],
    ['text.docx', async () => Buffer.from('Dear editor, …'), /not a .docx \(not a ZIP package/],
    ['blank.docx', emptyDocument, /the document has no text/],
    ['title-only.docx', async () => makePlainManuscript('只有标题', '王良', []), /the document has a title but no text/],
  ])('refuses %s with one line, exit 3, writing nothing', async (name, make, message) => {
    writeFileSync(join(root, 'good.docx'), await makeSampleManuscript());
    writeFileSync(join(root, name), await make());
    const before = snapshot();
    const result = await importInto(['mini', 'good.docx', name, '--section', '理论与实践', '--accept-changes']);
    expect(result.code).toBe(3);
    const errors = result.stderr.split('\n').filter((line) => line.includes('error'));
    expect(errors).toEqual([expect.stringMatching(new RegExp(`^import-manuscript: error: ${name.replace('.', '\\.')}: ${message.source}`))]);
    expect(snapshot()).toEqual(before);
  });

  it('removes what it wrote when a later write fails, leaving the issue as it was', async () => {
    writeFileSync(join(root, 'good.docx'), await makeSampleManuscript());
    writeFileSync(join(root, 'dist'), "a file where the report's folder should be");
    const before = snapshot();
    const result = await importInto(['mini', 'good.docx', '--section', '理论与实践', '--accept-changes']);
    expect(result.code).toBe(1);
    expect(snapshot()).toEqual(before);
    const fresh = await importInto(['2025-3', 'good.docx', '--section', '理论与实践', '--accept-changes']);
    expect(fresh.code).toBe(1);
    expect(existsSync(join(root, 'issues', '2025-3'))).toBe(false);
  });

  it('creates a new issue from nothing, with year and number from its id', async () => {
    writeFileSync(join(root, 'a.docx'), await makeSampleManuscript());
    const result = await importInto(['2025-2', 'a.docx', '--section', '理论与实践', '--accept-changes']);
    expect(result.code).toBe(0);
    const manifest = parse(readFileSync(join(root, 'issues', '2025-2', 'issue.yaml'), 'utf8'));
    expect(manifest).toMatchObject({ year: 2025, number: 2, sections: [{ title: '理论与实践', articles: ['01-a.md'] }] });
    const refused = await importInto(['spring', 'a.docx', '--section', '理论与实践', '--accept-changes']);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain('cannot tell the year and number of a new issue from the id "spring"');
    expect(existsSync(join(root, 'issues', 'spring'))).toBe(false);
  });
});
